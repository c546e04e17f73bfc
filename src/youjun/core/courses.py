"""School-based courses (校本课程): the pure rules and arithmetic.

- the rules as data (``rules/courses/*.yaml``, local rules labelled so): the district's list of
  themes, the fixed tag sets (the “114” civics model's four paths) and the limits on free tags,
  the course-group templates a school may adopt (Hongqi Primary's five groups), the limits;
- school years ("2025-2026"): parsing, the school year a day falls in, whether a course is
  active in a school year;
- grades as a range (1–9) and their words; a course's hours per year from its hours per term;
- tags: the fixed ones by key, free ones cleaned and limited.

No framework, database or file format is imported here (an import-linter contract).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root
from youjun.core.schema import SCHOOL_TYPES, TYPE_GRADES

COURSES_DIR = "courses"
KINDS: dict[str, tuple[str, str]] = {"required": ("必修", "required"), "elective": ("选修", "elective"),
                                     "club": ("社团", "club")}
HOURS_PER: dict[str, tuple[str, str]] = {"term": ("每学期", "per term"), "year": ("每学年", "per year")}
TERMS: dict[str, tuple[str, str]] = {"1": ("第一学期", "first term"), "2": ("第二学期", "second term"),
                                     "both": ("两个学期", "both terms")}
_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


# --- the rules as data ------------------------------------------------------------------------

def _in_force(path: Path, as_of: dt.date) -> Any:
    raw = read_yaml(path)
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"{path.name} has no value in force on {as_of.isoformat()}")
    return found


@lru_cache(maxsize=32)
def _rules(name: str, as_of: dt.date, rules_dir: str | None) -> Any:
    return _in_force(rules_root(rules_dir) / COURSES_DIR / f"{name}.yaml", as_of)


def rules(name: str, as_of: dt.date, rules_dir: Path | str | None = None) -> Any:
    """``rules/courses/<name>.yaml`` in force on ``as_of`` (themes, tags, course_group_templates, limits)."""
    return _rules(name, as_of, str(rules_dir) if rules_dir else None)


@dataclass(frozen=True)
class Word:
    key: str
    zh: str
    en: str

    def shown(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en


def themes(as_of: dt.date, rules_dir: Path | str | None = None) -> list[Word]:
    return [Word(str(t["key"]), str(t["zh"]), str(t["en"])) for t in rules("themes", as_of, rules_dir)["themes"]]


def ethnic_theme(as_of: dt.date, rules_dir: Path | str | None = None) -> str:
    return str(rules("themes", as_of, rules_dir)["ethnic_theme"])


def fixed_tags(as_of: dt.date, rules_dir: Path | str | None = None) -> list[Word]:
    """Every tag of the fixed sets, in order (their keys are "set:tag", e.g. "civics114:practice")."""
    out = []
    for s in rules("tags", as_of, rules_dir)["sets"]:
        for t in s["tags"]:
            out.append(Word(f"{s['key']}:{t['key']}", str(t["zh"]), str(t["en"])))
    return out


def tag_sets(as_of: dt.date, rules_dir: Path | str | None = None) -> list[tuple[Word, list[Word]]]:
    out = []
    for s in rules("tags", as_of, rules_dir)["sets"]:
        out.append((Word(str(s["key"]), str(s["zh"]), str(s["en"])),
                    [Word(f"{s['key']}:{t['key']}", str(t["zh"]), str(t["en"])) for t in s["tags"]]))
    return out


def templates(as_of: dt.date, rules_dir: Path | str | None = None) -> list[dict[str, Any]]:
    return list(rules("course_group_templates", as_of, rules_dir)["templates"])


def template(key: str, as_of: dt.date, rules_dir: Path | str | None = None) -> dict[str, Any] | None:
    return next((t for t in templates(as_of, rules_dir) if t["key"] == key), None)


def limits(as_of: dt.date, rules_dir: Path | str | None = None) -> dict[str, Any]:
    return dict(rules("limits", as_of, rules_dir))


# --- school years -----------------------------------------------------------------------------

def parse_school_year(text: str) -> str | None:
    """ "2025-2026" (also with "–", "—" or "/" between, or "2025" for 2025-2026) -> "2025-2026";
    None when it is not a school year (the second year must follow the first)."""
    text = (text or "").strip().replace("–", "-").replace("—", "-").replace("/", "-").replace(" ", "")
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-{int(text) + 1}"
    m = _YEAR.match(text)
    if m is None or int(m.group(2)) != int(m.group(1)) + 1:
        return None
    return text


def school_year_of(day: dt.date) -> str:
    """The school year a day falls in: it starts on 1 September."""
    first = day.year if day.month >= 9 else day.year - 1
    return f"{first}-{first + 1}"


def active_in(active_from: str, active_to: str, school_year: str) -> bool:
    """A course offered from ``active_from`` to ``active_to`` (school years; blank: still offered)."""
    return active_from <= school_year and (not active_to or school_year <= active_to)


# --- grades and hours -------------------------------------------------------------------------

def grades_text(first: int, last: int, lang: str) -> str:
    """1, 3 -> "1–3年级" / "grades 1–3"; 4, 4 -> "4年级" / "grade 4"."""
    if first == last:
        return f"{first}年级" if lang == "zh" else f"grade {first}"
    return f"{first}–{last}年级" if lang == "zh" else f"grades {first}–{last}"


def grades_valid(first: int, last: int, lim: Mapping[str, Any]) -> bool:
    return int(lim["grade_min"]) <= first <= last <= int(lim["grade_max"])


def school_grades(school_type: str, lim: Mapping[str, Any]) -> tuple[int, int]:
    """The grades a school of ``school_type`` may give a course: the grades of its type
    (``schema.TYPE_GRADES``) within the rules' range; the whole range for an unknown type."""
    low, high = int(lim["grade_min"]), int(lim["grade_max"])
    own = [g for g in TYPE_GRADES.get(school_type or "", ()) if low <= g <= high]
    return (min(own), max(own)) if own else (low, high)


