"""Year over year: two assessment results of one district (report.json shape) → what changed.

The district's verdict, the counts of the verdict, each coefficient of variation and each G/Q
item, then every school section: its seven indicator values then and now with their units and
whether each met the standard, and whether the section is newly failing, newly passing, still
failing, still passing, new this year or gone. A school "section" is one school at one level
(a nine-year school has a primary and a junior section), as the engine judges it.

Plain data in, plain data out: the web page, the CLI and the tests all read this one shape.
"""

from __future__ import annotations

from typing import Any

from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS
from youjun.report.numbers import is_number

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


def _change(now: Any, then: Any) -> float | None:
    return float(now) - float(then) if is_number(now) and is_number(then) else None


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
        rows.append({
            "key": key, "name_zh": zh, "name_en": en, "unit_zh": unit_zh, "unit_en": unit_en,
            "earlier": v0, "current": v1, "change": _change(v1, v0),
            "threshold": (now or then or {}).get("thresholds", {}).get(key),
            "met_earlier": m0, "met_current": m1,
            "flipped": (m0 is not None and m1 is not None and m0 != m1),
        })
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
            "level_zh": LEVEL_NAMES.get(key[1], (key[1], key[1]))[0],
            "level_en": LEVEL_NAMES.get(key[1], (key[1], key[1]))[1],
            "status": status, "status_zh": STATUS_NAMES[status][0], "status_en": STATUS_NAMES[status][1],
            "met_earlier": s0.get("met_count") if s0 else None,
            "met_current": s1.get("met_count") if s1 else None,
            "pupils_earlier": s0.get("pupils") if s0 else None,
            "pupils_current": s1.get("pupils") if s1 else None,
            "indicators": _indicator_rows(s0, s1),
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
                "earlier": cv0, "current": cv1, "change": _change(cv1, cv0),
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
    c0, c1 = v0.get("counts") or {}, v1.get("counts") or {}
    schools = _schools(earlier, current)
    counts = [
        {"key": key, "earlier": c0.get(key), "current": c1.get(key), "change": _change(c1.get(key), c0.get(key))}
        for key in ("schools_compliant", "schools", "cv_passing", "cv_checks", "items_passing", "items_required")
    ]
    by_status = {s: [r for r in schools if r["status"] == s] for s in STATUS_ORDER}
    return {
        "district": {"code": d1.get("code"), "name": d1.get("name")},
        "years": {"earlier": d0.get("school_year"), "current": d1.get("school_year")},
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
        "newly_failing": by_status["newly_failing"],
        "newly_passing": by_status["newly_passing"],
    }


def school_changes(comparison: dict[str, Any], code: str) -> list[dict[str, Any]]:
    """The sections of one school in a comparison (one per level)."""
    return [s for s in comparison["schools"] if s["code"] == code]


COUNT_NAMES = {
    "schools_compliant": ("达标学校", "Schools meeting the standard"), "schools": ("参评学校", "Schools assessed"),
    "cv_passing": ("达标的差异系数", "CVs within the limit"), "cv_checks": ("差异系数", "CVs"),
    "items_passing": ("达标的保障与质量指标", "G/Q items met"), "items_required": ("保障与质量指标", "G/Q items"),
}


def _fmt(x: Any, decimals: int = 0, signed: bool = False) -> str:
    if not is_number(x):
        return "—"
    text = f"{float(x):{'+' if signed else ''},.{decimals}f}"
    return text


def _verdict_word(passes: Any, lang: str) -> str:
    if passes is None:
        return "—"
    return ("达标" if passes else "未达标") if lang == "zh" else ("passes" if passes else "does not pass")


def compare_lines(c: dict[str, Any], lang: str = "zh") -> list[str]:
    """The comparison as plain text lines (the CLI's output)."""
    y0, y1 = c["years"]["earlier"], c["years"]["current"]
    d = c["district"]
    zh = lang == "zh"
    v = c["verdict"]
    out = [f"{d['name']}（{d['code']}）{y1} 对比 {y0}：" if zh else f"{d['name']} ({d['code']}) {y1} against {y0}:",
           (f"  结论：{_verdict_word(v['earlier'], lang)} → {_verdict_word(v['current'], lang)}；"
            f"未达标原因 {v['reasons_earlier']} → {v['reasons_current']} 项") if zh else
           (f"  verdict: {_verdict_word(v['earlier'], lang)} → {_verdict_word(v['current'], lang)}; "
            f"reasons {v['reasons_earlier']} → {v['reasons_current']}")]
    for row in c["counts"]:
        name = COUNT_NAMES[row["key"]][0 if zh else 1]
        out.append(f"  {name}：{_fmt(row['earlier'])} → {_fmt(row['current'])}（{_fmt(row['change'], signed=True)}）"
                   if zh else f"  {name}: {_fmt(row['earlier'])} → {_fmt(row['current'])} "
                   f"({_fmt(row['change'], signed=True)})")
    for row in c["cvs"]:
        if row["change"] is None and row["earlier"] == row["current"]:
            continue
        lv = row["level_zh" if zh else "level_en"]
        name = row["name_zh" if zh else "name_en"]
        out.append(f"  差异系数 {lv} {name}：{_fmt(row['earlier'], 3)} → {_fmt(row['current'], 3)}"
                   f"（限值 {_fmt(row['limit'], 2)}）" if zh else
                   f"  CV {lv} {name}: {_fmt(row['earlier'], 3)} → {_fmt(row['current'], 3)} "
                   f"(limit {_fmt(row['limit'], 2)})")
    for row in c["items"]:
        if row["changed"]:
            s0, s1 = row["earlier_zh" if zh else "earlier_en"], row["current_zh" if zh else "current_en"]
            title = row["title_zh" if zh else "title_en"]
            out.append(f"  {row['key'].upper()} {title}：{s0} → {s1}" if zh
                       else f"  {row['key'].upper()} {title}: {s0} → {s1}")
    for status in ("newly_failing", "newly_passing"):
        rows = c[status]
        out.append(f"  {STATUS_NAMES[status][0]}学校 {len(rows)} 所：" if zh
                   else f"  {STATUS_NAMES[status][1]}: {len(rows)} school sections")
        for s in rows:
            flips = [i for i in s["indicators"] if i["flipped"]]
            what = ("、" if zh else ", ").join(
                f"{i['name_zh' if zh else 'name_en']} {_ind(i['earlier'])} → {_ind(i['current'])} "
                f"{i['unit_zh' if zh else 'unit_en']}".rstrip() for i in flips)
            out.append(f"    {s['name']}（{s['code']}）{s['level_zh']}：{what}" if zh
                       else f"    {s['name']} ({s['code']}) {s['level_en']}: {what}")
    return out


def _ind(x: Any) -> str:
    """An indicator value as the report writes it: money whole, the rest with 2 decimals."""
    if not is_number(x):
        return "—"
    return _fmt(x, 0) if abs(float(x)) >= 1000 else _fmt(x, 2)
