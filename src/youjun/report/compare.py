"""Year over year: two assessment results of one district (report.json shape) → what changed.

The district's verdict, the counts of the verdict, each coefficient of variation and each G/Q
item, then every school section: its seven indicator values then and now with their units and
whether each met the standard, and whether the section is newly failing, newly passing, still
failing, still passing, new this year or gone. A school "section" is one school at one level
(a nine-year school has a primary and a junior section), as the engine judges it.

Every change is computed from the values as they are shown (indicators rounded as the reports
round them, CVs to 3 decimals), so on the screen the earlier value plus the change is the
current one. The counts are the dashboard's requirements (评估要件): school sections, schools,
CVs, and the G and Q items counted as the dashboard counts them. A code that names another
school (or another type of school) in the two years is flagged, not taken for the same school,
and two years whose school lists mostly differ are said to.

Plain data in, plain data out: the web page, the CLI and the tests all read this one shape.
"""

from __future__ import annotations

from typing import Any

from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS
from youjun.report.numbers import is_number, percent, value

LEVEL_NAMES = {"primary": ("小学", "primary"), "junior": ("初中", "junior")}
# Order in which school sections are listed: what needs attention first.
STATUS_ORDER = ("newly_failing", "still_failing", "new", "newly_passing", "gone", "still_passing")
STATUS_NAMES = {
    "newly_failing": ("新增未达标", "newly failing"),
    "newly_passing": ("新达标", "newly passing"),
    "still_failing": ("仍未达标", "still failing"),
    "still_passing": ("保持达标", "still passing"),
    "new": ("本年新增学校", "new this year"),
    "gone": ("本年不再参评", "no longer assessed"),
}
ITEM_STATUS_NAMES = {
    "pass": ("达标", "met"), "fail": ("未达标", "not met"),
    "evidence_missing": ("缺少佐证", "evidence missing"), None: ("—", "—"),
}


# Below this share of either year's school codes found in the other, the two years seem to
# describe different school lists.
LOW_OVERLAP = 0.5


def _change(now: Any, then: Any) -> float | None:
    return float(now) - float(then) if is_number(now) and is_number(then) else None


def value_decimals(x: Any) -> int:
    """Decimals an indicator value is shown with (as ``numbers.value`` writes it)."""
    text = value(x)
    return len(text.split(".")[1]) if "." in text else 0


def _shown_change(now: Any, then: Any, decimals: int) -> float | None:
    """The change between two figures as they are shown with ``decimals`` decimals."""
    if not (is_number(now) and is_number(then)):
        return None
    change = round(round(float(now), decimals) - round(float(then), decimals), decimals)
    return change + 0.0  # no "-0.0"


def _indicator_change(now: Any, then: Any) -> tuple[float | None, int]:
    """The change as shown beside two indicator values, and the decimals to show it with:
    each value rounded as displayed, the change to the finer of the two."""
    decimals = max(value_decimals(now), value_decimals(then))
    return _shown_change(now, then, decimals), decimals


def _section_key(s: dict[str, Any]) -> tuple[str, str]:
    return (str(s.get("code")), str(s.get("level")))


def _school_status(then: dict[str, Any] | None, now: dict[str, Any] | None) -> str:
    if then is None:
        return "new"
    if now is None:
        return "gone"
    was, is_ = bool(then.get("compliant")), bool(now.get("compliant"))
    if was and not is_:
        return "newly_failing"
    if is_ and not was:
        return "newly_passing"
    return "still_passing" if is_ else "still_failing"


