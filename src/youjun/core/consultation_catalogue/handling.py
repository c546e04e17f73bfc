"""Catalogue entries of the handling area: the work list, an item's actions, assisted entry,
answer templates, milestones and answers (E890–E899)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E890", E, "证明材料类型不支持", "Evidence file of an unsupported type",
              "证明材料“{value}”不是照片（.jpg、.png）或 PDF 文件",
              "Evidence file '{value}' is not a JPG, PNG or PDF file",
              "请上传照片（.jpg、.png）或 PDF 扫描件；其他文件可先转成 PDF。",
              "Upload a photo (JPG, PNG) or a scan (PDF); convert other files to PDF first."),
    ErrorSpec("E891", E, "证明材料过大", "Evidence file too large",
              "证明材料“{value}”有 {size}，超过每个文件 {limit} 的上限",
              "Evidence file '{value}' is {size}, over the limit of {limit} per file",
              "请压缩照片或分成几个文件上传。", "Compress the photo or split the scan into several files."),
    ErrorSpec("E892", E, "答复期限无效", "Answer-by date not valid",
              "答复期限“{value}”无效：{detail_zh}", "Answer-by date '{value}' is not valid: {detail_en}",
              "请填写今天或以后的日期，例如 2027-01-16；留空则按类别时限。",
              "Give today's date or a later one, e.g. 2027-01-16; leave it empty for the category's days."),
    ErrorSpec("E893", E, "不能合并到该议题", "Cannot merge into that item",
              "不能合并到“{value}”：{detail_zh}",
              "Cannot merge into '{value}': {detail_en}",
              "请填写同一政协另一件尚在办理、尚未答复的议题编号，例如 RC-2026-0001；"
              "已办结、已合并、不予选题或已答复的议题不能接收合并。",
              "Give the number of another item of the same body that is still open and not yet answered, "
              "e.g. RC-2026-0001; closed, merged, declined or answered items cannot take a merge."),
    ErrorSpec("E894", E, "不能交办给该部门", "Department not available",
              "议题“{value}”不能交办给所选部门", "Item '{value}' cannot be assigned to the chosen department",
              "请从列表中选择本议题所属政协的承办部门。",
              "Choose a department of the item's own bodies from the list."),
    ErrorSpec("E895", E, "节点信息不完整", "Milestone incomplete",
              "节点名称或日期填写有误：{detail_zh}", "The milestone is not right: {detail_en}",
              "请填写节点名称，日期写成 2027-01-16 这样的形式（可留空）。",
              "Give the milestone a title; write its date like 2027-01-16 (or leave it empty)."),
    ErrorSpec("E896", E, "答复模板不完整", "Answer template incomplete",
              "答复模板须有标题和正文：{detail_zh}", "An answer template needs a title and a text: {detail_en}",
              "请填写模板标题和答复正文后再保存。", "Fill in the template's title and its text, then save."),
    ErrorSpec("E897", E, "代为登记信息不完整", "Assisted entry incomplete",
              "代为登记的议题填写有误：{detail_zh}", "The concern recorded for a resident is not right: {detail_en}",
              "请填写群众姓名、议题标题和内容；电话写成 11 位手机号或带区号的座机号。",
              "Give the resident's name, the title and the text; a phone is an 11-digit mobile or a "
              "landline with its area code."),
    ErrorSpec("E898", E, "未选择要执行的操作", "No action chosen",
              "议题“{value}”的这次提交没有可执行的操作",
              "This submission for item '{value}' names no action that can be taken",
              "请使用页面上列出的按钮提交；刷新页面可看到当前可执行的操作。",
              "Use one of the buttons on the page; reload it to see the steps open now."),
    ErrorSpec("E899", E, "答复内容不能为空", "The answer is empty",
              "议题“{value}”的答复内容不能为空", "The answer to item '{value}' is empty",
              "请写明办理结果（做了什么、何时完成），或从答复模板中选择后修改，再发布答复。",
              "Write what was done and when, or pick an answer template and adapt it, then publish the answer."),
)
