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
  report counts them), then by the worst CV relative to its limit, then by code. The ratio is
  that of the CV as judged (``cv_rounded``: rounded as the rules round it before comparing), so a
  ratio over 1 is exactly a CV over its limit (``cv_over_limit``); ``ratio_rounded`` rounds it for
  a reader without crossing 1.

``requirement_label`` names a requirement for a reader (its name, the documents' number R5, G3
beside it); the keys (CV, SR, PRE, VETO_…) stay in the JSON, never on a page.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from youjun.core.findings import group_findings, requirement_order, rooms_short
from youjun.core.requirements import ratio_rounded, requirement_label, requirement_words
from youjun.report import view

NOT_MET = ("fail", "evidence_missing")


def _judges_rounded(result: Mapping[str, Any]) -> bool:
    """Whether the verdict compared the CVs rounded (option ``cv_decimals.compare``, "rounded" by
    default, as published) or unrounded."""
    for o in result.get("options") or []:
        if isinstance(o, Mapping) and o.get("name") == "cv_decimals.compare":
            return str(o.get("value") or "rounded") == "rounded"
    return True


def _finite(x: Any) -> float | None:
    if isinstance(x, bool) or not isinstance(x, int | float) or not math.isfinite(x):
        return None
    return float(x)


def district_summary(result: Mapping[str, Any]) -> dict[str, Any]:
    """The few figures of one district's result the roll-up needs (JSON-ready).

    A CV's ratio to its limit is taken from the CV as judged — ``cv_rounded``, the CV rounded as
    the rules round it before comparing (unrounded when the option says so) — so that a ratio over
    1 is exactly a CV over its limit: ``worst_cv_ratio`` (the largest, 6 decimals; used to rank),
    ``worst_cv`` (which CV it is, its judged value and limit, and whether it passes) and
    ``cv_over_limit`` (some judged CV is over its limit)."""
    district, verdict = result["district"], result["verdict"]
    rounded_first = _judges_rounded(result)
    cvs: dict[str, dict[str, Any]] = {}
    for level, body in (result.get("levels") or {}).items():
        for key, ind in (body.get("indicators") or {}).items():
            cv, limit = ind.get("cv"), ind.get("limit")
            if cv is None or (isinstance(cv, float) and math.isnan(cv)):
                continue
            rounded = _finite(ind.get("cv_rounded"))
            as_judged = rounded if rounded_first and rounded is not None else float(cv)
            cvs[f"{level}.{key}"] = {"cv": float(cv), "limit": limit, "passes": bool(ind.get("passes")),
                                     "name_zh": ind.get("name_zh", key), "name_en": ind.get("name_en", key),
                                     "cv_rounded": rounded, "cv_judged": as_judged,
                                     "binding": ind.get("passes") is not None}
    items = {key: item.get("status", "") for key, item in (result.get("items") or {}).items()}
    groups = group_findings(verdict.get("findings") or [])
    # the CVs judged against a limit, each with its ratio; the largest first (a failing CV's
    # ratio is over 1 and every passing one at most 1, so the largest says whether any fails)
    judged = sorted(((c["cv_judged"] / c["limit"], key, c) for key, c in cvs.items()
                     if _finite(c["limit"]) and c["binding"]), key=lambda t: (-t[0], t[1]))
    worst = judged[0] if judged else None
    over = any(not c["passes"] for _, _, c in judged)
    schools = result.get("schools") or []
    return {
        "code": str(district["code"]), "name": district.get("name", ""), "province": district.get("province", ""),
        "school_year": district.get("school_year", ""), "passes": bool(verdict.get("passes")),
        "requirements_not_met": len(groups), "findings": sum(g.count for g in groups),
        # school sections (a nine-year school counts at both levels) and schools (by code)
        "schools": (verdict.get("counts") or {}).get("schools"),
        "school_count": len({str(x.get("code")) for x in schools if x.get("code")}) or None,
        # the district's schools in its data that the school indicators leave out (a special
        # school, a small teaching point) and the scope rules that leave them out: the card says
        # why 175 of 186 schools are assessed
        **_not_assessed(result),
        "worst_cv_ratio": ratio_rounded(worst[0], 6, over) if worst else None,
        "worst_cv": ({"key": worst[1], "cv": worst[2]["cv_judged"], "limit": worst[2]["limit"],
                      "passes": worst[2]["passes"]} if worst else None),
        "cv_over_limit": over,
        "cvs": cvs, "items": items,
        # the requirements the verdict names (as the report groups them), in their order
        "requirements": [g.requirement for g in groups],
        # how many findings each of them has (as "findings" counts them), for the district's card
        "requirement_counts": {g.requirement: g.count for g in groups},
        # each of them in its units and its total shortfall, worded as the report's summary table
        # words them (a card to plan from: how much is missing, not only where)
        "requirement_count_texts": {g.requirement: {lang: view.group_count_text(g, lang) for lang in ("zh", "en")}
                                    for g in groups},
        "requirement_totals": _totals(groups),
        # the schools each requirement's findings are at, where every one is at a school (a
        # requirement with a district-wide finding is the county's to act on, not its schools'):
        # the card names these as the schools' to put right, the others as the district's own
        "requirement_schools": {g.requirement: g.n_schools for g in groups
                                if g.n_schools and all(sg.school_code for sg in g.schools)},
        # the rooms short of a requirement whose findings are rooms (one finding per kind of room a
        # school lacks, which may lack 2): the card says why "47 处" stands beside "缺 49 间"
        "requirement_rooms": {g.requirement: rooms for g in groups if set(g.kinds) == {"room"}
                              and (rooms := rooms_short(f for sg in g.schools for f in sg.findings)) is not None},
        **_other_conditions(result),
        # the method it was assessed by (a roll-up names it: walk 30)
        "method": {k: (result.get("method") or {}).get(k, "") for k in ("key", "title_zh", "title_en", "document")},
        # the data and the rules' version it was assessed on, which a roll-up names too
        **run_names(result.get("run") or {}),
    }


