"""Writes of the habits app, each in one transaction and audited (``platform.audit``).

A check-in is idempotent: one row per habit, pupil and day; a second tick of the same habit on
the same day returns the first row and writes nothing. The day must be today or within the local
``max_days_back`` before it (E1110, E1111); the habit must be due for the pupil that day (E1112)
and name the checker's kind (E1113). Refusals raise ``pupils.services.Refused``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from youjun.core import habits as rules
from youjun.web.apps.habits import clock, selectors
from youjun.web.apps.habits.models import CheckIn, Habit, Praise, TermComment
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils import selectors as pupil_selectors
from youjun.web.apps.pupils.access import school_year_of
from youjun.web.apps.pupils.accounts import mask_name
from youjun.web.apps.pupils.models import ClassGroup, Pupil
from youjun.web.apps.pupils.services import Refused, refuse
from youjun.web.errors import web_problem

HABIT_FIELDS = ("name", "target", "dimension", "slot", "grades", "frequency", "weekdays", "checkers", "starts_on",
                "ends_on", "active")


def _days(day: dt.date) -> dict[str, Any]:
    return {"day_zh": f"{day.year}年{day.month}月{day.day}日", "day_en": f"{day.day} {day:%B} {day.year}"}


def _text(value: str, limit: int, zh: str, en: str, *, required: bool = True) -> str:
    text = (value or "").strip()
    if (required and not text) or len(text) > limit:
        raise refuse("E1117", value=len(text), limit=limit, detail=(zh, en))
    return text


def _check_definition(school: School, values: Mapping[str, Any], exclude: int | None = None) -> None:
    problems = rules.check_schedule(values.get("name", ""), values.get("grades") or [], values.get("frequency", ""),
                                    values.get("weekdays") or [], values.get("checkers") or [],
                                    values.get("starts_on"), values.get("ends_on"), values.get("slot", ""),
                                    values.get("dimension", ""))
    if problems:
        raise Refused([web_problem(p.code, value=p.value, rule="habits.definition",
                                   detail_zh=p.context["detail"][0], detail_en=p.context["detail"][1])
                       for p in problems])
    same = Habit.objects.filter(school=school, name=values["name"].strip())
    if exclude is not None:
        same = same.exclude(pk=exclude)
    if same.exists():
        raise refuse("E1116", value=values["name"].strip(), rule="habits.name")


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    out = {k: values[k] for k in HABIT_FIELDS if k in values}
    out["name"] = str(out.get("name", "")).strip()
    out["target"] = str(out.get("target", "")).strip()
    out["grades"] = sorted({int(g) for g in out.get("grades") or []})
    out["weekdays"] = sorted({int(d) for d in out.get("weekdays") or []}) if out.get("frequency") == "weekly" else []
    out["checkers"] = [c for c in rules.CHECKERS if c in set(out.get("checkers") or [])]
    return out


@transaction.atomic
def define_habit(school: School, values: Mapping[str, Any], actor: User | None, *, ip: str = "") -> Habit:
    clean = _clean(values)
    _check_definition(school, clean)
    habit = Habit.objects.create(school=school, created_by=actor if actor and actor.pk else None, **clean)
    audit.record(actor, "habits_define", habit, school=school, ip=ip, after=audit.model_state(habit, HABIT_FIELDS))
    return habit


@transaction.atomic
def update_habit(habit: Habit, values: Mapping[str, Any], actor: User | None, *, ip: str = "") -> Habit:
    clean = _clean(values)
    _check_definition(habit.school, clean, exclude=habit.pk)
    before = audit.model_state(habit, HABIT_FIELDS)
    for k, v in clean.items():
        setattr(habit, k, v)
    after = audit.model_state(habit, HABIT_FIELDS)
    if after == before:
        return habit
    habit.save()
    changed = [k for k in HABIT_FIELDS if before.get(k) != after.get(k)]
    audit.record(actor, "habits_edit", habit, school=habit.school, ip=ip,
                 before={k: before[k] for k in changed}, after={k: after[k] for k in changed})
    return habit


@transaction.atomic
def load_examples(school: School, actor: User | None, starts_on: dt.date, ends_on: dt.date, *,
                  lang: str = "zh", ip: str = "") -> list[Habit]:
    """The example catalogue (``rules/habits/catalogue.yaml``, a local example) as the school's
    habits, active from ``starts_on`` to ``ends_on``; habits of the same name are kept as they are."""
    have = set(Habit.objects.filter(school=school).values_list("name", flat=True))
    made: list[Habit] = []
    for h in rules.example_catalogue(starts_on):
        name = h["en"] if lang == "en" else h["zh"]
        if name in have:
            continue
        made.append(Habit.objects.create(
            school=school, name=name, target=h["target_en"] if lang == "en" else h["target_zh"],
            dimension=h["dimension"], slot=h["slot"], grades=list(h["grades"]), frequency=h["frequency"],
            weekdays=list(h.get("weekdays") or []), checkers=list(h["checkers"]), starts_on=starts_on,
            ends_on=ends_on, example=h["code"], created_by=actor if actor and actor.pk else None))
    audit.record(actor, "habits_load_examples", school, ip=ip,
                 after={"count": len(made), "starts_on": starts_on, "ends_on": ends_on,
                        "source": "rules/habits/catalogue.yaml"})
    return made


# --- check-ins --------------------------------------------------------------------------------

def _check_checkin(pupil: Pupil, habit: Habit, day: dt.date, role: str, today: dt.date) -> ClassGroup:
    settings = rules.checkin_rules(day)
    try:
        rules.check_day(day, today, settings.max_days_back)
    except rules.HabitRuleError as exc:
        raise refuse(exc.code, value=exc.value, rule="habits.checkin.day", **exc.context, **_days(day)) from exc
    class_group = selectors.class_of(pupil, day)
    if class_group is None:
        raise refuse("E1118", value=school_year_of(day), rule="habits.checkin.class")
    if habit.school_id != pupil.school_id or not habit.active:
        raise refuse("E1112", value=habit.name, rule="habits.checkin.due", **_days(day),
                     detail=("不是本校正在使用的习惯", "it is not one of the school's habits in use"))
    schedule = habit.schedule()
    if not schedule.applies_to(class_group.grade):
        raise refuse("E1112", value=habit.name, rule="habits.checkin.grade", **_days(day),
                     detail=(f"不适用于{class_group.grade}年级", f"it does not apply to grade {class_group.grade}"))
    if not schedule.is_due(day, class_group.grade, settings.school_weekdays):
        raise refuse("E1112", value=habit.name, rule="habits.checkin.schedule", **_days(day),
                     detail=("按频次和启用日期这一天不需要", "its frequency and active dates do not include that day"))
    if role not in habit.checkers:
        raise refuse("E1113", value=habit.name, rule="habits.checkin.checker",
                      allowed="、".join(rules.CHECKERS[c][0] for c in habit.checkers),
                      allowed_en=", ".join(rules.CHECKERS[c][1].lower() for c in habit.checkers))
    return class_group


@transaction.atomic
def check_in(pupil: Pupil, habit: Habit, day: dt.date, actor: User | None, role: str, *, note: str = "",
             ip: str = "", today: dt.date | None = None) -> tuple[CheckIn, bool]:
    """Tick ``habit`` for ``pupil`` on ``day`` as a checker of kind ``role``; (row, created)."""
    today = today or clock.today()
    _check_checkin(pupil, habit, day, role, today)
    note = _text(note, rules.checkin_rules(day).max_note, "备注", "note", required=False)
    existing = CheckIn.objects.select_for_update().filter(habit=habit, pupil=pupil, day=day).first()
    if existing is not None:
        _add_note(existing, note, actor, rules.checkin_rules(day).max_note, ip=ip)
        return existing, False
    try:
        with transaction.atomic():
            row = CheckIn.objects.create(habit=habit, pupil=pupil, day=day, note=note, by_role=role,
                                         by=actor if actor and actor.pk else None, at=clock.now())
    except IntegrityError:  # ticked at the same moment by someone else: theirs is the one
        return CheckIn.objects.get(habit=habit, pupil=pupil, day=day), False
    audit.record(actor, "habits_checkin", row, school=pupil.school, ip=ip,
                 after={"pupil": mask_name(pupil.name), "habit": habit.name, "day": day, "by_role": role,
                        "note": note})
    return row, True


def _add_note(row: CheckIn, note: str, actor: User | None, limit: int, *, ip: str = "") -> bool:
    """A second tick of a ticked habit (from another open page) adds its note to the first one's,
    when it says something new and fits; True when the note is now on the row."""
    if not note or note in row.note:
        return bool(note)
    joined = f"{row.note}；{note}" if row.note else note
    if len(joined) > limit:
        return False
    before = {"note": row.note}
    row.note = joined
    row.save(update_fields=["note"])
    audit.record(actor, "habits_checkin_note", row, school=row.pupil.school, ip=ip, before=before,
                 after={"pupil": mask_name(row.pupil.name), "habit": row.habit.name, "day": row.day, "note": joined})
    return True


def note_kept(row: CheckIn, note: str) -> bool:
    """Whether ``note`` (of a second tick) is on the stored check-in."""
    return not note.strip() or note.strip() in row.note


@transaction.atomic
def withdraw_checkin(checkin: CheckIn, actor: User | None, role: str, *, ip: str = "",
                     today: dt.date | None = None) -> None:
    """The family (a guardian or the pupil) takes back a family tick on the day it was made, before a
    teacher reviewed it (E1122 otherwise). Audited with what was withdrawn."""
    today = today or clock.today()
    who = mask_name(checkin.pupil.name)
    if role not in (CheckIn.By.PARENT, CheckIn.By.PUPIL) or checkin.by_role == CheckIn.By.TEACHER:
        raise refuse("E1122", value=who, rule="habits.withdraw",
                     detail=("老师的打卡只能由老师撤回", "a teacher's tick is taken back by a teacher"))
    if checkin.review:
        raise refuse("E1122", value=who, rule="habits.withdraw",
                     detail=("老师已经审核过", "the teacher has already reviewed it"))
    if timezone.localtime(checkin.at).date() != today:
        raise refuse("E1122", value=who, rule="habits.withdraw",
                     detail=("只能在打卡当天撤回", "it can be taken back only on the day it was made"))
    _delete_audited(checkin, actor, "habits_withdraw", ip=ip)


@transaction.atomic
def undo_class_checkin(class_group: ClassGroup, habit_id: int, pupil_id: int, day: dt.date, actor: User | None, *,
                       ip: str = "", today: dt.date | None = None) -> None:
    """A teacher takes back a tick of the class grid (a teacher's tick, within the check-in window)."""
    today = today or clock.today()
    checkin = (CheckIn.objects.select_related("pupil", "habit")
               .filter(habit_id=habit_id, pupil_id=pupil_id, day=day, habit__school=class_group.school,
                       pupil__in=pupil_selectors.pupils_of_class(class_group)).first())
    if checkin is None:
        raise refuse("E1121", value=f"{habit_id}:{pupil_id}", rule="habits.undo")
    who = mask_name(checkin.pupil.name)
    if checkin.by_role != CheckIn.By.TEACHER:
        raise refuse("E1122", value=who, rule="habits.undo",
                     detail=("这是家长或学生的打卡，请用“存疑”", "it is the family's tick: question it instead"))
    try:
        rules.check_day(day, today, rules.checkin_rules(day).max_days_back)
    except rules.HabitRuleError as exc:
        raise refuse("E1122", value=who, rule="habits.undo",
                     detail=("已超过补打卡期限", "it is older than the check-in window")) from exc
    _delete_audited(checkin, actor, "habits_undo", ip=ip)


def _delete_audited(checkin: CheckIn, actor: User | None, action: str, *, ip: str = "") -> None:
    audit.record(actor, action, checkin, school=checkin.pupil.school, ip=ip,
                 before={"pupil": mask_name(checkin.pupil.name), "habit": checkin.habit.name, "day": checkin.day,
                         "by_role": checkin.by_role, "note": checkin.note})
    checkin.delete()


@transaction.atomic
def class_check_in(class_group: ClassGroup, day: dt.date, cells: Iterable[tuple[int, int]], actor: User | None, *,
                   ip: str = "", today: dt.date | None = None) -> int:
    """A teacher ticks (habit id, pupil id) cells of the class grid for ``day``; cells already
    ticked stay as they are. Returns how many check-ins were made. Nothing is written when a
    cell is refused."""
    today = today or clock.today()
    habits = {h.pk: h for h in selectors.grid_habits(class_group, day)}
    pupils = {p.pk: p for p in pupil_selectors.pupils_of_class(class_group)}
    wanted = sorted({(int(h), int(p)) for h, p in cells})
    if not wanted:
        return 0
    # the day first: a refused day is one message, not one per cell
    try:
        rules.check_day(day, today, rules.checkin_rules(day).max_days_back)
    except rules.HabitRuleError as exc:
        raise refuse(exc.code, value=exc.value, rule="habits.checkin.day", **exc.context, **_days(day)) from exc
    have = {(c.habit_id, c.pupil_id) for c in CheckIn.objects.filter(day=day, pupil_id__in=list(pupils),
                                                                      habit_id__in=list(habits))}
    made = 0
    at = clock.now()
    for habit_id, pupil_id in wanted:
        if habit_id not in habits or pupil_id not in pupils:
            continue  # not a cell of this class's grid that day: ignored, the page shows none
        if (habit_id, pupil_id) in have:
            continue
        _check_checkin(pupils[pupil_id], habits[habit_id], day, "teacher", today)
        CheckIn.objects.create(habit=habits[habit_id], pupil=pupils[pupil_id], day=day, by_role="teacher",
                               by=actor if actor and actor.pk else None, at=at)
        made += 1
    if made:
        audit.record(actor, "habits_class_checkin", class_group, school=class_group.school, ip=ip,
                     after={"class": str(class_group), "day": day, "count": made})
    return made


@transaction.atomic
def review_checkin(checkin: CheckIn, state: str, comment: str, actor: User | None, *, ip: str = "") -> CheckIn:
    """The head teacher confirms or questions a parent's or pupil's check-in (a question needs a reason)."""
    if checkin.by_role == CheckIn.By.TEACHER:
        raise refuse("E1120", value=checkin.pupil.name, rule="habits.review")
    if state not in (CheckIn.Review.CONFIRMED, CheckIn.Review.QUESTIONED):
        raise refuse("E1114", value=checkin.pupil.name, rule="habits.review")
    limit = rules.checkin_rules(checkin.day).max_comment
    comment = _text(comment, limit, "意见", "comment", required=False)
    if state == CheckIn.Review.QUESTIONED and not comment:
        raise refuse("E1114", value=checkin.pupil.name, rule="habits.review")
    before = {"review": checkin.review, "comment": checkin.review_comment}
    checkin.review, checkin.review_comment = state, comment
    checkin.reviewed_by, checkin.reviewed_at = (actor if actor and actor.pk else None), clock.now()
    checkin.save(update_fields=["review", "review_comment", "reviewed_by", "reviewed_at"])
    audit.record(actor, "habits_review", checkin, school=checkin.pupil.school, ip=ip, before=before,
                 after={"pupil": mask_name(checkin.pupil.name), "review": state, "comment": comment,
                        "habit": checkin.habit.name, "day": checkin.day})
    return checkin


@transaction.atomic
def confirm_all(checkins: Iterable[CheckIn], actor: User | None, *, class_group: ClassGroup, ip: str = "") -> int:
    """The head teacher confirms the family check-ins shown to them (not yet reviewed) at once: one
    audit event with how many and which. Teachers' ticks and reviewed ones are left as they are."""
    rows = [c for c in checkins if c.by_role != CheckIn.By.TEACHER and not c.review]
    if not rows:
        return 0
    at = clock.now()
    by = actor if actor and actor.pk else None
    for c in rows:
        c.review, c.reviewed_by, c.reviewed_at = CheckIn.Review.CONFIRMED, by, at
    CheckIn.objects.bulk_update(rows, ["review", "reviewed_by", "reviewed_at"])
    audit.record(actor, "habits_review_all", class_group, school=class_group.school, ip=ip,
                 after={"class": str(class_group), "review": "confirmed", "count": len(rows),
                        "days": sorted({c.day for c in rows})})
    return len(rows)


@transaction.atomic
def add_praise(class_group: ClassGroup, pupil: Pupil, text: str, actor: User | None, *, habit: Habit | None = None,
               day: dt.date | None = None, ip: str = "") -> Praise:
    day = day or clock.today()
    text = _text(text, rules.checkin_rules(day).max_comment, "表扬内容", "praise note")
    row = Praise.objects.create(pupil=pupil, class_group=class_group, habit=habit, day=day, text=text,
                                by=actor if actor and actor.pk else None, at=clock.now())
    audit.record(actor, "habits_praise", row, school=class_group.school, ip=ip,
                 after={"class": str(class_group), "pupil": mask_name(pupil.name), "day": day,
                        "habit": habit.name if habit else "", "text": text})
    return row


@transaction.atomic
def set_term_comment(pupil: Pupil, school_year: str, term: int, text: str, actor: User | None, *,
                     ip: str = "") -> TermComment:
    start, _end = rules.term_dates(school_year, term)
    text = _text(text, rules.checkin_rules(start).max_comment, "教师评语", "teacher's comment")
    row = TermComment.objects.filter(pupil=pupil, school_year=school_year, term=term).first()
    before = {"comment": row.text} if row else None
    if row is None:
        row = TermComment(pupil=pupil, school_year=school_year, term=term)
    elif row.text == text:
        return row
    row.text, row.by, row.at = text, (actor if actor and actor.pk else None), clock.now()
    row.save()
    audit.record(actor, "habits_term_comment", row, school=pupil.school, ip=ip, before=before,
                 after={"school_year": school_year, "term": term, "comment": text})
    return row
