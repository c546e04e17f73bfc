"""Reads of the workforce dashboard (issue 14 §7): every figure counted from the records, with
the query behind it kept here so the page's drill-down lists exactly the records it counted.

- posts (在编 teachers now at each school) against the approved posts (``post_quota`` of the
  schools table of the district's latest stored school year);
- qualification compliance: teachers of a compulsory section whose highest recorded
  qualification is at or above the section's required level — the assessment's r1 rule
  (``analytics.definitions.qualified_codes`` with the method's ``qualification_min``);
- key teachers per 100 pupils by school — the assessment's r2 rule (a tier other than none at an
  awarding level ≥ ``key_teacher_min_level``), the tier in force today;
- rotations (assignments of kind rotation) by the year they started;
- training, studios and growth stages from their own apps' selectors, when those apps have
  records (``optional``: the dashboard says 暂无记录 otherwise).
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear

from youjun.analytics.definitions import key_level_codes, qualified_codes
from youjun.core import workforce_dashboard as wd
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.rules import load_ruleset
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.schools import selectors as school_selectors
from youjun.web.apps.schools.models import Snapshot
from youjun.web.apps.workforce.models import Assignment, KeyTeacherAward, Qualification, Teacher

log = logging.getLogger(__name__)

METHOD = "cn-2017"  # the method whose r1/r2 rules the dashboard counts by
FIGURES = ("teachers", "establishment", "new_posts", "qualified", "key", "rotations", "training")


@lru_cache(maxsize=8)
def method_params(as_of: dt.date) -> AssessmentParams:
    return load_ruleset(METHOD, as_of=as_of)


def latest_snapshot(district: District) -> Snapshot | None:
    found = school_selectors.current_snapshots(district)
    return found[0] if found else None


def active_teachers(district: District) -> QuerySet[Teacher]:
    return Teacher.objects.filter(district=district, active=True)


# --- the records behind each figure ---------------------------------------------------------------

def qualified_ids(district: District, params: AssessmentParams) -> tuple[set[int], dict[str, int], dict[str, int]]:
    """(teachers counted qualified, teachers per compulsory section, qualified per section)."""
    teachers = dict(active_teachers(district).filter(section__in=LEVELS).values_list("id", "section"))
    levels: dict[int, list[str]] = defaultdict(list)
    for teacher_id, level in (Qualification.objects.filter(teacher__district=district, teacher__active=True,
                                                            teacher__section__in=LEVELS)
                              .values_list("teacher_id", "level")):
        levels[teacher_id].append(level)
    codes = {lv: set(qualified_codes(params, lv)) for lv in LEVELS}
    ok = {t for t, section in teachers.items() if wd.highest_qualification(levels.get(t, ())) in codes[section]}
    per_section = Counter(teachers.values())
    ok_section = Counter(teachers[t] for t in ok)
    return ok, {lv: per_section.get(lv, 0) for lv in LEVELS}, {lv: ok_section.get(lv, 0) for lv in LEVELS}


def key_awards_in_force(params: AssessmentParams, today: dt.date) -> QuerySet[KeyTeacherAward]:
    return (KeyTeacherAward.objects.exclude(tier="none").filter(level__in=key_level_codes(params), start__lte=today)
            .filter(Q(end__isnull=True) | Q(end__gte=today)))


def key_ids(district: District, params: AssessmentParams, today: dt.date) -> set[int]:
    """Active teachers of a compulsory section holding a key tier that counts for r2 today."""
    return set(key_awards_in_force(params, today)
               .filter(teacher__district=district, teacher__active=True, teacher__section__in=LEVELS)
               .values_list("teacher_id", flat=True))


def rotations(district: District) -> QuerySet[Assignment]:
    return Assignment.objects.filter(teacher__district=district, kind=Assignment.Kind.ROTATION)


def figure_teachers(district: District, figure: str, *, today: dt.date,
                    school: School | None = None) -> QuerySet[Teacher]:
    """The teachers a teacher figure counted (``figure`` one of FIGURES except rotations)."""
    qs = active_teachers(district)
    if figure == "establishment":
        qs = qs.filter(on_establishment=True)
    elif figure == "new_posts":
        since = wd.dashboard_rules(today).new_posts_since(today)
        qs = qs.filter(on_establishment=True, started_teaching__gte=since)
    elif figure == "qualified":
        qs = qs.filter(pk__in=qualified_ids(district, method_params(today))[0])
    elif figure == "key":
        qs = qs.filter(pk__in=key_ids(district, method_params(today), today))
    elif figure != "teachers":
        raise ValueError(figure)
    if school is not None:
        qs = qs.filter(school=school)
    return qs.select_related("school").order_by("school__code", "staff_id")


def rotation_rows(district: District, *, year: int | None = None,
                  school: School | None = None) -> QuerySet[Assignment]:
    qs = rotations(district)
    if year is not None:
        qs = qs.filter(start__year=year)
    if school is not None:
        qs = qs.filter(school=school)
    return qs.select_related("teacher", "school", "from_school").order_by("-start", "teacher__staff_id")


def training_rows(district: District, year: int) -> QuerySet[Any]:
    """The attendances the headline's training person-times counted: sessions ending in ``year``."""
    from youjun.web.apps.workforce.training.models import Attendance

    return (Attendance.objects.filter(teacher__district=district, day__year=year)
            .select_related("teacher", "teacher__school", "session__course").order_by("-day", "teacher__staff_id"))


