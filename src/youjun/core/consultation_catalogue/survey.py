"""Catalogue entries of the social-recognition survey (E910–E919)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E910", E, "调查当前状态不能修改", "Survey cannot be changed in this state",
              "调查“{value}”当前为“{state_zh}”，不能{action_zh}。",
              "Survey '{value}' is {state_en}: it cannot {action_en}.",
              "问卷只能在“准备中”修改；发放邀请码和录入答卷须在定稿前进行。已定稿的调查不能再改动。",
              "Edit the questionnaire while the survey is being prepared; issue codes and enter returns before "
              "it is final. A final survey cannot change."),
    ErrorSpec("E911", E, "发放问卷不足样本量", "Too few questionnaires issued",
              "已发放问卷 {value} 份，少于抽样方案要求的 {expected} 份。",
              "{value} questionnaires issued, fewer than the {expected} the sampling plan needs.",
              "继续发放问卷（网络邀请码和纸质问卷都算），直到发放数达到样本量（常住人口的1.5‰，40万人以下的县不少于600份）。",
              "Issue more questionnaires (web codes and paper sheets both count) until the number issued reaches the "
              "sample (1.5‰ of residents, at least 600 in a county under 400,000)."),
    ErrorSpec("E912", E, "家长比例不足", "Too few parents",
              "发给家长的问卷占已发放问卷的 {value}，低于 {expected}。",
              "Parents got {value} of the questionnaires issued, under {expected}.",
              "增加向家长发放的问卷，使发给家长的问卷不少于全部发放问卷的一半。",
              "Issue more questionnaires to parents so that they get at least half of all the questionnaires "
              "issued."),
    ErrorSpec("E913", E, "有效回收率不足", "Too few valid returns",
              "有效问卷回收率 {value}，低于 {expected}（已发放 {issued} 份）。",
              "Valid returns are {value} of the questionnaires issued, under {expected} ({issued} issued).",
              "催收已发放的问卷（含纸质问卷的录入）；回收率按发放的邀请码计算，不要多发不用的邀请码。",
              "Chase the questionnaires issued and enter the paper returns; the rate counts every code issued, "
              "so do not issue codes you will not hand out."),
    ErrorSpec("E914", E, "有调查对象没有题目", "A group has no questions",
              "调查对象“{value}”没有可答的题目，不能开始收集。",
              "Group '{group_en}' has no questions: collection cannot start.",
              "为每个调查对象至少设置一道题（题目的适用对象留空即对所有对象适用），或载入默认题目。",
              "Give every group at least one question (a question with no groups ticked is for everyone), "
              "or load the default questions."),
    ErrorSpec("E915", E, "邀请码无效或已使用", "Code unknown or used",
              "邀请码“{value}”不属于本调查，或已经录入过答卷。{used_zh}",
              "Code '{value}' is not one of this survey's, or its return has been entered already.{used_en}",
              "核对纸质问卷上印的邀请码；每个邀请码只能录入一份答卷。",
              "Check the code printed on the paper questionnaire; each code takes one return only."),
    ErrorSpec("E916", E, "调查对象与邀请码不符", "Group does not match the code",
              "邀请码“{value}”发给“{expected}”，录入时选择的是“{detail}”。",
              "Code '{value}' was issued to {expected_en}, but {detail_en} was chosen.",
              "核对问卷的调查对象；按邀请码所属的对象录入。",
              "Check the questionnaire's group and enter it under the group its code was issued to."),
    ErrorSpec("E917", E, "调查未在收集中", "Survey not collecting",
              "调查“{value}”当前为“{state_zh}”，不能录入答卷。",
              "Survey '{value}' is {state_en}: no returns can be entered.",
              "先在调查页面“开始收集”，再录入纸质答卷。",
              "Start collection on the survey's page, then enter the paper returns."),
    ErrorSpec("E918", E, "作答题数不足", "Too few questions answered",
              "只回答了 {value} 道题，至少要回答 {expected} 道。",
              "Only {value} questions answered; at least {expected} are needed.",
              "请回答更多题目；纸质问卷作答不足的，勾选“废卷”录入。",
              "Answer more questions; for a paper return answered too little, tick 'spoilt' to record it."),
    ErrorSpec("E919", E, "本学年已有定稿调查", "A final survey exists for the year",
              "{value}学年已有定稿的社会认可度调查“{detail}”。",
              "School year {value} already has a final social-recognition survey, '{detail}'.",
              "评估使用每个学年的一份定稿调查；如需重新调查，请联系平台管理员处理原调查。",
              "The assessment uses one final survey per school year; to survey again, ask the platform "
              "administrator about the earlier one."),
)
