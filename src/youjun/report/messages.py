"""Every label the reports print, in Chinese and English, in one table.

Templates and the xlsx writer look labels up by key (``label(key, lang)``); nothing else
hard-codes report wording. Texts that come with the result (indicator names, item titles,
reasons) are chosen by ``pick(obj, "name", lang)`` from its ``name_zh`` / ``name_en``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from youjun.core.schema import SCHOOL_TYPES
from youjun.core.standards_text import PARAM_WORDS

_TYPE_NAMES = {c.code: (c.zh, c.en) for c in SCHOOL_TYPES}

LANGS = ("zh", "en")
# what concerns the whole district and no school, in the same words on the report, its summary and
# its rectification list: neutral, as a district is a 区, 县, 市 or 旗 (the report's count texts are
# made without the district's name, so cannot say its own kind)
DISTRICT_WIDE = ("全区县", "district-wide")
DISTRICT_KINDS = "区县市旗"


def district_kind(name: str, lang: str) -> str:
    """What a district is called by its own kind, from its name's last character ("万州区" → "区",
    "奉节县" → "县", a 旗 or a county-level 市); "区县" when its name does not say (English "district")."""
    if lang != "zh":
        return "district"
    last = name.strip()[-1:]
    return last if last and last in DISTRICT_KINDS else "区县"

MESSAGES: dict[str, tuple[str, str]] = {
    # header
    "report": ("评估报告", "Assessment report"),
    "district": ("县（区）", "County"),
    "school_year": ("学年", "School year"),
    "rule_set": ("规则集", "Rule set"),
    "generated_at": ("生成时间", "Generated"),
    "contents": ("目录", "Contents"),
    "back_to_summary": ("↑ 返回“未满足的要求（汇总）”", "↑ Back to the requirements not met (summary)"),
    "beijing_time": ("（北京时间）", " (Beijing time)"),
    # verdict
    "verdict": ("评估结论", "Verdict"),
    "verdict_pass": ("通过", "PASSES"),
    "verdict_fail": ("未通过", "DOES NOT PASS"),
    "verdict_pass_note": ("所有要求均已满足。", "Every requirement is met."),
    "verdict_fail_note": ("以下 {n} 项未满足要求（每项列出实际值、标准与差距）：",
                          "{n} requirements are not met (each with figure, limit and gap):"),
    "verdict_findings_note": ("{n} 项要求未满足，共 {k} 处：下面先按要求汇总，再列目录；"
                              "每一处的实际值、标准与差距见“问题明细”。",
                              "{n} requirements are not met, {k} findings: summed up by requirement below, then the "
                              "contents; every finding with its figure, standard and gap is under 'Findings'."),
    "requirement": ("要求", "Requirement"),
    "summary": ("未满足的要求（汇总）", "Requirements not met (summary)"),
    "summary_note": ("每项要求一行：未达到的地方按各自单位计数；缺口可相加的，给出合计。",
                     "One row per requirement: the places short, counted in their own units, and the total "
                     "shortfall where gaps add up."),
    # on screen only: paper has no links
    "summary_links": ("点击要求可跳到其问题明细。", "A requirement links to its findings."),
    "places_short": ("未达到的对象", "Places short"),
    "total": ("合计缺口", "Total shortfall"),
    "total_short": ("共缺 {amount} {unit}", "{amount} {unit} short in all"),
    # a finding at no school: neutral "全区县", as the rectification list says it, never "全县" for a 区
    "district_findings": ("全区县 {n} 项", "{n} district-wide"),
    "findings_heading": ("问题明细（共 {n} 处）", "Findings ({n} in all)"),
    "findings_total": ("共 {n} 处：{parts}。学段每有一项指标未达标、每个班、每名教师、每处功能教室缺口各计一处。",
                       "{n} in all: {parts}. Each indicator a school section falls short on, and each class, "
                       "teacher and room shortfall, counts once."),
    "section_shortfalls": ("{n} 处学段指标缺口（{sections} 个学段）",
                           "{n} indicator shortfalls of school sections ({sections} sections)"),
    "findings_fold": ("点开查看 {n} 处明细", "open to see the {n} findings"),
    "unit_sections": ("个学段", "school sections"),
    "unit_items": ("项", "items"),
    "items_schools_note": ("各项目的“学校数”只计该项目适用且有相应数据的学校（如 G3 只计须配音乐、美术专用教室的学校，"
                           "G4 只计有规模上限的学校类型），所以各项目之间、与导入的 {n} 所学校都可能不同。",
                           "Each item's 'schools' counts only the schools the item applies to and has data for "
                           "(G3: schools that must have music and art rooms; G4: school types with a size limit), "
                           "so items differ from each other and from the {n} schools imported."),
    "toc_findings": ("问题明细", "Findings"),
    "toc_annex": ("附录：规则与数据来源", "Appendix: rules and data"),
    "toc_conditions": ("社会认可度、前提条件与一票否决", "Social recognition, preconditions and vetoes"),
    "finding_school_code": ("学校标识码", "School code"),
    "finding_subject": ("对象", "Subject"),
    "figure_value": ("实际值（数值）", "Figure (number)"),
    "gap_value": ("差距（数值）", "Gap (number)"),
    "cv_rounding": ("差异系数比较口径", "How CVs are compared"),
    "cv_rounding_rounded": ("先四舍五入到{d}位小数再与上限比较（选项，默认）",
                            "rounded to {d} decimals before comparison (option, default)"),
    "cv_rounding_unrounded": ("不修约，直接与上限比较（选项）", "compared unrounded (option)"),
    "cv_rounding_same": ("改用另一口径时，所有差异系数的判定结果不变。",
                         "The other reading would change no CV result."),
    "cv_rounding_changes": ("改用另一口径时，{n} 项差异系数的判定结果会改变：{which}。",
                            "The other reading would change {n} CV results: {which}."),
    "scorecard": ("评估要件", "Conditions"),
    "cond_schools": ("学段达标", "school sections comply"),
    "cond_cv": ("差异系数达标", "CVs within limit"),
    "reason": ("未满足的要求", "Requirement not met"),
    "figure": ("实际值", "Figure"),
    "limit": ("标准", "Limit"),
    "gap": ("差距", "Gap"),
    # levels
    "primary": ("小学", "Primary schools"),
    "junior": ("初中", "Junior secondary schools"),
    "level_heading": ("{level}资源配置", "{level}: resource allocation"),
    "n_schools": ("学校数", "Schools"),
    "pupils": ("学生数", "Pupils"),
    "composite_cv": ("综合差异系数", "Composite CV"),
    "cv_chart": ("各指标校际差异系数（CV）与限值", "Inter-school CV of each indicator against its limit"),
    "cv_axis": ("差异系数", "Coefficient of variation"),
    "cv_limit_line": ("限值 {limit}", "limit {limit}"),
    "cv_table": ("差异系数明细", "CV details"),
    "indicator": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "mean": ("均值", "Mean"),
    "cv": ("差异系数", "CV"),
    "result": ("结果", "Result"),
    # schools below the standard on this indicator, whether or not their section complies
    "n_failing": ("低于标准的学校（含学段仍达标者）", "Schools below the standard (incl. sections that comply)"),
    "cv_if_met": ("补足后CV", "CV if lifted"),
    "cv_if_lifted": ("补足后差异系数", "CV if lifted"),
    "cv_if_met_note": ("补足后差异系数：假如未达标的学校都补足到标准，该指标的差异系数。",
                       "CV if lifted: the CV if every school below the threshold were lifted to it."),
    "drivers": ("影响差异系数最大的学校", "Schools that move the CV most"),
    "drivers_note": ("括号内为该校数值调整到均值时差异系数的变化。",
                     "In brackets: the change of the CV if that school were at the mean."),
    "inequality": ("其他不均衡指标", "Other inequality measures"),
    "gini": ("基尼系数", "Gini"),
    "theil": ("泰尔指数", "Theil T"),
    "theil_between_town": ("镇街间占比", "between towns"),
    "theil_between_location": ("城乡间占比", "between locations"),
    "theil_between_education_group": ("集团间占比", "between groups"),
    "mcloone": ("麦克卢恩指数", "McLoone"),
    "range_ratio": ("极差率", "Range ratio"),
    "grid": ("学校 × 指标达标情况", "School × indicator compliance"),
    "grid_note": ("格内为学校数值；表头为每校标准。", "Cells show the school's value; headers the threshold."),
    "school": ("学校", "School"),
    "code": ("代码", "Code"),
    "met_count": ("达标项", "Met"),
    "compliant": ("学校达标", "Complies"),
    "compliant_section": ("学段达标", "Section complies"),
    "grid_rule": ("“学段达标”：{n} 项指标全部达到标准；或至少 {min_met} 项达到标准、其余不低于标准的 {floor}"
                  "（所以同为 {min_met}/{n}，有的“是”，有的“否”）。九年一贯制等学校在小学、初中各计一个学段。",
                  "'Section complies': all {n} indicators meet their standard, or at least {min_met} do and the "
                  "rest reach {floor} of it (so one {min_met}/{n} is 'yes', another 'no'). A nine-year school "
                  "counts once in primary and once in junior."),
    "undecided": ("待定（缺数据）", "undecided (data missing)"),
    "legend_meets": ("达到标准", "meets"),
    "legend_fails": ("未达标准", "below"),
    "legend_missing": ("缺少数据", "missing"),
    "gaps": ("低于标准的指标与缺口", "Indicators below the standard and their gaps"),
    "gaps_note": ("列出每所学校低于标准的每项指标；“学段达标”为“是”的学校按 {min_met}/{n} 规则仍达标，"
                  "其缺口为建议改进，不计入未达标学段。上表“低于标准的学校”也计入这些学校。",
                  "Every indicator of a school below its standard; a school whose section complies ('yes') does "
                  "so by the {min_met}-of-{n} rule: its gaps are advice, not counted as failing sections. The CV "
                  "table's 'schools below the standard' counts these schools too."),
    "gaps_none": ("所有学校均达到各项标准。", "Every school meets every threshold."),
    "shortfall": ("缺口", "Shortfall"),
    # the 缺口 sheet: a shortfall of a failing section, or advice in a section that passes anyway
    "gaps_counted": ("是否计入整改", "Counted as rectification"),
    "gap_rectify": ("计入整改", "to rectify"),
    "gap_advice": ("提示（不计入整改）", "advice (not counted)"),
    "short_by": ("差 {amount} {unit}", "{amount} {unit} short"),
    "value": ("数值", "Value"),
    "threshold": ("标准", "Threshold"),
    # items
    "g_items": ("政府保障程度", "Government guarantee"),
    "q_items": ("教育质量", "Education quality"),
    "item": ("项目", "Item"),
    "status": ("状态", "Status"),
    "figures": ("数据", "Figures"),
    "failing": ("未达标对象", "Failing"),
    "evidence": ("佐证材料", "Evidence"),
    "status_pass": ("达标", "pass"),
    "status_fail": ("未达标", "fail"),
    "status_evidence_missing": ("缺少佐证材料", "evidence missing"),
    "attested": ("{by}，{on}认定", "attested by {by} on {on}"),
    # an item attested school by school (Q3, Q6): every record, not the first one's (walk 42)
    "attested_records": ("{count} 条认定", "{count} findings"),
    "attested_span": ("{by}，{on}认定", "attested by {by}, {on}"),
    "dates_between": ("{first} 至 {last}", "{first} to {last}"),
    "attachments_many": ("{first} 等 {count} 份", "{first} and {more} more"),
    # the files written beside the page, named by what is written ({files}: markup, links or names)
    "findings_vs_list": ("整改清单{files}把这些问题按学校和要求合并（同一学校同一要求的多个班、多名教师计为 1 项），"
                         "共 {schools} 所学校、{entries} 项。",
                         "The rectification list{files} merges them by school and requirement (one school's "
                         "classes or teachers under one requirement are one entry): {schools} schools, "
                         "{entries} entries."),
    # 问题明细 is above the items on the page: no 上文/下文, its name only
    "failing_more_findings": ("…… 共 {n} 项，全部见“问题明细”", "… {n} in all, every one under Findings"),
    "failing_also_in": ("（及 {files}）", " (and in {files})"),
    "failing_all_in": ("…… 共 {n} 项，全部列于 {files}", "… {n} in all, every one in {files}"),
    "failing_first_shown": ("…… 共 {n} 项，此处列出前 {k} 项", "… {n} in all; the first {k} shown here"),
    "attachment": ("附件", "attachment"),
    "attested_on": ("认定日期", "Attested on"),
    "met": ("达标", "met"),
    "computed": ("由数据计算", "computed from data"),
    "none": ("—", "—"),
    # recognition, vetoes
    "recognition": ("社会认可度", "Social recognition"),
    "recognition_rate": ("认可度", "Recognition rate"),
    "vetoes": ("一票否决事项", "Vetoes"),
    "preconditions": ("前提条件", "Preconditions"),
    "veto": ("情形", "Case"),
    "veto_applies": ("存在（否决）", "applies (veto)"),
    "veto_not_applies": ("不存在", "does not apply"),
    "veto_none": ("无否决情形", "none applies"),
    "veto_one_applies": ("存在否决情形", "one applies"),
    "veto_unattested_mark": ("缺少认定，不予认定", "not attested: not recognised"),
    "attested_by_column": ("认定单位（人）", "attested by"),
    "undecided_mark": ("—", "—"),
    "vetoes_clear": ("{clear}/{total} 项经认定不存在", "{clear} of {total} attested absent"),
    "veto_unknown": ("缺少认定，不予认定", "not attested: not recognised"),
    "veto_row_to_add": ("在“佐证材料”表补一行：区县代码填 {district}，评估项目选{item}，学校标识码留空，"
                        "认定结论填“达标”（经核查不存在该情形），并填认定单位（人）和认定日期；附件编号、说明选填",
                        "add a row to sheet '佐证材料' (Evidence): '区县代码' (District code) {district}; '评估项目' "
                        "(Item) {item}; '学校标识码' (School code) left empty; '认定结论' (Finding) '达标' (Met: "
                        "checked, the case does not arise); '认定单位（人）' (Attested by) and '认定日期' (Attested "
                        "on); '附件编号' (Attachment reference) and '说明' (Note) optional"),
    "veto_unattested": ("缺少“不存在该情形”的认定", "not attested as not arising"),
    "precondition_code": ("前提", "Pre"),
    "veto_arises": ("经认定存在该情形，不予认定", "attested as arising: not recognised"),
    "veto_named": ("{case}（一票否决）", "{case} (veto)"),
    "note": ("说明", "note"),
    # options, provenance
    "options": ("适用的规则选项", "Options in force"),
    "option": ("选项", "Option"),
    "description": ("说明", "Description"),
    "reference": ("依据", "Reference"),
    "provenance": ("数据与规则来源", "Provenance"),
    "data_hash": ("数据指纹", "Data hash"),
    "overlays": ("地方补充规则", "Overlays"),
    "software_version": ("软件版本", "Software version"),
    "schema_version": ("数据规范版本", "Schema version"),
    "source": ("数据来源", "Source"),
    "rules": ("规则取值及出处", "Rule values and their sources"),
    "rule": ("规则", "Rule"),
    "document": ("文件", "Document"),
    "number": ("文号", "Number"),
    "article": ("条款", "Article"),
    # the rule data carries the rule set's date (ruleset.yaml), not each document's own
    "effective": ("规则集生效日期", "Rule set in force from"),
    "confidence": ("可信度", "Confidence"),
    "confidence_C": ("已核对原文", "checked against the document"),
    "confidence_M": ("通行引述，未逐字核对原文", "as commonly quoted, not checked word for word"),
    "confidence_U": ("出处不确定，为可选口径", "source uncertain: an option"),
    "data_tables": ("导入的数据表", "Imported tables"),
    "table": ("数据表", "Table"),
    "rows": ("行数", "Rows"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "page": ("第 {page} 页，共 {pages} 页", "page {page} of {pages}"),
    "footer": ("由 youjun（优均）生成", "Generated by youjun"),
    # xlsx sheet names (≤ 31 characters, no []:*?/\)
    "sheet_verdict": ("评估结论", "Verdict"),
    "sheet_schools": ("学校指标", "Schools"),
    "sheet_cv": ("差异系数（{level}）", "CV ({level})"),
    "sheet_gaps": ("缺口", "Gaps"),
    "sheet_g": ("政府保障程度", "Government guarantee"),
    "sheet_q": ("教育质量", "Education quality"),
    "sheet_conditions": ("前提条件与一票否决", "Preconditions and vetoes"),
    "sheet_provenance": ("来源", "Provenance"),
    "level": ("学段", "Level"),
    "type": ("类型", "Type"),
    "town": ("镇街", "Town"),
    "location": ("城乡", "Location"),
    "level_short_primary": ("小学", "primary"),
    "level_short_junior": ("初中", "junior"),
    # a district's pages of a run of many districts, each linked from the others (way back)
    "around": ("本区县的其他页面：", "This district's other pages: "),
    "around_summary": ("一页摘要", "one-page summary"),
    "around_rollup": ("区县评估汇总", "roll-up of the districts"),
    "around_report": ("完整报告", "full report"),
    "around_rectification": ("整改清单", "rectification list"),
}

# Short column labels for the compliance grid and the spreadsheet (the result carries the
# full names; these fit a table header).
SHORT_NAMES: dict[str, tuple[str, str]] = {
    "r1_qualified_teachers_per100": ("高学历教师/百生", "Qualified teachers /100"),
    "r2_key_teachers_per100": ("骨干教师/百生", "Key teachers /100"),
    "r3_pe_art_teachers_per100": ("体艺教师/百生", "PE & art teachers /100"),
    "r4_teaching_area_per_student": ("教学用房平方米/生", "Teaching area m²/pupil"),
    "r5_sports_area_per_student": ("运动场馆平方米/生", "Sports area m²/pupil"),
    "r6_equipment_value_per_student": ("仪器设备元/生", "Equipment ¥/pupil"),
    "r7_multimedia_rooms_per100": ("多媒体教室/百生", "Multimedia rooms /100"),
    "b1_teaching_area_per_student": ("教学用房平方米/生", "Teaching area m²/pupil"),
    "b2_sports_area_per_student": ("运动场馆平方米/生", "Sports area m²/pupil"),
    "b3_equipment_value_per_student": ("仪器设备元/生", "Equipment ¥/pupil"),
    "b4_computers_per100": ("计算机/百生", "Computers /100"),
    "b5_books_per_student": ("图书册/生", "Books /pupil"),
    "b6_teacher_student_ratio": ("师生比", "Teachers /pupil"),
    "b7_qualified_teachers_per_student": ("高学历教师/生", "Qualified teachers /pupil"),
    "b8_mid_title_teachers_per_student": ("中级职称教师/生", "Mid-title teachers /pupil"),
}

# Names of the figures the engine reports on G/Q items and their failing entries. A key not
# listed is printed as it is: a new figure shows up, untranslated, rather than hidden.
FIGURE_NAMES: dict[str, tuple[str, str]] = {
    "schools": ("学校数", "schools"),
    "schools_failing": ("未达标学校数", "schools failing"),
    "schools_applicable": ("适用学校数", "schools concerned"),
    "schools_over": ("超规模学校数", "schools over the limit"),
    "classes": ("班级数", "classes"),
    "classes_failing": ("未达标班级数", "classes failing"),
    "largest": ("最大值", "largest"),
    "largest_class": ("最大班额", "largest class"),
    "largest_school": ("最大学校规模", "largest school"),
    "students": ("学生数", "pupils"),
    "teachers": ("教师数", "teachers"),
    "findings": ("认定记录数", "findings"),
    "not_met": ("认定未达标数", "findings not met"),
    "rate_percent": ("比率（%）", "rate (%)"),
    "share_percent": ("占比（%）", "share (%)"),
    "min_percent": ("标准（%）", "minimum (%)"),
    "min_share_percent": ("比例标准（%）", "minimum share (%)"),
    "primary_percent": ("小学（%）", "primary (%)"),
    "junior_percent": ("初中（%）", "junior (%)"),
    "completed": ("完成人数", "completed"),
    "certified": ("持证人数", "certified"),
    "eligible": ("符合交流条件人数", "eligible"),
    "rotated": ("交流人数", "rotated"),
    "rotated_key": ("骨干教师交流人数", "key teachers rotated"),
    "rotation_percent": ("交流比例（%）", "rotation (%)"),
    "key_share_percent": ("骨干教师占比（%）", "key teachers' share (%)"),
    "hours_5y": ("5年培训学时", "training hours in 5 years"),
    "min_hours_5y": ("5年培训学时标准", "required hours in 5 years"),
    "unknown": ("培训学时未填报人数", "teachers without recorded hours"),  # G9
    "per_pupil_yuan": ("生均（元）", "per pupil (yuan)"),
    "min_yuan": ("标准（元）", "minimum (yuan)"),
    "funds_yuan": ("经费（元）", "funds (yuan)"),
    "budget_yuan": ("公用经费预算（元）", "public-funds budget (yuan)"),
    "training_spend_yuan": ("培训经费（元）", "training spend (yuan)"),
    "avg_teacher_pay_yuan": ("教师平均工资（元）", "average teacher pay (yuan)"),
    "civil_servant_avg_pay_yuan": ("公务员平均工资（元）", "civil-servant average pay (yuan)"),
    "migrant_public_percent": ("随迁子女在公办学校就读比例（%）", "migrant children in public schools (%)"),
    "diff_rate": ("校际差异率", "difference rate"),
    "diff_rate_below": ("差异率上限", "difference rate below"),
    "min_years_since": ("认定年限标准（年）", "minimum years since"),
    "years_since": ("已认定年限（年）", "years since"),
    "level": ("学业水平等级", "attainment level"),  # a section (小学/初中) is named "学段" where it is one
    "section": ("学段", "section"),
    "class": ("班级", "class"),
    "teacher": ("教师", "teacher"),
    "limit": ("标准", "limit"),
    "type": ("类型", "type"),
    "note": ("说明", "note"),
    "attested_by": ("认定单位", "attested by"),
    "attested_on": ("认定日期", "attested on"),
    "attachment_ref": ("附件", "attachment"),
    "status": ("状态", "status"),
}

# The pages around a district's report in a run of many districts (the run's roll-up one folder
# up), by the file name each is linked with, in the order they are named.
AROUND_PAGES = (("summary.html", "around_summary"), ("../rollup.html", "around_rollup"),
                ("report.html", "around_report"), ("rectification.html", "around_rectification"))


def around_links(files: Collection[str], lang: str, own: str) -> list[tuple[str, str]]:
    """(href, words) of the pages around a district's page that were written (``files``: the
    names of those there, ``../rollup.html`` for the roll-up), the page itself (``own``) left
    out; none unless the summary or the roll-up is there — a one-district run has neither, and
    its report must not link a page that is not there."""
    there = set(files)
    if not there & {"summary.html", "../rollup.html"}:
        return []
    return [(f, label(key, lang)) for f, key in AROUND_PAGES if f in there and f != own]


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return lang


def label(key: str, lang: str, **values: Any) -> str:
    """The label ``key`` in ``lang``, with ``{name}`` fields filled from ``values``."""
    zh, en = MESSAGES[key]
    text = zh if lang == "zh" else en
    return text.format(**values) if values else text


def pick(obj: Mapping[str, Any] | None, field: str, lang: str) -> str:
    """``obj[field_zh]`` or ``obj[field_en]``, falling back to the other language, then ''.

    With ``field=""`` the keys are the languages themselves (``obj["zh"]``, ``obj["en"]``).
    """
    if not obj:
        return ""
    other = "en" if lang == "zh" else "zh"
    for suffix in (lang, other):
        text = obj.get(f"{field}_{suffix}" if field else suffix)
        if text:
            return str(text)
    return str(obj.get(field) or "")


def level_name(key: str, lang: str) -> str:
    """'小学' / 'Primary schools' for a known level; the key itself for any other."""
    return label(key, lang) if key in ("primary", "junior") else key


def school_type_name(code: str, lang: str) -> str:
    """'九年一贯制学校' / 'Nine-year school' from the data contract; the code if unknown."""
    names = _TYPE_NAMES.get(code)
    return code if names is None else names[0 if lang == "zh" else 1]


def figure_name(key: str, lang: str) -> str:
    """A figure's name; a rule parameter echoed among the figures is named as the rules name it."""
    names = FIGURE_NAMES.get(key)
    if names is None and key in PARAM_WORDS:
        names = PARAM_WORDS[key][:2]
    return key if names is None else names[0 if lang == "zh" else 1]


def short_name(key: str, lang: str, fallback: str = "") -> str:
    names = SHORT_NAMES.get(key)
    if names is None:
        return fallback or key
    return names[0] if lang == "zh" else names[1]


# -- a rule set in words ----------------------------------------------------------------------

RULESET_NAMES = {"cn-2017": ("国家2017年优质均衡标准", "National 2017 quality-balance standard")}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")


def date_words(iso: str, lang: str) -> str:
    """'2026-12-01' -> '2026年12月1日' / '1 December 2026' (anything else as it is)."""
    parts = iso[:10].split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    y, m, d = (int(p) for p in parts)
    return f"{y}年{m}月{d}日" if lang == "zh" else f"{d} {MONTHS_EN[m - 1]} {y}"


def ruleset_words(name: str, version: str, title: str, lang: str) -> str:
    """'国家2017年优质均衡标准（规则版本 2026年12月1日）' — never the raw key 'cn-2017 2026-12-01'."""
    zh, en = RULESET_NAMES.get(name, (title, title))
    words = (zh if lang == "zh" else en) or name
    if not version:
        return words
    return f"{words}（规则版本 {date_words(version, lang)}）" if lang == "zh" else \
        f"{words} (rules of {date_words(version, lang)})"
