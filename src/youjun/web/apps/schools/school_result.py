"""A school as one finished assessment sees it, written for people.

- Whether it took part, and why not: the engine leaves out of the seven school indicators the
  schools its rule set's ``scope`` excludes (special-education schools, teaching points under
  the minimum roll, …; ``youjun.core.scope``) and its result lists only the schools it
  assessed. The reason is decided again here with the very rule values the run recorded
  (``provenance.rules``), on the run's own data, so a page can say it instead of "not found".
- Each section's values with their units, the school rule applied to the section in words
  (how many indicators meet their standard, which one is under the floor), and each gap
  rounded as the dashboard and the rectification list round it (``youjun.report.numbers``).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from youjun.core.findings import findings_for_school, requirement_order
from youjun.core.labels import code_label, count_unit
from youjun.core.schema import SECTION_GRADES, grade_column
from youjun.core.scope import RecordedScope, school_in_scope
from youjun.report import numbers

Obj = dict[str, Any]


def rule_values(result: Obj) -> dict[str, Any]:
    """The rule values the run used (``provenance.rules``), by key."""
    return {str(r.get("key")): r.get("value") for r in (result.get("provenance") or {}).get("rules") or []}


def assessed_codes(result: Obj) -> set[str]:
    return {str(s.get("code")) for s in result.get("schools") or []}


def _int(v: Any) -> int:
    try:
        return 0 if v is None or pd.isna(v) else int(v)
    except (TypeError, ValueError):
        return 0


def _pupils(row: Obj, section: str | None = None) -> int:
    grades = SECTION_GRADES[section] if section else [g for s in ("primary", "junior", "senior")
                                                       for g in SECTION_GRADES[s]]
    return sum(_int(row.get(grade_column(g))) for g in grades)


def _scope_rules(result: Obj) -> RecordedScope:
    """The run's scope values (read once per result)."""
    return RecordedScope.from_rules(rule_values(result))


def _decide(row: Obj, params: RecordedScope) -> tuple[str, str, str]:
    """(reason key, zh, en) of why the school is not among the assessed ones."""
    county_run = row.get("county_run")
    ownership = row.get("ownership")
    d = school_in_scope(str(row.get("school_type") or ""),
                        "public" if ownership is None or pd.isna(ownership) else str(ownership),
                        True if county_run is None or pd.isna(county_run) else bool(county_run),
                        _pupils(row, "primary"), params)
    if d.in_scope:  # in scope, but no section with pupils: the engine had nothing to measure
        return ("no_pupils", "没有可评估的在校生", "no pupils to assess")
    return d.reason, d.zh, d.en


def not_assessed(result: Obj, tables: dict[str, pd.DataFrame], code: str, lang: str) -> Obj | None:
    """Why the school is not in the run's result (None when it is, or is not in the data)."""
    if code in assessed_codes(result):
        return None
    schools = tables.get("schools")
    if schools is None or schools.empty:
        return None
    rows = schools[schools["school_code"].astype(str) == code].to_dict("records")
    if not rows:
        return None
    row = rows[0]
    key, zh, en = _decide(row, _scope_rules(result))
    kind = code_label("school_type", str(row.get("school_type") or ""), lang)
    pupils = numbers.count(_pupils(row))
    if lang == "zh":
        text = (f"本校不参与本次评估：{kind}，在校生 {pupils} 人（{zh}；评估只计参评学校的 7 项办学指标）。"
                "涉及本校的政府保障与教育质量（G/Q）项仍照常评估，见下。")
    else:
        text = (f"This school is not assessed in this run: {kind}, {pupils} pupils ({en}; only the schools "
                "in scope enter the seven school indicators). The government and quality (G/Q) items "
                "concerning the school are judged as usual, below.")
    return {"reason": key, "type": kind, "pupils": pupils, "text": text}


def not_assessed_summary(result: Obj, tables: dict[str, pd.DataFrame], lang: str) -> Obj | None:
    """How many schools of the data the run left out, by reason — the register's note."""
    done, params = assessed_codes(result), _scope_rules(result)
    groups: dict[tuple[str, str], int] = {}
    for row in tables["schools"].to_dict("records"):
        if str(row["school_code"]) in done:
            continue
        _key, zh, en = _decide(row, params)
        kind = code_label("school_type", str(row.get("school_type") or ""), lang)
        words = zh if lang == "zh" else en
        groups[(kind, words)] = groups.get((kind, words), 0) + 1
    n = sum(groups.values())
    if not n:
        return None
    if lang == "zh":
        parts = "；".join(f"{kind} {k} 所（{why}）" for (kind, why), k in groups.items())
        text = f"未评估的 {n} 所学校：{parts}。它们不参加 7 项办学指标的评估，涉及它们的 G/Q 项仍照常评估。"
    else:
        parts = "; ".join(f"{kind}: {k} ({why})" for (kind, why), k in groups.items())
        text = (f"The {n} schools not assessed: {parts}. They do not enter the seven school indicators; "
                "the G/Q items concerning them are judged as usual.")
    return {"count": n, "text": text}


