"""The consultation platform's public statistics, computed from the records (never typed).

Each figure is defined once, in ``FIGURES`` (its words, unit and "口径" — how it is counted —
in Chinese and English), and computed once, in ``compute``; the statistics page shows the
definition next to the number. Everything is counted for one calendar year in Beijing time,
optionally for one body, and broken down by venue, town, department and body.

Definitions (the "口径"):

- activities: consultation meetings held in the year (``Meeting.held_on``);
- participants: attendees of those meetings (members, residents, officials; one per row);
- raised: items (concerns and agreed opinions) created in the year; merged duplicates are
  counted in the item they were merged into, items hidden by moderation are not counted;
- solved: items in a state with ``solved: true`` (closed) whose closing fell in the year;
- open: items raised in the year not yet in a final state;
- overdue: items raised in the year whose handling clock runs and whose deadline has passed;
- median days: the median of whole days from raised to closed, over the solved items;
- satisfaction (one definition, every table): over the items raised in the year that their
  raiser has rated, each item's latest rating by its raiser (a member's rating does not count;
  a rating replaced after a reopen does not count), the share 满意 or 基本满意, with the
  number of items rated beside it. The open data carries the same per-item fields
  (``latest_raiser_satisfaction``, ``latest_raiser_fixed``), so every figure can be recomputed
  from the year's CSV. A department's satisfaction, like its response times, is published only
  from ``min_items_for_department_times`` rated items;
- members, studios: CPPCC members (``Participant`` of kind member) and member studios now;
- joint items: items raised in the year that another body co-owns (``joint_bodies``);
- per department: items assigned in the year; response time = median whole days from
  assignment to the answer; on time = share answered on or before the deadline. Both only
  when the department answered at least ``publication.min_items_for_department_times``
  items, otherwise "样本不足" (too few to publish).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q
from django.utils import timezone

from youjun.core import consultation as rules
from youjun.core.consultation import VENUES
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import (
    Attendee,
    Body,
    Concern,
    Department,
    Meeting,
    Participant,
    Rating,
    Studio,
)


@dataclass(frozen=True)
class Figure:
    key: str
    zh: str
    en: str
    unit_zh: str
    unit_en: str
    note_zh: str
    note_en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def unit(self, lang: str) -> str:
        return self.unit_en if lang == "en" else self.unit_zh

    def note(self, lang: str) -> str:
        return self.note_en if lang == "en" else self.note_zh


FIGURES: dict[str, Figure] = {f.key: f for f in (
    Figure("activities", "协商活动", "Consultations", "次", "meetings",
           "当年召开的协商活动（委员进小院、川渝毗邻议事室、委员工作室、委员沙龙）次数，按活动日期计。",
           "Consultation meetings held in the year in the four venues, by the meeting's date."),
    Figure("participants", "参与人次", "Participants", "人次", "attendances",
           "当年协商活动的参加人员登记数（委员、群众、部门人员），每次活动每人计一次。",
           "People recorded at the year's meetings (members, residents, officials), once per meeting."),
    Figure("raised", "收集议题", "Items raised", "件", "items",
           "当年提出的议题及协商意见；被合并的重复议题计入合并后的议题，因举报隐藏待审的不计。",
           "Concerns and agreed opinions created in the year; a merged duplicate counts in the item it "
           "joined, items hidden pending moderation are not counted."),
    Figure("solved", "解决问题", "Solved", "件", "items",
           "当年办结（处于“已解决”状态）的议题，按办结日期计，不论哪一年提出。",
           "Items closed as solved in the year, by the closing date, whatever year they were raised."),
    Figure("open", "在办", "Open", "件", "items",
           "当年提出、目前尚未办结（未到终止状态）的议题。",
           "Items raised in the year that have not reached a final state yet."),
    Figure("overdue", "逾期", "Overdue", "件", "items",
           "当年提出、正在办理且已超过办理时限的议题（时限为交办后按类别计的天数）。",
           "Items raised in the year that are being handled past their deadline (days by category)."),
    Figure("median_days", "办结用时中位数", "Median days to solve", "天", "days",
           "已解决议题从提出到办结的自然日数的中位数。",
           "The median of calendar days from raised to closed, over the solved items."),
    Figure("satisfaction", "满意率", "Satisfaction", "%", "%",
           "当年提出、已由提出人评价的议题中，按每件议题提出人的最新一次评价，“满意”和“基本满意”所占比例；"
           "括号内为参与评价的件数。委员的评价和退回重办前的评价不计。开放数据逐件给出这一评价，"
           "可据此复核。承办部门评价少于规定件数时不公布。",
           "Over the items raised in the year that their raiser rated: each item's latest rating by its "
           "raiser, the share 'satisfied' or 'partly satisfied'; the number of items rated in brackets. "
           "Members' ratings and ratings before a reopen do not count. The open data gives "
           "this rating for each item, to check the figure. Not "
           "published for a department with fewer rated items than the minimum."),
    Figure("members", "委员", "Members", "人", "members",
           "目前在平台登记的政协委员人数。", "CPPCC members registered on the platform now."),
    Figure("studios", "委员工作室", "Member studios", "个", "studios",
           "目前登记的委员工作室个数。", "Member studios registered now."),
    Figure("joint", "联合议题", "Joint items", "件", "items",
           "当年提出、由两个及以上政协共同办理（川渝毗邻）的议题。",
           "Items raised in the year that two or more bodies own together (across the border)."),
    Figure("assigned", "交办", "Assigned", "件", "items",
           "当年交办给该部门的议题。", "Items assigned to the department in the year."),
    Figure("response_days", "答复用时中位数", "Median days to answer", "天", "days",
           "从交办到部门答复的自然日数的中位数；部门答复少于规定件数时不公布。",
           "The median of calendar days from assignment to the department's answer; not published "
           "when the department answered fewer than the minimum."),
    Figure("on_time", "按期答复率", "Answered on time", "%", "%",
           "在办理时限当天或之前答复的比例；部门答复少于规定件数时不公布。",
           "The share answered on or before the deadline; not published when the department "
           "answered fewer than the minimum."),
)}

# which figures each breakdown shows (a meeting has no department, a member no venue)
COLUMNS: dict[str, tuple[str, ...]] = {
    "total": ("activities", "participants", "raised", "solved", "open", "overdue", "median_days",
              "satisfaction", "members", "studios", "joint"),
    "venue": ("activities", "participants", "raised", "solved", "open", "overdue", "median_days", "satisfaction"),
    "town": ("activities", "participants", "raised", "solved", "open", "overdue", "median_days", "satisfaction"),
    "department": ("assigned", "solved", "open", "overdue", "median_days", "satisfaction", "response_days",
                   "on_time"),
    "body": ("activities", "participants", "raised", "solved", "open", "overdue", "median_days", "satisfaction",
             "members", "studios", "joint"),
}
NO_TOWN = ("未填写镇街", "Town not given")
NO_VENUE = ("未经协商活动", "Not taken to a venue")
ALL_BODIES = ("全部政协（联合议题计一次）", "All bodies (each joint item once)")
JOINT_NOTE = ("联合议题同时计入每个共同办理的政协，所以各政协的行相加可能大于“全部政协”一行；“全部政协”一行中每件议题、"
              "每次活动只计一次。",
              "A joint item counts under each body that owns it, so the bodies' rows may add up to more "
              "than the 'All bodies' row, which counts each item and meeting once.")


@dataclass
class Row:
    """One line of a breakdown: its label and its figures (None: nothing to compute)."""
    key: str
    label_zh: str
    label_en: str
    values: dict[str, Any] = field(default_factory=dict)
    rated: int = 0  # the number of items rated by their raiser behind "satisfaction"
    satisfaction_withheld: bool = False  # a department's satisfaction not published: too few rated
    sample: int = 0  # answered items behind the department's response times
    withheld: bool = False  # response times not published: too few items
    minimum: int = 0  # the fewest answered items for which response times are published

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_zh


@dataclass
class Stats:
    year: int
    body: Body | None
    today: dt.date
    total: Row
    breakdowns: dict[str, list[Row]]
    min_items: int


def year_bounds(year: int) -> tuple[dt.datetime, dt.datetime]:
    """The first moment of ``year`` and of the next, in Beijing time."""
    zone = timezone.get_default_timezone()
    return (dt.datetime(year, 1, 1, tzinfo=zone), dt.datetime(year + 1, 1, 1, tzinfo=zone))


def local_day(stamp: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(stamp) if stamp is not None else None


def years_available(today: dt.date | None = None) -> list[int]:
    """Every year from the first record to this one (this year alone when there is none)."""
    this = (today or timezone.localdate()).year
    first = [this]
    oldest = Concern.objects.order_by("created_at").values_list("created_at", flat=True).first()
    if oldest is not None:
        first.append(timezone.localtime(oldest).year)
    meeting = Meeting.objects.order_by("held_on").values_list("held_on", flat=True).first()
    if meeting is not None:
        first.append(meeting.year)
    return list(range(this, min(first) - 1, -1))


def latest_year(today: dt.date | None = None, body: Body | None = None) -> int:
    """The latest year (not after this one) with an item raised or a meeting held, of ``body``
    when given; this year when there is none. The statistics page opens on it."""
    this = (today or timezone.localdate()).year
    items = Concern.objects.filter(hidden=False, created_at__lt=year_bounds(this)[1])
    meetings = Meeting.objects.filter(held_on__year__lte=this)
    if body is not None:
        items = items.filter(Q(body=body) | Q(joint_bodies=body))
        meetings = meetings.filter(Q(body=body) | Q(joint_bodies=body))
    found = [timezone.localtime(at).year for at in
             items.order_by("-created_at").values_list("created_at", flat=True)[:1]]
    found += [day.year for day in meetings.order_by("-held_on").values_list("held_on", flat=True)[:1]]
    return max(found) if found else this


class _Rules:
    """Each body's solved, final and clock states and its minimum sample (settings are data)."""

    def __init__(self) -> None:
        self._by_body: dict[int, tuple[frozenset[str], frozenset[str], frozenset[str], int]] = {}

    def of(self, body: Body) -> tuple[frozenset[str], frozenset[str], frozenset[str], int]:
        found = self._by_body.get(body.pk)
        if found is None:
            flow = services.workflow(body)
            final = frozenset(c for c, s in flow.states.items() if s.terminal)
            minimum = int(services.body_settings(body)["publication"]["min_items_for_department_times"])
            found = (flow.solved_states(), final, flow.clock_states(), minimum)
            self._by_body[body.pk] = found
        return found


