"""The rectification list (整改清单): one row per school with every finding that concerns it.

Built from an assessment result (the report.json shape): each school's shortfalls on the seven
indicators R1–R7 (the engine's ``gaps``, already in real units: teachers, m², yuan, rooms) and
each failing G/Q item's records about that school (rooms short, pupils over the size limit,
classes over the class-size limit, training spend short, attested as not met). Findings that
concern no single school (a district-wide rate) form the district's own row.

Every entry says the gap in the units a bureau acts on ("缺 2 名体育、艺术专任教师",
"缺美术教室 1 间", "5 个班超过 45 人"), names its requirement (R3, G3, …) and carries a
stable ``key`` (school code + requirement) by which the web platform keeps the responsible
office and the deadline the bureau sets.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from youjun.core.evidence_rows import in_quotes
from youjun.core.findings import UNITS, number
from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS
from youjun.core.requirements import veto_case
from youjun.report.messages import DISTRICT_WIDE
from youjun.report.messages import label as message
from youjun.report.numbers import amount, is_number, limit, value

Obj = Mapping[str, Any]
SCHOOL_CODE = re.compile(r"^\d{10}")
DISTRICT_ROW = "district"
LEVEL_NAMES = {"primary": ("小学", "primary"), "junior": ("初中", "junior")}
SECTION_NAMES = {"primary": ("小学部", "primary section"), "junior": ("初中部", "junior section")}

# Requirement label shown in the list: R1…R7 for the seven school indicators.
R_CODES = {f"r{i}": f"R{i}" for i in range(1, 8)}
# What is short, per indicator: (zh template, en template); {n} is the amount in its unit.
R_GAP_TEXT = {
    "r1": ("缺 {n} 名高于规定学历的教师", "{n} teachers above the required qualification short"),
    "r2": ("缺 {n} 名县级以上骨干教师", "{n} county-level key teachers short"),
    "r3": ("缺 {n} 名体育、艺术（音乐、美术）专任教师", "{n} PE, music or art teachers short"),
    "r4": ("缺教学及辅助用房 {n} 平方米", "{n} m² of teaching and auxiliary rooms short"),
    "r5": ("缺体育运动场馆 {n} 平方米", "{n} m² of sports venues short"),
    "r6": ("缺教学仪器设备 {n} 元", "{n} yuan of teaching equipment short"),
    "r7": ("缺网络多媒体教室 {n} 间", "{n} networked multimedia classrooms short"),
}
ROOM_NAMES = {"music": ("音乐教室", "music room"), "art": ("美术教室", "art room")}


def requirement_label(key: str) -> str:
    """'R3' for r3_pe_art_teachers_per100, 'G5' for g5."""
    short = key.split("_", 1)[0]
    return R_CODES.get(short, short.upper())


# The typed findings name an indicator by its short key ("r4"); the labels by the full one.
_INDICATOR_BY_SHORT = {k.split("_", 1)[0]: k for k in INDICATOR_LABELS}


def requirement_title(key: str, lang: str) -> str:
    case = veto_case(key, lang)
    if case:  # the case as the document words it, as the report's lists name it
        return message("veto_named", lang, case=case)
    if key in ITEM_LABELS:
        return ITEM_LABELS[key][0 if lang == "zh" else 1]
    label = INDICATOR_LABELS.get(key) or INDICATOR_LABELS.get(_INDICATOR_BY_SHORT.get(key, ""))
    return (label[0] if lang == "zh" else label[1]) if label else key


# A gap amount's unit in words (the workbook's 单位 column), by the engine's unit key; the
# decimals are those the gap's text is written with (core.findings.UNITS).
GAP_UNITS: dict[str, tuple[str, str]] = {
    "m2": ("平方米", "m²"), "m²": ("平方米", "m²"), "yuan": ("元", "yuan"), "rooms": ("间", "rooms"),
    "teachers": ("名教师", "teachers"), "pupils": ("人", "pupils"), "classes": ("个班", "classes"),
    "percent": ("个百分点", "percentage points"), "hours": ("学时", "hours"),
    "diff_rate": ("差异率", "difference rate"), "levels": ("级", "levels"),
    "teacher": ("名教师", "teacher"), "class": ("个班", "class"), "room": ("间", "room"), "pupil": ("人", "pupil"),
}
_SINGULAR_OF = {"teacher": "teachers", "class": "classes", "room": "rooms", "pupil": "pupils"}


def _shown_amount(x: Any, unit: str) -> tuple[float | None, int]:
    """An amount as its text shows it (money whole yuan, area to 0.1 m², people and rooms whole,
    rates to 0.01 point), and those decimals."""
    key = {"m²": "m2"}.get(unit, _SINGULAR_OF.get(unit, unit))
    decimals = UNITS[key][2] if key in UNITS and key else (0 if isinstance(x, int) else 2)
    if not is_number(x):
        return None, decimals
    shown = float(number(float(x), decimals).replace(",", ""))
    return (int(shown) if decimals == 0 else shown), decimals


def _entry(requirement: str, zh: str, en: str, amount_: float | None = None, unit_zh: str = "",
           unit_en: str = "", level: str = "", count: int = 1) -> dict[str, Any]:
    unit = unit_en if unit_en in GAP_UNITS else unit_zh
    if unit in GAP_UNITS:
        unit_zh, unit_en = GAP_UNITS[unit]
    shown, decimals = _shown_amount(amount_, unit)
    return {"requirement": requirement, "label": requirement_label(requirement),
            "title_zh": requirement_title(requirement, "zh"), "title_en": requirement_title(requirement, "en"),
            "gap_zh": zh, "gap_en": en, "amount": shown, "decimals": decimals,
            "unit_zh": unit_zh, "unit_en": unit_en, "level": level, "count": count}


def _r_entries(school: Obj) -> list[dict[str, Any]]:
    out = []
    section = SECTION_NAMES.get(str(school.get("level")), ("", ""))
    combined = school.get("type") in ("nine_year", "twelve_year", "complete_secondary")
    for g in school.get("gaps") or []:
        key = str(g.get("indicator"))
        short = key.split("_", 1)[0]
        missing = g.get("missing")
        if short not in R_GAP_TEXT or not is_number(missing):
            continue
        # people and rooms are counted whole: a shortfall of 1.2 teachers is 2 teachers
        counted = g.get("unit_en") in ("teachers", "rooms")
        short_by = math.ceil(float(missing) - 1e-9) if counted else float(missing)
        n = f"{short_by:,}" if counted else _trim(short_by, 0 if g.get("unit_en") == "yuan" else 1)
        zh, en = (t.format(n=n) for t in R_GAP_TEXT[short])
        per = key.endswith("per100")
        u_zh, u_en = UNIT_WORDS.get(str(g.get("unit_en")), (str(g.get("unit_zh") or ""), str(g.get("unit_en") or "")))
        has_zh = f"每百名学生 {value(g.get('value'))} {u_zh}" if per else f"生均 {value(g.get('value'))} {u_zh}"
        has_en = (f"{value(g.get('value'))} {u_en} per 100 pupils" if per
                  else f"{value(g.get('value'))} {u_en} per pupil")
        zh += f"（现{has_zh}，标准 {limit(g.get('threshold'))} {u_zh}）"
        en += f" (has {has_en}; standard {limit(g.get('threshold'))})"
        if combined:
            zh, en = f"{section[0]}：{zh}", f"{section[1]}: {en}"
        ratio = g.get("ratio")
        out.append(_entry(key, zh, en, short_by, str(g.get("unit_zh") or ""), str(g.get("unit_en") or ""),
                          level=str(school.get("level") or "")) | {"ratio": ratio if is_number(ratio) else None})
    return out


UNIT_WORDS = {"teachers": ("人", "teachers"), "rooms": ("间", "rooms"), "m²": ("平方米", "m²"), "yuan": ("元", "yuan")}


def _trim(x: float, decimals: int) -> str:
    """At most ``decimals`` decimals, thousands grouped, no trailing zeros."""
    text = f"{x:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# -- G/Q items: the records each failing item keeps about schools ---------------------------

def _g3(records: list[Obj]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        room = ROOM_NAMES.get(str(r.get("room_type")), (str(r.get("room_type")), str(r.get("room_type"))))
        required, full = int(r.get("required") or 0), int(r.get("full_size") or 0)
        n = max(required - full, 0)
        small = [float(a) for a in r.get("undersized_m2") or [] if is_number(a)]
        area = limit(r.get("min_area_m2"))
        zh = f"缺{room[0]} {n} 间（{r.get('classes')} 个班需 {required} 间、每间≥{area}平方米，现达标 {full} 间"
        en = f"{n} {room[1]}(s) short ({r.get('classes')} classes need {required} of ≥{area} m², {full} up to size"
        if small:
            zh += f"；另有 {len(small)} 间面积不足：" + "、".join(f"{limit(a)} 平方米" for a in small)
            en += f"; {len(small)} undersized: " + ", ".join(f"{limit(a)} m²" for a in small)
        out.setdefault(str(r.get("school")), []).append(_entry("g3", zh + "）", en + ")", n, "间", "rooms"))
    return out


def _g4(records: list[Obj]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        pupils, cap = r.get("students"), r.get("limit")
        over = (float(pupils) - float(cap)) if is_number(pupils) and is_number(cap) else None
        zh = f"学生 {amount(pupils)} 人，超过规模上限 {amount(cap)} 人（多 {amount(over)} 人）"
        en = f"{amount(pupils)} pupils, above the limit of {amount(cap)} ({amount(over)} over)"
        out.setdefault(str(r.get("school")), []).append(_entry("g4", zh, en, over, "人", "pupils"))
    return out


def _g5(records: list[Obj]) -> dict[str, list[dict[str, Any]]]:
    """Classes over the limit, counted per school and limit (one line, not one per class)."""
    groups: dict[tuple[str, str, Any], list[Obj]] = {}
    for r in records:
        groups.setdefault((str(r.get("school")), str(r.get("level") or ""), r.get("limit")), []).append(r)
    out: dict[str, list[dict[str, Any]]] = {}
    for (school, level, cap), rows in groups.items():
        biggest = max((int(r["students"]) for r in rows if is_number(r.get("students"))), default=0)
        lv = LEVEL_NAMES.get(level, ("", ""))
        zh = f"{len(rows)} 个{lv[0]}班超过 {amount(cap)} 人（最大 {biggest} 人）"
        en = f"{len(rows)} {lv[1]} classes above {amount(cap)} pupils (largest {biggest})"
        out.setdefault(school, []).append(_entry("g5", zh, en, len(rows), "个班", "classes", level, len(rows)))
    return out


def _q4(records: list[Obj], minimum: Any) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        budget, spend, share = r.get("budget_yuan"), r.get("training_spend_yuan"), r.get("share_percent")
        short = (float(budget) * float(minimum) / 100 - float(spend)
                 if is_number(budget) and is_number(spend) and is_number(minimum) else None)
        zh = f"教师培训经费 {amount(spend)} 元，占公用经费 {_pct(share)}，未达 {limit(minimum)}%"
        en = f"training spend {amount(spend)} yuan, {_pct(share)} of the public-funds budget, below {limit(minimum)}%"
        if short is not None:
            zh += f"（差 {amount(round(short))} 元）"
            en += f" ({amount(round(short))} yuan short)"
        out.setdefault(str(r.get("school")), []).append(_entry("q4", zh, en, short, "元", "yuan"))
    return out


def _pct(x: Any) -> str:
    return f"{float(x):.1f}%" if is_number(x) else "—"


def _attested(key: str, records: list[Obj]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in records:
        who, when = r.get("attested_by") or "", r.get("attested_on") or ""
        zh = f"经认定未达标（{who}，{when}）" if who else "经认定未达标"
        en = f"attested as not met ({who}, {when})" if who else "attested as not met"
        out.setdefault(str(r.get("school_code")), []).append(_entry(key, zh, en))
    return out


def _from_reasons(key: str, item: Obj) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Any other failing item: its reasons, by the school they name (or the district)."""
    schools: dict[str, list[dict[str, Any]]] = {}
    district: list[dict[str, Any]] = []
    for r in item.get("reasons") or []:
        subject = str(r.get("subject") or "")
        entry = _entry(key, _strip_school(str(r.get("zh") or "")), _strip_school(str(r.get("en") or "")))
        m = SCHOOL_CODE.match(subject)
        if m:
            schools.setdefault(m.group(0), []).append(entry)
        else:
            district.append(entry)
    return schools, district


