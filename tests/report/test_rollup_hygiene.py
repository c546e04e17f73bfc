"""The roll-up files (rollup.html, every cell of rollup.xlsx, the labels of rollup.json) under
the project's page-hygiene rules (tests/web/hygiene.py: no "None"/"nan", no Python reprs, no
identifiers, no English on the Chinese page, no Chinese on the English one, at most 3 decimals),
written by a real ``youjun assess`` over several generated districts, in both languages.

Beyond the shared rules, which let a short upper-case word pass (R1, CV) and hide what is in
``<kbd>``, the roll-up is read for what a statistician found on it:

- no key of the rules or of report.json on the Chinese page: no upper-case identifier
  (VETO_STAFFING), no bare requirement key (CV, PRE, SR), no JSON path (verdict.findings) —
  ``<kbd>`` included, since nothing on this page is typed;
- a requirement's number (R5, G3, Q4) only beside its name, never alone in a sentence or a list —
  but in a district's why ("政府保障程度 3 项（G3–G5）"), where each number said is named in full
  beside it: in the list folded under it on the page, in the next cell of the workbook;
- units on numbers: a whole number in a sentence says what it counts (6 个区县, 12 项, 83 处,
  50.0%); a number alone in a table cell has its unit or what it counts in its column's head.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.web import hygiene
from youjun.cli.main import main

# an upper-case identifier (VETO_STAFFING), a bare requirement key, a dotted key of report.json
UPPER_IDENTIFIER = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w-])")
BARE_KEY = re.compile(r"(?<![\w-])(?:CV|PRE|SR)(?![\w-])")
JSON_PATH = re.compile(r"(?<![\w./])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w/])")
FILE_NAME = re.compile(r"\.(?:json|html|xlsx|csv|pdf|zip|yaml|parquet|duckdb)$")
DOCUMENT_NUMBER = re.compile(r"(?<![\w-])[RBGQ]\d{1,2}(?![\w-])")

# what a whole number in a Chinese sentence may count (measure words and units)
ZH_UNITS = ("个", "项", "处", "所", "名", "人", "位", "年", "%", "倍", "元", "平方米", "间", "学时")
NUMBER = re.compile(r"(?<![\w.,–-])\d[\d,]*(?:\.(\d+))?(?![\w.,%–-])")
CODE = re.compile(r"^\d{6,}$")
# a column head that says what its bare numbers count or measure
ZH_HEAD_UNIT = re.compile(r"数|名次|（项）|（处）|比例|占|限值|值|系数")
EN_HEAD_UNIT = re.compile(r"(?i)districts|rank|requirements|findings|share|limit|min|max|median|percentile")


def key_problems(text: str) -> list[str]:
    """The keys a Chinese text must not show (see the module's docstring)."""
    out = [f"upper-case identifier: {m.group(0)!r}" for m in UPPER_IDENTIFIER.finditer(text)]
    out += [f"bare requirement key: {m.group(0)!r}" for m in BARE_KEY.finditer(text)]
    out += [f"JSON path: {m.group(0)!r}" for m in JSON_PATH.finditer(text) if not FILE_NAME.search(m.group(0))]
    for m in DOCUMENT_NUMBER.finditer(text):
        in_range = text[m.end():m.end() + 1] == "–" or text[max(0, m.start() - 1):m.start()] == "–"  # R1–R7
        if not in_range and not re.match(r"\s?[\u3400-\u9fff]", text[m.end():m.end() + 2]):
            out.append(f"number without its name: {m.group(0)!r} in …{text[max(0, m.start() - 20):m.end() + 20]}…")
    return out


# a part of a district's why said by count and numbers
WHY_PART = re.compile(r" \d[\d,]* 项（[RBGQ]\d")
# "G3–G5" (a range of numbers) or "G9"
SAID_NUMBER = re.compile(r"(?<![\w-])([RBGQ])(\d{1,2})(?:–\1(\d{1,2}))?(?![\w-])")


def said_numbers(m: re.Match[str]) -> list[str]:
    """The numbers one ``SAID_NUMBER`` match says: "G3–G5" is G3, G4, G5."""
    return [f"{m.group(1)}{i}" for i in range(int(m.group(2)), int(m.group(3) or m.group(2)) + 1)]


def named_in(names: str) -> set[str]:
    """The numbers a text names: each followed by its (Chinese or English) name."""
    return set(re.findall(r"(?<![\w-])([RBGQ]\d{1,2}) (?=[\u3400-\u9fffA-Z])", names))


def without_named_numbers(text: str, names: str, unnamed: list[str] | None = None) -> str:
    """``text`` without the numbers ``names`` names in full; a number or range any of whose numbers
    is not named stays (for ``key_problems``) and, a range included, goes into ``unnamed``."""
    named = named_in(names)

    def cut(m: re.Match[str]) -> str:
        if set(said_numbers(m)) <= named:
            return ""
        if unnamed is not None:
            unnamed.append(f"a why's number not named beside it: {m.group(0)!r} — …{text[:60]}…")
        return m.group(0)

    return SAID_NUMBER.sub(cut, text)


def why_named(page: str) -> tuple[str, list[str]]:
    """The page with each district's why stripped of the numbers named in the list folded under
    it (what is left goes through every check as the rest of the page), and each number or range
    said in a why without its names."""
    unnamed: list[str] = []

    def strip(cell: re.Match[str]) -> str:
        why, names = cell.group(1), cell.group(2) or ""
        return f'<span class="why">{without_named_numbers(why, names, unnamed)}</span>{names}'

    page = re.sub(r'<span class="why">(.*?)</span>(?=<details|</td>)(<details class="names">.*?</details>)?',
                  strip, page, flags=re.S)
    return page, unnamed


DATE_TIME = re.compile(r"\b\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2})?")
ISSUE_NUMBER = re.compile(r"〔\d{4}〕\d+号")  # a document's issue number (教督〔2017〕6号) counts nothing


def unitless_in_sentences(lines: Iterable[str]) -> list[str]:
    """Whole numbers in Chinese sentences that do not say what they count. A line that is one
    number is a table cell (its head says it: ``unitless_cells``); codes (six digits or more),
    the documents' numbers (R1–R7) and figures with decimals (CVs, ratios, limits: no unit, as the
    documents write them) are not counts."""
    out = []
    for line in lines:
        line = ISSUE_NUMBER.sub("", DATE_TIME.sub("", line))  # a date, a time, a document's issue number
        if NUMBER.fullmatch(line.strip()) or CODE.match(line.strip()):
            continue
        for m in NUMBER.finditer(line):
            if m.group(1) or CODE.match(m.group(0).replace(",", "")):
                continue
            after = line[m.end():].lstrip()
            if not after.startswith(ZH_UNITS):
                out.append(f"number without unit: {m.group(0)!r} in …{line[max(0, m.start() - 20):m.end() + 20]}…")
    return out


def unitless_cells(page: str, lang: str) -> list[str]:
    """Table cells holding a bare number under a head that does not say what it counts."""
    heads_say = ZH_HEAD_UNIT if lang == "zh" else EN_HEAD_UNIT
    out = []
    for table in re.findall(r"<table\b.*?</table>", page, re.S):
        heads = [hygiene.shown_text(h).strip() for h in re.findall(r"<th\b[^>]*>(.*?)</th>", table, re.S)]
        for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", table.split("<tbody>", 1)[-1], re.S):
            # a cell spanning columns (colspan) stands under the first of them: the heads follow it
            placed, column = [], 0
            for attrs, cell in re.findall(r"<td\b([^>]*)>(.*?)</td>", row, re.S):
                placed.append((heads[column] if column < len(heads) else "", cell))
                span = re.search(r'colspan="(\d+)"', attrs)
                column += int(span.group(1)) if span else 1
            for head, cell in placed:
                shown = hygiene.shown_text(cell).strip()
                if NUMBER.fullmatch(shown) and not CODE.match(shown) and not heads_say.search(head):
                    out.append(f"bare number {shown!r} under {head!r}")
    return out


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A real multi-district ``youjun assess`` (the roll-up and each district's report.json), per language."""
    root = tmp_path_factory.mktemp("rollup-hygiene")
    data = root / "m3"
    assert main(["sample", "M", "--districts", "3", "--scale", "0.12", "--out", str(data)]) == 0
    out = {}
    for lang in ("zh", "en"):
        out[lang] = root / f"out-{lang}"
        assert main(["assess", str(data), "--out", str(out[lang]), "--lang", lang, "--formats", "json"]) == 0
    return out


def proper_names(out: Path) -> set[str]:
    """The districts' and provinces' names (the data's own words, shown as they are)."""
    names: set[str] = set()
    for report in out.glob("*/report.json"):
        district = json.loads(report.read_text(encoding="utf-8"))["district"]
        names |= {str(district.get(k)) for k in ("name", "province") if district.get(k)}
    return names


def _read(out: Path) -> tuple[str, bytes, Any]:
    return ((out / "rollup.html").read_text(encoding="utf-8"), (out / "rollup.xlsx").read_bytes(),
            json.loads((out / "rollup.json").read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rollup_html_reads_clean(assessed: dict[str, Path], lang: str) -> None:
    page, _, rolled = _read(assessed[lang])
    names = proper_names(assessed[lang])
    assert rolled["districts"] == 3 and len(names) >= 4
    text = hygiene.shown_text(page)
    found = hygiene.problems(text, lang, names)
    found += unitless_cells(page, lang)
    if lang == "zh":
        # nothing on this page is typed: what is in <kbd> is read as the rest of the text
        stripped, unnamed = why_named(page)
        found += unnamed + key_problems(hygiene.shown_text(stripped.replace("<kbd", "<span")
                                                           .replace("</kbd>", "</span>")))
        found += unitless_in_sentences(hygiene._without_words(text, names).splitlines())
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_rollup_xlsx_cell_reads_clean(assessed: dict[str, Path], lang: str) -> None:
    _, workbook, _ = _read(assessed[lang])
    names = proper_names(assessed[lang])
    found = []
    cells = list(hygiene.xlsx_cells(workbook))
    assert len(cells) > 100
    # the text of the cell to the right of each (a district's why: its numbers named in full there)
    right_of: dict[str, str] = {}
    for ws in load_workbook(io.BytesIO(workbook)).worksheets:
        for row in ws.iter_rows():
            for cell, right in itertools.pairwise(row):
                if isinstance(right.value, str):
                    right_of[f"{ws.title}!{cell.coordinate}"] = right.value
    for where, text in cells:
        if text.startswith("<number as text>"):
            found.append(f"{where}: number stored as text: {text}")
            continue
        found += [f"{where}: {p}" for p in hygiene.problems(text, lang, names)]
        if lang == "zh" and not DOCUMENT_NUMBER.fullmatch(text):  # a code column: its name beside (below)
            # a district's why ("政府保障程度 3 项（G3–G5）") names its numbers in the next cell, ranges
            # included; any other text is checked as it stands
            unnamed: list[str] = []
            left = without_named_numbers(text, right_of.get(where, ""), unnamed) if WHY_PART.search(text) else text
            found += [f"{where}: {p}" for p in key_problems(left) + unnamed]
    # a cell holding only a requirement's number (R5, G3) has the name in the next cell
    for ws in load_workbook(io.BytesIO(workbook), read_only=True).worksheets:
        for row in ws.iter_rows(values_only=True):
            for i, v in enumerate(row):
                if isinstance(v, str) and DOCUMENT_NUMBER.fullmatch(v):
                    beside = row[i + 1] if i + 1 < len(row) else None
                    if not (isinstance(beside, str) and beside.strip()
                            and (lang == "en" or hygiene.CJK.search(beside))):
                        found.append(f"{ws.title}: {v} without its name beside it ({beside!r})")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rollup_json_labels_read_clean(assessed: dict[str, Path], lang: str) -> None:
    _, _, rolled = _read(assessed[lang])
    found = []
    for where, label_lang, text in hygiene.json_labels(rolled):
        said = lang if label_lang == "?" else label_lang
        found += [f"{where}: {p}" for p in hygiene.problems(text, said)]
        if said == "zh":
            found += [f"{where}: {p}" for p in key_problems(text)]
    assert not found, "\n".join(found)


def test_the_rules_catch_what_the_statistician_found() -> None:
    """The checks above would have caught the roll-up as it was (keys and JSON paths on the
    Chinese page, bare keys in the lists, counts in sentences without their unit)."""
    old_note = ("<p>“未满足要求（项）”的计法：只计评估结论中列出的要求（report.json 中的 <kbd>verdict.findings</kbd>"
                "，按要求分组）。</p>")
    assert key_problems(hygiene.shown_text(old_note.replace("<kbd", "<span").replace("</kbd>", "</span>"))) == [
        "JSON path: 'verdict.findings'"]
    listed = key_problems("R2、G3、VETO_STAFFING、PRE、CV")
    assert listed[:3] == ["upper-case identifier: 'VETO_STAFFING'", "bare requirement key: 'PRE'",
                          "bare requirement key: 'CV'"]
    assert [p.split(" in ")[0] for p in listed[3:]] == ["number without its name: 'R2'",
                                                          "number without its name: 'G3'"]
    assert key_problems("R5 生均体育运动场馆面积；G3 按班级数配备音乐、美术专用教室；R1–R7：有学校未达标") == []
    assert unitless_in_sentences(["重庆市 500000 · 6 个区县 · 达到标准 0 · 未达到标准 6"]) != []
    assert unitless_in_sentences(["6 个区县参评：0 个达到标准（占 0.0%），6 个未达到标准。", "12 项", "0.787"]) == []
    # a district's why says numbers alone only when each is named beside it (folded, or the next cell)
    why = '<td class="keys"><span class="why"><span>政府保障程度 4 项（G3–G5、G9）</span></span>{}</td>'
    names = "".join(f"<li>{c} 名称</li>" for c in ("G3", "G4", "G5", "G9"))
    folded = '<details class="names"><summary>各项名称</summary><ul>{}</ul></details>'
    stripped, unnamed = why_named(why.format(folded.format(names)))
    assert unnamed == [] and key_problems(hygiene.shown_text(stripped)) == []
    stripped, unnamed = why_named(why.format(folded.format(names.replace("<li>G9 名称</li>", ""))))
    assert [p.split(" — ")[0] for p in unnamed] == ["a why's number not named beside it: 'G9'"]
    stripped, unnamed = why_named(why.format(""))  # nothing named: the range too
    assert [p.split(" — ")[0] for p in unnamed] == ["a why's number not named beside it: 'G3–G5'",
                                                    "a why's number not named beside it: 'G9'"]
    unnamed = []  # a workbook's why beside a cell naming only some of its numbers
    left = without_named_numbers("资源配置 7 项（R1–R7）；教育质量 1 项（Q4）", "R1 甲；R7 庚；Q4 辛", unnamed)
    assert left == "资源配置 7 项（R1–R7）；教育质量 1 项（）" and key_problems(left) == []
    assert [p.split(" — ")[0] for p in unnamed] == ["a why's number not named beside it: 'R1–R7'"]
    cell = "<table><thead><tr><th>区县</th></tr></thead><tbody><tr><td>12</td></tr></tbody></table>"
    assert unitless_cells(cell, "zh") == ["bare number '12' under '区县'"]
