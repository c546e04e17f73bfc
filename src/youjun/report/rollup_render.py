"""The roll-up of many districts as files: ``rollup.json``, ``rollup.xlsx`` and ``rollup.html``
(the districts with the most problems, the districts not meeting each requirement, the ranking,
the indicators' CV distribution, the G and Q items not met).

``rollup.html`` is one static page with its CSS inside and no script: the counts and the median
number of requirements not met, the ten last-ranked districts, the requirements not met (most
districts first), a table per province (the first two digits of the district code), then the
indicators, the items and the full ranking grouped by province; wide tables scroll sideways in
their own box on a phone. ``rollup.xlsx`` holds the same tables with the same rounding (汇总
first). The verdict is said 通过 / 未通过 everywhere, as the web app and the district reports say
it (the rules: "……才通过"). More than ``RANKING_SHOWN_MAX`` districts: the full ranking is folded
in a <details>. A requirement is named, never shown by its key (``requirement_label``: "R5
生均体育运动场馆面积", "一票否决：无重大安全责任事故"). A district's requirements not met are said in
one line by part (``why_words``: "资源配置 7 项（R1–R7）；政府保障程度 2 项（G3、G5）；校际差异系数"),
their full names folded under it on the page and in the next column of the workbook. The worst
CV / limit is the judged CV's, to 3 decimals and never read across the limit (``ratio_value``).
``write_rollup_files`` writes the three files of a roll-up (``youjun.assess.rollup.rollup``) and
its district summaries."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from statistics import median
from typing import Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from youjun.core.labels import ITEM_LABELS
from youjun.core.requirements import ratio_rounded, requirement_label, requirement_words
from youjun.report import numbers, view

HEAD = {
    "zh": {
        "summary": "汇总", "ranking": "区县排名", "indicators": "各项指标差异系数",
        "items": "G、Q各项未满足的区县数", "items_title": "政府保障程度与教育质量各项（G、Q）未满足的区县数",
        "requirements": "各项要求未满足的区县数", "worst_list": "问题最突出的区县",
        "rank": "名次", "national_rank": "全国名次", "code": "区县代码", "name": "区县", "province": "省份",
        "passes": "结论", "yes": "通过", "no": "未通过",
        "requirements_not_met": "未满足要求（项）", "findings": "问题（处）", "worst": "最大差异系数/限值",
        "which": "未满足的要求", "why": "未满足的要求（按类别）", "which_full": "未满足的要求（全称）",
        "names": "各项名称",
        "level": "学段", "short": "指标代码", "indicator": "指标", "limit": "差异系数限值",
        "failing": "超过限值的区县数",
        "districts": "参评区县数", "min": "最小值", "p25": "下四分位数", "median": "中位数", "p75": "上四分位数",
        "max": "最大值", "item": "要求", "part": "类别", "title": "内容", "not_met": "未满足的区县数",
        "share_of": "占参评区县", "fail": "其中未达标的区县数", "evidence_missing": "其中缺少佐证材料的区县数",
        "assessed": "参评区县数",
        "primary": "小学", "junior": "初中",
        "passing": "通过", "failing_districts": "未通过", "share": "通过的比例",
        "passing_head": "通过的区县数", "failing_head": "未通过的区县数",
        "province_code": "省级代码", "median_requirements": "未满足要求中位数（项）", "first": "排名最前的区县",
        "all_pass": "所有区县均通过。", "sep": "、", "list_sep": "；",
        "data": "数据", "rules_version": "规则版本", "report_file": "报告文件", "vetoed": "存在一票否决情形的区县数",
        "recognition": "社会认可度", "preconditions": "前提条件",
        "preconditions_met": "全部达标", "preconditions_not_met": "{n} 项未达标", "no_evidence": "缺少佐证材料",
        "conditions_note": "社会认可度：该区县的调查结果{limit}，未达到标准或缺少佐证材料的标红；"
                           "前提条件：是否全部达标，未达标的写出项数并标红；"
                           "一票否决：“无”为各项一票否决情形经认定均不存在，存在的写出情形名称并标红。",
        "recognition_limit": "（标准：不低于 {limits}）",
        "vetoes": "一票否决", "veto_none": "无", "veto_unknown": "{n} 项缺少佐证材料",
        "vetoes_cell": "一票否决：{text}",
    },
    "en": {
        "summary": "Summary", "ranking": "Ranking", "indicators": "Indicators' CVs",
        "items": "G and Q items not met", "items_title": "Government guarantee and education quality (G, Q): "
                                                       "districts not meeting each item",
        "requirements": "Districts not meeting each requirement", "worst_list": "Districts with the most problems",
        "rank": "Rank", "national_rank": "National rank", "code": "District code", "name": "District",
        "province": "Province", "passes": "Verdict", "yes": "passes",
        "no": "does not pass", "requirements_not_met": "Requirements not met", "findings": "Findings",
        "worst": "Worst CV / limit", "which": "Requirements not met", "why": "Requirements not met, by part",
        "which_full": "Requirements not met, in full", "names": "Their names",
        "level": "Level", "short": "Code", "indicator": "Indicator", "limit": "CV limit",
        "failing": "Districts over the limit", "districts": "Districts", "min": "Min", "p25": "25th percentile",
        "median": "Median", "p75": "75th percentile", "max": "Max", "item": "Requirement", "part": "Part",
        "title": "Requirement", "not_met": "Districts not meeting it", "share_of": "Share of districts",
        "fail": "Districts failing it", "evidence_missing": "Districts without evidence for it",
        "assessed": "Districts assessed", "primary": "primary", "junior": "junior",
        "passing": "Pass", "failing_districts": "Do not pass", "share": "Share passing",
        "passing_head": "Districts passing", "failing_head": "Districts not passing",
        "province_code": "Province code", "median_requirements": "Median requirements not met",
        "first": "First-ranked district", "all_pass": "Every district passes.", "sep": ", ",
        "list_sep": "; ", "data": "Data", "rules_version": "Rules version", "report_file": "Report file",
        "vetoed": "Districts where a veto applies",
        "recognition": "Social recognition", "preconditions": "Preconditions",
        "preconditions_met": "all met", "preconditions_not_met": "{n} not met", "no_evidence": "evidence missing",
        "conditions_note": "Social recognition: the district's survey result{limit}, in red when short of the "
                           "standard or without evidence; preconditions: whether all are met, else how many are "
                           "not, in red; veto: \"none\" when every veto case is attested absent, else the cases "
                           "that apply, in red.",
        "recognition_limit": " (standard: at least {limits})",
        "vetoes": "Veto", "veto_none": "none", "veto_unknown": "{n} without evidence",
        "vetoes_cell": "Veto: {text}",
    },
}

# The part of the rules a requirement belongs to (``youjun.core.requirements.requirement_words``).
PARTS = {
    "zh": {"school": "学校达标（资源配置）", "cv": "校际差异系数", "g": "政府保障程度", "q": "教育质量",
           "sr": "社会认可度", "veto": "一票否决", "pre": "前提条件", "other": "其他"},
    "en": {"school": "School compliance (resources)", "cv": "Inter-school CV", "g": "Government guarantee",
           "q": "Education quality", "sr": "Social recognition", "veto": "Veto", "pre": "Precondition",
           "other": "Other"},
}

LEVEL_ORDER = {"primary": 0, "junior": 1}
WORST_LISTED = 10
# more districts than this: rollup.html folds the full ranking into a collapsed <details> (the
# nation's 2,843 made a page of 2.8 MB you scrolled for ever); rollup.xlsx always lists them all
RANKING_SHOWN_MAX = 100


def _multi(rolled: Mapping[str, Any]) -> bool:
    """Several provinces (district codes of more than one 2-digit prefix): ranks are national."""
    return len({str(r["code"])[:2] for r in rolled["ranking"]}) > 1


def _province_names(summaries: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    names: dict[str, str] = {}
    for s in summaries:
        if s.get("province"):
            names.setdefault(str(s["code"])[:2], str(s["province"]))
    return names


def _title(words: Any, lang: str) -> str:
    return (words[1] if lang == "en" else words[0]) if isinstance(words, tuple) else str(words or "")


def _ordered_indicators(rolled: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Primary first, then junior (as the reports), each in indicator order."""
    return sorted(rolled["indicators"].items(), key=lambda kv: (LEVEL_ORDER.get(kv[0].split(".")[0], 9), kv[0]))