SCOPE_RULES = ("scope.include_private", "scope.include_non_county_run", "scope.include_teaching_points",
               "scope.teaching_point_min_students")


def _not_assessed(result: Mapping[str, Any]) -> dict[str, Any]:
    """``schools_not_assessed``: the district's schools in its data (its schools table's rows, as
    the result's provenance counts them) less the schools assessed on the indicators (the
    engine's scope left them out; nothing is recomputed here); ``scope``: the scope rules it was
    assessed by, from its provenance."""
    provenance = result.get("provenance") or {}
    assessed = {str(x.get("code")) for x in result.get("schools") or [] if x.get("code")}
    in_data = ((provenance.get("data") or {}).get("tables") or {}).get("schools")
    rules = {str(r.get("key")): r.get("value") for r in provenance.get("rules") or [] if isinstance(r, Mapping)}
    return {"schools_not_assessed": max(0, int(in_data) - len(assessed)) if assessed and in_data else None,
            "scope": {k.split(".", 1)[1]: rules[k] for k in SCOPE_RULES if k in rules}}


def _totals(groups: Sequence[Any]) -> dict[str, dict[str, str]]:
    """Each requirement's total shortfall as the report words it, zh and en (none where it gives none)."""
    out = {}
    for g in groups:
        words = {lang: view.group_total(g, lang) for lang in ("zh", "en")}
        if words["zh"]:
            out[g.requirement] = words
    return out