def any_key_counts(district: District, today: dt.date) -> dict[int | None, int]:
    """Active teachers per school holding a key tier of any kind and level in force today: what
    the school pages count as 骨干教师（任一类别）, beside the dashboard's r2 count."""
    ids = set(KeyTeacherAward.objects.exclude(tier="none").filter(teacher__district=district, teacher__active=True,
                                                                  start__lte=today)
              .filter(Q(end__isnull=True) | Q(end__gte=today)).values_list("teacher_id", flat=True))
    return _counts(active_teachers(district).filter(pk__in=ids))


# --- the other areas (their apps may be empty or not there yet) -----------------------------------

def optional(module: str, name: str, *args: Any) -> Any:
    """``module.name(*args)`` of another workforce area; None when the area has no such reader yet."""
    try:
        fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return fn(*args)
    except (ImportError, AttributeError, TypeError) as exc:
        log.warning("workforce dashboard: %s.%s unavailable: %s", module, name, exc)
        return None


TRAINING = "youjun.web.apps.workforce.training.selectors"
STUDIOS = "youjun.web.apps.workforce.studios.selectors"
GROWTH = "youjun.web.apps.workforce.growth.selectors"
GROUPS = "youjun.web.apps.groups.selectors"


@dataclass(frozen=True)
class Training:
    start_year: int
    end_year: int
    bands: list[dict[str, Any]]  # {zh, en, teachers} per band of hours in the cycle
    person_times: int  # of the headline's year
    year: int


def training(district: District, today: dt.date, year: int) -> Training | None:
    """The training ledger's figures; None while it has no attendance in the current cycle."""
    cycle = optional(TRAINING, "current_cycle", today)
    if cycle is None:
        return None
    counts = [optional(TRAINING, "person_times", district, y) or 0
              for y in range(cycle.start_year, min(cycle.end_year, today.year) + 1)]
    if not any(counts):
        return None
    bands = optional(TRAINING, "hours_distribution", district, cycle.start_year) or []
    return Training(cycle.start_year, cycle.end_year,
                    [{"zh": b.get("zh", ""), "en": b.get("en", ""), "teachers": b.get("teachers", 0)} for b in bands],
                    int(optional(TRAINING, "person_times", district, year) or 0), year)


def studios(district: District, today: dt.date) -> dict[str, Any] | None:
    """Studios active today, their members and this year's outputs; None while there are none."""
    found = optional(STUDIOS, "studio_counts", district, today)
    if not isinstance(found, Mapping) or not (found.get("active") or found.get("outputs_total")):
        return None
    return dict(found)


def stages(district: District) -> list[dict[str, Any]]:
    """Teachers per growth stage of the district's ladder ([] while the ladder app has none)."""
    found = optional(GROWTH, "stage_counts", district) or []
    ladder = optional(GROWTH, "ladder_for", district)
    english = {st.code: st.en for st in getattr(ladder, "stages", ())}
    rows = [{"zh": r.get("label") or r.get("stage", ""), "en": english.get(r.get("stage", ""), "No stage"),
             "count": int(r.get("teachers", 0))} for r in found]
    return rows if any(r["count"] for r in rows) else []


