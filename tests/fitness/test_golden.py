"""Golden tests generated FROM rules/fitness-2014: both sides of every threshold and band edge."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from youjun.core.fitness import PupilResult, Status, bmi_category, bmi_of, bonus_for, score_pupil
from youjun.core.fitness.scoring import item_score, parse_measure

RULES = Path(__file__).resolve().parents[2] / "rules" / "fitness-2014"
LEVELS = [100, 95, 90, 85, 80, 78, 76, 74, 72, 70, 68, 66, 64, 62, 60, 50, 40, 30, 20, 10]
ITEMS = yaml.safe_load((RULES / "items.yaml").read_text(encoding="utf-8"))["values"]["2014-07-07"]["value"]["items"]


def _cases() -> list[tuple[str, int, str, int, Decimal, Decimal]]:
    out = []
    for path in sorted((RULES / "scores").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        item = data["item"]
        for grade, by_sex in data["values"]["2014-07-07"]["value"].items():
            for sex, row in by_sex.items():
                for i, t in enumerate(row):
                    out.append((item, int(grade), sex, i, Decimal(str(t)), Decimal(ITEMS[item]["precision"])))
    return out


CASES = _cases()


def test_every_primary_cell_is_covered() -> None:
    # 4 items × 6 grades + sit-ups × 4 grades + shuttle × 2 grades, × 2 sexes × 20 levels: the csv's 1,200
    assert len(CASES) == (4 * 6 + 4 + 2) * 2 * 20 == 1200


@pytest.mark.parametrize(
    ("item", "grade", "sex", "i", "threshold", "unit"),
    CASES,
    ids=[f"{c[0]}-g{c[1]}-{c[2]}-{LEVELS[c[3]]}" for c in CASES],
)
def test_threshold_and_one_unit_worse(tables, item, grade, sex, i, threshold, unit) -> None:
    direction = ITEMS[item]["direction"]
    row = tables.row(item, grade, sex)
    at = parse_measure(item, str(threshold), tables)
    assert item_score(at, row, direction, tables) == LEVELS[i]
    worse = threshold + unit if direction == "lower_is_better" else threshold - unit
    expected = LEVELS[i + 1] if i + 1 < len(LEVELS) else 0
    assert item_score(worse, row, direction, tables) == expected


BANDS = yaml.safe_load((RULES / "bmi_bands.yaml").read_text(encoding="utf-8"))["values"]["2014-07-07"]["value"]["bands"]
NEXT = {
    "underweight": ("normal", None),
    "normal": ("overweight", "underweight"),
    "overweight": ("obese", "normal"),
    "obese": (None, "overweight"),
}
EDGES = [
    (int(g), sex, band, Decimal(str(lo)) if lo is not None else None, Decimal(str(hi)) if hi is not None else None)
    for g, by_sex in BANDS.items()
    for sex, bands in by_sex.items()
    for band, (lo, hi) in bands.items()
]


@pytest.mark.parametrize(("grade", "sex", "band", "lo", "hi"), EDGES, ids=[f"g{e[0]}-{e[1]}-{e[2]}" for e in EDGES])
def test_bmi_band_edges_both_sides(tables, grade, sex, band, lo, hi) -> None:
    tenth = Decimal("0.1")
    if lo is not None:
        assert bmi_category(lo, grade, sex, tables) == band
        assert bmi_category(lo - tenth, grade, sex, tables) == NEXT[band][1]
        # half up at .x5: at 100 cm BMI = weight; lo − 0.05 rounds up into the band, lo − 0.051 does not
        assert bmi_of(Decimal(100), lo - Decimal("0.05")) == lo
        assert bmi_category(bmi_of(Decimal(100), lo - Decimal("0.051")), grade, sex, tables) == NEXT[band][1]
    if hi is not None:
        assert bmi_category(hi, grade, sex, tables) == band
        assert bmi_category(hi + tenth, grade, sex, tables) == NEXT[band][0]
        assert bmi_category(bmi_of(Decimal(100), hi + Decimal("0.05")), grade, sex, tables) == NEXT[band][0]
        assert bmi_category(bmi_of(Decimal(100), hi + Decimal("0.049")), grade, sex, tables) == band


def test_bmi_half_up_through_a_whole_pupil(tables) -> None:
    # grade 2 boys: normal 13.7–18.4; 120 cm and 26.568 kg give exactly 18.45, which is 18.5: overweight
    base = {"vital_capacity": "1500", "run_50m": "10.0", "sit_and_reach": "10.6", "rope_skip_1min": "95"}
    over = score_pupil(PupilResult(2, "male", "120", "26.568", base), tables)
    assert (over.bmi, over.bmi_category, over.item("bmi").score) == (Decimal("18.5"), "overweight", 80)
    normal = score_pupil(PupilResult(2, "male", "120", "26.567", base), tables)
    assert (normal.bmi, normal.bmi_category, normal.item("bmi").score) == (Decimal("18.4"), "normal", 100)


ROPE = yaml.safe_load((RULES / "scores" / "rope_skip_1min.yaml").read_text(encoding="utf-8"))["values"]["2014-07-07"][
    "value"
]


@pytest.mark.parametrize(("grade", "sex"), [(g, s) for g in range(1, 7) for s in ("male", "female")])
def test_rope_bonus_from_own_grade_and_sex_mark(tables, grade, sex) -> None:
    base = Decimal(ROPE[grade][sex][0])
    assert [bonus_for("rope_skip_1min", base + d, grade, sex, tables) for d in (0, 1, 2, 3, 4, 39, 40, 41, 80)] == [
        0,
        0,
        1,
        1,
        2,
        19,
        20,
        20,
        20,
    ]


def test_grade_one_girls_rope_base_is_117_not_the_boys_109(tables) -> None:
    assert ROPE[1]["female"][0] == 117 and ROPE[1]["male"][0] == 109
    assert bonus_for("rope_skip_1min", Decimal(116), 1, "female", tables) == 0  # the known defect gave 3
    assert bonus_for("rope_skip_1min", Decimal(119), 1, "female", tables) == 1


def test_junior_bonus_from_the_check_rows(tables) -> None:
    # grade 7 boys: pull-up 100-point mark 13 (1 point per rep), 1000 m 235 s (4 s for the first point)
    assert [bonus_for("pull_up", Decimal(n), 7, "male", tables) for n in (13, 14, 22, 23, 30)] == [0, 1, 9, 10, 10]
    assert [bonus_for("run_1000m", Decimal(s), 7, "male", tables) for s in (235, 232, 231, 227, 200, 150)] == [
        0,
        0,
        1,
        2,
        10,
        10,
    ]
    # grade 9 girls: 800 m 205 s (5 s per point), sit-ups 52 (2 for the first point); boys' items give girls nothing
    assert [bonus_for("run_800m", Decimal(s), 9, "female", tables) for s in (205, 201, 200, 155)] == [0, 0, 1, 10]
    assert [bonus_for("sit_up_1min", Decimal(n), 9, "female", tables) for n in (53, 54, 65, 90)] == [0, 1, 10, 10]
    assert bonus_for("pull_up", Decimal(30), 9, "female", tables) == 0


def test_status_of_a_complete_primary_pupil(tables) -> None:
    s = score_pupil(
        PupilResult(
            1,
            "male",
            "120",
            "22",
            {"vital_capacity": "1000", "run_50m": "11", "sit_and_reach": "10", "rope_skip_1min": "100"},
        ),
        tables,
    )
    assert s.status is Status.SCORED and s.total is not None
