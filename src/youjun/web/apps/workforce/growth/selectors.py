"""Reads of the growth ladder: the district's ladder, a teacher's facts, stage and what is missing,
stage counts (the workforce dashboard reads ``stage_counts``), pending reviews and a panel
member's queue. Scope is the caller's (``workforce.access``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language, gettext

from youjun.core import workforce_growth as core
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.workforce.growth.models import Application, Item, Ladder, PanelMember, TeacherStage
from youjun.web.apps.workforce.models import Honour, Teacher


def ladder_for(district: District, as_of: dt.date | None = None) -> core.Ladder:
    """The district's own ladder, else the default (Xuanhua's four stages)."""
    data = Ladder.objects.filter(district=district).values_list("data", flat=True).first()
    if data is not None:
        return core.parse_ladder(data)
    return core.default_ladder(as_of or timezone.localdate())


def has_own_ladder(district: District) -> bool:
    return Ladder.objects.filter(district=district).exists()


def facts(teacher: Teacher, as_of: dt.date | None = None, *, pending: Application | None = None) -> core.Facts:
    """The teacher's facts on ``as_of``: years from the career record, contest results from its
    honours, and the accepted items (plus, when given, the items of a pending application)."""
    as_of = as_of or timezone.localdate()
    items = Item.objects.filter(teacher=teacher, day__lte=as_of)
    items = items.filter(Q(accepted=True) | Q(application=pending)) if pending else items.filter(accepted=True)
    counts: Counter[str] = Counter()
    contests: list[tuple[str, str]] = []
    for kind, level, prize in items.values_list("kind", "level", "prize"):
        if kind == "contest":
            contests.append((level, prize))
        else:
            counts[kind] += 1
    for level, prize in Honour.objects.filter(teacher=teacher, kind=Honour.Kind.CONTEST,
                                              awarded_on__lte=as_of).values_list("level", "prize"):
        contests.append((level, core.prize_code(prize)))
    return core.Facts(years=core.years_of_teaching(teacher.started_teaching, as_of), lessons=counts["lessons"],
                      research=counts["research"], mentoring=counts["mentoring"], contests=tuple(contests))


def shortfall(teacher: Teacher, target: core.Stage, *, ladder: core.Ladder | None = None,
              pending: Application | None = None, claims: tuple[tuple[str, str, str], ...] = ()) -> list[core.Gap]:
    """What the teacher still lacks for ``target``: counted from the accepted items, the items of
    the ``pending`` application and the ``claims`` about to be sent ((kind, level, prize) each).
    The one computation behind the growth page, the application form and the application page."""
    ladder = ladder or ladder_for(teacher.district)
    f = facts(teacher, pending=pending)
    if claims:
        counts = Counter(kind for kind, _, _ in claims)
        f = replace(f, lessons=f.lessons + counts["lessons"], research=f.research + counts["research"],
                    mentoring=f.mentoring + counts["mentoring"],
                    contests=f.contests + tuple((lv, pr) for kind, lv, pr in claims if kind == "contest"))
    return core.missing_for(ladder, f, target)


def starting_stage(ladder: core.Ladder) -> core.Stage | None:
    """Where a teacher with no stage on record stands: the first stage when it asks nothing."""
    first = ladder.stages[0]
    return None if first.criteria else first


def current_stage(teacher: Teacher, ladder: core.Ladder | None = None) -> core.Stage | None:
    """The stage on record; with none, the ladder's first stage when it asks nothing (else None)."""
    ladder = ladder or ladder_for(teacher.district)
    code = TeacherStage.objects.filter(teacher=teacher).values_list("stage", flat=True).first()
    return ladder.stage(code) if code else starting_stage(ladder)


def teacher_view(teacher: Teacher, lang: str = "zh") -> dict[str, Any]:
    """What a teacher's page shows: stage on record and since when, the stage their facts meet,
    the next stage and what is missing for it (in words), their items and applications."""
    ladder = ladder_for(teacher.district)
    record = TeacherStage.objects.filter(teacher=teacher).select_related("application").first()
    current = ladder.stage(record.stage) if record else starting_stage(ladder)
    f = facts(teacher)
    met = core.stage_met(ladder, f)
    nxt = ladder.next_after(current.code if current else None)
    pending = Application.objects.filter(teacher=teacher, state=Application.State.PENDING).first()
    if pending is not None:  # the stage applied for, its items counted as on the application page
        nxt = ladder.stage(pending.to_stage) or nxt
    gaps = shortfall(teacher, nxt, ladder=ladder, pending=pending) if nxt else []
    return {
        "ladder": ladder, "record": record, "current": current, "facts": f, "met": met, "next": nxt,
        "gaps": gaps, "missing": core.missing_words(nxt, gaps, lang) if nxt else "",
        "stages": [{"stage": s, "here": current is not None and s.code == current.code,
                    "criteria": [(c.words(c.min, lang), c.evidence) for c in s.criteria]} for s in ladder.stages],
        "items": list(Item.objects.filter(teacher=teacher).select_related("evidence").order_by("-day", "-id")[:50]),
        "applications": list(Application.objects.filter(teacher=teacher).order_by("-created_at")[:10]),
        "pending": pending,
    }


