"""The per-level part of the report view: CV chart and table, compliance grid, school gaps.

Everything is turned into display strings and CSS classes here, so the templates only lay
out what they are given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from youjun.report import numbers as num
from youjun.report.charts import Bar, bar_chart
from youjun.report.fonts import FONT_STACK
from youjun.report.messages import label, level_name, pick, short_name

Obj = Mapping[str, Any]
LEVEL_ORDER = ("primary", "junior")


def status_class(ok: bool | None) -> str:
    """CSS class of a finding: ok (green), bad (red), na (grey: missing or undecided)."""
    if ok is None:
        return "na"
    return "ok" if ok else "bad"


def indicator_keys(level: Obj, schools: Sequence[Obj]) -> list[str]:
    """The level's indicators in the result's order; from the schools if the level has none."""
    keys = list((level.get("indicators") or {}).keys())
    for school in schools:
        keys += [k for k in (school.get("values") or {}) if k not in keys]
    return keys


def level_view(key: str, level: Obj, schools: Sequence[Obj], lang: str,
               rules: Obj | None = None) -> dict[str, Any]:
    mine = [s for s in schools if s.get("level") == key]
    keys = indicator_keys(level, mine)
    indicators = level.get("indicators") or {}
    composite = level.get("composite")
    return {
        "key": key,
        "heading": label("level_heading", lang, level=level_name(key, lang)),
        "name": level_name(key, lang),
        "n_schools": num.any_figure(level.get("n_schools", len(mine))),
        "pupils": num.any_figure(level.get("pupils")),
        "composite": _composite(composite, lang) if composite else None,
        "chart": cv_chart(keys, indicators, composite, lang),
        "cv_rows": [cv_row(k, indicators.get(k) or {}, lang) for k in keys],
        "grid": grid(keys, indicators, mine, lang),
        "grid_rule": grid_rule(len(keys), rules or {}, lang),
        "chart_narrow": cv_chart(keys, indicators, composite, lang, width=NARROW_CHART),
        "gaps": school_gaps(mine, lang),
        "gaps_note": gaps_note(len(keys), rules or {}, lang),
    }


def gaps_note(n: int, rules: Obj, lang: str) -> str:
    """Why a school whose section complies is among the gaps (the min_met-of-n rule)."""
    min_met = rules.get("school_compliance.min_met")
    if not num.is_number(min_met) or not n:
        return ""
    return label("gaps_note", lang, n=n, min_met=int(min_met))


def _composite(composite: Obj, lang: str) -> dict[str, str]:
    return {"cv": num.cv(composite.get("cv")), "limit": num.cv_limit(composite.get("limit")),
            "css": status_class(composite.get("passes")),
            "status": _pass_word(composite.get("passes"), lang)}


def _pass_word(ok: bool | None, lang: str) -> str:
    if ok is None:
        return label("none", lang)
    return label("status_pass" if ok else "status_fail", lang)


def grid_rule(n: int, rules: Obj, lang: str) -> str:
    """When a school section complies, in the rule set's own figures (min_met, floor_ratio)."""
    min_met, floor = rules.get("school_compliance.min_met"), rules.get("school_compliance.floor_ratio")
    if not (num.is_number(min_met) and num.is_number(floor)) or not n:
        return ""
    return label("grid_rule", lang, n=n, min_met=int(min_met), floor=num.percent(float(floor) * 100))


# The chart drawn a second time this wide (px) for a phone: at 390 px the page's 680 px chart
# would be scaled to half, its labels to 5–6 px; this one is shown at its own size.
NARROW_CHART = 360


def cv_chart(keys: Sequence[str], indicators: Obj, composite: Obj | None, lang: str,
             width: float = 680) -> Markup:
    bars = []
    for k in keys:
        ind = indicators.get(k) or {}
        value = ind.get("cv_rounded", ind.get("cv"))
        name = pick(ind, "name", lang) or k
        tip = (f"{name}\n{label('cv', lang)} {num.cv(value)} · {label('limit', lang)} "
               f"{num.cv_limit(ind.get('limit'))} · {label('mean', lang)} "
               f"{num.value(ind.get('mean'))} {pick(ind, 'unit', lang)}")
        bars.append(Bar(f"{k.split('_')[0].upper()} {short_name(k, lang, name)}",
                        value if num.is_number(value) else None,
                        ind.get("limit") if num.is_number(ind.get("limit")) else None,
                        ind.get("passes"), tip))
    if composite:
        value = composite.get("cv")
        bars.append(Bar(label("composite_cv", lang), value if num.is_number(value) else None,
                        composite.get("limit"), composite.get("passes"),
                        f"{label('composite_cv', lang)} {num.cv(value)}"))
    svg = bar_chart(bars, axis_title=label("cv_axis", lang),
                    limit_label=lambda v: label("cv_limit_line", lang, limit=num.cv_limit(v)),
                    value_label=num.cv, font_family=FONT_STACK.replace('"', "'"),
                    title=label("cv_chart", lang), width=width)
    return Markup(svg)  # built from escaped parts in charts.py


