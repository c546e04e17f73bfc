"""Catalogue entries of the district overview and school building works (E1335–E1349)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (E for errors, W for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1335", E, "年份范围无效", "Year range not valid",
              "年份范围“{value}”无效：{detail_zh}。", "The year range '{value}' is not valid: {detail_en}.",
              "起始年份不晚于截止年份，两者都在 2000 年至今年之间，写四位数字，例如 2021—2025。",
              "Give a first year not after the last, both between 2000 and this year, as four digits (2021–2025)."),
    ErrorSpec("E1336", E, "学校不属于本区县", "School not in this district",
              "学校标识码“{value}”不是{district}的学校。", "School code '{value}' is not a school of {district}.",
              "核对学校标识码；校舍项目只能登记在本区县的学校。尚未列入学校名册的新学校，学校标识码留空，填写“新建学校名称”。",
              "Check the school code; a building work is recorded only at a school of this district. For a new school "
              "not yet in the register, leave the code blank and fill in the new school's name."),
    ErrorSpec("E1337", E, "缺少必填项", "Required value missing",
              "“{value}”不能为空。", "'{value}' cannot be blank.",
              "填写这一项后重新上传；学校标识码与新建学校名称至少填一项。",
              "Fill it in and upload again; give either the school code or the new school's name."),
    ErrorSpec("E1338", E, "数值无效", "Number not valid",
              "“{value}”不是有效的{detail_zh}。", "'{value}' is not a valid {detail_en}.",
              "填写不小于 0 的数字，不带单位（面积按平方米，投资按万元，学位、周转房按个数）。",
              "Write a number not below 0, without a unit (areas in m², investment in 10,000 yuan, seats and flats "
              "as counts)."),
    ErrorSpec("E1339", E, "日期无效", "Date not valid",
              "日期“{value}”无效：{detail_zh}。", "The date '{value}' is not valid: {detail_en}.",
              "日期写成 2023-08-31；竣工日期不早于开工日期，不晚于今天，不早于 2000 年。",
              "Write dates as 2023-08-31; completion is not before the start, not after today and not before 2000."),
    ErrorSpec("E1340", E, "建设类型无法识别", "Kind of work not recognised",
              "“{value}”不是可用的建设类型。", "'{value}' is not one of the kinds of work.",
              "建设类型填“新建”或“改扩建”。", "Write 新建 (new) or 改扩建 (enlarged or rebuilt)."),
    ErrorSpec("E1341", E, "不是校舍建设台账模板", "Not the building works template",
              "文件“{value}”不能导入：{detail_zh}。", "The file '{value}' cannot be imported: {detail_en}.",
              "下载本页的模板，在“校舍建设台账”工作表中每个项目填一行，再上传检查。",
              "Download the template from this page, fill one row per project in the sheet 校舍建设台账, and upload it "
              "again."),
    ErrorSpec("E1342", E, "文字过长或为空", "Text too long or blank",
              "{field}不能为空，也不能超过 {limit} 个字。",
              "{field_en} cannot be blank or longer than {limit} characters.",
              "缩短或补全这段文字后再保存。", "Shorten or complete the text and save again."),
    ErrorSpec("E1343", E, "项目重复", "Duplicate project",
              "项目“{value}”在文件中出现了不止一次（第一次在第 {first_row} 行）。",
              "Project '{value}' appears more than once in the file (first on row {first_row}).",
              "同一学校、同一项目名称、同一竣工日期只保留一行。",
              "Keep one row per school, project name and completion date."),
    ErrorSpec("E1344", E, "佐证文件类型不支持", "Evidence file type not supported",
              "文件“{value}”不是图片（JPEG、PNG、WebP）或 PDF。",
              "The file '{value}' is not an image (JPEG, PNG, WebP) or a PDF.",
              "上传竣工验收文件的 PDF 或照片。", "Upload the completion certificate as a PDF or a photo."),
    ErrorSpec("E1345", E, "佐证文件过大", "Evidence file too large",
              "文件“{value}”大小 {size}，超过上限 {limit}。",
              "The file '{value}' is {size}, over the limit of {limit}.",
              "压缩图片或拆分 PDF 后重新上传。", "Compress the image or split the PDF and upload again."),
    ErrorSpec("E1346", E, "图片无法读取", "Image cannot be read",
              "图片“{value}”无法读取或转换。", "The image '{value}' cannot be read or converted.",
              "用手机或电脑重新导出为 JPEG 后上传。", "Export it again as a JPEG and upload it."),
)
