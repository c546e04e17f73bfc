"""Findings of the bureau's walk of the vocational centre: the share's numbers can be checked on
screen (the teacher list filters to exactly the full-time teachers in post and to those of them
double-qualified, and the card links there); the per-year table shows every year with records;
the "a major counts once" rule is said beside the pilot figure and the overview's pilot link opens
the pilot majors only; a staff number not in the teachers' register is said after saving."""

from __future__ import annotations

import datetime as dt
import html
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from tests.web.programmes.pworld import PWorld
from tests.web.programmes.test_vocational_pages import client, jpeg_with_gps
from youjun.web.apps.platform import extensions
from youjun.web.apps.vocational import services
from youjun.web.apps.vocational.models import Centre, VocTeacher


def _centre(w: PWorld) -> Centre:
    return services.create_centre(None, w.base.a, name="永川区职业教育中心", school=w.wf.a1)


def _recognise(t: VocTeacher, on: dt.date) -> None:
    services.recognise(None, t, recognised_on=on, level="junior", basis="qualification",
                       upload=SimpleUploadedFile("a.jpg", jpeg_with_gps()))


def _total(page: str) -> str:
    m = re.search(r'data-testid="list-total">([^<]*)<', page)
    assert m, page[:3000]
    return m.group(1)


def test_the_share_card_links_to_exactly_the_teachers_it_counts(pworld: PWorld) -> None:
    w = pworld
    c = _centre(w)
    joined = dt.date(2018, 9, 1)
    staff = [services.add_teacher(None, c, name=f"专任{i}", subject="电子商务", joined=joined) for i in range(4)]
    services.add_teacher(None, c, name="兼职甲", subject="电子商务", full_time=False, joined=joined)
    gone = services.add_teacher(None, c, name="离开乙", subject="电子商务", joined=joined)
    VocTeacher.objects.filter(pk=gone.pk).update(left=dt.date(2023, 7, 1))
    for t in staff[:3]:
        _recognise(t, dt.date(2022, 5, 1))
    _recognise(gone, dt.date(2020, 5, 1))
    bureau = client(w, "bureau")
    page = bureau.get(reverse("vocational:centre", args=[c.pk])).content.decode()
    assert 'data-testid="dq-percent">75.0%<' in page
    links = dict(re.findall(r'href="([^"]+)" data-testid="dq-(num|den)-link"', page)[::1])
    by = {v: html.unescape(k) for k, v in links.items()}
    assert set(by) == {"num", "den"}, page
    den = bureau.get(by["den"]).content.decode()
    num = bureau.get(by["num"]).content.decode()
    assert _total(den) == "4 人" and _total(num) == "3 人"
    assert "兼职甲" not in den and "离开乙" not in den and "专任3" in den
    assert "专任3" not in num and "专任0" in num
    # the other filters a bureau asks for
    teachers = reverse("vocational:teachers", args=[c.pk])
    assert _total(bureau.get(teachers).content.decode()) == "6 人"
    part = bureau.get(teachers + "?status=part_time").content.decode()
    assert _total(part) == "1 人" and "兼职甲" in part
    out = bureau.get(teachers + "?status=not_in_post").content.decode()
    assert _total(out) == "1 人" and "离开乙" in out
    assert 'name="status"' in bureau.get(teachers).content.decode()
    # the overview's figure opens the same list at its own date
    request = type("R", (), {"user": w.user("bureau")})()
    year = timezone.localdate().year - 1
    with translation.override("zh-hans"):
        figs = {f.key: f for f in extensions.district_figures(request, w.base.a, year, year)}
    fig = figs["vocational_double_qualified_share"]
    assert "status=staff" in fig.url and f"on={year}-12-31" in fig.url
    assert _total(bureau.get(fig.url).content.decode()) == "4 人"


def test_the_per_year_table_shows_every_year_with_records(pworld: PWorld) -> None:
    w = pworld
    c = _centre(w)
    for i, year in enumerate((2019, 2020, 2021, 2022, 2023, 2024, 2025)):
        t = services.add_teacher(None, c, name=f"教师{i}", subject="数控", joined=dt.date(2018, 9, 1))
        _recognise(t, dt.date(year, 6, 1))
    page = client(w, "bureau").get(reverse("vocational:centre", args=[c.pk])).content.decode()
    table = page.split('data-testid="per-year"', 1)[1].split("</table>", 1)[0]
    for year in (2019, 2020, 2021, 2025):
        assert f"{year}年" in table


def test_a_major_counts_once_is_said_and_the_pilot_link_opens_pilot_majors_only(pworld: PWorld) -> None:
    w = pworld
    c = _centre(w)
    m = services.add_major(None, c, code="730701", name="电子商务", started=2016)
    services.add_pilot(None, m, certificate="网店运营推广", level="junior", awarding_org="某公司", from_year=2021)
    services.add_pilot(None, m, certificate="直播电商", level="middle", awarding_org="某公司", from_year=2021)
    services.add_major(None, c, code="700601", name="汽车运用与维修", started=2016)
    bureau = client(w, "bureau")
    page = bureau.get(reverse("vocational:centre", args=[c.pk])).content.decode()
    card = page.split('data-testid="pilot-majors"', 1)[1].split("</section>", 1)[0]
    assert "一个专业只计一次" in card
    link = re.search(r'href="([^"]+)" data-testid="pilot-majors-link"', page)
    assert link, page
    listed = bureau.get(html.unescape(link.group(1))).content.decode()
    assert "电子商务" in listed and "汽车运用与维修" not in listed and _total(listed) == "1 个"
    request = type("R", (), {"user": w.user("bureau")})()
    year = timezone.localdate().year - 1
    with translation.override("zh-hans"):
        figs = {f.key: f for f in extensions.district_figures(request, w.base.a, year, year)}
    listed = bureau.get(figs["vocational_certificate_pilots"].url).content.decode()
    assert "电子商务" in listed and "汽车运用与维修" not in listed
    assert "汽车运用与维修" in bureau.get(reverse("vocational:majors", args=[c.pk])).content.decode()


def test_a_staff_number_not_in_the_register_is_said_after_saving(pworld: PWorld) -> None:
    w = pworld
    c = _centre(w)
    officer = client(w, "officer")
    r = officer.post(reverse("vocational:teachers", args=[c.pk]), {
        "name": "欧阳一", "subject": "计算机应用", "full_time": "on", "staff_id": "NO-SUCH-9"}, follow=True)
    page = r.content.decode()
    assert r.status_code == 200 and VocTeacher.objects.filter(centre=c, name="欧阳一").exists()
    assert "NO-SUCH-9" in page and "未关联" in page
