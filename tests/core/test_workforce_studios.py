"""The studios' pure rules: the local vocabulary in force, a term running on a day, a year's
outputs against the plan."""

from __future__ import annotations

import datetime as dt

from youjun.core import workforce_studios as ws


def test_the_local_words_are_read_from_the_rules() -> None:
    r = ws.studio_rules(dt.date(2026, 1, 1))
    assert r.local
    assert [w.zh for w in r.ratings] == ["优秀", "合格", "不合格"]
    assert {"open_class", "research", "paper", "mentoring", "lecture"} == r.codes(r.kinds)
    assert r.word(r.roles, "trainee", "zh") == "学员" and r.word(r.roles, "trainee", "en") == "Trainee"
    assert r.word(r.levels, "unknown", "zh") == "unknown"


def test_a_term_runs_from_its_start_to_its_end_inclusive() -> None:
    start, end = dt.date(2024, 9, 1), dt.date(2027, 8, 31)
    assert not ws.is_active(start, end, dt.date(2024, 8, 31))
    assert ws.is_active(start, end, start) and ws.is_active(start, end, end)
    assert not ws.is_active(start, end, dt.date(2027, 9, 1))
    assert ws.is_active(start, None, dt.date(2040, 1, 1))


def test_outputs_against_the_plan() -> None:
    r = ws.studio_rules(dt.date(2026, 1, 1))
    rows = ws.against_plan(r.kinds, {"open_class": 4, "paper": 2, "research": 0}, {"open_class": 5, "paper": 1,
                                                                                    "lecture": 3})
    by = {p.kind: p for p in rows}
    assert [p.kind for p in rows] == [k.code for k in r.kinds]
    assert by["open_class"].met and by["open_class"].short == 0 and by["open_class"].share == 125.0
    assert not by["paper"].met and by["paper"].short == 1 and by["paper"].share == 50.0
    assert by["lecture"].planned == 0 and by["lecture"].share is None and by["lecture"].met
    assert ws.kinds_met(rows) == (1, 2)
    assert ws.year_bounds(2026) == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_the_levels_offered_depend_on_the_province() -> None:
    from youjun.core.workforce_studios import studio_rules

    r = studio_rules(dt.date(2026, 1, 1))
    chongqing = [w.code for w in r.levels_for("500118")]
    sichuan = [w.code for w in r.levels_for("510100")]
    assert "province" not in chongqing and {"county", "city", "national"} <= set(chongqing)
    assert sichuan == [w.code for w in r.levels] and "province" in sichuan
