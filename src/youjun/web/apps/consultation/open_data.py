"""The consultation platform's open data: one row per public item, and one per meeting.

No personal data and no residents' free text: an item's title is exported (it is public on the
item's page), its text, the raiser's name and phone, photos, comments and the answer are not;
a meeting's attendees are counted by kind, never named. The fields, their types and meanings
are ``ITEM_FIELDS`` and ``MEETING_FIELDS``; docs/consultation-open-data.md and
docs/schemas/consultation-open-data.schema.json describe exactly these (a test checks both).

CSV is UTF-8 with a byte-order mark (Excel opens it in Chinese) and every text cell that
starts with = + - @ (or a tab or carriage return) is prefixed with an apostrophe, so a
spreadsheet never runs text typed by a resident as a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from youjun.web.apps.consultation import access, services
from youjun.web.apps.consultation.models import Attendee, Body, Concern, Meeting, Rating
from youjun.web.apps.consultation.statistics import latest_raiser_ratings, local_day

SCHEMA_ID = "urn:youjun:consultation-open-data:1"
FORMATS = ("csv", "json")
DATASETS = ("items", "meetings")


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string, integer, date, string[] (each may be empty: null in JSON, "" in CSV)
    zh: str
    en: str
    nullable: bool = True


ITEM_FIELDS: tuple[Field, ...] = (
    Field("number", "string", "公开编号", "Public number (RC-2026-0001)", nullable=False),
    Field("kind", "string", "类型：concern 议题，opinion 协商意见", "concern or opinion (agreed at a meeting)",
          nullable=False),
    Field("parent_number", "string", "协商意见所属议题的编号", "Number of the concern an opinion came from"),
    Field("title", "string", "标题（页面上公开的标题；不含正文）", "Title (public on the item's page; not the text)",
          nullable=False),
    Field("body", "string", "主办政协代码", "Code of the owning CPPCC body", nullable=False),
    Field("body_name", "string", "主办政协名称", "Name of the owning body", nullable=False),
    Field("joint_bodies", "string[]", "共同办理的其他政协代码（CSV 中以分号分隔）",
          "Codes of the other bodies owning it (semicolon-separated in CSV)", nullable=False),
    Field("category", "string", "类别代码", "Category code", nullable=False),
    Field("category_name", "string", "类别名称", "Category name (Chinese)", nullable=False),
    Field("venue", "string", "协商场景代码（courtyard、cross_border、studio、salon）",
          "Venue code (courtyard, cross_border, studio, salon)"),
    Field("town", "string", "镇街", "Town or subdistrict"),
    Field("village", "string", "村社区", "Village or community"),
    Field("school_code", "string", "学校标识码", "School code"),
    Field("school_name", "string", "学校名称", "School name"),
    Field("indicator", "string", "关联的评估指标代码", "Assessment indicator code it is linked to"),
    Field("state", "string", "状态代码", "State code", nullable=False),
    Field("state_name", "string", "状态名称", "State name (Chinese)", nullable=False),
    Field("created_date", "date", "提出日期", "Date raised", nullable=False),
    Field("assigned_date", "date", "交办日期", "Date assigned"),
    Field("department", "string", "承办部门", "Department handling it"),
    Field("due_date", "date", "答复期限（最后一天）", "Answer due by (last day)"),
    Field("answered_date", "date", "答复日期", "Date answered"),
    Field("closed_date", "date", "办结日期", "Date closed"),
    Field("days_to_solve", "integer", "从提出到解决的自然日数（已解决时）", "Calendar days from raised to solved"),
    Field("progress", "integer", "办理进度（0–100，%）", "Progress, 0–100 (%)", nullable=False),
    Field("reopen_count", "integer", "退回重办次数", "Times reopened", nullable=False),
    Field("ratings_satisfied", "integer", "“满意”评价数", "Ratings 'satisfied'", nullable=False),
    Field("ratings_partly", "integer", "“基本满意”评价数", "Ratings 'partly satisfied'", nullable=False),
    Field("ratings_not_satisfied", "integer", "“不满意”评价数", "Ratings 'not satisfied'", nullable=False),
    Field("ratings_fixed", "integer", "“已解决”评价数", "Ratings 'fixed'", nullable=False),
    Field("ratings_not_fixed", "integer", "“未解决”评价数", "Ratings 'not fixed'", nullable=False),
    Field("ratings_dont_know", "integer", "“不清楚”评价数", "Ratings 'don't know'", nullable=False),
    Field("latest_raiser_satisfaction", "string",
          "提出人最新一次评价的满意度代码（satisfied 满意、partly 基本满意、not 不满意；未评价为空）；"
          "统计页的满意率即按此字段计算",
          "Satisfaction of the raiser's latest rating (satisfied, partly, not; empty when not rated); "
          "the statistics page's satisfaction is computed from this field"),
    Field("latest_raiser_fixed", "string",
          "提出人最新一次评价的解决情况代码（fixed 已解决、not_fixed 未解决、dont_know 不清楚；未评价为空）",
          "Whether solved, by the raiser's latest rating (fixed, not_fixed, dont_know; empty when not rated)"),
)

MEETING_FIELDS: tuple[Field, ...] = (
    Field("id", "integer", "活动编号", "Meeting id", nullable=False),
    Field("date", "date", "活动日期", "Date held", nullable=False),
    Field("venue", "string", "协商场景代码", "Venue code", nullable=False),
    Field("venue_name", "string", "协商场景名称", "Venue name (Chinese)", nullable=False),
    Field("body", "string", "主办政协代码", "Code of the owning body", nullable=False),
    Field("joint_bodies", "string[]", "共同主办的其他政协代码（CSV 中以分号分隔）",
          "Codes of the other bodies holding it (semicolon-separated in CSV)", nullable=False),
    Field("town", "string", "镇街", "Town or subdistrict"),
    Field("attendees_members", "integer", "参加的委员人数", "Members attending", nullable=False),
    Field("attendees_residents", "integer", "参加的群众人数", "Residents attending", nullable=False),
    Field("attendees_officials", "integer", "参加的部门人员人数", "Department officials attending", nullable=False),
    Field("attendees_total", "integer", "参加人数合计", "Everyone attending", nullable=False),
    Field("items", "integer", "协商的议题数", "Items consulted on", nullable=False),
)

FIELDS = {"items": ITEM_FIELDS, "meetings": MEETING_FIELDS}

# ``headers=zh``: the CSV for ordinary citizens — Chinese column names, Chinese words in the
# coded columns (kind, state, category, venue, ratings), the duplicate name columns left out
ZH_HEADERS: dict[str, dict[str, str]] = {
    "items": {
        "number": "编号", "kind": "类型", "parent_number": "所属议题编号", "title": "标题",
        "body": "主办政协代码", "body_name": "主办政协", "joint_bodies": "共同办理的政协", "category": "类别",
        "venue": "协商场景", "town": "镇街", "village": "村社区", "school_code": "学校标识码", "school_name": "学校",
        "indicator": "评估指标", "state": "状态", "created_date": "提出日期", "assigned_date": "交办日期",
        "department": "承办部门", "due_date": "办理时限", "answered_date": "答复日期", "closed_date": "办结日期",
        "days_to_solve": "办结用时（天）",
        "progress": "办理进度（%）", "reopen_count": "退回重办次数", "ratings_satisfied": "满意（次）",
        "ratings_partly": "基本满意（次）", "ratings_not_satisfied": "不满意（次）", "ratings_fixed": "已解决（次）",
        "ratings_not_fixed": "未解决（次）", "ratings_dont_know": "不清楚（次）",
        "latest_raiser_satisfaction": "提出人最新评价：满意度", "latest_raiser_fixed": "提出人最新评价：是否解决",
    },
    "meetings": {
        "id": "活动编号", "date": "活动日期", "venue": "协商场景", "body": "主办政协代码",
        "joint_bodies": "共同主办的政协",
        "town": "镇街", "attendees_members": "委员（人）", "attendees_residents": "群众（人）",
        "attendees_officials": "部门人员（人）", "attendees_total": "合计（人）", "items": "协商议题（件）",
    },
}
KINDS_ZH = {"concern": "议题", "opinion": "协商意见"}


def chinese_rows(dataset: str, rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with Chinese words in the coded columns (for ``headers=zh``)."""
    from youjun.core.consultation import FIXED, SATISFACTION, VENUES

    out = []
    for row in rows:
        r = dict(row)
        if r.get("venue"):
            r["venue"] = VENUES.get(r["venue"], (r["venue"],))[0]
        if dataset == "items":
            r["kind"] = KINDS_ZH.get(r["kind"], r["kind"])
            r["state"] = r["state_name"]
            r["category"] = r["category_name"]
            if r.get("latest_raiser_satisfaction"):
                r["latest_raiser_satisfaction"] = SATISFACTION[r["latest_raiser_satisfaction"]][0]
            if r.get("latest_raiser_fixed"):
                r["latest_raiser_fixed"] = FIXED[r["latest_raiser_fixed"]][0]
        out.append(r)
    return out


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def item_rows(body: Body | None = None, year: int | None = None) -> list[dict[str, Any]]:
    """One row per item the public may see (not hidden; in a public state), oldest first."""
    qs = access.public_concerns().select_related("body", "parent", "department", "school")
    if body is not None:
        qs = qs.filter(pk__in=Concern.objects.filter(Q(body=body) | Q(joint_bodies=body)).values("pk"))
    if year is not None:
        qs = qs.filter(created_at__year=year)
    items = list(qs.order_by("created_at", "id"))
    ids = [c.pk for c in items]
    joint: dict[int, list[str]] = defaultdict(list)
    for cid, code in Concern.joint_bodies.through.objects.filter(concern_id__in=ids).values_list(
            "concern_id", "body__code").order_by("body__code"):
        joint[cid].append(code)
    ratings: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for cid, satisfaction, fixed in Rating.objects.filter(concern_id__in=ids).values_list(
            "concern_id", "satisfaction", "fixed"):
        ratings[cid][f"s:{satisfaction}"] += 1
        ratings[cid][f"f:{fixed}"] += 1
    latest = latest_raiser_ratings(ids)
    flows: dict[int, Any] = {}
    cats: dict[int, dict[str, Any]] = {}
    rows = []
    for c in items:
        if c.body_id not in flows:
            flows[c.body_id] = services.workflow(c.body)
            cats[c.body_id] = services.categories(c.body)
        flow = flows[c.body_id]
        state = flow.states.get(c.state)
        if state is not None and not state.public:
            continue
        created, closed = local_day(c.created_at), local_day(c.closed_at)
        assert created is not None
        solved = state is not None and state.solved and closed is not None
        r = ratings.get(c.pk, {})
        rows.append({
            "number": c.number, "kind": c.kind, "parent_number": c.parent.number if c.parent else None,
            "title": c.title, "body": c.body.code, "body_name": c.body.name, "joint_bodies": joint.get(c.pk, []),
            "category": c.category, "category_name": str((cats[c.body_id].get(c.category) or {}).get("zh", c.category)),
            "venue": c.venue or None, "town": c.town or None, "village": c.village or None,
            "school_code": c.school.code if c.school else None, "school_name": c.school.name if c.school else None,
            "indicator": c.indicator or None, "state": c.state, "state_name": state.zh if state else c.state,
            "created_date": _date(created), "assigned_date": _date(local_day(c.assigned_at)),
            "department": c.department.name if c.department else None, "due_date": _date(c.due_on),
            "answered_date": _date(local_day(c.answered_at)), "closed_date": _date(closed),
            "days_to_solve": (closed - created).days if solved and closed else None,
            "progress": int(c.progress), "reopen_count": int(c.reopen_count),
            "ratings_satisfied": r.get("s:satisfied", 0), "ratings_partly": r.get("s:partly", 0),
            "ratings_not_satisfied": r.get("s:not", 0), "ratings_fixed": r.get("f:fixed", 0),
            "ratings_not_fixed": r.get("f:not_fixed", 0), "ratings_dont_know": r.get("f:dont_know", 0),
            "latest_raiser_satisfaction": latest[c.pk][0] if c.pk in latest else None,
            "latest_raiser_fixed": latest[c.pk][1] if c.pk in latest else None,
        })
    return rows