def groups(district: District) -> tuple[int, float | None]:
    """(education groups with member schools now, % of pupils covered by a quality lead school):
    the groups app's records, else the groups of the school register (coverage unknown)."""
    found = optional(GROUPS, "group_summary", district)
    if isinstance(found, Mapping) and found.get("n_groups"):
        return int(found["n_groups"]), found.get("coverage_percent")
    return len(school_selectors.education_groups(district)), None


# --- the dashboard ------------------------------------------------------------------------------

@dataclass
class SchoolRow:
    school: School
    quota: int | None
    establishment: int
    teachers: int
    compulsory: int  # teachers of a compulsory section (the r1/r2 denominators' teachers)
    qualified: int
    key: int
    pupils: int  # pupils of the compulsory sections (the latest stored school year)
    key_any: int = 0  # teachers of any key tier and level in force today (the school pages' count)

    @property
    def gap(self) -> int | None:
        return None if self.quota is None else self.quota - self.establishment

    @property
    def over(self) -> int:
        """Teachers on the establishment beyond the approved posts (超编), 0 when within."""
        return max(0, -(self.gap or 0))

    @property
    def qualified_share(self) -> float | None:
        return wd.share(self.qualified, self.compulsory)

    @property
    def key_per100(self) -> float | None:
        return wd.per100(self.key, self.pupils)


@dataclass
class Dashboard:
    district: District
    today: dt.date
    rules: wd.DashboardRules
    school_year: str  # of the schools table (quota, pupils); "" when nothing is stored
    schools: list[SchoolRow]
    teachers: int
    establishment: int
    quota: int | None
    new_posts: int
    new_posts_since: int
    sections: list[dict[str, Any]]  # per compulsory section: teachers, qualified, share, required
    key: int
    pupils: int
    rotations_by_year: list[tuple[int, int]]
    rotations: int
    groups: int
    group_coverage: float | None
    training_year: int
    training: Training | None
    studios: dict[str, Any] | None
    stages: list[dict[str, Any]]
    # no teacher at all in the district's register: the figures counted from it are not known
    # (never 0 teachers against the approved posts); the uploaded data's teachers are said instead
    register: RegisterState | None = None

    @property
    def register_empty(self) -> bool:
        return self.register is not None and self.register.empty

    @property
    def key_any(self) -> int:
        return sum(r.key_any for r in self.schools)

    @property
    def rotation_years(self) -> tuple[int, int] | None:
        """(first, last) year of the rotations counted, None while there are none."""
        return (self.rotations_by_year[0][0], self.rotations_by_year[-1][0]) if self.rotations_by_year else None

    @property
    def rotations_this_year(self) -> int:
        return dict(self.rotations_by_year).get(self.today.year, 0)

    @property
    def training_person_times(self) -> int | None:
        return self.training.person_times if self.training is not None else None

    @property
    def studio_total(self) -> int | None:
        return int(self.studios["active"]) if self.studios is not None else None

    @property
    def qualified(self) -> int:
        return sum(s["qualified"] for s in self.sections)

    @property
    def compulsory(self) -> int:
        return sum(s["teachers"] for s in self.sections)

    @property
    def qualified_share(self) -> float | None:
        return wd.share(self.qualified, self.compulsory)

    @property
    def key_per100(self) -> float | None:
        return wd.per100(self.key, self.pupils)

    @property
    def quota_gap(self) -> int | None:
        return None if self.quota is None else self.quota - self.establishment

    @property
    def quota_over(self) -> int:
        return max(0, -(self.quota_gap or 0))

    @property
    def rotation_max(self) -> int:
        return max((n for _, n in self.rotations_by_year), default=0)


def _schools_table(snapshot: Snapshot | None) -> dict[str, dict[str, Any]]:
    if snapshot is None:
        return {}
    frame = school_selectors.snapshot_tables(snapshot).get("schools")
    if frame is None or frame.empty:
        return {}
    return {str(r["school_code"]): r for r in frame.to_dict("records")}


