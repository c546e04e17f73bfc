"""The rectification list as a workbook (xlsx) and as a printable HTML page.

One line per finding, grouped by school (the school's name, town and levels repeated on each
line, so that a bureau can sort and filter in Excel); amounts are number cells, texts go
through the one formula-safe cell writer. The web platform passes the office and deadline the
bureau has set (``assignments``: finding key → {"office", "deadline"}); the CLI leaves them blank.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from html import escape
from pathlib import Path
from typing import Any

import xlsxwriter

from youjun.core.cells import write_cell
from youjun.core.requirements import shown_code
from youjun.report.messages import DISTRICT_WIDE, around_links, label
from youjun.report.rectification import LEVEL_NAMES, summary_lines

Obj = Mapping[str, Any]
HEADERS = {  # the district's own findings come first, under its code and name (walk 41)
    "zh": ("学校标识码/区县代码", "学校/区县", "镇街", "学段", "要件", "要件内容", "问题与差距", "差距数量",
           "单位", "责任科室", "整改期限"),
    "en": ("School or district code", "School or district", "Town", "Levels", "Requirement",
           "What it requires", "Finding and gap", "Gap", "Unit", "Responsible office", "Deadline"),
}
# The advice lists schools only (no district row) and no assignment.
ADVICE_HEADERS = {"zh": ("学校标识码", "学校名称", *HEADERS["zh"][2:9]),
                  "en": ("School code", "School", *HEADERS["en"][2:9])}
TITLE = {"zh": "{name}（{code}）{year} 学年义务教育优质均衡整改清单",
         "en": "{name} ({code}) {year}: rectification list"}
DISTRICT_ROW = {"zh": DISTRICT_WIDE[0], "en": "District-wide"}  # as the report and the summary say it
# The shortfalls passing sections may keep (not rectification): their own sheet and table.
ADVICE_SHEET = {"zh": "提示（建议改进）", "en": "Advice"}
ADVICE_TITLE = {"zh": "提示与建议改进：达标学段中低于标准但在允许范围内的指标（不计入整改）",
                "en": "Advice: indicators of passing school sections below the standard but within "
                      "the tolerance (not counted as rectification)"}
WIDTHS = (15, 26, 12, 10, 8, 30, 60, 10, 8, 16, 12)


def level_names(levels: list[str], lang: str) -> str:
    names = [LEVEL_NAMES.get(lv, (lv, lv))[0 if lang == "zh" else 1] for lv in levels if lv]
    return "、".join(names) if lang == "zh" else ", ".join(names)


def lines(rect: Obj, lang: str, assignments: Mapping[str, Mapping[str, Any]] | None = None,
          rows: Sequence[Obj] | None = None, with_district: bool = True) -> list[list[Any]]:
    """The table's lines (one per finding) as typed values, district findings first; after the
    columns, the decimals the gap amount is shown with (not a column).
    ``rows``: the rows to write (default: what must be rectified, ``rect["rows"]``)."""
    assignments = assignments or {}
    d = rect["district"]
    out: list[list[Any]] = []

    def line(code: Any, name: Any, town: Any, levels: str, e: Obj) -> list[Any]:
        a = assignments.get(e["key"]) or {}
        deadline = a.get("deadline")
        key = str(e.get("requirement") or "")
        shown = shown_code(key, lang) if key.startswith("veto_") else e["label"]  # 否决2, not VETO
        return [code, name, town, levels, shown, e["title_zh" if lang == "zh" else "title_en"],
                e["gap_zh" if lang == "zh" else "gap_en"], e.get("amount"),
                e["unit_zh" if lang == "zh" else "unit_en"], a.get("office") or None,
                str(deadline) if deadline else None, e.get("decimals", 0)]

    if with_district:
        for e in rect.get("district_entries") or []:
            name = (f"{d.get('name')}（{DISTRICT_ROW[lang]}）" if lang == "zh"
                    else f"{d.get('name')} ({DISTRICT_ROW[lang]})")
            out.append(line(d.get("code"), name, None, "", e))
    for row in rows if rows is not None else rect["rows"]:
        for e in row["entries"]:
            # the finding's own section when it has one (a junior-only gap is not "小学、初中"),
            # so a filter on 学段 in the workbook keeps it in its section
            own = [str(e["level"])] if e.get("level") else list(row.get("levels") or [])
            out.append(line(row["code"], row.get("name"), row.get("town"), level_names(own, lang), e))
    return out


def render_rectification_xlsx(rect: Obj, path: str | Path | Any, lang: str = "zh",
                              assignments: Mapping[str, Mapping[str, Any]] | None = None,
                              rows: Sequence[Obj] | None = None, with_district: bool = True,
                              advice_rows: Sequence[Obj] | None = None, note: str = "") -> None:
    """Write the list to ``path`` (a file name or a binary stream): the first sheet what must be
    rectified, the second the advice (tolerated shortfalls of passing sections, not counted).
    ``note``: said after the headline (the filter applied and the size of the filtered list)."""
    book = xlsxwriter.Workbook(path if not isinstance(path, Path) else str(path), {"in_memory": True})
    base = {"font_name": "Microsoft YaHei", "font_size": 10, "valign": "top"}
    formats = {
        "head": book.add_format({**base, "bold": True, "bg_color": "#EEF1F5", "border": 1, "text_wrap": True}),
        "title": book.add_format({**base, "bold": True, "font_size": 14}),
        "text": book.add_format({**base, "text_wrap": True}),
        **{f"number{d}": book.add_format({**base, "num_format": "#,##0" + ("." + "0" * d if d else "")})
           for d in range(4)},
    }
    d = rect["district"]
    head, tips = summary_lines(rect, lang)
    title = TITLE[lang].format(name=d.get("name"), code=d.get("code"), year=d.get("school_year"))
    _sheet(book, "整改清单" if lang == "zh" else "Rectification", title, f"{head} {note}".strip(),
           lines(rect, lang, assignments, rows, with_district), lang, formats)
    advice = list(rect.get("advice_rows") or []) if advice_rows is None else list(advice_rows)
    _sheet(book, ADVICE_SHEET[lang], ADVICE_TITLE[lang], tips,
           lines(rect, lang, None, advice, with_district=False), lang, formats, headers=ADVICE_HEADERS[lang])
    book.close()


def _sheet(book: Any, name: str, title: str, summary: str, body: list[list[Any]], lang: str,
           formats: Mapping[str, Any], headers: Sequence[str] | None = None) -> None:
    headers = headers or HEADERS[lang]
    ws = book.add_worksheet(name)
    write_cell(ws, 0, 0, title, formats["title"])
    write_cell(ws, 1, 0, summary, None)
    for col, (head, width) in enumerate(zip(headers, WIDTHS, strict=False)):
        write_cell(ws, 2, col, head, formats["head"])
        ws.set_column(col, col, width)
    for i, values in enumerate(body, start=3):
        number = formats[f"number{min(max(int(values[-1]), 0), 3)}"]  # the gap's own decimals
        for col, v in enumerate(values[:len(headers)]):
            write_cell(ws, i, col, v, number if col == 7 else formats["text"])
    ws.freeze_panes(3, 2)
    ws.autofilter(2, 0, 2 + len(body), len(headers) - 1)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(2)


CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5em;color:#222}
table{border-collapse:collapse;width:100%;font-size:10.5pt}th,td{border:1px solid #bbb;padding:3px 6px;
vertical-align:top;text-align:left}th{background:#eef1f5}td.num{text-align:right}
tr.school td{border-top:2px solid #555}
.town,.level,.req,.amount,.unit{white-space:nowrap}.name{min-width:8em}.office,.deadline{min-width:6em}
@page{size:A4 landscape;margin:12mm}
@media screen{.scroll{overflow-x:auto}}
nav.around{margin:0 0 .6em;color:#555}nav.around a{color:#1f4e79}
@media print{body{margin:0}tr{break-inside:avoid}thead{display:table-header-group}nav.around{display:none}}"""


