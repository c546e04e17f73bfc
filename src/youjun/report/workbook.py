"""The tables a bureau submits, as one xlsx workbook (xlsxwriter).

Sheets: verdict, per-school indicators, one CV table per level, school gaps, G items,
Q items, provenance. Headers are frozen, numbers keep number formats (so the bureau can
compute with them) and failures are coloured by Excel conditional formats, which stay
right if someone corrects a cell by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from youjun.core.cells import safe_cell_text
from youjun.core.citations import article_text, citation_text
from youjun.core.findings import requirement_order
from youjun.core.labels import count_unit
from youjun.core.requirements import requirement_label, shown_code, veto_case
from youjun.core.schema import LOCATION
from youjun.core.standards_text import option_name_text, option_value_text, rule_value_text
from youjun.report import numbers as num
from youjun.report.cv_rounding import rounding_statement
from youjun.report.item_text import evidence_parts, figure_rows, item_failing_rows, school_names
from youjun.report.messages import (
    MESSAGES,
    check_lang,
    label,
    level_name,
    pick,
    ruleset_words,
    school_type_name,
    short_name,
)
from youjun.report.view import (
    confidence_words,
    natural_order,
    rule_label,
    scorecard,
    veto_row,
)
from youjun.report.view_levels import indicator_keys, ordered_levels

Obj = Mapping[str, Any]
RED, GREEN, GREY = "#F8D7D3", "#DCEFDC", "#E6E6E6"
RED_TEXT, GREEN_TEXT = "#9C1C1C", "#1B5E20"
_LOCATION_WORDS = {c.code: (c.zh, c.en) for c in LOCATION}


def _location(code: Any, lang: str) -> str:
    """'urban' → '城区' / 'Urban': codes never reach a reader."""
    words = _LOCATION_WORDS.get(str(code or ""))
    return str(code or "") if words is None else words[0 if lang == "zh" else 1]


class Styles:
    """The workbook's cell formats, created once."""

    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
        self._book, self._base = book, base
        self._numbers: dict[str, Format] = {}
        self.head = book.add_format({**base, "bold": True, "bg_color": "#EEF1F5", "border": 1,
                                     "text_wrap": True, "valign": "bottom"})
        self.title = book.add_format({**base, "bold": True, "font_size": 14})
        self.text = book.add_format({**base, "text_wrap": True})
        self.int = self.number("#,##0")
        self.value = self.number("#,##0.00")
        self.cv = self.number("0.000")
        self.limit = self.value
        self.bad = book.add_format({"bg_color": RED, "font_color": RED_TEXT, "bold": True})
        self.ok = book.add_format({"bg_color": GREEN, "font_color": GREEN_TEXT})
        self.na = book.add_format({"bg_color": GREY})
        self.big_bad = book.add_format({**base, "bold": True, "font_size": 20,
                                        "font_color": RED_TEXT, "bg_color": RED})
        self.big_ok = book.add_format({**base, "bold": True, "font_size": 20,
                                       "font_color": GREEN_TEXT, "bg_color": GREEN})

    def number(self, num_format: str) -> Format:
        """A number format made once per pattern ("0.00%", "#,##0.0"), knowing its decimals."""
        if num_format not in self._numbers:
            made = self._numbers[num_format] = self._book.add_format({**self._base, "num_format": num_format})
            numeric = num_format.split('"', 1)[0]  # before a unit written after the number ("0.0" 平方米"")
            shown = numeric.rstrip("%").partition(".")[2]
            made.youjun_decimals = len(shown) + (2 if numeric.endswith("%") else 0)
        return self._numbers[num_format]


