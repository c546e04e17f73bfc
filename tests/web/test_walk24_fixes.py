"""What a provincial statistician found walking the web app (walk 24): the growth, training and
studio pages and the district page's party, brand, clean-school and course panels printed 0 for
empty registers; the groups page showed the register's groups as "0 所 / 0 人 … 否" without saying
why; the workforce dashboard's pupils differed from the school register without saying they are the
compulsory sections only; the province table said 学段 for a school section; its CV chart named
R1–R7 nowhere. Each checked through the real views and templates."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.web import hygiene
from tests.web.pages import client, get
from tests.web.sample_runs import make_run, s_result
from tests.web.workforce.wfworld import WFWorld
from tests.web.world import A, World
from youjun.core.labels import INDICATOR_LABELS
from youjun.web.apps.groups import selectors as group_selectors
from youjun.web.apps.groups import services as group_services
from youjun.web.apps.platform.models import EducationGroup
from youjun.web.apps.workforce.studios.models import Studio

pytestmark = pytest.mark.django_db

ZERO_PEOPLE = re.compile(r"(?<![\d,.])0 人")


def _says_the_register_is_empty(world: World, html: str, *, bureau: bool) -> None:
    text = hygiene.shown_text(html)
    assert 'data-testid="register-empty"' in html and "暂无教师名册记录" in text and "不是 0" in text
    uploaded = int(world.snapshots[A].rows["teachers"])
    assert f"上传数据中有专任教师 {uploaded:,} 人" in text
    assert (f'href="/workforce/d/{A}/import/"' in html) is bureau  # where the register is filled


# -- 1. empty registers: 暂无记录, never 0 ----------------------------------------------------------

def test_growth_stages_with_an_empty_register_say_no_records_not_zero(world: World) -> None:
    html = get(client(world.users["bureau"]), f"/workforce/growth/d/{A}/")
    text = hygiene.shown_text(html)
    _says_the_register_is_empty(world, html, bureau=True)
    assert 'data-testid="stage-counts-empty"' in html and "暂无记录" in text
    assert 'data-testid="by-school"' not in html and 'data-testid="stage-counts"' not in html
    assert not ZERO_PEOPLE.search(text), text
    _says_the_register_is_empty(world, get(client(world.users["inspector"]), f"/workforce/growth/d/{A}/"),
                                bureau=False)
    school = get(client(world.users["bureau"]), f"/workforce/growth/s/{A}0001/")
    assert 'data-testid="register-empty"' in school and not ZERO_PEOPLE.search(hygiene.shown_text(school))


def test_growth_stages_with_a_register_count_per_school(wfworld: WFWorld) -> None:
    html = get(client(wfworld.user("bureau")), f"/workforce/growth/d/{A}/")
    assert 'data-testid="register-empty"' not in html
    assert 'data-testid="by-school"' in html and 'data-testid="stage-counts"' in html


def test_training_tiles_with_an_empty_register_say_no_records(world: World) -> None:
    html = get(client(world.users["bureau"]), f"/workforce/training/d/{A}/")
    text = hygiene.shown_text(html)
    _says_the_register_is_empty(world, html, bureau=True)
    assert 'data-testid="sum-empty"' in html and 'data-testid="sum-teachers"' not in html
    assert not ZERO_PEOPLE.search(text), text
    school = get(client(world.users["bureau"]), f"/workforce/training/s/{A}0001/")
    assert 'data-testid="sum-empty"' in school and not ZERO_PEOPLE.search(hygiene.shown_text(school))
    # nor a list of 0 teachers under it (walk 27: "共 0 名教师……没有符合条件的教师")
    assert 'data-testid="training-rows"' not in html and "No teacher matches" not in html
    assert "没有符合条件的教师" not in text


def test_training_tiles_with_a_register_count_teachers(wfworld: WFWorld) -> None:
    html = get(client(wfworld.user("bureau")), f"/workforce/training/d/{A}/")
    assert 'data-testid="sum-teachers"' in html and 'data-testid="sum-empty"' not in html


def test_studio_tiles_without_any_studio_say_no_records(world: World) -> None:
    assert not Studio.objects.filter(district=world.a).exists()
    html = get(client(world.users["bureau"]), f"/workforce/studios/d/{A}/")
    text = hygiene.shown_text(html)
    assert 'data-testid="studio-counts-empty"' in html and 'data-testid="studio-counts"' not in html
    assert "暂无记录" in text and not re.search(r"(?<![\d,.])0 (个|人)", text), text


@pytest.mark.parametrize("testid", ["party-panel-empty", "party-brands-panel-empty", "integrity-panel-empty",
                                    "courses-panel-empty"])
def test_district_panels_of_empty_registers_say_no_records(world: World, testid: str) -> None:
    html = get(client(world.users["bureau"]), f"/d/{A}/")
    assert f'data-testid="{testid}"' in html
    text = hygiene.shown_text(html)
    for zero in ("学校党组织 0 个", "党建品牌 0 个", "清廉学校活动 0 次", "0 所学校开设校本课程"):
        assert zero not in text, zero


# -- 2. the groups of the school register ----------------------------------------------------------

def test_register_groups_without_members_are_explained_and_have_no_quality_verdict(world: World) -> None:
    a = world.a
    group = EducationGroup.objects.get(district=a, name="红旗教育集团")
    assert group.schools.count() == 2  # named in the uploaded register, no dated membership yet
    # the schools of the register's groups are offered for adoption (a school without any
    # membership was dropped by the count before)
    assert group_selectors.unadopted(a) == 2
    html = get(client(world.users["bureau"]), f"/groups/district/{A}/")
    text = hygiene.shown_text(html)
    note = html.index('data-testid="groups-from-register"')
    assert note < html.index('data-testid="groups-table"')
    assert "来自上传的学校名册" in text and "尚未登记其成员学校" in text
    assert 'data-testid="adopt-form"' in html
    row = html.split('data-testid="group-row"', 1)[1].split("</tr>", 1)[0]
    cells = hygiene.shown_text(row)
    assert "学校名册中 2 所" in cells and "0 所" not in cells and "0 人" not in cells
    assert 'data-testid="quality-no-lead"' in row and "否" not in cells  # no lead school: —, not 否
    # the register's two schools are not listed as "in no group" (walk 27): their membership is pending
    in_register = {s.name for s in group.schools.all()}
    outside = html.split('data-testid="outside"', 1)[1].split("</p>", 1)[0] if 'data-testid="outside"' in html else ""
    assert not any(name in outside for name in in_register)
    pending = html.split('data-testid="unrecorded"', 1)[1].split("</p>", 1)[0]
    assert all(name in pending for name in in_register) and "尚未登记成员关系" in text
    # once adopted, the group has its members and the note goes
    group_services.adopt_register(None, a, dt.date(2024, 9, 1))
    html = get(client(world.users["bureau"]), f"/groups/district/{A}/")
    assert 'data-testid="groups-from-register"' not in html and group_selectors.unadopted(a) == 0


# -- 3. the dashboard's pupils are the compulsory sections' ---------------------------------------

def test_dashboard_school_table_says_its_pupils_are_compulsory_only(world: World) -> None:
    html = get(client(world.users["bureau"]), f"/workforce/d/{A}/dashboard/")
    head = html.split('data-testid="wf-pupils-head"', 1)[1].split("</th>", 1)[0]
    assert "义务教育阶段在校生数" in head
    note = hygiene.shown_text(html.split('data-testid="wf-pupils-note"', 1)[1].split("</p>", 1)[0])
    assert "完全中学" in note and "十二年一贯制" in note


# -- 4. and 5. the province page -------------------------------------------------------------------

def test_province_reasons_say_school_sections(world: World) -> None:
    make_run(world, s_result())
    html = get(client(world.users["inspector"]), "/p/500000/")
    row = hygiene.shown_text(html.split(f'data-testid="province-why-{A}">', 1)[1].split("</td>", 1)[0])
    assert re.search(r"\d+ 个学校学段未达标", row) and not re.search(r"\d+ 个学段未达标", row), row


def test_province_cv_chart_names_its_codes_under_it(world: World) -> None:
    make_run(world, s_result())
    html = get(client(world.users["inspector"]), "/p/500000/")
    key = html.split('data-testid="cv-key-1"', 1)[1].split("</table>", 1)[0]
    text = hygiene.shown_text(key)
    r1 = INDICATOR_LABELS["r1_qualified_teachers_per100"][0]
    assert "R1" in text and r1 in text, text
    assert re.search(r"R1\s+" + re.escape(r1) + r"\s+\d\.\d{2}", text), text
