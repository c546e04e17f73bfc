"""The tables a county attaches to its self-evaluation report, as one XLSX workbook.

Three tables, from the assessment result dict:

* 表1 per-school compliance with the seven resource indicators, one sheet per level (小学,
  初中), one row per school section (a nine-year school has a row in each);
* 表2 the inter-school CVs by level, with the limit and whether each holds;
* 表3 the government (G) and quality (Q) items with their status and evidence.

Layout. No public template of the 2017 quality-balance attachments was found; the layout
follows the published filling notes of the 2012 basic-balance application form (表Ⅱ-1/2,
表Ⅲ): primary and junior apart, a row per section, the school's overall result as 1 (blank
when not met), a value below its standard shaded dark. See docs/county-files.md.

Numbers are written as numbers (rounded as the documents print them); every text comes from
the result or an upload, so it is masked (personal numbers) and made formula-safe.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from youjun.core.cells import safe_cell_text
from youjun.core.labels import indicator_unit
from youjun.core.personal import mask_personal_text
from youjun.report import numbers as num
from youjun.report.item_text import evidence_line, figure_rows, item_failing_rows, school_names
from youjun.report.messages import check_lang, label, level_name, pick, school_type_name, short_name
from youjun.report.view_levels import indicator_keys, ordered_levels

Obj = Mapping[str, Any]
VALUE_DECIMALS = 2  # indicator values, as the documents print them
CV_DECIMALS = 3

WORDS: dict[str, tuple[str, str]] = {
    "t1": ("表1-{n} {level}学校资源配置七项指标达标情况", "Table 1-{n} {level}: seven resource indicators per school"),
    "t1_sheet": ("表1-{n} {level}达标", "T1-{n} {level}"),
    "t2": ("表2 校际差异系数", "Table 2 Inter-school coefficients of variation"),
    "t2_sheet": ("表2 差异系数", "T2 CVs"),
    "t3": ("表3 政府保障程度与教育质量评估情况", "Table 3 Government provision and education quality"),
    "t3_sheet": ("表3 政府保障与质量", "T3 G and Q items"),
    "no": ("序号", "No."),
    "school": ("学校名称", "School"),
    "code": ("学校代码", "Code"),
    "type": ("办学类型", "Type"),
    "town": ("乡镇（街道）", "Town"),
    "pupils": ("在校生数（人）", "Pupils"),
    "met_count": ("达标项数", "Indicators met"),
    "overall": ("综合评估是否达标（达标填1）", "School meets the standard (1 = yes)"),
    "short": ("未达标指标", "Indicators below standard"),
    "standard_row": ("标准", "Standard"),
    "note_t1": ("注：低于标准的指标值以深色背景标出；每校至少 {k} 项达标且其余项不低于标准的 85% 为达标。",
                "Note: values below the standard are shaded; a school complies when at least {k} indicators "
                "meet the standard and the rest reach 85% of it."),
    "level": ("学段", "Level"),
    "indicator": ("指标", "Indicator"),
    "unit": ("单位", "Unit"),
    "mean": ("均值", "Mean"),
    "cv": ("差异系数", "CV"),
    "limit": ("标准（不高于）", "Limit (at most)"),
    "holds": ("是否达标", "Within limit"),
    "composite": ("综合差异系数", "Composite CV"),
    "kind": ("类别", "Part"),
    "g": ("政府保障程度", "Government provision"),
    "q": ("教育质量", "Education quality"),
    "item": ("评估内容", "Item"),
    "item_no": ("编号", "Item"),
    "item_standard": ("评估标准", "Standard"),
    "figures": ("实际情况", "Figures"),
    "status": ("达标情况", "Status"),
    "failing": ("未达标对象", "Not meeting it"),
    "evidence": ("佐证材料（认定单位、日期、编号）", "Evidence (attested by, on, reference)"),
    "computed": ("由数据计算", "computed from the data"),
}


def word(key: str, lang: str, **values: Any) -> str:
    text = WORDS[key][0 if lang == "zh" else 1]
    return text.format(**values) if values else text


def _text(value: Any) -> str:
    """User or result text, safe in a cell: personal numbers masked, never a formula."""
    return safe_cell_text(mask_personal_text(str(value or "")))


def _rounded(value: Any, decimals: int) -> float | None:
    return round(float(value), decimals) if num.is_number(value) else None


class _Styles:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": "SimSun", "font_size": 10, "valign": "vcenter", "border": 1}
        self.title = book.add_format({"font_name": "SimHei", "font_size": 14, "bold": True})
        self.head = book.add_format({**base, "bold": True, "text_wrap": True, "align": "center",
                                     "bg_color": "#EEEEEE"})
        self.text = book.add_format({**base, "text_wrap": True})
        # one format per kind, as report.numbers writes them: thousands grouped
        self.int = book.add_format({**base, "num_format": "#,##0"})
        self.value = book.add_format({**base, "num_format": "#,##0.00"})
        self.value_bad = book.add_format({**base, "num_format": "#,##0.00", "bg_color": "#808080",
                                          "font_color": "#FFFFFF", "bold": True})
        self.cv = book.add_format({**base, "num_format": "0.000"})
        self.limit = book.add_format({**base, "num_format": "0.00"})
        self.note = book.add_format({"font_size": 9, "italic": True})


def render_county_tables(result: Obj, path: str | Path | None = None, lang: str = "zh") -> bytes:
    """The workbook's bytes (also written to ``path`` when given)."""
    check_lang(lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "nan_inf_to_errors": True})
    st = _Styles(book)
    levels = result.get("levels") or {}
    schools = list(result.get("schools") or [])
    for n, key in enumerate(ordered_levels(levels), start=1):
        mine = [s for s in schools if s.get("level") == key]
        compliance_sheet(book, st, n, key, levels[key] or {}, mine, schools, lang)
    cv_sheet(book, st, levels, lang)
    items_sheet(book, st, result.get("items") or {}, school_names(schools), lang)
    book.close()
    data = buffer.getvalue()
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_bytes(data)
    return data