_NAMED = re.compile(r"^[^：:]*（\d{10}）[：:]\s*")


def _strip_school(text: str) -> str:
    """'永川区某小学（5001180001）：…' → '…' (the row already names the school)."""
    return _NAMED.sub("", text)


def _item_entries(result: Obj) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    schools: dict[str, list[dict[str, Any]]] = {}
    district: list[dict[str, Any]] = []
    for key, item in (result.get("items") or {}).items():
        if item.get("status") != "fail":
            continue
        records = list(item.get("failing") or [])
        if key == "g3" and records:
            found = _g3(records)
        elif key == "g4" and records:
            found = _g4(records)
        elif key == "g5" and records:
            found = _g5(records)
        elif key == "q4" and records:
            minimum = next((r.get("limit") for r in item.get("reasons") or [] if is_number(r.get("limit"))), None)
            found = _q4(records, minimum)
        elif records and all("school_code" in r for r in records):
            found = _attested(key, records)
        else:
            found, wide = _from_reasons(key, item)
            district += wide
        for code, entries in found.items():
            schools.setdefault(code, []).extend(entries)
    return schools, district


# -- the engine's typed findings (youjun.core.findings), when the result carries them ---------

LISTED_SUBJECTS = 6  # classes or teachers named in one entry before "等"