@dataclass
class _Item:
    pk: int
    body_id: int
    owners: frozenset[int]
    venue: str
    town: str
    department_id: int | None
    created: dt.date
    closed: dt.date | None
    assigned: dt.date | None
    answered: dt.date | None
    due: dt.date | None
    solved: bool
    final: bool
    clock: bool
    raised_in_year: bool
    solved_in_year: bool
    assigned_in_year: bool


def _items(year: int, body: Body | None, cache: _Rules) -> list[_Item]:
    start, end = year_bounds(year)
    qs = Concern.objects.filter(hidden=False).exclude(merged_into__isnull=False).filter(
        Q(created_at__gte=start, created_at__lt=end) | Q(closed_at__gte=start, closed_at__lt=end)
        | Q(assigned_at__gte=start, assigned_at__lt=end))
    if body is not None:
        qs = qs.filter(pk__in=Concern.objects.filter(Q(body=body) | Q(joint_bodies=body)).values("pk"))
    joint: dict[int, set[int]] = defaultdict(set)
    for cid, bid in Concern.joint_bodies.through.objects.filter(concern__in=qs).values_list(
            "concern_id", "body_id"):
        joint[cid].add(bid)
    bodies = {b.pk: b for b in Body.objects.all()}
    out = []
    for c in qs.values("pk", "body_id", "venue", "town", "department_id", "created_at", "closed_at", "assigned_at",
                       "answered_at", "due_on", "state"):
        solved_states, final_states, clock_states, _ = cache.of(bodies[c["body_id"]])
        created, closed, assigned = (local_day(c["created_at"]), local_day(c["closed_at"]),
                                     local_day(c["assigned_at"]))
        solved = c["state"] in solved_states
        assert created is not None
        out.append(_Item(
            pk=c["pk"], body_id=c["body_id"], owners=frozenset({c["body_id"], *joint.get(c["pk"], ())}),
            venue=c["venue"] or "", town=(c["town"] or "").strip(), department_id=c["department_id"],
            created=created, closed=closed, assigned=assigned, answered=local_day(c["answered_at"]),
            due=c["due_on"], solved=solved, final=c["state"] in final_states, clock=c["state"] in clock_states,
            raised_in_year=created.year == year, solved_in_year=solved and closed is not None and closed.year == year,
            assigned_in_year=assigned is not None and assigned.year == year))
    return out


