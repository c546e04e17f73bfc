"""Reads of the handling pages: the work list (filters, counts per state, the clock), the
overdue view grouped by department, and an item's timeline, milestones and children."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from youjun.core import consultation as rules
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.access import Access, work_concerns
from youjun.web.apps.consultation.models import AnswerTemplate, Body, Concern, Department

PAGE_SIZE = 50
CLOCK_WORDS = {"overdue": ("逾期", "overdue"), "due_soon": ("即将到期", "Due soon"), "on_time": ("按期", "On time")}


@dataclass
class BodyRules:
    """A body's workflow and clock settings, read once per page."""
    flow: rules.Workflow
    sla: dict[str, Any]
    categories: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def due_soon_days(self) -> int:
        return int(self.sla.get("due_soon_days") or 0)


class Rules:
    def __init__(self) -> None:
        self._by_body: dict[int, BodyRules] = {}

    def of(self, body: Body) -> BodyRules:
        found = self._by_body.get(body.pk)
        if found is None:
            settings = services.body_settings(body)
            found = BodyRules(services.workflow(body), settings["sla"], services.categories(body))
            self._by_body[body.pk] = found
        return found


def pick(zh: str, en: str, lang: str) -> str:
    return en if lang == "en" else zh


def category_label(br: BodyRules, key: str, lang: str) -> str:
    entry = br.categories.get(key) or {}
    return str(entry.get(lang) or entry.get("zh") or key)


def state_label(br: BodyRules, code: str, lang: str) -> str:
    state = br.flow.states.get(code)
    return state.label(lang) if state else code


def clock_of(br: BodyRules, concern: Concern, today: dt.date) -> dict[str, Any]:
    """The handling clock of one item: status, days overdue or left, words for the page."""
    open_item = concern.state in br.flow.clock_states()
    status = rules.clock_status(concern.due_on, today, open_item=open_item, due_soon_days=br.due_soon_days)
    days = rules.days_overdue(concern.due_on, today) if status == "overdue" and concern.due_on else 0
    return {"status": status, "days": days}


def clock_words(status: str, days: int, lang: str) -> str:
    if status == "overdue":
        return f"逾期 {days} 天" if lang != "en" else f"{days} day{'s' if days != 1 else ''} overdue"
    if status in CLOCK_WORDS:
        zh, en = CLOCK_WORDS[status]
        return pick(zh, en, lang)
    return ""


def _clock_q(bodies: list[Body], rules_: Rules, wanted: str, today: dt.date) -> Q:
    """Items whose clock reads ``wanted`` (overdue / due_soon), each body by its own settings."""
    cond = Q(pk__in=[])
    for body in bodies:
        br = rules_.of(body)
        base = Q(body=body, state__in=br.flow.clock_states(), due_on__isnull=False)
        if wanted == "overdue":
            cond |= base & Q(due_on__lt=today)
        elif wanted == "due_soon":
            cond |= base & Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=br.due_soon_days))
    return cond


@dataclass
class WorkFilters:
    state: str = ""
    department: str = ""
    category: str = ""
    town: str = ""
    clock: str = ""
    mine: bool = False
    sort: str = ""
    page: str = "1"

    @classmethod
    def from_query(cls, query: Any) -> WorkFilters:
        clock = query.get("clock", "")
        sort = query.get("sort", "")
        return cls(state=query.get("state", "").strip(), department=query.get("department", "").strip(),
                   category=query.get("category", "").strip(), town=query.get("town", "").strip(),
                   clock=clock if clock in ("overdue", "due_soon") else "", mine=bool(query.get("mine")),
                   sort=sort if sort in ("deadline", "-deadline") else "", page=query.get("page", "1"))

    def query_without_page(self) -> str:
        from urllib.parse import urlencode
        pairs = [(k, v) for k, v in (("state", self.state), ("department", self.department),
                                     ("category", self.category), ("town", self.town), ("clock", self.clock),
                                     ("mine", "1" if self.mine else ""), ("sort", self.sort)) if v]
        return urlencode(pairs)