# a class per column: short ones (town, level, unit…) never wrap a character a line
COLUMN_CLASSES = ("code", "name", "town", "level", "req", "title", "gap", "amount num", "unit", "office", "deadline")

# A phone (screen narrower than 46 rem): each finding a card, the school's code and name its
# heading, every other cell after its column's head in a gutter on the left (the heads come from
# HEADERS in the page's language, so the markup stays the printed table's). Print is untouched.
PHONE_CSS = """@media screen and (max-width:46rem){body{margin:.8em}
table,tbody,tr,td{display:block}thead{display:none}
tr{border:1px solid #bbb;border-radius:4px;margin:0 0 .5em;padding:.3em .5em}tr.school{margin-top:1em}
td,tr.school td{border:none;padding:.1em 0}
td.code,td.name{display:inline;font-weight:bold}td.code{margin-right:.4em}
td:not(.code):not(.name){display:flow-root;padding-left:5.6rem;text-align:left}
td:not(.code):not(.name):empty{display:none}
td:not(.code):not(.name)::before{float:left;width:5.2rem;margin-left:-5.6rem;color:#666;font-size:.85em;line-height:1.6}
%s}"""


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _phone_css(lang: str) -> str:
    """The phone's cards, each cell after its column's head."""
    return PHONE_CSS % "".join(f"td.{cls.split()[0]}::before{{content:{_css_string(head)}}}"
                               for cls, head in zip(COLUMN_CLASSES[2:], HEADERS[lang][2:], strict=True))


