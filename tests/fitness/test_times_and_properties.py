from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from youjun.core.fitness import FitnessError, PupilResult, Status, parse_time, score_pupil
from youjun.core.fitness.scoring import item_score, level_of


@pytest.mark.parametrize(
    ("raw", "seconds"),
    [
        ("1'36\"", 96),
        ("1′36″", 96),
        ("1'36", 96),
        ("1:36", 96),
        ("1分36秒", 96),
        ("3'05.2\"", Decimal("185.2")),
        ("96", 96),
        (96, 96),
        (96.5, Decimal("96.5")),
        ("1.36", 96),
        (3.05, 185),
        ("３'２０", 200),
        ("2.00", 120),
    ],
)
def test_time_forms(raw, seconds) -> None:
    assert parse_time(raw, "run_800m") == Decimal(seconds)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("1.3", "E1024"),
        (3.2, "E1024"),
        ("3", "E1024"),
        ("15", "E1024"),
        ("3.205", "E1024"),
        ("1'60\"", "E1025"),
        ("1.75", "E1025"),
        ("abc", "E1023"),
        ("", "E1023"),
        ("-1.30", "E1025"),
    ],
)
def test_time_refusals(raw, code) -> None:
    with pytest.raises(FitnessError) as exc:
        parse_time(raw, "run_800m", "800米跑", "800 m run")
    assert [p.code for p in exc.value.problems] == [code]


ITEMS = ("vital_capacity", "run_50m", "sit_and_reach", "rope_skip_1min", "sit_up_1min", "shuttle_run_50m_x8")


@settings(max_examples=300, deadline=None)
@given(
    item=st.sampled_from(ITEMS),
    grade=st.integers(5, 6),
    sex=st.sampled_from(["male", "female"]),
    a=st.decimals(min_value=-30, max_value=4000, places=1),
    b=st.decimals(min_value=-30, max_value=4000, places=1),
)
def test_better_result_never_scores_lower(tables, item, grade, sex, a, b) -> None:
    row = tables.row(item, grade, sex)
    direction = tables.items[item].direction
    better, worse = (min(a, b), max(a, b)) if direction == "lower_is_better" else (max(a, b), min(a, b))
    assert item_score(better, row, direction, tables) >= item_score(worse, row, direction, tables)


@settings(max_examples=150, deadline=None)
@given(
    grade=st.integers(1, 6),
    sex=st.sampled_from(["male", "female"]),
    h=st.decimals(min_value=100, max_value=180, places=1),
    w=st.decimals(min_value=15, max_value=90, places=1),
    vc=st.integers(500, 5000),
    r50=st.decimals(min_value=6, max_value=15, places=1),
    sr=st.decimals(min_value=-10, max_value=30, places=1),
    rope=st.integers(0, 300),
    su=st.integers(0, 70),
    sh=st.integers(80, 200),
)
def test_total_at_most_120_and_level_follows_total(tables, grade, sex, h, w, vc, r50, sr, rope, su, sh) -> None:
    items = {
        "vital_capacity": vc,
        "run_50m": str(r50),
        "sit_and_reach": str(sr),
        "rope_skip_1min": rope,
        "sit_up_1min": su,
        "shuttle_run_50m_x8": sh,
    }
    wanted = tables.items_for(grade, sex)
    s = score_pupil(PupilResult(grade, sex, str(h), str(w), {k: v for k, v in items.items() if k in wanted}), tables)
    assert s.status is Status.SCORED
    assert s.total is not None and Decimal(0) <= s.total <= 120 and s.bonus_total <= 20
    assert s.level == level_of(s.total, tables)


def test_levels_are_monotone(tables) -> None:
    order = ["fail", "pass", "good", "excellent"]
    ranks = [order.index(level_of(Decimal(n) / 10, tables)) for n in range(0, 1201)]
    assert ranks == sorted(ranks)
    assert [level_of(Decimal(x), tables) for x in ("59.9", "60.0", "79.9", "80.0", "89.9", "90.0")] == [
        "fail",
        "pass",
        "pass",
        "good",
        "good",
        "excellent",
    ]
