"""Catalogue entries of famous-teacher studios (E1190–E1199)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1190", E, "不是本区县的教师", "Not a teacher of this district",
              "教师编号“{value}”不是{district}在职的教师。",
              "Teacher number '{value}' is not a serving teacher of {district}.",
              "工作室的主持人和成员只能是本区县在职教师；核对教师编号，跨区县的教师请由其所在区县的工作室吸收。",
              "A studio's host and members are serving teachers of the district; check the number, and let a "
              "teacher of another district join a studio there."),
    ErrorSpec("E1191", E, "学校不属于本区县", "School not in this district",
              "学校“{value}”不是{district}的学校。", "School '{value}' is not a school of {district}.",
              "工作室的依托学校选本区县的学校。", "Choose a school of this district as the studio's base school."),
    ErrorSpec("E1192", E, "日期先后不对", "Dates in the wrong order",
              "{what_zh}的结束日期 {value} 早于开始日期 {start}。",
              "{what_en} ends on {value}, before it starts on {start}.",
              "结束日期应不早于开始日期；还没结束的请留空。",
              "Give an end on or after the start; leave it empty while it runs on."),
    ErrorSpec("E1193", E, "已经是工作室成员", "Already in the studio",
              "教师“{value}”已经是该工作室的主持人或在册成员。",
              "Teacher '{value}' is already the studio's host or a current member.",
              "不必重复添加；要改角色，先登记其退出日期再重新加入。",
              "No need to add them again; to change the role, record their leaving date and add them anew."),
    ErrorSpec("E1194", E, "取值不可用", "Value not allowed",
              "“{value}”不是可用的{what_zh}。", "'{value}' is not an allowed {what_en}.",
              "从下拉列表中选择；可用的取值见 rules/workforce/studios.yaml（本地规则）。",
              "Choose from the list; the allowed values are in rules/workforce/studios.yaml (a local rule)."),
    ErrorSpec("E1195", E, "参与人不是工作室成员", "Not a member of the studio",
              "教师“{value}”在 {day} 不是该工作室的主持人或成员。",
              "Teacher '{value}' was not the studio's host or a member on {day}.",
              "成果只能记在当时在册的主持人和成员名下；先在成员页登记其加入日期。",
              "An output is recorded for the host and members of the day only; record their joining date "
              "on the members page first."),
    ErrorSpec("E1196", E, "日期不在工作室任期内", "Date outside the studio's term",
              "日期 {value} 不在工作室的任期（{start} 至 {end}）内，或晚于今天。",
              "The date {value} is outside the studio's term ({start} to {end}) or after today.",
              "填写任期内、不晚于今天的日期。", "Give a date within the term and not after today."),
    ErrorSpec("E1197", E, "内容超出长度", "Text too long",
              "{what_zh}有 {value} 个字，超过 {limit} 个字的上限。",
              "{what_en} has {value} characters, over the limit of {limit}.",
              "精简后再保存；详细材料可作为证明文件上传。",
              "Shorten it and save again; upload longer material as an evidence file."),
    ErrorSpec("E1198", E, "年度不可用", "Year not allowed",
              "{value} 年不在工作室的任期内，或还没有到。",
              "{value} is not within the studio's term, or is still to come.",
              "选择工作室任期内、不晚于今年的年度。",
              "Choose a year within the studio's term and not after this one."),
    ErrorSpec("E1199", E, "缺少必填项", "Required field missing",
              "请填写{what_zh}。", "{what_en} is required.",
              "补全后再保存。", "Fill it in and save again."),
)
