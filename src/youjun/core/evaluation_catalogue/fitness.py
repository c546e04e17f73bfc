"""Catalogue entries of the fitness area (E1020–E1079).

E1020–E1039: the standard's rules and scoring (``youjun.core.fitness``); E1040–E1059: the
national upload workbook and the command line (``youjun.ingest.fitness_workbook``,
``youjun fitness``); E1060–E1079 are kept for the web import.
"""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W

SPECS: tuple[ErrorSpec, ...] = (
    # --- scoring a pupil
    ErrorSpec("E1020", E, "初中评分表未加载，不予评分", "Junior tables not loaded: not scored",
              "{grade}年级学生的单项评分表（初中7–9年级）未加载，单项得分、标准分和学年总分均不计算；"
              "初中加分虽可按100分标准算出，但总分需要单项得分，故整份成绩不予评定",
              "The item tables of grade {grade} (junior, grades 7–9) are not loaded, so no item score, "
              "standard score or total is computed; the junior bonus could be computed from the "
              "100-point marks, but a total needs the item scores, so the whole result is refused",
              "请按 docs/fitness.md“加载初中评分表”把教体艺〔2014〕5号附件的初中评分表逐格转录为覆盖文件，"
              "用 --tables 覆盖文件.yaml 加载后重新评分；本系统不会推算或插值。",
              "Transcribe the junior tables of the annex of 教体艺〔2014〕5号 cell by cell into an overlay "
              "(docs/fitness.md, 'Loading the junior tables') and score again with --tables OVERLAY.yaml; "
              "youjun never interpolates them."),
    ErrorSpec("E1021", E, "年级无效", "Grade not valid",
              "年级“{value}”无效：须为1–9年级", "Grade '{value}' is not valid: it must be 1 to 9",
              "小学填1–6，初中填7–9（上报模板的年级编号11–16、21–23会自动换算）。",
              "Use 1–6 for primary and 7–9 for junior (the upload codes 11–16 and 21–23 are converted)."),
    ErrorSpec("E1022", E, "性别无效", "Sex not valid",
              "性别“{value}”无效", "Sex '{value}' is not valid",
              "男生填1（或“男”），女生填2（或“女”）。", "Use 1 (or 男) for boys and 2 (or 女) for girls."),
    ErrorSpec("E1023", E, "成绩不是数字", "Result is not a number",
              "{item_zh}的成绩“{value}”不是数字", "The {item_en} result '{value}' is not a number",
              "只填数字，不要带单位（如 98、9.8、17.5）；跑步时间可写 1'36\" 或 1.36（分.秒）。",
              "Give the number only, without units (e.g. 98, 9.8, 17.5); run times may be 1'36\" or 1.36 "
              "(minutes.seconds)."),
    ErrorSpec("E1024", E, "时间写法有歧义", "Time is ambiguous",
              "{item_zh}的时间“{value}”有歧义：{detail_zh}", "The {item_en} time '{value}' is ambiguous: {detail_en}",
              "分.秒的写法秒数须写两位（如 3.05 表示3分05秒，3.50 表示3分50秒），在 Excel 中请把该列设为文本；"
              "或写成 3'05\"，或直接写秒数 185。",
              "Write the seconds with two digits (3.05 is 3 min 05 s, 3.50 is 3 min 50 s) and format the "
              "column as text in Excel; or write 3'05\", or the seconds 185."),
    ErrorSpec("E1025", E, "成绩不可能", "Result is impossible",
              "{item_zh}的成绩“{value}”不可能：{detail_zh}", "The {item_en} result '{value}' is impossible: {detail_en}",
              "请核对原始记录后改正（单位：{unit_zh}）；确无成绩请留空，免测学生请在“免测”列注明。",
              "Check the original record and correct it (unit: {unit_en}); leave it empty if there is no "
              "result, and mark exempt pupils in the 免测 column."),
    ErrorSpec("E1026", E, "该项目不属于此年级或性别", "Item not tested for this grade or sex",
              "{grade}年级{sex_zh}不测{item_zh}，但填写了成绩“{value}”",
              "Grade {grade} {sex_en} are not tested on {item_en}, but '{value}' was given",
              "请核对年级、性别和列位置；该年级段的测试项目见 docs/fitness.md。",
              "Check the grade, the sex and the column; docs/fitness.md lists each band's items."),
    ErrorSpec("E1027", E, "及格学生不能补测", "No retest for a passing pupil",
              "学年总分 {value} 分已及格（≥60.0分），不能补测", "The year's total {value} already passes "
              "(≥ 60.0): no retest",
              "《标准》只允许学年总分不及格的学生在本学年补测一次；请删除该补测记录。",
              "The standard allows one retest in the school year only to a pupil whose total fails; "
              "delete this retest."),
    ErrorSpec("E1028", E, "补测无效", "Retest not valid",
              "补测无效：{detail_zh}", "Retest not valid: {detail_en}",
              "每名学生每学年最多补测一次，补测须有同一学年的首次测试成绩。",
              "A pupil has at most one retest per school year, and it needs the same year's first test."),
    ErrorSpec("E1029", E, "无法计算毕业成绩", "Graduation score cannot be computed",
              "无法计算毕业成绩：{detail_zh}", "The graduation score cannot be computed: {detail_en}",
              "毕业成绩 = 毕业当年学年总分×50% + 其他学年总分平均×50%；请提供毕业当年已评分的成绩。",
              "Graduation score = 50% of the graduation year's total + 50% of the mean of the other "
              "years; give a scored result for the graduation year."),
    # --- the rules files and overlays
    ErrorSpec("E1030", E, "体质健康规则文件无效", "Fitness rules file not valid",
              "规则文件 {file} 无效：{detail}", "Rules file {file} is not valid: {detail}",
              "规则文件的写法见 docs/fitness.md；请勿手工改动 rules/fitness-2014 中的数值。",
              "docs/fitness.md describes the files; do not change the values in rules/fitness-2014 by hand."),
    ErrorSpec("E1031", E, "覆盖文件缺少评分表", "Overlay lacks a table",
              "覆盖文件 {file} 缺少 {grade}年级{sex_zh}“{item_zh}”的评分表",
              "Overlay {file} lacks the {item_en} table of grade {grade} {sex_en}",
              "初中覆盖文件须含7、8、9年级男女生每个测试项目的20档阈值，以及BMI四档范围。",
              "A junior overlay needs the 20 thresholds of every item for grades 7, 8, 9, boys and girls, "
              "and the four BMI bands."),
    ErrorSpec("E1032", E, "覆盖文件阈值个数不对", "Overlay row has the wrong length",
              "覆盖文件 {file}：{grade}年级{sex_zh}“{item_zh}”有 {value} 个阈值，应为20个",
              "Overlay {file}: the {item_en} row of grade {grade} {sex_en} has {value} thresholds, not 20",
              "每行按100、95、90、85、80、78…60、50、40、30、20、10分依次写20个阈值；附件空缺（—）的档写 null（仅限引体向上）。",
              "Write 20 thresholds in the order 100, 95, 90, 85, 80, 78 … 60, 50, 40, 30, 20, 10; a level "
              "left blank (—) in the annex is null (pull-ups only)."),
    ErrorSpec("E1033", E, "覆盖文件阈值不单调", "Overlay thresholds not monotone",
              "覆盖文件 {file}：{grade}年级{sex_zh}“{item_zh}”在{level}分处的阈值 {value} 与上一档 {previous} 顺序不对",
              "Overlay {file}: the {item_en} threshold {value} of grade {grade} {sex_en} at {level} points "
              "is out of order after {previous}",
              "分值越低，阈值须越差（计数、距离越小，跑步时间越长）；与附件逐格核对。",
              "A lower score needs a worse threshold (fewer, shorter, or a longer time); check each cell "
              "against the annex."),
    ErrorSpec("E1034", E, "覆盖文件100分标准不符", "Overlay 100-point mark differs",
              "覆盖文件 {file}：{grade}年级{sex_zh}“{item_zh}”的100分阈值为 {value}，核对行为 {expected}",
              "Overlay {file}: the 100-point {item_en} threshold of grade {grade} {sex_en} is {value}; the "
              "check row says {expected}",
              "100分一行须与 rules/fitness-2014/junior_check_rows.yaml 一致；请对照附件核对转录。",
              "The 100-point row must equal rules/fitness-2014/junior_check_rows.yaml; check the "
              "transcription against the annex."),
    ErrorSpec("E1035", E, "覆盖文件BMI正常范围不符", "Overlay normal BMI band differs",
              "覆盖文件 {file}：{grade}年级{sex_zh}BMI正常范围为 {value}，核对范围为 {expected}",
              "Overlay {file}: the normal BMI band of grade {grade} {sex_en} is {value}; the check band is "
              "{expected}",
              "BMI正常（100分）范围须与 junior_check_rows.yaml 一致。",
              "The normal (100-point) BMI band must equal junior_check_rows.yaml."),
    ErrorSpec("E1036", E, "覆盖文件BMI范围不连续", "Overlay BMI bands not contiguous",
              "覆盖文件 {file}：{grade}年级{sex_zh}BMI范围不连续：{detail_zh}",
              "Overlay {file}: the BMI bands of grade {grade} {sex_en} are not contiguous: {detail_en}",
              "四档依次为低体重（≤a）、正常（a+0.1–b）、超重（b+0.1–c）、肥胖（≥c+0.1），相邻两档相差0.1。",
              "The four bands are underweight (≤ a), normal (a+0.1 to b), overweight (b+0.1 to c), obese "
              "(≥ c+0.1): neighbours differ by 0.1."),
    ErrorSpec("E1037", E, "覆盖文件无法读取", "Overlay cannot be read",
              "覆盖文件 {file} 无法读取：{detail_zh}", "Overlay {file} cannot be read: {detail_en}",
              "覆盖文件是 UTF-8 的 YAML，写法见 docs/fitness.md“加载初中评分表”。",
              "An overlay is UTF-8 YAML as described in docs/fitness.md, 'Loading the junior tables'."),
    ErrorSpec("E1038", E, "身高或体重缺失", "Height or weight missing",
              "缺少{detail_zh}，无法计算BMI", "{detail_en} missing: BMI cannot be computed",
              "请填写身高（厘米）和体重（千克）。", "Give the height (cm) and the weight (kg)."),
    ErrorSpec("W1039", W, "成绩超出常见范围", "Result outside the usual range",
              "{item_zh}的成绩 {value} 超出常见范围（{detail_zh}），已照常评分",
              "The {item_en} result {value} is outside the usual range ({detail_en}); it was scored as given",
              "请核对原始记录；确实如此可不处理。", "Check the original record; if it is right, nothing needs doing."),
    # --- the national upload workbook and the command line
    ErrorSpec("E1040", E, "不是体质健康上报表", "Not the national upload layout",
              "工作表“{sheet}”缺少上报模板的列：{value}", "Sheet '{sheet}' lacks the upload layout's columns: {value}",
              "请使用《国家学生体质健康标准》数据上报模板，第一行为列名（年级编号、班级编号、学籍号、性别……），不要改动列名。",
              "Use the national upload template: the first row holds the headers (年级编号, 班级编号, 学籍号, "
              "性别 …); do not rename them."),
    ErrorSpec("E1041", E, "列名重复", "Column repeated",
              "工作表“{sheet}”的列“{value}”出现了不止一次", "Column '{value}' of sheet '{sheet}' appears more than once",
              "删除多余的同名列。", "Delete the extra column."),
    ErrorSpec("E1042", E, "找不到工作表", "Sheet not found",
              "工作簿中没有工作表“{value}”", "The workbook has no sheet '{value}'",
              "请检查工作表名称，或不指定工作表（默认读取第一个工作表）。",
              "Check the sheet name, or give none (the first sheet is read)."),
    ErrorSpec("E1043", E, "行数超过上限", "Too many rows",
              "工作表“{sheet}”有 {value} 行，超过上限 {limit} 行", "Sheet '{sheet}' has {value} rows, over the "
              "limit of {limit}",
              "请按学校或年级拆分文件后分别评分。", "Split the file by school or grade and score each part."),
    ErrorSpec("E1044", E, "必填项未填", "Required value missing",
              "第{row}行未填写“{column}”", "Row {row} has no {column}",
              "每名学生须填写年级编号、学籍号和性别。", "Every pupil needs 年级编号, 学籍号 and 性别."),
    ErrorSpec("E1045", E, "年级编号无效", "Grade code not valid",
              "年级编号“{value}”无效", "Grade code '{value}' is not valid",
              "小学一至六年级为11–16，初中一至三年级为21–23。", "Primary grades 1–6 are 11–16; junior grades 1–3 are 21–23."),
    ErrorSpec("E1046", E, "学籍号重复", "Pupil number repeated",
              "学籍号 {value} 在第{row}行再次出现（首次在第{first_row}行）",
              "Pupil number {value} appears again on row {row} (first on row {first_row})",
              "每名学生一行；补测请在“补测”列标注并放在首次测试行之后。",
              "One row per pupil; a retest is marked in the 补测 column, after the first test's row."),
    ErrorSpec("E1047", E, "视力值无效", "Vision value not valid",
              "“{column}”的取值“{value}”不是五分记录的视力值（3.0–5.3）",
              "'{value}' in {column} is not a 5-point vision value (3.0–5.3)",
              "裸眼视力按五分记录填写，如 4.8、5.0。", "Write naked-eye vision on the 5-point scale, e.g. 4.8, 5.0."),
    ErrorSpec("E1048", E, "免测或补测标记无效", "Exempt or retest mark not valid",
              "“{column}”的取值“{value}”无法识别", "'{value}' in {column} is not recognised",
              "免测列填“是”或留空（可附原因，如“是：骨折”）；补测列填“是”或留空。",
              "In 免测 write 是 or leave it empty (a reason may follow, e.g. 是：骨折); in 补测 write 是 or leave it empty."),
    ErrorSpec("E1049", E, "工作表没有学生", "No pupils on the sheet",
              "工作表“{sheet}”没有学生数据行", "Sheet '{sheet}' has no pupil rows",
              "请在列名下逐行填写学生。", "Fill in one pupil per row under the headers."),
    ErrorSpec("E1050", E, "输出目录无法写入", "Output folder cannot be written",
              "无法写入输出目录“{value}”：{detail_zh}", "The output folder '{value}' cannot be written: {detail_en}",
              "请换一个可写的目录，或先删除同名文件。", "Choose a folder you can write to, or remove the file of that name."),
)
