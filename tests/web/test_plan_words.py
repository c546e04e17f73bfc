"""A plan's page and files speak words, not codes (issue 10, 1.6/1.7): subjects, solver states,
options, sheet names and headers from the one label source; numbers in the workbook are numbers;
the progress page tells the stage and the time taken. Real plans of the tiny district."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from tests.web import hygiene
from tests.web.world import World
from youjun.web.apps.planning import services as planning_services
from youjun.web.apps.planning.options import parse

YEAR = "2025-2026"
NAMES = {"admin", "bureau", "永川区", "重庆市"}


def _names(world: World) -> set[str]:
    from tests.web.world import district_tables

    out = set(NAMES) | set(world.users)
    for t in district_tables().values():
        for col in t.columns:
            out.update(str(v) for v in t[col].dropna() if isinstance(v, str) and hygiene.CJK.search(v))
    return out


def _get(world: World, url: str, lang: str = "zh") -> bytes:
    c = Client()
    c.force_login(world.users["admin"])
    c.cookies["youjun_language"] = lang
    r = c.get(url)
    assert r.status_code == 200, (url, r.status_code)
    return r.content


def test_rotation_plan_page_and_workbook_in_words(world: World) -> None:
    plan = planning_services.start_plan(world.users["admin"], world.a, YEAR, "rotation",
                                        parse("rotation", {"time_limit_s": "5"}))
    stages = plan.result["stages"]
    assert stages and all(s["status"] for s in stages)
    names = _names(world)
    for lang in ("zh", "en"):
        text = hygiene.shown_text(_get(world, f"/plans/{plan.pk}/", lang).decode())
        assert hygiene.problems(text, lang, names) == [], lang
        assert "optimal" not in text.replace("optimal (MILP", "") or lang == "en"
        book = load_workbook(io.BytesIO(_get(world, f"/plans/{plan.pk}/download/xlsx/", lang)), read_only=True)
        for ws in book.worksheets:
            assert hygiene.problems(ws.title, lang, names) == [], (lang, ws.title)
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str):
                        assert not hygiene.number_as_text(v), (lang, ws.title, v)  # a number kept as text
                        assert hygiene.problems(v, lang, names) == [], (lang, ws.title, v)


def test_seats_and_investment_options_in_words(world: World) -> None:
    names = _names(world)
    for kind, form in (("seats", {"years": "2", "migration": "1.01"}), ("investment", {"budget": "100000"})):
        plan = planning_services.start_plan(world.users["admin"], world.a, YEAR, kind, parse(kind, form))
        text = hygiene.shown_text(_get(world, f"/plans/{plan.pk}/").decode())
        assert hygiene.problems(text, "zh", names) == [], kind
        assert ('"years"' not in text) and ("年迁移系数" in text or kind == "investment")


def test_rotation_progress_reports_its_solver_stages(world: World, monkeypatch) -> None:
    """Not frozen at 15 % for the whole solve: each solver stage is reported as it starts, and
    the progress page shows it in words with the time taken so far."""
    from youjun.web.apps.platform import tasks

    seen: list[tuple[int, str]] = []
    real = tasks.progress

    def spy(task, value, stage):
        seen.append((value, stage))
        real(task, value, stage)

    monkeypatch.setattr(tasks, "progress", spy)
    planning_services.start_plan(world.users["admin"], world.a, YEAR, "rotation",
                                 parse("rotation", {"time_limit_s": "5"}))
    solving = [(v, s) for v, s in seen if s.startswith("stage_")]
    assert len(solving) >= 2, seen
    assert [v for v, _ in solving] == sorted(v for v, _ in solving) and 15 < solving[0][0] < solving[-1][0] < 90
    # the page, while a plan runs, names the stage and the time taken
    from django.utils import timezone

    from youjun.web.apps.planning.models import PlanRun

    running = PlanRun.objects.create(district=world.a, snapshot=world.snapshots[world.a.code], school_year=YEAR,
                                     kind="rotation", options={}, status=PlanRun.Status.RUNNING,
                                     stage="stage_thresholds", progress=40, owner=tasks.owner_id(),
                                     heartbeat=timezone.now())

    PlanRun.objects.filter(pk=running.pk).update(started_at=timezone.now() - timezone.timedelta(seconds=75))
    page = _get(world, f"/plans/{running.pk}/").decode()
    assert 'data-label-stage_thresholds="达标缺口"' in page and "已用时" in page and "1 分 15 秒" in page


@pytest.mark.slow
def test_rotation_moves_are_paged_and_filtered(world: World, monkeypatch) -> None:
    """Not cut at the first rows with no way on: every move is reachable by page, and a search
    by teacher, school or subject (in words) narrows the list."""
    from youjun.sample import generate
    from youjun.web.apps.planning import selectors
    from youjun.web.apps.schools import services as school_services

    school_services.store_snapshot(None, world.a, generate("S", 2023, school_year=YEAR), source="S.xlsx")
    plan = planning_services.start_plan(world.users["admin"], world.a, YEAR, "rotation",
                                        parse("rotation", {"method": "greedy"}))
    moves = plan.result["moves"][:6]
    assert len(moves) >= 2
    monkeypatch.setattr(selectors, "PAGE_ROWS", 1)
    seen: set[str] = set()
    for page in range(1, len(moves) + 1):  # the first moves, one per page
        html = _get(world, f"/plans/{plan.pk}/?page={page}").decode()
        seen.update(m["teacher_id"] for m in moves if m["teacher_id"] in html)
    assert seen == {m["teacher_id"] for m in moves}
    from youjun.core.labels import code_label

    first = moves[0]
    words = code_label("subject", first["subject"], "zh")
    html = _get(world, f"/plans/{plan.pk}/?q={words}").decode()
    assert first["teacher_id"] in html
    others = [m["teacher_id"] for m in moves if m["subject"] != first["subject"]
              and words not in (m.get("from_name", "") + m.get("to_name", ""))]
    assert not any(t in html for t in others)