def _ordered_items(rolled: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Most districts not meeting it first; ties in item order (as rollup.json lists them)."""
    items = list(rolled["items"].items())
    return [kv for _, kv in sorted(enumerate(items), key=lambda ikv: (-ikv[1][1]["not_met"], ikv[0]))]


def _requirements(rolled: Mapping[str, Any]) -> Mapping[str, Mapping[str, Any]]:
    """rollup.json's ``requirements`` (most districts first); a roll-up written before it: none."""
    return rolled.get("requirements") or {}


def _over(r: Mapping[str, Any]) -> bool:
    """A ranking row's worst CV is over its limit (a roll-up written before the flag: its ratio)."""
    if "cv_over_limit" in r:
        return bool(r["cv_over_limit"])
    return numbers.is_number(r.get("worst_cv_ratio")) and r["worst_cv_ratio"] > 1


def ratio_value(r: Mapping[str, Any]) -> float | None:
    """The worst CV / limit of a ranking row as shown: 3 decimals, never across the limit (a CV
    over it reads at least 1.001, one within it at most 1.000)."""
    x = r.get("worst_cv_ratio")
    return ratio_rounded(float(x), RATIO_DECIMALS, _over(r)) if numbers.is_number(x) else None


def which_words(r: Mapping[str, Any], lang: str) -> str:
    """The requirements a district does not meet, by name (the documents' numbers beside them), in
    the why's order."""
    return HEAD["en" if lang == "en" else "zh"]["list_sep"].join(which_names(r, lang))


_DOCUMENT_NUMBER = re.compile(r"[RBGQ]\d{1,2}")


def document_number(key: str) -> str:
    """"G3" for the item g3, "R1" for r1_…: the number the documents give; "" for anything else."""
    short = key.split("_", 1)[0].upper()
    return short if _DOCUMENT_NUMBER.fullmatch(short) else ""


# The why of a district in one line: its requirements not met by part of the standard, R, G and Q
# first (most of any district's list), then the inter-school CV, social recognition, the
# precondition and the vetoes, each by its name (they have no number). The school part is
# the documents' chapter, 资源配置, as the district report heads it (the table of requirements
# says 学校达标（资源配置）: the same requirements, in a column with room for the longer words).
WHY_ORDER = ("school", "g", "q", "cv", "sr", "pre", "veto", "other")
WHY_PARTS = {"zh": {**PARTS["zh"], "school": "资源配置"}, "en": {**PARTS["en"], "school": "Resources"}}
WHY_WORDS = {"zh": {"group": "{part} {n} 项（{codes}）", "code_sep": "、"},
             "en": {"group": "{part}: {n} ({codes})", "code_sep": ", "}}
RUN_MIN = 3  # this many consecutive numbers read as a range (R1–R7); two stay apart (G8、G9)


def _code_runs(codes: list[str], sep: str) -> str:
    """"R1–R7", "G3–G5、G8、G9": the documents' numbers of one letter, runs of ``RUN_MIN`` or more
    as a range (the letter's numbers in order)."""
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        out.extend([f"{run[0]}–{run[-1]}"] if len(run) >= RUN_MIN else run)
        run.clear()

    for code in codes:
        if run and (code[0] != run[-1][0] or int(code[1:]) != int(run[-1][1:]) + 1):
            flush()
        run.append(code)
    if run:
        flush()
    return sep.join(out)


def _numbered(keys: list[str]) -> bool:
    """Every key is one the documents number (R5, G3, Q4): the part is said by count and numbers."""
    return all(_DOCUMENT_NUMBER.fullmatch(k) for k in keys)


def _by_part(r: Mapping[str, Any]) -> list[tuple[str, list[str]]]:
    """A district's requirements not met by part, in ``WHY_ORDER``; a part's numbered requirements
    by number (G3 before G12), anything else in the verdict's order."""
    by_part: dict[str, list[str]] = {}
    for key in r.get("requirements") or []:
        part = requirement_words(key)["part"]
        by_part.setdefault(part if part in WHY_ORDER else "other", []).append(key)
    out = []
    for part in WHY_ORDER:
        keys = by_part.get(part, [])
        if keys and _numbered(keys):
            keys = sorted(keys, key=lambda k: (k[0], int(k[1:])))
        if keys:
            out.append((part, keys))
    return out


def why_groups(r: Mapping[str, Any], lang: str) -> list[str]:
    """The requirements a district does not meet, one phrase a part: a numbered part as its
    count and numbers ("政府保障程度 7 项（G3–G5、G8、G9、G12、G13）"), any other requirement by its
    name ("校际差异系数", "一票否决：无重大安全责任事故")."""
    lang = "en" if lang == "en" else "zh"
    words, parts = WHY_WORDS[lang], WHY_PARTS[lang]
    out: list[str] = []
    for part, keys in _by_part(r):
        if _numbered(keys):
            out.append(words["group"].format(part=parts[part], n=numbers.count(len(keys)),
                                             codes=_code_runs(keys, words["code_sep"])))
        else:
            out += [requirement_label(k, lang, with_part=True) for k in keys]
    return out


def why_words(r: Mapping[str, Any], lang: str) -> str:
    """A district's why in one line: ``why_groups`` joined ("" when it meets every requirement)."""
    return HEAD["en" if lang == "en" else "zh"]["list_sep"].join(why_groups(r, lang))


def which_names(r: Mapping[str, Any], lang: str) -> list[str]:
    """The requirements a district does not meet by their full names, in the why's order."""
    return [requirement_label(k, lang, with_part=True) for _, keys in _by_part(r) for k in keys]


def _worst(rolled: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The last-ranked districts not meeting the standard, worst first (at most ``WORST_LISTED``)."""
    return [r for r in reversed(rolled["ranking"]) if not r["passes"]][:WORST_LISTED]


def write_rollup_json(rolled: dict[str, Any], path: Path) -> Path:
    """rollup.json by orjson (the standard library's encoder is pure Python once it indents:
    ~0.5 s of a nation's roll-up, on the main process after the workers are done)."""
    import orjson

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(orjson.dumps(rolled, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS))
    return path


def _row(ws: Any, values: list[Any], formats: Mapping[int, str] | None = None, bold: bool = False) -> int:
    """One row; ``formats``: number formats by column (0-based). Returns the row's number.

    The cells are made, then appended: looking the row up again (``ws[ws.max_row]``) scans every
    cell of the sheet, which made a nation's ranking (2,843 rows) quadratic (~8 s)."""
    cells = []
    for i, value in enumerate(values):
        cell = Cell(ws, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # a district name starting with "=" stays text, never a formula
        elif formats and i in formats and value is not None:
            cell.number_format = formats[i]
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    ws.append(cells)
    return int(ws._current_row)  # the row append just wrote (openpyxl keeps no public count of it)


COUNT, SHARE, CV3, LIMIT2, RATIO3 = "#,##0", "0.0%", "0.000", "0.00", "0.000"
RATIO_DECIMALS = 3


def _r(x: Any, decimals: int) -> Any:
    """A figure rounded as the page shows it (None stays empty)."""
    return round(float(x), decimals) if numbers.is_number(x) else None


def _share_value(k: int, n: int) -> float | None:
    return round(k / n, 3 + 6) if n else None  # the cell's format rounds it (``_share_format``)


def _share_format(k: int, n: int) -> str:
    """``SHARE`` (0.0%), or more decimals when a partial share would read 100.0% or 0.0%."""
    d = numbers.partial_decimals(100 * k / n, 1) if n else 1
    return SHARE if d == 1 else "0." + "0" * d + "%"


def _widths(ws: Any, widths: Iterable[float]) -> None:
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w


# A note's row: the text wrapped in one cell merged over the first columns, the row as tall as
# its lines (no spreadsheet grows a row for merged cells by itself). A column's width counts
# widths of "0"; a Chinese character is about two of them.
NOTE_LINE_PT = 15.0


def _text_width(text: str) -> float:
    import unicodedata

    return sum(2.1 if unicodedata.east_asian_width(c) in "WF" else 1.1 for c in text)


def _fit(ws: Any) -> None:
    """Every text wider than its column (a requirement's name, an English head, a why) wrapped,
    its row as tall as its lines, so that a cell with a neighbour is never cut off; the last
    column (the full names) runs on to the right, and a note's merged cell is already set."""
    import math

    merged = {c.coordinate for r in ws.merged_cells.ranges for row in ws.iter_rows(
        min_row=r.min_row, max_row=r.max_row, min_col=r.min_col, max_col=r.max_col) for c in row}
    last = ws.max_column
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if not isinstance(cell.value, str) or cell.coordinate in merged or cell.column == last:
                continue
            width = ws.column_dimensions[get_column_letter(cell.column)].width or 8.43
            if _text_width(cell.value) > width:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                lines = max(lines, math.ceil(_text_width(cell.value) / (width * 0.92)))
        if lines > 1:
            height = ws.row_dimensions[row[0].row].height or 0
            ws.row_dimensions[row[0].row].height = max(height, lines * NOTE_LINE_PT + 3)


def _note(ws: Any, text: str, widths: Sequence[float], columns: int, size: float | None = None) -> None:
    """``text`` as a wrapped note over the first ``columns`` columns (of ``widths``)."""
    import math

    r = _row(ws, [text])
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=columns)
    cell = ws.cell(row=r, column=1)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if size:
        cell.font = Font(size=size)
    room = sum(widths[:columns]) * 0.92  # the cell's margins, and a line never filled to its end
    lines = max(1, math.ceil(_text_width(text) / room))
    ws.row_dimensions[r].height = lines * NOTE_LINE_PT * (size or 11) / 11 + 3


def write_rollup_xlsx(rolled: dict[str, Any], path: Path, lang: str = "zh",
                      summaries: Iterable[Mapping[str, Any]] = (),
                      links: Mapping[str, Mapping[str, Any]] | None = None) -> Path:
    """The roll-up as a workbook with the page's tables and rounding: 汇总 (counts, the data and
    the rules' version, provinces, requirements not met, the districts with the most problems),
    the ranking (with each district's report file, given ``links``), the CVs, the items."""
    lang = "en" if lang == "en" else "zh"
    h, w = HEAD[lang], PAGE[lang]
    summaries = list(summaries)
    names = _province_names(summaries)
    view = rollup_view(rolled, summaries, lang)
    n, k = int(rolled["districts"]), int(rolled["passing"])
    if links and not any(x["exists"] for x in links.values()):
        links = None  # no report beside the roll-up (written elsewhere): no column of paths to nothing
    wb = Workbook()

    ws = wb.active
    ws.title = h["summary"]
    widths = [22, 14, 40, 16, 14, 14, 18, 12, 12, 14, 40, 60]
    notes = 5  # a note spans the first five columns (about 100 characters of Latin, 50 of Chinese)
    _row(ws, [w["title"]], bold=True)
    ws["A1"].font = Font(bold=True, size=14)
    _note(ws, view["scope_line"], widths, notes)
    _row(ws, [h["districts"], n], {1: COUNT})
    _row(ws, [h["passing"], k], {1: COUNT})
    _row(ws, [h["failing_districts"], n - k], {1: COUNT})
    _row(ws, [h["share"], _share_value(k, n)], {1: _share_format(k, n)})
    _row(ws, [h["median_requirements"], median_requirements(rolled)])
    vetoed = sum(1 for r in rolled["ranking"] if r.get("vetoes_applying"))
    if vetoed:  # as the page's headline: a district failing a veto must stand out to a director
        _row(ws, [h["vetoed"], vetoed], {1: COUNT})
    sep = h["sep"]
    if rolled.get("sources"):
        _row(ws, [h["data"], sep.join(rolled["sources"])])
    if rolled.get("rules"):
        _row(ws, [h["rules_version"], sep.join(r["version"] for r in rolled["rules"])])
    for note in (counting_note(lang), w["ratio_note"], w["why_note_xlsx"], view["conditions_note"],
                 view["share_note"],
                 reports_note(rolled, {c: x for c, x in (links or {}).items() if x["exists"]}, lang, workbook=True)):
        if note:
            _note(ws, note, widths, notes)
    _row(ws, [])
    _row(ws, [w["provinces"]], bold=True)
    _row(ws, [h["province"], h["province_code"], h["districts"], h["passing_head"], h["failing_head"], h["share"],
              h["median_requirements"], h["first"]], bold=True)
    for p in view["provinces"]:
        rows = p["ranked"]
        passing = sum(1 for r in rows if r["passes"])
        _row(ws, [names.get(p["prefix"], p["code"]), p["code"], len(rows), passing, len(rows) - passing,
                  _share_value(passing, len(rows)), float(median(r["requirements_not_met"] for r in rows)),
                  p["first"]], {2: COUNT, 3: COUNT, 4: COUNT, 5: _share_format(passing, len(rows))})
    _row(ws, [])
    _row(ws, [h["requirements"]], bold=True)
    _row(ws, [h["item"], h["part"], h["not_met"], h["share_of"]], bold=True)
    for req in view["requirements"]:
        e = _requirements(rolled)[req["key"]]
        # a requirement that is a part on its own (校际差异系数) is named once, not twice
        _row(ws, [req["title"], None if req["alone"] else req["part"], e["not_met"],
                  _share_value(e["not_met"], e["districts"])],
             {2: COUNT, 3: _share_format(e["not_met"], e["districts"])})
    _note(ws, w["requirements_note"], widths, notes)
    _row(ws, [])
    _row(ws, [h["worst_list"]], bold=True)
    worst = _worst(rolled)
    if worst:
        _row(ws, [view["rank_head"], h["code"], h["name"], h["province"], h["requirements_not_met"], h["findings"],
                  h["worst"], h["recognition"], h["preconditions"], h["vetoes"], h["why"], h["which_full"]], bold=True)
        for r in worst:
            conditions, rec_format = _conditions_values(r, lang)
            _row(ws, [r["rank"], r["code"], r["name"], names.get(str(r["code"])[:2], ""), r["requirements_not_met"],
                      r["findings"], ratio_value(r), *conditions, why_words(r, lang), which_words(r, lang)],
                 {0: COUNT, 4: COUNT, 5: COUNT, 6: RATIO3, 7: rec_format})
    else:
        _row(ws, [h["all_pass"]])
    ws.freeze_panes = "A2"
    _widths(ws, widths)

    # the ranking under a note on its columns (frozen with its head; a filter on the head), each
    # district with the path of its report beside the folder, a link where the file is
    ws = wb.create_sheet(h["ranking"])
    heads = [view["rank_head"], h["code"], h["name"], h["province"], h["passes"], h["requirements_not_met"],
             h["findings"], h["worst"], h["recognition"], h["preconditions"], h["vetoes"]] \
        + ([h["report_file"]] if links else []) + [h["why"], h["which_full"]]
    widths = [10, 12, 24, 14, 14, 16, 12, 18, 12, 12, 14] + ([22] if links else []) + [40, 60]
    _note(ws, f"{w['ranking_note']}{' ' if lang == 'en' else ''}{w['ranking_columns']}", widths, len(heads) - 1)
    head_row = last = _row(ws, heads, bold=True)
    for r in rolled["ranking"]:
        link = (links or {}).get(r["code"])
        conditions, rec_format = _conditions_values(r, lang)
        values = [r["rank"], r["code"], r["name"], names.get(str(r["code"])[:2], ""),
                  h["yes"] if r["passes"] else h["no"], r["requirements_not_met"], r["findings"], ratio_value(r),
                  *conditions] \
            + ([link["href"]] if link else []) + [why_words(r, lang), which_words(r, lang)]
        last = _row(ws, values, {0: COUNT, 5: COUNT, 6: COUNT, 7: RATIO3, 8: rec_format})
        if link and link["exists"]:
            cell = ws.cell(row=last, column=12)
            cell.hyperlink = link["href"]  # relative: opens beside the workbook, wherever the folder is
            cell.style = "Hyperlink"
    _widths(ws, widths[:len(heads)])
    ws.freeze_panes = f"A{head_row + 1}"
    ws.auto_filter.ref = f"A{head_row}:{get_column_letter(len(heads))}{last}"

    ws = wb.create_sheet(h["indicators"])
    _row(ws, [h["level"], h["short"], h["indicator"], h["limit"], h["districts"], h["failing"], h["min"], h["p25"],
              h["median"], h["p75"], h["max"]], bold=True)
    for key, e in _ordered_indicators(rolled):
        level, ind = key.split(".", 1)
        cv = e["cv"]
        _row(ws, [h.get(level, level), document_number(ind), e["name_en" if lang == "en" else "name_zh"],
                  _r(e["limit"], 2), e["districts"], e["failing"], *(_r(cv[q], 3) for q in QUANTILES)],
             {3: LIMIT2, 4: COUNT, 5: COUNT, 6: CV3, 7: CV3, 8: CV3, 9: CV3, 10: CV3})
    _widths(ws, (8, 10, 44, 14, 12, 16, 10, 12, 10, 12, 10))

    ws = wb.create_sheet(h["items"])
    _row(ws, [h["item"], h["title"], h["assessed"], h["not_met"], h["share_of"], h["fail"], h["evidence_missing"]],
         bold=True)
    for key, c in _ordered_items(rolled):
        _row(ws, [document_number(key), _title(ITEM_LABELS.get(key), lang), c["assessed"], c["not_met"],
                  _share_value(c["not_met"], c["assessed"]), c["fail"], c["evidence_missing"]],
             {2: COUNT, 3: COUNT, 4: _share_format(c["not_met"], c["assessed"]), 5: COUNT, 6: COUNT})
    _widths(ws, (8, 50, 12, 16, 12, 12, 16))

    for sheet in wb.worksheets[2:]:
        sheet.freeze_panes = "A2"
    for sheet in wb.worksheets:
        _fit(sheet)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


QUANTILES = ("min", "p25", "median", "p75", "max")


# -- rollup.html --------------------------------------------------------------------------------

PAGE = {
    "zh": {
        "title": "区县评估汇总", "lang": "zh-CN", "summary": "概况", "provinces": "各省汇总",
        "province": "省份", "province_code": "省级代码", "passing": "通过", "failing": "未通过",
        "card_districts": "个区县参评", "card_passing": "个通过", "card_failing": "个未通过",
        "province_line": "{code} · {n} 个区县 · {k} 个通过 · {m} 个未通过",
        "share": "通过的比例", "median_requirements": "未满足要求中位数（项）", "first": "排名最前的区县",
        "full_ranking": "区县排名（按省份分组）", "ranking_plain": "区县排名",
        "count_line": "{n} 个区县参评：{k} 个通过（占 {share}），{m} 个未通过。",
        "counting_note": "“未满足要求（项）”与“问题（处）”的计法与各区县的报告相同：只计评估结论中列出的要求及其问题，"
                         "按要求分组；各区县结果文件 report.json 另列有不影响结论的问题（如达标学校个别指标偏低），"
                         "不计入。",
        "requirements_note": "R1–R7：有学校未达到学校标准、且该校这项指标未达标的区县；"
                             "校际差异系数：至少一项差异系数超过限值的区县；"
                             "G、Q 等：该项未达标或缺少佐证材料的区县。没有区县未满足的要求列在最后。",
        "worst_note": "排名最后的 {n} 个未通过的区县，最后一名在前。",
        "card_median": "未满足要求中位数", "card_median_unit": "项",
        "why_note": "未满足的要求：按评估标准的类别写出未满足的项数与编号（资源配置 R1–R7、政府保障程度 G、"
                    "教育质量 Q），其余要求写出名称；点开“各项名称”可见每项的全称，各编号的全称也列在"
                    "“各项要求未满足的区县数”中。",
        "why_note_xlsx": "未满足的要求（按类别）：按评估标准的类别写出未满足的项数与编号（资源配置 R1–R7、"
                         "政府保障程度 G、教育质量 Q），其余要求写出名称；每项的全称见其后“未满足的要求（全称）”一列。",
        "ranking_note": "排名：通过的区县在前，其次按未满足要求的项数从少到多，再按最大差异系数与限值之比从小到大，"
                        "最后按区县代码。",
        "ratio_note": "最大差异系数/限值：各学段各项指标的差异系数除以其限值，取最大的一个。差异系数取评估判定时"
                      "与限值比较的值（按评估规则四舍五入到 3 位小数），比值保留 3 位小数：大于 1.000 即该项差异系数"
                      "超过限值，超过限值的至少显示为 1.001，未超过的至多显示为 1.000。",
        "cv_note": "差异系数的分布：参评区县的最小值、四分位数与最大值。差异系数均未超限的区县仍可能因学校达标、"
                   "G、Q 等要求未达到标准，见“各项要求未满足的区县数”。",
        "share_note": "比例保留一位小数；不足 100% 而一位小数会显示为 100.0%、或大于 0 而会显示为 0.0% 时，"
                      "保留{d}位小数（如 {example}）。",
        "items_unit": "{n} 项", "findings_unit": "{n} 处", "none": "—",
        "back": "回到各省汇总", "contents": "目录",
        "ranking_fold": "全部 {n} 个区县排名（展开）",
        "scope_provinces": "{n} 个省份", "scope_years": "{years}学年", "scope_time": "生成时间 {time}（北京时间）",
        "ranking_fold_note": "区县较多，完整排名默认折叠，点击下方展开；"
                             "完整排名也在 rollup.xlsx 的“区县排名”工作表中。",
        "scope_data": "数据：{name}", "scope_rules": "规则版本 {version}", "scope_overlays": "（另加 {names}）",
        "full_tag": "完整报告", "veto_tag": "一票否决",
        "card_veto": "个区县存在一票否决情形",
        "reports_full": "{n} 个区县有完整报告：{names}。",
        "reports_full_many": "{n} 个区县有完整报告，表中区县名称后注有“完整报告”。",
        "reports_none": "本次评估没有生成完整报告。",
        "reports_how": "点击表中的区县名称打开该区县的报告{others}（链接是相对路径，整个文件夹复制到别处后仍可打开）。",
        "reports_others_json": "；没有完整报告的区县打开其结果文件 report.json",
        "reports_others_summary": "；没有完整报告的区县打开其一页摘要 summary.html，"
                                  "写有结论、未满足的要求、差异系数与各项结论",
        "reports_others_both": "；没有完整报告的区县打开其一页摘要 summary.html，"
                               "没有摘要的打开其结果文件 report.json",
        "reports_how_xlsx": "各区县报告的路径见“区县排名”工作表的“报告文件”一列，点击即可打开{others}。",
        "reports_others_xlsx_json": "（没有完整报告的区县为其结果文件 report.json）",
        "reports_others_xlsx_summary": "（没有完整报告的区县为其一页摘要 summary.html）",
        "reports_others_xlsx_both": "（没有完整报告的区县为其一页摘要 summary.html，"
                                    "没有摘要的为其结果文件 report.json）",
        "ranking_columns": "各列：未满足要求（项）为评估结论中该区县未满足的要求数，一项要求无论涉及几所学校、几项指标"
                           "只计 1 项，通过的区县为 0 项；问题（处）为这些要求下列出的问题数，计法与各区县的报告相同；"
                           "最大差异系数/限值为比值，没有单位，大于 1.000 即有差异系数超过限值；"
                           "未满足的要求（按类别）与（全称）两列写出是哪些要求；"
                           "报告文件为该区县报告相对于本文件夹的路径"
                           "（report.html 为完整报告，summary.html 为一页摘要，report.json 为结果文件），可点击打开，"
                           "整个文件夹复制到别处后仍可打开。",
    },
    "en": {
        "title": "Roll-up of the districts assessed", "lang": "en", "summary": "Overview", "provinces": "By province",
        "province": "Province", "province_code": "Province code", "passing": "Pass",
        "failing": "Do not pass", "share": "Share passing", "median_requirements": "Median requirements not met",
        "card_districts": "districts assessed", "card_passing": "pass", "card_failing": "do not pass",
        "province_line": "{code} · {n} districts · {k} pass · {m} do not",
        "first": "First-ranked district",
        "full_ranking": "Ranking of the districts, by province", "ranking_plain": "Ranking of the districts",
        "count_line": "{n} districts assessed: {k} pass ({share} of them), {m} do not.",
        "counting_note": "Requirements not met and findings are counted as each district's report counts them: "
                         "only the requirements in the verdict and their findings, grouped by requirement; each "
                         "district's report.json also lists findings that do not affect the verdict (such as one low "
                         "indicator of a compliant school), which are not counted.",
        "requirements_note": "R1–R7: districts with a school that does not comply and is short on this indicator; "
                             "inter-school CV: districts with a CV over its limit; G, Q and others: districts failing "
                             "the item or without evidence for it. Requirements no district fails come last.",
        "worst_note": "The {n} last-ranked districts that do not pass, the last first.",
        "card_median": "Median requirements not met", "card_median_unit": "",
        "why_note": "Requirements not met: by part of the standard, how many and their numbers (Resources R1–R7, "
                    "Government guarantee G, Education quality Q); any other requirement by its name. Open "
                    "“Their names” for each in full; every number is also named under “Districts not meeting each "
                    "requirement”.",
        "why_note_xlsx": "Requirements not met, by part: how many and their numbers for each part of the standard "
                         "(Resources R1–R7, Government guarantee G, Education quality Q); any other requirement by "
                         "its name. Each in full in the next column, “Requirements not met, in full”.",
        "ranking_note": "Ranking: districts passing first, then by the number of requirements not met "
                        "(fewest first), then by the worst CV relative to its limit (smallest first), then by code.",
        "ratio_note": "Worst CV / limit: the largest ratio of an indicator's CV to its limit over both levels. "
                      "The CV is the one compared with the limit in the verdict (rounded to 3 decimals as the rules "
                      "round it); the ratio is shown to 3 decimals: over 1.000 means that CV is over its limit, a CV "
                      "over it reads at least 1.001 and one within it at most 1.000.",
        "cv_note": "The CVs over the districts assessed: minimum, quartiles and maximum. A district whose CVs are all "
                   "within their limits may still fail on schools, G or Q items: see the requirements above.",
        "share_note": "Shares are shown with one decimal; a share under 100% that would read 100.0%, or above 0 "
                      "that would read 0.0%, keeps {d} decimals (such as {example}).",
        "items_unit": "{n}", "findings_unit": "{n}", "none": "—",
        "back": "Back to the provinces", "contents": "Contents",
        "scope_provinces": "{n} provinces", "scope_years": "school year {years}",
        "scope_time": "generated {time} (Beijing time)",
        "ranking_fold": "The ranking of all {n} districts (show)",
        "ranking_fold_note": "With this many districts the full ranking is folded: open it below; it is also on the "
                             "“Ranking” sheet of rollup.xlsx.",
        "scope_data": "data: {name}", "scope_rules": "rules version {version}", "scope_overlays": " (with {names})",
        "full_tag": "full report", "veto_tag": "veto",
        "card_veto": "with a veto applying",
        "reports_full": "Full reports for {n} districts: {names}.",
        "reports_full_many": "Full reports for {n} districts, marked “full report” after their names in the tables.",
        "reports_none": "No full reports were made in this assessment.",
        "reports_how": "A district's name in the tables opens its report{others} (relative links: they still open "
                       "when the whole folder is copied elsewhere).",
        "reports_others_json": "; a district without a full report opens its result file, report.json",
        "reports_others_summary": "; a district without a full report opens its one-page summary, summary.html, with "
                                  "the verdict, the requirements not met, the CVs and each item's result",
        "reports_others_both": "; a district without a full report opens its one-page summary, summary.html, or "
                               "without one its result file, report.json",
        "reports_how_xlsx": "Each district's report is in the “Report file” column of the “Ranking” sheet, a link "
                            "to click{others}.",
        "reports_others_xlsx_json": " (a district without a full report: its result file, report.json)",
        "reports_others_xlsx_summary": " (a district without a full report: its one-page summary, summary.html)",
        "reports_others_xlsx_both": " (a district without a full report: its one-page summary, summary.html, or "
                                    "without one its result file, report.json)",
        "ranking_columns": "Columns: Requirements not met: how many requirements of the verdict the district does "
                           "not meet, each counted once however many schools or indicators fail it (0 for a district "
                           "that passes); Findings: the findings listed under them, counted as each district's "
                           "report counts them; Worst CV / limit: a ratio, no unit, over 1.000 when a CV is over its "
                           "limit; the two columns of requirements not met say which; Report file: the district's "
                           "report relative to this folder (report.html a full report, summary.html its one-page "
                           "summary, report.json its result file), a link that still opens when the whole folder "
                           "is copied elsewhere.",
    },
}


def counting_note(lang: str) -> str:
    """How requirements not met and findings are counted, in words (no keys of report.json)."""
    return PAGE["en" if lang == "en" else "zh"]["counting_note"]


def _share(k: int, n: int) -> str:
    return numbers.percent(100 * k / n, measured=True) if n else numbers.MISSING


def _shares(rolled: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Every share the page and the workbook show, as (part, whole)."""
    out = [(int(rolled["passing"]), int(rolled["districts"]))]
    by_province: dict[str, list[bool]] = {}
    for r in rolled["ranking"]:
        by_province.setdefault(str(r["code"])[:2], []).append(bool(r["passes"]))
    out += [(sum(v), len(v)) for v in by_province.values()]
    out += [(int(c["not_met"]), int(c["assessed"])) for c in rolled["items"].values()]
    out += [(int(e["not_met"]), int(e["districts"])) for e in _requirements(rolled).values()]
    return out


def share_note(rolled: Mapping[str, Any], lang: str) -> str:
    """Said once when a share keeps more decimals than one (one decimal would read it 100.0% or
    0.0%): "" when none does."""
    extra = [(numbers.partial_decimals(100 * k / n, 1), k, n) for k, n in _shares(rolled) if n]
    extra = [e for e in extra if e[0] > 1]
    if not extra:
        return ""
    d, k, n = max(extra)
    words = {2: "两", 3: "三", 4: "四", 5: "五", 6: "六"}
    return PAGE["en" if lang == "en" else "zh"]["share_note"].format(
        d=str(d) if lang == "en" else words.get(d, str(d)), example=_share(k, n))


def _why_pieces(r: Mapping[str, Any], lang: str) -> list[str]:
    """``why_words`` in pieces for the page, each part with the separator after it ("—" when the
    district meets every requirement): a line breaks between parts, not inside one."""
    groups = why_groups(r, lang) or [numbers.MISSING]
    sep = HEAD["en" if lang == "en" else "zh"]["list_sep"].rstrip()
    return [g + sep for g in groups[:-1]] + groups[-1:]


def _rank_row(r: Mapping[str, Any], h: Mapping[str, str], lang: str,
              links: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    return {"link": (links or {}).get(r["code"]),
            "rank": numbers.count(r["rank"]), "code": r["code"], "name": r["name"], "passes": bool(r["passes"]),
            "verdict": h["yes"] if r["passes"] else h["no"], "requirements": numbers.count(r["requirements_not_met"]),
            "findings": numbers.count(r["findings"]), "worst": numbers.fixed(ratio_value(r), RATIO_DECIMALS),
            "over": _over(r), "why": _why_pieces(r, lang), "names": which_names(r, lang),
            # the names are folded under the why only when it says something by number alone
            "folded_names": any(_numbered([k]) for k in r.get("requirements") or []),
            # a veto that applies fails the district whatever else it meets: it must stand out
            "veto": bool(r.get("vetoes_applying")),
            # social recognition and the preconditions, where a statistician looks for them beside
            # the other figures of the district (rollup.json has them; the page had not: walk 32)
            **_conditions_cells(r, h, lang)}


def _conditions_cells(r: Mapping[str, Any], h: Mapping[str, str], lang: str) -> dict[str, Any]:
    """A ranking row's social recognition (its rate, "—" where none was surveyed) and
    preconditions ("全部达标", "1 项未达标": short, the column beside the why is narrow), each
    with whether it falls short."""
    rec = r.get("recognition") or {}
    status = str(rec.get("status") or "")
    rate = rec.get("rate_text") or numbers.percent(rec.get("rate"), measured=True, below=rec.get("limit"))
    if rate == numbers.MISSING and status == "evidence_missing":
        rate = h["no_evidence"]
    pre = r.get("preconditions") or {}
    total, passing = pre.get("total"), pre.get("passing")
    short = total - passing if numbers.is_number(total) and numbers.is_number(passing) else None
    vetoes, veto_bad = veto_words(r, lang)
    return {"recognition": rate, "recognition_bad": status in ("fail", "evidence_missing"),
            "preconditions": (numbers.MISSING if short is None else h["preconditions_met"] if short == 0
                              else h["preconditions_not_met"].format(n=numbers.count(short))),
            "preconditions_bad": short is not None and short > 0,
            "vetoes": vetoes, "vetoes_bad": veto_bad}


def _recognition_cell(shown: str) -> tuple[Any, str]:
    """The social-recognition rate the page shows as a workbook cell and its format: the number
    ("88.9%" is 0.889 in a "0.0%" cell, never rounded up to the minimum it falls short of), or
    the page's words (no format)."""
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?%", shown)
    if m is None:
        return shown, ""
    decimals = m.group(2) or ""
    cell_format = "0" + ("." + "0" * len(decimals) if decimals else "") + "%"
    return round(float(shown[:-1]) / 100, len(decimals) + 2), cell_format


def _conditions_values(r: Mapping[str, Any], lang: str) -> tuple[list[Any], str]:
    """Social recognition, the preconditions and the vetoes of a row as rollup.html says them,
    and the recognition cell's number format."""
    cells = _conditions_cells(r, HEAD["en" if lang == "en" else "zh"], lang)
    rate, rate_format = _recognition_cell(cells["recognition"])
    return [rate, cells["preconditions"], cells["vetoes"]], rate_format


def veto_words(r: Mapping[str, Any], lang: str) -> tuple[str, bool]:
    """A ranking row's vetoes in words, and whether that is bad: "无" (every case attested
    absent), the cases that apply by name, or how many lack evidence; "—" for a summary that
    kept none. A statistician must be able to confirm from the roll-up that no veto applies."""
    h = HEAD["en" if lang == "en" else "zh"]
    applying = [str(k) for k in r.get("vetoes_applying") or []]
    counts = r.get("vetoes") or {}
    if applying:
        names = [view.veto_row({"key": k, "applies": True}, lang)["title"] for k in applying]
        return h["sep"].join(names), True
    unknown = counts.get("unknown") or 0
    if numbers.is_number(unknown) and unknown > 0:
        return h["veto_unknown"].format(n=numbers.count(unknown)), True
    return (h["veto_none"], False) if counts.get("total") else (numbers.MISSING, False)


def conditions_note(rolled: Mapping[str, Any], lang: str) -> str:
    """The note on the conditions' columns, with the social-recognition standard the districts
    were judged by (read from their summaries, never written here: a rule set may change it)."""
    h = HEAD["en" if lang == "en" else "zh"]
    limits = sorted({float(x) for r in rolled["ranking"] if numbers.is_number(x := (r.get("recognition") or {})
                                                                           .get("limit"))})
    said = h["recognition_limit"].format(limits=h["sep"].join(numbers.percent(x) for x in limits)) if limits else ""
    return h["conditions_note"].format(limit=said)


def scope_line(rolled: Mapping[str, Any], names: Mapping[str, str], lang: str,
               now: datetime | None = None) -> str:
    """What the roll-up covers, under its title: the province (or how many), the method with its
    document, the rules' version, the school year(s), the data's name and when it was made, in
    Beijing time (a paper on a director's desk says all of them)."""
    w = PAGE["en" if lang == "en" else "zh"]
    prefixes = sorted({str(r["code"])[:2] for r in rolled["ranking"]})
    place = (names.get(prefixes[0], prefixes[0] + "0000") if len(prefixes) == 1
             else w["scope_provinces"].format(n=numbers.count(len(prefixes))))
    parts = [place] if prefixes else []
    for m in rolled.get("methods") or []:  # the method, as the district reports name it
        title = m.get("title_en" if lang == "en" else "title_zh") or m.get("key", "")
        parts.append(f"{title}（{m['document']}）" if m.get("document") and lang != "en"
                     else f"{title} ({m['document']})" if m.get("document") else title)
    sep = "、" if lang != "en" else ", "
    versions = [w["scope_rules"].format(version=r["version"])
                + (w["scope_overlays"].format(names=sep.join(r["overlays"])) if r.get("overlays") else "")
                for r in rolled.get("rules") or [] if r.get("version")]
    if versions:  # the method's title says which rules; their version says which edition of them
        parts.append(sep.join(versions))
    years = rolled.get("school_years") or []
    if years:
        parts.append(w["scope_years"].format(years=sep.join(years)))
    if rolled.get("sources"):  # the data's own name (a folder or file), never where it lay on the server
        parts.append(w["scope_data"].format(name=sep.join(rolled["sources"])))
    stamp = (now or datetime.now(UTC)).isoformat()
    parts.append(w["scope_time"].format(time=numbers.local_time(stamp)))
    return " · ".join(parts)


# a district's full report, in the order a reader prefers to open it; without one, its one-page
# summary (``district_card``), or its report.json when the run wrote no summary
FULL_FILES = ("report.html", "report.pdf", "report.xlsx")
SUMMARY_FILE = "summary.html"
NAMED_FULL_MAX = 10  # more districts with full reports than this: counted, not listed


def report_links(codes: Iterable[str], out: Path,
                 full_reports: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """Each district's report as a link relative to the roll-up's folder ``out``: ``href``
    ("500101/report.html"), ``full`` (a full report), ``summary`` (no full report: its one-page
    summary.html, where the run wrote one; else its report.json) and ``exists``.
    ``full_reports``: the districts the run wrote full reports for (a report.html left in the
    folder by an earlier run is not this run's); None: any full report found in the folder."""
    chosen = None if full_reports is None else {str(c) for c in full_reports}
    links = {}
    for code in map(str, codes):
        folder = out / code
        full = (next((f for f in FULL_FILES if (folder / f).is_file()), None)
                if chosen is None or code in chosen else None)
        summary = full is None and (folder / SUMMARY_FILE).is_file()
        name = full or (SUMMARY_FILE if summary else "report.json")
        links[code] = {"href": f"{quote(code)}/{name}", "full": full is not None, "summary": summary,
                       "exists": (folder / name).is_file()}
    return links


def reports_note(rolled: Mapping[str, Any], links: Mapping[str, Mapping[str, Any]], lang: str,
                 workbook: bool = False) -> str:
    """Which districts have full reports, and what a district's name in the tables opens (in the
    workbook: where their links are); "" when nothing links to a report."""
    if not links:
        return ""
    w = PAGE["en" if lang == "en" else "zh"]
    full = [r for r in rolled["ranking"] if links.get(r["code"], {}).get("full")]
    if not full:
        said = w["reports_none"]
    elif len(full) > NAMED_FULL_MAX:
        said = w["reports_full_many"].format(n=numbers.count(len(full)))
    else:
        said = w["reports_full"].format(n=numbers.count(len(full)), names=HEAD["en" if lang == "en" else "zh"][
            "sep"].join(f"{r['name']}（{r['code']}）" if lang != "en" else f"{r['name']} ({r['code']})" for r in full))
    # what the name of a district without a full report opens: its summary.html, its report.json, or
    # (a run interrupted between the two) either
    others = {"summary" if link.get("summary") else "json" for link in links.values() if not link["full"]}
    kind = "" if not others else "_summary" if others == {"summary"} else "_json" if others == {"json"} else "_both"
    how = "reports_how_xlsx" if workbook else "reports_how"
    return said + (" " if lang == "en" else "") + w[how].format(
        others=w[("reports_others_xlsx" if workbook else "reports_others") + kind] if kind else "")


def median_requirements(rolled: Mapping[str, Any]) -> float | None:
    """The median number of requirements not met over every district (passing ones count 0), as
    the workbook's 汇总 and its table of provinces give it; None without districts."""
    counts = [r["requirements_not_met"] for r in rolled["ranking"]]
    return float(median(counts)) if counts else None


def rollup_view(rolled: Mapping[str, Any], summaries: Iterable[Mapping[str, Any]] = (),
                lang: str = "zh", links: Mapping[str, Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """What ``rollup.html`` shows, every figure already written as the reports write it;
    ``links`` (``report_links``): each district's name links to its report, where the file is."""
    lang = "en" if lang == "en" else "zh"
    links = {code: link for code, link in (links or {}).items() if link["exists"]}
    h, w = HEAD[lang], PAGE[lang]
    names = _province_names(summaries)
    by_province: dict[str, list[Mapping[str, Any]]] = {}
    for r in rolled["ranking"]:
        by_province.setdefault(str(r["code"])[:2], []).append(r)
    provinces = []
    for prefix in sorted(by_province):
        rows = by_province[prefix]
        k = sum(1 for r in rows if r["passes"])
        provinces.append({
            "prefix": prefix, "code": prefix + "0000", "name": names.get(prefix, prefix + "0000"),
            "districts": numbers.count(len(rows)), "passing": numbers.count(k), "failing": numbers.count(len(rows) - k),
            "share": _share(k, len(rows)),
            "median_requirements": numbers.any_figure(float(median(r["requirements_not_met"] for r in rows))),
            "first": (f"{rows[0]['name']}（{rows[0]['code']}）" if lang == "zh"
                      else f"{rows[0]['name']} ({rows[0]['code']})"),
            "rows": [_rank_row(r, h, lang, links) for r in rows], "ranked": rows,
        })
    indicators = []
    for key, e in _ordered_indicators(rolled):
        level = key.split(".", 1)[0]
        cv = e["cv"]
        indicators.append({"level": h.get(level, level), "short": document_number(key.split(".", 1)[1]),
                           "name": e["name_en" if lang == "en" else "name_zh"], "limit": numbers.cv_limit(e["limit"]),
                           "districts": numbers.count(e["districts"]), "failing": numbers.count(e["failing"]),
                           "cv": [numbers.cv(cv[q]) for q in QUANTILES]})
    items = []
    for key, c in _ordered_items(rolled):
        items.append({"key": document_number(key), "title": _title(ITEM_LABELS.get(key), lang),
                      "assessed": numbers.count(c["assessed"]), "not_met": numbers.count(c["not_met"]),
                      "share": _share(c["not_met"], c["assessed"]), "fail": numbers.count(c["fail"]),
                      "evidence_missing": numbers.count(c["evidence_missing"]), "any": c["not_met"] > 0})
    requirements = [{"key": key, "part": PARTS[lang].get(e.get("part", "other"), PARTS[lang]["other"]),
                     "title": requirement_label(key, lang, e), "not_met": numbers.count(e["not_met"]),
                     "share": _share(e["not_met"], e["districts"]), "any": e["not_met"] > 0}
                    for key, e in _requirements(rolled).items()]
    for req in requirements:  # a part on its own ("校际差异系数 | 校际差异系数"): its name once
        req["alone"] = req["title"] == req["part"]
    worst = [_rank_row(r, h, lang, links) | {"province": names.get(str(r["code"])[:2], str(r["code"])[:2] + "0000")}
             for r in _worst(rolled)]
    n, k = int(rolled["districts"]), int(rolled["passing"])
    multi = _multi(rolled)
    return {"lang": w["lang"], "h": h, "w": w, "scope_line": scope_line(rolled, names, lang),
            "quantile_heads": [h[q] for q in QUANTILES], "provinces": provinces, "indicators": indicators,
            "item_rows": items,
            "requirements": requirements, "worst": worst, "multi": multi,
            "worst_note": w["worst_note"].format(n=len(worst)),
            "counting_note": counting_note(lang), "share_note": share_note(rolled, lang),
            "conditions_note": conditions_note(rolled, lang),
            "reports_note": reports_note(rolled, links, lang),
            "rank_head": h["national_rank"] if multi else h["rank"],
            "ranking_title": w["full_ranking"] if multi else w["ranking_plain"],
            "count_line": w["count_line"].format(n=numbers.count(n), k=numbers.count(k), m=numbers.count(n - k),
                                                 share=_share(k, n)),
            "districts": numbers.count(n), "passing": numbers.count(k), "failing": numbers.count(n - k),
            "vetoed": numbers.count(sum(1 for r in rolled["ranking"] if r.get("vetoes_applying"))),
            "any_vetoed": any(r.get("vetoes_applying") for r in rolled["ranking"]),
            "median_requirements": numbers.any_figure(median_requirements(rolled)),
            "folded": len(rolled["ranking"]) > RANKING_SHOWN_MAX,
            "ranking_fold": w["ranking_fold"].format(n=numbers.count(len(rolled["ranking"])))}


def render_rollup_html(rolled: Mapping[str, Any], summaries: Iterable[Mapping[str, Any]] = (),
                       lang: str = "zh", links: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """The roll-up as one self-contained page (province names from the district summaries, when
    given; each district's name a link to its report, when ``links`` are)."""
    from youjun.report.htmlpage import environment

    return environment().get_template("rollup.html.j2").render(v=rollup_view(rolled, summaries, lang, links))


def write_rollup_html(rolled: Mapping[str, Any], path: Path, lang: str = "zh",
                      summaries: Iterable[Mapping[str, Any]] = (),
                      links: Mapping[str, Mapping[str, Any]] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_rollup_html(rolled, summaries, lang, links), encoding="utf-8")
    return path


def write_rollup_files(rolled: dict[str, Any], summaries: Iterable[Mapping[str, Any]], out: Path,
                       lang: str = "zh", full_reports: Iterable[str] | None = None) -> dict[str, Path]:
    """``rollup.json``, ``rollup.xlsx`` and ``rollup.html`` of a roll-up into ``out``, beside the
    districts' folders (``out/<code>/report.*``), each district linked to its report;
    ``full_reports``: the districts this run wrote full reports for (None: those found)."""
    summaries = list(summaries)
    links = report_links((r["code"] for r in rolled["ranking"]), out, full_reports)
    return {"json": write_rollup_json(rolled, out / "rollup.json"),
            "xlsx": write_rollup_xlsx(rolled, out / "rollup.xlsx", lang, summaries, links),
            "html": write_rollup_html(rolled, out / "rollup.html", lang, summaries, links)}
