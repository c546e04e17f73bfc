"""The 15 government-guarantee (G) and 9 education-quality (Q) items, and social recognition.

Each judge takes plain figures (numbers, per-school or per-class lists of dicts) and the
rule set, and returns an ``ItemResult``. Every limit comes from ``params.items[key]``; the
code only knows the *kind* of test (at least, at most, below, per school, per class).
Rates are in percent (0–100), as in the data contract. A figure that is missing (None)
never passes: the item is ``evidence_missing`` unless something already fails it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from youjun.core.evidence import (
    Record,
    check_evidence,
    item_param,
    judge_evidence_item,
    judge_precondition,
    judge_vetoes,
)
from youjun.core.findings import (
    NO_QUANTITY,
    Finding,
    Quantity,
    Words,
    figure_text,
    figure_text_below,
    gap_quantity,
    number,
    quantity,
    reason_finding,
)
from youjun.core.judging import (
    EVIDENCE_MISSING,
    ItemResult,
    Reason,
    at_least,
    at_most,
    below,
    combine_status,
    gap_down,
    gap_up,
    highest_at_most,
    lowest_at_least,
    percent,
)
from youjun.core.params import AssessmentParams
from youjun.core.schema import JUNIOR_GRADES, PRIMARY_GRADES, SCHOOL_TYPES

Row = Mapping[str, Any]

# The figures each item's rule file must give (checked when the rule set loads).
REQUIRED_PARAMS: dict[str, tuple[str, ...]] = {
    "g1": ("evidence",), "g2": ("evidence",), "g10": ("evidence",),
    "g3": ("classes_per_room", "music_room_min_m2", "art_room_min_m2"),
    "g4": ("max_students",), "g5": ("max_class",),
    "g6": ("funded_as_students", "locations", "school_types"),
    "g7": ("min_per_pupil_yuan",), "g8": ("min_pay_ratio", "evidence"),
    "g9": ("min_hours_5y", "min_share_percent"),
    "g11": ("min_rotation_percent", "min_key_share_percent", "eligible_min_years"),
    "g12": ("min_certified_percent",), "g13": ("min_percent",), "g14": ("min_percent",),
    "g15": ("min_migrant_public_percent", "evidence"),
    "q1": ("min_percent",), "q2": ("min_percent",), "q3": ("evidence",),
    "q4": ("min_training_share_percent",), "q5": ("evidence",), "q6": ("evidence",),
    "q7": ("evidence",), "q8": ("evidence",), "q9": ("min_level", "diff_rate_below"),
    "vetoes": ("evidence",), "pre_basic_balance": ("evidence", "min_years_since"),
}
EVIDENCE_ONLY = ("g1", "g2", "g10", "q3", "q5", "q6", "q7", "q8")
LEVEL_ZH = {"primary": "小学", "junior": "初中"}
LEVEL_EN = {"primary": "primary", "junior": "junior secondary"}
ROOM_ZH = {"music": ("音乐教室", "music room"), "art": ("美术教室", "art room")}
TYPE_NAMES = {c.code: (c.zh, c.en) for c in SCHOOL_TYPES}


def _school(row: Row, kind: str, requirement: str, key: str, subject: Words, measured: Quantity,
            standard: Words, gap: Quantity, **extra: Any) -> Finding:
    """A finding about a subject of one school of the figures' rows (named by the engine)."""
    return Finding(requirement, key, kind, subject, measured, standard, gap,
                   school_code=str(row.get("school", "")), school_name=str(row.get("name") or ""),
                   level=str(extra.pop("level", "")), extra=extra)


def _missing(item: str, what_zh: str, what_en: str, subject: str = "") -> Reason:
    return Reason(f"{item}.data_missing", f"缺少数据：{what_zh}", f"Data missing: {what_en}",
                  subject=subject or item)


def _no_rows(item: str, what_zh: str, what_en: str) -> ItemResult:
    return ItemResult(item, EVIDENCE_MISSING, {"rows": 0}, [], [_missing(item, what_zh, what_en)])


def _share_at_least(item: str, key: str, figure: float | None, limit: float, zh: str, en: str,
                    subject: str = "") -> tuple[bool, bool, list[Reason]]:
    """(failed, missing, reasons) for 'figure ≥ limit' on a percentage or amount."""
    if figure is None:
        return False, True, [_missing(item, zh, en, subject)]
    if at_least(figure, limit):
        return False, False, []
    return True, False, [Reason(
        f"{item}.{key}", f"{zh} {figure_text_below(figure, limit)}，未达到 {figure_text(limit)}",
        f"{en} {figure_text_below(figure, limit)} is below {figure_text(limit)}", subject=subject or item,
        figure=figure, limit=limit, gap=gap_up(figure, limit))]