def _typed_entries(findings: list[Obj]) -> tuple[dict[str, list[dict[str, Any]]], list[dict[str, Any]]]:
    """Entries from typed findings: one per school finding; classes and teachers of one
    requirement, school and level counted in one entry (what the bureau acts on is the school)."""
    schools: dict[str, list[dict[str, Any]]] = {}
    district: list[dict[str, Any]] = []
    many: dict[tuple[str, str, str], list[Obj]] = {}
    for f in findings:
        code = str(f.get("school_code") or "")
        req = str(f.get("requirement") or "").lower()
        if not code or req == "cv":
            district.append(_typed_one(f, req))
        elif f.get("subject_kind") in ("class", "teacher"):
            many.setdefault((code, req, str(f.get("level") or "")), []).append(f)
        else:
            schools.setdefault(code, []).append(_typed_one(f, req))
    for (code, req, level), fs in many.items():
        kind = str(fs[0].get("subject_kind"))
        unit = fs[0].get("count_unit") or {}
        standard = (fs[0].get("standard") or {})
        named = [f"{(f.get('subject') or {}).get('zh', '')} {(f.get('measured') or {}).get('zh', '')}".strip()
                 for f in fs[:LISTED_SUBJECTS]]
        named_en = [f"{(f.get('subject') or {}).get('en', '')}: {(f.get('measured') or {}).get('en', '')}".strip(": ")
                    for f in fs[:LISTED_SUBJECTS]]
        more = len(fs) > LISTED_SUBJECTS
        n_en = unit.get("en_one") if len(fs) == 1 else unit.get("en_many")
        zh = (f"{len(fs)} {unit.get('zh', '')}未达到：{standard.get('zh', '')}"
              f"（{'、'.join(named)}{'等' if more else ''}）")
        en = (f"{len(fs)} {n_en} {'does' if len(fs) == 1 else 'do'} not meet: {standard.get('en', '')}"
              f" ({'; '.join(named_en)}{'; …' if more else ''})")
        u_zh = str(unit.get("zh", ""))
        schools.setdefault(code, []).append(
            _entry(req, zh, en, len(fs), u_zh, str(n_en or ""), level, len(fs)) | {"kind": kind})
    return schools, district


