"""The engine's reason and finding texts read as the documents print them, in each language.

Real engine output: sample district S assessed. Figures at most 2 decimals (CVs 3), as the
reports print them; an English text holds no Chinese apart from data names (schools, towns, classes,
attesting offices).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from youjun.assess import assess_tables
from youjun.sample import generate

TOO_PRECISE = re.compile(r"\d\.\d{3,}")
CV_TOO_PRECISE = re.compile(r"\d\.\d{4,}")
HAN = re.compile(r"[\u4e00-\u9fff]+")


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, Any], set[str]]:
    tables = generate("S", 2023)
    names = (set(tables["schools"]["school_name"]) | set(tables["schools"]["town"])
             | set(tables["classes"]["class_name"].astype(str))
             | set(tables["evidence"]["attested_by"].dropna().astype(str)))
    return assess_tables(tables)[0], names


def _texts(result: dict[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    """(where, key, zh, en) of every reason and every finding's words."""
    for r in result["verdict"]["reasons"]:
        yield "verdict", r["key"], r["zh"], r["en"]
    for key, item in result["items"].items():
        for r in item["reasons"]:
            yield f"items.{key}", r["key"], r["zh"], r["en"]
    for f in result["findings"]:
        for part in ("subject", "measured", "standard", "gap"):
            words = f.get(part) or {}
            if isinstance(words, dict) and "en" in words:
                yield f"findings.{part}", f.get("key", ""), str(words.get("zh", "")), str(words["en"])


def test_reason_figures_have_the_documents_decimals(sample) -> None:
    result, _ = sample
    long = [(w, zh) for w, key, zh, en in _texts(result)
            if (CV_TOO_PRECISE if key.startswith("cv") else TOO_PRECISE).search(zh + " " + en)]
    assert not long, long[:5]
    # the figures are still there, rounded: "… 为 0.68，仅达标准 0.9 的 75.41%，不足 85%"
    floors = [zh for w, key, zh, _ in _texts(result) if key == "school.below_floor"]
    assert floors and all(re.search(r"的 \d+(\.\d{1,2})?%，不足 85%", zh) for zh in floors), floors[:3]


def test_english_reasons_have_no_chinese_but_data_names(sample) -> None:
    result, names = sample
    left = []
    for where, _, _, en in _texts(result):
        text = en
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, "")
        if HAN.search(text):
            left.append((where, en))
    assert not left, left[:5]
    sections = [en for w, key, _, en in _texts(result) if w == "verdict" and "section" in en]
    assert sections, "combined schools' sections are named in English"
