"""The seeded Rongchang demo year: the source page's scale emerges from the records, the same
seed gives the same records, and every item's path went through the services (events, audit)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Count, Q

from tests.web.world import World
from youjun.web.apps.consultation import demo
from youjun.web.apps.consultation.models import (
    Attendee,
    Body,
    Concern,
    Event,
    Meeting,
    Participant,
    Rating,
    Studio,
)
from youjun.web.apps.platform.models import AuditEvent, User


def _within(value: int, target: int, share: float = 0.05) -> bool:
    return abs(value - target) <= target * share


def _counted(body: Body) -> dict[str, Any]:
    """The figures counted here from the database, independently of demo.figures."""
    meetings = Meeting.objects.filter(body=body, held_on__year=2025)
    items = Concern.objects.filter(body=body)
    return {
        "activities": meetings.count(),
        "participants": Attendee.objects.filter(meeting__in=meetings).count(),
        "solved": items.filter(state="closed").count(),
        "members": Participant.objects.filter(body=body, kind="member").count(),
        "studios": Studio.objects.filter(body=body).count(),
        "joint": items.annotate(n=Count("joint_bodies")).filter(n__gt=0).count(),
        "venues": sorted(set(meetings.values_list("venue", flat=True))),
        "numbers": list(items.order_by("number").values_list("number", "state", "title", "town")),
        "events": Event.objects.filter(concern__body=body).count(),
    }


@pytest.fixture
def seeded(world: World) -> demo.DemoResult:
    return demo.seed_demo(2025, seed=7, district=world.a)


def test_the_source_pages_scale_emerges_from_the_records(seeded: demo.DemoResult, world: World) -> None:
    body = seeded.body
    got = _counted(body)
    assert _within(got["activities"], 215), got["activities"]
    assert _within(got["participants"], 1970), got["participants"]
    assert _within(got["solved"], 240), got["solved"]
    assert got["members"] == 295
    assert got["studios"] == 11
    assert got["joint"] == 26
    assert got["venues"] == ["courtyard", "cross_border", "salon", "studio"]
    # the module's own figures say the same
    f = demo.figures(body, 2025)
    assert (f["activities"], f["participants"], f["solved"], f["members"], f["studios"], f["joint_items"]) == (
        got["activities"], got["participants"], got["solved"], 295, 11, 26)
    # the neighbours across the border own the joint items too, and have their prefixes
    assert set(Body.objects.values_list("number_prefix", flat=True)) >= {"RC", "NJ", "LZ"}
    nj = Body.objects.get(number_prefix="NJ")
    assert Concern.objects.filter(joint_bodies=nj).count() > 0
    assert body.district == world.a


def test_every_step_has_its_event_and_audit_row_and_the_year_has_every_fate(seeded: demo.DemoResult) -> None:
    body = seeded.body
    items = Concern.objects.filter(body=body)
    states = set(items.values_list("state", flat=True))
    assert {"raised", "selected", "investigating", "assigned", "in_progress", "answered", "closed", "merged",
            "declined"} <= states
    assert items.filter(state="closed", reopen_count__gt=0).exists()  # reopened, then closed
    assert items.filter(state="in_progress", reopen_count__gt=0).exists()  # reopened, still open
    assert items.filter(kind="opinion", parent__isnull=False).count() >= 10
    # every item's history starts with its raising, on the day it was raised (the replayed clock)
    for c in items.filter(pk__in=items.values("pk")[:50]):
        first = c.events.first()
        assert first is not None and first.action == "raise" and first.at == c.created_at
    assert all(c.created_at.year == 2025 for c in items)
    assert not Event.objects.filter(concern__body=body).exclude(at__year=2025).exists()
    # closed items went through assignment, an answer and a rating
    closed = items.filter(state="closed").first()
    assert closed is not None
    assert {"raise", "assign", "answer", "rate", "close"} <= set(closed.events.values_list("action", flat=True))
    assert Rating.objects.filter(concern__body=body).count() >= 200
    for action in ("consultation_raise", "consultation_assign", "consultation_answer", "consultation_close",
                   "consultation_rate", "consultation_merge", "consultation_decline"):
        assert AuditEvent.objects.filter(action=action).exists(), action
    # overdue at some point: answered after the deadline
    late = items.filter(answered_at__isnull=False, due_on__isnull=False)
    assert any(c.answered_at.date() > c.due_on for c in late)
    # concerns tagged to the district's schools, some with an indicator
    tagged = items.filter(school__district=body.district)
    assert tagged.exists() and tagged.exclude(indicator="").exists()
    assert tagged.filter(~Q(state__in=("closed", "merged", "declined"))).exists()


def test_the_demo_accounts_have_their_roles(seeded: demo.DemoResult) -> None:
    assert [a[0] for a in seeded.accounts] == ["cppcc", "member", "edu-dept", "town-dept", "resident"]
    assert [a[1] for a in seeded.accounts] == ["consult_staff", "consult_member", "consult_dept",
                                               "consult_dept", "resident"]
    for username, kind in (("cppcc", "staff"), ("member", "member"), ("edu-dept", "department"),
                           ("town-dept", "department")):
        assert Participant.objects.filter(user__username=username, kind=kind).exists(), username
    assert User.objects.get(username="cppcc").check_password(demo.DEMO_PASSWORD)
    resident = User.objects.get(username="resident")
    assert not Participant.objects.filter(user=resident).exists()
    mine = Concern.objects.filter(raised_by=resident)
    assert mine.count() >= 4 and mine.filter(state="closed").exists() and mine.exclude(state="closed").exists()
    assert Participant.objects.get(user__username="edu-dept").department.name == "荣昌区教育委员会"
    assert Participant.objects.get(user__username="town-dept").department.name == "昌元街道办事处"


def test_seeding_again_leaves_the_demo_as_it_is(seeded: demo.DemoResult) -> None:
    before = _counted(seeded.body)
    again = demo.seed_demo(2025, seed=7)
    assert not again.created and again.accounts == seeded.accounts
    assert _counted(seeded.body) == before


def test_the_same_seed_gives_the_same_year(world: World) -> None:
    first = demo.seed_demo(2025, seed=7, district=world.a)
    got = _counted(first.body)
    # remove the first year (bodies are protected by their items and meetings) and seed it again
    Concern.objects.all().delete()
    Meeting.objects.all().delete()
    Body.objects.all().delete()
    User.objects.filter(Q(username__startswith="cdemo-") | Q(username__in=[a[0] for a in first.accounts])).delete()
    second = demo.seed_demo(2025, seed=7, district=world.a)
    assert second.created
    assert _counted(second.body) | {"events": 0} == got | {"events": 0}
    assert _counted(second.body)["events"] == got["events"]


def test_the_command_seeds_the_sample_district_and_the_bureau_gets_a_survey(world: World) -> None:
    import io

    from django.core.management import call_command
    from django.core.management.base import CommandError


    out = io.StringIO()
    call_command("consultation_demo", "--year", "2025", stdout=out)
    text = out.getvalue()
    assert "215 场协商活动" in text and "cppcc" in text and "resident" in text
    assert Body.objects.get(code="rongchang").district == world.a  # the test world holds no 荣昌区
    survey = demo.seed_survey(world.a, world.users["bureau"], "2025-2026")
    assert survey.status == "draft" and survey.questions.count() > 0 and survey.created_by == world.users["bureau"]
    assert demo.seed_survey(world.a, world.users["bureau"], "2025-2026") == survey  # not twice
    with pytest.raises(CommandError, match="2099"):
        Body.objects.filter(code="rongchang").update(code="rc-old")
        call_command("consultation_demo", "--year", "2099", stdout=io.StringIO())