def render_xlsx(result: Obj, path: str | Path, lang: str = "zh") -> Path:
    """Write the workbook to ``path``; returns the path."""
    check_lang(lang)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(target), {"nan_inf_to_errors": True})
    # A fixed creation date keeps the file the same for the same result.
    book.set_properties({"title": pick(result.get("method"), "title", lang),
                         "created": _created(result)})
    st = Styles(book)
    levels = result.get("levels") or {}
    schools = result.get("schools") or []
    items = result.get("items") or {}
    verdict_sheet(book, st, result, lang)
    schools_sheet(book, st, levels, schools, lang)
    for key in ordered_levels(levels):
        cv_sheet(book, st, key, levels[key] or {}, lang)
    gaps_sheet(book, st, schools, lang)
    for prefix, sheet in (("g", "sheet_g"), ("q", "sheet_q")):
        chosen = [items[k] for k in items if k.startswith(prefix)]
        chosen.sort(key=lambda i: int("".join(c for c in str(i.get("key")) if c.isdigit()) or 0))
        items_sheet(book, st, label(sheet, lang), chosen, school_names(schools), lang)
    conditions_sheet(book, st, result, lang)
    provenance_sheet(book, st, result, lang)
    book.close()
    return target


def _created(result: Obj) -> datetime:
    stamp = str((result.get("run") or {}).get("generated_at") or "")
    try:
        return datetime.fromisoformat(stamp).replace(tzinfo=None)
    except ValueError:
        return datetime(2000, 1, 1)


def _header(ws: Worksheet, st: Styles, row: int, headers: Sequence[str],
            widths: Sequence[float], freeze: bool = True) -> None:
    for col, (text, width) in enumerate(zip(headers, widths, strict=True)):
        ws.write_string(row, col, text, st.head)
        ws.set_column(col, col, width)
    if freeze:  # a second table lower on a sheet must not freeze the first one away
        ws.freeze_panes(row + 1, 0)


def _write(ws: Worksheet, row: int, col: int, value: Any, fmt: Format, lang: str) -> None:
    """Numbers as numbers (so Excel can sum them), missing as empty, the rest as text that
    can never run as a formula (names and towns come from uploads)."""
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, label("yes" if value else "no", lang), fmt)
    elif num.is_number(value):
        # the value the cell shows, not the engine's last digits (a reader who clicks the cell,
        # or sums the column, gets what is printed); a text format keeps the value whole
        decimals = getattr(fmt, "youjun_decimals", None)
        ws.write_number(row, col, float(value) if decimals is None else num.as_printed(float(value), decimals), fmt)
    else:
        ws.write_string(row, col, safe_cell_text(num.any_figure(value)), fmt)


# A figure said as a bare number or percentage ("98.65%", "1,200", "1.2"); a run of six or more
# digits is a code (a school code), which stays text.
_NUMBER_TEXT = re.compile(r"(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(%?)")


def _write_said(ws: Worksheet, st: Styles, row: int, col: int, text: Any) -> None:
    """A figure as the reader says it: a bare number or percentage is written as a number whose
    format shows the same text (so Excel can compute with it); any other text stays text."""
    said = str(text if text is not None else "").strip()
    m = _NUMBER_TEXT.fullmatch(said)
    if m is None or (not m.group(3) and not m.group(4) and len(m.group(2)) >= 6):
        ws.write_string(row, col, safe_cell_text(said), st.text)
        return
    sign, whole, decimals, percent = m.groups()
    value = float(sign + whole.replace(",", "") + ("." + decimals if decimals else ""))
    fmt = ("#,##0" if "," in whole else "0") + ("." + "0" * len(decimals) if decimals else "") + percent
    shown = len(decimals or "") + 2  # 4.65% is 0.0465, not 4.65 / 100 = 0.04650000000000001
    ws.write_number(row, col, round(value / 100, shown) if percent else value, st.number(fmt))


def _status_word(status: Any, lang: str) -> str:
    if status in ("pass", "fail", "evidence_missing"):
        return label(f"status_{status}", lang)
    return str(status or "")


