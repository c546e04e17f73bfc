"""What the testers found on the history page about the rectification list (F3 findings 1, 2):
one action code with its words (old rows still found), objects and fields in words, no entry
for a save that changes nothing, changes as a list, actions offered that the user can see, a
date filter with a language-appropriate hint — on real audit events made by real actions."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web import hygiene
from tests.web.world import A, World
from youjun.core.labels import AUDIT_ACTIONS
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.rectification.models import Assignment
from youjun.web.apps.schools import services as school_services

YEAR = "2025-2026"


@pytest.fixture
def run(world: World) -> AssessmentRun:
    r = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    r.refresh_from_db()
    assert r.status == AssessmentRun.Status.DONE
    return r


def _client(world: World, role: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(world.users[role])
    c.cookies["youjun_language"] = lang
    return c


def _school_key(world: World, run: AssessmentRun) -> str:
    page = _client(world, "bureau").get(f"/runs/{run.pk}/rectification/").content.decode()
    return next(k.split('"')[0] for k in page.split('data-key="')[1:] if k.startswith(A))


def _assign(world: World, run: AssessmentRun, key: str, office: str, deadline: str) -> None:
    r = _client(world, "bureau").post(f"/runs/{run.pk}/rectification/assign/",
                                      {"key": key, "office": office, "deadline": deadline})
    assert r.status_code == 302


def _history(world: World, query: str = "", role: str = "bureau", lang: str = "zh") -> str:
    r = _client(world, role, lang).get("/history/" + query)
    assert r.status_code == 200
    return r.content.decode()


def _rows(page: str) -> list[str]:
    body = page.split('data-testid="history"', 1)[1]
    return re.findall(r'<tr data-action="[^"]*".*?</tr>\s*(?=<tr data-action|</tbody></table>\s*<p class="pager")',
                      body, re.S)


def test_every_action_the_code_records_has_words() -> None:
    """The root of finding 1: an audited action whose code the labels (and the filter) do not know."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2] / "src" / "youjun"
    codes = set()
    for path in src.rglob("*.py"):
        codes |= set(re.findall(r"\brecord\(\s*[\w.]+,\s*\"([a-z_]+)\"", path.read_text(encoding="utf-8")))
    assert "set_rectification" in codes
    assert sorted(codes - set(AUDIT_ACTIONS)) == []


def test_the_filter_finds_rectification_entries_old_and_new(world: World, run: AssessmentRun) -> None:
    key = _school_key(world, run)
    _assign(world, run, key, "装备科", "2027-06-30")
    assert AuditEvent.objects.filter(action="set_rectification").count() == 1
    # a row stored before the code was unified (the data already kept on servers)
    a = Assignment.objects.get(finding_key=key)
    audit.record(world.users["bureau"], "rectification_assign", a, district=world.a,
                 school=world.school(world.a), before=None, after={"office": "人事科", "deadline": None})
    page = _history(world, "?action=set_rectification")
    text = hygiene.shown_text(page)
    assert len(_rows(page)) == 2, text
    assert "rectification_assign" not in text and "set_rectification" not in text
    assert text.count("设置整改责任与期限") == 2 + 1  # two rows and the filter's own option
    # an old link with the old code still filters
    assert len(_rows(_history(world, "?action=rectification_assign"))) == 2
    en = hygiene.shown_text(_history(world, "?action=set_rectification", lang="en"))
    assert "set a rectification owner and deadline" in en and "rectification_assign" not in en


def test_object_and_fields_in_words_and_no_empty_entry(world: World, run: AssessmentRun) -> None:
    key = _school_key(world, run)
    _assign(world, run, key, "装备科", "2027-06-30")
    _assign(world, run, key, "装备科", "2027/6/30")  # the same, typed otherwise: nothing changes
    assert AuditEvent.objects.filter(action="set_rectification").count() == 1
    _assign(world, run, key, "计财科", "2027-06-30")
    assert AuditEvent.objects.filter(action="set_rectification").count() == 2
    page = _history(world, "?action=set_rectification")
    text = hygiene.shown_text(page)
    school = world.school(world.a, key[len(A):10])
    label = key.split(":")[1].upper()
    assert f"永川区 {YEAR} · {school.name} · {label}" in text, text
    assert key not in text and f"{A} {YEAR}" not in text
    assert "office" not in text and "责任科室" in text and "期限" in text
    # a change is a list "field: before → after"
    assert re.search(r"责任科室：\s*装备科\s*→\s*计财科", text), text
    en = hygiene.shown_text(_history(world, "?action=set_rectification", lang="en"))
    assert "Yongchuan" in en or "永川区" in en
    assert re.search(r"responsible office:\s*装备科\s*→\s*计财科", en), en


