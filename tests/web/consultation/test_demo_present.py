"""The demo's present and its district: 荣昌区政协 serves the sample 荣昌区 (500153) with the
real streets and towns of 荣昌区, concerns are tagged to its schools in the schools' towns, and
~25 concerns raised in the last 60 days sit at every stage (on time, due soon, overdue, the demo
resident's own) while the reported year keeps its figures. Idempotent and deterministic."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.test import Client
from django.utils import timezone

from tests.web.world import World
from youjun.core import consultation as rules
from youjun.sample import generate_district
from youjun.web.apps.consultation import demo, services
from youjun.web.apps.consultation.models import Body, Concern, Meeting
from youjun.web.apps.platform.models import AuditEvent, District, Province, School, User
from youjun.web.apps.schools import services as school_services


def _rongchang() -> District:
    tables = demo.rongchang_tables(generate_district("M", 2023, 22, scale=0.5, school_year="2025-2026"))
    row = tables["districts"].iloc[0]
    province, _ = Province.objects.get_or_create(code=str(row["province_code"]),
                                                 defaults={"name": str(row["province_name"])})
    district = District.objects.create(code=str(row["district_code"]), name=str(row["district_name"]),
                                       province=province)
    school_services.store_snapshot(None, district, tables, source="sample M #22", note="test")
    return district


def _present(body: Body, today: dt.date) -> list[tuple[Any, ...]]:
    start = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=60), dt.time()))
    return list(Concern.objects.filter(body=body, created_at__gte=start).order_by("number").values_list(
        "number", "state", "title", "town", "due_on", "department__name", "raised_by__username"))


def test_the_sample_rongchang_has_the_real_towns() -> None:
    tables = demo.rongchang_tables(generate_district("M", 2023, 22, scale=0.5, school_year="2025-2026"))
    schools = tables["schools"]
    assert str(tables["districts"].iloc[0]["district_code"]) == "500153"
    assert set(schools["town"]) <= set(demo.TOWNS) and len(set(schools["town"])) >= 8
    assert set(schools["town"]) & set(demo.STREETS)  # streets stay streets
    assert schools["school_name"].is_unique
    # a school named after its town is named after its real town
    assert any(t.removesuffix("街道").removesuffix("镇") in n for n, t in zip(schools["school_name"], schools["town"],
                                                                       strict=True) if "中心小学" in n)
    again = demo.rongchang_tables(generate_district("M", 2023, 22, scale=0.5, school_year="2025-2026"))
    assert again["schools"].equals(schools)


def test_the_present_and_the_district(world: World) -> None:
    district = _rongchang()
    assert demo.demo_district() == district
    seeded = demo.seed_demo(2025, seed=7, district=district)
    body = seeded.body
    assert body.district == district
    year = demo.figures(body, 2025)
    # concerns tagged to 荣昌区's schools are in the schools' towns
    tagged = Concern.objects.filter(body=body, school__isnull=False).select_related("school")
    assert tagged.count() >= 10 and all(c.town == c.school.town for c in tagged)
    assert set(School.objects.filter(district=district).values_list("town", flat=True)) <= set(demo.TOWNS)

    today = timezone.localdate()
    result = demo.seed_present(body, today=today, seed=7)
    assert result.created and 20 <= result.items <= 30
    got = _present(body, today)
    assert len(got) == result.items
    # the reported year is left as it was
    assert demo.figures(body, 2025) == year
    # every stage, raised in the window, none in the future
    items = Concern.objects.filter(number__in=[g[0] for g in got])
    assert {"raised", "selected", "investigating", "consulted", "assigned", "in_progress", "answered",
            "closed"} <= set(items.values_list("state", flat=True))
    assert items.filter(reopen_count__gt=0).exists()
    now = timezone.now()
    assert all(now - dt.timedelta(days=61) <= c.created_at <= now for c in items)
    assert not AuditEvent.objects.filter(at__gt=now).exists()
    # on time, due soon and overdue by the body's own deadline settings
    sla = services.body_settings(body)["sla"]
    flow = services.workflow(body)
    clocks = [rules.clock_status(c.due_on, today, open_item=flow.states[c.state].clock,
                                 due_soon_days=int(sla["due_soon_days"])) for c in items]
    assert clocks.count("overdue") >= 3 and clocks.count("due_soon") >= 3 and clocks.count("on_time") >= 3, clocks
    # the demo resident has live items, the departments have live work
    resident = User.objects.get(username="resident")
    mine = items.filter(raised_by=resident)
    assert mine.count() >= 4 and mine.filter(state="answered").exists()
    assert items.filter(department__name="荣昌区教育委员会", state__in=("assigned", "in_progress")).exists()
    assert items.filter(department__name="昌元街道办事处", due_on__lt=today, state="in_progress").exists()
    assert Meeting.objects.filter(body=body, held_on__gt=today - dt.timedelta(days=60)).exists()

    # the pages: the resident's list, the work list and the overdue view show the present
    c = Client()
    c.force_login(resident)
    page = c.get("/consult/mine/").content.decode()
    assert sum(g[0] in page for g in got if g[6] == "resident") >= 4
    c.force_login(User.objects.get(username="town-dept"))
    overdue = c.get("/consult/work/overdue/").content.decode()
    assert any(g[0] in overdue for g in got if g[5] == "昌元街道办事处")

    # idempotent
    assert not demo.seed_present(body, today=today, seed=7).created
    assert _present(body, today) == got
    # deterministic given the seed and the day: remove the present and seed it again
    Concern.objects.filter(number__in=[g[0] for g in got]).delete()
    Meeting.objects.filter(body=body, held_on__gt=today - dt.timedelta(days=60)).delete()
    AuditEvent.objects.filter(action="consultation_demo_present").delete()
    assert demo.seed_present(body, today=today, seed=7).created
    assert [g[1:] for g in _present(body, today)] == [g[1:] for g in got]


def test_web_demo_wires_rongchang_its_bureau_and_the_survey(world: World) -> None:
    from youjun.cli import serve_cmd

    district = _rongchang()
    lines: list[str] = []
    accounts = serve_cmd._consultation_demo(district, lines.append)
    assert Body.objects.get(code="rongchang").district == district
    bureau = User.objects.get(username="rongchang-bureau")
    assert bureau.check_password(serve_cmd.DEMO_PASSWORD)
    from youjun.web.apps.platform import scoping
    assert scoping.can_manage_district(scoping.scope_of(bureau), district)
    from youjun.web.apps.consultation.models import Survey
    survey = Survey.objects.get(district=district)
    assert survey.created_by == bureau and survey.status == "draft"
    assert not Survey.objects.filter(~Q(district=district)).exists()  # not the bureau of 永川区
    assert "rongchang-bureau" in [a[0] for a in accounts]
    assert any("近60天" in line for line in lines)