def _colour_words(ws: Worksheet, st: Styles, first: int, last: int, col: int, lang: str,
                  also: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())) -> None:
    """Red for 'no'/'fail', green for 'yes'/'pass', grey for missing, on one column; ``also``:
    the keys of more words read red and green."""
    if last < first:
        return
    rng = (first, col, last, col)
    red, green = ([label(k, lang) for k in keys] for keys in also)
    for words, fmt in (((label("no", lang), label("status_fail", lang), *red), st.bad),
                       ((label("yes", lang), label("status_pass", lang), *green), st.ok),
                       ((label("status_evidence_missing", lang), label("undecided", lang)),
                        st.na)):
        for word in words:
            ws.conditional_format(*rng, {"type": "cell", "criteria": "==",
                                         "value": f'"{word}"', "format": fmt})


def verdict_sheet(book: xlsxwriter.Workbook, st: Styles, result: Obj, lang: str) -> None:
    ws = book.add_worksheet(label("sheet_verdict", lang))
    district = result.get("district") or {}
    verdict = result.get("verdict") or {}
    passes = verdict.get("passes")
    ws.write_string(0, 0, safe_cell_text(" ".join(str(x) for x in (
        district.get("province"), district.get("name"), district.get("school_year"),
        pick(result.get("method"), "title", lang)) if x)), st.title)
    ws.write_string(1, 0, label("verdict", lang), st.head)
    ws.write_string(1, 1, label("verdict_pass" if passes else "verdict_fail", lang),
                    st.big_ok if passes else st.big_bad)
    ws.set_row(1, 30)
    rounding = rounding_statement(result, lang)
    ws.write_string(2, 0, safe_cell_text(f"{rounding['title']}：{rounding['mode']}。{rounding['effect']}"),
                    st.text)
    top = _conditions(ws, st, result, 3, lang)
    if verdict.get("findings"):
        _verdict_findings(ws, st, verdict["findings"], top, lang)
        return
    _header(ws, st, top, ["#", label("reason", lang), label("figure", lang), label("limit", lang),
                          label("gap", lang)], [5, 80, 12, 16, 12], freeze=False)
    for i, r in enumerate(verdict.get("reasons") or [], start=top + 1):
        ws.write_number(i, 0, i - top, st.int)
        ws.write_string(i, 1, safe_cell_text(pick(r, "", lang) or str(r.get("key", ""))), st.text)
        for col, key in ((2, "figure"), (3, "limit"), (4, "gap")):
            _write(ws, i, col, r.get(key), st.text, lang)


def _conditions(ws: Worksheet, st: Styles, result: Obj, top: int, lang: str) -> int:
    """The basis of the verdict, as report.html's 评估要件 says it (the same view function, not
    recomputed): each condition, how many of its parts hold, and whether it is met. The workbook
    is what is forwarded to the bureau, so the verdict must not stand there without its basis.
    Returns the row after the block (where the findings' table starts)."""
    items = result.get("items") or {}
    cards = scorecard(result.get("levels") or {}, result.get("schools") or [],
                      [items[k] for k in items if k.startswith("g")],
                      [items[k] for k in items if k.startswith("q")], result, lang)
    if not cards:
        return top
    ws.merge_range(top, 0, top, 3, label("scorecard", lang), st.head)
    ws.write_string(top, 4, label("figure", lang), st.head)
    ws.write_string(top, 5, label("result", lang), st.head)
    for r, c in enumerate(cards, start=top + 1):
        ws.merge_range(r, 0, r, 3, safe_cell_text(c["name"]), st.text)
        ws.write_string(r, 4, safe_cell_text(c["figure"] + (f" {c['unit']}" if c["unit"] else "")), st.text)
        # the words of the HTML's mark: 达标 / 未达标 (a veto: 无否决情形 / 存在否决情形), "—" undecided
        ws.write_string(r, 5, c["mark"], st.text)
    _colour_words(ws, st, top + 1, top + len(cards), 5, lang,
                  also=(("veto_one_applies", "veto_unattested_mark"), ("veto_none",)))
    return top + len(cards) + 2