def _other_conditions(result: Mapping[str, Any]) -> dict[str, Any]:
    """Social recognition (its rate against its minimum), the preconditions and the vetoes, as the
    report's scorecard counts them; none where the result has none."""
    rec = result.get("recognition") or {}
    shown = view.recognition(rec, "zh") or {}
    pre = [p for p in result.get("preconditions") or [] if isinstance(p, Mapping)]
    vetoes = [v for v in result.get("vetoes") or [] if isinstance(v, Mapping)]
    return {
        "recognition": ({"rate": _finite(rec.get("rate")), "limit": _finite(rec.get("limit")),
                         "status": str(rec.get("status") or ""),
                         # "88.9%": one decimal, never rounded up to the minimum it falls short of
                         "rate_text": shown.get("rate", "")} if rec else None),
        "preconditions": ({"total": len(pre), "passing": sum(p.get("status") == "pass" for p in pre),
                           "not_met": [str(p.get("key") or "") for p in pre if p.get("status") in NOT_MET]}
                          if pre else None),
        "vetoes": ({"total": len(vetoes), "clear": sum(v.get("applies") is False for v in vetoes),
                    "applying": [str(v.get("key") or "") for v in vetoes if v.get("applies")],
                    "unknown": sum(v.get("applies") is None for v in vetoes)} if vetoes else None),
    }


def source_name(source: Any) -> str:
    """The name of the data a run read: its file or folder name ("M-parquet", "2025.duckdb#3"),
    never the path on the machine that ran it (a roll-up is handed on)."""
    text = str(source or "").strip().rstrip("/\\")
    return re.split(r"[/\\]", text)[-1] if text else ""


def run_names(run: Mapping[str, Any]) -> dict[str, Any]:
    """``source`` (``source_name``) and ``rules`` (the rules' name, version and overlays, each
    overlay by its file name) of a result's ``run``."""
    rules = run.get("rules") or {}
    return {"source": source_name(run.get("source")),
            "rules": {"name": str(rules.get("name") or ""), "version": str(rules.get("version") or ""),
                      "overlays": [source_name(o) for o in rules.get("overlays") or []]}}


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


def _rules_used(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The distinct rules (name, version, overlays) the districts were assessed by."""
    used = {(str(r.get("name") or ""), str(r["version"]), tuple(r.get("overlays") or ()))
            for s in rows if (r := s.get("rules") or {}).get("version")}
    return [{"name": n, "version": v, "overlays": list(o)} for n, v, o in sorted(used)]


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
            entry["failing"] += 0 if c["passes"] or not c.get("binding", True) else 1
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
                    | {"label_zh": requirement_label(r, "zh"), "label_en": requirement_label(r, "en")}
                    for r in sorted(known, key=lambda r: (-not_met[r], requirement_order(r)))}
    return {
        "districts": len(rows),
        "school_years": sorted({str(s["school_year"]) for s in rows if s.get("school_year")}),
        # the methods the districts were assessed by (one, normally), each named as its report names it
        "methods": [dict(m) for m in sorted({tuple(sorted(s["method"].items())) for s in rows
                                             if (s.get("method") or {}).get("key")})],
        # the data read and the rules' versions (one each, normally); summaries written before
        # they were kept: none
        "sources": sorted({str(s["source"]) for s in rows if s.get("source")}),
        "rules": _rules_used(rows),
        "passing": sum(1 for s in rows if s["passes"]),
        "indicators": indicators,
        "items": dict(sorted(by_item.items(), key=lambda kv: (kv[0][0], int(kv[0][1:]) if kv[0][1:].isdigit() else 0))),
        "ranking": [{"rank": i + 1, "code": s["code"], "name": s["name"], "passes": s["passes"],
                     "requirements_not_met": s["requirements_not_met"], "findings": s["findings"],
                     "worst_cv_ratio": s["worst_cv_ratio"], "requirements": list(s.get("requirements") or []),
                     # whether a CV is over its limit (the worst ratio over 1); a summary written
                     # before it says so by its ratio
                     "cv_over_limit": bool(s.get("cv_over_limit", (s["worst_cv_ratio"] or 0) > 1)),
                     # the vetoes that apply (a district failing one must stand out), social
                     # recognition and the preconditions; summaries written before them: none
                     "vetoes_applying": list((s.get("vetoes") or {}).get("applying") or []),
                     # and all the vetoes' counts (how many attested absent, how many without
                     # evidence), so the roll-up can say "一票否决：无" rather than leave it unsaid
                     "vetoes": s.get("vetoes"),
                     "recognition": s.get("recognition"), "preconditions": s.get("preconditions")}
                    for i, s in enumerate(ranked)],
        "requirements": requirements,
    }
