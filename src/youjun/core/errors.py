"""One catalogue of problems for every shell (CLI, API, web).

Each entry has a stable code, a severity, a bilingual message template with the location
and value filled in, and a bilingual hint saying what to do. ``Problem.to_dict`` is the one
JSON shape used everywhere (documented in ``docs/errors.md``, generated from this module).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class ErrorSpec:
    code: str
    severity: Severity
    title_zh: str
    title_en: str
    message_zh: str
    message_en: str
    hint_zh: str
    hint_en: str


E, W = Severity.ERROR, Severity.WARNING

_SPECS = (
    # 1xx — files, sheets, columns
    ErrorSpec("E101", E, "无法读取文件", "File cannot be read",
              "无法读取文件“{name}”：{detail_zh}", "The file '{name}' cannot be read: {detail_en}",
              "请确认文件为 .xlsx、.csv 或 .parquet 格式且未损坏、未加密。",
              "Check that the file is .xlsx, .csv or .parquet, not damaged and not encrypted."),
    ErrorSpec("E102", E, "缺少必需的数据表", "Required table missing",
              "缺少数据表“{table_zh}”（或 CSV 文件“{table}.csv”）",
              "Table '{table_en}' is missing (sheet '{table_en}', or CSV file '{table}.csv')",
              "请使用最新模板，保留该工作表（或同名 CSV 文件）并填写数据。",
              "Use the latest template and keep this sheet (or a CSV file of that name) filled in."),
    ErrorSpec("E103", E, "缺少必需的列", "Required column missing",
              "数据表“{table_zh}”缺少列“{column_zh}”", "Table '{table_en}' lacks column '{column_en}'",
              "请按模板补上该列，列名可用中文或英文键名。",
              "Add the column as in the template; headers may be Chinese or the English key."),
    ErrorSpec("E104", E, "模板版本过旧", "Outdated template",
              "模板版本为 {value}，当前要求 {expected}", "Template version {value}; {expected} is required",
              "请用 youjun template 生成新模板，把数据复制过去后再导入。",
              "Create a new template with `youjun template`, copy your data into it and import again."),
    ErrorSpec("E105", E, "列名重复", "Duplicate column",
              "数据表“{table_zh}”的列“{value}”出现了不止一次", "Column '{column_en}' of table '{table_en}' "
              "appears more than once",
              "删除多余的同名列，只保留一列。", "Delete the extra column so that it appears once."),
    ErrorSpec("E106", E, "数据表为空", "Table is empty",
              "数据表“{table_zh}”没有数据行", "Table '{table_en}' has no data rows",
              "该表为必填表，请至少填写一行数据。", "This table is required: fill in at least one row."),
    ErrorSpec("E107", E, "文件编码无法识别", "Unknown file encoding",
              "文件“{name}”既不是 UTF-8 也不是 GBK/GB18030 编码", "The file '{name}' is neither UTF-8 nor GBK/GB18030",
              "请用 Excel“另存为 CSV UTF-8”或 GBK 编码重新导出。",
              "Export again as 'CSV UTF-8' (or GBK) from Excel."),
    ErrorSpec("W101", W, "未识别的工作表", "Unknown sheet ignored",
              "工作表“{table}”不属于数据规范，已忽略", "Sheet '{table}' is not part of the contract and was ignored",
              "如为数据表，请改用模板中的表名。", "If it holds data, rename it as in the template."),
    ErrorSpec("W102", W, "未识别的列", "Unknown column ignored",
              "数据表“{table_zh}”中的列“{value}”不属于数据规范，已忽略",
              "Column '{value}' of table '{table_en}' is not in the contract and was ignored",
              "如需导入该列，请改用模板中的列名。", "To import it, use the template's column name."),
    # 108–119, W103–W109 — files refused or flagged before reading (docs/limits.md)
    ErrorSpec("E108", E, "文件过大", "File too large",
              "文件大小 {value} 超过上限 {limit}", "The file is {value}, over the limit of {limit}",
              "请只保留本区县本学年的数据表，删除图片和多余工作表后重新保存；确需更大文件请联系管理员调整上限。",
              "Keep only this district's tables for one school year, remove pictures and extra "
              "sheets, and save again; ask the administrator if a larger limit is really needed."),
    ErrorSpec("E109", E, "不是有效的 .xlsx 工作簿", "Not a valid .xlsx workbook",
              "文件“{name}”不是有效的 .xlsx 工作簿：{detail_zh}", "The file '{name}' is not a valid .xlsx workbook: "
              "{detail_en}",
              "该文件不是 Excel 保存的工作簿或内部已损坏：请在 Excel 中打开并“另存为 Excel 工作簿(*.xlsx)”后重新上传。",
              "It was not saved by Excel or its inside is damaged: open it in Excel, save it as "
              "'Excel Workbook (*.xlsx)' and upload it again."),
    ErrorSpec("E110", E, "工作簿含宏", "Workbook contains macros",
              "工作簿含有宏（{detail}），不予读取", "The workbook contains macros ({detail}) and is not read",
              "请在 Excel 中“另存为 Excel 工作簿(*.xlsx)”（不含宏）后重新上传。",
              "Save it from Excel as 'Excel Workbook (*.xlsx)', which has no macros, and upload it again."),
    ErrorSpec("E111", E, "工作簿内部文件名不安全", "Unsafe name inside the workbook",
              "工作簿内部含有不安全的文件名“{value}”", "The workbook holds an unsafe internal name '{value}'",
              "该文件不是 Excel 正常保存的工作簿：请在 Excel 中重新另存为 .xlsx 后上传。",
              "This is not a workbook as Excel saves it: save it again as .xlsx from Excel and upload that."),
    ErrorSpec("E112", E, "解压后数据过大", "Too large when uncompressed",
              "工作簿解压后共 {value}，超过上限 {limit}",
              "The workbook holds {value} uncompressed, over the limit of {limit}",
              "请删除多余的工作表、图片和空白格式后重新保存；一个区县一个学年的数据远小于此上限。",
              "Delete extra sheets, pictures and formatting and save again; one district's "
              "school year is far below this limit."),
    ErrorSpec("E113", E, "压缩比异常（疑似压缩炸弹）", "Abnormal compression ratio (zip bomb)",
              "工作簿内部文件“{detail}”的压缩比为 {value}:1，超过上限 {limit}:1",
              "Part '{detail}' of the workbook compresses {value}:1, over the limit of {limit}:1",
              "正常数据不会有如此高的压缩比：请在 Excel 中打开检查并重新另存为 .xlsx。",
              "Real data never compresses this much: open the file in Excel, check it and save it again as .xlsx."),
    ErrorSpec("E114", E, "行数超过上限", "Too many rows",
              "“{table}”至少有 {value} 行，超过上限 {limit} 行",
              "'{table}' has at least {value} rows, over the limit of {limit}",
              "一个文件只放一个区县一个学年的数据；请删除多余的行（含看似空白但有格式的行）。",
              "One file holds one district's school year: delete the extra rows, including "
              "rows that look empty but are formatted."),
    ErrorSpec("E115", E, "工作表范围过大", "Sheet range too large",
              "工作表“{table}”的范围延伸到单元格 {value}（{detail_zh}），超过上限",
              "Sheet '{table}' extends to cell {value} ({detail_en}), over the limit",
              "请删除远处的单元格内容和格式（选中多余的行列后“删除”），保存后重新上传。",
              "Delete the content and formatting of far-away cells (select the extra rows and "
              "columns and delete them), save and upload again."),
    ErrorSpec("E116", E, "工作表过多", "Too many sheets",
              "工作簿有 {value} 个工作表，超过上限 {limit} 个",
              "The workbook has {value} sheets, over the limit of {limit}",
              "请使用模板，删除与数据无关的工作表。", "Use the template and delete the sheets that hold no data."),
    ErrorSpec("E117", E, "工作簿含 XML 实体声明", "XML entity declarations in the workbook",
              "工作簿内部文件“{detail}”含有 DTD 或实体声明，不予读取",
              "Part '{detail}' of the workbook declares a DTD or entities and is not read",
              "Excel 不会生成这种内容：请在 Excel 中重新另存为 .xlsx 后上传。",
              "Excel never writes this: save the file again as .xlsx from Excel and upload that."),
    ErrorSpec("E118", E, "文件无法安全读取", "File could not be read safely",
              "文件无法安全读取：读取程序在 {value} 时被中止（{detail_zh}）",
              "The file could not be read safely: the reader was stopped at {value} ({detail_en})",
              "请检查文件是否为模板格式、是否含有异常大的工作表；重新另存为 .xlsx 后再试，仍失败请联系管理员。",
              "Check that the file follows the template and has no abnormally large sheet; save it "
              "again as .xlsx and retry, and contact the administrator if it still fails."),
    ErrorSpec("E119", E, "文件名不安全", "Unsafe file name",
              "文件名“{value}”不安全：{detail_zh}", "The file name '{value}' is unsafe: {detail_en}",
              "请把文件改名为只含文字、数字、“-”“_”的名称（如 2025学年数据.xlsx）后重新上传。",
              "Rename the file using letters, digits, '-' and '_' only (e.g. data-2025.xlsx) and upload again."),
    ErrorSpec("W103", W, "隐藏工作表中的数据已导入", "Data on a hidden sheet was imported",
              "工作表“{table}”是隐藏的，其中的数据已照常导入",
              "Sheet '{table}' is hidden; its data was imported as usual",
              "请在 Excel 中取消隐藏该工作表并核对数据；如不应导入，请删除该表后重新上传。",
              "Unhide the sheet in Excel and check its data; if it should not be imported, "
              "delete it and upload again."),
    ErrorSpec("W104", W, "深度隐藏的工作表未导入", "Very hidden sheet not imported",
              "工作表“{table}”被设为“深度隐藏”（Excel 界面中看不到），其中的数据未导入",
              "Sheet '{table}' is very hidden (invisible in Excel's interface); its data was not imported",
              "看不到的数据不予导入：如需导入，请把数据放在可见的工作表中后重新上传。",
              "Data nobody can see is not imported: put it on a visible sheet and upload again."),
    ErrorSpec("W105", W, "公式单元格按缓存结果导入", "Formula cells read as their saved results",
              "工作表“{table}”有 {value} 个公式单元格，按 Excel 上次保存的计算结果导入（如 {cells}）",
              "Sheet '{table}' has {value} formula cells, read as the results Excel last saved (e.g. {cells})",
              "如公式引用的数据改过而未重新计算，结果可能已过时：请在 Excel 中重新计算（F9）并保存，或把公式改为数值。",
              "If the data a formula uses changed without recalculation, the result may be stale: "
              "recalculate (F9) and save in Excel, or paste the values instead of formulas."),
    ErrorSpec("W106", W, "公式没有计算结果", "Formula without a saved result",
              "工作表“{table}”有 {value} 个公式单元格没有保存计算结果，按空值读取（如 {cells}）",
              "Sheet '{table}' has {value} formula cells without a saved result, read as empty (e.g. {cells})",
              "该文件不是由 Excel 保存的或未计算：请在 Excel 中打开、重新计算并保存，或把公式改为数值。",
              "The file was not saved or calculated by Excel: open it in Excel, recalculate and save, "
              "or paste the values instead of formulas."),
    # E120–E139, W110–W129 — what a person's workbook does that the values alone do not say
    # (titles and renamed sheets or columns, formulas, percent cells, unit slips, hidden rows)
    ErrorSpec("E120", E, "工作表名称与模板不符", "Sheet name differs from the template",
              "工作表“{value}”不是模板中的表名，而数据表“{table_zh}”缺失：是否为“{table_zh}”？",
              "Sheet '{value}' is not a template sheet name and table '{table_en}' is missing: "
              "is it '{table_en}'?",
              "请把工作表“{value}”改名为“{table_zh}”（模板中的表名）后重新导入。",
              "Rename sheet '{value}' to '{table}' (or the template's Chinese name) and import again."),
    ErrorSpec("E121", E, "列名与模板不符", "Column name differs from the template",
              "数据表“{table_zh}”的列名“{value}”不是模板中的列名，而列“{column_zh}”缺失："
              "是否为“{column_zh}”？",
              "Header '{value}' of table '{table_en}' is not a template column and "
              "column '{column_en}' is missing: is it '{column_en}'?",
              "请把该列名改为“{column_zh}”后重新导入；改名前该列的数据不作逐格检查。",
              "Rename the header to '{column}' (or the template's Chinese name) and import again; its "
              "cells are checked after that."),
    ErrorSpec("E122", E, "学校标识码疑似填错", "School code probably mistyped",
              "学校“{school}”的学校标识码“{value}”是否应为“{expected}”？"
              "其他表有 {count} 处引用“{expected}”，“学校”表中却没有该校，而本校无人引用"
              "（另有 {count} 处引用该校，已省略）",
              "Is the school code '{value}' of '{school}' meant to be '{expected}'? "
              "Other tables refer {count} times to '{expected}', which is not in the Schools table, "
              "and never to this school ({count} references to it not listed)",
              "请核对并改正该校的学校标识码；改正后，引用“{expected}”的 {count} 处随之解决。",
              "Correct the school's code; the {count} references to '{expected}' are then resolved too."),
    ErrorSpec("E123", E, "引用的学校不存在（多处）", "Unknown school, referred to many times",
              "{column_zh}“{value}”在“学校”表中不存在；另有 {omitted} 处引用该校，已省略",
              "{column_en} '{value}' is not a school in the Schools table; "
              "{omitted} more references to it not listed",
              "请核对标识码，或先在“学校”表中补充该校；补充后各处引用一并解决。",
              "Check the code, or add the school to the Schools table; every reference is then resolved."),
    ErrorSpec("E124", E, "公式没有计算结果", "Formula without a result",
              "“{column_zh}”是公式，但文件中没有保存计算结果，无法读取其数值",
              "'{column_en}' holds a formula but the file has no saved result for it",
              "公式没有计算结果：请在 Excel 中打开文件、重新计算（F9）并保存，或把公式改为数值后重新导入。",
              "Open the file in Excel, recalculate (F9) and save, or paste values instead of the "
              "formula, and import again."),
    ErrorSpec("E125", E, "公式出错", "Formula error",
              "“{column_zh}”的公式出错：{value}",
              "The formula of '{column_en}' gives an error: {value}",
              "公式出错（#DIV/0! 为除数为零，#N/A 为查找不到，#REF! 为引用已删除）：请改正公式或直接填写数值。",
              "Correct the formula (#DIV/0! divides by zero, #N/A found nothing, #REF! lost its "
              "reference) or enter the value itself."),
    ErrorSpec("E126", E, "比率疑似填成了小数", "Rate looks like a fraction",
              "“{rate_zh}”的数值为 {value}，比率应以百分数填写：是否把 {percent}% 填成了 {value}？",
              "'{rate_en}' = {value}; rates are in percent: is {percent}% entered as {value}?",
              "请填写 {percent}（不带 % 号），或把该单元格设为百分比格式，使其显示为 {percent}%。",
              "Enter {percent} (without %), or format the cell as a percentage so that it shows {percent}%."),
    ErrorSpec("E127", E, "差异率疑似填成了百分数", "Difference rate looks like a percentage",
              "“{rate_zh}”应填 0–1 的小数，实际为 {value}：是否把 {fraction} 填成了 {value}？",
              "'{rate_en}' is a decimal from 0 to 1, got {value}: is {fraction} entered as {value}?",
              "差异率以小数填写：请填 {fraction}。", "The difference rate is a decimal: enter {fraction}."),
    ErrorSpec("E128", E, "找不到表头行", "No header row found",
              "工作表“{table_zh}”的前 {rows} 行中没有表头（第 {row} 行为“{value}”）：模板中的列名一个也没有找到",
              "Sheet '{table_en}': none of its first {rows} rows is a header (row {row} reads "
              "'{value}'); no template column name was found",
              "请从模板复制表头（如“{example}”）放在数据上方一行；标题行可以保留，表头下一行开始填写数据。",
              "Copy the template's header row (e.g. '{example_en}') above the data; a title row may stay "
              "above it, data starts on the row below the header."),
    ErrorSpec("E129", E, "同一数据表出现了两次", "The same table twice",
              "数据表“{table_zh}”出现了两次：“{value}”与“{first}”，只能保留一个",
              "Table '{table_en}' is given twice, as '{value}' and as '{first}': keep only one",
              "删除或移走其中一个文件（或工作表），只保留正确的那一份后重新导入。",
              "Delete or move one of the two files (or sheets), keep the right one and import again."),
    ErrorSpec("W110", W, "疑似单位填错", "Probably the wrong unit",
              "“{column_zh}”为 {value}：{detail_zh}，疑似按{suspect_zh}填写",
              "'{column_en}' = {value}: {detail_en}; it looks entered in {suspect_en}",
              "本列单位为{unit_zh}：如按{suspect_zh}填写，请换算为{unit_zh}（{fix_zh}）；核对无误可忽略本警告。",
              "The column is in {unit_en}: if it was entered in {suspect_en}, convert it ({fix_en}); "
              "ignore this warning if the value is right."),
    ErrorSpec("W111", W, "生均值不合常理", "Implausible per-pupil value",
              "“{column_zh}”为 {value}：{detail_zh}",
              "'{column_en}' = {value}: {detail_en}",
              "请核对数值与单位（本列单位为{unit_zh}）及该校学生数；核对无误可忽略本警告。",
              "Check the value, its unit ({unit_en}) and the school's pupils; ignore this warning if it is right."),
    ErrorSpec("W112", W, "标题行已跳过", "Title row skipped",
              "工作表“{table}”第{value}行是标题行（“{title}”），表头在第{header_row}行，已从该行读取",
              "Row {value} of sheet '{table}' is a title ('{title}'); the header is row {header_row} and "
              "was read from there",
              "无需修改；如第{header_row}行不是表头，请删除标题行后重新导入。",
              "Nothing to do; if row {header_row} is not the header, delete the title row and import again."),
    ErrorSpec("W113", W, "两行表头已合并", "Two-row header combined",
              "工作表“{table}”的表头占两行（第{value}–{below}行），已合并读取",
              "The header of sheet '{table}' takes two rows ({value}–{below}); they were read as one",
              "请核对列名是否对应正确；最稳妥的做法是使用模板的单行表头。",
              "Check that the columns were matched correctly; the template's one-row header is safest."),
    ErrorSpec("W114", W, "百分比格式已换算", "Percent cell converted",
              "“{rate_zh}”的单元格设为百分比格式，显示为 {percent}%，文件中存的是 {value}："
              "已按 {percent} 导入",
              "The cell of '{rate_en}' is formatted as a percentage and shows {percent}%, stored as "
              "{value}: imported as {percent}",
              "比率以百分数填写，已自动换算；请核对该值是否为 {percent}%。",
              "Rates are in percent; the value was converted: check that it is {percent}%."),
    ErrorSpec("W115", W, "隐藏行中的数据已导入", "Data on hidden rows imported",
              "工作表“{table}”有 {count} 个{how_zh}（第 {value} 行），其中的数据已照常导入",
              "Sheet '{table}' has {count} {how_en} ({rows_en}); their data was imported as usual",
              "请在 Excel 中取消隐藏（或清除筛选）核对这些行；如不应导入，请删除这些行后重新导入。",
              "Unhide the rows (or clear the filter) in Excel and check them; delete them if they "
              "should not be imported."),
    ErrorSpec("W116", W, "文字被 Excel 转成了日期", "Text turned into a date by Excel",
              "“{column_zh}”的值被 Excel 转成了日期 {value}{as_date_zh}，已按“{recovered}”导入",
              "'{column_en}' was turned into the date {value}{as_date_en} by Excel; "
              "imported as '{recovered}'",
              "请核对“{recovered}”是否为原来填写的内容；今后请把该列设为文本格式后再输入"
              "（或先输入英文单引号，如 '1-2）。",
              "Check that '{recovered}' is what was typed; format the column as text before typing "
              "(or type an apostrophe first, e.g. '1-2)."),
    ErrorSpec("W117", W, "合计行或说明行已跳过", "Total or note row skipped",
              "工作表“{table}”第{value}行是合计行/说明行（“{text}”），已跳过",
              "Row {value} of sheet '{table}' is a total or note row; it was skipped",
              "无需修改；合计、填表人、备注等行不是数据，导入时不读取。如该行是数据，请改写第一列后重新导入。",
              "Nothing to do: totals, signatures and notes are not data and are not read. If the row is "
              "data, correct its first cell and import again."),
    # 2xx — cell values
    ErrorSpec("E201", E, "必填项为空", "Required value missing",
              "“{column_zh}”为必填项，不能为空", "'{column_en}' is required and is empty",
              "请填写该单元格。", "Fill in this cell."),
    ErrorSpec("E202", E, "不是数字", "Not a number",
              "“{column_zh}”应为数字，实际为“{value}”", "'{column_en}' must be a number, got '{value}'",
              "请只填写数字，不要带空格或文字{unit_note_zh}。",
              "Enter a plain number, without spaces or words{unit_note_en}."),
    ErrorSpec("E203", E, "不是整数", "Not a whole number",
              "“{column_zh}”应为整数，实际为“{value}”", "'{column_en}' must be a whole number, got '{value}'",
              "请填写整数。", "Enter a whole number."),
    ErrorSpec("E204", E, "超出允许范围", "Out of range",
              "“{column_zh}”的值 {value} 超出允许范围 {range_zh}",
              "'{column_en}' = {value} is outside {range_en}",
              "请核对{check_zh}：“{column_zh}”允许 {range_zh}。", "Check {check_en}: '{column_en}' allows {range_en}."),
    ErrorSpec("E205", E, "不在可选值内", "Not an allowed value",
              "“{column_zh}”的值“{value}”不在可选值内：{allowed_zh}",
              "'{column_en}' = '{value}' is not one of: {allowed_en}",
              "请从下拉列表中选择。", "Choose a value from the drop-down list."),
    ErrorSpec("E206", E, "代码格式错误", "Wrong code format",
              "“{column_zh}”的值“{value}”格式不对，应为{pattern_zh}",
              "'{column_en}' = '{value}' has the wrong format: expected {pattern_en}",
              "请按要求的格式改正该值{long_number_zh}。", "Correct the value to the format required{long_number_en}."),
    ErrorSpec("E207", E, "日期无效", "Invalid date",
              "“{column_zh}”的值“{value}”不是有效日期", "'{column_en}' = '{value}' is not a valid date",
              "请按 YYYY-MM-DD 格式填写日期，如 2025-09-01。", "Write the date as YYYY-MM-DD, e.g. 2025-09-01."),
    ErrorSpec("E208", E, "应填是或否", "Yes or no expected",
              "“{column_zh}”应填“是”或“否”，实际为“{value}”",
              "'{column_en}' must be yes or no, got '{value}'",
              "请从下拉列表中选择“是”或“否”（也可填写 {spellings_zh}）。",
              "Choose yes or no from the drop-down list ({spellings_en} are accepted too)."),
    ErrorSpec("E209", E, "疑似身份证号（个人信息）", "Looks like a personal ID number",
              "“{column_zh}”的值形如身份证号，不得导入未脱敏的个人信息",
              "'{column_en}' looks like a resident ID number; unmasked personal data is not accepted",
              "请改用单位内部编号或脱敏编号（如 T000123），不要填写身份证号、手机号。",
              "Use an internal or masked ID (e.g. T000123), never an ID or phone number."),
    ErrorSpec("E210", E, "学年格式错误", "Wrong school year",
              "学年“{value}”无效，应为如 2025-2026 的相邻两年",
              "School year '{value}' is invalid: expected two consecutive years such as 2025-2026",
              "请按“起始年-结束年”填写。", "Write it as start-end, e.g. 2025-2026."),
    ErrorSpec("W211", W, "个人信息已脱敏", "Personal data masked",
              "“{column_zh}”中含有身份证号或电话号码，已脱敏保存为“{value}”",
              "'{column_en}' held a resident ID or phone number; it is stored masked as '{value}'",
              "平台不保存未脱敏的个人信息。请从源表中删除该号码；如确需联系方式，请填写单位电话或在平台外保存。",
              "The platform keeps no unmasked personal data. Remove the number from your source "
              "sheet; keep contact details outside the platform."),
    # 3xx — keys and references
    ErrorSpec("E301", E, "重复记录", "Duplicate record",
              "{key_zh}“{ident_zh}”重复出现（另见第 {other_row} 行）",
              "{key_en} '{ident_en}' appears more than once (see also row {other_row})",
              "删除重复行，或更正其中一行的编号。", "Delete the duplicate row or correct its identifier."),
    ErrorSpec("E302", E, "引用的学校不存在", "Unknown school",
              "{column_zh}“{value}”在“学校”表中不存在",
              "{column_en} '{value}' is not a school in the Schools table",
              "请核对标识码，或先在“学校”表中补充该校。",
              "Check the code, or add the school to the Schools table first."),
    ErrorSpec("E303", E, "引用的区县不存在", "Unknown district",
              "区县代码“{value}”在“区县”表中不存在", "District code '{value}' is not in the Districts table",
              "请核对区县代码，或在“区县”表中补充该区县。",
              "Check the code or add the district to the Districts table."),
    ErrorSpec("E304", E, "教学点缺少中心校", "Teaching point without central school",
              "教学点“{school}”未填写所属中心校标识码", "Teaching point '{school}' has no central school",
              "请填写其所属中心校的学校标识码。", "Enter the school code of its central school."),
    ErrorSpec("E305", E, "学校缺少校舍设施数据", "School has no facilities row",
              "学校“{school}”在“校舍设施”表中没有数据", "School '{school}' has no row in Facilities",
              "请在“校舍设施”表中为该校填写一行。", "Add a row for this school to Facilities."),
    ErrorSpec("E306", E, "中心校不能是教学点", "Central school is a teaching point",
              "“{school}”的中心校“{value}”本身是教学点或非小学段学校",
              "The central school '{value}' of '{school}' is itself a teaching point or has no primary section",
              "请填写承担管理职能的中心小学（或九年一贯制学校）的标识码。",
              "Enter the code of the managing central primary (or nine-year) school."),
    ErrorSpec("E307", E, "学校跨区县引用", "Reference crosses districts",
              "“{school}”引用的学校“{value}”属于另一个区县", "'{school}' refers to '{value}' in another district",
              "教学点的中心校应在同一区县内。", "A teaching point's central school must be in the same district."),
    # 4xx — sense across fields and tables
    ErrorSpec("E401", E, "班额合计与年级学生数不符", "Classes do not add up to enrolment",
              "学校“{school}”{grade_zh}：各班人数合计 {value}{note}，学校表填报 {expected}",
              "School '{school}' grade {grade}: classes add up to {value}{note_en}, the Schools table says {expected}",
              "请核对“班级”表各班人数或“学校”表该年级学生数，二者应相等。",
              "Correct the class sizes or the school's grade enrolment so that they agree."),
    ErrorSpec("E402", E, "体育馆面积大于校舍总面积", "Gym larger than all buildings",
              "室内体育馆面积 {value} 平方米大于校舍建筑面积 {expected} 平方米",
              "Indoor gym area {value} m² exceeds the total building area {expected} m²",
              "请核对面积与单位；体育馆计入校舍建筑面积。",
              "Check the areas and units; the gym is part of the building area."),
    ErrorSpec("E403", E, "教学及辅助用房面积大于校舍总面积", "Teaching area larger than all buildings",
              "教学及辅助用房面积 {value} 平方米大于校舍建筑面积 {expected} 平方米",
              "Teaching and auxiliary area {value} m² exceeds the total building area {expected} m²",
              "请核对面积与单位。", "Check the areas and units."),
    ErrorSpec("E404", E, "一贯制学校缺少学段学生", "Combined school missing a section",
              "{type_zh}“{school}”的{section_zh}学段没有学生",
              "{type_en} '{school}' has no pupils in its {section_en} section",
              "请核对学校类型或各年级学生数；如该学段已停办，请更正学校类型。",
              "Check the school type or the grade enrolments; if the section has closed, change the type."),
    ErrorSpec("E405", E, "学校类型与年级不符", "Grades do not fit the school type",
              "{type_zh}“{school}”填报了{grade_zh}学生 {value} 人",
              "{type_en} '{school}' reports {value} pupils in grade {grade}",
              "请核对学校类型或学生所在年级。", "Check the school type or the grade."),
    ErrorSpec("E406", E, "任教学段与学校不符", "Section not taught at the school",
              "教师所在学校“{school}”（{type_zh}）没有{section_zh}学段",
              "The teacher's school '{school}' ({type_en}) has no {section_en} section",
              "请核对教师的学校标识码或任教学段。", "Check the teacher's school code or section."),
    ErrorSpec("E407", E, "缺少骨干教师认定级别", "Key-teacher level missing",
              "骨干教师类别为“{value}”，但未填写认定级别",
              "Key-teacher tier '{tier_en}' given without its awarding level",
              "请填写认定级别（校级、县级、市级、省级、国家级）。",
              "Enter the awarding level (school, county, city, province, national)."),
    ErrorSpec("E408", E, "缺少交流前学校", "Rotated teacher without origin",
              "教师本学年交流轮岗，但未填写交流前学校标识码",
              "The teacher rotated this year but the school rotated from is empty",
              "请填写交流前学校的标识码。", "Enter the code of the school the teacher came from."),
    ErrorSpec("E409", E, "学年不一致", "More than one school year",
              "文件包含多个学年：{value}", "The file holds more than one school year: {years_en}",
              "一个文件只能包含一个学年的数据，请分开导入。",
              "One file holds one school year: import them separately."),
    ErrorSpec("E410", E, "比率与分子分母不符", "Rate does not match its parts",
              "“{rate_zh}”的数值 {value} 与分子、分母算出的 {expected} 不符",
              "'{rate_en}' = {value} does not match numerator / denominator × 100 = {expected}",
              "请核对分子、分母和数值（比率以百分数填写）。",
              "Check the numerator, denominator and value (rates in percent)."),
    ErrorSpec("E411", E, "学校没有学生", "School without pupils",
              "学校“{school}”各年级学生数合计为 0", "School '{school}' has no pupils in any grade",
              "请填写各年级学生数；已停办的学校请从文件中删除。",
              "Enter the grade enrolments; remove schools that have closed."),
    ErrorSpec("E412", E, "比率缺少数值", "Rate without a value",
              "“{value}”既没有数值，也没有分子和分母",
              "'{rate_en}' has neither a value nor a numerator and denominator",
              "请填写数值，或同时填写分子和分母。", "Enter the value, or both numerator and denominator."),
    ErrorSpec("E413", E, "数值超出该指标的范围", "Value outside the rate's scale",
              "“{rate_zh}”的数值 {value} 超出 {minimum}–{maximum}",
              "'{rate_en}' = {value} is outside {minimum}–{maximum}",
              "比率以百分数填写（0–100）；监测水平填 1–4；差异率填 0–1 的小数。",
              "Rates in percent (0–100); monitoring level 1–4; difference rate a decimal 0–1."),
    ErrorSpec("E414", E, "分子大于分母", "Numerator exceeds denominator",
              "分子 {value} 大于分母 {expected}", "Numerator {value} exceeds denominator {expected}",
              "请核对分子与分母是否填反。", "Check whether numerator and denominator are swapped."),
    # 5xx — warnings that do not block
    ErrorSpec("W501", W, "生均值异常偏高", "Per-pupil value far above the median",
              "“{indicator_zh}”为 {amount_zh}，是区县中位数（{median_zh}）的 {ratio} 倍",
              "'{indicator_en}' = {amount_en}, {ratio} times the district median {median_en}",
              "请核对该校的“{column_zh}”（单位：{column_unit_zh}）和各年级学生数；核对无误可忽略本警告。",
              "Check the school's '{column_en}' (in {column_unit_en}) and its pupils; ignore this warning "
              "if they are right."),
    ErrorSpec("W502", W, "学校没有体育教师", "School without a PE teacher",
              "学校“{school}”{code_zh}没有任教体育的专任教师",
              "School '{school}'{code_en} has no full-time teacher of PE",
              "请核对“专任教师”表中该校教师的“任教学科”（体育教师选“体育与健康”）；确无体育教师时，"
              "该校 R3（体育、艺术专任教师）指标可能不达标。",
              "Check the column '任教学科' (Subject) of this school's teachers on sheet '专任教师' (Teachers): "
              "a PE teacher's is '体育与健康'. Without a PE teacher the school may fail R3 (PE and arts teachers)."),
    ErrorSpec("W503", W, "专职体艺教师学科不符", "Specialist flag with another subject",
              "教师标为专职体育/音乐/美术教师，但任教学科为“{value}”",
              "The teacher is flagged as a PE/music/art specialist but teaches '{subject_en}'",
              "请核对任教学科或专职标记。", "Check the subject or the specialist flag."),
    ErrorSpec("W504", W, "交流前学校不在本文件中", "Origin school not in this file",
              "交流前学校“{value}”不在本文件的学校表中（可能来自区县外）",
              "Origin school '{value}' is not in this file (perhaps outside the district)",
              "如为区县内学校，请核对标识码。", "If it is inside the district, check the code."),
    ErrorSpec("W505", W, "学校没有班级数据", "School without classes",
              "学校“{school}”在“班级”表中没有班级，无法计算班额",
              "School '{school}' has no classes, so class sizes cannot be checked",
              "请填写该校每个教学班的实际人数。", "Enter the real size of each of its classes."),
    ErrorSpec("W506", W, "培训经费大于公用经费预算", "Training spend above the budget",
              "教师培训经费 {value} 元大于公用经费预算 {expected} 元",
              "Teacher-training spend {value} yuan exceeds the public-funds budget {expected} yuan",
              "请核对两个金额的单位与口径。", "Check the units and scope of both amounts."),
    ErrorSpec("W507", W, "区县缺少佐证材料认定", "District evidence not attested",
              "区县“{district}”（{value}）的“佐证材料”表中缺少 {count} 项认定：{items_zh}。"
              "{veto_zh}缺少认定的项目按“缺少佐证材料”评估，该区县不予认定",
              "District '{district}' ({value}) has no row on sheet '佐证材料' (Evidence) for {count_en}: {items_en}. "
              "{veto_en}An item without a finding is assessed as 'evidence missing', and the district is "
              "not recognised",
              "请在“佐证材料”表中{rows_zh}：区县代码填 {value}，评估项目{pick_zh}，学校标识码留空，"
              "认定结论填“达标”{met_zh}或“未达标”，并填写认定单位（人）和认定日期；附件编号、说明选填。",
              "On sheet '佐证材料' (Evidence) add {rows_en}: '区县代码' (District code) {value}; '评估项目' (Item) "
              "{pick_en}; '学校标识码' (School code) left empty; '认定结论' (Finding) '达标' (Met){met_en} or "
              "'未达标' (Not met); '认定单位（人）' (Attested by) and '认定日期' (Attested on); '附件编号' "
              "(Attachment reference) and '说明' (Note) optional. The sheet's headers and lists are in Chinese."),
    # 8xx — the web platform and API: sign-in, permissions, uploads, runs
    ErrorSpec("E801", E, "未登录或令牌无效", "Not signed in",
              "请先登录，或在请求头中提供有效的 API 令牌", "Sign in, or send a valid API token",
              "在“账户”页面创建令牌，并以 Authorization: Bearer <令牌> 发送。",
              "Create a token on the Account page and send it as 'Authorization: Bearer <token>'."),
    ErrorSpec("E802", E, "无权执行该操作", "Not allowed",
              "您的角色只能查看，不能执行该操作：{detail}", "Your role may read but not do this: {detail}",
              "如需修改数据或运行评估，请联系区县教育行政部门管理员。",
              "Ask the district bureau's administrator to change data or run assessments."),
    ErrorSpec("E803", E, "对象不存在", "Not found",
              "没有找到{detail}", "No such {detail}",
              "请核对代码或编号；您只能访问本人权限范围内的数据。",
              "Check the code or id; you can reach only the data within your remit."),
    ErrorSpec("E804", E, "请求无效", "Invalid request",
              "请求参数有误：{detail}", "The request is not valid: {detail}",
              "请对照 /api/docs 中的接口说明修改请求。", "Compare the request with the description at /api/docs."),
    ErrorSpec("E805", E, "本机登录已暂停", "Log-in paused from this address",
              "从本机（本网络地址）登录该账户连续失败次数过多，已暂停约 {value} 分钟",
              "Too many failed log-ins to this account from this address: paused for about {value} min",
              "请在 {value} 分钟后再试；其他电脑和网络不受影响。忘记密码请联系管理员重置。",
              "Try again in {value} min; other computers and networks are not affected. If you forgot "
              "the password, ask an administrator to reset it."),
    ErrorSpec("E806", E, "数据不属于该区县", "Data of another district",
              "文件中的区县代码“{value}”与所选区县 {expected} 不符",
              "The file holds district code '{value}', not the chosen district {expected}",
              "请上传本区县的数据文件，或切换到对应区县后再上传。",
              "Upload this district's file, or switch to the district the file belongs to."),
    ErrorSpec("E807", E, "该学年尚无数据", "No data for the school year",
              "{value} 学年还没有已确认的数据", "No confirmed data for school year {value}",
              "请先上传并确认该学年的区县数据文件。", "Upload and confirm the district's file for that year first."),
    ErrorSpec("E808", E, "评估尚未完成", "Assessment not finished",
              "评估运行 {value} 的状态为“{detail}”", "Assessment run {value} is '{detail}'",
              "请等待运行完成后再读取结果。", "Wait until the run has finished, then read its result."),
    ErrorSpec("E809", E, "评估运行失败", "Assessment failed",
              "评估运行失败：{detail}", "The assessment failed: {detail}",
              "请检查数据与规则集后重新运行；如仍失败，请联系平台管理员。",
              "Check the data and the rule set and run again; if it still fails, tell the platform admin."),
    ErrorSpec("E810", E, "规划选项无效", "Invalid planning options",
              "规划选项有误：{detail}", "The planning options are not valid: {detail}",
              "请按页面说明修改选项；各项本地规划假设的名称与默认值见规划页的“其他假设”“单位造价”两栏及《规划说明》。",
              "Correct the options as the page describes; the page's assumption and unit-cost sections and the "
              "planning notes list every assumption and its default."),
    ErrorSpec("E811", E, "规划运行失败", "Plan failed",
              "规划运行失败：{detail}", "The plan failed: {detail}",
              "请检查数据、情景与选项后重新运行；如仍失败，请联系平台管理员。",
              "Check the data, scenario and options and run again; if it fails again, tell the platform admin."),
    # E812–E819 — what an upload may be and may change (file type and size, district identity)
    ErrorSpec("E812", E, "只接受 .xlsx 工作簿", "Only .xlsx workbooks are accepted",
              "文件“{value}”不是 .xlsx 工作簿（扩展名为“{detail}”）",
              "The file '{value}' is not an .xlsx workbook (its extension is '{detail}')",
              "请用 Excel 或 WPS 打开文件，“另存为”“Excel 工作簿 (*.xlsx)”后再上传："
              ".xls 为旧格式，.csv 只含一张表，.xlsm 含宏（不接受宏）；最好直接使用 youjun 填报模板。",
              "Open the file in Excel or WPS and 'Save as' 'Excel Workbook (*.xlsx)', then upload it again: "
              ".xls is the old format, .csv holds one table only, .xlsm carries macros (not accepted); "
              "best start from the youjun template."),
    ErrorSpec("E813", E, "文件过大", "File too large",
              "文件大小 {value} MB 超过上限 {expected} MB", "The file is {value} MB, above the limit of {expected} MB",
              "请删除无关的工作表、图片和空白行列后重新保存；若本区县数据确实更大，请平台管理员调高"
              " YOUJUN_MAX_UPLOAD_MB。",
              "Remove unrelated sheets, pictures and empty rows and columns, then save again; if the "
              "district's data really is larger, ask the platform admin to raise YOUJUN_MAX_UPLOAD_MB."),
    ErrorSpec("E814", E, "未选择文件", "No file chosen",
              "请求中没有名为 file 的文件", "The request holds no file named 'file'",
              "请选择区县数据工作簿（.xlsx）后再提交。", "Choose the district workbook (.xlsx) and send it again."),
    ErrorSpec("E815", E, "学校属于其他区县", "School of another district",
              "学校标识码 {value}（{sheet} 第 {row} 行）已在 {other_name}（{other_code}）登记，"
              "上传文件不能把它移入本区县",
              "School code {value} (sheet {sheet}, row {row}) is registered in {other_name} ({other_code}); "
              "an upload cannot move it into this district",
              "请核对学校标识码；如该校确已调整隶属关系，请平台管理员先办理学校划转，再重新上传。",
              "Check the school code; if the school really has changed district, ask the platform admin to "
              "move it first, then upload again."),
    ErrorSpec("E816", E, "区县名称与平台登记不符", "District name differs from the register",
              "文件中的区县名称“{value}”与平台登记的“{expected}”（{district_code}）不符",
              "The file names the district '{value}', the platform registers {district_code} as '{expected}'",
              "请把“区县”表的区县名称改为“{expected}”；如区县确已更名，请平台管理员先更新登记。",
              "Write '{expected}' as the district name in the districts sheet; if the district really was "
              "renamed, ask the platform admin to update the register first."),
    ErrorSpec("E817", E, "所属省份与平台登记不符", "Province differs from the register",
              "文件中的省份 {value}（{name}）与平台登记的 {expected}（{expected_name}）不符",
              "The file places the district in {value} ({name}), the platform in {expected} ({expected_name})",
              "请把“区县”表的省级区划代码与省份名称改为 {expected}（{expected_name}）；"
              "区县的隶属关系只能由平台管理员修改。",
              "Write {expected} ({expected_name}) as the province in the districts sheet; only the platform "
              "admin can change which province a district belongs to."),
    ErrorSpec("E818", E, "该学年数据中没有本校", "School not in that year's data",
              "学校 {value} 不在 {detail} 学年已确认的区县数据中",
              "School {value} is not in the confirmed data of {detail}",
              "请联系区县教育行政部门：由区县上传包含本校的数据文件后再填报。",
              "Ask the district bureau to upload a file that includes this school, then fill in the form."),
    # E820–E829 — log-in throttling, passwords, sessions
    ErrorSpec("E820", E, "登录尝试过于频繁", "Too many log-in attempts for this account",
              "该账户近期登录失败次数过多，请在 {value} 秒后再试",
              "This account has had too many failed log-ins; try again in {value} s",
              "账户没有被锁定，稍等片刻即可再次登录；如非本人操作，请告知管理员，并考虑修改密码。",
              "The account is not locked: wait a moment and log in again; if it was not you, tell the "
              "administrator and consider changing your password."),
    ErrorSpec("E821", E, "本网络登录失败次数过多", "Too many failed log-ins from this address",
              "从您所在网络地址登录失败的次数过多，请在 {value} 秒后再试",
              "Too many failed log-ins from your network address; try again in {value} s",
              "请稍后再试；如同一单位多人共用一个出口地址，请联系平台管理员调整限制（YOUJUN_LOGIN_IP_FAILURES）。",
              "Try again later; if many people share one address, ask the platform administrator to "
              "raise the limit (YOUJUN_LOGIN_IP_FAILURES)."),
    ErrorSpec("E822", E, "密码不符合要求", "Password refused by the policy",
              "新密码不符合密码规则：{detail}", "The new password does not meet the policy: {detail}",
              "请使用至少 10 个字符、不全是数字、不是常见密码、且与用户名和姓名不相似的密码，"
              "例如几个不相关的词加数字。",
              "Use at least 10 characters, not only digits, not a common password and not like your user "
              "name or full name, e.g. a few unrelated words and a number."),
    ErrorSpec("E823", E, "原密码不正确", "Current password is wrong",
              "输入的原密码不正确", "The current password you entered is wrong",
              "请输入现在使用的密码；如已忘记，请联系管理员重置密码。",
              "Enter the password you use now; if you forgot it, ask an administrator to reset it."),
    ErrorSpec("E824", E, "两次输入的新密码不一致", "New passwords do not match",
              "两次输入的新密码不一致", "The two new passwords differ",
              "请在两个输入框中输入相同的新密码。", "Type the same new password in both fields."),
    ErrorSpec("E825", E, "须先修改密码", "Password change required",
              "管理员已重置您的密码，请先修改密码后再继续", "Your password was reset: change it before going on",
              "请在浏览器中打开“修改密码”页面（/account/password/）设置新密码，之后即可继续使用网页和 API。",
              "Open the password change page (/account/password/) in the browser and set a new password; "
              "then the pages and the API work again."),
    # E830–E839 — background tasks, backup and restore
    ErrorSpec("E830", E, "后台任务中断", "Background task interrupted",
              "运行该任务的进程（{detail}）已停止，或超过 {value} 秒没有心跳：任务已标记为失败；"
              "即使该进程之后完成，其结果也不会采用",
              "The process running the task ({detail}) stopped, or sent no heartbeat for over {value} s: the "
              "task is marked failed, and should that process still finish, its result is discarded",
              "请重新运行；如反复中断，请平台管理员查看服务器日志、内存与进程。",
              "Run it again; if it keeps being interrupted, the platform admin should check the server's "
              "log, memory and processes."),
    ErrorSpec("E831", E, "备份失败", "Backup failed",
              "备份未能完成：{detail}", "The backup could not be made: {detail}",
              "请检查数据库连接、磁盘空间与输出路径的权限（PostgreSQL 需要 pg_dump）后重试。",
              "Check the database connection, the free disk space and the output path's permissions "
              "(PostgreSQL needs pg_dump), then try again."),
    ErrorSpec("E832", E, "恢复目标不为空", "Restore target not empty",
              "目标数据库已有数据（{detail}），恢复不会覆盖它", "The target database holds data ({detail}); "
              "restore will not overwrite it",
              "确认要用备份替换现有数据时，请加 --force；建议先为现有数据另做一次备份。",
              "Add --force when you mean to replace the data with the backup; back the current data up first."),
    ErrorSpec("E833", E, "备份文件无效", "Invalid backup archive",
              "备份文件 {value} 无效：{detail}", "Backup archive {value} is not valid: {detail}",
              "请使用 youjun backup 生成的完整文件；文件可能已损坏或被修改，请换用另一份备份。",
              "Use a whole archive made by `youjun backup`; it may be damaged or altered: use another backup."),
    ErrorSpec("E834", E, "恢复失败", "Restore failed",
              "恢复未能完成，原有数据库保持不变：{detail}",
              "The restore could not be completed and the previous database is unchanged: {detail}",
              "请检查数据库连接与磁盘空间（PostgreSQL 需要 pg_restore）后重试。",
              "Check the database connection and the free disk space (PostgreSQL needs pg_restore), then "
              "try again."),
    # E850–E859 — submission review and user administration
    ErrorSpec("E850", E, "该填报当前不能审核", "Submission cannot be reviewed now",
              "学校 {value} 的填报状态为“{detail}”，只有已提交待审核的填报可以通过或退回",
              "The submission of school {value} is '{detail}': only a submitted one can be approved or returned",
              "请刷新页面查看最新状态；学校修改后重新提交即可再次审核。",
              "Reload the page to see its status; once the school submits again it can be reviewed."),
    ErrorSpec("E851", E, "退回须写明原因", "A return needs a comment",
              "退回学校 {value} 的填报时没有填写意见",
              "The submission of school {value} was returned without a comment",
              "请在意见框中写明需要学校修改的内容，再点“退回修改”。",
              "Write in the comment box what the school should correct, then press 'Return'."),
    ErrorSpec("E852", E, "无权分配该角色", "Role not yours to assign",
              "不能为“{value}”分配角色“{detail}”", "You may not assign the role '{detail}' for '{value}'",
              "区县管理员只能为本区县创建数据分析员和本区县学校的填报员；其他角色请联系平台管理员。",
              "A district administrator may create only analysts of the district and data officers of its "
              "schools; ask the platform administrator for any other role."),
    ErrorSpec("E853", E, "用户名已被使用", "User name taken",
              "用户名“{value}”已被使用", "The user name '{value}' is already in use",
              "请换一个用户名（建议使用单位拼音缩写加姓名）。",
              "Choose another user name (e.g. the unit's abbreviation and the person's name)."),
    ErrorSpec("E854", E, "角色缺少所属单位", "Role without its place",
              "角色“{value}”须指定{detail}", "The role '{value}' needs {detail}",
              "请在表单中选择该用户所属的区县或学校。", "Choose the user's district or school in the form."),
    ErrorSpec("E855", E, "报告生成失败", "Report could not be rendered",
              "报告生成失败：{detail}", "The report could not be rendered: {detail}",
              "请稍后重新下载；如仍失败（例如服务器缺少中文字体），请联系平台管理员。",
              "Download it again later; if it still fails (e.g. the server lacks a CJK font), "
              "tell the platform admin."),
    # E860–E869 — the command line: arguments, databases and the files named in them
    ErrorSpec("E860", E, "无法打开数据库", "Database cannot be opened",
              "无法打开数据库 {file}：{detail}", "The database {file} cannot be opened: {detail}",
              "请给出用 youjun import 生成的 .duckdb 文件；若提示被占用，请先关闭正在使用它的程序"
              "（另一个 youjun 命令、DBeaver 等）再试。",
              "Give a .duckdb file made by `youjun import`; if it is in use, close the program using it "
              "(another youjun command, DBeaver…) and try again."),
    ErrorSpec("E861", E, "文件格式有误", "File cannot be parsed",
              "{file} 第{row}行第{col}列格式有误：{detail}", "{file}, line {row}, column {col}: {detail}",
              "请检查该处的缩进、冒号和引号（YAML 用空格缩进，不用 Tab；冒号后留一个空格）。",
              "Check the indentation, colons and quotes there (YAML indents with spaces, not tabs; "
              "a space after each colon)."),
    ErrorSpec("E862", E, "文件编码无法识别", "Unknown text encoding",
              "{file} 不是 UTF-8、GBK/GB18030 或 UTF-16 编码的文本文件",
              "{file} is not text in UTF-8, GBK/GB18030 or UTF-16",
              "请用记事本或 WPS 打开后“另存为”UTF-8 编码的文本。",
              "Open it in a text editor and save it as UTF-8 text."),
    ErrorSpec("E863", E, "找不到文件", "File not found",
              "找不到{what}文件 {file}（已在 {detail} 中查找）", "{what_en} file {file} not found (looked in {detail})",
              "请检查文件名和所在文件夹；相对路径从当前文件夹算起。",
              "Check the file name and folder; a relative path starts from the current folder."),
    ErrorSpec("E864", E, "参数取值无效", "Invalid argument value",
              "参数 {value} 的取值“{detail}”无效：{expected}", "Argument {value}: '{detail}' is invalid: {expected_en}",
              "请按 youjun … --help 中的说明填写。", "See the command's --help."),
    ErrorSpec("E865", E, "命令参数有误", "Bad command line",
              "{detail}", "{detail_en}",
              "运行 {command} --help 查看该命令的用法。", "Run `{command} --help` to see its usage."),
    ErrorSpec("E866", E, "不是方案包", "Not a plan bundle",
              "{file} 不是方案包：{detail}", "{file} is not a plan bundle: {detail_en}",
              "请给出 youjun plan 输出的文件夹（其中有 bundle.json）。",
              "Give the folder written by `youjun plan` (it holds bundle.json)."),
    ErrorSpec("E867", E, "无法生成方案", "The plan cannot be made",
              "无法生成方案：{detail}", "The plan cannot be made: {detail_en}",
              "请按提示修改选项或数据后重试。", "Change the options or the data as the message says and try again."),
    ErrorSpec("E868", E, "该学年已导入", "School year already imported",
              "数据库 {file} 中已有 {value} 学年的数据（快照 {detail}），本次数据与之不同",
              "The database {file} already holds school year {value} (snapshot {detail}) with different data",
              "若要以本次数据为准，请加 --replace 重新导入（原快照仍保留，可用 youjun snapshots 查看，"
              "用 --snapshot 指定）；若只是核对，请用 youjun validate。",
              "To make this data the current one, import again with --replace (the earlier snapshot is kept: "
              "see `youjun snapshots`, use it with --snapshot); to only check the file, use `youjun validate`."),
    ErrorSpec("E869", E, "程序内部错误", "Internal error",
              "youjun 内部错误（{detail}），详细记录已写入 {file}",
              "youjun internal error ({detail}); the details were written to {file}",
              "这不是您的数据的问题。请把该记录文件发给维护者（docs/errors.md 说明如何报告）。",
              "This is not a problem with your data. Please send that file to the maintainers (see docs/errors.md)."),
    ErrorSpec("E859", E, "找不到数据", "Data not found",
              "找不到数据“{file}”：没有这个文件或文件夹（已在 {detail} 中查找）",
              "Data '{file}' not found: no such file or folder (looked in {detail})",
              "请检查路径的拼写；相对路径从当前文件夹算起。{near_zh}",
              "Check the path's spelling; a relative path starts from the current folder. {near_en}"),
    # R1xx — rule sets (rules/*.yaml): loading, references, overlays, golden cases
    ErrorSpec("R101", E, "找不到规则目录", "Rules directory not found",
              "找不到规则目录（已查找：{value}）", "No rules directory found (looked in: {value})",
              "请设置环境变量 YOUJUN_RULES_DIR 指向仓库的 rules/ 目录，或使用 --rules-dir。",
              "Set YOUJUN_RULES_DIR to the repository's rules/ directory, or pass --rules-dir."),
    ErrorSpec("R102", E, "找不到规则集", "Rule set not found",
              "找不到规则集“{value}”（可用：{expected}）", "Rule set '{value}' not found (available: {expected})",
              "运行 youjun rules list 查看可用的规则集。", "Run `youjun rules list` to see the rule sets."),
    ErrorSpec("R103", E, "规则文件无法读取", "Rule file cannot be read",
              "规则文件 {file} 无法读取：{detail}", "Rule file {file} cannot be read: {detail}",
              "请检查 YAML 语法（缩进、冒号、引号）。", "Check the YAML syntax (indentation, colons, quotes)."),
    ErrorSpec("R104", E, "规则缺少出处", "Rule without a reference",
              "规则文件 {file} 中 {path} 的取值没有出处（reference）",
              "Rule file {file}: the value of {path} has no reference",
              "每个取值都要注明文件名称、文号、条款和可信度（C/M/U），可写在文件顶层或该取值下。",
              "Give every value a reference (document, number, article, confidence C/M/U), "
              "at the top of the file or under the value."),
    ErrorSpec("R105", E, "出处不完整", "Incomplete reference",
              "规则文件 {file} 中 {path} 的出处缺少或写错了：{detail}",
              "Rule file {file}: the reference of {path} is missing or has a wrong {detail}",
              "出处须含 document、number、article，confidence 只能是 C、M 或 U。",
              "A reference needs document, number and article; confidence is C, M or U."),
    ErrorSpec("R106", E, "规则缺少说明", "Rule without a description",
              "规则文件 {file} 缺少中英文说明（description: zh/en）",
              "Rule file {file} lacks its description (description: zh/en)",
              "请写明 description.zh 与 description.en。", "Add description.zh and description.en."),
    ErrorSpec("R107", E, "生效日期无效", "Invalid effective date",
              "规则文件 {file} 中的生效日期“{value}”不是 ISO 日期",
              "Rule file {file}: effective date '{value}' is not an ISO date",
              "生效日期写作 2017-05-23 这样的格式。", "Write effective dates as 2017-05-23."),
    ErrorSpec("R108", E, "该日期无有效规则", "No rule in force on that date",
              "{as_of} 时 {path} 尚无有效取值（最早生效于 {expected}；文件 {file}）",
              "On {as_of} no value of {path} is in force (earliest {expected}; file {file})",
              "请选择不早于该规则生效日期的评估日期（--as-of），或换用适用的规则集。",
              "Choose an assessment date on or after the rule took effect (--as-of), or another rule set."),
    ErrorSpec("R109", E, "规则取值无效", "Invalid rule value",
              "规则文件 {file} 中 {path} 的取值无效：{detail}",
              "Rule file {file}: invalid value at {path}: {detail}",
              "请对照 docs/rules.md 核对该取值的类型与键名。",
              "Check the value's type and keys against docs/rules.md."),
    ErrorSpec("R110", E, "地方规则覆盖无效", "Invalid overlay",
              "地方覆盖文件 {file} 无效：{detail}", "Overlay {file} is invalid: {detail}",
              "覆盖文件的写法见 docs/rules.md“地方覆盖”。", "See 'Overlays' in docs/rules.md."),
    ErrorSpec("R111", E, "规则缺少必需取值", "Required rule missing",
              "规则集 {file} 缺少必需的取值 {path}", "Rule set {file} lacks the required value {path}",
              "请补上该规则文件，或检查评估日期。", "Add the rule file, or check the assessment date."),
    ErrorSpec("R112", E, "黄金测试用例无效", "Invalid golden case",
              "黄金测试文件 {file} 中的用例“{value}”无效：{detail}",
              "Golden test file {file}: case '{value}' is invalid: {detail}",
              "用例写法见 docs/rules.md“黄金测试”。", "See 'Golden tests' in docs/rules.md."),
)

from youjun.core.consultation_catalogue import SPECS as _CONSULTATION_SPECS  # noqa: E402  (after ErrorSpec)
from youjun.core.evaluation_catalogue import SPECS as _EVALUATION_SPECS  # noqa: E402  (after ErrorSpec)
from youjun.core.programmes_catalogue import SPECS as _PROGRAMMES_SPECS  # noqa: E402  (after ErrorSpec)
from youjun.core.workforce_catalogue import SPECS as _WORKFORCE_SPECS  # noqa: E402  (after ErrorSpec)

CATALOGUE: dict[str, ErrorSpec] = {
    s.code: s for s in (*_SPECS, *_CONSULTATION_SPECS, *_EVALUATION_SPECS, *_WORKFORCE_SPECS,
                        *_PROGRAMMES_SPECS)
}


class _Blank(dict[str, Any]):
    """Leaves unknown placeholders visible instead of raising on a missing context key."""

    def __missing__(self, key: str) -> str:
        return ""


@dataclass(frozen=True)
class Location:
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    cell: str = ""  # "B5" where the problem is one cell of a sheet (or of a CSV opened in Excel)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column,
                "cell": self.cell}


@dataclass(frozen=True)
class Problem:
    code: str
    location: Location
    value: str = ""
    rule: str = ""
    context: tuple[tuple[str, Any], ...] = ()

    @property
    def spec(self) -> ErrorSpec:
        return CATALOGUE[self.code]

    @property
    def severity(self) -> Severity:
        return self.spec.severity

    def _ctx(self) -> _Blank:
        ctx = _Blank(self.context)
        ctx.setdefault("value", self.value)
        return ctx

    def message(self, lang: str = "zh") -> str:
        spec = self.spec
        template = spec.message_zh if lang == "zh" else spec.message_en
        return template.format_map(self._ctx())

    def hint(self, lang: str = "zh") -> str:
        spec = self.spec
        template = spec.hint_zh if lang == "zh" else spec.hint_en
        return template.format_map(self._ctx())

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape of a problem across CLI, API and web."""
        return {
            "code": self.code,
            "severity": str(self.severity),
            "location": self.location.to_dict(),
            "value": self.value,
            "rule": self.rule,
            "message": {"zh": self.message("zh"), "en": self.message("en")},
            "hint": {"zh": self.hint("zh"), "en": self.hint("en")},
        }


def problem(code: str, location: Location, value: Any = "", rule: str = "", **context: Any) -> Problem:
    if code not in CATALOGUE:
        raise KeyError(f"unknown problem code {code!r}")
    text = "" if value is None else str(value)
    return Problem(code, location, text, rule, tuple(sorted(context.items())))


class YoujunError(Exception):
    """An error that carries catalogued problems (raised when work cannot go on)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("; ".join(p.message("en") for p in problems[:3]))