def stage_counts(district: District, school: School | None = None) -> list[dict[str, Any]]:
    """Teachers per stage of the district's ladder (active teachers; of one school when given):
    ``[{"stage": code, "label": name in the active language, "teachers": n}, …]`` lowest stage first, then ``""``
    (no stage) when any. A teacher with no stage on record stands at the first stage when it asks
    nothing (as ``current_stage`` says)."""
    ladder = ladder_for(district)
    teachers = Teacher.objects.filter(district=district, active=True)
    if school is not None:
        teachers = teachers.filter(school=school)
    rows = dict(teachers.values_list("growth_stage__stage").annotate(n=Count("id")).values_list(
        "growth_stage__stage", "n"))
    lang = "en" if (get_language() or "zh").startswith("en") else "zh"
    out: list[dict[str, Any]] = [{"stage": s.code, "label": s.label(lang), "teachers": int(rows.pop(s.code, 0))}
                                 for s in ladder.stages]
    none = sum(int(n) for n in rows.values())  # no stage, or a stage the ladder no longer has
    start = starting_stage(ladder)
    if start is not None:
        out[0]["teachers"] += int(rows.get(None, 0))
        none -= int(rows.get(None, 0))
    if none:
        out.append({"stage": "", "label": gettext("No stage"), "teachers": none})
    return out


def stage_counts_by_school(district: District, schools: QuerySet[School]) -> list[dict[str, Any]]:
    ladder = ladder_for(district)
    rows = (Teacher.objects.filter(district=district, active=True, school__in=schools)
            .values_list("school_id", "growth_stage__stage").annotate(n=Count("id")))
    table: dict[int, Counter[str]] = {}
    for school_id, stage, n in rows:
        table.setdefault(school_id, Counter())[stage or ""] += n
    out = []
    start = starting_stage(ladder)
    for school in schools.order_by("code"):
        c = table.get(school.pk, Counter())
        if start is not None:
            c[start.code] += c.pop("", 0)
        out.append({"school": school, "counts": [c.get(s.code, 0) for s in ladder.stages],
                    "none": sum(n for k, n in c.items() if ladder.stage(k) is None),
                    "total": sum(c.values())})
    return out


def pending(teachers: QuerySet[Teacher]) -> QuerySet[Application]:
    return (Application.objects.filter(teacher__in=teachers, state=Application.State.PENDING)
            .select_related("teacher", "teacher__school").annotate(n_decisions=Count("decisions"))
            .order_by("created_at", "id"))


def queue(user: User) -> QuerySet[Application]:
    """The applications waiting for ``user``'s decision."""
    return (Application.objects.filter(panel=user, state=Application.State.PENDING)
            .exclude(decisions__member=user).select_related("teacher", "teacher__school", "teacher__district")
            .order_by("created_at", "id"))


def panel(district: District) -> list[User]:
    return [m.user for m in PanelMember.objects.filter(district=district).select_related("user")]


def person_label(user: Any) -> str:
    """A panel member as pages name them: the teacher's name and school when the account is a
    teacher's, else the account's full name; the login name only when it has neither."""
    t = Teacher.objects.filter(user=user).select_related("school").order_by("-active").first()
    if t is not None and t.name:
        return f"{t.name}（{t.school.name}）" if t.school is not None else t.name
    return str(user)


def panel_candidates(district: District) -> list[tuple[str, str]]:
    """(user name, label) of everyone the bureau may name to the panel: the district's staff
    accounts (its bureau and analysts), its schools' data officers and the accounts of its
    active teachers, by name."""
    from youjun.web.apps.platform.models import User

    out: dict[str, str] = {}
    staff = (User.objects.filter(is_active=True, memberships__district=district).distinct()
             .order_by("full_name", "username"))
    for u in staff:
        out[u.username] = f"{u}（{district.name}）"
    officers = (User.objects.filter(is_active=True, memberships__school__district=district)
                .exclude(username__in=out).distinct().order_by("full_name", "username"))
    for u in officers:
        school = u.memberships.filter(school__district=district).select_related("school").first()
        out[u.username] = f"{u}（{school.school.name if school and school.school else district.name}）"
    for t in (Teacher.objects.filter(district=district, active=True, user__isnull=False, user__is_active=True)
              .select_related("user", "school").order_by("school__name", "name")):
        assert t.user is not None
        out.setdefault(t.user.username, f"{t.name or t.staff_id}（{t.school.name if t.school else district.name}）")
    for u in panel(district):
        out.setdefault(u.username, person_label(u))
    return sorted(out.items(), key=lambda kv: kv[1])


def is_panel_member(user: Any, application: Application) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and application.panel.filter(pk=user.pk).exists()


def teacher_rows(teachers: QuerySet[Teacher], stage: str | None) -> QuerySet[Teacher]:
    """Teachers filtered by stage code ("none": no stage recorded)."""
    if stage == "none":
        teachers = teachers.filter(growth_stage__isnull=True)
    elif stage:
        teachers = teachers.filter(growth_stage__stage=stage)
    return teachers.select_related("school", "growth_stage").order_by("school__code", "staff_id")
