"""What a requirement of the verdict is called, and how a CV's ratio to its limit is shown.

A requirement key (``Finding.requirement``: R1–R7, CV, G1–G15, Q1–Q9, SR, PRE, VETO_…) is a key
in the data; a reader sees its name, with the national documents' number beside it where the
documents number it. Pure functions over the labels: the roll-up (``assess.rollup``) and its
renderers (``report.rollup_render``) share them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from youjun.core.evidence import ITEM_NAMES
from youjun.core.judging import round_half_up
from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS


def ratio_rounded(ratio: float, decimals: int, over: bool) -> float:
    """A CV / limit ratio rounded half up to ``decimals``, never across the limit: the ratio of a
    CV over its limit (``over``) stays above 1 (rounded up to the next step when it would read
    1), and that of a CV within it at most 1."""
    shown = round_half_up(ratio, decimals)
    if over and shown <= 1:
        return round(1 + 10.0 ** -decimals, decimals)  # just over 1 by rounding: the next step up
    if not over and shown > 1:
        return 1.0  # within the limit by the rules' tolerance
    return shown


# What a requirement key (``Finding.requirement``) is called, and which part of the rules it is.
_INDICATOR_BY_SHORT = {k.split("_", 1)[0].upper(): k for k in INDICATOR_LABELS}
_ITEM_BY_REQUIREMENT = {"SR": "social_recognition", "PRE": "pre_basic_balance"}


def requirement_words(requirement: str) -> dict[str, str]:
    """``title_zh``, ``title_en`` and ``part`` ("school", "cv", "g", "q", "sr", "veto", "pre",
    "other") of a requirement key: "R5" is the school indicator R5, "G3" the item g3."""
    # worked out once per key (a nation's roll-up asks ~340,000 times); a fresh dict each call
    return dict(_requirement_words(requirement))


@lru_cache(maxsize=1024)  # a few dozen keys; bounded all the same
def _requirement_words(requirement: str) -> dict[str, str]:
    if requirement in _INDICATOR_BY_SHORT:
        zh, en = INDICATOR_LABELS[_INDICATOR_BY_SHORT[requirement]][:2]
        return {"title_zh": zh, "title_en": en, "part": "school"}
    if requirement == "CV":
        return {"title_zh": "校际差异系数", "title_en": "Inter-school coefficient of variation", "part": "cv"}
    item = _ITEM_BY_REQUIREMENT.get(requirement, requirement.lower())
    zh, en = ITEM_LABELS.get(item, (requirement, requirement))
    head = requirement[:1]
    part = ("sr" if requirement == "SR" else "pre" if requirement == "PRE" else "veto"
            if item.startswith("veto_") else "g" if head == "G" else "q" if head == "Q" else "other")
    return {"title_zh": zh, "title_en": en, "part": part}


# The requirements the national documents number (R1–R7, B1–B8, G1–G15, Q1–Q9): their number may
# stand beside their name; any other key (CV, SR, PRE, VETO_…) is a code, never shown.
_NUMBERED = re.compile(r"[RBGQ]\d{1,2}")
_PART_PREFIXED = ("veto", "pre")


def requirement_label(requirement: str, lang: str, words: Mapping[str, str] | None = None,
                      with_part: bool = False) -> str:
    """A requirement as a reader reads it, in ``lang``: its name, with the documents' number
    before it ("R5 生均体育运动场馆面积", "G3 …"); "校际差异系数", "社会认可度" and the vetoes and
    the precondition by their names only. ``with_part``: a veto or the precondition says what it
    is ("一票否决：无重大安全责任事故"), as in a list of requirements outside the table of parts."""
    if not words or "title_zh" not in words:
        words = requirement_words(requirement)
    en = lang == "en"
    title = str(words.get("title_en" if en else "title_zh") or words.get("title_zh") or "")
    part = words.get("part", "other")
    if _NUMBERED.fullmatch(requirement):
        return f"{requirement} {title}"
    if with_part and part in _PART_PREFIXED:
        said = {"veto": ("一票否决", "Veto"), "pre": ("前提条件", "Precondition")}[part]
        return f"{said[1]}: {title}" if en else f"{said[0]}：{title}"
    return title


__all__ = ["VETO_KEYS", "ratio_rounded", "requirement_label", "requirement_words", "shown_code", "veto_case"]


VETO_KEYS = tuple(k for k in ITEM_NAMES if k.startswith("veto_"))  # the document's order


def veto_case(key: str, lang: str) -> str | None:
    """A veto's case as the document words it ("违规择校"; the requirement form, "无违规择校", is
    the evidence sheet's), None for a key that is not a veto's; any case of ``key``."""
    names = ITEM_NAMES.get(key.lower()) if key.lower() in VETO_KEYS else None
    if names is None:
        return None
    return names[0] if lang == "zh" else names[1].capitalize()


def shown_code(requirement: str, lang: str) -> str:
    """A requirement's code as a reader sees it: a veto is 否决1–6 (V1–6), never
    VETO_SCHOOL_CHOICE, which overran its column (walk 37); anchors and keys keep the key."""
    key = requirement.lower()
    if key in VETO_KEYS:
        n = VETO_KEYS.index(key) + 1
        return f"否决{n}" if lang == "zh" else f"V{n}"
    return requirement