def _verdict_findings(ws: Worksheet, st: Styles, findings: Sequence[Obj], top: int, lang: str) -> None:
    """One row per finding: texts as the reader says them, then the measured value and gap
    as numbers (so a bureau can sort and sum them)."""
    # (walk 41: 代码 over school codes and 未满足的要求 over 1年级1班 read as the requirement's)
    _header(ws, st, top, ["#", label("requirement", lang), label("finding_school_code", lang), label("school", lang),
                        label("finding_subject", lang), label("figure", lang), label("limit", lang),
                        label("gap", lang), label("figure_value", lang), label("gap_value", lang)],
            [5, 26, 12, 28, 40, 18, 36, 22, 12, 12], freeze=False)
    # the precondition and the vetoes first, as the report lists them (either alone bars recognition)
    first = sorted(findings, key=lambda f: min(0, requirement_order(str(f.get("requirement") or ""))[0]))
    for i, f in enumerate(first, start=1):
        r = i + top
        ws.write_number(r, 0, i, st.int)
        # the requirement by its name, numbered where the documents number it (walk 42: a bare
        # "CV" or "G5" left the reader to look it up): R2 …, 校际差异系数, 一票否决：无违规择校
        for c, text in enumerate((_requirement_cell(str(f.get("requirement") or ""), lang),
                                  f.get("school_code"),
                                  f.get("school_name"),
                                  pick(f.get("subject"), "", lang)), start=1):
            ws.write_string(r, c, safe_cell_text(str(text or "")), st.text)
        for c, said in enumerate((pick(f.get("measured"), "", lang), pick(f.get("standard"), "", lang),
                                  pick(f.get("gap"), "", lang)), start=5):
            _write_said(ws, st, r, c, said)
        _write_quantity(ws, st, r, 8, f.get("measured") or {}, lang)
        _write_quantity(ws, st, r, 9, f.get("gap") or {}, lang)
    ws.autofilter(top, 0, len(findings) + top, 9)


def _requirement_cell(requirement: str, lang: str) -> str:
    """R2 生均…, 校际差异系数; a veto numbered and named as the veto table has it (否决2 违规择校)."""
    code = shown_code(requirement, lang)
    if code != requirement:
        return f"{code} {veto_case(requirement, lang) or ''}".strip()
    return requirement_label(requirement, lang, with_part=True)


_FIRST_NUMBER = re.compile(r"-?\d[\d,]*(?:\.(\d+))?")


def _write_quantity(ws: Worksheet, st: Styles, row: int, col: int, q: Obj, lang: str) -> None:
    """A finding's figure as a number with the decimals its own text has (walk 41: 缺 326.3 平方米
    over 326.32, 143,592 元 over 143,591.75, a count of 5 teachers shown 5.00), and a rate on the
    scale of the text beside it (98.65% is 0.9865 in both columns, not 0.9865 and 98.65)."""
    value, said = q.get("value"), str(q.get("zh") or "")
    found = _FIRST_NUMBER.search(said)
    if not num.is_number(value) or found is None:
        _write(ws, row, col, value, st.value, lang)
        return
    decimals = len(found.group(1) or "")
    if q.get("unit") == "percent" and said.endswith("%"):
        fmt = "0" + ("." + "0" * decimals if decimals else "") + "%"
        _write(ws, row, col, float(value) / 100, st.number(fmt), lang)
        return
    # the unit its text gives the number, shown by the cell's format (walk 43: a column of 元,
    # 平方米, 学时 and 个百分点 side by side said none of them); the cell stays a number
    text = said if lang == "zh" else str(q.get("en") or "")
    at = found if lang == "zh" else _FIRST_NUMBER.search(text)
    tail = (_UNIT_AFTER if lang == "zh" else _UNIT_AFTER_EN).match(text, at.end()) if at else None
    unit = tail.group(0).strip() if tail else ""
    if len(unit) > 60:  # a long English tail, cut at a word
        unit = unit[:60].rsplit(" ", 1)[0]
    suffix = f'" {unit}"' if unit else ""
    _write(ws, row, col, value, st.number("#,##0" + ("." + "0" * decimals if decimals else "") + suffix), lang)