def _indicator_rows(then: dict[str, Any] | None, now: dict[str, Any] | None) -> list[dict[str, Any]]:
    keys = list((now or then or {}).get("values") or {})
    rows = []
    for key in keys:
        zh, en, unit_zh, unit_en = INDICATOR_LABELS.get(key, (key, key, "", ""))
        v0 = (then or {}).get("values", {}).get(key)
        v1 = (now or {}).get("values", {}).get(key)
        m0 = (then or {}).get("meets", {}).get(key) if then else None
        m1 = (now or {}).get("meets", {}).get(key) if now else None
        change, decimals = _indicator_change(v1, v0)
        t0 = (then or {}).get("thresholds", {}).get(key)
        t1 = (now or {}).get("thresholds", {}).get(key)
        rows.append({
            "key": key, "name_zh": zh, "name_en": en, "unit_zh": unit_zh, "unit_en": unit_en,
            "earlier": v0, "current": v1, "change": change, "change_decimals": decimals,
            "threshold": (now or then or {}).get("thresholds", {}).get(key),
            "met_earlier": m0, "met_current": m1,
            "flipped": (m0 is not None and m1 is not None and m0 != m1),
            # the share of its standard each year (every indicator is "at least" its standard)
            "ratio_earlier": _ratio_of(v0, t0), "ratio_current": _ratio_of(v1, t1),
        })
    return rows


def _ratio_of(v: Any, threshold: Any) -> float | None:
    return float(v) / float(threshold) if is_number(v) and is_number(threshold) and float(threshold) else None


def _explained(rows: list[dict[str, Any]], status: str) -> list[dict[str, Any]]:
    """Mark the indicators that explain a change of verdict: those that changed between met and
    not met (``explains``). When none did, the verdict changed on the tolerance (the national
    rule lets one indicator fall short down to 85% of its standard): the indicators short in both
    years are marked ``short_both``, to be said in words, never as indicators that changed."""
    changed = status in ("newly_failing", "newly_passing")
    for r in rows:
        r["explains"] = changed and r["flipped"]
    none_flipped = changed and not any(r["flipped"] for r in rows)
    for r in rows:
        r["short_both"] = none_flipped and r["met_earlier"] is False and r["met_current"] is False
    return rows


def _schools(earlier: dict[str, Any], current: dict[str, Any]) -> list[dict[str, Any]]:
    then = {_section_key(s): s for s in earlier.get("schools") or []}
    now = {_section_key(s): s for s in current.get("schools") or []}
    out = []
    for key in list(now) + [k for k in then if k not in now]:
        s0, s1 = then.get(key), now.get(key)
        base = s1 or s0 or {}
        status = _school_status(s0, s1)
        out.append({
            "code": key[0], "level": key[1], "name": base.get("name"), "town": base.get("town"),
            "name_earlier": s0.get("name") if s0 else None, "name_current": s1.get("name") if s1 else None,
            "type_earlier": s0.get("type") if s0 else None, "type_current": s1.get("type") if s1 else None,
            "identity_changed": bool(s0 and s1 and (s0.get("name") != s1.get("name")
                                                    or s0.get("type") != s1.get("type"))),
            "level_zh": LEVEL_NAMES.get(key[1], (key[1], key[1]))[0],
            "level_en": LEVEL_NAMES.get(key[1], (key[1], key[1]))[1],
            "status": status, "status_zh": STATUS_NAMES[status][0], "status_en": STATUS_NAMES[status][1],
            "compliant_earlier": bool(s0.get("compliant")) if s0 else None,
            "compliant_current": bool(s1.get("compliant")) if s1 else None,
            "met_earlier": s0.get("met_count") if s0 else None,
            "met_current": s1.get("met_count") if s1 else None,
            "pupils_earlier": s0.get("pupils") if s0 else None,
            "pupils_current": s1.get("pupils") if s1 else None,
            "indicators": _explained(_indicator_rows(s0, s1), status),
        })
    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    out.sort(key=lambda r: (order[str(r["status"])], str(r["code"]), str(r["level"])))
    return out


