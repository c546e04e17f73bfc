"""The columnar fitness scoring (Ibis on DuckDB) agrees with the core's ``score_pupil`` exactly:
item scores, BMI and its category, bonus, standard score, total, level and status, pupil by
pupil, and the statistics row by row (``fitness_stats.statistics``)."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis
import pyarrow.parquet as pq
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from youjun.analytics import fitness_columnar as fc
from youjun.analytics.fitness_stats import StatRecord, statistics
from youjun.core.fitness import FitnessTables, PupilResult, Scored, Status, load_tables, score_pupil
from youjun.core.fitness.tables import JUNIOR

UNIT = {"1": Decimal(1), "0.1": Decimal("0.1")}


@pytest.fixture(scope="module")
def tables() -> FitnessTables:
    return load_tables()


def _time_text(value: Decimal) -> str:
    """A run time in seconds written as min'sec (so the core reads the same seconds back)."""
    minutes, seconds = divmod(value, 60)
    return f"{int(minutes)}'{'0' if seconds < 10 else ''}{seconds}"


def core_result(p: dict[str, Any], tables: FitnessTables) -> PupilResult:
    items: dict[str, Any] = {}
    for key in fc.item_keys(tables):
        v = p.get(key)
        if v is not None:
            items[key] = _time_text(v) if tables.items[key].min_sec else str(v)
    body = {k: (None if p.get(k) is None else str(p[k])) for k in ("height_cm", "weight_kg")}
    return PupilResult(p["grade"], p["sex"], body["height_cm"], body["weight_kg"], items, exempt=p.get("exempt", False))


def core_view(s: Scored) -> dict[str, Any]:
    scored = s.status is Status.SCORED
    return {
        "status": s.status.value,
        "items": {i.key: i.score for i in s.items if i.key != "bmi"},
        "bmi": s.bmi,
        "bmi_category": s.bmi_category,
        "bmi_score": next((i.score for i in s.items if i.key == "bmi"), None),
        "bonus": dict(s.bonus),
        "standard": s.standard,
        "bonus_total": s.bonus_total if scored else None,
        "total": s.total,
        "level": s.level,
    }


def columnar_view(r: dict[str, Any], tables: FitnessTables) -> dict[str, Any]:
    return {
        "status": r["status"],
        "items": {k: r[f"{k}_score"] for k in fc.item_keys(tables) if r[f"{k}_score"] is not None},
        "bmi": r["bmi"],
        "bmi_category": r["bmi_category"],
        "bmi_score": r["bmi_score"],
        "bonus": {k[len("bonus_") :]: v for k, v in r.items() if k.startswith("bonus_") and k != "bonus_total" and v},
        "standard": r["standard"],
        "bonus_total": r["bonus_total"],
        "total": r["total"],
        "level": r["level"],
    }


def score_both(pupils: list[dict[str, Any]], tables: FitnessTables) -> tuple[list[Scored], list[dict[str, Any]]]:
    core = [score_pupil(core_result(p, tables), tables) for p in pupils]
    con = ibis.duckdb.connect()
    table = fc.pupils_table(con, fc.pupils_arrow(pupils, tables))
    rows = fc.score_table(table, tables).to_pyarrow().to_pylist()
    order = {p["pupil_id"]: i for i, p in enumerate(pupils)}
    return core, sorted(rows, key=lambda r: order[r["pupil_id"]])


def assert_same(pupils: list[dict[str, Any]], tables: FitnessTables) -> list[Scored]:
    core, rows = score_both(pupils, tables)
    assert [r["pupil_id"] for r in rows] == [p["pupil_id"] for p in pupils]  # one row per pupil, in order
    for p, s, r in zip(pupils, core, rows, strict=True):
        assert columnar_view(r, tables) == core_view(s), p
    return core


# --- a generated district: every threshold, one unit each side --------------------------------


def _pupil(i: int, grade: int, sex: str, school: str = "S1", **values: Any) -> dict[str, Any]:
    cls = f"{grade}{1 + i % 3:02d}"
    return {
        "district": "500118",
        "school": school,
        "class_code": f"{school}-{cls}",
        "class_name": f"{grade}年级{cls[-1]}班",
        "pupil_id": f"P{i:06d}",
        "grade": grade,
        "sex": sex,
        **values,
    }


