"""A run's result dict turned into what the dashboard, school and province pages show.

Tolerant like the report renderers: any key may be missing or null, and a missing figure is
shown as missing ('—', a gap in a chart), never guessed. Chart data are plain JSON handed to
static/youjun/charts.js through ``json_script``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from typing import Any

from youjun.core.evidence import ITEM_NAMES
from youjun.core.findings import (
    RequirementGroup,
    count_text,
    findings_for_school,
    group_findings,
    requirement_order,
    rooms_short,
    rooms_text,
)
from youjun.report.messages import ruleset_words
from youjun.report.numbers import value_below

Obj = Mapping[str, Any]
LEVEL_ORDER = ("primary", "junior")
LEVEL_NAMES = {"primary": ("小学", "Primary"), "junior": ("初中", "Junior secondary")}
STATUS_ORDER = {False: 0, None: 1, True: 2}


def pick(obj: Obj | None, key: str, lang: str) -> str:
    if not obj:
        return ""
    return str(obj.get(f"{key}_{lang}") or obj.get(f"{key}_zh") or obj.get(key) or "")


def text(obj: Any, lang: str) -> str:
    if isinstance(obj, Mapping):
        return str(obj.get(lang) or obj.get("zh") or "")
    return "" if obj is None else str(obj)


def finite(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def level_name(level: str, lang: str) -> str:
    zh, en = LEVEL_NAMES.get(level, (level, level))
    return zh if lang == "zh" else en


def short_key(key: str) -> str:
    return key.split("_")[0].upper()


def ordered_levels(levels: Obj) -> list[str]:
    return [k for k in LEVEL_ORDER if k in levels] + sorted(k for k in levels if k not in LEVEL_ORDER)


# rule sets by name, in words (the key and the version date are for machines)
def header(result: Obj, lang: str) -> dict[str, Any]:
    district = result.get("district") or {}
    method = result.get("method") or {}
    run = result.get("run") or {}
    rules = run.get("rules") or {}
    return {
        "district": district.get("name") or "", "code": district.get("code") or "",
        "province": district.get("province") or "", "school_year": district.get("school_year") or "",
        "method": pick(method, "title", lang), "document": method.get("document") or "",
        "ruleset": rules.get("name") or method.get("key") or "", "rules_version": rules.get("version") or "",
        "ruleset_words": ruleset_words(str(rules.get("name") or method.get("key") or ""),
                                       str(rules.get("version") or method.get("version") or ""),
                                       pick(method, "title", lang), lang),
        "overlays": list(rules.get("overlays") or []), "data_hash": str(run.get("data_hash") or ""),
        "software": run.get("software_version") or "", "generated_at": run.get("generated_at") or "",
        "source": run.get("source") or "",
    }


def indicator_rows(level: str, summary: Obj, lang: str) -> list[dict[str, Any]]:
    rows = []
    # by key (r1_… to r7_): PostgreSQL's jsonb does not keep the order the engine wrote
    for key, ind in sorted((summary.get("indicators") or {}).items()):
        ind = ind or {}
        rows.append({
            "key": key, "short": short_key(key), "name": pick(ind, "name", lang), "unit": pick(ind, "unit", lang),
            "mean": finite(ind.get("mean")), "cv": finite(ind.get("cv_rounded", ind.get("cv"))),
            "limit": finite(ind.get("limit")), "passes": ind.get("passes"),
            "threshold": finite(ind.get("threshold")), "n_failing": ind.get("n_failing"),
        })
    return rows


def cv_chart(level: str, rows: Sequence[Obj], lang: str) -> dict[str, Any]:
    return {
        "title": level_name(level, lang),
        "categories": [r["short"] for r in rows], "names": [r["name"] for r in rows],
        "cv": [r["cv"] for r in rows], "limit": [r["limit"] for r in rows],
        "passes": [r["passes"] for r in rows],
        "labels": {"cv": "差异系数" if lang == "zh" else "Coefficient of variation",
                   "axis": "差异系数" if lang == "zh" else "Coefficient of variation",
                   "limit": "限值" if lang == "zh" else "Limit"},
    }


def grid(level: str, schools: Sequence[Obj], keys: Sequence[str], lang: str) -> dict[str, Any]:
    rows = []
    for s in schools:
        if s.get("level") != level:
            continue
        values, thresholds, meets = s.get("values") or {}, s.get("thresholds") or {}, s.get("meets") or {}
        cells = [{"key": k, "short": short_key(k), "value": finite(values.get(k)),
                  "threshold": finite(thresholds.get(k)), "meets": meets.get(k),
                  # a value short of its standard is never shown as the standard (0.999, not 1.00)
                  "shown": value_below(values.get(k), thresholds.get(k)) if meets.get(k) is False else None}
                 for k in keys]
        rows.append({"code": s.get("code"), "name": s.get("name"), "compliant": s.get("compliant"),
                     "town": s.get("town") or "", "location": s.get("location") or "",
                     "met_count": s.get("met_count"), "pupils": s.get("pupils"), "cells": cells,
                     "n_gaps": len(s.get("gaps") or [])})
    rows.sort(key=lambda r: (STATUS_ORDER.get(_flag(r["compliant"]), 1), r["met_count"] or 0, str(r["code"])))
    counts = {"compliant": sum(1 for r in rows if r["compliant"] is True),
              "failing": sum(1 for r in rows if r["compliant"] is False),
              "undecided": sum(1 for r in rows if r["compliant"] is None), "total": len(rows)}
    return {"level": level, "name": level_name(level, lang), "keys": [short_key(k) for k in keys],
            "rows": rows, "counts": counts}


def item_rows(items: Obj, prefix: str, lang: str) -> list[dict[str, Any]]:
    def order(key: str) -> tuple[int, str]:
        digits = "".join(ch for ch in key if ch.isdigit())
        return (int(digits) if digits else 0, key)

    out = []
    for key in sorted((k for k in items if k.startswith(prefix)), key=order):
        item = items[key] or {}
        evidence = item.get("evidence")
        figures = item.get("figures") or {}
        out.append({
            "key": key, "title": pick(item, "title", lang), "status": item.get("status"),
            "limit": pick(item, "limit", lang),
            "source": pick(item, "source", lang),  # a figure another system supplied (the training ledger)
            "figures": [(k, v) for k, v in figures.items() if not isinstance(v, Mapping | list)],
            "groups": reason_groups(item.get("findings") or [], {}, lang),
            "evidence": evidence if isinstance(evidence, Mapping) else None,
            "reasons": [text(r, lang) for r in item.get("reasons") or []],
        })
    return out


def finding_line(f: Obj, lang: str) -> dict[str, str]:
    """One finding as the words a person reads: subject, measured, standard, gap."""
    return {"subject": text(f.get("subject"), lang), "measured": text(f.get("measured"), lang),
            "standard": text(f.get("standard"), lang),
            "gap": "" if text(f.get("gap"), lang) == "—" else text(f.get("gap"), lang)}


def requirement_titles(result: Obj, lang: str) -> dict[str, str]:
    """What each requirement is called: R from the indicators, G/Q from the items."""
    out: dict[str, str] = {"CV": "校际差异系数" if lang == "zh" else "Inter-school coefficient of variation",
                           "SR": "社会认可度" if lang == "zh" else "Social recognition"}
    for summary in (result.get("levels") or {}).values():
        for key, ind in ((summary or {}).get("indicators") or {}).items():
            out.setdefault(short_key(key), pick(ind, "name", lang))
    for key, item in (result.get("items") or {}).items():
        out[key.upper()] = pick(item, "title", lang)
    for v in result.get("vetoes") or []:
        out[str(v.get("key") or "").upper()] = pick(v, "title", lang)
    return out


def reason_groups(findings: Sequence[Obj], titles: Mapping[str, str], lang: str) -> list[dict[str, Any]]:
    """Findings by requirement, then school, each counted in its own unit."""
    out = []
    for g in group_findings(findings):
        schools, district = [], []
        for sg in g.schools:
            lines = [finding_line(f, lang) for f in sg.findings]
            if sg.school_code:
                kinds = {str(f.get("subject_kind")) for f in sg.findings}
                kind = kinds.pop() if len(kinds) == 1 else "district"
                rooms = rooms_short(sg.findings) if kind == "room" else None
                schools.append({"code": sg.school_code, "name": sg.school_name, "lines": lines,
                                "count": rooms_text(rooms, lang) if rooms is not None
                                else counted(sg.count, kind, lang) if kind != "school" else ""})
            else:
                district += lines
        out.append({"requirement": g.requirement, "title": titles.get(g.requirement, ""),
                    "count": group_count(g, lang), "schools": schools, "district": district})
    return out


def counted(n: int, kind: str, lang: str) -> str:
    """A count with its noun: '3 个班', '1 项问题' (never a bare '1 项')."""
    if kind not in ("school", "class", "teacher", "room") and lang == "zh":
        return f"{n:,} 项问题"
    return count_text(n, kind, lang)


def group_count(g: RequirementGroup, lang: str) -> str:
    """A requirement's count: '86 个班，涉及 3 所学校'; school sections (R1–R7, one finding per
    section) as '4 个学段，涉及 3 所学校', like the summary's 达标学段; one finding of the
    district itself as its figure ('99.50%，标准不低于 100%，差 0.50 个百分点'), else '2 项问题'."""
    if g.n_schools or any(k not in ("school", "district") for k in g.kinds):
        # school sections, else count_text; a district rate judged beside them (G9, G12) first:
        # '99.50%，标准不低于 100%，差 0.50 个百分点；46 名教师，涉及 38 所学校'
        own = [f for sg in g.schools if not sg.school_code for f in sg.findings]
        figure = district_figure(own[0], lang) if len(own) == 1 else ""
        return ("；" if lang == "zh" else "; ").join(x for x in (figure, g.headline_text(lang)) if x)
    every = [f for sg in g.schools for f in sg.findings]
    if len(every) == 1 and district_figure(every[0], lang):
        return district_figure(every[0], lang)
    return counted(g.count, "district", lang)


def district_figure(f: Obj, lang: str) -> str:
    """A district-level finding in one line: '99.50%，标准不低于 100%，差 0.50 个百分点'
    ('' when it has no measured figure, e.g. evidence missing)."""
    if finite((f.get("measured") or {}).get("value")) is None:
        return ""
    line = finding_line(f, lang)
    if lang == "zh":
        return "，".join(x for x in (line["measured"], f"标准{line['standard']}" if line["standard"] else "",
                                    line["gap"]) if x)
    return ", ".join(x for x in (line["measured"], f"standard {line['standard']}" if line["standard"] else "",
                                line["gap"]) if x)


def _passing(items: Obj, prefix: str) -> tuple[int, int]:
    keys = [k for k in items if k.startswith(prefix) and k[len(prefix):].isdigit()]
    return sum(1 for k in keys if (items[k] or {}).get("status") == "pass"), len(keys)


def veto_case(v: Obj, lang: str) -> str:
    """The case a veto is about ('以考试方式招生'), not its title ('无以考试方式招生')."""
    zh, en = ITEM_NAMES.get(str(v.get("key") or ""), ("", ""))
    return (zh if lang == "zh" else en) or pick(v, "title", lang)


def veto_sentence(v: Obj, lang: str) -> str:
    """'不存在以考试方式招生的情况' / 'Admission by examination: does not occur'."""
    case = veto_case(v, lang)
    applies = v.get("applies")
    if lang == "zh":
        if applies is True:
            return f"存在{case}的情况（一票否决）"
        return f"不存在{case}的情况" if applies is False else f"{case}：缺少佐证材料"
    case = case[:1].upper() + case[1:]
    if applies is True:
        return f"{case}: occurs (veto)"
    return f"{case}: does not occur" if applies is False else f"{case}: evidence missing"


def veto_summary(vetoes: Sequence[Obj], lang: str) -> str:
    """'6 项均未发生' / '发生 1 项：以考试方式招生' — never '0/6', which reads as 'none passed'."""
    if not vetoes:
        return "—"
    occurred = [veto_case(v, lang) for v in vetoes if v.get("applies") is True]
    unknown = sum(1 for v in vetoes if v.get("applies") is None)
    clear = len(vetoes) - len(occurred) - unknown
    if lang == "zh":
        if occurred:
            return f"发生 {len(occurred)} 项：" + "、".join(occurred)
        if unknown:
            return f"{clear} 项未发生，{unknown} 项缺少佐证材料"
        return f"{len(vetoes)} 项均未发生"
    if occurred:
        return f"{len(occurred)} occurred: " + ", ".join(occurred)
    if unknown:
        return f"{clear} did not occur, {unknown} without evidence"
    return f"none of the {len(vetoes)} veto cases occurred"


def verdict_summary(result: Obj, lang: str = "zh") -> dict[str, Any]:
    """The essentials of the verdict (评估要件): each requirement's count met of total."""
    counts = (result.get("verdict") or {}).get("counts") or {}
    items = result.get("items") or {}
    recognition = result.get("recognition") or {}
    g_met, g_all = _passing(items, "g")
    q_met, q_all = _passing(items, "q")
    vetoes = result.get("vetoes") or []
    pre = result.get("preconditions") or []
    return {
        # the preconditions (通过基本均衡认定 ≥ 3 年), as the PDF's scorecard counts them
        "preconditions": (sum(1 for p in pre if (p or {}).get("status") == "pass"), len(pre)),
        "schools": (counts.get("schools_compliant"), counts.get("schools")),
        "cv": (counts.get("cv_passing"), counts.get("cv_checks")),
        "g": (g_met, g_all), "q": (q_met, q_all),
        "recognition": {"status": recognition.get("status"), "rate": finite(recognition.get("rate")),
                        "limit": finite(recognition.get("limit"))},
        "vetoes": (sum(1 for v in vetoes if v.get("applies") is True), len(vetoes)),
        "vetoes_text": veto_summary(vetoes, lang),
    }