def _typed_one(f: Obj, req: str) -> dict[str, Any]:
    gap, measured, standard = f.get("gap") or {}, f.get("measured") or {}, f.get("standard") or {}
    subject = f.get("subject") or {}
    level = str(f.get("level") or "")
    gap_zh = str(gap.get("zh")) if gap.get("zh") not in (None, "—") else ""
    gap_en = str(gap.get("en")) if gap.get("en") not in (None, "—") else ""
    # A room is named before its gap unless the gap names it already ("缺美术教室 1 间").
    room = f.get("subject_kind") == "room"
    name_zh, name_en = str(subject.get("zh") or ""), str(subject.get("en") or "")
    head_zh = f"{name_zh}：" if room and name_zh and name_zh not in gap_zh else ""
    head_en = f"{name_en}: " if room and name_en and name_en not in gap_en else ""
    if gap_zh:
        has_zh = str(measured.get("zh", "—"))
        # 现 12.3 平方米, but 现达标音乐教室 2 间 (walk 43: "现 达标…" read as a stray space)
        space = " " if has_zh[:1] in ("", *"0123456789-−—") else ""
        zh = f"{head_zh}{gap_zh}（现{space}{has_zh}，标准：{standard.get('zh', '')}）"
        en = f"{head_en}{gap_en} (has {measured.get('en', '—')}; standard: {standard.get('en', '')})"
    else:  # an attested item: what was found says it all
        zh = f"{head_zh}{measured.get('zh') or '未达标'}（标准：{standard.get('zh', '')}）"
        en = f"{head_en}{measured.get('en') or 'not met'} (standard: {standard.get('en', '')})"
    unit = str(gap.get("unit") or "")
    if unit == "level":  # Q9: the engine tags both of its figures "level"; the gap may be a rate
        unit = "diff_rate" if "diff_rate" in str(f.get("key") or "") else "levels"
    ratio = (f.get("extra") or {}).get("ratio")
    return _entry(req, zh, en, gap.get("value"), unit, unit, level) | {
        "kind": f.get("subject_kind"), "ratio": ratio if is_number(ratio) else None}