def _rate_item(item: str, key: str, figure: float | None, limit: float, zh: str,
               en: str) -> ItemResult:
    failed, missing, reasons = _share_at_least(item, key, figure, limit, f"{zh}（%）",
                                               f"{en} (%)")
    return ItemResult(item, combine_status(failed, missing),
                      {"rate_percent": figure, "min_percent": limit}, [], reasons)


# --- G items ---------------------------------------------------------------------------------

def judge_g3(schools: Iterable[Row], params: AssessmentParams) -> ItemResult:
    """Music and art rooms: one of each per ``classes_per_room`` classes, rounded up (so at
    least one for any school with a class); each counted room at least the minimum area.

    Rows: ``school``, ``classes``, ``music_rooms`` and ``art_rooms`` (lists of areas in m²).
    A room below the area does not count; with ``every_room_must_meet_area`` it fails the
    school outright.
    """
    per = item_param(params, "g3", "classes_per_room")
    min_area = {"music": item_param(params, "g3", "music_room_min_m2"),
                "art": item_param(params, "g3", "art_room_min_m2")}
    strict = bool(params.items["g3"].get("every_room_must_meet_area", False))
    rows = list(schools)
    if not rows:
        return _no_rows("g3", "各校班级数与音乐、美术教室", "classes and music/art rooms per school")
    failing: list[dict[str, Any]] = []
    reasons: list[Reason] = []
    findings: list[Finding] = []
    missing = False
    for row in rows:
        school = str(row.get("school", ""))
        classes = row.get("classes")
        if classes is None:
            missing = True
            reasons.append(_missing("g3", "班级数", "number of classes", school))
            continue
        required = math.ceil(classes / per)
        for kind in ("music", "art"):
            zh, en = ROOM_ZH[kind]
            areas = row.get(f"{kind}_rooms")
            if areas is None:
                missing = True
                reasons.append(_missing("g3", f"{zh}面积", f"{en} areas", school))
                continue
            full = [a for a in areas if at_least(a, min_area[kind])]
            small = [a for a in areas if not at_least(a, min_area[kind])]
            if len(full) < required:
                failing.append({"school": school, "room_type": kind, "classes": classes,
                                "required": required, "full_size": len(full),
                                "undersized_m2": small, "min_area_m2": min_area[kind]})
                reasons.append(Reason(
                    "g3.rooms_short",
                    f"{school}：{classes} 个班需{zh} {required} 间（每间≥{figure_text(min_area[kind])} 平方米），"
                    f"达标 {len(full)} 间" + (f"，另有面积不足的 {len(small)} 间" if small else ""),
                    f"{school}: {classes} classes need {required} {en}(s) of "
                    f"≥{figure_text(min_area[kind])} m², has {len(full)}"
                    + (f" (+{len(small)} too small)" if small else ""),
                    subject=school, figure=len(full), limit=required, gap=required - len(full)))
                short = required - len(full)
                findings.append(_school(
                    row, "room", "G3", "g3.rooms_short", Words(zh, en),
                    Quantity(len(full), "rooms", f"达标{zh} {len(full)} 间",
                             f"{len(full)} {en}{'' if len(full) == 1 else 's'} of the minimum area"),
                    Words(f"{classes} 个班应配{zh} {required} 间（每 {figure_text(per)} 个班 1 间，每间不小于 "
                          f"{figure_text(min_area[kind])} 平方米）", f"{classes} classes need {required} {en}(s) "
                          f"(one per {figure_text(per)} classes, each at least {figure_text(min_area[kind])} m²)"),
                    Quantity(short, "rooms", f"缺{zh} {short} 间",
                             f"{short} {en}{'s' if short > 1 else ''} short"),
                    room_type=kind, classes=classes, required=required, full_size=len(full)))
            elif strict and small:
                failing.append({"school": school, "room_type": kind, "undersized_m2": small,
                                "min_area_m2": min_area[kind]})
                reasons.append(Reason(
                    "g3.room_too_small", f"{school}：{zh}面积 {figure_text(min(small))} 平方米，小于 "
                    f"{figure_text(min_area[kind])} 平方米", f"{school}: a {en} of {figure_text(min(small))} m² is "
                    f"below {figure_text(min_area[kind])} m²", subject=school, figure=min(small),
                    limit=min_area[kind], gap=gap_up(min(small), min_area[kind])))
                findings.append(_school(
                    row, "room", "G3", "g3.room_too_small", Words(zh, en),
                    quantity(min(small), "m2"),
                    Words(f"每间{zh}不小于 {figure_text(min_area[kind])} 平方米", f"each {en} at least "
                          f"{figure_text(min_area[kind])} m²"),
                    gap_quantity(gap_up(min(small), min_area[kind]), "m2", over=False),
                    room_type=kind))
    figures = {"schools": len(rows), "schools_failing": len({f["school"] for f in failing})}
    return ItemResult("g3", combine_status(bool(failing), missing), figures, failing, reasons,
                      findings=findings)