def test_a_submission_lists_each_changed_field(world: World) -> None:
    school = world.school(world.a)
    officer = world.users["officer"]
    school_services.save_submission(officer, school, YEAR, {"facilities": {"building_area_m2": "10291.1",
                                                                          "books": "45500"}})
    school_services.save_submission(officer, school, YEAR, {"facilities": {"building_area_m2": "10300",
                                                                          "books": "45500"}})
    page = _history(world, role="officer")
    text = hygiene.shown_text(page)
    assert "；" not in text.split("修改内容", 1)[1], text  # not one text block
    assert re.search(r"校舍建筑面积：\s*10,291\.1\s*→\s*10,300", text), text  # figures grouped
    newest = re.split(r"\n\d{4}-\d\d-\d\d \d\d:\d\d\n", text.split("修改内容", 1)[1])[1]
    assert "校舍建筑面积" in newest and "图书册数" not in newest, "an unchanged field is no change"
    assert "错误数：\n" not in text and not re.search(r"错误数：\s*—\s*→", text)


def test_the_action_filter_offers_what_the_user_can_see(world: World, run: AssessmentRun) -> None:
    school_services.save_submission(world.users["officer"], world.school(world.a), YEAR,
                                    {"facilities": {"books": "45500"}})
    page = _history(world, role="officer")
    options = re.findall(r'<option value="([a-z_]+)"', page.split('name="action"', 1)[1].split("</select>", 1)[0])
    shown = {m for m in re.findall(r'<tr data-action="([a-z_]+)"', page)}
    assert "submit" in options and set(options) == shown, (options, shown)
    assert not {"disable_user", "create_user", "password_reset", "start_plan"} & set(options)


def test_the_date_filter_has_a_chinese_hint_and_takes_dates_as_typed(world: World, run: AssessmentRun) -> None:
    page = _history(world)
    form = page.split('data-testid="history-filters"', 1)[1].split("</form>", 1)[0]
    assert 'type="date"' not in form
    assert 'placeholder="例：2027-06-30"' in form
    assert 'placeholder="e.g. 2027-06-30"' in _history(world, lang="en")
    key = _school_key(world, run)
    _assign(world, run, key, "装备科", "")
    import datetime as dt

    today = dt.date.today()
    typed = f"{today.year}/{today.month}/{today.day}"
    found = _history(world, f"?action=set_rectification&since={typed}&until={today.year}年{today.month}月{today.day}日")
    assert len(_rows(found)) == 1
    assert f'value="{today.isoformat()}"' in found.split('data-testid="history-filters"', 1)[1].split("</form>")[0]


def test_a_recorded_district_key_reads_as_its_name(world) -> None:  # type: ignore[no-untyped-def]
    """A run's history entry recorded "district: 1" (the database key): it reads 永川区-like names."""
    from youjun.web.apps.platform.history import value_text

    assert value_text("district", world.a.pk, "zh") == world.a.name
    assert value_text("district", 987654, "zh") == "—"


def test_the_history_page_names_recorded_places_in_one_query_per_kind(world) -> None:  # type: ignore[no-untyped-def]
    """Recorded district keys read as names, resolved once per page, not once per shown value."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            page = _history(world, "?kind=all")
        assert world.a.name in page
        return sum(1 for q in ctx.captured_queries if "platform_district" in q["sql"])

    def record(n: int) -> None:
        for _ in range(n):
            audit.record(world.users["bureau"], "start_run", world.a, after={"district": world.a.pk, "run": 1})

    record(1)
    one = queries()
    record(5)
    assert queries() == one
