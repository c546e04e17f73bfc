"""A draft of the county's self-evaluation report (自评报告) as an editable Word document.

The bureau edits it in Word or WPS: the verdict, the figures and the tables come from the
assessment result; paragraphs only the county can write (its work, its measures) are marked
【请填写……】. Text is text in Word (nothing runs), but personal numbers are masked as in
every other output.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell

from youjun.core.labels import INDICATOR_LABELS
from youjun.core.personal import mask_personal_text
from youjun.report import numbers as num
from youjun.report.item_text import evidence_line, item_failing_rows, school_names
from youjun.report.messages import check_lang, label, level_name, pick, short_name
from youjun.report.view_levels import indicator_keys, ordered_levels

Obj = Mapping[str, Any]
FONT = "宋体"
MAX_FAILING = 10  # per item in the report; the attached tables list all

WORDS: dict[str, tuple[str, str]] = {
    "title": ("{district}县域义务教育优质均衡发展自评报告（初稿）",
              "{district}: self-evaluation report on quality-balanced compulsory education (draft)"),
    "draft_note": ("本稿由评估数据自动生成，数据截至 {year} 学年。【】中的内容请县（区）填写或删除；"
                   "数字与表格来自评估结果，修改数据后请重新生成。",
                   "Generated from the assessment data for {year}. Fill in or delete the parts in 【】; "
                   "figures and tables come from the assessment: regenerate after changing the data."),
    "h_basic": ("一、基本情况", "1. Overview"),
    "basic": ("全县（区）参评义务教育学校 {schools} 个校（部），其中{parts}。",
              "{schools} school sections take part: {parts}."),
    "basic_part": ("{level} {n} 个、在校生 {pupils} 人", "{level} {n} with {pupils} pupils"),
    "fill_work": ("【请填写：县（区）推进义务教育优质均衡发展的主要做法与成效。】",
                  "【Fill in: what the county has done and achieved.】"),
    "h_verdict": ("二、自评结论", "2. Verdict"),
    "verdict_pass": ("对照《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号），本县（区）{word}"
                     "县域义务教育优质均衡发展督导评估标准。",
                     "Against the 2017 method, the county {word} the standard."),
    "reached": ("达到", "meets"),
    "not_reached": ("尚未达到", "does not yet meet"),
    "summary": ("学校达标 {ok}/{all} 个校（部）；差异系数达标 {cv_ok}/{cv_all} 项；"
                "政府保障与教育质量 {items_ok}/{items_all} 项达标；社会认可度 {rec}。",
                "Schools complying {ok}/{all}; CVs within limits {cv_ok}/{cv_all}; "
                "G and Q items {items_ok}/{items_all}; social recognition {rec}."),
    "h_resources": ("三、资源配置", "3. Resources"),
    "resources_text": ("各校（部）七项资源配置指标达标情况见表1，校际差异系数见表2。",
                       "Table 1 gives each school's seven indicators, Table 2 the inter-school CVs."),
    "t1": ("表1 {level}各校资源配置七项指标达标情况", "Table 1 {level}: seven indicators per school"),
    "t2": ("表2 校际差异系数", "Table 2 Inter-school coefficients of variation"),
    "school": ("学校", "School"),
    "met": ("达标项数", "Met"),
    "compliant": ("是否达标", "Complies"),
    "short": ("未达标指标", "Below standard"),
    "level": ("学段", "Level"),
    "indicator": ("指标", "Indicator"),
    "cv": ("差异系数", "CV"),
    "limit": ("标准", "Limit"),
    "holds": ("是否达标", "Within"),
    "composite": ("综合差异系数", "Composite CV"),
    "h_g": ("四、政府保障程度", "4. Government provision"),
    "h_q": ("五、教育质量", "5. Education quality"),
    "item": ("评估内容", "Item"),
    "status": ("达标情况", "Status"),
    "evidence": ("佐证材料", "Evidence"),
    "computed": ("由数据计算", "computed"),
    "h_rec": ("六、社会认可度", "6. Social recognition"),
    "rec": ("社会认可度调查结果为 {rate}，标准为不低于 {limit}。",
            "Recognition {rate}; the standard is at least {limit}."),
    "rec_none": ("【请填写社会认可度调查情况。】", "【Fill in the recognition survey.】"),
    "h_problems": ("七、存在的主要问题", "7. Main problems"),
    "no_problems": ("评估各项要求均已满足。", "Every requirement is met."),
    "more": ("（另有 {n} 项，见附表。）", "({n} more: see the attached tables.)"),
    "h_next": ("八、下一步工作", "8. Next steps"),
    "fill_next": ("【请填写：针对上述问题的整改措施、责任单位与完成时限。】",
                  "【Fill in: measures, responsible offices and deadlines for the problems above.】"),
}


def word(key: str, lang: str, **values: Any) -> str:
    text = WORDS[key][0 if lang == "zh" else 1]
    return text.format(**values) if values else text


def _t(value: Any) -> str:
    return mask_personal_text(str(value if value is not None else ""))


def render_docx(result: Obj, path: str | Path | None = None, lang: str = "zh") -> bytes:
    """The .docx bytes (also written to ``path`` when given)."""
    check_lang(lang)
    doc = Document()
    _base_font(doc)
    district = result.get("district") or {}
    name = " ".join(str(x) for x in (district.get("province"), district.get("name")) if x)
    year = str(district.get("school_year") or "")
    title = doc.add_heading(_t(word("title", lang, district=name)), level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = doc.add_paragraph(word("draft_note", lang, year=year))
    for run in note.runs:
        run.font.size, run.font.color.rgb = Pt(9), RGBColor(0x66, 0x66, 0x66)

    levels = result.get("levels") or {}
    schools = list(result.get("schools") or [])
    items = result.get("items") or {}
    doc.add_heading(word("h_basic", lang), level=1)
    parts = []
    for key in ordered_levels(levels):
        mine = [s for s in schools if s.get("level") == key]
        pupils = sum(int(s.get("pupils") or 0) for s in mine)
        parts.append(word("basic_part", lang, level=_level(key, lang), n=len(mine), pupils=f"{pupils:,}"))
    doc.add_paragraph(word("basic", lang, schools=len(schools), parts="；".join(parts) if lang == "zh"
                           else "; ".join(parts)))
    doc.add_paragraph(word("fill_work", lang))

    doc.add_heading(word("h_verdict", lang), level=1)
    verdict = result.get("verdict") or {}
    passes = bool(verdict.get("passes"))
    p = doc.add_paragraph()
    p.add_run(word("verdict_pass", lang, word=word("reached" if passes else "not_reached", lang))).bold = True
    doc.add_paragraph(_summary(result, lang))

    doc.add_heading(word("h_resources", lang), level=1)
    doc.add_paragraph(word("resources_text", lang))
    for key in ordered_levels(levels):
        mine = [s for s in schools if s.get("level") == key]
        _compliance_table(doc, key, levels[key] or {}, mine, schools, lang)
    _cv_table(doc, levels, lang)

    names = school_names(schools)
    for prefix, heading in (("g", "h_g"), ("q", "h_q")):
        doc.add_heading(word(heading, lang), level=1)
        chosen = sorted((items[k] for k in items if str(k).startswith(prefix)),
                        key=lambda i: int("".join(c for c in str(i.get("key")) if c.isdigit()) or 0))
        _items_table(doc, chosen, names, lang)

    doc.add_heading(word("h_rec", lang), level=1)
    rec = result.get("recognition") or {}
    if num.is_number(rec.get("rate")):
        doc.add_paragraph(word("rec", lang, rate=f"{num.fixed(rec['rate'], 1)}%",
                               limit=f"{num.fixed(rec.get('limit'), 0)}%"))
    else:
        doc.add_paragraph(word("rec_none", lang))

    doc.add_heading(word("h_problems", lang), level=1)
    reasons = [pick(r, "", lang) or str(r.get("key", "")) for r in verdict.get("reasons") or []]
    if not reasons:
        doc.add_paragraph(word("no_problems", lang))
    for i, text in enumerate(reasons, start=1):
        doc.add_paragraph(f"{i}. {_t(text)}")
    doc.add_heading(word("h_next", lang), level=1)
    doc.add_paragraph(word("fill_next", lang))

    buffer = io.BytesIO()
    doc.save(buffer)
    data = buffer.getvalue()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(data)
    return data


def _base_font(doc: DocumentObject) -> None:
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(12)
    # East-Asian text takes the eastAsia font, which python-docx does not set by itself.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _level(key: str, lang: str) -> str:
    return label(f"level_short_{key}", lang) if key in ("primary", "junior") else key


def _summary(result: Obj, lang: str) -> str:
    schools = result.get("schools") or []
    levels = result.get("levels") or {}
    cvs = [ind.get("passes") for lv in levels.values() for ind in ((lv or {}).get("indicators") or {}).values()]
    items = [i.get("status") for i in (result.get("items") or {}).values()]
    rec = result.get("recognition") or {}
    rate = f"{num.fixed(rec.get('rate'), 1)}%" if num.is_number(rec.get("rate")) else num.MISSING
    return word("summary", lang, ok=sum(1 for s in schools if s.get("compliant")), all=len(schools),
                cv_ok=sum(1 for c in cvs if c), cv_all=len(cvs),
                items_ok=sum(1 for s in items if s == "pass"), items_all=len(items), rec=rate)


def _table(doc: DocumentObject, headers: Sequence[str], widths_cm: Sequence[float] | None = None) -> Table:
    """A grid table; ``widths_cm`` sets the columns (Word and LibreOffice otherwise share the page
    equally, wrapping a school's name a few characters a line beside near-empty columns)."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    if widths_cm:
        table.autofit = False
        for column, width in zip(table.columns, widths_cm, strict=True):
            column.width = Cm(width)  # the grid LibreOffice reads; the cells' widths are Word's
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    _widths(table.rows[0], widths_cm)
    return table


def _widths(row: Any, widths_cm: Sequence[float] | None) -> None:
    if widths_cm:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)