def latest_raiser_ratings(item_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Each item's latest rating by its raiser: (satisfaction, fixed). The one definition the
    statistics page and the open data share."""
    latest: dict[int, tuple[dt.datetime, int, str, str]] = {}
    for cid, at, pk, satisfaction, fixed in Rating.objects.filter(
            concern_id__in=list(item_ids), rater_role="raiser").values_list(
            "concern_id", "at", "pk", "satisfaction", "fixed"):
        if cid not in latest or (at, pk) >= latest[cid][:2]:
            latest[cid] = (at, pk, satisfaction, fixed)
    return {cid: (s, f) for cid, (_at, _pk, s, f) in latest.items()}


def _latest_raiser_ratings(item_ids: Iterable[int]) -> dict[int, str]:
    return {cid: s for cid, (s, _f) in latest_raiser_ratings(item_ids).items()}


def _satisfaction(row: Row, items: list[_Item], ratings: dict[int, str]) -> None:
    """The share satisfied or partly satisfied over the items raised in the year rated by their raiser."""
    rated = [ratings[i.pk] for i in items if i.raised_in_year and i.pk in ratings]
    row.rated = len(rated)
    row.values["satisfaction"] = rules.share(sum(1 for s in rated if s in ("satisfied", "partly")), len(rated))


def _fill(row: Row, items: list[_Item], ratings: dict[int, str], today: dt.date) -> None:
    raised = [i for i in items if i.raised_in_year]
    solved = [i for i in items if i.solved_in_year]
    row.values["raised"] = len(raised)
    row.values["solved"] = len(solved)
    row.values["open"] = sum(1 for i in raised if not i.final)
    row.values["overdue"] = sum(1 for i in raised if i.clock and i.due is not None and i.due < today)
    row.values["median_days"] = rules.median_days([(i.closed - i.created).days for i in solved if i.closed])
    _satisfaction(row, items, ratings)
    row.values["joint"] = sum(1 for i in raised if len(i.owners) > 1)


def _meetings(year: int, body: Body | None) -> list[dict[str, Any]]:
    qs = Meeting.objects.filter(held_on__year=year)
    if body is not None:
        qs = qs.filter(pk__in=Meeting.objects.filter(Q(body=body) | Q(joint_bodies=body)).values("pk"))
    counts: dict[int, int] = defaultdict(int)
    for mid in Attendee.objects.filter(meeting__in=qs).values_list("meeting_id", flat=True):
        counts[mid] += 1
    joint: dict[int, set[int]] = defaultdict(set)
    for mid, bid in Meeting.joint_bodies.through.objects.filter(meeting__in=qs).values_list("meeting_id", "body_id"):
        joint[mid].add(bid)
    return [{"venue": m["venue"], "town": (m["town"] or "").strip(), "owners": {m["body_id"], *joint[m["pk"]]},
             "attendees": counts[m["pk"]]} for m in qs.values("pk", "venue", "town", "body_id")]


def _meeting_figures(row: Row, meetings: list[dict[str, Any]]) -> None:
    row.values["activities"] = len(meetings)
    row.values["participants"] = sum(m["attendees"] for m in meetings)


def compute(year: int, body: Body | None = None, today: dt.date | None = None) -> Stats:
    """The statistics of ``year`` (and of ``body`` only, when given) as of ``today``."""
    today = today or timezone.localdate()
    cache = _Rules()
    items = _items(year, body, cache)
    meetings = _meetings(year, body)
    ratings = _latest_raiser_ratings([i.pk for i in items])
    bodies = [body] if body is not None else list(Body.objects.all())
    members = Participant.objects.filter(kind=Participant.Kind.MEMBER)
    studios = Studio.objects.all()
    if body is not None:
        members, studios = members.filter(body=body), studios.filter(body=body)

    total = Row("total", "合计", "Total")
    _fill(total, items, ratings, today)
    _meeting_figures(total, meetings)
    total.values["members"] = members.values("user_id", "body_id").distinct().count()
    total.values["studios"] = studios.count()

    by_venue: list[Row] = []
    for key, (zh, en) in VENUES.items():
        row = Row(key, zh, en)
        _fill(row, [i for i in items if i.venue == key], ratings, today)
        _meeting_figures(row, [m for m in meetings if m["venue"] == key])
        by_venue.append(row)
    rest = [i for i in items if i.venue not in VENUES]
    if any(i.raised_in_year or i.solved_in_year for i in rest):
        row = Row("", *NO_VENUE)
        _fill(row, rest, ratings, today)
        by_venue.append(row)

    towns = sorted({i.town for i in items if i.raised_in_year or i.solved_in_year} | {m["town"] for m in meetings},
                   key=lambda t: (t == "", t))
    by_town = []
    for town in towns:
        row = Row(town, town or NO_TOWN[0], town or NO_TOWN[1])
        _fill(row, [i for i in items if i.town == town], ratings, today)
        _meeting_figures(row, [m for m in meetings if m["town"] == town])
        by_town.append(row)

    by_department = _departments(items, ratings, today, cache, year)

    by_body = []
    for b in bodies:
        row = Row(b.code, b.name, b.name)
        _fill(row, [i for i in items if b.pk in i.owners], ratings, today)
        _meeting_figures(row, [m for m in meetings if b.pk in m["owners"]])
        row.values["members"] = members.filter(body=b).values("user_id").distinct().count()
        row.values["studios"] = studios.filter(body=b).count()
        by_body.append(row)
    if len(by_body) > 1:
        # the bodies' rows overlap (a joint item counts under each owner): the honest total
        # counts each item and meeting once
        everyone = replace(total, key="", label_zh=ALL_BODIES[0], label_en=ALL_BODIES[1],
                           values=dict(total.values))
        by_body.append(everyone)

    minimum = cache.of(body)[3] if body is not None else min(
        (cache.of(b)[3] for b in bodies), default=int(rules.default_settings()["publication"]
                                                      ["min_items_for_department_times"]))
    return Stats(year=year, body=body, today=today, total=total, min_items=minimum,
                 breakdowns={"venue": by_venue, "town": by_town, "department": by_department, "body": by_body})


def _departments(items: list[_Item], ratings: dict[int, str], today: dt.date, cache: _Rules,
                 year: int) -> list[Row]:
    ids = {i.department_id for i in items if i.department_id is not None and (
        i.assigned_in_year or i.solved_in_year or (i.raised_in_year and i.pk in ratings))}
    rows = []
    for dep in Department.objects.filter(pk__in=ids).select_related("body").order_by("body__code", "name"):
        mine = [i for i in items if i.department_id == dep.pk]
        row = Row(str(dep.pk), dep.name, dep.name)
        assigned = [i for i in mine if i.assigned_in_year]
        # the department's own cohort: what it was given this year (and what it closed this year)
        cohort = [_as_raised(i) for i in assigned] + [_as_closed(i) for i in mine
                                                      if i.solved_in_year and not i.assigned_in_year]
        _fill(row, cohort, ratings, today)
        minimum = row.minimum = cache.of(dep.body)[3]
        # satisfaction: the same definition as every other table (items raised in the year that
        # it handles), and only from the minimum sample
        _satisfaction(row, mine, ratings)
        if row.rated < max(1, minimum):
            row.values["satisfaction"] = None
            row.satisfaction_withheld = True
        row.values["assigned"] = len(assigned)
        answered = [i for i in assigned if i.answered is not None and i.assigned is not None]
        row.sample = len(answered)
        durations = [(i.answered - i.assigned).days for i in answered if i.answered and i.assigned]
        row.values["response_days"] = rules.published_median(durations, minimum)
        row.withheld = row.values["response_days"] is None
        on_time = sum(1 for i in answered if i.due is not None and i.answered is not None and i.answered <= i.due)
        row.values["on_time"] = None if row.withheld else rules.share(on_time, len(answered))
        rows.append(row)
    return rows


def _as_raised(item: _Item) -> _Item:
    """An item assigned this year counts in the department's open and overdue figures."""
    return replace(item, raised_in_year=True)


def _as_closed(item: _Item) -> _Item:
    return replace(item, raised_in_year=False)
