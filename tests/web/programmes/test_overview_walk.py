"""What the bureau's walk found on the overview: the year boxes come prefilled as plain years
(never "2,021") and submit cleanly; a project whose free-text school name is a registered
school's name is that school (linked by the form and the import, counted once by the figure
and the ledger); the demo's new schools never carry a registered school's name; the overview's
own year ranges use one dash; the groups' stock basis says it is counted as of today."""

from __future__ import annotations

import datetime as dt
import random
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.programmes.pworld import PWorld
from tests.web.programmes.test_overview_works import _row, _upload, _xlsx
from youjun.core.overview import default_range
from youjun.web.apps.overview import demo, selectors
from youjun.web.apps.overview.models import SchoolWork
from youjun.web.apps.platform.models import School

pytestmark = pytest.mark.django_db


def _client(w: PWorld, name: str = "bureau") -> Client:
    c = Client()
    c.force_login(w.user(name))
    c.cookies["youjun_language"] = "zh"
    return c


def _value(html: str, testid: str) -> str:
    m = re.search(rf'<input[^>]*value="([^"]*)"[^>]*data-testid="{testid}"', html)
    assert m, testid
    return m.group(1)


def test_the_default_year_boxes_hold_plain_years_and_submit_as_they_are(pworld: PWorld) -> None:
    c = _client(pworld)
    url = reverse("overview:district", args=[pworld.base.a.code])
    html = c.get(url).content.decode()
    years = default_range(timezone.localdate())
    first, last = _value(html, "range-from"), _value(html, "range-to")
    assert (first, last) == (str(years.first), str(years.last))
    r = c.get(url, {"from": first, "to": last})  # 显示 pressed without editing
    assert r.status_code == 200 and "E1335" not in r.content.decode()
    # a work's page links back to the works of its year, the year written plainly
    SchoolWork.objects.create(district=pworld.base.a, school=pworld.wf.a1, kind="enlarged", project="操场",
                              completed=dt.date(2023, 5, 1))
    page = c.get(reverse("overview:work", args=[SchoolWork.objects.get().pk])).content.decode()
    assert "from=2023&amp;to=2023" in page and "2,023" not in page


def _work(w: PWorld, **kw: object) -> SchoolWork:
    base = {"district": w.base.a, "kind": "enlarged", "project": "工程", "completed": dt.date(2022, 6, 1),
            "seats_added": 100}
    return SchoolWork.objects.create(**{**base, **kw})


def test_two_projects_at_one_school_count_one_school(pworld: PWorld) -> None:
    a1 = pworld.wf.a1
    _work(pworld, school=a1, project="改扩建工程")
    _work(pworld, new_school_name=a1.name, kind="new", project="新建工程")  # filed under the name only
    _work(pworld, new_school_name="永川区未来小学", kind="new", project="未来小学新建工程")
    t = selectors.totals(pworld.base.a, 2019, 2023)
    assert (t.works, t.schools) == (3, 2)
    c = _client(pworld)
    a = pworld.base.a.code
    page = c.get(reverse("overview:district", args=[a]), {"from": "2019", "to": "2023"}).content.decode()
    card = page.split('data-testid="figure-schools_built_or_enlarged"')[1].split("</div>")[0]
    assert 'data-testid="figure-value">2<' in card and "共 3 个项目" in card
    ledger = c.get(reverse("overview:works", args=[a]), {"from": "2019", "to": "2023"}).content.decode()
    assert "涉及学校 2 所" in ledger


def test_the_form_links_a_new_school_name_that_is_a_registered_school(pworld: PWorld) -> None:
    c = _client(pworld)
    a2 = pworld.wf.a2
    r = c.post(reverse("overview:work_add", args=[pworld.base.a.code]), {
        "school": "", "new_school_name": f" {a2.name} ", "kind": "new", "project": "新校区", "seats_added": "0",
        "land_m2": "0", "floor_m2": "0", "teacher_flats": "0", "investment": "0"})
    assert r.status_code == 302
    work = SchoolWork.objects.get(project="新校区")
    assert work.school == a2 and work.new_school_name == ""


def test_the_import_links_a_new_school_name_that_is_a_registered_school(pworld: PWorld) -> None:
    c = _client(pworld)
    a2 = pworld.wf.a2
    row = _row(**{"学校标识码": "", "新建学校名称": a2.name, "建设类型": "新建", "项目名称": "新校区"})
    r = _upload(c, pworld, _xlsx([row]))
    assert r.status_code == 200, r.content.decode()
    assert c.post(reverse("overview:works_import_confirm", args=[pworld.base.a.code])).status_code == 302
    work = SchoolWork.objects.get(project="新校区")
    assert work.school == a2 and work.new_school_name == ""


def test_the_demo_gives_128_distinct_schools_none_named_as_a_registered_one(pworld: PWorld) -> None:
    a = pworld.base.a
    for i, name in enumerate(("永川区青峰小学", "永川区卫星湖小学", "永川区凤凰湖中学")):
        School.objects.create(district=a, code=f"50011832{i:02d}", name=name, school_type="primary")
    demo.seed(a, today=dt.date(2026, 12, 1), rng=random.Random(7))
    registered = set(School.objects.filter(district=a).values_list("name", flat=True))
    new_names = set(SchoolWork.objects.filter(district=a, school__isnull=True).values_list("new_school_name",
                                                                                           flat=True))
    assert new_names and not new_names & registered
    t = selectors.totals(a, 2019, 2023)
    assert (t.works, t.schools, t.seats, t.investment) == (128, 128, 38_000, Decimal(319_600))


def test_the_overviews_own_year_ranges_use_one_dash(pworld: PWorld) -> None:
    demo.seed(pworld.base.a, today=dt.date(2026, 12, 1), rng=random.Random(7))
    c = _client(pworld)
    url = reverse("overview:district", args=[pworld.base.a.code])
    html = c.get(url, {"from": "2019", "to": "2023"}).content.decode()
    ours = html.split('data-testid="section-workforce"')[0]  # the heading and the facilities' words
    assert "2019–2023" in ours and "2019—2023" not in ours
    bad = c.get(url, {"from": "2024", "to": "2020"}).content.decode()
    assert "2024–2020" in bad and "2024—2020" not in bad


def test_the_groups_stock_says_it_is_counted_as_of_today(pworld: PWorld) -> None:
    from youjun.web.apps.groups import figures
    from youjun.web.apps.groups.models import GroupMembership
    from youjun.web.apps.platform.models import EducationGroup

    group = EducationGroup.objects.create(district=pworld.base.a, name="永川区第一教育集团")
    GroupMembership.objects.create(group=group, school=pworld.wf.a1, role="lead", start=dt.date(2020, 9, 1))
    GroupMembership.objects.create(group=group, school=pworld.wf.a2, start=dt.date(2020, 9, 1))

    class Req:
        user = pworld.user("bureau")

    out = figures.figures(Req(), pworld.base.a, 2019, 2020)
    assert out
    for f in out:
        assert "按今天（" in f.basis and "集团成员关系的历史不改变此数" in f.basis, f.basis
