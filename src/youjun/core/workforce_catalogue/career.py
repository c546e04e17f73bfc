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
)