def district(tables: FitnessTables, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    out: list[dict[str, Any]] = []

    def add(grade: int, sex: str, **values: Any) -> None:
        n = len(out)
        out.append(_pupil(n, grade, sex, school=f"S{1 + n % 3}", **values))

    offsets = (Decimal(-1), Decimal(0), Decimal(1))
    for grade in range(1, 7):
        for sex in ("male", "female"):
            keys = [k for k in tables.items_for(grade, sex) if k != "bmi"]
            # Every item's every threshold at, and one recording unit either side of, the mark.
            for i in range(20 * 3 * 2):
                values: dict[str, Any] = {}
                for j, key in enumerate(keys):
                    row = tables.row(key, grade, sex)
                    level = (i + 7 * j + rng.randrange(3) * (i // 60)) % 20
                    unit = UNIT[str(tables.items[key].precision)]
                    t = row[level]
                    assert t is not None
                    values[key] = t + offsets[(i // 20) % 3] * unit
                h = Decimal(rng.randrange(1050, 1700)) / 10
                w = (Decimal(rng.randrange(140, 260)) / 10 * h * h / 10000).quantize(Decimal("0.1"))
                add(
                    grade,
                    sex,
                    height_cm=h,
                    weight_kg=w,
                    vision_left=Decimal(rng.randrange(38, 54)) / 10,
                    vision_right=None if i % 17 == 0 else Decimal(rng.randrange(38, 54)) / 10,
                    **values,
                )
            base = tables.row("rope_skip_1min", grade, sex)[0]
            assert base is not None
            typical = {k: tables.row(k, grade, sex)[8] for k in keys}
            # Rope bonus: each step, one skip either side, past the 20-point cap.
            for excess in (-1, 0, 1, 2, 3, 4, 39, 40, 41, 42, 60):
                add(
                    grade,
                    sex,
                    height_cm=Decimal(130),
                    weight_kg=Decimal(30),
                    **{**typical, "rope_skip_1min": base + excess},
                )
            # BMI: at each band bound, 0.05 below it (rounds up to it) and 0.001 below that.
            for lo, hi in tables.bmi_bands[grade][sex].values():
                for bound in (b for b in (lo, hi) if b is not None):
                    for delta in (Decimal(0), Decimal("-0.05"), Decimal("-0.051"), Decimal("0.05"), Decimal("0.049")):
                        bmi = bound + delta
                        add(grade, sex, height_cm=Decimal(100), weight_kg=bmi, **typical)
                        add(grade, sex, height_cm=Decimal(200), weight_kg=bmi * 4, **typical)
            # Exempt, incomplete, refused.
            add(grade, sex, exempt=True, height_cm=Decimal(120), weight_kg=Decimal(25), **typical)
            add(grade, sex, height_cm=Decimal(120), weight_kg=Decimal(25), **{**typical, keys[-1]: None})
            add(grade, sex, height_cm=None, weight_kg=Decimal(25), **typical)
            add(grade, sex, height_cm=Decimal(120), weight_kg=Decimal(250), **typical)
            add(grade, sex, height_cm=Decimal(120), weight_kg=Decimal(25), **{**typical, "vital_capacity": Decimal(99)})
            add(grade, sex, height_cm=Decimal(120), weight_kg=Decimal(25), **typical, standing_long_jump=Decimal(150))
    for grade in JUNIOR:  # not scored without the junior tables (refused), exempt stays exempt
        for sex in ("male", "female"):
            add(
                grade,
                sex,
                height_cm=Decimal(160),
                weight_kg=Decimal(50),
                run_50m=Decimal("8.5"),
                vital_capacity=Decimal(3000),
            )
            add(grade, sex, exempt=True)
    return out


def test_district_agrees_pupil_by_pupil_and_in_statistics(tables: FitnessTables) -> None:
    pupils = district(tables)
    assert len(pupils) > 2000
    core = assert_same(pupils, tables)
    statuses = {s.status for s in core}
    assert statuses == set(Status)
    totals = [s.total for s in core if s.total is not None]
    assert any(s.standard is not None and (s.standard * 100) % 10 == 5 for s in core)  # a .x5 to round
    assert {s.level for s in core if s.level} == {"excellent", "good", "pass", "fail"}
    assert Decimal("60.0") in totals or Decimal("59.9") in totals or len(totals) > 1000
    assert {s.bmi_category for s in core if s.bmi_category} == set(fc.BMI)
    # The statistics: the core's (fitness_stats) and the columnar, row by row.
    records = [
        StatRecord(s, p["school"], p["class_code"], p["class_name"], p.get("vision_left"), p.get("vision_right"))
        for p, s in zip(pupils, core, strict=True)
    ]
    expected = statistics(records, tables)
    con = ibis.duckdb.connect()
    got = fc.statistics_rows(fc.score_table(fc.pupils_table(con, fc.pupils_arrow(pupils, tables)), tables), tables)
    assert [{k: v for k, v in r.items() if k != "district"} for r in got] == expected


def test_bmi_is_exact_at_the_half(tables: FitnessTables) -> None:
    """14.872 kg at 104 cm is BMI 13.75 exactly: half up, 13.8. In DOUBLE, 14.872 / 1.04² × 10
    is 137.49999999999997 and would round to 13.7."""
    pairs = [
        ("100", "17.35", "17.4"),
        ("100", "17.349", "17.3"),
        ("104", "14.872", "13.8"),
        ("112", "20.384", "16.3"),
        ("112", "23.52", "18.8"),
        ("133.3", "30.9", "17.4"),
    ]
    pupils = [_pupil(i, 1, "male", height_cm=Decimal(h), weight_kg=Decimal(w)) for i, (h, w, _bmi) in enumerate(pairs)]
    core, rows = score_both(pupils, tables)
    assert [r["bmi"] for r in rows] == [s.bmi for s in core] == [Decimal(b) for _h, _w, b in pairs]


def test_parquet_partitioned_by_district(tables: FitnessTables, tmp_path: Path) -> None:
    """A province's layout (district=CODE/*.parquet): statistics per district, as if run alone."""
    pupils = district(tables)[:600]
    other = [{**p, "district": "500119", "pupil_id": "Q" + p["pupil_id"]} for p in pupils[:300]]
    for code, part in (("500118", pupils), ("500119", other)):
        (tmp_path / f"district={code}").mkdir()
        arrow = fc.pupils_arrow(part, tables).drop_columns(["district"])
        pq.write_table(arrow, tmp_path / f"district={code}" / "part-0.parquet")
    con = ibis.duckdb.connect()
    rows = fc.statistics_rows(fc.score_table(fc.pupils_table(con, str(tmp_path / "**" / "*.parquet")), tables), tables)
    for code, part in (("500118", pupils), ("500119", other)):
        alone = fc.statistics_rows(
            fc.score_table(fc.pupils_table(con, fc.pupils_arrow(part, tables), "x"), tables), tables
        )
        assert [r for r in rows if r["district"] == code] == alone
    assert {r["district"] for r in rows} == {"500118", "500119"}


def test_junior_grades_with_an_overlay(tables: FitnessTables, tmp_path: Path) -> None:
    """With a (synthetic) junior overlay, grades 7–9 score, junior bonus included, as the core."""
    from tests.fitness.conftest import synthetic_overlay

    path = tmp_path / "junior.yaml"
    path.write_text(yaml.safe_dump(synthetic_overlay(tables), allow_unicode=True), encoding="utf-8")
    junior = load_tables(overlay=path)
    rng = random.Random(3)
    pupils = []
    for i in range(400):
        grade, sex = 7 + i % 3, ("male", "female")[i // 3 % 2]
        values: dict[str, Any] = {}
        for key in (k for k in junior.items_for(grade, sex) if k != "bmi"):
            row = [t for t in junior.row(key, grade, sex) if t is not None]
            t = row[rng.randrange(len(row))]
            bump = UNIT[str(junior.items[key].precision)] * rng.choice((-1, 0, 1))
            top = junior.check_100[grade][sex].get(key)
            if top is not None and i % 4 == 0:  # bonus territory
                lower = junior.items[key].direction == "lower_is_better"
                t = top + (-1 if lower else 1) * Decimal(rng.randrange(0, 40))
            values[key] = t + bump
        pupils.append(
            _pupil(
                i,
                grade,
                sex,
                height_cm=Decimal(rng.randrange(1400, 1800)) / 10,
                weight_kg=Decimal(rng.randrange(350, 800)) / 10,
                **values,
            )
        )
    core = assert_same(pupils, junior)
    assert any(s.bonus for s in core) and sum(s.status is Status.SCORED for s in core) > 300


# --- a property: random pupils, random values (in, at and out of bounds) ------------------------


def _value(key: str) -> st.SearchStrategy[Decimal | None]:
    t = load_tables()
    lo, hi = t.items[key].possible
    places = st.sampled_from([0, 1, 2])
    return st.one_of(
        st.none(),
        st.builds(
            lambda x, p: Decimal(x).quantize(Decimal(1).scaleb(-p)),
            st.decimals(
                min_value=max(Decimal(0) if t.items[key].min_sec else lo - 10, lo - 10),
                max_value=hi + 10,
                allow_nan=False,
                allow_infinity=False,
                places=2,
            ),
            places,
        ),
    )


def _pupils() -> st.SearchStrategy[list[dict[str, Any]]]:
    t = load_tables()
    tenth = st.integers(0, 10).map(lambda x: None if x == 0 else Decimal(x + 42) / 10)
    pupil = st.fixed_dictionaries(
        {
            "grade": st.integers(1, 9),
            "sex": st.sampled_from(["male", "female"]),
            "exempt": st.integers(0, 5).map(lambda x: x == 0),
            "height_cm": st.one_of(st.none(), st.integers(550, 2000).map(lambda x: Decimal(x) / 10)),
            "weight_kg": st.one_of(st.none(), st.integers(70, 1200).map(lambda x: Decimal(x) / 10)),
            "vision_left": tenth,
            "vision_right": tenth,
            **{k: _value(k) for k in fc.item_keys(t)},
        }
    )
    return st.lists(pupil, min_size=1, max_size=60)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_pupils())
def test_random_pupils_agree(batch: list[dict[str, Any]]) -> None:
    t = load_tables()
    pupils = [_pupil(i, **p) for i, p in enumerate(batch)]
    core = assert_same(pupils, t)
    records = [
        StatRecord(s, p["school"], p["class_code"], p["class_name"], p["vision_left"], p["vision_right"])
        for p, s in zip(pupils, core, strict=True)
    ]
    con = ibis.duckdb.connect()
    got = fc.statistics_rows(fc.score_table(fc.pupils_table(con, fc.pupils_arrow(pupils, t)), t), t)
    assert [{k: v for k, v in r.items() if k != "district"} for r in got] == statistics(records, t)