def school_type_words(school_type: str, lang: str) -> str:
    choice = next((c for c in SCHOOL_TYPES if c.code == school_type), None)
    if choice is None:
        return "学校" if lang == "zh" else "school"
    return choice.zh if lang == "zh" else choice.en


def hours_per_year(hours: Decimal | float | int, per: str, terms: str) -> Decimal:
    """Hours a course takes in a school year: its hours per term times the terms it is offered
    in (one, or both), or its hours per year as recorded."""
    value = Decimal(str(hours))
    if per == "term":
        return value * (2 if terms == "both" else 1)
    return value


# --- tags --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CleanTags:
    tags: list[str]  # fixed keys first (in the rules' order), then free tags as written
    unknown: list[str]  # fixed keys not in the rules
    too_many: bool  # more free tags than allowed
    too_long: list[str]  # free tags longer than allowed


def clean_tags(fixed: Iterable[str], free: Iterable[str], as_of: dt.date,
               rules_dir: Path | str | None = None) -> CleanTags:
    """The fixed tag keys checked against the rules, the free tags stripped, de-duplicated
    (also against the fixed tags' words) and limited in number and length."""
    known = fixed_tags(as_of, rules_dir)
    keys = {t.key for t in known}
    words = {t.zh for t in known} | {t.en for t in known}
    chosen = set(fixed)
    unknown = sorted(chosen - keys)
    tags = [t.key for t in known if t.key in chosen]
    rule = rules("tags", as_of, rules_dir)
    out_free: list[str] = []
    for raw in free:
        tag = re.sub(r"\s+", " ", str(raw)).strip().lstrip("#")
        if tag and tag not in out_free and tag not in words and tag not in keys:
            out_free.append(tag)
    too_long = [t for t in out_free if len(t) > int(rule["free_tag_max_chars"])]
    return CleanTags(tags + out_free, unknown, len(out_free) > int(rule["free_tags_max"]), too_long)


def split_free_tags(text: str) -> list[str]:
    """Free tags as typed: separated by commas (，, ,), 、, semicolons or spaces."""
    return [t for t in re.split(r"[，,、；;\s]+", text or "") if t.strip()]


def tag_words(tag: str, as_of: dt.date, lang: str, rules_dir: Path | str | None = None) -> str:
    """A stored tag in words: a fixed tag by its key, a free tag as written."""
    for t in fixed_tags(as_of, rules_dir):
        if t.key == tag:
            return t.shown(lang)
    return tag


def is_fixed(tag: str) -> bool:
    return ":" in tag