def build_rectification(result: Obj) -> dict[str, Any]:
    """The rectification list of one result: a row per school with findings, district first."""
    typed = result.get("findings")
    if typed is not None:
        by_item, district_entries = _typed_entries(list(typed))
    else:  # a result stored before findings were typed: read the item records
        by_item, district_entries = _item_entries(result)
    names = {str(f.get("school_code")): str(f.get("school_name") or "") for f in typed or []
             if f.get("school_code")}
    rows: dict[str, dict[str, Any]] = {}
    for s in result.get("schools") or []:
        code = str(s.get("code"))
        row = rows.setdefault(code, {
            "code": code, "name": s.get("name"), "town": s.get("town"), "location": s.get("location"),
            "type": s.get("type"), "levels": [], "compliant": True, "assessed": True, "entries": []})
        if s.get("level") not in row["levels"]:
            row["levels"].append(s.get("level"))
        row["compliant"] = row["compliant"] and bool(s.get("compliant"))
        if typed is None:
            row["entries"].extend(_r_entries(s))
    for code, entries in by_item.items():
        if code in rows:
            rows[code]["entries"].extend(entries)
        else:  # a school the item names but the indicators do not (a teaching point, a special
            # school): named as the findings name it, by its code when they do not
            rows[code] = {"code": code, "name": names.get(code) or code, "town": None, "location": None,
                          "type": None, "levels": [], "compliant": None, "assessed": False,
                          "entries": list(entries)}
    order = _requirement_order()
    sections = {(str(s.get("code")), str(s.get("level") or "")): s for s in result.get("schools") or []}
    listed = []
    for row in rows.values():
        if not row["entries"]:
            continue
        row["sections"] = [{"level": lv, "compliant": sections[(row["code"], lv)].get("compliant"),
                            "met_count": sections[(row["code"], lv)].get("met_count")}
                           for lv in row["levels"] if (row["code"], lv) in sections]
        if typed is not None and len(row["levels"]) > 1:  # a split school: say which section
            for e in row["entries"]:
                if e["level"] and e["requirement"].startswith("r"):
                    section = SECTION_NAMES.get(e["level"], ("", ""))
                    e["gap_zh"], e["gap_en"] = f"{section[0]}：{e['gap_zh']}", f"{section[1]}: {e['gap_en']}"
        row["entries"].sort(key=lambda e: (_rank(order, e), e["level"]))
        for e in row["entries"]:
            e["key"] = finding_key(row["code"], e)
            e["advisory"] = _tolerated(row["code"], e, sections)
            if e["advisory"]:
                _say_tolerated(e)
        listed.append(row)  # its requirements are named by _split, apart for each list
    listed.sort(key=lambda r: (r["compliant"] is not False, -len(r["entries"]), r["code"]))
    to_rectify, advice = _split(listed)
    district_entries.sort(key=lambda e: _rank(order, e))  # a veto first: it alone bars recognition
    for e in district_entries:
        e["key"] = finding_key(DISTRICT_ROW, e)
        e["advisory"] = False
    d = result.get("district") or {}
    method = result.get("method") or {}
    failing = [k for k, s in sections.items() if s.get("compliant") is not True]
    gq_rows = [r for r in to_rectify if any(not e["label"].startswith("R") for e in r["entries"])]
    return {
        "district": {"code": d.get("code"), "name": d.get("name"), "school_year": d.get("school_year")},
        "rule": {"zh": str(method.get("school_rule_zh") or ""), "en": str(method.get("school_rule_en") or "")},
        "district_entries": district_entries,
        "rows": to_rectify,
        "advice_rows": advice,
        "counts": {
            **filtered_counts(to_rectify, advice, district_entries),
            "sections": len(sections), "sections_failing": len(failing),
            "schools_failing": len({code for code, _ in failing}),
            "gq_findings": sum(1 for r in gq_rows for e in r["entries"] if not e["label"].startswith("R")),
            # the resource indicators (R1–R7) short in failing sections: with the G/Q findings and
            # the district's own they make the list's total, which the headline says as their sum
            "r_findings": sum(1 for r in to_rectify for e in r["entries"] if e["label"].startswith("R")),
            "gq_schools": len(gq_rows), "district_findings": len(district_entries),
            # the report's 问题明细 counts every class, teacher and section indicator (处)
            "report_findings": len((result.get("verdict") or {}).get("findings") or []),
        },
    }


