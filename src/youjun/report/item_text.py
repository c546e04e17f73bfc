"""G/Q item figures and failing entries as text, shared by the HTML page and the workbook.

The engine's entries vary by item (a class with its size, a teacher with their hours, a
school's finding); anything without the ``name`` / ``detail_zh`` / ``detail_en`` fields is
written as its remaining fields, and a school code is replaced by the school's name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from youjun.report import numbers as num
from youjun.report.messages import figure_name, label, pick

Obj = Mapping[str, Any]
# Fields that name the subject of a failing entry, in order of preference.
SUBJECT_FIELDS = ("name", "school_name", "school", "school_code", "code", "teacher", "class")
# Bookkeeping fields that add nothing for a reader.
SKIPPED_FIELDS = {"item_key", "detail_zh", "detail_en", "level_zh", "level_en"}
LEVEL_KEYS = ("primary", "junior")
STATUS_WORDS = {"met": "status_pass", "not_met": "status_fail", "pass": "status_pass",
                "fail": "status_fail", "evidence_missing": "status_evidence_missing"}


def figure_text(value: Any, lang: str) -> str:
    """One figure: numbers trimmed, bools as words, per-level dicts as '小学 53，初中 65'."""
    if isinstance(value, Mapping):
        if "value" in value:  # a labelled figure {"value": …, "zh": …}
            return figure_text(value["value"], lang)
        sep = "，" if lang == "zh" else ", "
        return sep.join(f"{_key_name(k, lang)} {figure_text(v, lang)}" for k, v in value.items())
    if value in LEVEL_KEYS:  # a section named in a failing entry
        return label(f"level_short_{value}", lang)
    if isinstance(value, str) and value in STATUS_WORDS:  # an attestation's status code
        return label(STATUS_WORDS[value], lang)
    return num.any_figure(value, label("yes", lang), label("no", lang))


def _key_name(key: str, lang: str, value: Any = None) -> str:
    if key in LEVEL_KEYS:
        return label(f"level_short_{key}", lang)
    if key == "level" and value in LEVEL_KEYS:
        return figure_name("section", lang)
    return figure_name(key, lang)


# Q9's attainment levels as the standard names them ("Ⅲ级以上"), not as a bare 3
LEVEL_FIGURES = ("level", "min_level")
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ"}


def level_text(value: Any, lang: str) -> str | None:
    """'Ⅲ级' / 'level Ⅲ' for an attainment level 1–5; None for anything else."""
    if not num.is_number(value) or float(value) != int(value) or int(value) not in ROMAN:
        return None
    roman = ROMAN[int(value)]
    return f"{roman}级" if lang == "zh" else f"level {roman}"


def figure_rows(figures: Obj | None, lang: str) -> list[tuple[str, str]]:
    rows = []
    for key, value in (figures or {}).items():
        name = pick(value, "", lang) if isinstance(value, Mapping) else ""
        text = (level_text(value, lang) if key in LEVEL_FIGURES else None) or figure_text(value, lang)
        rows.append((name or figure_name(key, lang), text))
    return rows


def failing_rows(failing: Sequence[Obj] | None, school_names: Mapping[str, str],
                 lang: str) -> list[tuple[str, str]]:
    """(subject, detail) per failing entry."""
    rows = []
    for entry in failing or []:
        subject_field = next((f for f in SUBJECT_FIELDS if entry.get(f)), None)
        subject = str(entry.get(subject_field, "")) if subject_field else ""
        subject = school_names.get(subject, subject)
        detail = pick(entry, "detail", lang)
        if not detail:
            sep = "；" if lang == "zh" else "; "
            detail = sep.join(f"{_key_name(k, lang, v)} {figure_text(v, lang)}"
                              for k, v in entry.items()
                              if k != subject_field and k not in SKIPPED_FIELDS
                              and v not in (None, ""))
        rows.append((subject, detail))
    return rows


def school_names(schools: Sequence[Obj]) -> dict[str, str]:
    return {str(s.get("code")): str(s.get("name")) for s in schools if s.get("code")}
