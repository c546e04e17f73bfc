"""The what-if page's "changes applied" lines: each language its own words (a real what-if run
through the real templates: the plan page and the plan's HTML download)."""

from __future__ import annotations

import re

from django.test import Client

from tests.web.world import A, World, district_tables
from youjun.web.apps.planning.models import PlanRun

HAN = re.compile(r"[\u4e00-\u9fff]")
YEAR = "2025-2026"


def _client(world: World, lang: str) -> Client:
    c = Client()
    c.force_login(world.users["bureau"])
    c.cookies["youjun_language"] = lang
    return c


def _applied(html: str) -> str:
    part = html.split('data-testid="applied"', 1)[1].split("</section>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", part))


def test_changes_applied_are_shown_in_the_page_language(world: World) -> None:
    scenario = (f'- build: {{school: "{A}0001", teaching_area_m2: 300}}\n'
                f'- enrolment: {{school: "{A}0001", grade: 1, factor: 1.1}}')
    r = _client(world, "zh").post(f"/d/{A}/plans/", {"kind": "whatif", "year": YEAR, "scenario": scenario})
    assert r.status_code == 302
    plan = PlanRun.objects.get(kind="whatif")
    assert plan.status == "done", plan.error
    names = sorted(set(district_tables(A)["schools"]["school_name"]), key=len, reverse=True)

    en = _applied(_client(world, "en").get(f"/plans/{plan.pk}/").content.decode())
    assert "build at" in en and "grade 1" in en, en
    for name in names:
        en = en.replace(name, "")
    assert not HAN.search(en), en  # no "/ 调整学生数" tail: the Chinese line is not shown here

    zh = _applied(_client(world, "zh").get(f"/plans/{plan.pk}/").content.decode())
    assert "教学及辅助用房 300平方米" in zh and "1年级" in zh, zh
    assert not re.search(r"build|enrolment|_m2|\[", zh), zh

    download = _client(world, "en").get(f"/plans/{plan.pk}/download/html/?lang=en").content.decode()
    assert "build at" in download and "调整学生数" not in download