def _row(table: Table, cells: Sequence[str], widths_cm: Sequence[float] | None = None) -> None:
    """``table.add_row()`` as python-docx builds it, without ``row.cells``: that looks up every
    cell of the table again, so a table of 186 schools took ~0.45 s (quadratic)."""
    tr = table._tbl.add_tr()
    columns = table._tbl.tblGrid.gridCol_lst
    if len(columns) != len(cells):
        raise ValueError(f"{len(cells)} cells for a table of {len(columns)} columns")
    for i, (column, text) in enumerate(zip(columns, cells, strict=True)):
        tc = tr.add_tc()
        width = Cm(widths_cm[i]) if widths_cm else column.w
        if width is not None:
            tc.width = width
        _Cell(tc, table).text = _t(text)


def _compliance_table(doc: DocumentObject, key: str, level: Obj, mine: Sequence[Obj],
                      all_schools: Sequence[Obj], lang: str) -> None:
    doc.add_paragraph(word("t1", lang, level=level_name(key, lang) if key in ("primary", "junior") else key),
                      style="Caption")
    keys = indicator_keys(level, all_schools)
    widths = (6.0, 2.0, 2.0, 6.5)
    table = _table(doc, [word("school", lang), word("met", lang), word("compliant", lang), word("short", lang)],
                   widths)
    sep = "；" if lang == "zh" else "; "
    for s in mine:
        meets = s.get("meets") or {}
        compliant = s.get("compliant")
        # the code on its own line: "（\n5001180046）" read badly when the name wrapped
        _row(table, [f"{s.get('name', '')}\n{s.get('code', '')}", f"{s.get('met_count', '')}/{len(keys)}",
                     label("undecided", lang) if compliant is None else label("yes" if compliant else "no", lang),
                     sep.join(_indicator_words(k, lang) for k in keys if meets.get(k) is False)], widths)


