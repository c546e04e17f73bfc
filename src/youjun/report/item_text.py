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


def finding_subject(f: Obj, lang: str) -> str:
    """'永川区和顺小学 · 1年级1班' — the school, then what in it falls short."""
    school = str(f.get("school_name") or f.get("school_code") or "")
    subject = pick(f.get("subject"), "", lang)
    return " · ".join(x for x in (school, subject) if x)


def finding_rows(findings: Sequence[Obj], lang: str) -> list[tuple[str, str]]:
    """(subject, 'measured；gap') per finding, for an item's failing column."""
    sep = "；" if lang == "zh" else "; "
    out = []
    for f in findings:
        detail = sep.join(x for x in (pick(f.get("measured"), "", lang), pick(f.get("gap"), "", lang))
                          if x and x != num.MISSING)
        out.append((finding_subject(f, lang), detail))
    return out


def item_failing_rows(item: Obj, names: Mapping[str, str], lang: str) -> list[tuple[str, str]]:
    """An item's failing column, the same in every file: its findings in the engine's words when
    it has them, else its failing records (walk 43: the county tables and the self-evaluation
    draft wrote G3's raw records, "room_type art；required 2；…", where the page had words)."""
    if item.get("findings"):
        return finding_rows(item["findings"], lang)
    return failing_rows(item.get("failing"), names, lang)


def attested_records(records: Sequence[Obj] | None, lang: str) -> dict[str, str] | None:
    """An item attested record by record (Q3, Q6: a finding for each school) as one cell says
    it: who attested (each body once), the span of the dates, the first attachment and how many;
    None for one record or none (``item["evidence"]`` is then the whole of it)."""
    if not records or len(records) < 2:
        return None
    by = "、".join(dict.fromkeys(str(r.get("attested_by")) for r in records if r.get("attested_by")))
    dates = sorted(str(r.get("attested_on")) for r in records if r.get("attested_on"))
    refs = [str(r.get("attachment_ref")) for r in records if r.get("attachment_ref")]
    on = (label("dates_between", lang, first=dates[0], last=dates[-1]) if dates and dates[0] != dates[-1]
          else dates[0] if dates else "")
    ref = (label("attachments_many", lang, first=refs[0], count=len(refs), more=len(refs) - 1) if len(refs) > 1
           else refs[0] if refs else "")
    count = label("attested_records", lang, count=len(records))
    return {"by": by or num.MISSING, "on": on, "ref": ref, "count": count}


def evidence_parts(item: Obj, lang: str) -> tuple[str, str, str] | None:
    """(who attested, when, the attachment) of an item, the same in every file; for an item
    attested record by record, all its records (``attested_records``); None without evidence."""
    many = attested_records(item.get("attestations"), lang)
    if many is not None:
        by = f"{many['by']}（{many['count']}）" if lang == "zh" else f"{many['by']} ({many['count']})"
        return by, many["on"], many["ref"]
    evidence = item.get("evidence") or {}
    if not evidence:
        return None
    by, on, ref = (str(evidence.get(f) or "") for f in ("attested_by", "attested_on", "attachment_ref"))
    return by, on, ref


def evidence_line(item: Obj, lang: str) -> str | None:
    """``evidence_parts`` in one line ("永川区教育督导室，2025-11-02，DD-2025-00006"), for a file
    that gives the evidence one cell; None without evidence."""
    parts = evidence_parts(item, lang)
    return None if parts is None else ("，" if lang == "zh" else ", ").join(p for p in parts if p)
