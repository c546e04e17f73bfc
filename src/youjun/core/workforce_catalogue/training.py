"""Catalogue entries of the training ledger (E1170–E1189)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1170", E, "不是培训签到模板", "Not the training attendance template",
              "文件“{value}”不能按培训签到表读取：{detail_zh}。",
              "The file '{value}' cannot be read as a training attendance sheet: {detail_en}.",
              "请下载本场次的签到模板，保留第1行的列名（教师编号、姓名、学时、是否合格），"
              "每名教师一行，再上传 .xlsx 文件。",
              "Download this session's attendance template, keep the column names of row 1 (教师编号, 姓名, 学时, "
              "是否合格), one teacher per row, and upload the .xlsx file."),
    ErrorSpec("E1171", E, "教师编号不存在", "Unknown staff number",
              "教师编号“{value}”不是本区县登记的教师。", "Staff number '{value}' is not a teacher of this district.",
              "照区县教师名册核对编号（如 T50011800001）；新教师请先由教育局导入教师名册。",
              "Check the number against the district's teacher list (e.g. T50011800001); a new teacher is "
              "added by the bureau's teacher import first."),
    ErrorSpec("E1172", E, "其他区县的教师", "A teacher of another district",
              "教师编号“{value}”是其他区县的教师，不能记入本区县的培训台账。",
              "Staff number '{value}' belongs to a teacher of another district; it cannot go into this "
              "district's ledger.",
              "删除这一行；跨区县参训的学时由教师所在区县登记。",
              "Delete the row: hours of a teacher from another district are recorded by that district."),
    ErrorSpec("E1173", E, "姓名与教师编号不符", "Name does not match the staff number",
              "第 {line} 行的姓名与教师编号“{value}”登记的姓名不一致。",
              "Row {line}: the name does not match the one recorded for staff number '{value}'.",
              "核对编号是否填错；姓名可以留空，只按编号登记。",
              "Check the number for a typing error; the name may be left empty and the number alone used."),
    ErrorSpec("E1174", E, "学时不对", "Hours not valid",
              "学时“{value}”不是大于 0 且不超过本场次 {limit} 学时的数。",
              "Hours '{value}' is not a number above 0 and at most the session's {limit} hours.",
              "填写本场次认定的学时（可有一位小数）；留空则按本场次学时记入。",
              "Write the hours credited (one decimal at most); leave it empty to credit the session's hours."),
    ErrorSpec("E1175", E, "是否合格无法识别", "Passed not recognised",
              "“是否合格”的值“{value}”无法识别。", "The value '{value}' of 是否合格 is not recognised.",
              "填写“是”或“否”（也可填 合格/不合格、1/0）；留空按合格记入。",
              "Write 是 (yes) or 否 (no) (or 合格/不合格, 1/0); empty counts as passed."),
    ErrorSpec("E1176", E, "教师编号重复", "Duplicate staff number",
              "教师编号“{value}”在文件中出现了不止一次（第一次在第 {first_row} 行）。",
              "Staff number '{value}' appears more than once in the file (first on row {first_row}).",
              "同一场次每名教师只保留一行，学时合并填写。",
              "Keep one row per teacher for a session, with the hours added together."),
    ErrorSpec("E1177", E, "不是本校教师", "Not a teacher of this school",
              "教师编号“{value}”的教师不在{detail_zh}任教，不能记入本校的校本研修。",
              "The teacher with staff number '{value}' does not teach at {detail_en}; they cannot go into its "
              "school-based training.",
              "删除这一行；其他学校教师参加的培训由其学校或区县教育局登记。",
              "Delete the row: training of another school's teacher is recorded by that school or the bureau."),
    ErrorSpec("E1178", E, "教师编号为空", "Staff number missing",
              "第 {line} 行没有填写教师编号。", "Row {line} has no staff number.",
              "每行都要填写教师编号；整行为空的会被跳过。",
              "Every row needs the staff number; empty rows are skipped."),
    ErrorSpec("E1179", E, "没有待确认的签到表", "No attendance to confirm",
              "没有待确认的签到表（可能已经确认过或已过期）。",
              "There is no attendance sheet to confirm (it was confirmed or has expired).",
              "请重新上传签到表，核对预览后再确认。",
              "Upload the attendance sheet again, check the preview and confirm."),
    ErrorSpec("E1180", E, "培训项目不能保存", "Course cannot be saved",
              "培训项目“{value}”不能保存：{detail_zh}。", "The course '{value}' cannot be saved: {detail_en}.",
              "国家级至片区的项目由区县教育局登记；学校只登记本校的校本研修（校级）。费用填不小于 0 的元数。",
              "The bureau records national to area courses; a school records its own school-based (school level) "
              "training. The cost is a number of yuan, 0 or more."),
    ErrorSpec("E1181", E, "培训场次不能保存", "Session cannot be saved",
              "培训场次不能保存：{detail_zh}。", "The session cannot be saved: {detail_en}.",
              "结束日期不早于开始日期，学时大于 0 且不超过 500；承办学校须是本区县的学校。",
              "The end is not before the start, the hours are above 0 and at most 500; the host school is one of "
              "the district's."),
    ErrorSpec("E1182", E, "签到表行数过多", "Too many rows",
              "文件“{value}”超过 {limit} 行。", "The file '{value}' has more than {limit} rows.",
              "一次最多导入 {limit} 行；请按场次拆分后分别上传。",
              "Import at most {limit} rows at once: split the file by session and upload each."),
    ErrorSpec("E1183", E, "不是可登记的教师", "Not a teacher you can record here",
              "教师编号“{value}”不是{detail_zh}在岗教师，不能登记到本场次。",
              "Staff number '{value}' is not one of {detail_en} teachers; it cannot be recorded for this session.",
              "请填写{detail_zh}教师的编号（可在教师名单中查看）；核对编号是否填错。"
              "其他学校或区县的教师由其所在学校或区县登记。",
              "Enter the staff number of one of {detail_en} teachers (see the teacher list) and check it for a "
              "typing error. Teachers of another school or district are recorded by their own school or district."),
)