# a unit is the words after the number up to a pause or another figure ("平方米", "个百分点", "间")
_UNIT_AFTER = re.compile(r'[^\d，,；;。（(）)"]{0,12}')
# "m² of sports venues short", "teachers per 100 pupils", "PE, music and art teachers short" (walk 44)
_UNIT_AFTER_EN = re.compile(r'(?:[^,;()"]|,(?= [a-z])|\.(?=\d))*')


def schools_sheet(book: xlsxwriter.Workbook, st: Styles, levels: Obj,
                  schools: Sequence[Obj], lang: str) -> None:
    """One row per school section: values, then met/not per indicator, then compliance."""
    ws = book.add_worksheet(label("sheet_schools", lang))
    keys: list[str] = []
    for key in ordered_levels(levels):
        keys += [k for k in indicator_keys(levels[key] or {}, schools) if k not in keys]
    met_word = label("met", lang)
    fixed = [label("finding_school_code", lang), label("school", lang), label("level", lang),
             label("type", lang), label("town", lang), label("location", lang),
             label("pupils", lang)]
    headers = [*fixed, *(f"{k.split('_')[0].upper()} {short_name(k, lang)}" for k in keys),
               *(f"{k.split('_')[0].upper()} {met_word}" for k in keys),
               label("met_count", lang), label("compliant", lang)]
    widths = [12, 30, 7, 14, 12, 7, 8, *[12] * len(keys), *[7] * len(keys), 8, 12]
    _header(ws, st, 0, headers, widths)
    first_value, first_met = len(fixed), len(fixed) + len(keys)
    order = {key: i for i, key in enumerate(ordered_levels(levels))}
    rows = sorted(schools, key=lambda s: order.get(str(s.get("level")), len(order)))
    for r, s in enumerate(rows, start=1):
        for c, v in enumerate([s.get("code"), s.get("name"),
                               level_name(str(s.get("level", "")), lang),
                               school_type_name(str(s.get("type") or ""), lang),
                               s.get("town"), _location(s.get("location"), lang)]):
            _write(ws, r, c, v, st.text, lang)
        _write(ws, r, 6, s.get("pupils"), st.int, lang)
        values, meets = s.get("values") or {}, s.get("meets") or {}
        thresholds = s.get("thresholds") or {}
        for i, k in enumerate(keys):
            v = values.get(k)
            whole = num.is_number(v) and abs(v) >= 1000
            _write(ws, r, first_value + i, v, _short_format(st, v, thresholds.get(k), 0 if whole else 2,
                                                            st.int if whole else st.value), lang)
            _write(ws, r, first_met + i, meets.get(k), st.text, lang)
        _write(ws, r, first_met + len(keys), s.get("met_count"), st.int, lang)
        compliant = s.get("compliant")
        ws.write_string(r, first_met + len(keys) + 1,
                        label("undecided", lang) if compliant is None
                        else label("yes" if compliant else "no", lang), st.text)
    last = len(rows)
    # Each value cell is coloured from its met/not cell, so the rule follows the data.
    no = label("no", lang)
    for i in range(len(keys)):
        met_col = xl_col_to_name(first_met + i)
        ws.conditional_format(1, first_value + i, last, first_value + i, {
            "type": "formula", "criteria": f'=${met_col}2="{no}"', "format": st.bad})
        ws.conditional_format(1, first_value + i, last, first_value + i, {
            "type": "formula", "criteria": f"=${met_col}2=\"\"", "format": st.na})
        _colour_words(ws, st, 1, last, first_met + i, lang)
    _colour_words(ws, st, 1, last, first_met + len(keys) + 1, lang)
    ws.autofilter(0, 0, last, len(headers) - 1)