def meeting_rows(body: Body | None = None, year: int | None = None) -> list[dict[str, Any]]:
    """One row per meeting: when, where (venue and town), whose, how many came — no names."""
    from youjun.core.consultation import VENUES

    qs = Meeting.objects.select_related("body")
    if body is not None:
        qs = qs.filter(pk__in=Meeting.objects.filter(Q(body=body) | Q(joint_bodies=body)).values("pk"))
    if year is not None:
        qs = qs.filter(held_on__year=year)
    meetings = list(qs.order_by("held_on", "id"))
    ids = [m.pk for m in meetings]
    counts: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for mid, kind in Attendee.objects.filter(meeting_id__in=ids).values_list("meeting_id", "kind"):
        counts[mid][kind] += 1
    joint: dict[int, list[str]] = defaultdict(list)
    for mid, code in Meeting.joint_bodies.through.objects.filter(meeting_id__in=ids).values_list(
            "meeting_id", "body__code").order_by("body__code"):
        joint[mid].append(code)
    items: dict[int, int] = defaultdict(int)
    for mid in Meeting.concerns.through.objects.filter(meeting_id__in=ids).values_list("meeting_id", flat=True):
        items[mid] += 1
    rows = []
    for m in meetings:
        n = counts.get(m.pk, {})
        rows.append({
            "id": m.pk, "date": m.held_on.isoformat(), "venue": m.venue, "venue_name": VENUES.get(m.venue, ("",))[0],
            "body": m.body.code, "joint_bodies": joint.get(m.pk, []), "town": m.town or None,
            "attendees_members": n.get("member", 0), "attendees_residents": n.get("resident", 0),
            "attendees_officials": n.get("official", 0), "attendees_total": sum(n.values()),
            "items": items.get(m.pk, 0),
        })
    return rows


