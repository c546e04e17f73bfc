"""Catalogue entries of pupils and classes (E1000–E1019)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1000", E, "学生已在其他学校登记", "Pupil registered at another school",
              "学籍号“{value}”的学生已在另一所学校登记，本校的导入不能修改或转走该学生。",
              "The pupil with record number '{value}' is registered at another school; this school's import "
              "cannot change or move them.",
              "核对学籍号是否填错；学生确已转入本校的，请先由区县教育局办理转学，再重新导入。",
              "Check the record number for a typing error; if the pupil has really moved to this school, the "
              "district bureau records the transfer first, then import again."),
    ErrorSpec("E1001", E, "学籍号重复", "Duplicate pupil record number",
              "学籍号“{value}”在文件中出现了不止一次（第一次在第 {first_row} 行）。",
              "Record number '{value}' appears more than once in the file (first on row {first_row}).",
              "每名学生只保留一行；同名学生请核对学籍号。",
              "Keep one row per pupil; for pupils with the same name, check their record numbers."),
    ErrorSpec("E1002", E, "年级不在义务教育范围", "Grade outside compulsory education",
              "年级“{value}”不是一至九年级。", "Grade '{value}' is not one of grades 1 to 9.",
              "按国家上报模板填写年级编号：小学11–16，初中21–23；或直接填1–9。",
              "Use the national grade codes (11–16 primary, 21–23 junior) or the grade 1–9."),
    ErrorSpec("E1003", E, "性别无法识别", "Sex not recognised",
              "性别“{value}”无法识别。", "Sex '{value}' is not recognised.",
              "填写 1（男）或 2（女），也可填“男”“女”。", "Write 1 (boy) or 2 (girl), or 男/女."),
)