def _head(ws: Worksheet, st: _Styles, row: int, headers: Sequence[str], widths: Sequence[float]) -> None:
    for col, (text, width) in enumerate(zip(headers, widths, strict=True)):
        ws.write_string(row, col, text, st.head)
        ws.set_column(col, col, width)
    ws.freeze_panes(row + 1, 0)


def _number(ws: Worksheet, row: int, col: int, value: float | None, fmt: Format) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, value, fmt)


def compliance_sheet(book: xlsxwriter.Workbook, st: _Styles, n: int, key: str, level: Obj,
                     mine: Sequence[Obj], all_schools: Sequence[Obj], lang: str) -> None:
    name = level_name(key, lang) if key in ("primary", "junior") else key
    short_level = label(f"level_short_{key}", lang) if key in ("primary", "junior") else key
    ws = book.add_worksheet(word("t1_sheet", lang, n=n, level=short_level)[:31])
    ws.write_string(0, 0, word("t1", lang, n=n, level=short_level), st.title)
    keys = indicator_keys(level, all_schools)
    units = {k: pick(ind, "unit", lang) for k, ind in (level.get("indicators") or {}).items()}
    headers = [word("no", lang), word("school", lang), word("code", lang), word("type", lang),
               word("town", lang), word("pupils", lang),
               *(f"{short_name(k, lang)}（{units[k]}）" if units.get(k) else short_name(k, lang) for k in keys),
               word("met_count", lang), word("overall", lang), word("short", lang)]
    _head(ws, st, 2, headers, [5, 26, 12, 12, 12, 9, *[11] * len(keys), 8, 12, 30])
    ws.set_row(2, 48)
    first = 6
    row = 3
    for i, s in enumerate(mine, start=1):
        values, thresholds, meets = s.get("values") or {}, s.get("thresholds") or {}, s.get("meets") or {}
        ws.write_number(row, 0, i, st.int)
        ws.write_string(row, 1, _text(s.get("name")), st.text)
        ws.write_string(row, 2, _text(s.get("code")), st.text)
        ws.write_string(row, 3, _text(school_type_name(str(s.get("type") or ""), lang)), st.text)
        ws.write_string(row, 4, _text(s.get("town")), st.text)
        _number(ws, row, 5, _rounded(s.get("pupils"), 0), st.int)
        for c, k in enumerate(keys, start=first):
            below = meets.get(k) is False
            _number(ws, row, c, _rounded(values.get(k), VALUE_DECIMALS), st.value_bad if below else st.value)
            if below and thresholds.get(k) is not None:
                ws.write_comment(row, c, f"{word('standard_row', lang)} {num.limit(thresholds[k])} "
                                 f"{indicator_unit(k, lang)}".rstrip())
        c = first + len(keys)
        _number(ws, row, c, _rounded(s.get("met_count"), 0), st.int)
        if s.get("compliant"):
            ws.write_number(row, c + 1, 1, st.int)
        else:
            ws.write_blank(row, c + 1, None, st.int)
        sep = "；" if lang == "zh" else "; "
        ws.write_string(row, c + 2, _text(sep.join(short_name(k, lang) for k in keys if meets.get(k) is False)),
                        st.text)
        row += 1
    # The standard of each indicator, once, under the schools (the same for every school of
    # the level unless a rule varies it; then the first school's is shown and each shaded cell
    # carries its own standard as a comment).
    ws.write_string(row, 1, word("standard_row", lang), st.head)
    standards: Mapping[str, Any] = next((s["thresholds"] for s in mine if s.get("thresholds")), {})
    for c, k in enumerate(keys, start=first):
        _number(ws, row, c, _rounded(standards.get(k), VALUE_DECIMALS), st.limit)
    need = max(0, len(keys) - 1)
    ws.write_string(row + 2, 0, word("note_t1", lang, k=need), st.note)
    ws.autofilter(2, 0, max(row - 1, 3), len(headers) - 1)
    ws.write_string(1, 0, _text(name), st.note)