def rows_of(dataset: str, body: Body | None = None, year: int | None = None) -> list[dict[str, Any]]:
    return item_rows(body, year) if dataset == "items" else meeting_rows(body, year)


def as_json(dataset: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The JSON document: what it is, when it was made, and the rows."""
    return {"$schema": SCHEMA_ID, "dataset": dataset,
            "generated_at": timezone.localtime().isoformat(timespec="seconds"),
            "fields": [f.name for f in FIELDS[dataset]], "rows": rows}


DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Text that a spreadsheet would run as a formula, made plain text (an apostrophe first)."""
    return "'" + text if text.startswith(DANGEROUS) else text


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list):
        return neutralise(";".join(value))
    if isinstance(value, str):
        return neutralise(value)
    return value


def as_csv(dataset: str, rows: Iterable[dict[str, Any]], *, chinese: bool = False) -> bytes:
    """UTF-8 with a byte-order mark, one header line of the field names, CRLF line ends.
    ``chinese``: Chinese column names and words (see ``ZH_HEADERS``)."""
    out = io.StringIO()
    writer = csv.writer(out)
    names = [f.name for f in FIELDS[dataset]]
    if chinese:
        names = [n for n in names if n in ZH_HEADERS[dataset]]
        rows = chinese_rows(dataset, rows)
        writer.writerow([ZH_HEADERS[dataset][n] for n in names])
    else:
        writer.writerow(names)
    for row in rows:
        writer.writerow([_cell(row[n]) for n in names])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
