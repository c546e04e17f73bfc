"""What a person sees, checked for the marks of unfinished work (issue 10, "page hygiene").

``shown_text`` turns an HTML page into the text a reader sees (no tags, attributes, scripts or
styles); ``problems`` lists what is wrong with a shown text in one language:

- ``None``/``nan``/``NaN`` shown as a value;
- a Python repr (``np.float64(``, ``{'``, ``['``, ``<… object at``);
- a snake_case identifier (``morality_law``, ``start_run``, ``teacher_id``);
- on a Chinese page an English word, on an English page Chinese text — outside the small
  allow-list below and the proper names of the data (a school's name is Chinese on an English page);
- a number with more decimals than the documents use (they use at most three: CVs as 0.500);
- money of 1,000 yuan or more without thousands separators ("2500 元", "6400 yuan");
- on a Chinese page, areas written both as 平方米 and ㎡ (平方米 is the one unit; report.numbers).

The allow-list is short on purpose; each entry says why it is not a defect.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

# English words a Chinese page may show, and why.
ZH_ALLOWED_WORDS = frozenset({
    # the product's own name and the formats it offers (file types a person chooses by name)
    "youjun", "HTML", "PDF", "XLSX", "Excel", "JSON", "CSV", "ZIP", "YAML", "API", "OpenAPI", "Parquet",
    # units and the international abbreviations the documents themselves use
    "km", "CV", "ID", "GB", "MB", "KB", "m²", "HiGHS",
    # the standard abbreviations of the documents' parts (R1…R7, G1…G15, Q1…Q9) never reach
    # three letters; "Bearer" is the API token scheme shown on the account page, a code to copy
    "Bearer", "Authorization",
    # the word processors a county edits its self-evaluation draft in (product names)
    "Word", "WPS",
    # the switch to the other language is written in that language on purpose
    "English",
})
# Chinese an English page may show: the switch to Chinese, and the product's name.
EN_ALLOWED_CJK = frozenset({"中文", "简体中文", "优均"})


def document_names() -> frozenset[str]:
    """The titles and numbers of the official documents the rule files cite: proper names, shown
    in Chinese on English pages too so that a reader can find the document (its articles are not
    names, and are not allowed here)."""
    import yaml

    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("document", "number") and isinstance(v, str):
                    found.add(v.strip())
                    found.add(v.strip().strip("《》"))
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    root = Path(__file__).resolve().parents[2] / "rules"
    for path in root.rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return frozenset(n for n in found if n)

# <kbd>: what a person types (a command, an option written as YAML) is code, not prose.
_TAGS_OUT = re.compile(r"<(script|style|template|svg|kbd)\b.*?</\1>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(r"</?(p|div|tr|td|th|li|h\d|br|table|section|header|footer|dt|dd|option|summary|pre)\b[^>]*>", re.I)

NONE_LIKE = re.compile(r"(?<![\w.-])(None|nan|NaN|null|undefined)(?![\w-])")
REPRS = re.compile(r"np\.(float|int)\d*\(|\{'|\['|<[^<>]{0,80} object at 0x|\bdatetime\.(date|datetime)\(|Decimal\('")
SNAKE = re.compile(r"(?<![\w./:#?=&%-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w./-])")
ENGLISH_WORD = re.compile(r"(?<![\w./@:#%-])[A-Za-z][A-Za-z'’]{2,}(?![\w./@-])")
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
DECIMALS = re.compile(r"(?<![\w.:/-])\d[\d,]*\.\d{4,}(?![\w.])")
# yuan of four or more digits with no thousands separator ("2500 元", "12000元/生", "6400 yuan")
UNGROUPED_YUAN = re.compile(r"(?<![\w.,])\d{4,}(?:\.\d+)?\s*(?:元|yuan\b)")
# Things that are codes, not words: file names, addresses, e-mail, versions, hashes, dates.
_CODE_LIKE = re.compile(
    r"\S+\.(?:xlsx|csv|json|html|pdf|zip|yaml|parquet|duckdb)\b"  # file names
    r"|https?://\S+|/[\w/.-]*"                                 # addresses and paths
    r"|\b[0-9a-f]{12,64}\b"                                     # hashes
    r"|\bv?\d+\.\d+\.\d+\S*"                                    # versions
    r"|\b\d{4}-\d{2}-\d{2}[T ]?[\d:.+Z]*"                       # dates
)


def shown_text(page: str) -> str:
    """The text a reader sees of an HTML page (entities decoded, one block per line)."""
    text = _TAGS_OUT.sub(" ", page)
    text = _COMMENT.sub(" ", text)
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = html.unescape(text)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _without(text: str, names: Iterable[str]) -> str:
    for n in sorted(names, key=len, reverse=True):
        text = text.replace(n, " ")
    return text


def _without_words(text: str, names: Iterable[str]) -> str:
    """``text`` without the given names: Chinese names anywhere, Latin ones as whole words."""
    latin = [n for n in names if not CJK.search(n)]
    text = _without(text, [n for n in names if CJK.search(n)])
    if latin:
        text = re.sub(r"(?<![\w-])(?:" + "|".join(map(re.escape, sorted(latin, key=len, reverse=True)))
                      + r")(?![\w-])", " ", text)
    return text


def problems(text: str, lang: str, proper_names: Iterable[str] = (), *, wrapped: bool = False) -> list[str]:
    """Every hygiene defect of a shown ``text`` in ``lang`` ("zh" or "en"), as short quotes.

    ``wrapped``: text taken from a PDF, where a long name in a narrow table cell is broken over
    lines; a Chinese run that is a piece of an allowed name is then that name, wrapped. (The
    HTML and XLSX of the same report are checked whole, so a label cannot hide this way.)"""
    out: list[str] = []
    proper_names = list(proper_names)
    pieces_of = [n for n in (*proper_names, *EN_ALLOWED_CJK, *_DOCUMENTS) if CJK.search(n)] if wrapped else []
    # names from the data and the accounts (a school, a town, a user name) are shown as they are
    text = _without_words(text, proper_names)
    for m in NONE_LIKE.finditer(text):
        out.append(f"empty value shown: …{_around(text, m)}…")
    for m in REPRS.finditer(text):
        out.append(f"Python repr: …{_around(text, m)}…")
    plain = _CODE_LIKE.sub(" ", text)
    for m in SNAKE.finditer(plain):
        out.append(f"identifier: {m.group(0)!r} in …{_around(plain, m)}…")
    for m in DECIMALS.finditer(plain):
        out.append(f"too many decimals: {m.group(0)} in …{_around(plain, m)}…")
    for m in UNGROUPED_YUAN.finditer(plain):
        out.append(f"money without thousands separators: {m.group(0)!r} in …{_around(plain, m)}…")
    if lang == "zh" and "㎡" in plain and "平方米" in plain:
        out.append("areas in two units on one page: 平方米 and ㎡")
    if lang == "zh":
        for m in ENGLISH_WORD.finditer(SNAKE.sub(" ", plain)):
            if m.group(0) not in ZH_ALLOWED_WORDS:
                out.append(f"English on a Chinese page: {m.group(0)!r} in …{_around(plain, m)}…")
    else:
        bare = _without(plain, EN_ALLOWED_CJK | _DOCUMENTS | _GLOSSED)
        for m in CJK.finditer(bare):
            if pieces_of and any(m.group(0) in name for name in pieces_of):
                continue
            out.append(f"Chinese on an English page: {m.group(0)!r} in …{_around(bare, m)}…")
    return out


_DOCUMENTS = document_names()


def template_words() -> frozenset[tuple[str, str]]:
    """(Chinese, English) of every template tab, header and drop-down choice: Chinese in the
    workbook whatever the reader's language."""
    from youjun.core.schema import TABLES

    return frozenset({(t.zh, t.en) for t in TABLES} | {(f.zh, f.en) for t in TABLES for f in t.fields}
                     | {(c.zh, c.en) for t in TABLES for f in t.fields for c in f.choices})