def _tolerated(code: str, entry: Obj, sections: Mapping[tuple[str, str], Obj]) -> bool:
    """An indicator short of its standard in a section that complies all the same (the national
    rule lets 6 of 7 pass when the 7th is at least 85% of its standard): advice, not rectification."""
    if not entry["label"].startswith("R"):
        return False
    section = sections.get((code, str(entry.get("level") or "")))
    return section is not None and section.get("compliant") is True


def _say_tolerated(e: dict[str, Any]) -> None:
    ratio = e.get("ratio")
    if is_number(ratio):
        share = f"{100 * float(ratio):.1f}%"
        e["gap_zh"] += f"；达到标准的 {share}，在允许范围内，所在学段达标"
        e["gap_en"] += f"; {share} of the standard, within the tolerance: the section complies"
    else:
        e["gap_zh"] += "；在允许范围内，所在学段达标"
        e["gap_en"] += "; within the tolerance: the section complies"


def _split(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows of what must be rectified, and rows of the shortfalls passing sections may keep."""
    to_rectify, advice = [], []
    for row in rows:
        must = [e for e in row["entries"] if not e["advisory"]]
        tips = [e for e in row["entries"] if e["advisory"]]
        if must:
            to_rectify.append(row | {"entries": must, "requirements": _labels(must)})
        if tips:
            advice.append(row | {"entries": tips, "requirements": _labels(tips)})
    advice.sort(key=lambda r: r["code"])
    return to_rectify, advice


def _labels(entries: list[dict[str, Any]]) -> list[str]:
    order = _requirement_order()
    return sorted({e["label"] for e in entries}, key=lambda lb: order.get(lb.lower(), 99))


def summary_lines(rect: Obj, lang: str) -> tuple[str, str]:
    """The headline of the list (what must be rectified) and of the advice, in words: the counts
    the dashboard shows (未达标学段) and what is not counted as rectification."""
    c = rect["counts"]
    # a list stored before the R count was kept: what the total leaves (the parts still add up)
    r = c.get("r_findings", c["findings"] - c["gq_findings"] - c["district_findings"])
    rule = (rect.get("rule") or {}).get(lang) or ""
    first = _vetoes_first(rect, lang)
    if lang == "zh":
        head = first + (f"须整改：未达标学段 {c['sections_failing']:,} 个（涉及 {c['schools_failing']:,} 所学校），"
                f"其资源配置指标未达标 {r:,} 项；"
                f"政府保障与教育质量（G/Q）问题 {c['gq_findings']:,} 项（涉及 {c['gq_schools']:,} 所学校）；"
                f"{DISTRICT_WIDE[0]}问题 {c['district_findings']:,} 项。"
                f"整改清单共 {c['schools']:,} 所学校、{c['findings']:,} 项（即资源配置指标 {r:,} 项、"
                f"G/Q 问题 {c['gq_findings']:,} 项与{DISTRICT_WIDE[0]}问题 {c['district_findings']:,} 项之和）。"
                + _vs_report(c, lang))
        return head, advice_line(c, rule, lang)
    head = first + (f"To rectify: {c['sections_failing']:,} school sections fail (in {c['schools_failing']:,} "
            f"schools), with {r:,} resource indicators short; {c['gq_findings']:,} findings of the government "
            f"(G) and quality (Q) items (in {c['gq_schools']:,} schools); {c['district_findings']:,} "
            f"{DISTRICT_WIDE[1]}. The list: {c['schools']:,} schools, {c['findings']:,} findings ({r:,} resource "
            f"indicators, {c['gq_findings']:,} G/Q and {c['district_findings']:,} {DISTRICT_WIDE[1]})."
            + _vs_report(c, lang))
    return head, advice_line(c, rule, lang)


def _vetoes_first(rect: Obj, lang: str) -> str:
    """A sentence before the counts when a veto is among the district's rows (walk 40: the veto
    was one of "全区县问题 3 项", though it alone bars recognition)."""
    keys = dict.fromkeys(str(e.get("requirement") or "") for e in rect.get("district_entries") or [])
    cases = [c for c in (veto_case(k, lang) for k in keys) if c]
    if not cases:
        return ""
    one = len(cases) == 1  # walk 41: "每项" for the one item missing
    if lang == "zh":
        named = "、".join(in_quotes(c) for c in cases)
        return (f"先处理一票否决事项{named}：{'须' if one else '每项须'}经认定不存在该情形"
                f"（在“佐证材料”表补{'一行' if one else '每项一行'}认定），否则该区县不予认定。")
    return (f"First the {'veto' if one else 'vetoes'} ({'; '.join(cases)}): {'it' if one else 'each'} must be "
            "attested as not arising (a row on the evidence sheet), or the district is not recognised. ")


def _vs_report(c: Obj, lang: str) -> str:
    """How the list's 项 relate to the report's 处 (the same findings, merged by school)."""
    n = c.get("report_findings")
    if not n:
        return ""
    if lang == "zh":
        return (f"评估报告“问题明细”共 {n:,} 处（学段的每项未达标指标、每个班、每名教师各计一处），"
                f"本清单按学校和要件合并为上述各项。")
    return (f" The report's Findings count {n:,} (each indicator of a section, each class and each teacher "
            f"once); this list merges them by school and requirement.")


def advice_line(c: Obj, rule: str, lang: str, filtered: bool = False) -> str:
    """The advice's headline from its counts (``advice_sections``, ``advice_findings``): of the
    whole list, or of the rows a filter keeps (``filtered``; empty when it keeps none)."""
    if filtered and not c["advice_findings"]:
        return ""
    if lang == "zh":
        return (f"提示（不计入整改）：{'符合筛选条件的' if filtered else ''}{c['advice_sections']:,} 个达标学段"
                f"有指标低于标准但在允许范围内（{rule}），共 {c['advice_findings']:,} 项，建议改进。")
    return (f"Advice, not counted as rectification: {c['advice_sections']:,} passing school sections"
            f"{' matching the filter' if filtered else ''} have an indicator below its standard but within "
            f"the tolerance ({rule}), {c['advice_findings']:,} findings in all; improvement is advised.")


def filtered_counts(rows: Sequence[Obj], advice_rows: Sequence[Obj], district_entries: Sequence[Obj]) -> dict[str, int]:
    """The counts of what a filter keeps: schools and findings to rectify, and the advice."""
    return {"schools": len(rows),
            "findings": sum(len(r["entries"]) for r in rows) + len(district_entries),
            "advice_schools": len(advice_rows), "advice_findings": sum(len(r["entries"]) for r in advice_rows),
            "advice_sections": len({(r["code"], e["level"]) for r in advice_rows for e in r["entries"]})}


FILTER_WORDS = {"town": ("镇街", "town"), "level": ("学段", "level"), "requirement": ("要件", "requirement")}


def filter_text(filters: Mapping[str, str], lang: str) -> str:
    """The filters applied, in words ("筛选：镇街 柏滩镇；要件 G9"); empty when none is."""
    zh = lang == "zh"
    said = []
    for key, (word_zh, word_en) in FILTER_WORDS.items():
        value = str(filters.get(key) or "")
        if not value:
            continue
        if key == "level":
            value = LEVEL_NAMES.get(value, (value, value))[0 if zh else 1]
        said.append(f"{word_zh if zh else word_en} {value.upper() if key == 'requirement' else value}")
    if not said:
        return ""
    return "筛选：" + "；".join(said) if zh else "Filter: " + "; ".join(said)


def filtered_line(counts: Obj, lang: str) -> str:
    """The filtered list's size, said beside the district's headline."""
    if lang == "zh":
        return f"筛选后：{counts['schools']:,} 所学校、{counts['findings']:,} 项。"
    return (f"Filtered: {counts['schools']:,} school{'' if counts['schools'] == 1 else 's'}, "
            f"{counts['findings']:,} finding{'' if counts['findings'] == 1 else 's'}.")


def finding_key(school_code: str, entry: Obj) -> str:
    """Stable across re-runs of the same year: school, requirement and (for split schools) level.
    Two findings of one requirement at one school and level (two room types) share the row's
    office and deadline, as one office answers for both."""
    level = entry.get("level") or ""
    return f"{school_code}:{entry['requirement'].split('_', 1)[0]}" + (f":{level}" if level else "")


def _rank(order: Mapping[str, int], entry: Obj) -> int:
    return order.get(str(entry["requirement"]).lower().split("_", 1)[0], 99)


def _requirement_order() -> dict[str, int]:
    # the precondition and the vetoes first: either alone bars recognition (walk 37)
    keys = ["pre", "veto"] + [f"r{i}" for i in range(1, 8)] + [f"g{i}" for i in range(1, 16)] \
        + [f"q{i}" for i in range(1, 10)]
    return {k: i for i, k in enumerate(keys)}


def filter_rows(rect: Obj, town: str = "", level: str = "", requirement: str = "",
                which: str = "rows") -> list[dict[str, Any]]:
    """Rows of the towns, level and requirement asked for (a row keeps only matching entries);
    ``which="advice_rows"`` filters the advice (tolerated shortfalls of passing sections)."""
    out = []
    for row in rect.get(which) or []:
        if town and row.get("town") != town:
            continue
        if level and level not in row.get("levels", []):
            continue
        entries = row["entries"]
        if level:  # a split school: only the entries of that section (or of the whole school)
            entries = [e for e in entries if e.get("level") in ("", None, level)]
        if requirement:
            entries = [e for e in entries if e["label"].lower() == requirement.lower()]
        if not entries:
            continue
        out.append(dict(row) | {"entries": entries})
    return out
