"""The workforce dashboard (issue 14 §7): every figure rendered through the real templates from
the records the import or the demo made, checked against counts queried here independently —
the r1 / r2 numerators against the engine's own per-teacher flags on the same workbook."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest
from django.test import Client
from django.utils import timezone

from tests.web.workforce.wfworld import SECRET_NAME, WFWorld
from tests.web.world import World
from youjun.core.params import LEVELS
from youjun.core.rules import load_ruleset
from youjun.core.schema import SECTION_GRADES
from youjun.plan.teacher_types import teacher_flags
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.schools.selectors import snapshot_tables
from youjun.web.apps.workforce import demo_scale
from youjun.web.apps.workforce.models import Assignment, Teacher
from youjun.web.apps.workforce.services import rotate


def _client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def _value(html: str, key: str) -> int:
    found = re.search(rf'data-testid="value-{key}">([\d,]+)<', html)
    assert found, f"no figure {key}"
    return int(found.group(1).replace(",", ""))


def _url(w: WFWorld, figure: str = "") -> str:
    code = w.base.a.code
    return f"/workforce/d/{code}/dashboard/" + (f"{figure}/" if figure else "")


def _engine_flags(w: WFWorld) -> pd.DataFrame:
    """The engine's r1/r2 flags per teacher of A's stored workbook (teacher_types, analytics rules)."""
    teachers = snapshot_tables(w.base.snapshots[w.base.a.code])["teachers"]
    params = load_ruleset("cn-2017", as_of=timezone.localdate())
    flags = teacher_flags(teachers, params)
    flags["school_code"] = teachers["school_code"].astype(str)
    flags["section"] = teachers["section"].astype(str)
    return flags[flags["section"].isin(LEVELS)]


@pytest.mark.django_db
def test_headline_and_sections_are_the_records_counted(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    today = timezone.localdate()
    # two new teachers on the establishment and one contract teacher who started this year
    ids = list(Teacher.objects.filter(district=a).order_by("staff_id").values_list("pk", flat=True)[:3])
    Teacher.objects.filter(pk__in=ids).update(started_teaching=today.year)
    Teacher.objects.filter(pk=ids[2]).update(on_establishment=False)
    rotate(None, wfworld.teachers["t2"], wfworld.a2, start=today)
    html = _client(wfworld, "bureau").get(_url(wfworld)).content.decode()

    active = Teacher.objects.filter(district=a, active=True)
    assert _value(html, "teachers") == active.count() > 0
    new = active.filter(on_establishment=True, started_teaching__gte=today.year)
    assert _value(html, "new_posts") == new.count() == 2
    rotations = Assignment.objects.filter(teacher__district=a, kind="rotation")
    assert _value(html, "rotations") == rotations.count() >= 1
    assert re.search(rf'data-testid="rot-{today.year}">.*?>{rotations.filter(start__year=today.year).count()}&nbsp;',
                     html, re.S)
    # posts against the approved quota of the stored schools table
    schools = snapshot_tables(wfworld.base.snapshots[a.code])["schools"]
    quota = int(schools["post_quota"].dropna().sum())
    posts = active.filter(on_establishment=True).count()
    assert quota and posts
    gap = re.search(r'data-testid="quota-gap">([^<]*)<', html)
    assert gap and gap.group(1) == (f"空编 {quota - posts:,} 个" if quota >= posts else f"超编 {posts - quota:,} 人")
    # qualification compliance: the engine's r1 numerator on the same workbook, section by section
    flags = _engine_flags(wfworld)
    for level in LEVELS:
        row = re.search(rf'data-testid="qual-{level}">(.*?)</tr>', html, re.S)
        assert row, level
        numbers = [int(n.replace(",", "")) for n in re.findall(r">([\d,]+)&nbsp;", row.group(1))]
        of_level = flags[flags["section"] == level]
        assert numbers == [len(of_level), int(of_level["qualified"].sum())]


@pytest.mark.django_db
def test_key_teachers_per_100_pupils_by_school_is_the_engines_r2(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    html = _client(wfworld, "analyst").get(_url(wfworld)).content.decode()
    flags = _engine_flags(wfworld)
    schools = snapshot_tables(wfworld.base.snapshots[a.code])["schools"]
    checked = 0
    for r in schools.to_dict("records"):
        pupils = sum(int(r[f"students_g{g}"]) for lv in LEVELS for g in SECTION_GRADES[lv]
                     if pd.notna(r.get(f"students_g{g}")))
        key = int(flags[flags["school_code"] == r["school_code"]]["key"].sum())
        cell = re.search(rf'data-testid="per100-{r["school_code"]}">([^<]*)<', html)
        assert cell, r["school_code"]
        expected = f"{key * 100 / pupils:.2f}" if pupils else "—"
        assert cell.group(1) == expected
        checked += key > 0
    assert checked, "no school with a key teacher: the test would prove nothing"


@pytest.mark.django_db
def test_records_behind_a_figure_are_the_ones_counted_and_names_masked(wfworld: WFWorld) -> None:
    a = wfworld.base.a
    bureau = _client(wfworld, "bureau").get(_url(wfworld, "key") + "?school=" + wfworld.a1.code).content.decode()
    analyst = _client(wfworld, "analyst").get(_url(wfworld, "key") + "?school=" + wfworld.a1.code).content.decode()
    flags = _engine_flags(wfworld)
    expected = int(flags[flags["school_code"] == wfworld.a1.code]["key"].sum())
    for html in (bureau, analyst):
        count = re.search(r'data-testid="record-count">\D*([\d,]+)', html)
        assert count and int(count.group(1)) == expected
        assert html.count("<tr>") - 1 == expected  # the header row and one row per record
    assert SECRET_NAME in bureau  # t1 is a key teacher of A0001
    assert SECRET_NAME not in analyst and SECRET_NAME[0] + "**" in analyst
    total = Teacher.objects.filter(district=a, active=True).count()
    listed = _client(wfworld, "bureau").get(_url(wfworld, "teachers")).content.decode()
    assert re.search(rf'data-testid="record-count">\D*{total}\D', listed)
    assert _client(wfworld, "bureau").get(_url(wfworld, "nonsense")).status_code == 404
    assert _client(wfworld, "bureau").get(_url(wfworld, "key") + "?school=" + wfworld.b1.code).status_code == 404


@pytest.mark.django_db
def test_parts_without_records_say_so(wfworld: WFWorld) -> None:
    """The world has no training attendance and no studio: those parts say so, the page renders."""
    html = _client(wfworld, "bureau").get(_url(wfworld)).content.decode()
    for part in ("wf-training", "wf-studios"):
        section = re.search(rf'data-testid="{part}">(.*?)</section>', html, re.S)
        assert section, part
        assert "暂无记录" in section.group(1) and "<table" not in section.group(1)
    for key in ("studios", "training"):
        assert re.search(rf'data-testid="headline-{key}">.*?暂无记录', html, re.S)


@pytest.mark.django_db
def test_demo_at_scale_renders_what_it_seeded(world: World) -> None:
    c = world.c  # 锦江区: no teachers yet
    today = timezone.localdate()
    scale = 0.02
    made = demo_scale.seed_district(c, world.snapshots[c.code], today=today, rng=random.Random(7), scale=scale,
                                    areas=False)
    assert made["teachers"] == round(demo_scale.TEACHERS * scale)
    assert made["rotations"] == round(demo_scale.ROTATIONS * scale)
    assert AuditEvent.objects.filter(action="workforce_demo_seed", district=c).count() == 1
    assert demo_scale.seed_district(c, world.snapshots[c.code], today=today, rng=random.Random(7)) == {"skipped": True}
    client = Client()
    client.force_login(world.users["admin"])
    html = client.get(f"/workforce/d/{c.code}/dashboard/").content.decode()
    teachers = Teacher.objects.filter(district=c, active=True)
    assert _value(html, "teachers") == teachers.count() == made["teachers"]
    assert _value(html, "rotations") == Assignment.objects.filter(teacher__district=c, kind="rotation").count()
    assert _value(html, "new_posts") == teachers.filter(on_establishment=True,
                                                         started_teaching__gte=today.year - 4).count()
    assert _value(html, "new_posts") == round(demo_scale.NEW_POSTS * scale)
    # every teacher has one open assignment, at the school the record says
    open_at = dict(Assignment.objects.filter(teacher__district=c, end__isnull=True)
                   .values_list("teacher_id", "school_id"))
    assert open_at == dict(teachers.values_list("pk", "school_id"))


@pytest.mark.django_db
def test_district_page_links_to_the_dashboard_for_its_readers(wfworld: WFWorld) -> None:
    from youjun.web.apps.workforce import dashboard as dash

    dash.register()  # as WorkforceConfig.ready does
    a = wfworld.base.a
    page = _client(wfworld, "analyst").get(f"/d/{a.code}/").content.decode()
    panel = re.search(r'data-testid="wf-dashboard-panel">(.*?)</section>', page, re.S)
    assert panel and _url(wfworld) in panel.group(1)
    assert f"在册教师 {Teacher.objects.filter(district=a, active=True).count()} 人" in panel.group(1)
    other = _client(wfworld, "bureau_b").get(f"/d/{wfworld.base.b.code}/").content.decode()
    assert f"/workforce/d/{a.code}/dashboard/" not in other


@pytest.mark.django_db
def test_district_page_says_when_the_registers_are_empty(world: World) -> None:
    """A district that uploaded its data but entered no teacher or group register: the panels
    say the registers are empty and where the assessment's figures come from, not "0 teachers"
    beside the assessment's teachers (a statistician's walk of the province runs)."""
    from youjun.web.apps.groups import links
    from youjun.web.apps.platform.models import EducationGroup, School
    from youjun.web.apps.workforce import dashboard as dash

    dash.register()
    links.register()
    School.objects.filter(district=world.a).update(group=None)  # first, no group named anywhere
    c = Client()
    c.force_login(world.users["bureau"])
    assert not Teacher.objects.filter(district=world.a).exists()
    page = c.get(f"/d/{world.a.code}/").content.decode()
    workforce = re.search(r'data-testid="wf-dashboard-panel">(.*?)</section>', page, re.S)
    groups = re.search(r'data-testid="groups-district-panel">(.*?)</section>', page, re.S)
    assert workforce and groups
    assert "教师名册中暂无记录" in workforce.group(1) and "上传数据中的教师" in workforce.group(1)
    assert "在册教师 0 人" not in workforce.group(1)
    assert "教育集团登记中暂无集团" in groups.group(1) and "共 0 个集团" not in groups.group(1)
    assert "panel-between" not in groups.group(1)

    # the school register names a group (from the uploaded data): the panel says so, not "no groups"
    named = EducationGroup.objects.create(district=world.a, name="凤凰湖小学教育集团")
    school = world.school(world.a)
    school.group = named
    school.save(update_fields=["group"])
    page = c.get(f"/d/{world.a.code}/").content.decode()
    groups = re.search(r'data-testid="groups-district-panel">(.*?)</section>', page, re.S)
    assert groups and "学校名册中填有 1 个教育集团" in groups.group(1)
    assert "暂无集团" not in groups.group(1)