def why_not(summary: Obj, lang: str) -> str:
    """The main reasons a district does not pass, counted, for the province table:
    '16 个学校学段未达标', '8 项政府保障与教育质量指标未达标', '社会认可度未达标' (only what fails)."""
    zh = lang == "zh"
    out = []
    met, total = summary.get("schools") or (None, None)
    if isinstance(met, int) and isinstance(total, int) and total > met:
        n = total - met
        out.append(f"{n:,} 个学校学段未达标" if zh else
                   f"{n:,} school section{'' if n == 1 else 's'} below the standard")
    cv_met, cv_all = summary.get("cv") or (None, None)
    if isinstance(cv_met, int) and isinstance(cv_all, int) and cv_all > cv_met:
        n = cv_all - cv_met
        out.append(f"{n:,} 项差异系数超限" if zh else f"{n:,} CV{'' if n == 1 else 's'} over the limit")
    items = sum(b - a for a, b in (summary.get("g") or (0, 0), summary.get("q") or (0, 0)))
    if items:
        out.append(f"{items:,} 项政府保障与教育质量指标未达标" if zh else
                   f"{items:,} government or quality item{'' if items == 1 else 's'} not met")
    recognition = (summary.get("recognition") or {}).get("status")
    if recognition not in (None, "pass"):
        out.append("社会认可度未达标" if zh else "social recognition below the standard")
    pre_met, pre_all = summary.get("preconditions") or (0, 0)
    if pre_all > pre_met:
        out.append(f"{pre_all - pre_met} 项前提条件未满足" if zh else f"{pre_all - pre_met} precondition(s) not met")
    vetoes, _ = summary.get("vetoes") or (0, 0)
    if vetoes:
        out.append(f"一票否决 {vetoes} 项" if zh else f"{vetoes} veto case(s)")
    return ("；" if zh else "; ").join(out)