def judge_g4(schools: Iterable[Row], params: AssessmentParams) -> ItemResult:
    """School size: compulsory pupils ≤ the limit for the school type.

    Rows: ``school``, ``type`` (a school-type code), ``compulsory_students``. Types without a
    limit in the rule set (special-education schools) are not judged.
    """
    limits: Mapping[str, float] = item_param(params, "g4", "max_students")
    rows = list(schools)
    if not rows:
        return _no_rows("g4", "各校义务教育学生数", "compulsory pupils per school")
    failing, reasons, missing, judged = [], [], False, 0
    findings: list[Finding] = []
    for row in rows:
        school, kind = str(row.get("school", "")), str(row.get("type") or "")
        pupils = row.get("compulsory_students")
        if kind not in limits:
            continue
        judged += 1
        limit = limits[kind]
        if pupils is None:
            missing = True
            reasons.append(_missing("g4", "义务教育学生数", "compulsory pupils", school))
        elif not at_most(pupils, limit):
            failing.append({"school": school, "type": kind, "students": pupils, "limit": limit})
            reasons.append(Reason("g4.school_too_large",
                                  f"{school}：义务教育阶段学生 {figure_text(pupils)} 人，超过 {figure_text(limit)} 人",
                                  f"{school}: {figure_text(pupils)} compulsory pupils, above {figure_text(limit)}",
                                  subject=school, figure=pupils, limit=limit,
                                  gap=gap_down(pupils, limit)))
            tz, te = TYPE_NAMES.get(kind, (kind, kind))
            findings.append(_school(
                row, "school", "G4", "g4.school_too_large", Words("义务教育阶段学生数", "compulsory pupils"),
                quantity(pupils, "pupils"),
                Words(f"{tz}义务教育阶段学生不超过 {figure_text(limit)} 人",
                      f"at most {figure_text(limit)} compulsory pupils in a {te.lower()}"),
                gap_quantity(gap_down(pupils, limit), "pupils", over=True), type=kind))
    return ItemResult("g4", combine_status(bool(failing), missing),
                      {"schools": judged, "schools_failing": len(failing)}, failing, reasons,
                      findings=findings)


def _level_of(row: Row) -> str | None:
    if row.get("level") in LEVEL_ZH:
        return str(row["level"])
    grade = row.get("grade")
    if grade in PRIMARY_GRADES:
        return "primary"
    if grade in JUNIOR_GRADES:
        return "junior"
    return None


def judge_g5(classes: Iterable[Row], params: AssessmentParams) -> ItemResult:
    """Class size: every real class ≤ the level's limit (never judged from averages).

    Rows: ``school``, ``class`` (name), ``students``, and ``level`` or ``grade`` (1–9).
    Senior-high classes are not judged.
    """
    limits: Mapping[str, float] = item_param(params, "g5", "max_class")
    rows = list(classes)
    if not rows:
        return _no_rows("g5", "各班实际班额", "real class sizes")
    failing, reasons, missing, judged = [], [], False, 0
    findings: list[Finding] = []
    largest: dict[str, float] = {}
    ceiling = {level: highest_at_most(limit) for level, limit in limits.items()}  # at_most as one comparison
    standards = {level: Words(f"{LEVEL_ZH[level]}每班不超过 {figure_text(limit)} 人",  # the same for every class
                              f"at most {figure_text(limit)} pupils in a {LEVEL_EN[level]} class")
                 for level, limit in limits.items() if level in LEVEL_ZH}
    for row in rows:
        level = row.get("level")
        level = str(level) if level in LEVEL_ZH else _level_of(row)
        if level is None or level not in limits:
            continue
        judged += 1
        size = row.get("students")
        if size is not None:
            largest[level] = max(largest.get(level, 0), size)
            if size <= ceiling[level]:
                continue  # most classes: nothing to write about them
        school, name = str(row.get("school", "")), str(row.get("class", ""))
        subject = f"{school}/{name}" if name else school
        grade = row.get("grade")
        en_name = (f"grade {grade}, class {str(row.get('class_name')).removesuffix('班')}"
                   if grade is not None and row.get("class_name") is not None else name)
        subject_en = f"{school}/{en_name}" if en_name else school  # "1年级2班" is built, not data
        if size is None:
            missing = True
            reasons.append(_missing("g5", "班额", "class size", subject))
            continue
        limit = limits[level]
        if not at_most(size, limit):
            failing.append({"school": school, "class": name, "level": level, "students": size,
                            "limit": limit})
            reasons.append(Reason("g5.class_too_large",
                                  f"{subject}：{LEVEL_ZH[level]}班额 {figure_text(size)} 人，"
                                  f"超过 {figure_text(limit)} 人",
                                  f"{subject_en}: {LEVEL_EN[level]} class of {figure_text(size)}, "
                                  f"above {figure_text(limit)}",
                                  subject=subject, figure=size, limit=limit,
                                  gap=gap_down(size, limit)))
            findings.append(_school(
                row, "class", "G5", "g5.class_too_large", Words(name, en_name),
                quantity(size, "pupils"), standards[level],
                gap_quantity(gap_down(size, limit), "pupils", over=True), level=level))
    figures = {"classes": judged, "classes_failing": len(failing), "largest": largest}
    return ItemResult("g5", combine_status(bool(failing), missing), figures, failing, reasons,
                      findings=findings)