def _html_table(body_lines: list[list[Any]], headers: Sequence[str]) -> str:
    head = "".join(f'<th class="{COLUMN_CLASSES[i]}">{escape(h)}</th>' for i, h in enumerate(headers))
    body = []
    previous = None
    for values in body_lines:
        cls = ' class="school"' if values[0] != previous else ""
        previous = values[0]
        cells = []
        for col, v in enumerate(values[:len(headers)]):
            shown = ("" if v is None else f"{v:,.{values[-1]}f}" if col == 7 and isinstance(v, int | float)
                     else str(v))
            cells.append(f'<td class="{COLUMN_CLASSES[col]}">{escape(shown)}</td>')
        body.append(f"<tr{cls}>{''.join(cells)}</tr>")
    # a screen narrower than the table (a tablet) scrolls it in its own box, not the page
    return f'<div class="scroll"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'


def _around(files: Collection[str], lang: str) -> str:
    """The links to the district's other pages (its summary, the run's roll-up, its report) when
    a run of many districts wrote them; '' otherwise. Not printed."""
    links = around_links(files, lang, "rectification.html")
    if not links:
        return ""
    shown = " · ".join(f'<a href="{escape(href)}">{escape(words)}</a>' for href, words in links)
    return f'<nav class="around" id="around">{escape(label("around", lang))}{shown}</nav>'


def render_rectification_html(rect: Obj, lang: str = "zh", files: Collection[str] = ()) -> str:
    """A self-contained page of the list, made to be printed (A4 landscape, header on each page):
    what must be rectified, then the advice (tolerated shortfalls of passing sections) apart.
    ``files``: the district's pages written around it (``around_links``), linked at its top."""
    d = rect["district"]
    title = escape(TITLE[lang].format(name=d.get("name"), code=d.get("code"), year=d.get("school_year")))
    head, tips = summary_lines(rect, lang)
    advice = list(rect.get("advice_rows") or [])
    advice_html = (f'<h2 id="advice">{escape(ADVICE_TITLE[lang])}</h2><p>{escape(tips)}</p>'
                   + _html_table(lines(rect, lang, None, advice, with_district=False), ADVICE_HEADERS[lang])
                   if advice else "")
    return (f'<!doctype html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title><style>{CSS}\n{_phone_css(lang)}</style></head>"
            f"<body>{_around(files, lang)}<h1>{title}</h1><p>{escape(head)}</p>"
            f"{_html_table(lines(rect, lang), HEADERS[lang])}{advice_html}</body></html>\n")
