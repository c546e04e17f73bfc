"""Extension points: how a domain app (consultation, …) adds to pages and figures of the apps
it depends on without those apps importing it (dependencies point from domains to platform
and schools, never back).

- ``district_rates``: figures another system supplies for the assessment's district rates
  (the recognition survey supplies ``social_recognition``); the assessment asks before a run.
- ``school_panels`` / ``district_panels``: extra sections on a school's or a district's page
  (open concerns tagged to the school); each returns a template and its context, or nothing.
- ``teacher_panels``: extra sections on a teacher's record page (the courses the teacher teaches),
  the same way, shown only to whom the provider decides.
- ``rectification_notes``: short notes per school in the rectification list.
- ``home_redirects``: where the home page sends a signed-in user who holds no district, province
  or school (a resident of the consultation platform), instead of an empty page.
- ``teacher_figures``: per-teacher figures another system keeps (the training ledger's five-year
  hours) laid over the snapshot's teachers table when an assessment runs, with the words saying
  where they came from (shown with the item that reads them).
- ``nav_links``: links a domain app adds to every page's navigation for the signed-in user
  (a teacher's “我的教师档案”), each ``(label, url, testid)``.
- ``account_roles``: roles a domain app gives the signed-in user, listed on the account page with
  the platform's memberships (a teacher's record at her school), each ``(words, url)``.

Apps register in their ``AppConfig.ready``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class RateRow:
    """One row of the ``district_rates`` table, as the assessment reads it."""

    rate_key: str
    numerator: float | None
    denominator: float | None
    value: float  # percent
    source: str  # who measured it, in words: "社会认可度调查（2025-2026学年，有效问卷 612 份）"
    as_of: str  # ISO date
    url: str = ""  # where those who may manage the district open the source (the survey's page)


@dataclass(frozen=True)
class Panel:
    """A section added to a page: the template to include and its context."""

    key: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)


RateProvider = Callable[[Any, str], list[RateRow]]  # (District, school_year) -> rows
SchoolPanelProvider = Callable[[Any, Any], Panel | None]  # (request, School) -> panel
DistrictPanelProvider = Callable[[Any, Any], Panel | None]  # (request, District) -> panel
TeacherPanelProvider = Callable[[Any, Any], Panel | None]  # (request, workforce Teacher) -> panel
# (request, District, school codes) -> school code -> note
RectificationNoteProvider = Callable[[Any, Any, list[str]], dict[str, str]]

_rate_providers: list[RateProvider] = []
_school_panels: list[SchoolPanelProvider] = []
_district_panels: list[DistrictPanelProvider] = []
_teacher_panels: list[TeacherPanelProvider] = []
_rectification_notes: list[RectificationNoteProvider] = []
HomeRedirect = Callable[[Any], str | None]  # (request) -> URL or None
_home_redirects: list[HomeRedirect] = []
_specific_redirects = 0  # how many of _home_redirects, at its start, are specific
# (District, school_year) -> staff id -> figure key -> value ({"T500118…": {"training_hours_5y": 372.0}})
TeacherFiguresProvider = Callable[[Any, str], dict[str, dict[str, Any]]]
# provider -> figure key -> (zh, en) words of the source ("学时取自培训台账")
_teacher_figures: dict[TeacherFiguresProvider, dict[str, tuple[str, str]]] = {}


# (request) -> [(label, url, testid)] for the signed-in user; label in the page's language
NavLinks = Callable[[Any], list[tuple[str, str, str]]]
_nav_links: list[NavLinks] = []


def _add(registry: list[Any], fn: Any) -> Any:
    if fn not in registry:
        registry.append(fn)
    return fn


def register_rates(fn: RateProvider) -> RateProvider:
    return _add(_rate_providers, fn)


def register_school_panel(fn: SchoolPanelProvider) -> SchoolPanelProvider:
    return _add(_school_panels, fn)


def register_district_panel(fn: DistrictPanelProvider) -> DistrictPanelProvider:
    return _add(_district_panels, fn)


def register_teacher_panel(fn: TeacherPanelProvider) -> TeacherPanelProvider:
    return _add(_teacher_panels, fn)


def register_rectification_notes(fn: RectificationNoteProvider) -> RectificationNoteProvider:
    return _add(_rectification_notes, fn)


def register_home_redirect(fn: HomeRedirect, *, specific: bool = False) -> HomeRedirect:
    """``specific``: asked before the catch-alls (a teacher or a parent, who would otherwise be
    taken for a resident with no role by the consultation platform's redirect); specific ones are
    asked in the order the apps register them (INSTALLED_APPS: pupils' "mine" before the
    workforce's own record)."""
    global _specific_redirects
    if fn in _home_redirects:
        return fn
    if specific:
        _home_redirects.insert(_specific_redirects, fn)
        _specific_redirects += 1
    else:
        _home_redirects.append(fn)
    return fn


# (request) -> [(words, url)]: the user's roles held in a domain app; words in the page's language
AccountRoles = Callable[[Any], list[tuple[str, str]]]
_account_roles: list[AccountRoles] = []


def register_account_roles(fn: AccountRoles) -> AccountRoles:
    return _add(_account_roles, fn)


def account_roles(request: Any) -> list[tuple[str, str]]:
    return [role for fn in _account_roles for role in fn(request)]


def register_nav_links(fn: NavLinks) -> NavLinks:
    return _add(_nav_links, fn)


def nav_links(request: Any) -> list[tuple[str, str, str]]:
    """Every registered app's navigation links for this request's user."""
    return [link for fn in _nav_links for link in fn(request)]


def register_teacher_figures(fn: TeacherFiguresProvider, *,
                             sources: dict[str, tuple[str, str]] | None = None) -> TeacherFiguresProvider:
    """``sources``: figure key -> (zh, en) words saying where the figure comes from."""
    _teacher_figures.setdefault(fn, dict(sources or {}))
    return fn


def teacher_figures_sourced(district: Any, school_year: str) -> tuple[dict[str, dict[str, Any]],
                                                                       dict[str, tuple[str, str]]]:
    """Every registered provider's figures for the district and year (later providers win a
    figure), and the source words of each figure key supplied."""
    figures: dict[str, dict[str, Any]] = {}
    sources: dict[str, tuple[str, str]] = {}
    for fn, words in _teacher_figures.items():
        for staff_id, values in fn(district, school_year).items():
            figures.setdefault(staff_id, {}).update(values)
            for key in values:
                sources[key] = words.get(key, ("", ""))
    return figures, sources


def teacher_figures(district: Any, school_year: str) -> dict[str, dict[str, Any]]:
    return teacher_figures_sourced(district, school_year)[0]


def home_redirect(request: Any) -> str | None:
    """The first registered place for a user the platform's own pages have nothing for."""
    for fn in _home_redirects:
        url = fn(request)
        if url:
            return url
    return None


def district_rates(district: Any, school_year: str) -> list[RateRow]:
    """Every registered system's rates for the district and year (later providers win a key)."""
    rows: dict[str, RateRow] = {}
    for provider in _rate_providers:
        for row in provider(district, school_year):
            rows[row.rate_key] = row
    return list(rows.values())


def school_panels(request: Any, school: Any) -> list[Panel]:
    return [p for p in (fn(request, school) for fn in _school_panels) if p is not None]


def district_panels(request: Any, district: Any) -> list[Panel]:
    return [p for p in (fn(request, district) for fn in _district_panels) if p is not None]


def teacher_panels(request: Any, teacher: Any) -> list[Panel]:
    return [p for p in (fn(request, teacher) for fn in _teacher_panels) if p is not None]


def rectification_notes(request: Any, district: Any, school_codes: list[str]) -> dict[str, str]:
    notes: dict[str, str] = {}
    for fn in _rectification_notes:
        for code, note in fn(request, district, school_codes).items():
            notes[code] = f"{notes[code]}；{note}" if code in notes else note
    return notes


# -- the district overview: figures each domain computes from its own records -----------------

@dataclass(frozen=True)
class DistrictFigure:
    """One figure of the district overview, computed by the domain that keeps its records.

    ``value`` is the number itself (None: not known, e.g. no records of that kind yet, shown
    as such, never as 0); ``shown`` is it in the page's language with its unit, rounded as the
    documents round it ("128 所", "90.2%"); ``url`` opens the records behind it, filtered to the
    period where the list can be; ``basis`` says in words how it is counted and over which
    dates ("2021–2025 年竣工的新建、改扩建项目"). ``kind`` is "flow" (counted over the years
    asked) or "stock" (as at the end of the last year asked, or today if that is sooner).
    """

    key: str  # stable, snake_case: "schools_built_or_enlarged", "seats_added", "brand_schools"
    section: str  # "facilities" | "workforce" | "groups" | "party" | "vocational" | "courses"
    label: str  # in the page's language
    value: float | int | None
    unit: str  # in the page's language: 所, 个, 人, 人次, %, 万元 …
    shown: str
    url: str
    basis: str
    kind: str = "flow"
    order: int = 0  # within its section


# (request, District, first year, last year) -> figures the request's user may see (calendar years)
DistrictFigureProvider = Callable[[Any, Any, int, int], list[DistrictFigure]]
_district_figures: list[DistrictFigureProvider] = []


def register_district_figures(fn: DistrictFigureProvider) -> DistrictFigureProvider:
    return _add(_district_figures, fn)


def district_figures(request: Any, district: Any, first_year: int, last_year: int) -> list[DistrictFigure]:
    """Every registered domain's figures of the district over the years (first and last
    included), in registration order; a later provider's figure replaces an earlier one's key."""
    out: dict[str, DistrictFigure] = {}
    for fn in _district_figures:
        for figure in fn(request, district, first_year, last_year):
            out[figure.key] = figure
    return list(out.values())


# -- a school's education group changed by a stored workbook -----------------------------------

# (actor, School, old EducationGroup | None, new EducationGroup | None, school year) -> None;
# called inside the snapshot's transaction, after ``School.group`` was set from the workbook
GroupChangeListener = Callable[[Any, Any, Any, Any, str], None]
_group_change_listeners: list[GroupChangeListener] = []


def register_group_change_listener(fn: GroupChangeListener) -> GroupChangeListener:
    return _add(_group_change_listeners, fn)


def school_group_changed(actor: Any, school: Any, old: Any, new: Any, school_year: str) -> None:
    """Tell the domains that keep a dated history of groups (the groups app) that a workbook
    put ``school`` in another group, so the history records the move instead of missing it."""
    for fn in _group_change_listeners:
        fn(actor, school, old, new, school_year)