def judge_g6(schools: Iterable[Row], params: AssessmentParams) -> ItemResult:
    """Small village schools and teaching points are funded as if they had the minimum roll.

    Rows: ``school``, ``type``, ``location``, ``students``, ``allocated_yuan`` (public funds
    allocated) and ``base_per_pupil_yuan`` (the per-pupil base for its level). A school
    applies when its location or type is listed and it has fewer pupils than the minimum.
    """
    funded_as = item_param(params, "g6", "funded_as_students")
    locations = set(item_param(params, "g6", "locations"))
    types = set(item_param(params, "g6", "school_types"))
    rows = list(schools)
    if not rows:
        return _no_rows("g6", "各校学生数与公用经费拨付", "pupils and public funds per school")
    failing, reasons, missing, applicable = [], [], False, 0
    findings: list[Finding] = []
    for row in rows:
        school, pupils = str(row.get("school", "")), row.get("students")
        if row.get("location") not in locations and row.get("type") not in types:
            continue
        if pupils is None:
            missing = True
            reasons.append(_missing("g6", "学生数", "pupils", school))
            continue
        if not below(pupils, funded_as):
            continue
        applicable += 1
        allocated, base = row.get("allocated_yuan"), row.get("base_per_pupil_yuan")
        if allocated is None or base is None:
            missing = True
            reasons.append(_missing("g6", "公用经费拨付额或生均基准定额",
                                    "funds allocated or per-pupil base", school))
            continue
        required = base * funded_as
        if not at_least(allocated, required):
            failing.append({"school": school, "students": pupils, "allocated_yuan": allocated,
                            "required_yuan": required})
            reasons.append(Reason(
                "g6.underfunded",
                f"{school}：{figure_text(pupils)} 人，应按 {figure_text(funded_as)} 人拨付 {number(required, 0)} 元，"
                f"实拨 {number(allocated, 0)} 元", f"{school}: {figure_text(pupils)} pupils, should receive "
                f"{number(required, 0)} yuan (as {figure_text(funded_as)}), received {number(allocated, 0)}",
                subject=school, figure=allocated, limit=required, gap=gap_up(allocated, required)))
            findings.append(_school(
                row, "school", "G6", "g6.underfunded", Words("公用经费拨付额", "public funds allocated"),
                quantity(allocated, "yuan"),
                Words(f"不足{figure_text(funded_as)}人的按{figure_text(funded_as)}人核定，"
                      f"应拨 {number(required, 0)} 元",
                      f"funded as {figure_text(funded_as)} pupils when smaller: {number(required, 0)} yuan"),
                gap_quantity(gap_up(allocated, required), "yuan", over=False), students=pupils))
    figures = {"schools_applicable": applicable, "schools_failing": len(failing),
               "funded_as_students": funded_as}
    return ItemResult("g6", combine_status(bool(failing), missing), figures, failing, reasons,
                      findings=findings)


def judge_g7(special_ed_funds_yuan: float | None, special_ed_students: float | None,
             params: AssessmentParams) -> ItemResult:
    """Special-education public funds per pupil ≥ the minimum."""
    limit = item_param(params, "g7", "min_per_pupil_yuan")
    if special_ed_funds_yuan is None or not special_ed_students:
        return ItemResult("g7", EVIDENCE_MISSING, {"per_pupil_yuan": None, "min_yuan": limit}, [],
                          [_missing("g7", "特殊教育公用经费与学生数",
                                    "special-education funds and pupils")])
    per_pupil = special_ed_funds_yuan / special_ed_students
    failed, _, reasons = _share_at_least("g7", "below_minimum", per_pupil, limit,
                                         "特殊教育生均公用经费（元）",
                                         "Special-education public funds per pupil (yuan)")
    return ItemResult("g7", combine_status(failed, False),
                      {"per_pupil_yuan": per_pupil, "min_yuan": limit,
                       "funds_yuan": special_ed_funds_yuan, "students": special_ed_students},
                      [], reasons)


