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
    ErrorSpec("E1004", E, "不是学生名册模板", "Not the pupil roster template",
              "文件“{value}”不能按学生名册读取：{detail_zh}。", "The file '{value}' cannot be read as a pupil roster: "
              "{detail_en}.",
              "请下载本页的名册模板，保留第1行的列名，每名学生一行，再上传 .xlsx 文件。",
              "Download the roster template on this page, keep the column names of row 1, one pupil per row, "
              "and upload the .xlsx file."),
    ErrorSpec("E1005", E, "必填项为空", "A required value is missing",
              "第 {line} 行的“{field}”没有填写。", "Row {line} has no value in '{field}'.",
              "年级、班级、学籍号、姓名、性别都必须填写；补全后重新上传。",
              "Grade, class, record number, name and sex are required: fill them in and upload again."),
    ErrorSpec("E1006", E, "学籍号格式不对", "Pupil record number malformed",
              "学籍号“{value}”的格式不对。", "Record number '{value}' is not in the right form.",
              "全国学籍号是字母G（或L、J）加18位身份证号码，例如 G500118201601010011；请照学籍系统核对。",
              "A national record number is the letter G (or L, J) and the 18-character ID number, e.g. "
              "G500118201601010011: copy it from the pupil record system."),
    ErrorSpec("E1007", E, "班级号不对", "Class number not valid",
              "班级“{value}”不是1到99之间的整数。", "Class '{value}' is not a whole number from 1 to 99.",
              "“班级”只填班号数字，如三年级（2）班填 2；班级全称写在“班级名称”列。",
              "Write only the class number in 班级 (2 for 三年级（2）班); the full name goes in 班级名称."),
    ErrorSpec("E1008", E, "出生日期不对", "Birth date not valid",
              "出生日期“{value}”无法识别或不在合理范围内。", "Birth date '{value}' is not a date or not plausible.",
              "按 2016-01-31 的格式填写，或设置为Excel日期；可以留空。",
              "Write it as 2016-01-31 or as an Excel date; it may be left empty."),
    ErrorSpec("E1009", E, "民族代码不对", "Ethnic group code not valid",
              "民族代码“{value}”不是 GB/T 3304 的代码。", "Ethnic group code '{value}' is not a GB/T 3304 code.",
              "填两位数字代码：01 汉族 … 56 基诺族，97 其他，98 外国血统中国籍人士；可以留空。",
              "Write the two-digit code: 01 Han … 56 Jino, 97 other, 98 of foreign origin; it may be left empty."),
    ErrorSpec("E1010", E, "内容过长", "Text too long",
              "第 {line} 行的“{field}”超过 {limit} 个字。", "Row {line}: '{field}' is longer than {limit} characters.",
              "请缩短后重新上传。", "Shorten it and upload again."),
    ErrorSpec("E1011", E, "用户名不能使用", "User name cannot be used",
              "用户名“{value}”不能使用：{detail_zh}。", "The user name '{value}' cannot be used: {detail_en}.",
              "换一个用户名（2到64个字母、数字或 . _ -）；教师已有账号的，请填写其用户名并选择“关联已有账号”。",
              "Choose another user name (2 to 64 letters, digits or . _ -); for a teacher who has an account, "
              "enter that user name and choose to link the existing account."),
    ErrorSpec("E1012", E, "不能转学", "Transfer not possible",
              "不能把学生转到“{value}”：{detail_zh}。", "The pupil cannot be transferred to '{value}': {detail_en}.",
              "只能在本区县的学校之间转学：请选择本区县的另一所学校。",
              "A transfer moves a pupil between schools of the same district: choose another school of it."),
    ErrorSpec("E1013", E, "没有待确认的名册", "No roster to confirm",
              "没有待确认的名册（可能已经确认过或已过期）。", "There is no roster to confirm (it was confirmed or "
              "has expired).",
              "请重新上传名册文件，核对预览后再确认。", "Upload the roster file again, check the preview and confirm."),
    ErrorSpec("E1014", E, "不能为该学生开通账号", "No account for this pupil",
              "不能为学生开通本人账号：{detail_zh}。", "An own account cannot be made for the pupil: {detail_en}.",
              "学生本人账号按本地规则从{limit}年级起开通；低年级学生由家长账号使用。",
              "Pupils' own accounts start at grade {limit} (a local rule); younger pupils use their guardian's "
              "account."),
    ErrorSpec("E1015", E, "学科教师须填写学科", "A subject teacher needs a subject",
              "学科教师须填写所教学科。", "A subject teacher needs the subject taught.",
              "填写学科名称，如“数学”；班主任可以不填。",
              "Enter the subject, e.g. 数学; a head teacher may leave it empty."),
)