def _cvs(earlier: dict[str, Any], current: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    levels0, levels1 = earlier.get("levels") or {}, current.get("levels") or {}
    for level in [lv for lv in LEVEL_NAMES if lv in levels0 or lv in levels1]:
        ind0 = (levels0.get(level) or {}).get("indicators") or {}
        ind1 = (levels1.get(level) or {}).get("indicators") or {}
        for key in list(ind1) + [k for k in ind0 if k not in ind1]:
            a, b = ind0.get(key) or {}, ind1.get(key) or {}
            zh, en, _u, _v = INDICATOR_LABELS.get(key, (key, key, "", ""))
            cv0, cv1 = a.get("cv_rounded"), b.get("cv_rounded")
            rows.append({
                "level": level, "level_zh": LEVEL_NAMES[level][0], "level_en": LEVEL_NAMES[level][1],
                "key": key, "name_zh": zh, "name_en": en,
                "earlier": cv0, "current": cv1, "change": _shown_change(cv1, cv0, 3),
                "limit": b.get("limit", a.get("limit")),
                "passes_earlier": a.get("passes"), "passes_current": b.get("passes"),
                "n_failing_earlier": a.get("n_failing"), "n_failing_current": b.get("n_failing"),
            })
    return rows


def _items(earlier: dict[str, Any], current: dict[str, Any]) -> list[dict[str, Any]]:
    then, now = earlier.get("items") or {}, current.get("items") or {}
    rows = []
    for key in list(now) + [k for k in then if k not in now]:
        s0 = (then.get(key) or {}).get("status")
        s1 = (now.get(key) or {}).get("status")
        zh, en = ITEM_LABELS.get(key, (key, key))
        rows.append({
            "key": key, "title_zh": zh, "title_en": en,
            "earlier": s0, "current": s1,
            "earlier_zh": ITEM_STATUS_NAMES.get(s0, (str(s0), str(s0)))[0],
            "earlier_en": ITEM_STATUS_NAMES.get(s0, (str(s0), str(s0)))[1],
            "current_zh": ITEM_STATUS_NAMES.get(s1, (str(s1), str(s1)))[0],
            "current_en": ITEM_STATUS_NAMES.get(s1, (str(s1), str(s1)))[1],
            "changed": s0 != s1,
        })
    return rows


def compare_results(earlier: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """What changed from ``earlier`` to ``current`` (two results of one district)."""
    d0, d1 = earlier.get("district") or {}, current.get("district") or {}
    if d0.get("code") != d1.get("code"):
        raise ValueError(f"two different districts: {d0.get('code')} and {d1.get('code')}")
    v0, v1 = earlier.get("verdict") or {}, current.get("verdict") or {}
    schools = _schools(earlier, current)
    req0, req1 = requirements(earlier), requirements(current)
    counts = [{"key": key, "met_earlier": req0[key][0], "total_earlier": req0[key][1],
               "met_current": req1[key][0], "total_current": req1[key][1],
               "change": _change(req1[key][0], req0[key][0])} for key in COUNT_NAMES]
    by_status = {s: [r for r in schools if r["status"] == s] for s in STATUS_ORDER}
    return {
        "district": {"code": d1.get("code"), "name": d1.get("name")},
        "years": {"earlier": d0.get("school_year"), "current": d1.get("school_year")},
        "identity_changed": _identity_changed(schools),
        "overlap": _overlap(earlier, current),
        "verdict": {"earlier": v0.get("passes"), "current": v1.get("passes"),
                    "reasons_earlier": len(v0.get("reasons") or []),
                    "reasons_current": len(v1.get("reasons") or [])},
        "counts": counts,
        "recognition": {"earlier": (earlier.get("recognition") or {}).get("rate"),
                        "current": (current.get("recognition") or {}).get("rate")},
        "cvs": _cvs(earlier, current),
        "items": _items(earlier, current),
        "schools": schools,
        "tally": {s: len(v) for s, v in by_status.items()},
        "reconcile": _reconcile(by_status),
        "floor_ratio": _floor_ratio(current),
        "rule": {"zh": str((current.get("method") or {}).get("school_rule_zh") or ""),
                 "en": str((current.get("method") or {}).get("school_rule_en") or "")},
        "newly_failing": by_status["newly_failing"],
        "newly_passing": by_status["newly_passing"],
    }


def _reconcile(by_status: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """The failing sections of the two years and what moved them: earlier failing + newly failing
    − newly passing − gone (failing then) + new (failing now) = failing now."""
    gone, new = by_status["gone"], by_status["new"]
    out = {"newly_failing": len(by_status["newly_failing"]), "newly_passing": len(by_status["newly_passing"]),
           "gone": len(gone), "gone_failing": sum(1 for s in gone if s["compliant_earlier"] is False),
           "new": len(new), "new_failing": sum(1 for s in new if s["compliant_current"] is False)}
    still = len(by_status["still_failing"])
    out["failing_earlier"] = still + out["newly_passing"] + out["gone_failing"]
    out["failing_current"] = still + out["newly_failing"] + out["new_failing"]
    return out


# reconcile_line's sentence, in parts: head, the gone sections that were passing (said only
# when there are any), the new sections, the new sections that pass (likewise), the full stop.
_RECONCILE = {
    "zh": ("未达标学段 {failing_earlier:,} → {failing_current:,}（{y0} → {y1}）：新增未达标 +{newly_failing:,}，"
           "新达标 −{newly_passing:,}，本年不再参评 −{gone_failing:,}",
           "（不再参评学段共 {gone:,} 个，其中 {gone_passing:,} 个原已达标）",
           "，本年新增参评 +{new_failing:,}",
           "（新增参评学段共 {new:,} 个，其中 {new_passing:,} 个达标）", "。"),
    "en": ("Failing school sections {failing_earlier:,} → {failing_current:,} ({y0} → {y1}): "
           "newly failing +{newly_failing:,}, newly passing −{newly_passing:,}, "
           "no longer assessed −{gone_failing:,}",
           " (of {gone:,} sections no longer assessed, {gone_passing:,} were passing)",
           ", new this year +{new_failing:,}",
           " (of {new:,} new sections, {new_passing:,} pass)", "."),
}


def reconcile_line(c: dict[str, Any], lang: str = "zh") -> str:
    """The failing sections of the two years reconciled in one sentence."""
    r = c["reconcile"]
    f = r | {"y0": c["years"]["earlier"], "y1": c["years"]["current"],
             "gone_passing": r["gone"] - r["gone_failing"], "new_passing": r["new"] - r["new_failing"]}
    head, gone, new, new_passing, stop = _RECONCILE["zh" if lang == "zh" else "en"]
    return (head.format(**f) + (gone.format(**f) if f["gone_passing"] else "") + new.format(**f)
            + (new_passing.format(**f) if f["new_passing"] else "") + stop)


def _floor_ratio(result: dict[str, Any]) -> float | None:
    """The share of its standard a seventh indicator may not fall below (0.85), as the run used it."""
    for r in (result.get("provenance") or {}).get("rules") or []:
        if r.get("key") == "school_compliance.floor_ratio" and is_number(r.get("value")):
            return float(r["value"])
    return None


def floor_words(s: dict[str, Any], rule: str, lang: str = "zh", floor: float | None = None) -> str:
    """Why a section changed verdict when no indicator crossed its standard, in words. A share
    just under the floor is cut, never rounded up to it (84.996% is "84.9%", not "85.0%")."""
    short = [i for i in s["indicators"] if i.get("short_both")]
    if not short:
        return ""
    zh = lang == "zh"

    def pct(x: Any) -> str:
        if not is_number(x):
            return "—"
        return percent(100 * float(x), measured=True, below=None if floor is None else 100 * floor)

    said = ("；" if zh else "; ").join(
        f"{i['name_zh']} 两年均未达标，达到标准的 {pct(i['ratio_earlier'])} → {pct(i['ratio_current'])}" if zh else
        f"{i['name_en']} short of its standard in both years, {pct(i['ratio_earlier'])} → "
        f"{pct(i['ratio_current'])} of it" for i in short)
    if zh:
        return f"没有指标在达标与未达标之间变化：{said}，跨过允许下限（{rule}）"
    return f"No indicator changed between meeting and not meeting its standard: {said}, across the floor ({rule})"


def school_changes(comparison: dict[str, Any], code: str) -> list[dict[str, Any]]:
    """The sections of one school in a comparison (one per level)."""
    return [s for s in comparison["schools"] if s["code"] == code]


# The requirements counted met of total, named as the dashboard's summary (评估要件) names them;
# the engine judges school SECTIONS (a nine-year school is a primary and a junior section).
COUNT_NAMES = {
    "sections": ("达标学段（学校按学段计）", "School sections meeting the standard (schools counted by level)"),
    "schools": ("达标学校（各学段均达标）", "Schools meeting the standard in every section"),
    "cv": ("差异系数达标", "Coefficients of variation within the limit"),
    "g": ("政府保障程度达标项", "Government duties (G) met"),
    "q": ("教育质量达标项", "Education quality (Q) met"),
}


def _items_met(items: dict[str, Any], prefix: str) -> tuple[int, int]:
    """G or Q items met of all, as the dashboard counts them (g1…g15, q1…q9)."""
    keys = [k for k in items if k.startswith(prefix) and k[len(prefix):].isdigit()]
    return sum(1 for k in keys if (items[k] or {}).get("status") == "pass"), len(keys)


def requirements(result: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Each requirement of one result as (met, total)."""
    counts = (result.get("verdict") or {}).get("counts") or {}
    by_code: dict[str, bool] = {}
    for s in result.get("schools") or []:
        code = str(s.get("code"))
        by_code[code] = by_code.get(code, True) and bool(s.get("compliant"))
    items = result.get("items") or {}
    return {
        "sections": (counts.get("schools_compliant"), counts.get("schools")),
        "schools": (sum(by_code.values()), len(by_code)),
        "cv": (counts.get("cv_passing"), counts.get("cv_checks")),
        "g": _items_met(items, "g"), "q": _items_met(items, "q"),
    }


def _identity_changed(sections: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per school code whose name or type differs between the years."""
    seen: dict[str, dict[str, Any]] = {}
    for s in sections:
        if s["identity_changed"] and s["code"] not in seen:
            seen[s["code"]] = {k: s[k] for k in ("code", "name_earlier", "name_current",
                                                 "type_earlier", "type_current")}
    return sorted(seen.values(), key=lambda x: str(x["code"]))


def _overlap(earlier: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """How many school codes the two years share; low when either year mostly lacks the other's."""
    c0 = {str(s.get("code")) for s in earlier.get("schools") or []}
    c1 = {str(s.get("code")) for s in current.get("schools") or []}
    shared = len(c0 & c1)
    low = bool(c0 and c1) and (shared < LOW_OVERLAP * len(c0) or shared < LOW_OVERLAP * len(c1))
    return {"shared": shared, "earlier": len(c0), "current": len(c1), "low": low}


def warning_lines(c: dict[str, Any], lang: str = "zh") -> list[str]:
    """What a reader must know before trusting the comparison (shown first, page and CLI)."""
    zh = lang == "zh"
    out = []
    o = c.get("overlap") or {}
    if o.get("low"):
        out.append(f"注意：两个学年的学校名单大多不同（两年共有学校代码 {o['shared']:,} 个，"
                   f"{c['years']['earlier']} 有 {o['earlier']:,} 所、{c['years']['current']} 有 {o['current']:,} 所），"
                   "对比结果可能反映的是名单差异而非学校变化，请核对数据" if zh else
                   f"Warning: the two years' school lists mostly differ ({o['shared']:,} school codes in both; "
                   f"{c['years']['earlier']}: {o['earlier']:,} schools, {c['years']['current']}: {o['current']:,}); "
                   "the comparison may show a different list rather than schools that changed. Check the data.")
    changed = c.get("identity_changed") or []
    if changed:
        n = len(changed)
        out.append(f"注意：{n} 所学校代码相同但校名不同，请核对" if zh else
                   f"Warning: {n} school code{'s name' if n > 1 else ' names'} a different school in the two years "
                   "(the same code, another name or type); check them")
        for x in changed:
            out.append(f"    {x['code']}：{x['name_earlier']}（{c['years']['earlier']}）→ {x['name_current']}"
                       f"（{c['years']['current']}）" if zh else
                       f"    {x['code']}: {x['name_earlier']} ({c['years']['earlier']}) → {x['name_current']} "
                       f"({c['years']['current']})")
    return out


def _fmt(x: Any, decimals: int = 0, signed: bool = False) -> str:
    if not is_number(x):
        return "—"
    text = f"{float(x):{'+' if signed else ''},.{decimals}f}"
    return text


def _verdict_word(passes: Any, lang: str) -> str:
    if passes is None:
        return "—"
    return ("达标" if passes else "未达标") if lang == "zh" else ("passes" if passes else "does not pass")


def _ratio(met: Any, total: Any) -> str:
    return f"{_fmt(met)}/{_fmt(total)}"


def _change_text(change: Any, decimals: int) -> str:
    if not is_number(change):
        return "—"
    return "0" if change == 0 else _fmt(change, decimals, signed=True)


def compare_lines(c: dict[str, Any], lang: str = "zh") -> list[str]:
    """The comparison as plain text lines (the CLI's output)."""
    y0, y1 = c["years"]["earlier"], c["years"]["current"]
    d = c["district"]
    zh = lang == "zh"
    v = c["verdict"]
    out = [f"{d['name']}（{d['code']}）{y1} 对比 {y0}：" if zh else f"{d['name']} ({d['code']}) {y1} against {y0}:"]
    out += [f"  {w}" for w in warning_lines(c, lang)]
    out.append((f"  结论：{_verdict_word(v['earlier'], lang)} → {_verdict_word(v['current'], lang)}；"
                f"未达标原因 {v['reasons_earlier']} → {v['reasons_current']} 项") if zh else
               (f"  verdict: {_verdict_word(v['earlier'], lang)} → {_verdict_word(v['current'], lang)}; "
                f"reasons {v['reasons_earlier']} → {v['reasons_current']}"))
    for row in c["counts"]:
        name = COUNT_NAMES[row["key"]][0 if zh else 1]
        then, now = _ratio(row["met_earlier"], row["total_earlier"]), _ratio(row["met_current"], row["total_current"])
        change = _change_text(row["change"], 0)
        out.append(f"  {name}：{then} → {now}（{change}）" if zh else f"  {name}: {then} → {now} ({change})")
    if "reconcile" in c:
        out.append(f"  {reconcile_line(c, lang)}")
    for row in c["cvs"]:
        if row["change"] is None and row["earlier"] == row["current"]:
            continue
        lv = row["level_zh" if zh else "level_en"]
        name = row["name_zh" if zh else "name_en"]
        change = _change_text(row["change"], 3)
        out.append(f"  差异系数 {lv} {name}：{_fmt(row['earlier'], 3)} → {_fmt(row['current'], 3)}（{change}，"
                   f"限值 {_fmt(row['limit'], 2)}）" if zh else
                   f"  CV {lv} {name}: {_fmt(row['earlier'], 3)} → {_fmt(row['current'], 3)} "
                   f"({change}; limit {_fmt(row['limit'], 2)})")
    for row in c["items"]:
        if row["changed"]:
            s0, s1 = row["earlier_zh" if zh else "earlier_en"], row["current_zh" if zh else "current_en"]
            title = row["title_zh" if zh else "title_en"]
            out.append(f"  {row['key'].upper()} {title}：{s0} → {s1}" if zh
                       else f"  {row['key'].upper()} {title}: {s0} → {s1}")
    for status in ("newly_failing", "newly_passing"):
        rows = c[status]
        n = len(rows)
        out.append(f"  {STATUS_NAMES[status][0]}学段 {n} 个：" if zh
                   else f"  {STATUS_NAMES[status][1]}: {n} school section{'' if n == 1 else 's'}:")
        for s in rows:
            flips = [i for i in s["indicators"] if i["explains"]]
            what = ("、" if zh else ", ").join(
                f"{i['name_zh' if zh else 'name_en']} {_ind(i['earlier'])} → {_ind(i['current'])} "
                f"{i['unit_zh' if zh else 'unit_en']}".rstrip()
                + (f"（{_change_text(i['change'], i['change_decimals'])}）" if zh
                   else f" ({_change_text(i['change'], i['change_decimals'])})") for i in flips) \
                or floor_words(s, (c.get("rule") or {}).get(lang, ""), lang, c.get("floor_ratio"))
            flag = ""
            if s.get("identity_changed"):
                flag = (f"［代码相同但校名不同：{s['name_earlier']} → {s['name_current']}］" if zh
                        else f" [same code, another school: {s['name_earlier']} → {s['name_current']}]")
            out.append(f"    {s['name']}（{s['code']}）{s['level_zh']}{flag}：{what}" if zh
                       else f"    {s['name']} ({s['code']}) {s['level_en']}{flag}: {what}")
    return out


def _ind(x: Any) -> str:
    """An indicator value as the reports write it."""
    return value(x)