def judge_g8(avg_teacher_pay_yuan: float | None, civil_servant_avg_pay_yuan: float | None,
             evidence: Iterable[Record], params: AssessmentParams) -> ItemResult:
    """Average teacher pay ≥ the local civil-servant average (× ``min_pay_ratio``), and the
    performance-pay evidence attested."""
    ratio = item_param(params, "g8", "min_pay_ratio")
    reasons: list[Reason] = []
    failed = missing = False
    if avg_teacher_pay_yuan is None or civil_servant_avg_pay_yuan is None:
        missing = True
        reasons.append(_missing("g8", "教师与公务员年平均工资", "teacher and civil-servant average pay"))
    else:
        f, _, r = _share_at_least("g8", "pay_below_civil_service", avg_teacher_pay_yuan,
                                  civil_servant_avg_pay_yuan * ratio,
                                  "教师年平均工资收入（元）", "Average teacher pay (yuan)")
        failed, reasons = f, reasons + r
    records = list(evidence)
    attestations: list[dict[str, Any]] = []
    for code in item_param(params, "g8", "evidence"):
        f, m, r, a = check_evidence(code, records, item="g8")
        failed, missing = failed or f, missing or m
        reasons += r
        attestations += a
    figures = {"avg_teacher_pay_yuan": avg_teacher_pay_yuan,
               "civil_servant_avg_pay_yuan": civil_servant_avg_pay_yuan, "min_pay_ratio": ratio}
    return ItemResult("g8", combine_status(failed, missing), figures, [], reasons, attestations)


def judge_g9(teachers: Iterable[Row], params: AssessmentParams) -> ItemResult:
    """Share of teachers with ≥ ``min_hours_5y`` training hours in 5 years ≥ the minimum.

    Rows: ``teacher`` (masked id) and ``hours_5y``.
    """
    hours = item_param(params, "g9", "min_hours_5y")
    share_min = item_param(params, "g9", "min_share_percent")
    rows = list(teachers)
    if not rows:
        return _no_rows("g9", "教师培训学时", "teachers' training hours")
    floor = lowest_at_least(hours)  # at_least(h, hours) is h >= floor: one comparison per teacher
    unknown: list[Row] = []
    short: list[Row] = []
    for r in rows:
        h = r.get("hours_5y")
        if h is None:
            unknown.append(r)
        elif not h >= floor:
            short.append(r)
    done = len(rows) - len(unknown) - len(short)
    share = percent(done, len(rows))
    # Fails when even counting every unknown teacher as trained falls short; otherwise
    # unknown hours leave the item open rather than passing it.
    failed = not at_least(percent(done + len(unknown), len(rows)), share_min)
    missing = not failed and not at_least(share, share_min)
    failing = [{"teacher": r.get("teacher"), "hours_5y": r["hours_5y"]} for r in short]
    # Each teacher short of the hours is a finding of their school only when the share fails
    # (the standard, the same for each, written once).
    standard = Words(f"近五年培训不少于 {figure_text(hours)} 学时",
                     f"at least {figure_text(hours)} training hours in 5 years")
    findings = [_school(
        r, "teacher", "G9", "g9.teacher_hours_short",
        Words(f"教师 {r.get('teacher')}", f"teacher {r.get('teacher')}"),
        quantity(r["hours_5y"], "hours"), standard,
        gap_quantity(gap_up(r["hours_5y"], hours), "hours", over=False)) for r in short] if failed else []
    reasons: list[Reason] = []
    if failed:
        reasons.append(Reason(
            "g9.training_short",
            f"近五年完成 {figure_text(hours)} 学时培训的教师占 {figure_text_below(share, share_min)}%"
            f"（{len(short)} 人未完成），要求 {figure_text(share_min)}%",
            f"{figure_text_below(share, share_min)}% of teachers completed {figure_text(hours)} hours in 5 years "
            f"({len(short)} short), {figure_text(share_min)}% required",
            figure=share, limit=share_min, gap=gap_up(share, share_min)))
    if missing:
        reasons.append(_missing("g9", f"{len(unknown)} 名教师的培训学时",
                                f"training hours of {len(unknown)} teachers"))
    figures = {"teachers": len(rows), "completed": done, "share_percent": share,
               "min_share_percent": share_min, "min_hours_5y": hours, "unknown": len(unknown)}
    return ItemResult("g9", combine_status(failed, missing), figures, failing, reasons,
                      findings=findings)


def judge_g11(eligible: int | None, rotated_eligible: int | None, rotated_key: int | None,
              params: AssessmentParams) -> ItemResult:
    """Rotation: rotated ≥ ``min_rotation_percent`` of eligible teachers (those with at least
    ``eligible_min_years`` at their school), key teachers ≥ ``min_key_share_percent`` of the
    rotated."""
    rot_min = item_param(params, "g11", "min_rotation_percent")
    key_min = item_param(params, "g11", "min_key_share_percent")
    years = item_param(params, "g11", "eligible_min_years")
    if not eligible or rotated_eligible is None or rotated_key is None:
        return ItemResult("g11", EVIDENCE_MISSING, {"eligible": eligible}, [], [_missing(
            "g11", "应交流教师数、已交流人数及其中骨干教师数",
            "eligible, rotated and rotated key teachers")])
    rot_share = percent(rotated_eligible, eligible)
    key_share = percent(rotated_key, rotated_eligible) if rotated_eligible else 0.0
    f1, _, r1 = _share_at_least("g11", "rotation_short", rot_share, rot_min,
                                f"交流轮岗教师占任教满{figure_text(years)}年教师的比例（%）",
                                f"Share of teachers with {figure_text(years)}+ years who rotated (%)")
    f2, _, r2 = _share_at_least("g11", "key_share_short", key_share, key_min,
                                "交流教师中骨干教师比例（%）", "Key teachers among the rotated (%)")
    figures = {"eligible": eligible, "rotated": rotated_eligible, "rotated_key": rotated_key,
               "rotation_percent": rot_share, "key_share_percent": key_share,
               "min_rotation_percent": rot_min, "min_key_share_percent": key_min,
               "eligible_min_years": years}
    return ItemResult("g11", combine_status(f1 or f2, False), figures, [], r1 + r2)