def recognition_view(recognition: Obj) -> dict[str, Any]:
    """Social recognition with where its figure came from: the district workbook's rate with its
    source column and date, or the platform's final survey (``from_survey``: its own words)."""
    from youjun.core.survey import PLATFORM_SOURCE_ZH

    source = str(recognition.get("source") or "")
    as_of = recognition.get("as_of")
    try:
        day = dt.date.fromisoformat(str(as_of)[:10]) if as_of else None
    except ValueError:
        day = None
    return {"status": recognition.get("status"), "rate": finite(recognition.get("rate")),
            "limit": finite(recognition.get("limit")), "source": source, "as_of": day,
            "from_survey": source.startswith(PLATFORM_SOURCE_ZH)}


def build_dashboard(result: Obj, lang: str) -> dict[str, Any]:
    levels = result.get("levels") or {}
    schools = result.get("schools") or []
    items = result.get("items") or {}
    verdict = result.get("verdict") or {}
    level_views = []
    for level in ordered_levels(levels):
        summary = levels[level] or {}
        rows = indicator_rows(level, summary, lang)
        level_views.append({
            "key": level, "name": level_name(level, lang), "n_schools": summary.get("n_schools"),
            "chart_id": f"cv-{level}",
            "pupils": summary.get("pupils"), "indicators": rows, "chart": cv_chart(level, rows, lang),
            "grid": grid(level, schools, [r["key"] for r in rows], lang),
            "indicator_names": [(r["short"], r["name"]) for r in rows],
            # the grid's columns in the grid's order, each with its unit under the code
            "columns": [{"short": r["short"], "name": r["name"], "unit": r["unit"]} for r in rows],
        })
    recognition = result.get("recognition") or {}
    method = result.get("method") or {}
    return {
        "header": header(result, lang),
        "school_rule": method.get(f"school_rule_{lang}") or "",  # empty for runs stored before it was said
        "verdict": {"passes": verdict.get("passes"),
                    "reasons": [text(r, lang) for r in verdict.get("reasons") or []],
                    # a run stored before findings existed keeps its plain reasons
                    "groups": (reason_groups(verdict["findings"], requirement_titles(result, lang), lang)
                               if "findings" in verdict else None),
                    "summary": verdict_summary(result, lang)},
        "levels": level_views,
        "g_items": item_rows(items, "g", lang),
        "q_items": item_rows(items, "q", lang),
        "recognition": recognition_view(recognition),
        "vetoes": [{"key": v.get("key"), "title": pick(v, "title", lang), "applies": v.get("applies"),
                    "sentence": veto_sentence(v, lang)} for v in result.get("vetoes") or []],
        "options": [{"text": text(o, lang), "value": o.get("value")} for o in result.get("options") or []],
    }