def cv_sheet(book: xlsxwriter.Workbook, st: Styles, key: str, level: Obj, lang: str) -> None:
    ws = book.add_worksheet(label("sheet_cv", lang, level=label(f"level_short_{key}", lang)
                                  if key in ("primary", "junior") else key))
    headers = [label("indicator", lang), label("unit", lang), label("mean", lang),
               label("cv", lang), label("limit", lang), label("result", lang),
               label("n_failing", lang), label("cv_if_met", lang), label("gini", lang),
               label("theil", lang), label("mcloone", lang), label("range_ratio", lang)]
    _header(ws, st, 0, headers, [44, 14, 12, 10, 8, 8, 10, 12, 10, 10, 10, 10])
    rows = list((level.get("indicators") or {}).items())
    for r, (k, ind) in enumerate(rows, start=1):
        ineq = ind.get("inequality") or {}
        ws.write_string(r, 0, f"{k.split('_')[0].upper()} {pick(ind, 'name', lang) or k}",
                        st.text)
        ws.write_string(r, 1, pick(ind, "unit", lang), st.text)
        _write(ws, r, 2, ind.get("mean"), st.value, lang)
        _write(ws, r, 3, ind.get("cv_rounded", ind.get("cv")), st.cv, lang)
        _write(ws, r, 4, ind.get("limit"), st.limit, lang)
        passes = ind.get("passes")
        ws.write_string(r, 5, "" if passes is None else
                        label("status_pass" if passes else "status_fail", lang), st.text)
        _write(ws, r, 6, ind.get("n_failing"), st.int, lang)
        for c, v in ((7, ind.get("cv_if_failing_met")), (8, ineq.get("gini")),
                     (9, ineq.get("theil")), (10, ineq.get("mcloone")),
                     (11, ineq.get("range_ratio"))):
            _write(ws, r, c, v, st.cv, lang)
    composite = level.get("composite")
    if composite:
        r = len(rows) + 1
        ws.write_string(r, 0, label("composite_cv", lang), st.head)
        _write(ws, r, 3, composite.get("cv"), st.cv, lang)
        _write(ws, r, 4, composite.get("limit"), st.limit, lang)
        _write(ws, r, 5, label("status_pass" if composite.get("passes") else "status_fail",
                               lang), st.text, lang)
    last = len(rows) + (1 if composite else 0)
    _colour_words(ws, st, 1, last, 5, lang)


def gaps_sheet(book: xlsxwriter.Workbook, st: Styles, schools: Sequence[Obj], lang: str) -> None:
    """Every indicator short of its standard, school section by school section. A shortfall in a
    section that complies all the same (within the national rule's tolerance) is advice, not
    rectification, as in rectification.xlsx: those rows come after the others, marked 不计入整改
    in their own column, so that summing the rows to rectify gives the report's totals."""
    ws = book.add_worksheet(label("sheet_gaps", lang))
    headers = [label("gaps_counted", lang), label("finding_school_code", lang), label("school", lang),
               label("level", lang),
               label("indicator", lang), label("value", lang), label("threshold", lang),
               label("shortfall", lang), label("unit", lang), label("description", lang)]
    _header(ws, st, 0, headers, [16, 12, 30, 7, 24, 12, 10, 12, 8, 30])
    rows = [(s.get("compliant") is True, s, g) for s in schools for g in s.get("gaps") or []]
    rows.sort(key=lambda x: x[0])  # stable: the rows to rectify first, each part in school order
    for r, (advice, s, g) in enumerate(rows, start=1):
        k = str(g.get("indicator", ""))
        ws.write_string(r, 0, label("gap_advice" if advice else "gap_rectify", lang), st.text)
        for c, v in enumerate([s.get("code"), s.get("name"),
                               level_name(str(s.get("level", "")), lang),
                               f"{k.split('_')[0].upper()} {short_name(k, lang)}"], start=1):
            _write(ws, r, c, v, st.text, lang)
        _write(ws, r, 5, g.get("value"), _short_format(st, g.get("value"), g.get("threshold"), 2, st.value), lang)
        _write(ws, r, 6, g.get("threshold"), st.value, lang)
        # a gap in whole things (teachers, rooms, yuan) is an integer, an area has 1 decimal; the
        # value is stored as shown, so that Excel's sum is the report's "共缺" (a sum of the
        # printed parts), not 1 yuan off it
        _write(ws, r, 7, _as_shown(g.get("missing"), k), _gap_format(st, k), lang)
        ws.write_string(r, 8, safe_cell_text(pick(g, "unit", lang)), st.text)
        ws.write_string(r, 9, safe_cell_text(pick(g, "what", lang)), st.text)
    if rows:
        ws.conditional_format(1, 0, len(rows), 0, {"type": "cell", "criteria": "==",
                                                   "value": f'"{label("gap_advice", lang)}"',
                                                   "format": st.na})
        ws.autofilter(0, 0, len(rows), len(headers) - 1)