def judge_g12(teachers: int | None, certified: int | None, params: AssessmentParams,
              uncertified: Iterable[Row] = ()) -> ItemResult:
    """Share of full-time teachers holding a teacher's certificate ≥ the minimum.

    ``uncertified``: rows (``teacher``, ``school``) of the teachers without a certificate.
    """
    limit = item_param(params, "g12", "min_certified_percent")
    if not teachers or certified is None:
        return _no_rows("g12", "专任教师数及持证人数", "teachers and certificate holders")
    share = percent(certified, teachers)
    # The rate stays the judged figure (and its reason); the teachers are named below.
    failed, _, reasons = _share_at_least("g12", "uncertified", share, limit,
                                         "专任教师持证上岗率（%）", "Teachers with a certificate (%)")
    rows = list(uncertified)
    failing = [{"teacher": r.get("teacher"), "school": r.get("school")} for r in rows]
    # Each teacher without a certificate is a finding of their school when the rate fails, so
    # the report and the rectification list name who must be certified. The rate's own finding
    # comes first: it is the judged figure, and a cut list of the item still shows it.
    findings = [reason_finding("g12", r) for r in reasons] + [_school(
        r, "teacher", "G12", "g12.teacher_uncertified",
        Words(f"教师 {r.get('teacher')}", f"teacher {r.get('teacher')}"),
        Quantity(None, "", "无教师资格证", "no certificate"),
        Words(f"持证上岗 {figure_text(limit)}%", f"{figure_text(limit)}% of teachers certified"),
        NO_QUANTITY) for r in rows] if failed else []
    return ItemResult("g12", combine_status(failed, False),
                      {"teachers": teachers, "certified": certified, "share_percent": share,
                       "min_percent": limit}, failing if failed else [], reasons, findings=findings)


def judge_g13(nearest_zone_primary: float | None, nearest_zone_junior: float | None,
              params: AssessmentParams) -> ItemResult:
    """Urban and town public schools enrol by nearest zone: rates ≥ each level's minimum."""
    limits: Mapping[str, float] = item_param(params, "g13", "min_percent")
    failed = missing = False
    reasons: list[Reason] = []
    for level, figure in (("primary", nearest_zone_primary), ("junior", nearest_zone_junior)):
        f, m, r = _share_at_least("g13", "not_nearest_zone", figure, limits[level],
                                  f"{LEVEL_ZH[level]}就近划片入学比例（%）",
                                  f"{level} nearest-zone enrolment (%)", subject=level)
        failed, missing, reasons = failed or f, missing or m, reasons + r
    figures = {"primary_percent": nearest_zone_primary, "junior_percent": nearest_zone_junior,
               "min_percent": dict(limits)}
    return ItemResult("g13", combine_status(failed, missing), figures, [], reasons)


def judge_g14(quota_allocation: float | None, params: AssessmentParams) -> ItemResult:
    return _rate_item("g14", "quota_short", quota_allocation,
                      item_param(params, "g14", "min_percent"),
                      "优质高中招生名额分配比例", "Quality senior-high places allocated")


def judge_g15(migrant_public: float | None, evidence: Iterable[Record],
              params: AssessmentParams) -> ItemResult:
    """Migrant children in public schools or bought places ≥ the minimum, and the left-behind
    children care system attested."""
    limit = item_param(params, "g15", "min_migrant_public_percent")
    failed, missing, reasons = _share_at_least(
        "g15", "migrant_share_short", migrant_public, limit,
        "随迁子女在公办学校和政府购买学位就读比例（%）", "Migrant children in public or bought places (%)")
    records = list(evidence)
    attestations: list[dict[str, Any]] = []
    for code in item_param(params, "g15", "evidence"):
        f, m, r, a = check_evidence(code, records, item="g15")
        failed, missing = failed or f, missing or m
        reasons += r
        attestations += a
    return ItemResult("g15", combine_status(failed, missing),
                      {"migrant_public_percent": migrant_public, "min_percent": limit}, [],
                      reasons, attestations)


# --- Q items ---------------------------------------------------------------------------------

def judge_q1(junior_retention: float | None, params: AssessmentParams) -> ItemResult:
    return _rate_item("q1", "retention_short", junior_retention,
                      item_param(params, "q1", "min_percent"), "初中三年巩固率",
                      "Three-year junior retention")