def cv_row(key: str, ind: Obj, lang: str) -> dict[str, Any]:
    ineq = ind.get("inequality") or {}
    between = ineq.get("theil_between") or {}
    theil = ineq.get("theil")
    shares = []
    for group in ("town", "location", "education_group"):
        part = between.get(group)
        if num.is_number(part) and num.is_number(theil) and theil > 0:
            shares.append(f"{label('theil_between_' + group, lang)} {part / theil:.0%}")
    left, right = ("（", "）") if lang == "zh" else (" (", ")")
    drivers = [f"{d.get('name', d.get('code', ''))}{left}{num.signed(d.get('delta_cv'))}{right}"
               for d in ind.get("drivers") or []]
    return {
        "code": key.split("_")[0].upper(), "name": pick(ind, "name", lang) or key,
        "unit": pick(ind, "unit", lang), "mean": num.value(ind.get("mean")),
        "cv": num.cv(ind.get("cv_rounded", ind.get("cv"))),
        "limit": num.cv_limit(ind.get("limit")), "css": status_class(ind.get("passes")),
        "status": _pass_word(ind.get("passes"), lang),
        "n_failing": num.any_figure(ind.get("n_failing")),
        "cv_if_met": num.cv(ind.get("cv_if_failing_met")),
        "drivers": drivers,
        "gini": num.fixed(ineq.get("gini"), 3), "theil": num.fixed(theil, 3),
        "theil_shares": "；".join(shares) if lang == "zh" else "; ".join(shares),
        "mcloone": num.fixed(ineq.get("mcloone"), 3),
        "range_ratio": num.fixed(ineq.get("range_ratio"), 2),
    }


def grid(keys: Sequence[str], indicators: Obj, schools: Sequence[Obj],
         lang: str) -> dict[str, Any]:
    columns = []
    for k in keys:
        ind = indicators.get(k) or {}
        threshold = ind.get("threshold")
        if threshold is None:  # a level without per-school thresholds: take a school's
            threshold = next((s.get("thresholds", {}).get(k) for s in schools
                              if (s.get("thresholds") or {}).get(k) is not None), None)
        columns.append({"key": k, "code": k.split("_")[0].upper(),
                        "short": short_name(k, lang, pick(ind, "name", lang)),
                        "name": pick(ind, "name", lang) or k,
                        "threshold": "" if threshold is None else f"≥{num.limit(threshold)}"})
    rows = []
    for s in schools:
        values, meets = s.get("values") or {}, s.get("meets") or {}
        thresholds = s.get("thresholds") or {}
        cells = []
        for col in columns:
            k = col["key"]
            shown = (num.value_below(values.get(k), thresholds.get(k)) if meets.get(k) is False
                     else num.value(values.get(k)))  # a red cell never reads as its threshold
            cells.append({
                "text": shown, "css": status_class(meets.get(k)),
                "title": f"{s.get('name', '')} · {col['name']}: {shown} / ≥{num.limit(thresholds.get(k))}"})
        compliant = s.get("compliant")
        rows.append({"code": s.get("code", ""), "name": s.get("name", ""),
                     "pupils": num.any_figure(s.get("pupils")), "cells": cells,
                     "met_count": f"{num.any_figure(s.get('met_count'))}/{len(columns)}",
                     "css": status_class(compliant),
                     "compliant": _compliance_word(compliant, lang)})
    return {"columns": columns, "rows": rows}


def _compliance_word(compliant: bool | None, lang: str) -> str:
    if compliant is None:
        return label("undecided", lang)
    return label("yes" if compliant else "no", lang)


def school_gaps(schools: Sequence[Obj], lang: str) -> list[dict[str, Any]]:
    """Schools with any indicator below its threshold, non-compliant ones first."""
    out = []
    order = {False: 0, None: 1, True: 2}
    for s in sorted(schools, key=lambda s: order.get(s.get("compliant"), 1)):
        gaps = s.get("gaps") or []
        if not gaps:
            continue
        rows = []
        for g in gaps:
            k = g.get("indicator", "")
            rows.append({
                "indicator": f"{k.split('_')[0].upper()} {short_name(k, lang)}",
                # never printed as its threshold: 2.397 beside 2.4, not 2.40
                "value": num.value_below(g.get("value"), g.get("threshold")),
                "threshold": num.limit(g.get("threshold")),
                "shortfall": label("short_by", lang, amount=gap_amount(g.get("missing"), g.get("unit_zh")),
                                   unit=pick(g, "unit", lang)),
                "what": pick(g, "what", lang)})
        out.append({"code": s.get("code", ""), "name": s.get("name", ""),
                    "pupils": num.any_figure(s.get("pupils")),
                    "css": status_class(s.get("compliant")),
                    "compliant": _compliance_word(s.get("compliant"), lang), "rows": rows})
    return out


def gap_amount(x: Any, unit_zh: Any) -> str:
    """A school's shortfall, rounded as the findings round its unit: money to the whole yuan,
    areas to one decimal, people and rooms whole ("差 57,400 元", "差 651.7 平方米")."""
    if unit_zh == "元":
        return num.money(x)
    if unit_zh == "平方米":
        return num.area(x)
    if unit_zh in ("人", "间", "个", "名"):
        return num.count(x)
    return num.amount(x)


def ordered_levels(levels: Obj) -> list[str]:
    return [k for k in LEVEL_ORDER if k in levels] + [k for k in levels if k not in LEVEL_ORDER]
