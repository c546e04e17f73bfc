"""Which CV reading was in force (rounded first, or unrounded) and whether it mattered.

The documents only say "≤ 0.50"; rounding to the published decimals before comparing is a
reading (option ``cv_decimals.compare``). Every report says which one was in force and
whether the other would change any CV's result, worked out from the result's own CVs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from youjun.core.judging import at_most
from youjun.report import numbers as num
from youjun.report.messages import label, level_name, short_name

OPTION = "cv_decimals.compare"


def _option(result: Mapping[str, Any]) -> str:
    for o in result.get("options") or []:
        if o.get("name") == OPTION:
            return str(o.get("value") or "rounded")
    return "rounded"  # rule sets without the option round first, as published


def _decimals(result: Mapping[str, Any]) -> Any:
    for r in (result.get("provenance") or {}).get("rules") or []:
        if r.get("key") in ("measurement.cv_decimals.decimals", "measurement.cv_decimals"):
            return r.get("value")
    return None


def changed_by_other_reading(result: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(level, indicator) of every judged CV whose pass/fail differs between the readings."""
    out = []
    for level, lv in (result.get("levels") or {}).items():
        for key, ind in ((lv or {}).get("indicators") or {}).items():
            cv, rounded, limit = ind.get("cv"), ind.get("cv_rounded"), ind.get("limit")
            if ind.get("passes") is None or not all(num.is_number(x) for x in (cv, rounded, limit)):
                continue
            if at_most(rounded, limit) != at_most(cv, limit):
                out.append((level, key))
    return out


def rounding_statement(result: Mapping[str, Any], lang: str) -> dict[str, str]:
    mode = _option(result)
    decimals = _decimals(result)
    if mode == "rounded":
        text = label("cv_rounding_rounded", lang, d=num.any_figure(decimals) if decimals else "3")
    else:
        text = label("cv_rounding_unrounded", lang)
    changed = changed_by_other_reading(result)
    if not changed:
        effect = label("cv_rounding_same", lang)
    else:
        which = ("、" if lang == "zh" else "; ").join(
            f"{level_name(lv, lang)} {k.split('_')[0].upper()} {short_name(k, lang)}" for lv, k in changed)
        effect = label("cv_rounding_changes", lang, n=len(changed), which=which)
    return {"title": label("cv_rounding", lang), "mode": text, "effect": effect}