def judge_q2(disabled_enrolment: float | None, params: AssessmentParams) -> ItemResult:
    return _rate_item("q2", "enrolment_short", disabled_enrolment,
                      item_param(params, "q2", "min_percent"), "残疾儿童少年入学率",
                      "Disabled children's enrolment")


def judge_q4(schools: Iterable[Row], params: AssessmentParams) -> ItemResult:
    """Every school spends ≥ the minimum share of its public-funds budget on teacher training.

    Rows: ``school``, ``budget_yuan``, ``training_spend_yuan``.
    """
    limit = item_param(params, "q4", "min_training_share_percent")
    rows = list(schools)
    if not rows:
        return _no_rows("q4", "各校公用经费预算与培训经费", "budgets and training spend per school")
    failing, reasons, missing = [], [], False
    findings: list[Finding] = []
    for row in rows:
        school, budget, spend = str(row.get("school", "")), row.get("budget_yuan"), \
            row.get("training_spend_yuan")
        if not budget or spend is None:
            missing = True
            reasons.append(_missing("q4", "公用经费预算或培训经费", "budget or training spend", school))
            continue
        share = percent(spend, budget)
        if not at_least(share, limit):
            failing.append({"school": school, "share_percent": share, "budget_yuan": budget,
                            "training_spend_yuan": spend})
            reasons.append(Reason(
                "q4.training_spend_short",
                f"{school}：教师培训经费占公用经费 {figure_text_below(share, limit)}%，"
                f"未达到 {figure_text(limit)}%（差 {number(budget * limit / 100 - spend, 0)} 元）",
                f"{school}: training spend is {figure_text_below(share, limit)}% of the budget, "
                f"below {figure_text(limit)}%",
                subject=school, figure=share, limit=limit, gap=gap_up(share, limit)))
            findings.append(_school(
                row, "school", "Q4", "q4.training_spend_short",
                Words("教师培训经费占公用经费预算的比例", "training share of the public-funds budget"),
                quantity(share, "percent"),
                Words(f"不低于公用经费预算的 {figure_text(limit)}%", f"at least {figure_text(limit)}% of the budget"),
                gap_quantity(budget * limit / 100 - spend, "yuan", over=False, what_zh="培训经费",
                             what_en="of training funds"), budget_yuan=budget))
    return ItemResult("q4", combine_status(bool(failing), missing),
                      {"schools": len(rows), "schools_failing": len(failing)}, failing, reasons,
                      findings=findings)


def judge_q9(level: float | None, diff_rate: float | None, params: AssessmentParams) -> ItemResult:
    """National quality monitoring: level ≥ ``min_level`` and difference rate < ``diff_rate_below``."""
    min_level = item_param(params, "q9", "min_level")
    max_diff = item_param(params, "q9", "diff_rate_below")
    failed, missing, reasons = _share_at_least("q9", "level_short", level, min_level,
                                               "国家质量监测达到水平", "National monitoring level")
    if diff_rate is None:
        missing = True
        reasons.append(_missing("q9", "校际差异率", "inter-school difference rate"))
    elif not below(diff_rate, max_diff):
        failed = True
        reasons.append(Reason("q9.diff_rate_high",
                              f"国家质量监测校际差异率 {figure_text(diff_rate)}，应小于 {figure_text(max_diff)}",
                              f"Inter-school difference rate {figure_text(diff_rate)}, must be below "
                              f"{figure_text(max_diff)}", subject="q9", figure=diff_rate, limit=max_diff,
                              gap=gap_down(diff_rate, max_diff)))
    return ItemResult("q9", combine_status(failed, missing),
                      {"level": level, "min_level": min_level, "diff_rate": diff_rate,
                       "diff_rate_below": max_diff}, [], reasons)


def judge_social_recognition(rate: float | None, params: AssessmentParams) -> ItemResult:
    return _rate_item("social_recognition", "below_limit", rate,
                      item_param(params, "social_recognition", "min_percent"), "社会认可度",
                      "Social recognition")


# --- one entry point per item, from a mapping of figures --------------------------------------

def _f(figures: Mapping[str, Any], name: str, default: Any = None) -> Any:
    return figures.get(name, default)


