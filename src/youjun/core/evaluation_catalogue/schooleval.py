"""Catalogue entries of the schooleval area (E1130–E1149): the district's indicator tree
(E1130–E1136), the evaluation's steps and judgements (E1137–E1141, E1146–E1147), evidence files
(E1142–E1144), the school year (E1145)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E1130", E, "指标编号重复", "Indicator code repeated",
              "指标树中{detail_zh}", "In the indicator tree, {detail_en}",
              "每个重点内容、关键指标和考查要点的编号须各不相同；请改用未用过的编号。",
              "Every focus area, key indicator and consideration needs a code of its own; use a code not yet used."),
    ErrorSpec("E1131", E, "关键指标归属有误", "Key indicator misplaced",
              "“{value}”：{detail_zh}", "'{value}': {detail_en}",
              "每个关键指标只能放在一个重点内容之下，考查要点编号以所属关键指标编号开头（如 B3.2 属于 B3）。",
              "Each key indicator sits under exactly one focus area, and a consideration's code starts with its "
              "key indicator's (B3.2 belongs to B3)."),
    ErrorSpec("E1132", E, "权重合计不是100", "Weights do not add up to 100",
              "{detail_zh}", "{detail_en}",
              "本地权重在每一层都须合计为100：各重点内容之间、同一重点内容下各关键指标之间、同一关键指标下各在用考查要点之间。"
              "请调整后再保存，或清空全部权重（《指南》本身不规定权重）。",
              "Local weights add up to 100 at every level: across the focus areas, across the key indicators of "
              "one area, across the considerations in use of one indicator. Adjust them, or clear every weight "
              "(the guide itself sets none)."),
    ErrorSpec("E1133", E, "权重不完整或有误", "Weights incomplete or not valid",
              "“{value}”：{detail_zh}", "'{value}': {detail_en}",
              "权重要么全部不设，要么每一项都设（0至100的数字）；请补齐或全部清空。",
              "Either set no weight at all, or a weight (a number from 0 to 100) on every item; complete them or "
              "clear them all."),
    ErrorSpec("E1134", E, "指标内容有误", "Indicator details not valid",
              "“{value}”：{detail_zh}", "'{value}': {detail_en}",
              "请填写中文名称（200字以内），至少选择一个评价主体，只使用页面列出的评价主体和评价方法。",
              "Give the Chinese name (at most 200 characters), choose at least one evaluator, and use only the "
              "evaluators and methods listed on the page."),
    ErrorSpec("E1135", E, "关键指标没有考查要点", "Key indicator without a consideration",
              "关键指标“{value}”：{detail_zh}", "Key indicator '{value}': {detail_en}",
              "每个关键指标至少保留一个在用的考查要点；请先添加新的考查要点，再停用这一个。",
              "Keep at least one consideration in use under every key indicator; add the new one first, then "
              "retire this one."),
    ErrorSpec("E1136", E, "本学年的指标树已不能修改", "This year's tree can no longer change",
              "{value}学年的指标树：{detail_zh}", "The {value} tree: {detail_en}",
              "已有学校提交了本学年的自评，评价须沿用提交时的指标树；请在下一学年的指标树中修改。",
              "A school has already submitted its self-evaluation for this year, and the year's evaluations keep "
              "the tree they used; make the change in next year's tree."),
    ErrorSpec("E1137", E, "当前状态不能办理这一步", "Step not possible in this state",
              "{detail_zh}", "{detail_en}",
              "请刷新页面查看评价的当前状态：已确定结果的评价不能再修改；已提交的自评须等教育局退回后才能修改。",
              "Reload the page to see the evaluation's state: a finalised evaluation cannot change; a submitted "
              "self-evaluation can change only after the bureau returns it."),
    ErrorSpec("E1138", E, "无权办理这一步", "Not your step",
              "{detail_zh}", "{detail_en}",
              "自评由学校填写和提交；复核、退回和确定结果由本区县教育局办理。",
              "The school fills in and submits the self-evaluation; the district's bureau reviews, returns or "
              "finalises it."),
    ErrorSpec("E1139", E, "评价等级有误", "Judgement not valid",
              "“{value}”{detail_zh}", "'{value}' {detail_en}",
              "请从页面列出的等级（优秀、良好、合格、待改进）中选择。",
              "Choose one of the levels listed on the page (excellent, good, satisfactory, needs improvement)."),
    ErrorSpec("E1140", E, "还有考查要点没有评价", "Considerations not yet judged",
              "还有{count}个考查要点没有评价：{value}", "{count} consideration(s) not yet judged: {value}",
              "提交前请为每个考查要点选择评价等级；没有评价的考查要点已在页面上标出，点击编号可直接跳转。",
              "Judge every consideration before submitting; the ones not yet judged are marked on the page, and "
              "each code links to it."),
    ErrorSpec("E1141", E, "退回须说明理由", "A return needs a reason",
              "退回{value}的自评时没有填写理由", "No reason given for returning the self-evaluation of {value}",
              "请在“总体意见”中写明需要学校修改的地方，再退回。",
              "Say in the overall comment what the school should change, then return it."),
    ErrorSpec("E1142", E, "佐证材料类型不可用", "Evidence file type not accepted",
              "文件“{value}”：{detail_zh}", "The file '{value}': {detail_en}",
              "请上传 PDF、照片（.jpg、.png）、文字文档（.docx）或 XLSX 表格；文件内容须与扩展名一致。",
              "Upload a PDF, JPG, PNG, DOCX or XLSX file whose content matches its extension."),
    ErrorSpec("E1143", E, "佐证材料过大", "Evidence file too large",
              "文件“{value}”有{size}，超过上限{limit}", "The file '{value}' is {size}, over the limit of {limit}",
              "请压缩或拆分后再上传（例如把扫描件存为较低分辨率的 PDF）。",
              "Compress or split it and upload again (e.g. save a scan as a lower-resolution PDF)."),
    ErrorSpec("E1144", E, "佐证材料过多", "Too many evidence files",
              "考查要点“{value}”已有{count}个佐证材料，达到上限", "The consideration '{value}' already has "
              "{count} evidence file(s), the limit",
              "请删除不需要的文件，或把几页合并成一个 PDF 后再上传。",
              "Delete files no longer needed, or combine pages into one PDF and upload that."),
    ErrorSpec("E1145", E, "学年有误", "School year not valid",
              "“{value}”不是有效的学年", "'{value}' is not a valid school year",
              "学年写作“2025-2026”，后一年比前一年大1。",
              "Write the school year as 2025-2026, the second year one more than the first."),
    ErrorSpec("E1146", E, "复核还有考查要点没有给出等级", "Review not complete",
              "复核还有{count}个考查要点没有给出等级：{value}", "{count} consideration(s) without the bureau's "
              "judgement: {value}",
              "确定结果前请对每个考查要点给出复核等级；没有复核等级的考查要点已在页面上标出，点击编号可直接跳转。",
              "Give the bureau's judgement on every consideration before finalising; the ones without it are "
              "marked on the page, and each code links to it."),
    ErrorSpec("E1147", E, "重新打开须说明理由", "Reopening needs a reason",
              "重新打开{value}已确定的评价结果时没有填写理由", "No reason given for reopening the final result of "
              "{value}",
              "请写明为什么要重新复核（例如发现材料有误）；理由记入变更记录。",
              "Say why the result is reviewed again (e.g. an error found in the evidence); the reason is kept in "
              "the history."),
)
