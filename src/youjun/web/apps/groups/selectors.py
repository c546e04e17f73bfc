"""Reads of the education groups: memberships and their history, what a group shares, the
coverage of quality resources (computed, never typed) and the group comparison.

The comparison reuses the assessment engine's per-school values (the latest finished run on the
district's current snapshot: ``result["schools"][*]["values"]`` and ``["pupils"]``) and the
engine's own ``theil_decomposition``; only the grouping differs (the memberships on the
comparison date instead of the workbook's ``education_group`` column).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from youjun.analytics.inequality import theil_decomposition
from youjun.core import groups as core
from youjun.core.school_year import school_year_of
from youjun.web.apps.groups.models import (
    AreaSession,
    GroupMembership,
    JointResearch,
    QualityMark,
    ResearchArea,
    SharedCourse,
)
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.models import District, EducationGroup, School
from youjun.web.apps.workforce.models import Assignment

PUPILS_SOURCE = {"table": "classes", "column": "students",
                 "zh": "当年快照的班级表中各班学生数按学校合计",
                 "en": "the current snapshot's classes table, students summed per school"}


# --- who sees what -----------------------------------------------------------------------------

def district_reads(user: Any, district: District) -> bool:
    scope = scoping.scope_of(user)
    return scope.is_authenticated and (scope.everything or district.pk in scope.admin_districts
                                       or district.pk in scope.districts or district.province_id in scope.provinces)


def district_runs(user: Any, district: District) -> bool:
    """The bureau runs the groups (and the platform administrator)."""
    scope = scoping.scope_of(user)
    return scope.is_authenticated and (scope.everything or district.pk in scope.admin_districts)


def own_school_ids(user: Any) -> set[int]:
    return set(scoping.scope_of(user).own_schools)


# --- memberships -------------------------------------------------------------------------------

def groups(district: District) -> list[EducationGroup]:
    return list(EducationGroup.objects.filter(district=district).order_by("name"))


def stretches(district: District) -> list[core.Stretch]:
    rows = GroupMembership.objects.filter(school__district=district).values_list(
        "school_id", "group_id", "role", "start", "end")
    return [core.Stretch(s, g, r, a, e) for s, g, r, a, e in rows]


def current_memberships(group: EducationGroup) -> list[GroupMembership]:
    return list(GroupMembership.objects.filter(group=group, end__isnull=True).select_related("school")
                .order_by("-role", "school__code"))  # "member" > "lead": the lead first


def history(group: EducationGroup) -> list[GroupMembership]:
    """Every membership the group ever had, latest first (who joined, who left, when)."""
    return list(GroupMembership.objects.filter(group=group).select_related("school")
                .order_by("-start", "school__code"))


def school_history(school: School) -> list[GroupMembership]:
    return list(GroupMembership.objects.filter(school=school).select_related("group").order_by("-start"))


def lead_of(group: EducationGroup) -> School | None:
    m = GroupMembership.objects.filter(group=group, role="lead", end__isnull=True).select_related("school").first()
    return m.school if m else None


def unadopted(district: District) -> int:
    """Schools with a group in the register but no open membership (before the first adoption)."""
    # not ``exclude(group_memberships__end__isnull=True)``: a school with no membership at all joins
    # as NULL there and was dropped, so the register's groups were never offered for adoption
    open_ids = GroupMembership.objects.filter(school__district=district, end__isnull=True).values("school_id")
    return School.objects.filter(district=district, group__isnull=False).exclude(pk__in=open_ids).count()


# --- pupils and quality ------------------------------------------------------------------------

def pupils_by_school(district: District) -> tuple[str | None, dict[str, int]]:
    """(school year, school code -> pupils) of the district's latest current snapshot."""
    from youjun.web.apps.schools import selectors as school_selectors

    snaps = school_selectors.current_snapshots(district)
    if not snaps:
        return None, {}
    tables = school_selectors.snapshot_tables(snaps[0])
    classes, schools = tables.get("classes"), tables.get("schools")
    out: dict[str, int] = {}
    if schools is not None and not schools.empty:
        out = {str(c): 0 for c in schools["school_code"]}
    if classes is not None and not classes.empty:
        for code, n in classes.groupby("school_code")["students"].sum().items():
            out[str(code)] = int(n)
    return snaps[0].school_year, out


def marks(district: District) -> list[QualityMark]:
    return list(QualityMark.objects.filter(school__district=district).select_related("school")
                .order_by("-marked_on", "school__code"))