def work_list(access: Access, f: WorkFilters, lang: str, today: dt.date) -> dict[str, Any]:
    """The work list of ``access`` filtered by ``f``: rows of one page, counts per state, choices."""
    rules_ = Rules()
    everything = work_concerns(access).select_related("body", "department")
    bodies = list(Body.objects.filter(pk__in=everything.values("body_id")))
    qs: QuerySet[Concern] = everything
    if f.department.isdigit():
        qs = qs.filter(department_id=int(f.department))
    if f.category:
        qs = qs.filter(category=f.category)
    if f.town:
        qs = qs.filter(town=f.town)
    if f.mine:
        qs = qs.filter(department_id__in=access.departments)
    if f.clock:
        qs = qs.filter(_clock_q(bodies, rules_, f.clock, today))
    by_state = Counter(qs.values_list("body_id", "state"))
    if f.state:
        qs = qs.filter(state=f.state)
    if f.sort == "deadline":
        qs = qs.order_by("due_on", "number")
    elif f.sort == "-deadline":
        qs = qs.order_by("-due_on", "number")
    else:
        qs = qs.order_by("-created_at", "-id")
    paginator = Paginator(qs, PAGE_SIZE)
    page = paginator.get_page(f.page)
    rows = []
    for c in page.object_list:
        br = rules_.of(c.body)
        clock = clock_of(br, c, today)
        rows.append({"concern": c, "body": c.body.name, "category": category_label(br, c.category, lang),
                     "state": state_label(br, c.state, lang), "clock": clock["status"],
                     "clock_words": clock_words(clock["status"], clock["days"], lang),
                     "progress": services.progress_of(c)})
    # counts per state, in the workflow's order, state words of the first body that has the state
    state_counts: dict[str, dict[str, Any]] = {}
    bodies_by_pk = {b.pk: b for b in bodies}
    for (body_id, code), n in sorted(by_state.items(), key=lambda kv: kv[0][1]):
        br = rules_.of(bodies_by_pk[body_id])
        entry = state_counts.setdefault(code, {"code": code, "label": state_label(br, code, lang), "count": 0})
        entry["count"] += n
    order = {code: i for b in bodies for i, code in enumerate(rules_.of(b).flow.states)}
    counts = sorted(state_counts.values(), key=lambda e: (order.get(e["code"], 99), e["code"]))
    categories: dict[str, str] = {}
    for b in bodies:
        br = rules_.of(b)
        for key in br.categories:
            categories.setdefault(key, category_label(br, key, lang))
    return {
        "rows": rows, "page": page, "counts": counts, "total": sum(e["count"] for e in counts),
        "states": [{"code": e["code"], "label": e["label"]} for e in counts],
        "departments": filter_departments(access, everything),
        "categories": sorted(categories.items(), key=lambda kv: kv[1]),
        "towns": sorted({t for t in everything.exclude(town="").values_list("town", flat=True)}),
        "query": f.query_without_page(),
    }


def overdue_groups(access: Access, today: dt.date) -> list[dict[str, Any]]:
    """Open items past their deadline, grouped by department: the items oldest first, with
    the count and the median days overdue of each department; the most overdue first."""
    rules_ = Rules()
    qs = work_concerns(access).select_related("body", "department").filter(due_on__lt=today)
    bodies = list(Body.objects.filter(pk__in=qs.values("body_id")))
    qs = qs.filter(_clock_q(bodies, rules_, "overdue", today)).order_by("due_on", "number")
    groups: dict[int | None, dict[str, Any]] = {}
    for c in qs:
        br = rules_.of(c.body)
        late = rules.days_overdue(c.due_on, today) if c.due_on else 0
        g = groups.setdefault(c.department_id, {"department": c.department, "rows": []})
        g["rows"].append({"concern": c, "days": late, "category": c.category,
                          "state": state_label(br, c.state, "zh"), "br": br})
    out = []
    for g in groups.values():
        days = [r["days"] for r in g["rows"]]
        g["count"] = len(days)
        g["median"] = rules.median_days(days)
        g["oldest"] = max(days)
        out.append(g)
    return sorted(out, key=lambda g: (-g["oldest"], g["department"].name if g["department"] else ""))


