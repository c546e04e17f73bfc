"""Catalogue entries of the habits area (E1110–E1129)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1110", E, "不能为以后的日子打卡", "No check-in for a future day",
              "{day_zh}还没有到，不能提前打卡。", "{day_en} has not come yet: a check-in cannot be made in advance.",
              "当天完成后再打卡；选择今天或之前的日期。",
              "Tick the habit on the day it is done; choose today or an earlier day."),
    ErrorSpec("E1111", E, "超过补打卡期限", "Too late to check in",
              "{day_zh}距今已超过 {days} 天，不能再补打卡（本地规则）。",
              "{day_en} is more than {days} days ago: it can no longer be ticked (local rule).",
              "只能为今天和之前 {days} 天内打卡；更早的情况请告诉班主任，写在评语或表扬里。",
              "Only today and the {days} days before it can be ticked; tell the head teacher about earlier days "
              "in a comment or a praise note."),
    ErrorSpec("E1112", E, "这一天不需要打卡", "Not due on that day",
              "“{value}”在{day_zh}不需要打卡：{detail_zh}。", "'{value}' is not due on {day_en}: {detail_en}.",
              "只为当天需要完成的习惯打卡；习惯的年级、频次和启用日期由学校德育处在习惯设置中维护。",
              "Tick only the habits due that day; the school's moral-education office keeps each habit's grades, "
              "frequency and active dates in the habit settings."),
    ErrorSpec("E1113", E, "您不能为这个习惯打卡", "You cannot tick this habit",
              "“{value}”只能由{allowed}打卡。", "'{value}' is ticked only by: {allowed_en}.",
              "请让可以打卡的人打卡；如需调整打卡人，请联系学校德育处修改习惯设置。",
              "Ask someone who may tick it; to change who ticks it, ask the school's moral-education office to "
              "change the habit's settings."),
    ErrorSpec("E1114", E, "存疑须写明原因", "A question needs a reason",
              "对{value}的打卡标为“存疑”时没有写明原因。", "The check-in of {value} was questioned without a reason.",
              "在意见栏写明存疑的原因（例如“当天未交阅读记录”），家长和学生会看到这条意见。",
              "Write why in the comment (e.g. 'no reading log that day'); the parent and pupil will see it."),
    ErrorSpec("E1115", E, "习惯设置有误", "Habit settings are not valid",
              "习惯设置有误：{detail_zh}（“{value}”）。",
              "The habit's settings are not valid: {detail_en} ('{value}').",
              "按提示修改后再保存；年级、频次、打卡人和启用日期都需要填写。",
              "Correct it and save again; grades, frequency, who ticks and the active dates are all needed."),
    ErrorSpec("E1116", E, "习惯名称重复", "Habit name already used",
              "本校已有名为“{value}”的习惯。", "The school already has a habit called '{value}'.",
              "换一个名称，或修改已有的那个习惯。", "Choose another name, or change the existing habit."),
    ErrorSpec("E1117", E, "文字过长或为空", "Text empty or too long",
              "{detail_zh}不能为空，且不超过 {limit} 个字（现为 {value} 个字）。",
              "The {detail_en} must not be empty and may have at most {limit} characters (it has {value}).",
              "缩短后再保存。", "Shorten it and save again."),
    ErrorSpec("E1118", E, "学生不在这一学年的班级中", "Pupil not in a class that school year",
              "{value}学年没有该学生的班级记录，无法确定年级和需要打卡的习惯。",
              "The pupil has no class in the school year {value}, so their grade and due habits are unknown.",
              "请学校数据管理员在班级名单中登记该学生后再打卡。",
              "Ask the school's data officer to enter the pupil in a class list first."),
    ErrorSpec("E1119", E, "学期不可识别", "Unknown term",
              "学期“{value}”不可识别。", "Term '{value}' is not recognised.",
              "学期填 1（上学期）或 2（下学期）。", "Write 1 (autumn term) or 2 (spring term)."),
    ErrorSpec("E1120", E, "这条打卡不需要审核", "This check-in is not reviewed",
              "{value}的这条打卡由老师记录，不需要审核。",
              "This check-in of {value} was recorded by a teacher and needs no review.",
              "只有家长或学生的打卡需要班主任确认或存疑。",
              "Only check-ins by a parent or the pupil are confirmed or questioned by the head teacher."),
)