def _quota(row: Mapping[str, Any] | None) -> int | None:
    try:
        return int(row["post_quota"]) if row is not None else None
    except (KeyError, TypeError, ValueError):
        return None


def _uploaded_teachers(snapshot: Snapshot | None) -> int | None:
    """The teachers of the stored school year's data (the rows of its teachers table)."""
    try:
        return int((snapshot.rows or {})["teachers"]) if snapshot is not None else None
    except (KeyError, TypeError, ValueError):
        return None


def _counts(qs: QuerySet[Teacher]) -> dict[int | None, int]:
    return {r["school_id"]: r["n"] for r in qs.values("school_id").annotate(n=Count("id"))}


def dashboard(district: District, today: dt.date) -> Dashboard:
    params = method_params(today)
    rules = wd.dashboard_rules(today)
    snapshot = latest_snapshot(district)
    table = _schools_table(snapshot)
    teachers = active_teachers(district)
    school_of = dict(teachers.values_list("id", "school_id"))
    ok, per_section, ok_section = qualified_ids(district, params)
    keys = key_ids(district, params, today)
    compulsory = _counts(teachers.filter(section__in=LEVELS))
    all_teachers = _counts(teachers)
    establishment = _counts(teachers.filter(on_establishment=True))
    qualified = Counter(school_of[t] for t in ok)
    key = Counter(school_of[t] for t in keys)
    key_any = any_key_counts(district, today)
    rows = []
    for school in School.objects.filter(district=district).order_by("code"):
        record = table.get(school.code)
        rows.append(SchoolRow(school, _quota(record), establishment.get(school.pk, 0), all_teachers.get(school.pk, 0),
                              compulsory.get(school.pk, 0), qualified.get(school.pk, 0), key.get(school.pk, 0),
                              wd.pupils_of(record, LEVELS) if record is not None else 0,
                              key_any.get(school.pk, 0)))
    quotas = [r.quota for r in rows if r.quota is not None]
    sections = [{"level": lv, "teachers": per_section[lv], "qualified": ok_section[lv],
                 "share": wd.share(ok_section[lv], per_section[lv]), "required": params.qualification_min[lv]}
                for lv in LEVELS]
    years = list(rotations(district).annotate(y=ExtractYear("start")).values("y").annotate(n=Count("id"))
                 .order_by("y").values_list("y", "n"))
    by_year = wd.fill_years(dict(years))
    since = rules.new_posts_since(today)
    training_year = rules.training_year(today)
    n_groups, coverage = groups(district)
    return Dashboard(
        district=district, today=today, rules=rules, school_year=snapshot.school_year if snapshot else "",
        schools=rows, teachers=sum(all_teachers.values()), establishment=sum(establishment.values()),
        quota=sum(quotas) if quotas else None,
        new_posts=teachers.filter(on_establishment=True, started_teaching__gte=since).count(),
        new_posts_since=since, sections=sections, key=len(keys), pupils=sum(r.pupils for r in rows),
        rotations_by_year=by_year, rotations=sum(n for _, n in years), groups=n_groups, group_coverage=coverage,
        training_year=training_year, training=training(district, today, training_year),
        studios=studios(district, today), stages=stages(district),
        register=_register_state(district, lambda: snapshot),
    )


@dataclass(frozen=True)
class RegisterState:
    """Whether the district's teacher register holds anyone: the growth, training and other pages
    counted from it say 暂无记录 when it is empty (never 0 per stage or per school), with the
    uploaded data's teachers, as the dashboard does."""
    empty: bool
    uploaded_teachers: int | None
    school_year: str


def register_state(district: District) -> RegisterState:
    return _register_state(district, lambda: latest_snapshot(district))


def _register_state(district: District, stored: Callable[[], Snapshot | None]) -> RegisterState:
    """``stored`` gives the district's latest stored data, read only for an empty register (the
    dashboard passes the one it has read already)."""
    if Teacher.objects.filter(district=district).exists():
        return RegisterState(False, None, "")
    snapshot = stored()
    return RegisterState(True, _uploaded_teachers(snapshot), snapshot.school_year if snapshot else "")