def school_view(result: Obj, code: str, lang: str) -> dict[str, Any] | None:
    """A school's sections in the result (a nine-year school appears at both levels)."""
    sections = [s for s in result.get("schools") or [] if str(s.get("code")) == code]
    if not sections:
        return None
    levels = result.get("levels") or {}
    out = []
    for s in sorted(sections, key=lambda x: LEVEL_ORDER.index(x["level"]) if x.get("level") in LEVEL_ORDER else 9):
        indicators = (levels.get(s.get("level")) or {}).get("indicators") or {}
        values, thresholds, meets = s.get("values") or {}, s.get("thresholds") or {}, s.get("meets") or {}
        rows = []
        for key in indicators or values:
            ind = indicators.get(key) or {}
            v, t = finite(values.get(key)), finite(thresholds.get(key))
            rows.append({"key": key, "short": short_key(key), "name": pick(ind, "name", lang),
                         "unit": pick(ind, "unit", lang), "value": v, "threshold": t, "meets": meets.get(key),
                         "ratio": (v / t) if v is not None and t else None,
                         "district_mean": finite(ind.get("mean"))})
        gaps = [{"key": g.get("indicator"), "short": short_key(str(g.get("indicator") or "")),
                 "name": pick(indicators.get(g.get("indicator")) or {}, "name", lang),
                 "value": finite(g.get("value")), "threshold": finite(g.get("threshold")),
                 "missing": finite(g.get("missing")), "unit": pick(g, "unit", lang), "what": pick(g, "what", lang)}
                for g in s.get("gaps") or []]
        chart = {"categories": [r["short"] for r in rows], "names": [r["name"] for r in rows],
                 "ratio": [None if r["ratio"] is None else round(100 * r["ratio"], 1) for r in rows],
                 "meets": [r["meets"] for r in rows],
                 "labels": {"ratio": "达到标准的百分比" if lang == "zh" else "Per cent of the standard",
                            "standard": "标准 100%" if lang == "zh" else "Standard 100%"}}
        out.append({"level": s.get("level"), "level_name": level_name(str(s.get("level")), lang),
                    "chart_id": f"ratio-{s.get('level')}",
                    "compliant": s.get("compliant"), "met_count": s.get("met_count"), "pupils": s.get("pupils"),
                    "rows": rows, "gaps": gaps, "chart": chart})
    first = sections[0]
    # G/Q findings of this school (its R findings are the gaps of its sections above)
    mine = [f for f in findings_for_school(result.get("findings") or [], code)
            if requirement_order(str(f.get("requirement") or ""))[0] > 0]
    findings = reason_groups(mine, requirement_titles(result, lang), lang)
    return {"code": code, "name": first.get("name"), "type": first.get("type"), "town": first.get("town"),
            "location": first.get("location"), "group": first.get("education_group"), "sections": out,
            "findings": findings}