def cv_sheet(book: xlsxwriter.Workbook, st: _Styles, levels: Obj, lang: str) -> None:
    ws = book.add_worksheet(word("t2_sheet", lang))
    ws.write_string(0, 0, word("t2", lang), st.title)
    headers = [word("level", lang), word("indicator", lang), word("unit", lang), word("mean", lang),
               word("cv", lang), word("limit", lang), word("holds", lang)]
    _head(ws, st, 2, headers, [8, 40, 14, 10, 10, 12, 10])
    row = 3
    yes, no = label("yes", lang), label("no", lang)
    for key in ordered_levels(levels):
        level = levels[key] or {}
        short_level = label(f"level_short_{key}", lang) if key in ("primary", "junior") else key
        for k, ind in (level.get("indicators") or {}).items():
            ws.write_string(row, 0, short_level, st.text)
            ws.write_string(row, 1, _text(pick(ind, "name", lang) or short_name(k, lang)), st.text)
            ws.write_string(row, 2, _text(pick(ind, "unit", lang)), st.text)
            _number(ws, row, 3, _rounded(ind.get("mean"), VALUE_DECIMALS), st.value)
            _number(ws, row, 4, _rounded(ind.get("cv_rounded", ind.get("cv")), CV_DECIMALS), st.cv)
            _number(ws, row, 5, _rounded(ind.get("limit"), 2), st.limit)
            passes = ind.get("passes")
            ws.write_string(row, 6, "" if passes is None else (yes if passes else no), st.text)
            row += 1
        composite = level.get("composite")
        if composite:
            ws.write_string(row, 0, short_level, st.text)
            ws.write_string(row, 1, word("composite", lang), st.head)
            ws.write_blank(row, 2, None, st.text)
            ws.write_blank(row, 3, None, st.text)
            _number(ws, row, 4, _rounded(composite.get("cv"), CV_DECIMALS), st.cv)
            _number(ws, row, 5, _rounded(composite.get("limit"), 2), st.limit)
            passes = composite.get("passes")
            ws.write_string(row, 6, "" if passes is None else (yes if passes else no), st.text)
            row += 1


def _item_number(key: str) -> int:
    return int("".join(ch for ch in key if ch.isdigit()) or 0)


def items_sheet(book: xlsxwriter.Workbook, st: _Styles, items: Obj, names: Mapping[str, str], lang: str) -> None:
    ws = book.add_worksheet(word("t3_sheet", lang))
    ws.write_string(0, 0, word("t3", lang), st.title)
    headers = [word("kind", lang), word("item_no", lang), word("item", lang), word("item_standard", lang),
               word("figures", lang), word("status", lang), word("failing", lang), word("evidence", lang)]
    _head(ws, st, 2, headers, [12, 6, 40, 24, 30, 12, 40, 36])
    row = 3
    sep, colon = "\n", "：" if lang == "zh" else ": "
    for prefix in ("g", "q"):
        chosen = sorted((items[k] for k in items if str(k).startswith(prefix)),
                        key=lambda i: _item_number(str(i.get("key", ""))))
        for item in chosen:
            status = str(item.get("status") or "")
            status_text = label(f"status_{status}", lang) if status in ("pass", "fail", "evidence_missing") \
                else status
            figures = sep.join(f"{k}{colon}{v}" for k, v in figure_rows(item.get("figures"), lang))
            failing = sep.join(f"{who}{colon}{detail}" if detail else who
                               for who, detail in item_failing_rows(item, names, lang))
            proof = evidence_line(item, lang)  # every record of an item attested school by school
            if proof is None:
                proof = (label("status_evidence_missing", lang) if status == "evidence_missing"
                         else word("computed", lang))
            cells = [word(prefix, lang), str(item.get("key", "")).upper(), pick(item, "title", lang),
                     pick(item, "limit", lang), figures, status_text, failing, proof]
            for c, text in enumerate(cells):
                ws.write_string(row, c, _text(text), st.text)
            row += 1