def _short_format(st: Styles, x: Any, limit: Any, decimals: int, default: Format) -> Format:
    """``default`` (``decimals`` decimals), or more decimals for a value short of its threshold
    that would print as it (0.999 against 1 as "1.00": walk 35, a school disputes the finding),
    as the pages write it (``numbers.value_below``)."""
    if not (num.is_number(x) and num.is_number(limit)) or not float(x) < float(limit):
        return default
    d = decimals
    while d < 6 and num.as_printed(x, d) >= float(limit):
        d += 1
    return default if d == decimals else st.number("#,##0." + "0" * d)


def _as_shown(x: Any, indicator: str) -> Any:
    """A gap rounded as it is written (report.numbers.fixed): 1 decimal for an area, else whole."""
    if not num.is_number(x):
        return x
    return num.as_printed(x, 1 if count_unit(indicator).key == "m2" else 0)


def _gap_format(st: Styles, indicator: str) -> Format:
    """The cell format of a gap, as report.numbers writes it: areas with 1 decimal, the rest whole."""
    return st.number("#,##0.0") if count_unit(indicator).key == "m2" else st.int


def items_sheet(book: xlsxwriter.Workbook, st: Styles, name: str, items: Sequence[Obj],
                names: Mapping[str, str], lang: str) -> None:
    ws = book.add_worksheet(name)
    headers = ["#", label("item", lang), label("status", lang), label("figures", lang),
               label("limit", lang), label("failing", lang), label("evidence", lang),
               label("attested_on", lang), label("attachment", lang)]
    _header(ws, st, 0, headers, [6, 44, 12, 30, 24, 40, 24, 12, 30])
    for r, item in enumerate(items, start=1):
        colon = "：" if lang == "zh" else ": "  # a Chinese page's own colon (walk 40)
        figures = "\n".join(f"{k}{colon}{v}" for k, v in figure_rows(item.get("figures"), lang))
        failing = "\n".join(f"{name}{colon}{detail}" if detail else name
                             for name, detail in item_failing_rows(item, names, lang))
        parts = evidence_parts(item, lang)  # every record of an item attested school by school (walk 42)
        if parts is None:
            by = label("status_evidence_missing" if item.get("status") == "evidence_missing" else "computed", lang)
            on = ref = ""
        else:
            by, on, ref = parts
        for c, v in enumerate([str(item.get("key", "")).upper(), pick(item, "title", lang),
                               _status_word(item.get("status"), lang), figures,
                               pick(item, "limit", lang), failing, by, on, ref]):
            ws.write_string(r, c, safe_cell_text(v), st.text)  # evidence text is uploaded
    _colour_words(ws, st, 1, len(items), 2, lang)