def trend(points: Sequence[tuple[str, Obj | None]], lang: str) -> dict[str, Any]:
    """CV of each indicator per level across school years; a year without a run is a gap."""
    years = [y for y, _ in points]
    series: dict[str, dict[str, list[float | None]]] = {}
    names: dict[str, str] = {}
    limits: dict[str, float | None] = {}
    for i, (_, result) in enumerate(points):
        levels = (result or {}).get("levels") or {}
        for level in ordered_levels(levels):
            for key, ind in ((levels[level] or {}).get("indicators") or {}).items():
                s = series.setdefault(level, {}).setdefault(key, [None] * len(points))
                s[i] = finite((ind or {}).get("cv_rounded", (ind or {}).get("cv")))
                names[key] = pick(ind, "name", lang)
                limits[level] = finite((ind or {}).get("limit")) if limits.get(level) is None else limits[level]
    assessed = [result is not None for _, result in points]

    def cells(values: Sequence[float | None]) -> list[dict[str, Any]]:
        return [{"year": y, "value": v, "assessed": a} for y, v, a in zip(years, values, assessed, strict=True)]

    return {"years": years, "levels": [
        {"key": level, "name": level_name(level, lang), "limit": limits.get(level), "chart_id": f"trend-{level}",
         # a year without a finished run is marked 未评估 on the axis; the lines pass over it
         "assessed": assessed,
         "series": [{"key": k, "short": short_key(k), "name": names.get(k, k), "data": v, "cells": cells(v)}
                    for k, v in sorted(s.items())]}
        for level, s in series.items()],
        "labels": {"limit": "限值" if lang == "zh" else "Limit",
                   "missing": "未评估" if lang == "zh" else "not assessed",
                   "no_value": "—",
                   "axis": "差异系数" if lang == "zh" else "Coefficient of variation",
                   "years": "学年" if lang == "zh" else "School year"}}


def year_range(years: Sequence[str]) -> list[str]:
    """Every school year from the first to the last, so a missing year shows as a gap."""
    starts = sorted(int(y[:4]) for y in years if len(y) == 9 and y[:4].isdigit())
    if not starts:
        return []
    return [f"{y}-{y + 1}" for y in range(starts[0], starts[-1] + 1)]
