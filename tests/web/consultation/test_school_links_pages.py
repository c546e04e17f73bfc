"""Concerns tagged to schools on the schools app's pages and in the rectification list, rendered
through the real views and templates (the panels come through platform.extensions)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from tests.web.consultation.cworld import CWorld
from tests.web.sample_runs import visible_text
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.consultation import demo, services
from youjun.web.apps.consultation.models import Concern
from youjun.web.apps.platform.models import School

SECRET_NAME, SECRET_PHONE = "欧阳秘密", "13912345678"


def _client(cw: CWorld, name: str = "bureau") -> Client:
    c = Client()
    c.force_login(cw.base.users[name])
    return c


@pytest.fixture
def tagged(cworld: CWorld) -> dict[str, Concern]:
    """At school A0001: one overdue, one open on time, one closed; A0002 has none."""
    school = cworld.base.school(cworld.base.a)
    staff, member, edu = (cworld.users[n] for n in ("c_staff", "c_member", "c_edu"))
    late = services.raise_concern(member, cworld.rc, title="学校没有标准运动场", text="孩子们只能在水泥坝上体育课。",
                                  category="education", school=school, indicator="R5", channel="visit",
                                  on_behalf=True, consent_noted=True, raiser_name=SECRET_NAME,
                                  raiser_phone=SECRET_PHONE)
    services.assign(staff, late, cworld.edu, due_on=dt.date(2020, 3, 1))
    fresh = cworld.concern(title="校门口放学拥堵", category="education", school=school)
    services.assign(staff, fresh, cworld.edu)
    done = cworld.concern(title="教学仪器老化", category="education", school=school, indicator="R6")
    services.assign(staff, done, cworld.edu)
    services.answer(edu, done, "已更新仪器。")
    services.close(staff, done)
    hidden = cworld.concern(title="被隐藏的反映", category="education", school=school)
    Concern.objects.filter(pk=hidden.pk).update(hidden=True)
    return {"late": late, "fresh": fresh, "done": done, "hidden": hidden}


def test_the_school_page_lists_the_concerns_tagged_to_it(cworld: CWorld, tagged: dict[str, Concern]) -> None:
    school = cworld.base.school(cworld.base.a)
    html = _client(cworld).get(reverse("schools:school", args=[school.code])).content.decode()
    assert 'data-testid="consultation-school-panel"' in html
    text = visible_text(html)
    assert "未办结：2" in text and "已办结：1" in text and "逾期：1" in text
    late, fresh, done = tagged["late"], tagged["fresh"], tagged["done"]
    for c in (late, fresh, done):
        assert c.number in text and c.title in text
        assert f'href="{reverse("consultation:public_item", kwargs={"number": c.number})}"' in html
    assert "已交办" in text and "已办结" in text and "荣昌区教育委员会" in text
    assert "2020年3月1日" in text and "逾期" in text
    # the overdue one first
    assert text.index(late.number) < text.index(fresh.number) < text.index(done.number)
    assert tagged["hidden"].title not in text
    assert SECRET_NAME not in html and SECRET_PHONE not in html and "欧阳" not in html


def test_an_untagged_school_shows_no_panel(cworld: CWorld, tagged: dict[str, Concern]) -> None:
    other = cworld.base.school(cworld.base.a, "0002")
    html = _client(cworld).get(reverse("schools:school", args=[other.code])).content.decode()
    assert "consultation-school-panel" not in html
    assert tagged["late"].number not in html


def test_the_school_officer_sees_the_panel_of_their_school(cworld: CWorld, tagged: dict[str, Concern]) -> None:
    school = cworld.base.school(cworld.base.a)
    html = _client(cworld, "officer").get(reverse("schools:school", args=[school.code])).content.decode()
    assert tagged["late"].number in html and SECRET_NAME not in html


def test_the_district_page_shows_open_concerns_by_school(cworld: CWorld, tagged: dict[str, Concern]) -> None:
    school = cworld.base.school(cworld.base.a)
    html = _client(cworld).get(reverse("schools:district", args=[cworld.base.a.code])).content.decode()
    assert 'data-testid="consultation-district-panel"' in html
    row = html.split(f'data-school="{school.code}"', 1)[1].split("</tr>", 1)[0]
    cells = visible_text(row)
    assert school.name in cells and "2 件" in cells and "1 件" in cells
    assert f'href="{reverse("schools:school", args=[school.code])}"' in row
    assert "0 天" in cells  # oldest open counts from the day it was raised (today), not from a deadline
    # another district's page has no panel (none of its schools is tagged)
    html_b = _client(cworld, "bureau_b").get(reverse("schools:district", args=[cworld.base.b.code])).content.decode()
    assert "consultation-district-panel" not in html_b


def test_the_rectification_list_carries_the_note(cworld: CWorld, tagged: dict[str, Concern]) -> None:
    run = assessment_services.start_run(cworld.base.users["bureau"], cworld.base.a, "2025-2026")
    run.refresh_from_db()
    assert run.status == AssessmentRun.Status.DONE
    school = cworld.base.school(cworld.base.a)
    html = _client(cworld).get(f"/runs/{run.pk}/rectification/").content.decode()
    assert html.count('data-testid="rect-note"') == 1
    cell = html.split(f"{school.code}", 1)[1].split("</td>", 1)[0]
    assert "群众反映：未办结2件（逾期1件）" in cell
    # the school's own list too
    html = _client(cworld, "officer").get(f"/runs/{run.pk}/s/{school.code}/rectification/").content.decode()
    assert "群众反映：未办结2件（逾期1件）" in html


def test_the_seeded_demo_shows_on_the_pages_of_its_schools(cworld: CWorld) -> None:
    Concern.objects.all().delete()
    from youjun.web.apps.consultation.models import Body

    Body.objects.all().delete()
    result = demo.seed_demo(2025, seed=3, district=cworld.base.a)
    tagged = Concern.objects.filter(body=result.body, school__isnull=False, hidden=False)
    school = School.objects.get(pk=tagged.values_list("school", flat=True).first())
    html = _client(cworld).get(reverse("schools:school", args=[school.code])).content.decode()
    some = tagged.filter(school=school).order_by("number").first()
    assert some is not None and some.number in html
    html = _client(cworld).get(reverse("schools:district", args=[cworld.base.a.code])).content.decode()
    assert "consultation-district-panel" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_panels_read_clean_in_both_languages(cworld: CWorld, tagged: dict[str, Concern], lang: str) -> None:
    from tests.web import hygiene

    school = cworld.base.school(cworld.base.a)
    c = _client(cworld)
    c.cookies["youjun_language"] = lang
    run = assessment_services.start_run(cworld.base.users["bureau"], cworld.base.a, "2025-2026")
    names = {x.title for x in tagged.values()} | {cworld.edu.name, school.name, cworld.base.a.name}
    pages = {
        "school": (reverse("schools:school", args=[school.code]),
                   'data-testid="consultation-school-panel"', "</section>"),
        "district": (reverse("schools:district", args=[cworld.base.a.code]),
                     'data-testid="consultation-district-panel"', "</section>"),
        "rectification": (f"/runs/{run.pk}/rectification/", 'data-testid="rect-note"', "</span>"),
    }
    words = {"zh": ("未办结", "逾期"), "en": ("Open", "overdue")}[lang]
    for where, (url, start, end) in pages.items():
        html = c.get(url).content.decode()
        part = html.split(start, 1)[1].split(end, 1)[0]
        text = hygiene.shown_text(f"<p {part}")
        assert all(w.lower() in text.lower() for w in words), (where, text)
        assert hygiene.problems(text, lang, names) == [], (where, text)