def _indicator_words(key: str, lang: str) -> str:
    """"R6 生均教学仪器设备值": the code and the indicator's name (the grid's compact header
    "仪器设备元/生" reads as a unit in running text)."""
    names = INDICATOR_LABELS.get(key)
    name = (names[0] if lang == "zh" else names[1]) if names else short_name(key, lang)
    return f"{key.split('_')[0].upper()} {name}"


def _cv_table(doc: DocumentObject, levels: Obj, lang: str) -> None:
    doc.add_paragraph(word("t2", lang), style="Caption")
    table = _table(doc, [word("level", lang), word("indicator", lang), word("cv", lang), word("limit", lang),
                         word("holds", lang)])
    for key in ordered_levels(levels):
        level = levels[key] or {}
        for k, ind in (level.get("indicators") or {}).items():
            _row(table, [_level(key, lang), pick(ind, "name", lang) or short_name(k, lang),
                         num.cv(ind.get("cv_rounded", ind.get("cv"))), num.cv_limit(ind.get("limit")),
                         _yes_no(ind.get("passes"), lang)])
        composite = level.get("composite")
        if composite:
            _row(table, [_level(key, lang), word("composite", lang), num.cv(composite.get("cv")),
                         num.cv_limit(composite.get("limit")), _yes_no(composite.get("passes"), lang)])


def _yes_no(value: Any, lang: str) -> str:
    return "" if value is None else label("yes" if value else "no", lang)


def _items_table(doc: DocumentObject, items: Sequence[Obj], names: Mapping[str, str], lang: str) -> None:
    table = _table(doc, [word("item", lang), word("status", lang), word("evidence", lang)])
    for item in items:
        status = str(item.get("status") or "")
        status_text = label(f"status_{status}", lang) if status in ("pass", "fail", "evidence_missing") else status
        failing = item_failing_rows(item, names, lang)
        if failing:
            colon, sep = ("：", "；") if lang == "zh" else (": ", "; ")
            shown = sep.join(f"{who}{colon}{what}" if what else who for who, what in failing[:MAX_FAILING])
            status_text += f"\n{shown}"
            if len(failing) > MAX_FAILING:
                status_text += word("more", lang, n=len(failing) - MAX_FAILING)
        proof = evidence_line(item, lang)  # every record of an item attested school by school
        if proof is None:
            proof = label("status_evidence_missing", lang) if status == "evidence_missing" else word("computed", lang)
        _row(table, [f"{str(item.get('key', '')).upper()} {pick(item, 'title', lang)}", status_text, proof])
