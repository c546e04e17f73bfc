"""The roll-up of many districts' results: what a province (or the ministry) reads first.

From each district's result (the report.json shape) a small summary is kept — enough to count
and rank without holding every district's schools in memory — and the roll-up says:

- how many districts were assessed and how many pass;
- for each indicator of each level, how many districts fail its CV limit, and the distribution
  of its CV over the districts (minimum, quartiles, maximum; quartiles by linear interpolation
  between order statistics, the usual "type 7" definition);
- for each G and Q item, how many districts do not meet it (failing or without evidence);
- a ranking: passing districts first, then by the number of requirements not met (as the
  report counts them), then by the worst CV relative to its limit, then by code.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from youjun.core.findings import group_findings

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
    }


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
    return {
        "districts": len(rows),
        "passing": sum(1 for s in rows if s["passes"]),
        "indicators": indicators,
        "items": dict(sorted(by_item.items(), key=lambda kv: (kv[0][0], int(kv[0][1:]) if kv[0][1:].isdigit() else 0))),
        "ranking": [{"rank": i + 1, "code": s["code"], "name": s["name"], "passes": s["passes"],
                     "requirements_not_met": s["requirements_not_met"], "findings": s["findings"],
                     "worst_cv_ratio": s["worst_cv_ratio"]} for i, s in enumerate(ranked)],
    }
