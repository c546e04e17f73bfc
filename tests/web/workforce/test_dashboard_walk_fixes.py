"""The bureau's walk of the workforce dashboard (findings 1–3, 5–7, 9): the pages rendered through
the real views say what each figure counts, in which period, with which unit, and link to it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.groups import services as group_services
from youjun.web.apps.platform.models import EducationGroup, School
from youjun.web.apps.workforce import selectors
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.services import rotate

pytestmark = pytest.mark.django_db


def _client(w: WFWorld, role: str = "bureau") -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def _dash(w: WFWorld, figure: str = "", query: str = "") -> str:
    url = f"/workforce/d/{w.base.a.code}/dashboard/" + (f"{figure}/" if figure else "") + query
    resp = _client(w).get(url)
    assert resp.status_code == 200, url
    return resp.content.decode()


def test_roster_shows_the_platform_group_after_a_move(wfworld: WFWorld) -> None:
    """#1: the roster's group column is School.group, the one the move changes."""
    a = wfworld.base.a
    school = School.objects.get(code="5001180003")
    new = group_services.create_group(wfworld.user("bureau"), a, name="凤凰湖教育集团")
    group_services.move_school(wfworld.user("bureau"), school, new, start=dt.date(2025, 3, 1))
    html = _client(wfworld).get(f"/d/{a.code}/").content.decode()
    row = re.search(r'data-code="5001180003">(.*?)</tr>', html, re.S)
    assert row and "凤凰湖教育集团" in row.group(1)
    group_services.move_school(None, school, None, start=dt.date(2025, 9, 1))
    html = _client(wfworld).get(f"/d/{a.code}/").content.decode()
    row = re.search(r'data-code="5001180003">(.*?)</tr>', html, re.S)
    assert row and "凤凰湖教育集团" not in row.group(1)
    assert "凤凰湖教育集团" in str(EducationGroup.objects.filter(district=a).values_list("name", flat=True))


def test_rotation_records_say_which_way(wfworld: WFWorld) -> None:
    """#2: the drill-down's headers are 调出学校 / 调入学校 / 开始日期, each over what it holds."""
    rotate(None, wfworld.teachers["t2"], wfworld.a2, start=timezone.localdate())
    html = _dash(wfworld, "rotations")
    head = re.search(r"<thead>(.*?)</thead>", html, re.S)
    assert head
    headers = re.findall(r"<th>([^<]*)</th>", head.group(1))
    assert headers[2:5] == ["调出学校", "调入学校", "开始日期"], headers
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", html, re.S)
    assert row
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row.group(1))
    assert cells[2:4] == [wfworld.a1.name, wfworld.a2.name]


def test_key_teacher_figures_are_named_and_the_any_tier_count_shown(wfworld: WFWorld) -> None:
    """#3: the dashboard's r2 count and the school pages' any-tier count, both named, both shown."""
    html = _dash(wfworld)
    assert "县级及以上骨干教师（评估 R2“每百名学生拥有县级以上骨干教师数”口径）" in html
    today = timezone.localdate()
    school = wfworld.a1
    any_tier = selectors.filtered(Teacher.objects.filter(district=wfworld.base.a),
                                  selectors.Filters(school=school.code, key_tier="any"),
                                  today=today, names=True).count()
    cell = re.search(rf'data-testid="key-any-{school.code}">(.*?)</', html, re.S)
    assert cell and f">{any_tier}&nbsp;人" in cell.group(1)
    assert "骨干教师（任一类别）" in html
    assert f"school={school.code}&amp;key_tier=any" in html


def test_years_in_words_and_links_have_no_separator(wfworld: WFWorld) -> None:
    """#5: “2022 年及以后”, not “2,022”."""
    html = _dash(wfworld, "new_posts")
    since = timezone.localdate().year - 4
    assert f"{since} 年及以后" in html and f"{since:,}" not in html


def test_headline_words_units_and_periods(wfworld: WFWorld) -> None:
    """#6: new teachers in 人 with their years; rotations with their period and this year's."""
    today = timezone.localdate()
    rotate(None, wfworld.teachers["t2"], wfworld.a2, start=today)
    html = _dash(wfworld)
    new = re.search(r'data-testid="headline-new_posts">(.*?)</li>', html, re.S)
    assert new and "近 5 年新入编教师" in new.group(1) and "&nbsp;人" in new.group(1) and "个" not in new.group(1)
    rot = re.search(r'data-testid="headline-rotations">(.*?)</li>', html, re.S)
    assert rot
    assert re.search(r"\d{4}–\d{4} 年交流轮岗", rot.group(1)), rot.group(1)
    assert f"{today.year} 年 1 人次" in rot.group(1)


def test_training_headline_links_to_that_years_records(wfworld: WFWorld) -> None:
    """#6: the training figure's records are the attendances of its year, and the year is stated."""
    html = _dash(wfworld, "training", f"?year={timezone.localdate().year - 1}")
    assert "上一完整年度" in html or "本年度" in html


def test_school_table_wording_denominator_and_overstaffing(wfworld: WFWorld) -> None:
    """#7: one wording (达到或高于), the denominator shown, 超编 for a negative gap."""
    html = _dash(wfworld)
    table = re.search(r'data-testid="wf-schools">(.*?)</section>', html, re.S)
    assert table
    assert "达到或高于规定学历" in table.group(1) and ">高于规定学历" not in table.group(1)
    row = re.search(rf'data-testid="school-{wfworld.a1.code}">(.*?)</tr>', html, re.S)
    assert row and re.search(r"共 \d+ 人", row.group(1))
    assert "空编 -" not in html


def test_eligible_teachers_linked_from_the_dashboard(wfworld: WFWorld) -> None:
    """#9: the district list of teachers eligible to rotate, one link away."""
    html = _dash(wfworld)
    link = f"/workforce/d/{wfworld.base.a.code}/?eligible=on"
    assert link in html
    listed = _client(wfworld).get(link)
    assert listed.status_code == 200


def test_overstaffed_school_reads_as_over_not_negative_vacancy(wfworld: WFWorld) -> None:
    """#7: a school with more teachers on the establishment than approved posts reads 超编 N 个."""
    a, school = wfworld.base.a, wfworld.a1
    html = _dash(wfworld)
    quota = re.search(rf'data-testid="school-{school.code}">.*?<td class="num"[^>]*>([\d,]+)&nbsp;个', html, re.S)
    assert quota
    posts = Teacher.objects.filter(school=school, active=True, on_establishment=True).count()
    extra = int(quota.group(1).replace(",", "")) - posts + 2
    Teacher.objects.bulk_create([Teacher(district=a, staff_id=f"TX{i:05d}", school=school, section="primary")
                                 for i in range(extra)])
    row = re.search(rf'data-testid="school-{school.code}">(.*?)</tr>', _dash(wfworld), re.S)
    assert row and "超编 2 个" in row.group(1) and "空编 -" not in row.group(1)
