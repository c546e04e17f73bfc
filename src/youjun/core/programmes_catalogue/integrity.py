"""Catalogue entries of clean schools and teacher ethics (E1285–E1299)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (E for errors, W for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1285", E, "学校不属于本区县", "School not in this district",
              "学校“{value}”不是{district}的学校。", "School '{value}' is not a school of {district}.",
              "只登记本区县学校的活动；核对所选学校，全区性活动不选学校。",
              "Record activities of this district's schools only; check the school, or choose none for a "
              "district-wide activity."),
    ErrorSpec("E1286", E, "文字为空或过长", "Text empty or too long",
              "“{field}”为空或超过 {limit} 字。", "'{field_en}' is empty or longer than {limit} characters.",
              "填写这一项，并控制在 {limit} 字以内。", "Fill it in, within {limit} characters."),
    ErrorSpec("E1287", E, "日期不在允许范围", "Date out of range",
              "日期 {value} 不在允许范围（{detail_zh}）。", "The date {value} is out of range ({detail_en}).",
              "填写实际发生的日期，不能晚于今天，结束日期不能早于开始日期；活动日期须在所选环节的起止日期内"
              "（或改选相应环节）。",
              "Give the day it happened, not later than today; an end cannot come before its start; an activity's "
              "date must fall within its stage's dates (or choose the stage it belongs to)."),
    ErrorSpec("E1288", E, "参与人数不在允许范围", "Participants out of range",
              "参与人数 {value}：{detail_zh}。",
              "The participants {value}: {detail_en}.",
              "填写实际参与的人数（1～100,000），并勾选教师、学生、家长中至少一类；分类人数可不填，"
              "填写的学生、教师、家长人数之和不能超过参与总人数。",
              "Give how many took part (1 to 100,000) and tick at least one of teachers, pupils, parents; the "
              "counts per kind are optional, and together they cannot exceed the total."),
    ErrorSpec("E1289", E, "佐证材料不是图片或 PDF", "Evidence is not an image or a PDF",
              "文件“{value}”不是可接受的图片（JPEG、PNG、WebP）或 PDF。",
              "The file '{value}' is not an accepted image (JPEG, PNG, WebP) or a PDF.",
              "上传活动照片或 PDF 文件；其他格式请先转换。",
              "Upload a photo of the activity or a PDF; convert other formats first."),
    ErrorSpec("E1290", E, "佐证材料过大", "Evidence too large",
              "文件“{value}”大小为 {size}，超过上限 {limit}。", "The file '{value}' is {size}, over the limit {limit}.",
              "压缩图片或拆分 PDF 后再上传。", "Compress the image or split the PDF, then upload it again."),
    ErrorSpec("E1291", E, "图片无法读取", "Image cannot be read",
              "图片“{value}”无法读取或重新编码。", "The image '{value}' cannot be read or re-encoded.",
              "用相机或手机重新导出为 JPEG 后上传。",
              "Export it again as a JPEG from the camera or phone and upload it."),
    ErrorSpec("E1292", E, "环节或重点不属于该活动方案", "Stage or key point not of the campaign",
              "“{value}”不是本区县活动方案的环节或重点。",
              "'{value}' is not a stage or key point of this district's campaign.",
              "从本区县活动方案的环节和重点中选择，或不选。",
              "Choose a stage and key point of this district's campaign, or none."),
    ErrorSpec("E1293", E, "环节或重点的清单有误", "The list of stages or key points is wrong",
              "{detail_zh}", "{detail_en}",
              "每行写一个名称：环节 1～12 个，重点 1～50 个，名称不重复，每个不超过 60 字。",
              "One name a line: 1 to 12 stages, 1 to 50 key points, no name twice, each within 60 characters."),
    ErrorSpec("E1294", E, "宣传期号已登记", "Issue number already recorded",
              "本区县已登记第 {value} 期师德师风宣传。",
              "Issue {value} of the teacher-ethics publicity is already recorded.",
              "核对期号；同一期不要重复登记。", "Check the number; record each issue once."),
    ErrorSpec("E1295", E, "缺少链接或文件", "Link or file missing",
              "第 {value} 期宣传没有链接也没有文件，或链接不是 http(s) 地址。",
              "Issue {value} has neither a link nor a file, or the link is not an http(s) address.",
              "填写以 http:// 或 https:// 开头的网址，或上传宣传材料（图片或 PDF）。",
              "Give an address starting with http:// or https://, or upload the material (an image or a PDF)."),
    ErrorSpec("E1296", E, "教师不在本区县", "Teacher not of this district",
              "教师编号 {value} 不是{district}的教师。", "Staff number {value} is not a teacher of {district}.",
              "核对教师编号（见教师名单）；只能登记本区县教师的问题线索。",
              "Check the staff number (in the teachers list); only a teacher of this district can be the subject."),
    ErrorSpec("E1297", E, "办理环节顺序不对", "Step out of order",
              "现在不能登记“{value}”：当前状态为“{status}”，下一步可为：{allowed}。",
              "'{step_en}' cannot be recorded now: the case is '{status_en}'; next may be: {allowed_en}.",
              "按 核查→处理决定→申诉/复核→结案 的顺序登记；已结案的案件不能再登记环节。",
              "Record the steps in order: verification → decision → appeal/review → closure; "
              "a closed case takes no more steps."),
    ErrorSpec("E1298", E, "处理决定不完整", "Decision incomplete",
              "处理决定缺少决定内容或处理方式。", "The decision lacks its text or the sanction.",
              "写明处理决定并选择处理方式（查无实据选“不予处理”）。",
              "Write the decision and choose the sanction ('none' when unfounded)."),
    ErrorSpec("E1299", E, "无法授予办理权限", "Handling cannot be granted",
              "不能授予“{value}”办理师德案件：{detail_zh}。",
              "'{value}' cannot be granted the handling of cases: {detail_en}.",
              "填写本区县另一位可办理案件人员的用户名；只读账户（数据分析员、督导）和其他区县的账户不能授予，"
              "教育局账户不能授予自己，已授权的人员无需再授。",
              "Give the user name of another person who may act for this district; read-only accounts "
              "(analysts, inspectors) and other districts' accounts cannot be granted, a bureau account cannot "
              "grant itself, and a current handler needs no second grant."),
)
