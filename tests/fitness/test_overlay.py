"""Junior tables as a district overlay: a SYNTHETIC complete overlay (made in the test, never
shipped) for the positive case, and broken copies of it for each catalogued error."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.fitness.conftest import synthetic_overlay
from youjun.core.fitness import FitnessError, PupilResult, Status, load_tables, score_pupil


def _write(tmp_path: Path, data: Any, name: str = "o.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _codes(tmp_path: Path, data: Any) -> list[str]:
    with pytest.raises(FitnessError) as exc:
        load_tables(overlay=_write(tmp_path, data))
    return [p.code for p in exc.value.problems]


def test_synthetic_overlay_scores_a_junior_pupil(overlay_file, tables) -> None:
    loaded = load_tables(overlay=overlay_file)
    assert loaded.overlay == "synthetic-junior-test" and loaded.overlay_synthetic
    pupil = PupilResult(
        7,
        "male",
        "160",
        "50",
        {
            "vital_capacity": "3640",
            "run_50m": "7.8",
            "sit_and_reach": "17.6",
            "standing_long_jump": "225",
            "pull_up": "15",
            "run_1000m": "3'55\"",
        },
    )
    s = score_pupil(pupil, loaded)
    assert s.status is Status.SCORED
    assert all(i.score == 100 for i in s.items) and s.bonus == {"pull_up": 2}
    assert str(s.total) == "102.0"
    assert score_pupil(pupil, tables).status is Status.REFUSED  # the shipped tables still refuse


def test_null_pull_up_level_is_not_attainable(overlay_file) -> None:
    loaded = load_tables(overlay=overlay_file)
    row = loaded.row("pull_up", 7, "male")
    assert row[5] is None  # 78 points left blank: 8 reps scores 76, the next level met
    pupil = PupilResult(
        7,
        "male",
        "160",
        "50",
        {
            "vital_capacity": "3640",
            "run_50m": "7.8",
            "sit_and_reach": "17.6",
            "standing_long_jump": "225",
            "pull_up": str(row[6]),
            "run_1000m": "235",
        },
    )
    assert score_pupil(pupil, loaded).item("pull_up").score == 76


def test_missing_table(tmp_path, tables) -> None:
    data = synthetic_overlay(tables)
    del data["scores"]["run_50m"][8]["female"]
    assert _codes(tmp_path, data) == ["E1031"]


def test_wrong_length(tmp_path, tables) -> None:
    data = synthetic_overlay(tables)
    data["scores"]["vital_capacity"][9]["male"].pop()
    assert _codes(tmp_path, data) == ["E1032"]


def test_not_monotone_and_null_outside_pull_ups(tmp_path, tables) -> None:
    data = synthetic_overlay(tables)
    row = data["scores"]["sit_and_reach"][7]["female"]
    row[3] = row[2]  # a repeat
    data["scores"]["standing_long_jump"][7]["male"][4] = None
    with pytest.raises(FitnessError) as exc:
        load_tables(overlay=_write(tmp_path, data))
    found = [(p.code, dict(p.context)["level"]) for p in exc.value.problems]
    assert found == [("E1033", 80), ("E1033", 85)]
    assert "7年级女生" in exc.value.problems[1].message("zh")


def test_check_row_and_bmi_band(tmp_path, tables) -> None:
    data = synthetic_overlay(tables)
    data["scores"]["run_800m"][9]["female"] = [x - 1 for x in data["scores"]["run_800m"][9]["female"]]
    bands = data["bmi_bands"][8]["male"]
    bands["normal"][0] = round(bands["normal"][0] + 0.1, 1)
    bands["underweight"][1] = round(bands["underweight"][1] + 0.1, 1)
    assert sorted(_codes(tmp_path, data)) == ["E1034", "E1035"]


def test_bmi_not_contiguous(tmp_path, tables) -> None:
    data = synthetic_overlay(tables)
    data["bmi_bands"][7]["female"]["obese"][0] = round(data["bmi_bands"][7]["female"]["obese"][0] + 0.2, 1)
    assert _codes(tmp_path, data) == ["E1036"]


def test_unreadable_and_wrong_shape(tmp_path, tables) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"scores: [\xff")
    with pytest.raises(FitnessError) as exc:
        load_tables(overlay=bad)
    assert [p.code for p in exc.value.problems] == ["E1037"]
    data = copy.deepcopy(synthetic_overlay(tables))
    data["scores"]["run_50m"][6] = data["scores"]["run_50m"][7]
    assert _codes(tmp_path, data) == ["E1037"]  # primary grades cannot be overlaid
    assert _codes(tmp_path, {"name": "x"}) == ["E1037"]
