"""The roll-up of many districts' results: what a province (or the ministry) reads first.

From each district's result (the report.json shape) a small summary is kept — enough to count
and rank without holding every district's schools in memory — and the roll-up says:

- how many districts were assessed and how many pass;
- for each indicator of each level, how many districts fail its CV limit, and the distribution
  of its CV over the districts (minimum, quartiles, maximum; quartiles by linear interpolation
  between order statistics, the usual "type 7" definition);
- for each G and Q item, how many districts do not meet it (failing or without evidence);
- for each requirement a district can fail — as the district's report groups the verdict's
  findings (``group_findings``): R1–R7 of schools that do not comply, CV, G, Q, SR, vetoes,
  preconditions — how many districts do not meet it, most first (``requirements``);
- a ranking: passing districts first, then by the number of requirements not met (as the
  report counts them), then by the worst CV relative to its limit, then by code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from youjun.core.findings import group_findings, requirement_order
from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS

NOT_MET = ("fail", "evidence_missing")


def district_summary(result: Mapping[str, Any]) -> dict[str, Any]:
    """The few figures of one district's result the roll-up needs (JSON-ready)."""
    district, verdict = result["district"], result["verdict"]
    cvs: dict[str, dict[str, Any]] = {}
    for level, body in (result.get("levels") or {}).items():
        for key, ind in (body.get("indicators") or {}).items():
            cv, limit = ind.get("cv"), ind.get("limit")
            if cv is None or (isinstance(cv, float) and math.isnan(cv)):
                continue
            cvs[f"{level}.{key}"] = {"cv": float(cv), "limit": limit, "passes": bool(ind.get("passes")),
                                     "name_zh": ind.get("name_zh", key), "name_en": ind.get("name_en", key)}
    items = {key: item.get("status", "") for key, item in (result.get("items") or {}).items()}
    groups = group_findings(verdict.get("findings") or [])
    ratios = [c["cv"] / c["limit"] for c in cvs.values() if c["limit"]]
    return {
        "code": str(district["code"]), "name": district.get("name", ""), "province": district.get("province", ""),
        "school_year": district.get("school_year", ""), "passes": bool(verdict.get("passes")),
        "requirements_not_met": len(groups), "findings": sum(g.count for g in groups),
        "schools": (verdict.get("counts") or {}).get("schools"),
        "worst_cv_ratio": round(max(ratios), 6) if ratios else None,
        "cvs": cvs, "items": items,
        # the requirements the verdict names (as the report groups them), in their order
        "requirements": [g.requirement for g in groups],
    }


# What a requirement key (``Finding.requirement``) is called, and which part of the rules it is.
_INDICATOR_BY_SHORT = {k.split("_", 1)[0].upper(): k for k in INDICATOR_LABELS}
_ITEM_BY_REQUIREMENT = {"SR": "social_recognition", "PRE": "pre_basic_balance"}


def requirement_words(requirement: str) -> dict[str, str]:
    """``title_zh``, ``title_en`` and ``part`` ("school", "cv", "g", "q", "sr", "veto", "pre",
    "other") of a requirement key: "R5" is the school indicator R5, "G3" the item g3."""
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


def quantile(sorted_values: Sequence[float], q: float) -> float:
    """The ``q`` quantile of already sorted values, interpolating between order statistics."""
    if not sorted_values:
        raise ValueError("no values")
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    a, b = sorted_values[lo], sorted_values[hi]
    return min(max(a + (b - a) * (pos - lo), a), b)  # never outside its neighbours by rounding


def _rank_key(s: Mapping[str, Any]) -> tuple[Any, ...]:
    worst = s.get("worst_cv_ratio")
    return (not s["passes"], s["requirements_not_met"], math.inf if worst is None else worst, s["code"])


def rollup(summaries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The roll-up of district summaries (from ``district_summary``)."""
    rows = list(summaries)
    by_indicator: dict[str, dict[str, Any]] = {}
    by_item: dict[str, dict[str, int]] = {}
    for s in rows:
        for key, c in s["cvs"].items():
            entry = by_indicator.setdefault(key, {"name_zh": c["name_zh"], "name_en": c["name_en"],
                                                  "limit": c["limit"], "values": [], "failing": 0})
            entry["values"].append(c["cv"])
            entry["failing"] += 0 if c["passes"] else 1
        for key, status in s["items"].items():
            counts = by_item.setdefault(key, {"not_met": 0, "fail": 0, "evidence_missing": 0, "assessed": 0})
            counts["assessed"] += 1
            if status in NOT_MET:
                counts["not_met"] += 1
                counts[status] += 1
    indicators = {}
    for key, entry in sorted(by_indicator.items()):
        values = sorted(entry.pop("values"))
        entry["districts"] = len(values)
        entry["cv"] = {"min": values[0], "p25": quantile(values, 0.25), "median": quantile(values, 0.5),
                       "p75": quantile(values, 0.75), "max": values[-1]}
        indicators[key] = entry
    ranked = sorted(rows, key=_rank_key)
    # every requirement some district does not meet, and those every district was assessed on
    # (the indicators' R, the CVs, the G and Q items) even when none fails them
    known = {r for s in rows for r in s.get("requirements") or []}
    known |= {key.split(".", 1)[-1].split("_", 1)[0].upper() for s in rows for key in s["cvs"]}
    known |= {"CV"} if any(s["cvs"] for s in rows) else set()
    known |= {key.upper() for s in rows for key in s["items"]}
    not_met = {r: sum(1 for s in rows if r in (s.get("requirements") or [])) for r in known}
    requirements = {r: {"not_met": not_met[r], "districts": len(rows)} | requirement_words(r)
                    for r in sorted(known, key=lambda r: (-not_met[r], requirement_order(r)))}
    return {
        "districts": len(rows),
        "passing": sum(1 for s in rows if s["passes"]),
        "indicators": indicators,
        "items": dict(sorted(by_item.items(), key=lambda kv: (kv[0][0], int(kv[0][1:]) if kv[0][1:].isdigit() else 0))),
        "ranking": [{"rank": i + 1, "code": s["code"], "name": s["name"], "passes": s["passes"],
                     "requirements_not_met": s["requirements_not_met"], "findings": s["findings"],
                     "worst_cv_ratio": s["worst_cv_ratio"], "requirements": list(s.get("requirements") or [])}
                    for i, s in enumerate(ranked)],
        "requirements": requirements,
    }