# -- a section in words --------------------------------------------------------------------------

def _with_unit(text: str, unit: str) -> str:
    return text if text == numbers.MISSING or not unit else f"{text} {unit}"


def gap_amount(indicator: str, missing: Any) -> str:
    """A gap as the dashboard and the rectification list write it: money whole, areas with one
    decimal, people and rooms as integers."""
    unit = count_unit(indicator).key
    if unit == "yuan":
        return numbers.money(missing)
    if unit == "m2":
        return numbers.area(missing)
    if unit in ("teachers", "rooms"):
        return numbers.count(missing)
    return numbers.amount(missing)


def _rule_sentence(section: Obj, rules: dict[str, Any], lang: str) -> str:
    min_met, floor = rules.get("school_compliance.min_met"), rules.get("school_compliance.floor_ratio")
    met, total = section.get("met_count"), len(section.get("rows") or []) or 7
    floor_pct = numbers.percent(100 * float(floor)) if numbers.is_number(floor) else ""
    zh = lang == "zh"
    parts = [f"{total} 项中 {met} 项达标" if zh else f"{met} of {total} indicators meet their standard"]
    if numbers.is_number(min_met):
        enough = numbers.is_number(met) and met >= min_met
        parts.append((f"要求至少 {min_met} 项" if zh else f"at least {min_met} needed")
                     + ("" if enough else ("，不足" if zh else ", too few")))
    for r in section.get("rows") or []:
        if r.get("meets") is not False or r.get("ratio") is None:
            continue
        shown = numbers.percent(100 * r["ratio"], measured=True,
                                below=100 * float(floor) if numbers.is_number(floor) else None)
        if numbers.is_number(floor):
            low = r["ratio"] < float(floor)
            parts.append(f"{r['short']} 为标准的 {shown}，{'低于' if low else '不低于'} {floor_pct}" if zh else
                         f"{r['short']} is {shown} of its standard, {'below' if low else 'not below'} {floor_pct}")
        else:
            parts.append(f"{r['short']} 为标准的 {shown}" if zh else f"{r['short']} is {shown} of its standard")
    c = section.get("compliant")
    words = ("达标", "未达标", "未定") if zh else ("complies", "does not comply", "undecided")
    verdict = words[0] if c is True else words[1] if c is False else words[2]
    return ("；" if zh else "; ").join(parts) + f" → {verdict}"


def school_page(view: Obj | None, result: Obj, tables: dict[str, pd.DataFrame] | None, code: str,
                lang: str) -> Obj | None:
    """The /runs/N/s/CODE/ page's model: the dashboard's school view with every figure written
    (units, rounding, the rule per section), or — for a school of the data the run left out —
    the reason and its G/Q findings. None: the school is not in the run's data at all."""
    from youjun.web.apps.assessment.dashboard import reason_groups, requirement_titles

    rules = rule_values(result)
    method = result.get("method") or {}
    rule = method.get("school_rule_zh" if lang == "zh" else "school_rule_en") or ""
    if view is None:
        note = not_assessed(result, tables or {}, code, lang)
        if note is None:
            return None
        row = tables["schools"][tables["schools"]["school_code"].astype(str) == code].iloc[0] if tables else {}
        mine = [f for f in findings_for_school(result.get("findings") or [], code)
                if requirement_order(str(f.get("requirement") or ""))[0] > 0]
        group = row.get("education_group")
        return {"code": code, "name": row.get("school_name"), "town": row.get("town"),
                "group": None if group is None or pd.isna(group) else group, "sections": [],
                "findings": reason_groups(mine, requirement_titles(result, lang), lang),
                "not_assessed": note, "rule": rule}
    sections = []
    for s in view["sections"]:
        # a value short of its standard never printed as the standard (0.999 beside 1, not 1.00)
        rows = [r | {"value_text": _with_unit(numbers.value_below(r["value"], r["threshold"]), r["unit"]),
                     "threshold_text": _with_unit(numbers.limit(r["threshold"]), r["unit"]),
                     "mean_text": _with_unit(numbers.value(r["district_mean"]), r["unit"])} for r in s["rows"]]
        units = {r["key"]: r["unit"] for r in s["rows"]}
        gaps = [g | {"value_text": _with_unit(numbers.value_below(g["value"], g["threshold"]), units.get(g["key"], "")),
                     "threshold_text": _with_unit(numbers.limit(g["threshold"]), units.get(g["key"], "")),
                     "missing_text": gap_amount(str(g["key"]), g["missing"])} for g in s["gaps"]]
        sections.append(s | {"rows": rows, "gaps": gaps, "rule_text": _rule_sentence(s | {"rows": rows}, rules, lang)})
    return view | {"sections": sections, "not_assessed": None, "rule": rule}
