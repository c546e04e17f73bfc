"""Concerns tagged to schools, on the pages of the schools app and in the rectification list,
through ``platform.extensions`` (those apps never import this one):

- a school's page: the concerns tagged to it — how many open, how many solved, and each with
  its number, title, state in words, department, deadline and whether overdue, linked to its
  public page;
- a district's page: the open concerns by school (open, overdue, oldest open days);
- the rectification list: a note per school, "群众反映：未办结2件（逾期1件）".

Only what the public item pages show (never a raiser's name or phone); hidden items (by
moderation) are left out. Whoever sees the school or district page sees the panel: those pages
already enforce their scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import get_language

from youjun.core import consultation as rules
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.access import public_concerns
from youjun.web.apps.consultation.models import Body, Concern
from youjun.web.apps.platform import extensions

SCHOOL_LIST_LIMIT = 20  # the school panel lists at most this many items (open ones first)


def _zh() -> bool:
    return not (get_language() or "zh").startswith("en")


@dataclass(frozen=True)
class Tagged:
    """One tagged item as the panels show it (no personal data)."""

    number: str
    title: str
    state: str  # in words, the body's workflow label
    open: bool
    solved: bool
    department: str
    due_on: dt.date | None
    overdue_days: int | None  # None: not overdue
    created_on: dt.date
    open_days: int
    url: str
    school_code: str


def _public_url(number: str) -> str:
    try:
        return reverse("consultation:public_item", kwargs={"number": number})
    except NoReverseMatch:  # the public item page is not routed
        return ""


def _tagged(concerns: Iterable[Concern], today: dt.date) -> list[Tagged]:
    zh = _zh()
    flows: dict[int, tuple[rules.Workflow, int]] = {}
    out = []
    for c in concerns:
        if c.body_id not in flows:
            body: Body = c.body
            flows[c.body_id] = (services.workflow(body),
                                int(services.body_settings(body)["sla"].get("due_soon_days") or 0))
        flow, soon = flows[c.body_id]
        state = flow.states.get(c.state)
        is_open = state is not None and not state.terminal
        clock = rules.clock_status(c.due_on, today, open_item=bool(state and state.clock), due_soon_days=soon)
        created = timezone.localtime(c.created_at).date()
        out.append(Tagged(
            number=c.number, title=c.title, state=state.label("zh" if zh else "en") if state else c.state,
            open=is_open, solved=bool(state and state.solved),
            department=c.department.name if c.department_id and c.department else "", due_on=c.due_on,
            overdue_days=rules.days_overdue(c.due_on, today) if clock == "overdue" and c.due_on else None,
            created_on=created, open_days=(today - created).days, url=_public_url(c.number),
            school_code=c.school.code if c.school_id and c.school else ""))
    return out


def _concerns_of(**where: Any) -> list[Concern]:
    return list(public_concerns().filter(**where).select_related("body", "department", "school")
                .order_by("created_at", "id"))


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    """The concerns tagged to ``school``; no panel when there are none."""
    items = _tagged(_concerns_of(school=school), timezone.localdate())
    if not items:
        return None
    items.sort(key=lambda t: (not t.open, t.overdue_days is None, -(t.overdue_days or 0),
                              -t.created_on.toordinal()))
    return extensions.Panel("consultation_school", "consultation/panels/school.html", {
        "items": items[:SCHOOL_LIST_LIMIT], "more": max(0, len(items) - SCHOOL_LIST_LIMIT),
        "n_open": sum(t.open for t in items), "n_solved": sum(t.solved for t in items),
        "n_overdue": sum(t.overdue_days is not None for t in items), "n_all": len(items),
    })


def open_by_school(district: Any) -> dict[str, dict[str, Any]]:
    """School code -> {school, open, overdue, oldest} over the open concerns tagged to the
    district's schools."""
    rows: dict[str, dict[str, Any]] = {}
    concerns = _concerns_of(school__district=district)
    for c, t in zip(concerns, _tagged(concerns, timezone.localdate()), strict=True):
        if not t.open:
            continue
        row = rows.setdefault(t.school_code, {"school": c.school, "open": 0, "overdue": 0, "oldest": 0})
        row["open"] += 1
        row["overdue"] += t.overdue_days is not None
        row["oldest"] = max(row["oldest"], t.open_days)
    return rows


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    """Open concerns by school of ``district``; no panel when none is open."""
    rows = sorted(open_by_school(district).values(), key=lambda r: (-r["overdue"], -r["open"], r["school"].code))
    if not rows:
        return None
    return extensions.Panel("consultation_district", "consultation/panels/district.html", {
        "rows": rows, "n_open": sum(r["open"] for r in rows), "n_overdue": sum(r["overdue"] for r in rows),
    })


def rectification_notes(request: Any, district: Any, school_codes: list[str]) -> dict[str, str]:
    """"群众反映：未办结2件（逾期1件）" for each listed school with open concerns."""
    wanted = set(school_codes)
    notes = {}
    for code, row in open_by_school(district).items():
        if code not in wanted:
            continue
        if _zh():
            note = f"群众反映：未办结{row['open']}件" + (f"（逾期{row['overdue']}件）" if row["overdue"] else "")
        else:
            note = (f"Residents' concerns: {row['open']} open"
                    + (f" ({row['overdue']} overdue)" if row["overdue"] else ""))
        notes[code] = note
    return notes


def register() -> None:
    extensions.register_school_panel(school_panel)
    extensions.register_district_panel(district_panel)
    extensions.register_rectification_notes(rectification_notes)


register()