TEMPLATE_WORDS = template_words()


def glossed_template_names() -> frozenset[str]:
    """A template tab, header or drop-down choice named on an English page as the workbook shows
    it, its English after it (sheet '佐证材料' (Evidence), 学校 (Schools), '达标' (Met)): they are
    Chinese in either language. Chinese is allowed there only with its gloss beside it."""
    return frozenset(form for zh, en in TEMPLATE_WORDS for form in (f"'{zh}' ({en})", f"{zh} ({en})"))


_GLOSSED = glossed_template_names()


def _around(text: str, m: re.Match[str], width: int = 30) -> str:
    return text[max(0, m.start() - width): m.end() + width].replace("\n", " ⏎ ")


# -- documents -----------------------------------------------------------------------------------

def pdf_text(content: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.pdf"
        path.write_bytes(content)
        return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                              text=True, timeout=60).stdout


def _number_like(s: str) -> bool:
    return bool(re.fullmatch(r"-?[\d,]+(\.\d+)?%?", s.strip())) and any(c.isdigit() for c in s)


def number_as_text(s: str) -> bool:
    """A number kept as text in a workbook cell (codes of six or more digits are text on purpose)."""
    return _number_like(s) and not re.fullmatch(r"\d{6,}", s.strip())


def xlsx_cells(content: bytes) -> Iterator[tuple[str, str]]:
    """(where, text) of every sheet name and non-empty cell; a number stored as text is flagged
    with the marker ``<number as text>`` so the caller reports it."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    for ws in wb.worksheets:
        yield f"sheet name {ws.title!r}", ws.title
        for row in ws.iter_rows():
            for cell in row:
                v = cell.value
                if v is None:
                    continue
                where = f"{ws.title}!{getattr(cell, 'coordinate', '?')}"
                fmt = getattr(cell, "number_format", "General") or "General"
                if isinstance(v, int | float) and '"' in fmt:
                    # words a format shows after the number (0.0" 平方米"): read as the cell's text
                    yield where, " ".join(re.findall(r'"([^"]*)"', fmt))
                if isinstance(v, float):
                    # a stored float may carry full precision; the cell's number format is
                    # what a reader sees, so only a format showing 4+ decimals is a defect
                    numeric = fmt.split('"', 1)[0]
                    if "." in numeric and len(numeric.split(".")[1].rstrip("%")) >= 4:
                        yield where, f"{v} shown with format {fmt} (too many decimals)"
                    continue
                if not isinstance(v, str):
                    continue
                if number_as_text(v):
                    yield where, f"<number as text> {v!r}"
                yield where, v


def json_labels(data: Any, path: str = "$") -> Iterator[tuple[str, str, str]]:
    """(where, lang, text) of every human label in a JSON document: keys naming a label, title,
    message or name in one language (``*_zh``/``*_en``, ``label``/``title`` under a ``zh``/``en`` key)."""
    if isinstance(data, dict):
        for k, v in data.items():
            where = f"{path}.{k}"
            if isinstance(v, str):
                if k.endswith("_zh") or k == "zh":
                    yield where, "zh", v
                elif k.endswith("_en") or k == "en":
                    yield where, "en", v
                elif k in ("label", "title", "message", "what_to_do", "standard", "text"):
                    yield where, "?", v
            else:
                yield from json_labels(v, where)
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from json_labels(v, f"{path}[{i}]")


def zip_members(content: bytes) -> Iterator[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(content)) as z:
        for name in z.namelist():
            yield name, z.read(name)
