from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from youjun.core.fitness import FitnessTables, load_tables
from youjun.core.fitness.tables import JUNIOR

RULES = Path(__file__).resolve().parents[2] / "rules" / "fitness-2014"


@pytest.fixture(scope="session")
def tables() -> FitnessTables:
    return load_tables()


def synthetic_overlay(tables: FitnessTables) -> dict[str, Any]:
    """A complete junior overlay made up in the test — SYNTHETIC, never shipped in rules/.

    Its 100-point row and normal BMI band are the real check rows; every other level is an
    invented step away from them (so it is monotone), and pull-ups leave two levels blank."""
    scores: dict[str, Any] = {}
    bmi: dict[int, Any] = {}
    for g in JUNIOR:
        bmi[g] = {}
        for sex in ("male", "female"):
            for item, top in tables.check_100[g][sex].items():
                info = tables.items[item]
                step = {"1": 1, "0.1": 0.3}[str(info.precision)] if item not in ("vital_capacity",) else 40
                sign = 1 if info.direction == "lower_is_better" else -1
                row: list[Any] = [
                    float(top) + sign * step * i
                    if "." in str(top) or step != int(step)
                    else int(top) + sign * int(step) * i
                    for i in range(20)
                ]
                if item == "pull_up":
                    row = [int(top) - i for i in range(20)]
                    row = [v if v >= 0 else None for v in row]
                    row[5] = None  # a level the annex leaves blank
                row = [round(v, 1) if isinstance(v, float) else v for v in row]
                scores.setdefault(item, {}).setdefault(g, {})[sex] = row
            lo, hi = tables.check_bmi_normal[g][sex]
            assert lo is not None and hi is not None
            bmi[g][sex] = {
                "underweight": [None, float(lo) - 0.1],
                "normal": [float(lo), float(hi)],
                "overweight": [round(float(hi) + 0.1, 1), round(float(hi) + 3, 1)],
                "obese": [round(float(hi) + 3.1, 1), None],
            }
            bmi[g][sex]["underweight"][1] = round(bmi[g][sex]["underweight"][1], 1)
    return {
        "name": "synthetic-junior-test",
        "synthetic": True,
        "title": {"zh": "测试用虚构初中评分表（非真实数据）", "en": "Made-up junior tables for tests (not real)"},
        "reference": {"document": "synthetic", "number": "", "article": "", "confidence": "U"},
        "scores": scores,
        "bmi_bands": bmi,
    }


@pytest.fixture()
def overlay_file(tmp_path: Path, tables: FitnessTables) -> Path:
    path = tmp_path / "junior-synthetic.yaml"
    path.write_text(yaml.safe_dump(synthetic_overlay(tables), allow_unicode=True), encoding="utf-8")
    return path
