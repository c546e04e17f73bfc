"""The history page (issue 10, 2.9): actions in words, changes as a field list, filters by user,
action and date, log-ins apart from changes — on real audit events made by real actions."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.web import hygiene
from tests.web.world import PASSWORD, A, World
from youjun.web.apps.planning import services as planning_services
from youjun.web.apps.planning.options import parse

YEAR = "2025-2026"


def _history(world: World, query: str = "", lang: str = "zh") -> str:
    c = Client()
    c.force_login(world.users["admin"])
    c.cookies["youjun_language"] = lang
    r = c.get("/history/" + query)
    assert r.status_code == 200
    return hygiene.shown_text(r.content.decode())


def _events(world: World) -> None:
    Client().post("/login/", {"username": "bureau", "password": PASSWORD})  # a real log-in event
    planning_services.start_plan(world.users["bureau"], world.a, YEAR, "seats", parse("seats", {"years": "2"}))


def test_actions_and_changes_read_in_words(world: World) -> None:
    _events(world)
    text = _history(world)
    assert "开始制定规划" in text and "start_plan" not in text
    # the change is a list of fields in words, not a dict
    assert "学年" in text and "预测年数" in text and "{'" not in text and '{"' not in text
    names = {*world.users, "涪陵区", "永川区", "锦江区", "重庆市", "四川省", "红旗小学", "红旗教育集团"}
    assert hygiene.problems(text, "zh", names) == []
    en = _history(world, lang="en")
    assert "started a plan" in en and "start_plan" not in en


def test_log_ins_apart_from_changes(world: World) -> None:
    _events(world)
    changes = _history(world)
    assert "登录" not in changes.split("变更记录", 1)[-1].split("操作", 1)[-1].replace("登录与账户安全", "")
    signins = _history(world, "?kind=signins")
    assert "登录" in signins and "开始制定规划" not in signins


def test_filters_by_user_action_and_date(world: World) -> None:
    _events(world)
    planning_services.start_plan(world.users["admin"], world.a, YEAR, "seats", parse("seats", {"years": "3"}))
    by_user = _history(world, "?user=bureau&action=start_plan")
    assert by_user.count("开始制定规划") == 1 + 1  # the row, and the action filter's own option
    today = dt.date.today()
    assert "开始制定规划" in _history(world, f"?since={today}&until={today}&action=start_plan")
    later = today + dt.timedelta(days=2)
    assert "暂无记录" in _history(world, f"?since={later}")
    assert "500118" in _history(world, f"?district={A}")


def test_a_fitness_imports_mode_reads_as_words_not_as_its_code() -> None:
    """The fitness import's audit row stores mode=update|replace (fitness.services.MODES); the
    history shows what the officer chose, in words."""
    from youjun.web.apps.fitness.services import MODES
    from youjun.web.apps.platform.history import value_text

    assert [value_text("mode", m, "zh") for m in MODES] == ["只更新本文件中的学生", "替换本学年全部成绩"]
    assert value_text("mode", "replace", "en") == "the whole year's results replaced"