def conditions_sheet(book: xlsxwriter.Workbook, st: Styles, result: Obj, lang: str) -> None:
    """The precondition and each veto with who attested it, when, the attachment and the note
    (walk 37: the workbook said only "6/6 项经认定不存在")."""
    pre, vetoes = result.get("preconditions") or [], result.get("vetoes") or []
    if not pre and not vetoes:
        return
    ws = book.add_worksheet(label("sheet_conditions", lang))
    _header(ws, st, 0, [label("code", lang), label("item", lang), label("status", lang),
                        label("attested_by_column", lang), label("attested_on", lang), label("attachment", lang),
                        label("note", lang)],
            [8, 44, 14, 30, 12, 24, 30])
    # each veto by the code the report and the other sheets give it (walk 40: a running number
    # made 违规择校 "3" here and 否决2 everywhere else); the precondition by its part
    rows = [(label("precondition_code", lang), pick(i, "title", lang), _status_word(i.get("status"), lang),
             i.get("evidence") or {}, i.get("status") == "evidence_missing", "") for i in pre]
    # a veto not attested says in its note which row to add, as the report's table does
    rows += [(row["code"], row["title"], row["status"], v.get("evidence") or {}, v.get("applies") is None,
              row["evidence"]["text"] if v.get("applies") is None and not v.get("evidence") else "")
             for v, row in ((v, veto_row(v, lang, _district_code(result))) for v in vetoes)]
    for r, (code, title, status, evidence, missing, to_add) in enumerate(rows, start=1):
        by = str(evidence.get("attested_by") or "") or (label("status_evidence_missing", lang)
                                                        if missing and not to_add else "")
        ws.write_string(r, 0, code, st.text)
        for c, text in enumerate([title, status, by, evidence.get("attested_on") or "",
                                  evidence.get("attachment_ref") or "", evidence.get("note") or to_add],
                                 start=1):
            ws.write_string(r, c, safe_cell_text(str(text)), st.text)  # evidence text is uploaded


def _district_code(result: Obj) -> str:
    return str((result.get("district") or {}).get("code") or "")


def provenance_sheet(book: xlsxwriter.Workbook, st: Styles, result: Obj, lang: str) -> None:
    ws = book.add_worksheet(label("sheet_provenance", lang))
    run = result.get("run") or {}
    rules = run.get("rules") or {}
    prov = result.get("provenance") or {}
    facts = [(label("data_hash", lang), (prov.get("data") or {}).get("data_hash")
              or run.get("data_hash")),
             (label("rule_set", lang), ruleset_words(
                 str(rules.get("name") or (result.get("method") or {}).get("key") or ""),
                 str(rules.get("version") or (result.get("method") or {}).get("version") or ""),
                 pick(result.get("method") or {}, "title", lang), lang)),
             (label("overlays", lang), ", ".join(rules.get("overlays") or [])),
             (label("software_version", lang), run.get("software_version")),
             (label("generated_at", lang), num.local_time(run.get("generated_at")))]
    for r, (k, v) in enumerate(facts):
        ws.write_string(r, 0, k, st.head)
        _write(ws, r, 1, v, st.text, lang)
    top = len(facts) + 1
    headers = [label("rule", lang), label("value", lang), label("document", lang),
               label("number", lang), label("article", lang), label("effective", lang),
               label("confidence", lang)]
    _header(ws, st, top, headers, [44, 10, 40, 16, 30, 12, 10])
    for r, rule in enumerate(natural_order(prov.get("rules") or []), start=top + 1):
        path = str(rule.get("key") or "")
        ws.write_string(r, 0, safe_cell_text(rule_label(path, lang)), st.text)
        _write_said(ws, st, r, 1, rule_value_text(path, rule.get("value"), lang))
        for c, key in enumerate(("document", "number", "article", "effective", "confidence"), start=2):
            value = article_text(str(rule.get(key) or ""), lang) if key == "article" else rule.get(key)
            if key == "confidence" and f"confidence_{value}" in MESSAGES:  # words, as the HTML says
                value = label(f"confidence_{value}", lang)
            _write(ws, r, c, value, st.text, lang)
    options = result.get("options") or []
    if options:
        top = top + len(prov.get("rules") or []) + 2
        _header(ws, st, top, [label("option", lang), label("value", lang), label("reference", lang)],
                [44, 30, 40], freeze=False)
        for r, o in enumerate(options, start=top + 1):
            name = str(o.get("name") or "")
            value = pick(o, "text", lang) or option_value_text(name, o.get("value"), lang)
            ws.write_string(r, 0, safe_cell_text(option_name_text(name, lang)), st.text)
            _write_said(ws, st, r, 1, value)
            ws.write_string(r, 2, safe_cell_text(confidence_words(
                citation_text(str(o.get("reference") or ""), lang), lang)), st.text)