def quality_school_ids(district: District, day: dt.date) -> set[int]:
    rule = core.rules("quality_lead", day)
    years = int(rule.get("mark_valid_years", 0))
    return {m.school_id for m in QualityMark.objects.filter(school__district=district)
            if core.mark_in_force(m.marked_on, m.withdrawn_on, day, years)}


def coverage(district: District, day: dt.date | None = None) -> dict[str, Any]:
    """Which schools are in a group whose (current) lead school holds a quality mark in force,
    and the share of the snapshot's pupils in them."""
    day = day or timezone.localdate()
    rule = core.rules("quality_lead", day)
    quality = quality_school_ids(district, day)
    on_day = [m for m in GroupMembership.objects.filter(school__district=district, start__lte=day)
              .filter(Q(end__isnull=True) | Q(end__gte=day)).select_related("school", "group")]
    leads = {m.group_id: m.school for m in on_day if m.role == "lead"}
    if rule.get("lead_only", True):
        good_groups = {g for g, s in leads.items() if s.pk in quality}
    else:
        good_groups = {m.group_id for m in on_day if m.school_id in quality}
    covered_codes = {m.school.code for m in on_day if m.group_id in good_groups}
    year, pupils = pupils_by_school(district)
    cov = core.coverage(pupils, covered_codes)
    return {"day": day, "year": year, "coverage": cov, "percent": cov.percent, "complete": cov.complete,
            "covered_codes": covered_codes, "quality_ids": quality, "good_groups": good_groups,
            "leads": leads, "source": PUPILS_SOURCE, "rule": rule,
            "unknown_codes": sorted(covered_codes - set(pupils))}


# --- what a group shares -----------------------------------------------------------------------

def shared_teachers(district: District) -> dict[int, Counter[str]]:
    """group id -> school year -> rotations inside the group (both schools in it on the start day)."""
    by_school: dict[int, list[core.Stretch]] = defaultdict(list)
    for s in stretches(district):
        by_school[s.school].append(s)

    def group_of(school_id: int | None, day: dt.date) -> int | None:
        for s in by_school.get(school_id or 0, ()):
            if s.covers(day):
                return int(s.group)
        return None

    out: dict[int, Counter[str]] = defaultdict(Counter)
    rows = (Assignment.objects.filter(kind=Assignment.Kind.ROTATION, school__district=district,
                                      from_school__isnull=False)
            .values_list("from_school_id", "school_id", "start"))
    for src, dst, start in rows:
        g = group_of(src, start)
        if g is not None and g == group_of(dst, start):
            out[g][school_year_of(start)] += 1
    return out


def courses(group: EducationGroup) -> list[SharedCourse]:
    return list(SharedCourse.objects.filter(group=group).select_related("offering_school")
                .prefetch_related("receiving_schools"))


def research(group: EducationGroup) -> list[JointResearch]:
    return list(JointResearch.objects.filter(group=group).select_related("host").prefetch_related("schools"))


def areas(district: District) -> list[ResearchArea]:
    return list(ResearchArea.objects.filter(district=district)
                .annotate(n_schools=Count("schools", distinct=True), n_sessions=Count("sessions", distinct=True)))


def sessions(area: ResearchArea) -> list[AreaSession]:
    return list(AreaSession.objects.filter(area=area).select_related("host")
                .annotate(n_participants=Count("participants")))


def sessions_per_term(area: ResearchArea) -> list[dict[str, Any]]:
    """Sessions and participant places per term (term 1: September–January; term 2: February–August)."""
    counts: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0])
    for s in sessions(area):
        key = (school_year_of(s.held_on), 1 if s.held_on.month >= 9 or s.held_on.month == 1 else 2)
        counts[key][0] += 1
        counts[key][1] += int(getattr(s, "n_participants", 0))
    return [{"year": y, "term": t, "sessions": n, "participants": p}
            for (y, t), (n, p) in sorted(counts.items(), reverse=True)]


# --- the group comparison ----------------------------------------------------------------------