_COMPUTED: dict[str, Callable[[Mapping[str, Any], Sequence[Record], AssessmentParams],
                              ItemResult]] = {
    "g3": lambda f, e, p: judge_g3(_f(f, "schools", ()), p),
    "g4": lambda f, e, p: judge_g4(_f(f, "schools", ()), p),
    "g5": lambda f, e, p: judge_g5(_f(f, "classes", ()), p),
    "g6": lambda f, e, p: judge_g6(_f(f, "schools", ()), p),
    "g7": lambda f, e, p: judge_g7(_f(f, "special_ed_funds_yuan"),
                                   _f(f, "special_ed_students"), p),
    "g8": lambda f, e, p: judge_g8(_f(f, "avg_teacher_pay_yuan"),
                                   _f(f, "civil_servant_avg_pay_yuan"), e, p),
    "g9": lambda f, e, p: judge_g9(_f(f, "teachers", ()), p),
    "g11": lambda f, e, p: judge_g11(_f(f, "eligible"), _f(f, "rotated_eligible"),
                                     _f(f, "rotated_key"), p),
    "g12": lambda f, e, p: judge_g12(_f(f, "teachers"), _f(f, "certified"), p,
                                     _f(f, "uncertified", ())),
    "g13": lambda f, e, p: judge_g13(_f(f, "nearest_zone_primary"),
                                     _f(f, "nearest_zone_junior"), p),
    "g14": lambda f, e, p: judge_g14(_f(f, "quota_allocation"), p),
    "g15": lambda f, e, p: judge_g15(_f(f, "migrant_public"), e, p),
    "q1": lambda f, e, p: judge_q1(_f(f, "junior_retention"), p),
    "q2": lambda f, e, p: judge_q2(_f(f, "disabled_enrolment"), p),
    "q4": lambda f, e, p: judge_q4(_f(f, "schools", ()), p),
    "q9": lambda f, e, p: judge_q9(_f(f, "level"), _f(f, "diff_rate"), p),
    "social_recognition": lambda f, e, p: judge_social_recognition(_f(f, "rate"), p),
}

# The figures ``judge_item`` reads for each computed item (for the orchestrator and the docs).
FIGURES: dict[str, tuple[str, ...]] = {
    "g3": ("schools",), "g4": ("schools",), "g5": ("classes",), "g6": ("schools",),
    "g7": ("special_ed_funds_yuan", "special_ed_students"),
    "g8": ("avg_teacher_pay_yuan", "civil_servant_avg_pay_yuan"), "g9": ("teachers",),
    "g11": ("eligible", "rotated_eligible", "rotated_key"), "g12": ("teachers", "certified", "uncertified"),
    "g13": ("nearest_zone_primary", "nearest_zone_junior"), "g14": ("quota_allocation",),
    "g15": ("migrant_public",), "q1": ("junior_retention",), "q2": ("disabled_enrolment",),
    "q4": ("schools",), "q9": ("level", "diff_rate"), "social_recognition": ("rate",),
}


def judge_item(key: str, figures: Mapping[str, Any], params: AssessmentParams, *,
               evidence: Iterable[Record] = (), schools: Sequence[str] | None = None) -> ItemResult:
    """Judge one item by key from its figures (see ``FIGURES``) and the evidence records.

    ``schools`` (in-scope school codes) is used by items attested per school (q3, q6).
    """
    records = list(evidence)
    if key in _COMPUTED:
        return with_findings(_COMPUTED[key](figures, records, params), params)
    if key in EVIDENCE_ONLY:
        return with_findings(judge_evidence_item(key, records, params, schools=schools), params)
    if key == "pre_basic_balance":
        return with_findings(judge_precondition(records, params), params)
    raise KeyError(f"unknown item {key!r}")


# Units of the figures in an item's own reasons (percent unless named here).
_REASON_UNITS: dict[str, tuple[str, int | None]] = {
    "g7.below_minimum": ("yuan", None), "g8.pay_below_civil_service": ("yuan", None),
    "q9.level_short": ("level", 0), "q9.diff_rate_high": ("level", 2),
}
_BELOW = ("q9.diff_rate_high",)  # reasons whose limit is a strict maximum


def with_findings(result: ItemResult, params: AssessmentParams) -> ItemResult:
    """The result with a finding for each of its reasons that no explicit finding covers
    (district figures, missing data, evidence attested as not met)."""
    covered = {f.key for f in result.findings}
    extra = [reason_finding(result.key, r, *_REASON_UNITS.get(r.key, ("percent", None)),
                            below=r.key in _BELOW)
             for r in result.reasons if r.key not in covered]
    return replace(result, findings=list(result.findings) + extra) if extra else result


def judge_all(figures_by_item: Mapping[str, Mapping[str, Any]], evidence: Iterable[Record],
              params: AssessmentParams, *, schools: Sequence[str] | None = None
              ) -> list[ItemResult]:
    """Every item, veto and precondition the rule set requires, in the rule set's order.

    An item whose figures are absent from ``figures_by_item`` is judged on empty figures,
    which gives ``evidence_missing`` — it is listed, never silently passed.
    """
    records = list(evidence)
    results: list[ItemResult] = []
    for key in params.items:
        if key == "vetoes":
            results += judge_vetoes(records, params)
        elif key == "social_recognition" and params.items[key].get("min_percent") is None:
            continue  # a survey plan without a pass mark (2012): nothing to judge
        else:
            results.append(judge_item(key, figures_by_item.get(key, {}), params,
                                      evidence=records, schools=schools))
    return results
