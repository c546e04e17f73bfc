"""What-if: apply a scenario, run the whole assessment again, show what changed.

    result = run_whatif(tables, params, load_scenario("plan-a.yaml"))
    result.to_dict()["diff"]     # indicators, CVs, compliance, items and the verdict, before → after
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from youjun.assess import assess_with_params
from youjun.core.params import AssessmentParams
from youjun.ingest.validate import validate_tables
from youjun.plan.districts import one_district
from youjun.plan.scenario import ScenarioError, apply_scenario

_TOL = 1e-9


@dataclass
class WhatIfResult:
    district_code: str
    scenario: dict[str, Any]
    log: list[dict[str, str]]  # one line per change: {"zh": ..., "en": ...}
    before: dict[str, Any]
    after: dict[str, Any]
    diff: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "whatif", "district_code": self.district_code, "scenario": self.scenario,
                "applied": self.log, "headline": self.diff["headline"], "diff": self.diff,
                "before": {"verdict": self.before["verdict"], "run": self.before["run"]},
                "after": {"verdict": self.after["verdict"], "run": self.after["run"]}}


def run_whatif(tables: dict[str, pd.DataFrame], params: AssessmentParams, scenario: dict[str, Any],
               *, district: str | None = None) -> WhatIfResult:
    tables, code = one_district(tables, district)
    changed, log = apply_scenario(tables, scenario, params)
    check = validate_tables(changed, file=f"scenario:{scenario.get('name', '')}")
    if not check.ok:
        lines = [f"{p.code} {p.message('en')}" for p in check.errors[:10]]
        raise ScenarioError("the scenario makes the data inconsistent / 情景使数据不一致:\n" + "\n".join(lines))
    before = assess_with_params(tables, params, source="current")[0]
    after = assess_with_params(check.tables, params, source=f"scenario:{scenario.get('name', '')}")[0]
    return WhatIfResult(code, dict(scenario), log, before, after, compare_results(before, after))


def compare_results(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """Every difference between two assessment results of one district."""
    schools = _schools(before, after)
    cvs = _cvs(before, after)
    items = [{"key": k, "before": before["items"][k]["status"], "after": after["items"].get(k, {}).get("status")}
             for k in before["items"] if before["items"][k]["status"] != after["items"].get(k, {}).get("status")]
    vb, va = before["verdict"], after["verdict"]
    headline = {
        "verdict_before": vb["passes"], "verdict_after": va["passes"],
        "reasons_before": len(vb["reasons"]), "reasons_after": len(va["reasons"]),
        "compliant_before": sum(1 for s in before["schools"] if s["compliant"]),
        "compliant_after": sum(1 for s in after["schools"] if s["compliant"]),
        "units_before": len(before["schools"]), "units_after": len(after["schools"]),
        "cvs_failing_before": sum(1 for c in cvs if c["passes_before"] is False),
        "cvs_failing_after": sum(1 for c in cvs if c["passes_after"] is False),
        "items_changed": len(items),
    }
    return {"headline": headline, "schools": schools, "cvs": cvs, "items": items,
            "reasons_resolved": _reasons_only_in(vb["reasons"], va["reasons"]),
            "reasons_new": _reasons_only_in(va["reasons"], vb["reasons"])}


def _reasons_only_in(these: list[dict[str, Any]], others: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Reasons of ``these`` not among ``others``: a reason is its kind *and* what it is about
    (one key, e.g. a CV over its limit, covers many subjects)."""
    seen = {(r["key"], r.get("subject")) for r in others}
    return [{"key": r["key"], "subject": r.get("subject"), "zh": r.get("zh"), "en": r.get("en")}
            for r in these if (r["key"], r.get("subject")) not in seen]


def _schools(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    b = {(s["code"], s["level"]): s for s in before["schools"]}
    a = {(s["code"], s["level"]): s for s in after["schools"]}
    out = []
    for key in sorted(set(b) | set(a)):
        sb, sa = b.get(key), a.get(key)
        if sb is None or sa is None:
            s = sb or sa
            out.append({"code": key[0], "name": s["name"] if s else "", "level": key[1],
                        "status": "removed" if sa is None else "added"})
            continue
        values = {k: {"before": v, "after": sa["values"].get(k)} for k, v in sb["values"].items()
                  if not _same(v, sa["values"].get(k))}
        if values or sb["compliant"] != sa["compliant"] or sb["pupils"] != sa["pupils"]:
            out.append({"code": key[0], "name": sb["name"], "level": key[1], "status": "changed",
                        "pupils": {"before": sb["pupils"], "after": sa["pupils"]},
                        "compliant": {"before": sb["compliant"], "after": sa["compliant"]}, "values": values})
    return out


def _cvs(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for level, lv in before["levels"].items():
        for key, ind in lv["indicators"].items():
            other = after["levels"].get(level, {}).get("indicators", {}).get(key, {})
            out.append({"level": level, "indicator": key, "name_zh": ind["name_zh"], "name_en": ind["name_en"],
                        "cv_before": ind["cv"], "cv_after": other.get("cv"), "limit": ind["limit"],
                        "passes_before": ind["passes"], "passes_after": other.get("passes"),
                        "mean_before": ind["mean"], "mean_after": other.get("mean")})
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return abs(a - b) <= _TOL * max(1.0, abs(a))
    return bool(a == b)
