"""Header names: how a written column or sheet name is matched to the contract, and the
nearest contract name when it is not (so a typo is named, not reported as 500 empty cells).

Pure functions on short strings; shared by the readers (finding the header row under a title)
and the validator (matching columns)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from difflib import SequenceMatcher

from youjun.core.schema import TABLES, Table

UNIT_SUFFIX = re.compile(r"[(（][^()（）]*[)）]$")
HEADER_SCAN_ROWS = 10  # rows searched for the header under titles and blank rows
NEAR_RATIO = 0.6  # similarity from which a written name is offered as "是否为…？"


def normalise_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().casefold()
    return re.sub(r"[\s*]+", "", text)


def header_index(table: Table) -> dict[str, str]:
    index: dict[str, str] = {}
    for f in table.fields:
        for name in (f.key, f.zh, f.en):
            index[normalise_header(name)] = f.key
    return index


def match_header(name: str, index: dict[str, str]) -> str | None:
    """The field key a written header names, or None."""
    norm = normalise_header(name)
    return index.get(norm) or index.get(UNIT_SUFFIX.sub("", norm))


def similarity(a: str, b: str) -> float:
    a, b = normalise_header(a), normalise_header(b)
    if not a or not b:
        return 0.0
    if a in b or b in a:  # 学校 in 学校基本情况
        return max(0.75, SequenceMatcher(None, a, b).ratio())
    return SequenceMatcher(None, a, b).ratio()


def nearest(name: str, candidates: Iterable[str], floor: float = NEAR_RATIO) -> str | None:
    """The candidate most like ``name`` if it is alike enough (ties: the first)."""
    best, score = None, floor
    for c in candidates:
        s = similarity(name, c)
        if s >= score and (best is None or s > score):
            best, score = c, s
    return best


def nearest_table(name: str) -> Table | None:
    """The contract table a sheet or file name probably meant (学校基本情况 → 学校)."""
    names = {t.zh: t for t in TABLES} | {t.en: t for t in TABLES} | {t.key: t for t in TABLES}
    if "-" in name:  # LibreOffice's 区县数据-学校基本情况.csv: the sheet's name is after the file's
        name = name.rsplit("-", 1)[1]
    hit = nearest(name, names)
    return names[hit] if hit else None


def _combined(parent: str, child: str) -> tuple[str, ...]:
    return (child, child + parent, parent + child) if parent else (child,)


def header_matches(row: Sequence[object], index: dict[str, str]) -> int:
    return sum(1 for c in row if isinstance(c, str) and c.strip() and match_header(c, index))


def two_row_header(top: Sequence[object], below: Sequence[object], index: dict[str, str]) -> list[str] | None:
    """The header of a two-row header (a merged group heading over its columns: 在校学生数 over
    一年级, 二年级…), or None when ``below`` adds no column to ``top``."""
    width = max(len(top), len(below))
    out: list[str] = []
    parent = ""
    added = 0
    for i in range(width):
        t = header_text(top[i]) if i < len(top) else ""
        b = header_text(below[i]) if i < len(below) else ""
        if t and match_header(t, index):
            parent = ""
            out.append(t)
            continue
        if t:
            parent = t  # a group heading: its columns are below it
        if b:
            hit = next((n for n in _combined(parent, b) if match_header(n, index)), None)
            if hit:
                out.append(hit)
                added += 1
                continue
        out.append(t or b)
    return out if added >= 2 else None


def header_text(cell: object) -> str:
    """A header cell as text: "" for an empty cell, 2025 for a whole number read as 2025.0."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


__all__ = ["HEADER_SCAN_ROWS", "UNIT_SUFFIX", "header_index", "header_matches", "header_text", "match_header",
           "nearest", "nearest_table", "normalise_header", "similarity", "two_row_header"]