def comparison(district: District, today: dt.date | None = None) -> dict[str, Any]:
    """Per level and indicator: the pupil-weighted mean of each group and the Theil T split into
    between and within groups (memberships on the comparison date), beside the engine's own
    between-groups part (the workbook's groups) of the same run."""
    from youjun.web.apps.assessment import selectors as assessment_selectors
    from youjun.web.apps.schools import selectors as school_selectors

    today = today or timezone.localdate()
    snaps = school_selectors.current_snapshots(district)
    if not snaps:
        return {"status": "no_snapshot"}
    snap = snaps[0]
    run = assessment_selectors.latest_runs_by_year(district).get(snap.school_year)
    if run is None or run.snapshot_id != snap.pk:
        return {"status": "no_run", "year": snap.school_year}
    result = assessment_selectors.result_of(run)
    rule = core.rules("comparison", today)
    day = core.comparison_date(snap.school_year, today, str(rule.get("as_of_month_day", "06-30")))
    code_of = dict(School.objects.filter(district=district).values_list("pk", "code"))
    group_of = {code_of[s]: g for s, g in core.group_on(stretches(district), day).items() if s in code_of}
    names = {g.pk: g.name for g in groups(district)}
    levels = []
    for level, lv in (result.get("levels") or {}).items():
        schools = [s for s in result.get("schools") or [] if s.get("level") == level]
        labels_all = sorted({group_of.get(str(s.get("code"))) or 0 for s in schools},
                            key=lambda g: (g == 0, names.get(g, "")))
        indicators = []
        for key, ind in (lv.get("indicators") or {}).items():
            rows = [(float(s["values"][key]), float(s["pupils"]), group_of.get(str(s["code"])) or 0)
                    for s in schools
                    if isinstance((s.get("values") or {}).get(key), int | float) and (s.get("pupils") or 0) > 0]
            if not rows:
                continue
            x, w, g = [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]
            parts = theil_decomposition(x, w, ["" if lab == 0 else str(lab) for lab in g])
            means = core.weighted_means(x, w, g)
            between_engine = ((ind.get("inequality") or {}).get("theil_between") or {}).get("education_group")
            indicators.append({"key": key, "name_zh": ind.get("name_zh", key), "name_en": ind.get("name_en", key),
                               "unit_zh": ind.get("unit_zh", ""), "unit_en": ind.get("unit_en", ""),
                               "mean": ind.get("mean"), "means": means, "total": parts.total,
                               "between": parts.between, "within": parts.within,
                               "between_share": parts.between_share, "engine_between": between_engine,
                               "engine_total": (ind.get("inequality") or {}).get("theil")})
        pupils_of: dict[int, float] = defaultdict(float)
        n_of: Counter[int] = Counter()
        for s in schools:
            lab = group_of.get(str(s.get("code"))) or 0
            pupils_of[lab] += float(s.get("pupils") or 0)
            n_of[lab] += 1
        levels.append({"level": level, "groups": [{"id": lab, "name": names.get(lab, ""), "n": n_of[lab],
                                                   "pupils": pupils_of[lab]} for lab in labels_all],
                       "indicators": indicators})
    return {"status": "ok", "year": snap.school_year, "run": run, "day": day, "levels": levels}


# --- for the workforce dashboard -----------------------------------------------------------------

def group_summary(district: District) -> dict[str, Any]:
    """The district's groups, member schools and coverage of quality resources (today).

    ``{"groups": [{"id", "name", "lead", "members": [codes], "n_members", "quality_lead"}],
    "n_groups", "n_member_schools", "coverage_percent" (None: no pupils), "coverage_complete",
    "covered_pupils", "total_pupils", "as_of" (ISO date), "school_year"}``."""
    cov = coverage(district)
    members: dict[int, list[str]] = defaultdict(list)
    for m in (GroupMembership.objects.filter(school__district=district, end__isnull=True)
              .select_related("school").order_by("school__code")):
        members[m.group_id].append(m.school.code)
    out = []
    for g in groups(district):
        lead = cov["leads"].get(g.pk)
        out.append({"id": g.pk, "name": g.name, "lead": lead.code if lead else None, "members": members.get(g.pk, []),
                    "n_members": len(members.get(g.pk, [])), "quality_lead": g.pk in cov["good_groups"]})
    c = cov["coverage"]
    return {"groups": out, "n_groups": sum(1 for g in out if g["n_members"]),
            "n_member_schools": sum(g["n_members"] for g in out),
            "coverage_percent": c.percent, "coverage_complete": c.complete,
            "covered_pupils": c.covered_pupils, "total_pupils": c.total_pupils,
            "as_of": cov["day"].isoformat(), "school_year": cov["year"]}
