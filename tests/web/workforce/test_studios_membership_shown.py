"""Fix round (walk #8): the record says which studio a teacher is in (or none) and the school's
studio page says which of the school's teachers are members."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.web.workforce.matrix_rules_studios import make_objects
from tests.web.workforce.wfworld import SECRET_NAME, WFWorld


def client(w: WFWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def test_the_record_and_the_school_page_show_studio_membership(wfworld: WFWorld) -> None:
    w = wfworld
    make_objects(w)
    ta2 = w.teachers["ta2"]
    mine = client(w, "teacher2").get(reverse("workforce:me")).content.decode()
    assert 'data-testid="wf-studios"' in mine and "语文名师工作室（成员）" in mine
    host = client(w, "teacher").get(reverse("workforce:me")).content.decode()
    assert "语文名师工作室（主持人）" in host
    page = client(w, "officer2").get(reverse("workforce_studios:school", args=[w.a2.code])).content.decode()
    assert 'data-testid="studio-ours"' in page and f"{ta2.staff_id}" in page and "成员" in page
    a1 = client(w, "officer").get(reverse("workforce_studios:school", args=[w.a1.code])).content.decode()
    assert f"{SECRET_NAME}（{w.teachers['t1'].staff_id}） · 主持人" in a1