def label_rows(groups: list[dict[str, Any]], lang: str) -> None:
    """Words of the overdue view's rows in the page's language."""
    for g in groups:
        for r in g["rows"]:
            br = r.pop("br", None)
            if br is not None:
                r["category"] = category_label(br, r["category"], lang)
                r["state"] = state_label(br, r["concern"].state, lang)
            r["words"] = clock_words("overdue", r["days"], lang)
        g["median_words"] = median_words(g["median"], lang)


def median_words(median: float | None, lang: str) -> str:
    """逾期天数中位数 7 天 / median days overdue 7 days, in whole days (a half rounded up)."""
    if median is None:
        return ""
    shown = f"{whole_days(median):,}"
    return f"median days overdue {shown} days" if lang == "en" else f"逾期天数中位数 {shown} 天"


def whole_days(days: float) -> int:
    """Days as whole days, a half rounded up (402.5 → 403), as the national documents round."""
    return int(Decimal(str(days)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def templates_for(concern: Concern, bodies: set[int]) -> QuerySet[AnswerTemplate]:
    """Answer templates an item's handler may use: its bodies', general or of its department."""
    return AnswerTemplate.objects.filter(body_id__in=bodies).filter(
        Q(department__isnull=True) | Q(department_id=concern.department_id)).order_by("title")


def filter_departments(access: Access, items: QuerySet[Concern]) -> list[Department]:
    """The work list's department filter: the departments of the user's own bodies (and their own
    department), and another body's only when it handles a joint item they work on."""
    assigned = items.exclude(department=None)
    if access.everything:
        cond = Q(pk__in=assigned.values("department_id"))
    else:
        cond = Q(body_id__in=access.bodies) | Q(pk__in=access.departments) | Q(
            pk__in=assigned.filter(joint_bodies__in=access.bodies).values("department_id"))
    return list(Department.objects.filter(cond).select_related("body").distinct().order_by("body__code", "name"))


def departments_for(bodies: set[int]) -> QuerySet[Department]:
    return Department.objects.filter(body_id__in=bodies, active=True).select_related("body").order_by(
        "body__code", "name")


# --- "需要您处理": the items whose next step is the reader's now ------------------------------

NEEDS_LIMIT = 20


def _sources(flow: rules.Workflow, action: str, role: str) -> set[str]:
    """States from which ``role`` takes ``action`` in a body's workflow."""
    return {t.source for t in flow.transitions if t.action == action and role in t.by}


def _owned(bodies: frozenset[int] | set[int]) -> Q:
    return Q(pk__in=Concern.objects.filter(Q(body_id__in=bodies) | Q(joint_bodies__in=bodies)).values("pk"))


def _age_words(concern: Concern, today: dt.date, lang: str) -> str:
    # the day it was raised in Beijing time: the UTC date is a day behind before 08:00
    days = max(0, (today - timezone.localdate(concern.created_at)).days)
    if days == 0:
        return pick("今天提出", "raised today", lang)
    return pick(f"已提出 {days:,} 天", f"raised {days:,} day{'s' if days != 1 else ''} ago", lang)


def _due_words(concern: Concern, br: BodyRules, today: dt.date, lang: str) -> str:
    from django.utils import formats
    clock = clock_of(br, concern, today)
    if clock["status"] == "overdue":
        return clock_words("overdue", clock["days"], lang)
    if concern.due_on is None:
        return ""
    day = formats.date_format(concern.due_on, "DATE_FORMAT")
    return pick(f"答复期限 {day}", f"answer by {day}", lang)


def needs_you(access: Access, lang: str, today: dt.date) -> dict[str, Any]:
    """The items waiting for the reader's step now, each with why: committee staff — sent back
    (reopened), open past their deadline (oldest deadline first: to press the department),
    answered and awaiting closing, raised and awaiting selection; a department —
    its assigned and in-progress items, overdue first; a member — the items of their
    neighbourhood awaiting investigation. At most ``NEEDS_LIMIT`` rows; ``total`` counts all."""
    from youjun.web.apps.consultation.models import Participant

    rules_ = Rules()
    base = work_concerns(access).select_related("body", "department")
    bodies = list(Body.objects.filter(pk__in=base.values("body_id")))
    staff_bodies = {b.pk for b in bodies} if access.everything else set(access.staff_bodies)
    rows: list[dict[str, Any]] = []
    seen: set[int] = set()

    def add(qs: QuerySet[Concern], why: Any, order: tuple[Any, ...]) -> None:
        for c in qs.order_by(*order):
            if c.pk not in seen:
                seen.add(c.pk)
                br = rules_.of(c.body)
                rows.append({"concern": c, "why": why(c, br), "clock": clock_of(br, c, today)["status"],
                             "state": state_label(br, c.state, lang)})

    if staff_bodies:
        mine = base.filter(_owned(staff_bodies))
        reopened, closing, selecting = Q(pk__in=[]), Q(pk__in=[]), Q(pk__in=[])
        for b in bodies:
            flow = rules_.of(b).flow
            reopened |= Q(body=b, state__in=flow.clock_states(), reopen_count__gt=0)
            closing |= Q(body=b, state__in=_sources(flow, "close", "staff"))
            selecting |= Q(body=b, state__in=_sources(flow, "select", "staff"))
        due_first = (F("due_on").asc(nulls_last=True), "number")
        add(mine.filter(reopened), lambda c, br: pick(
            f"退回重办 {c.reopen_count} 次，请跟进承办部门" + ("；" + _due_words(c, br, today, lang)
                                                 if c.due_on else ""),
            f"sent back {c.reopen_count} time{'s' if c.reopen_count != 1 else ''}: follow up the department"
            + ("; " + _due_words(c, br, today, lang) if c.due_on else ""), lang), due_first)
        overdue = Q(pk__in=[])
        for b in bodies:
            overdue |= Q(body=b, state__in=rules_.of(b).flow.clock_states(), due_on__lt=today)
        add(mine.filter(overdue), lambda c, br: pick(
            f"{_due_words(c, br, today, 'zh')}，请督办{c.department.name if c.department else '承办部门'}",
            f"{_due_words(c, br, today, 'en')}: press {c.department.name if c.department else 'the department'}",
            lang), ("due_on", "number"))
        add(mine.filter(closing), lambda c, br: pick("已答复，待办结", "answered: to be closed", lang),
            ("answered_at", "number"))
        add(mine.filter(selecting), lambda c, br: pick(
            f"{_age_words(c, today, lang)}，待选题", f"{_age_words(c, today, lang)}: to be selected", lang),
            ("created_at", "number"))
    if access.departments:
        handling = Q(pk__in=[])
        for b in bodies:
            handling |= Q(body=b, state__in=rules_.of(b).flow.clock_states())
        add(base.filter(handling, department_id__in=access.departments), lambda c, br: pick(
            f"{state_label(br, c.state, 'zh')}，{_due_words(c, br, today, lang)}",
            f"{state_label(br, c.state, 'en')}: {_due_words(c, br, today, lang)}", lang)
            if c.due_on else state_label(br, c.state, lang), (F("due_on").asc(nulls_last=True), "number"))
    places = [(b, n.strip()) for b, n in Participant.objects.filter(
        user_id=access.user_id, kind=Participant.Kind.MEMBER).values_list("body_id", "neighbourhood") if n.strip()]
    if places:
        near = Q(pk__in=[])
        for body_id, place in places:
            body = next((b for b in bodies if b.pk == body_id), None)
            if body is not None:
                near |= _owned({body_id}) & (Q(town=place) | Q(village=place)) & Q(
                    state__in=_sources(rules_.of(body).flow, "investigate", "member"))
        add(base.filter(near), lambda c, br: pick(
            f"{c.village or c.town}（您联系的镇街），待调研",
            f"in {c.village or c.town} (your neighbourhood): to be investigated", lang), ("created_at", "number"))
    return {"rows": rows[:NEEDS_LIMIT], "total": len(rows)}
