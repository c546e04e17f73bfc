"""Catalogue entries of this consultation area (see the package's docstring for its range):
meetings in the four venues (E900–E903), bulk progress from a spreadsheet (E904–E908) and the
staff's moderation queue (E909)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E900", E, "协商活动信息有误", "Meeting details are wrong",
              "协商活动“{value}”的信息有误：{detail_zh}", "The meeting '{value}' has a problem: {detail_en}",
              "请按提示改正后再保存：委员工作室的活动须选择本政协的工作室，联合主办方须是其他政协。",
              "Correct it and save again: a member-studio meeting needs one of the body's studios, and joint "
              "hosts must be other bodies."),
    ErrorSpec("E901", E, "议题不能列入本次协商", "Item cannot be added to this meeting",
              "编号“{value}”不是本次协商活动主办政协可协商的议题", "'{value}' is not an item this meeting's "
              "bodies can consult on",
              "请核对议题编号（如 RC-2026-0001）；只有已选题或调研中的本政协议题才能列入协商。",
              "Check the number (e.g. RC-2026-0001); only the bodies' items that are selected or being "
              "investigated can be consulted on."),
    ErrorSpec("E902", E, "参加人员信息有误", "Attendee details are wrong",
              "参加人员“{value}”有误：{detail_zh}", "Attendee '{value}' is wrong: {detail_en}",
              "委员请从本政协委员名单中选择；群众和部门人员请填写姓名（部门人员并填写单位）。",
              "Pick members from the body's list; for residents and officials type the name (and the "
              "official's organisation)."),
    ErrorSpec("E903", E, "协商意见须对应本次协商的议题", "An opinion needs an item consulted here",
              "协商意见“{value}”没有对应本次活动协商过的议题", "The opinion '{value}' has no item consulted at "
              "this meeting",
              "请先在“协商的议题”中按编号加入议题，再为它填写协商意见。",
              "First add the item by its number under 'Items consulted', then record its opinion."),
    ErrorSpec("E904", E, "不是进度更新模板", "Not the progress-update template",
              "文件“{value}”不是进度更新模板：{detail_zh}", "The file '{value}' is not the progress-update "
              "template: {detail_en}",
              "请在本页下载进度更新模板，只在“进度(%)”“进展说明”“答复(可选)”三列填写，"
              "不要改动表头，保存为 .xlsx 后上传。",
              "Download the progress-update template on this page, fill in only the columns 进度(%), 进展说明 "
              "and 答复(可选), keep the header row, save as .xlsx and upload it."),
    ErrorSpec("E905", E, "文件中没有要更新的行", "No rows to update in the file",
              "文件“{value}”中没有填写任何进度或答复", "The file '{value}' has no progress or answer filled in",
              "请在要更新的议题行填写“进度(%)”（0到100的整数），需要时填写“进展说明”和“答复(可选)”。",
              "Fill in 进度(%) (a whole number 0–100) on the rows of the items to update, with 进展说明 and "
              "答复(可选) where needed."),
    ErrorSpec("E906", E, "没有这个待办议题", "No such item to update",
              "编号“{value}”不是您可以更新的待办议题", "'{value}' is not an item you can update",
              "请核对编号，或重新下载模板：模板只列出交办给您（或您所在政协）且尚未办结的议题。",
              "Check the number, or download the template again: it lists only the open items assigned to you "
              "(or your body)."),
    ErrorSpec("E907", E, "议题重复出现", "Item appears twice",
              "编号“{value}”在文件中出现了不止一次（第{first_row}行已有）", "'{value}' appears more than once in "
              "the file (already on row {first_row})",
              "每个议题只保留一行：把两行的内容合并到一行，删除另一行。",
              "Keep one row per item: merge the two rows into one and delete the other."),
    ErrorSpec("E908", E, "该议题现在不能答复", "This item cannot be answered now",
              "议题“{value}”现在不能填写答复：{detail_zh}", "Item '{value}' cannot be answered now: {detail_en}",
              "请清空该行的“答复(可选)”，或先在议题页面查看其当前状态。",
              "Empty 答复(可选) on that row, or look at the item's current state on its page first."),
    ErrorSpec("E909", E, "审核操作无法执行", "Moderation step refused",
              "议题“{value}”的审核操作无法执行：{detail_zh}", "The moderation step on '{value}' was refused: "
              "{detail_en}",
              "请刷新审核列表后重试；禁言天数须为1到365的整数，且只能禁言有账号的提出人。",
              "Reload the queue and try again; block for a whole number of days from 1 to 365, and only a "
              "raiser with an account can be blocked."),
)
