"""Catalogue entries of teachers' career records (E1150–E1169)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1150", E, "学校不属于本区县", "School not in this district",
              "学校标识码“{value}”不是{district}的学校。", "School code '{value}' is not a school of {district}.",
              "核对学校标识码；教师只能登记在本区县的学校，跨区县调动由两地教育局办理。",
              "Check the school code; a teacher is recorded only at a school of this district, and a move between "
              "districts is handled by both bureaus."),
    ErrorSpec("E1151", E, "教师编号重复", "Duplicate teacher number",
              "教师编号“{value}”在文件中出现了不止一次（第一次在第 {first_row} 行）。",
              "Teacher number '{value}' appears more than once in the file (first on row {first_row}).",
              "每位教师只保留一行；同名教师请核对编号。",
              "Keep one row per teacher; for namesakes, check their numbers."),
    ErrorSpec("E1152", E, "代码无法识别", "Code not recognised",
              "“{value}”不是可用的代码。", "'{value}' is not one of the codes allowed here.",
              "按模板说明填写学段、学科、学历、职称、骨干类别和认定级别（中文名称或代码均可）。",
              "Write the section, subject, qualification, title, key-teacher tier and awarding level as the "
              "template explains (the Chinese name or the code)."),
    ErrorSpec("E1153", E, "已在该校任教", "Already at that school",
              "该教师现在就在“{value}”任教，不能交流到同一所学校。",
              "The teacher already works at '{value}'; a rotation must go to another school.",
              "选择另一所学校作为交流去向。", "Choose another school to rotate to."),
    ErrorSpec("E1154", E, "交流日期早于现岗位开始日期", "Rotation before the current post began",
              "交流开始日期 {value} 不晚于现岗位的开始日期 {since}。",
              "The rotation's start {value} is not after the current post's start {since}.",
              "交流开始日期应晚于现岗位开始日期；历史交流请按时间顺序补录。",
              "Give a start after the current post began; enter past rotations in order of time."),
    ErrorSpec("E1155", E, "不得上传身份证号", "No ID-card numbers",
              "{where}含有身份证号码（{value}），整个文件未保存，号码也没有被记录。",
              "{where_en} holds an ID-card number ({value}); nothing of the file was kept, the number was not stored.",
              "删除身份证号列；“教师编号”只填区县编制的脱敏编号（如 T50011800001），不能用身份证号代替。",
              "Delete the ID-card column; write in 教师编号 only the district's masked staff number (like "
              "T50011800001), never an ID-card number."),
    ErrorSpec("E1156", E, "佐证材料类型不允许", "Evidence file type not allowed",
              "文件“{value}”不是图片（JPEG、PNG、WebP）或 PDF。", "File '{value}' is not an image (JPEG, PNG, WebP) "
              "or a PDF.",
              "请上传证书照片或 PDF 文件；其他文件请先转为 PDF。", "Upload a photo of the certificate or a PDF; "
              "convert other files to PDF."),
    ErrorSpec("E1157", E, "佐证材料太大", "Evidence file too large",
              "文件“{value}”有 {size}，超过上限 {limit}。", "File '{value}' is {size}, over the limit of {limit}.",
              "请压缩后再上传（照片可缩小尺寸，PDF 可减少页数）。",
              "Make it smaller and upload again (a smaller photo, fewer PDF pages)."),
    ErrorSpec("E1158", E, "图片无法读取", "Image cannot be read",
              "文件“{value}”无法作为图片读取。", "File '{value}' cannot be read as an image.",
              "请上传 JPEG、PNG 或 WebP 照片，或 PDF。", "Upload a JPEG, PNG or WebP photo, or a PDF."),
    ErrorSpec("E1159", E, "不是教师信息模板", "Not the teachers' template",
              "文件“{value}”不是教师信息导入模板：{detail_zh}。", "File '{value}' is not the teachers' import "
              "template: {detail_en}.",
              "下载教师信息模板，按表头填写后再上传（第1行是表头，不要改动）。",
              "Download the teachers' template, fill it in under its headers and upload it again (row 1 is the "
              "header: keep it)."),
    ErrorSpec("E1160", E, "取值无法识别", "Value not understood",
              "“{value}”不是有效的{detail_zh}。", "'{value}' is not a valid {detail_en}.",
              "按模板“填表说明”填写：年份写四位数字（如 1985），是否类填“是”或“否”，性别填“男”或“女”。",
              "Write as the template's guide says: years as four digits (1985), yes/no columns as 是 or 否, sex "
              "as 男 or 女."),
    ErrorSpec("E1161", E, "必填项为空", "A required value is blank",
              "“{value}”必须填写。", "'{value}' must be filled in.",
              "补上该单元格再上传；教师编号和学校标识码每行都必须有。",
              "Fill in the cell and upload again; every row needs 教师编号 and 学校标识码."),
    ErrorSpec("E1162", E, "结束日期早于开始日期", "End before start",
              "结束日期 {value} 早于开始日期 {since}。", "The end {value} is before the start {since}.",
              "结束日期应不早于开始日期；任期未结束的留空。", "Give an end on or after the start; leave it blank "
              "while the term runs."),
    ErrorSpec("E1163", E, "教师编号已存在", "Teacher number already used",
              "教师编号“{value}”已经登记在本区县的另一位教师名下。",
              "Teacher number '{value}' is already recorded for another teacher of this district.",
              "核对编号；同一位教师请打开其档案修改，不要重复新建。",
              "Check the number; for the same teacher open their record and change it instead of adding again."),
    ErrorSpec("E1164", E, "没有该学年的数据", "No data for that school year",
              "本区县没有已导入的 {value} 学年数据，无法从中导入教师。",
              "The district has no stored data for the school year {value} to import teachers from.",
              "先在区县页面导入该学年的数据模板，或选择已有数据的学年。",
              "Import that year's district workbook first, or choose a school year that has data."),
)
