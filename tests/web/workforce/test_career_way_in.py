"""Fix round (walk #1, #5, #6, #8): a teacher reaches her own pages by links from every page; the
record shows years without separators, person's labels, and studio membership."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.web.workforce.wfworld import WFWorld


def client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def test_a_teacher_finds_her_record_in_the_nav_of_every_page(wfworld: WFWorld) -> None:
    c = client(wfworld, "teacher")
    me = reverse("workforce:me")
    for url in (reverse("platform:account"), reverse("platform:history"), me):
        body = c.get(url, follow=True).content.decode()
        assert f'href="{me}"' in body and 'data-testid="nav-my-record"' in body, url
    # nobody without a teacher record gets the link
    officer = client(wfworld, "officer").get(reverse("platform:account")).content.decode()
    assert 'data-testid="nav-my-record"' not in officer


def test_my_record_links_to_training_growth_studios_and_evaluation(wfworld: WFWorld) -> None:
    body = client(wfworld, "teacher").get(reverse("workforce:me")).content.decode()
    t1 = wfworld.teachers["t1"]
    for url in (reverse("workforce_training:teacher", args=[t1.pk]),
                reverse("workforce_growth:teacher", args=[t1.pk]),
                reverse("workforce_studios:teacher", args=[t1.pk]),
                reverse("workforce_appraisal:mine")):
        assert f'href="{url}"' in body, url


def test_the_record_shows_years_plain_person_labels_and_studio_membership(wfworld: WFWorld) -> None:
    t1 = wfworld.teachers["t1"]
    t1.birth_year, t1.started_teaching = 1966, 1989
    t1.save(update_fields=["birth_year", "started_teaching"])
    for role, url in (("teacher", reverse("workforce:me")), ("officer", reverse("workforce:teacher", args=[t1.pk]))):
        body = client(wfworld, role).get(url).content.decode()
        assert "1966" in body and "1,966" not in body and "1,989" not in body, role
        assert "姓名" in body and "<dt>名称</dt>" not in body
        assert 'data-testid="wf-studios"' in body and "未加入名师工作室" in body
    lst = client(wfworld, "officer").get(reverse("workforce:school", args=[wfworld.a1.code])).content.decode()
    assert "姓名" in lst and "职称" in lst and ">标题<" not in lst and ">名称<" not in lst


def test_the_record_says_where_growth_stage_contest_results_are(wfworld: WFWorld) -> None:
    t1 = wfworld.teachers["t1"]
    body = client(wfworld, "teacher").get(reverse("workforce:me")).content.decode()
    note = body[body.index('data-testid="wf-honours-elsewhere"'):]
    note = note[:note.index("</p>")]
    assert "成长阶段" in note and f'href="{reverse("workforce_growth:teacher", args=[t1.pk])}"' in note


def test_the_account_page_shows_a_teachers_record_instead_of_no_role(wfworld: WFWorld) -> None:
    body = client(wfworld, "teacher").get(reverse("platform:account")).content.decode()
    assert "尚未分配角色" not in body
    assert 'data-testid="account-role"' in body and wfworld.teachers["t1"].staff_id in body
    assert "API" in body  # the token section is left as it was
    nobody = client(wfworld, "nobody").get(reverse("platform:account")).content.decode()
    assert "尚未分配角色" in nobody and 'data-testid="account-role"' not in nobody
