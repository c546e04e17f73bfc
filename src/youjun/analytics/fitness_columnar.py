"""The fitness standard scored as columns: Ibis expressions on DuckDB, for a district or a province.

The same rules as ``youjun.core.fitness.score_pupil`` (docs/fitness.md), written as grouped
expressions over a table of pupils (Arrow, Parquet, or any Ibis table), so 130,000 pupils or
3.5 million score in one query instead of one Python call each:

    pupils = pupils_table(con, "results/**/*.parquet")     # or con.create_table(name, arrow)
    scored = score_table(pupils, tables)                    # lazy: one row per pupil
    stats  = statistics_table(scored, tables)               # lazy: district/school/class × grade × sex
    rows   = statistics_rows(scored, tables)                # the rows of fitness_stats.statistics

The rules' tables are relations (``rules_relations``): thresholds (grade, sex, item, level,
score, threshold), BMI bands, weights, bonus steps, tested items, bounds. They are pivoted per
(grade, sex) and joined to the pupils, and every comparison is DECIMAL against DECIMAL (never a
float at a threshold). BMI is exact: with W = kg × 1000 and H = cm × 1000 (integers),
BMI × 10 = W·10⁸ / H², rounded half up by integer division — the core's ``Decimal`` result.
Rates and means are rounded half up by integer division too. Grades without loaded tables
(7–9 unless an overlay is loaded) are refused, exempt pupils are exempt, as in the core.

The pupils' table holds *parsed* values (what the ingest reader returns): ``district``,
``school``, ``class_code``, ``class_name``, ``pupil_id`` (strings), ``grade`` (integer),
``sex`` (male | female), ``exempt`` (boolean), ``height_cm``, ``weight_kg``, one column per item
key (seconds for runs) and ``vision_left``/``vision_right``, every number DECIMAL(12, 3) (a
value with more decimals is refused by Arrow, never rounded). A missing column is all blank.
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from youjun.core.fitness import FitnessTables, parse_number
from youjun.core.fitness.model import SEXES

VALUE = "decimal(12, 3)"
ARROW_VALUE = pa.decimal128(12, 3)
KEYS = ("district", "school", "class_code", "class_name", "pupil_id")
STATUSES = ("scored", "exempt", "incomplete", "refused")
LEVELS = ("excellent", "good", "pass", "fail")
BMI = ("normal", "underweight", "overweight", "obese")
VISION = ("normal", "mild", "moderate", "severe")
ALL = "all"
_views = itertools.count()  # names of the temporary relations made on the connection


@ibis.udf.scalar.builtin(name="divide")
def _idiv(a: int, b: int) -> int:  # type: ignore[empty-body]
    """DuckDB's integer division (exact; Ibis's ``//`` goes through a DOUBLE)."""


def _dec(value: Decimal | int | str, typ: str = VALUE) -> ir.Value:
    return ibis.literal(Decimal(str(value)), type=typ)


def item_keys(tables: FitnessTables) -> tuple[str, ...]:
    return tuple(k for k in tables.items if k != "bmi")


def pupil_schema(tables: FitnessTables) -> pa.Schema:
    numbers = ("height_cm", "weight_kg", *item_keys(tables), "vision_left", "vision_right")
    return pa.schema(
        [
            *((k, pa.string()) for k in KEYS),
            ("grade", pa.int16()),
            ("sex", pa.string()),
            ("exempt", pa.bool_()),
            *((k, ARROW_VALUE) for k in numbers),
        ]
    )


# --- the rules as relations -------------------------------------------------------------------


def rules_relations(tables: FitnessTables) -> dict[str, pa.Table]:
    """The loaded tables as long relations (Arrow), for the grades that can be scored."""
    grades = sorted(tables.scored_grades)
    thresholds: dict[str, list[Any]] = {k: [] for k in ("grade", "sex", "item", "level", "score", "threshold")}
    for item, by_grade in tables.scores.items():
        for g in grades:
            for sex, row in by_grade.get(g, {}).items():
                for level, (score, t) in enumerate(zip(tables.score_levels, row, strict=True), start=1):
                    for col, v in zip(thresholds, (g, sex, item, level, score, t), strict=True):
                        thresholds[col].append(v)
    bands: dict[str, list[Any]] = {k: [] for k in ("grade", "sex", "band", "lo", "hi", "score")}
    for g in grades:
        for sex, by_band in tables.bmi_bands[g].items():
            for band, (lo, hi) in by_band.items():
                for col, b in zip(bands, (g, sex, band, lo, hi, int(tables.bmi_scores[band])), strict=True):
                    bands[col].append(b)
    tested: dict[str, list[Any]] = {"grade": [], "sex": [], "item": [], "weight": []}
    for g in grades:
        for sex in SEXES:
            for item in tables.items_for(g, sex):
                for col, w in zip(tested, (g, sex, item, tables.weights[g][item]), strict=True):
                    tested[col].append(w)
    steps: dict[str, list[Any]] = {k: [] for k in ("grade", "sex", "item", "step", "required")}
    for g, sex, item, step, required in _bonus_steps(tables, grades):
        for col, x in zip(steps, (g, sex, item, step, required), strict=True):
            steps[col].append(x)
    bounds = {
        "item": [*tables.items, *tables.body_possible],
        "lo": [*(i.possible[0] for i in tables.items.values()), *(b[0] for b in tables.body_possible.values())],
        "hi": [*(i.possible[1] for i in tables.items.values()), *(b[1] for b in tables.body_possible.values())],
    }
    int16, dec = pa.int16(), ARROW_VALUE
    return {
        "thresholds": pa.table(
            thresholds,
            schema=pa.schema(
                [
                    ("grade", int16),
                    ("sex", pa.string()),
                    ("item", pa.string()),
                    ("level", int16),
                    ("score", int16),
                    ("threshold", dec),
                ]
            ),
        ),
        "bmi_bands": pa.table(
            bands,
            schema=pa.schema(
                [
                    ("grade", int16),
                    ("sex", pa.string()),
                    ("band", pa.string()),
                    ("lo", dec),
                    ("hi", dec),
                    ("score", int16),
                ]
            ),
        ),
        "tested": pa.table(
            tested,
            schema=pa.schema([("grade", int16), ("sex", pa.string()), ("item", pa.string()), ("weight", dec)]),
        ),
        "bonus_steps": pa.table(
            steps,
            schema=pa.schema(
                [("grade", int16), ("sex", pa.string()), ("item", pa.string()), ("step", int16), ("required", dec)]
            ),
        ),
        "bounds": pa.table(bounds, schema=pa.schema([("item", pa.string()), ("lo", dec), ("hi", dec)])),
    }


def _bonus_steps(tables: FitnessTables, grades: Sequence[int]) -> Iterable[tuple[int, str, str, int, Decimal]]:
    """(grade, sex, item, k, the value that earns point k): the bonus is the number of steps met.

    Rope: point k needs count − 100-point mark ≥ k × per_point (k ≤ max), which is the core's
    ⌊excess / per_point⌋ capped; junior items: k needs excess ≥ required_excess[k]."""
    for g in grades:
        for sex in SEXES:
            if g in tables.rope_grades:
                base = tables.row("rope_skip_1min", g, sex)[0]
                assert base is not None
                for k in range(1, tables.rope_max + 1):
                    yield g, sex, "rope_skip_1min", k, base + k * tables.rope_per_point
            if g not in tables.check_100:
                continue
            for item, spec in tables.junior_bonus.items():
                if spec.sex != sex:
                    continue
                base = tables.check_100[g][sex][item]
                lower = tables.items[item].direction == "lower_is_better"
                for k, need in enumerate(spec.required_excess[: spec.max], start=1):
                    yield g, sex, item, k, base - need if lower else base + need


def wide_rules(tables: FitnessTables) -> pa.Table:
    """The long relations pivoted to one row per (grade, sex) that can be scored: ``w_<item>``
    (weight, blank when the item is not tested), ``t_<item>_<level>`` (thresholds), ``lo_/hi_/s_
    <band>`` (BMI bands and their score), ``b_<item>_<k>`` (the value that earns bonus point k)."""
    rel = rules_relations(tables)
    rows: dict[tuple[int, str], dict[str, Any]] = {
        (g, sex): {"grade": g, "sex": sex, "scorable": True} for g in sorted(tables.scored_grades) for sex in SEXES
    }
    for r in rel["tested"].to_pylist():
        rows[(r["grade"], r["sex"])][f"w_{r['item']}"] = r["weight"]
    for r in rel["thresholds"].to_pylist():
        rows[(r["grade"], r["sex"])][f"t_{r['item']}_{r['level']}"] = r["threshold"]
    for r in rel["bmi_bands"].to_pylist():
        row = rows[(r["grade"], r["sex"])]
        row.update({f"lo_{r['band']}": r["lo"], f"hi_{r['band']}": r["hi"], f"s_{r['band']}": r["score"]})
    for r in rel["bonus_steps"].to_pylist():
        rows[(r["grade"], r["sex"])][f"b_{r['item']}_{r['step']}"] = r["required"]
    n = len(tables.score_levels)
    fields = [
        pa.field("grade", pa.int16()),
        pa.field("sex", pa.string()),
        pa.field("scorable", pa.bool_()),
        *(pa.field(f"w_{item}", ARROW_VALUE) for item in tables.items),
        *(pa.field(f"t_{item}_{i}", ARROW_VALUE) for item in item_keys(tables) for i in range(1, n + 1)),
        *(pa.field(f"{side}_{b}", ARROW_VALUE) for b in BMI for side in ("lo", "hi")),
        *(pa.field(f"s_{b}", pa.int16()) for b in BMI),
        *(pa.field(f"b_{item}_{k}", ARROW_VALUE) for item, most in _step_counts(tables).items()
          for k in range(1, most + 1)),
    ]  # fmt: skip
    schema = pa.schema(fields)
    return pa.table({f.name: [r.get(f.name) for r in rows.values()] for f in schema}, schema=schema)


def _wide_rules(con: Any, tables: FitnessTables) -> ir.Table:
    return con.create_table(f"_fitness_rules_{next(_views)}", wide_rules(tables), temp=True)


def _step_counts(tables: FitnessTables) -> dict[str, int]:
    counts: dict[str, int] = {}
    for _g, _sex, item, k, _req in _bonus_steps(tables, sorted(tables.scored_grades)):
        counts[item] = max(counts.get(item, 0), k)
    return counts


# --- the pupils ---------------------------------------------------------------------------------


def pupils_arrow(records: Iterable[Mapping[str, Any]], tables: FitnessTables) -> pa.Table:
    """Dicts (keys of ``pupil_schema``; numbers as Decimal, int or text) as the pupils' table."""
    schema = pupil_schema(tables)
    cols: dict[str, list[Any]] = {f.name: [] for f in schema}
    decimals = {f.name for f in schema if pa.types.is_decimal(f.type)}
    for r in records:
        for name, values in cols.items():
            v = r.get(name)
            if name in decimals and v is not None and not isinstance(v, Decimal):
                v = parse_number(v, name)
            elif name == "exempt":
                v = bool(v)
            values.append(v)
    return pa.table(cols, schema=schema)


def pupils_from_rows(rows: Iterable[Any], tables: FitnessTables, district: str = "", school: str = "") -> pa.Table:
    """The ingest reader's ``PupilRow``s (``youjun.ingest.fitness_workbook``) as the pupils' table."""

    def record(row: Any) -> dict[str, Any]:
        r = row.result
        return {
            "district": district,
            "school": school,
            "class_code": row.values.get("班级编号", ""),
            "class_name": row.values.get("班级名称", ""),
            "pupil_id": r.pupil_id,
            "grade": r.grade,
            "sex": r.sex,
            "exempt": r.exempt,
            "height_cm": r.height_cm,
            "weight_kg": r.weight_kg,
            "vision_left": row.vision_left,
            "vision_right": row.vision_right,
            **{k: v for k, v in r.items.items() if v is not None and v != ""},
        }

    return pupils_arrow((record(r) for r in rows), tables)


def pupils_table(con: Any, source: str | Path | pa.Table, name: str = "fitness_pupils") -> ir.Table:
    """A Parquet file/glob (hive partitions such as ``district=CODE/`` are read as columns) or an
    Arrow table, registered on ``con`` (an Ibis DuckDB connection)."""
    if isinstance(source, pa.Table):
        return con.create_table(name, source, temp=True, overwrite=True)
    return con.read_parquet(str(source), table_name=name, hive_partitioning=True)


def _complete(p: ir.Table, tables: FitnessTables) -> ir.Table:
    """Every column of the schema present and typed (a missing column is all blank)."""
    cols: dict[str, ir.Value] = {}
    for f in pupil_schema(tables):
        typ = VALUE if pa.types.is_decimal(f.type) else ("int16" if f.name == "grade" else str(f.type))
        typ = {"bool": "boolean"}.get(typ, typ)
        if f.name in p.columns:
            cols[f.name] = p[f.name].cast(typ)
        elif f.name == "exempt":
            cols[f.name] = ibis.literal(False)
        elif typ == "string":
            cols[f.name] = ibis.literal("", type="string")
        else:
            cols[f.name] = ibis.null(typ)
    return p.select(**cols)


# --- scoring ------------------------------------------------------------------------------------


def _in(value: ir.Value, lo: Decimal, hi: Decimal) -> ir.BooleanValue:
    return (value >= _dec(lo)) & (value <= _dec(hi))


def _barrier(con: Any, expr: ir.Table, stem: str) -> ir.Table:
    """``expr`` as a temporary DuckDB view: the next stage refers to its columns by name, so
    Ibis does not paste the (large) expressions of this stage into every use of them."""
    name = f"_fitness_{stem}_{next(_views)}"
    con.raw_sql(f'CREATE OR REPLACE TEMP VIEW "{name}" AS {con.compile(expr)}')
    return con.table(name)


def score_table(pupils: ir.Table, tables: FitnessTables) -> ir.Table:
    """One row per pupil: ``status``; per item ``<item>_score`` (and ``bonus_<item>`` where the item
    has bonus points); ``bmi``, ``bmi_category``, ``bmi_score``; ``standard``, ``bonus_total``,
    ``total``, ``level``; the vision categories — what ``score_pupil`` gives, as columns (blank
    where the core has none). Lazy; the pupils' backend must be DuckDB."""
    con = pupils._find_backend()
    first = _barrier(con, _stage_items(_complete(pupils, tables), _wide_rules(con, tables), tables), "items")
    return _stage_totals(first, tables)


def _stage_items(p: ir.Table, wide: ir.Table, tables: FitnessTables) -> ir.Table:
    """Per pupil, against the (grade, sex) row of the rules: status, item scores, BMI, the bonus
    steps met and Σ score × weight (not yet masked by the status)."""
    j = p.left_join(wide, ["grade", "sex"]).drop("grade_right", "sex_right")
    items = item_keys(tables)
    n = len(tables.score_levels)
    valid = j.grade.between(1, 9) & j.sex.isin(list(SEXES))
    exempt = valid & j.exempt.fill_null(False)
    scorable = valid & ~exempt & j.scorable.fill_null(False)
    # Problems (the core refuses): a result of an item not tested in the band, a result or a
    # height/weight outside the possible bounds.
    body = j.height_cm.notnull() & j.weight_kg.notnull()
    h_lo, h_hi = tables.body_possible["height_cm"]
    w_lo, w_hi = tables.body_possible["weight_kg"]
    body_ok = _in(j.height_cm, h_lo, h_hi) & _in(j.weight_kg, w_lo, w_hi)
    problem: ir.BooleanValue = body & ~body_ok
    missing: ir.BooleanValue = ~body
    cols: dict[str, ir.Value] = {}
    for item in items:
        v = j[item]
        tested = j[f"w_{item}"].notnull()
        lo, hi = tables.items[item].possible
        ok = _in(v, lo, hi)
        problem = problem | (v.notnull() & (~tested | ~ok))
        missing = missing | (tested & v.isnull())
        lower = tables.items[item].direction == "lower_is_better"
        levels = [
            ((v <= j[f"t_{item}_{i}"]) if lower else (v >= j[f"t_{item}_{i}"]), score)
            for i, score in zip(range(1, n + 1), tables.score_levels, strict=True)
        ]
        score = ibis.cases(*levels, else_=0)
        cols[f"{item}_score"] = ibis.cases((scorable & tested & v.notnull() & ok, score), else_=ibis.null("int64"))
    # BMI, exact: W = kg × 1000, H = cm × 1000 (integers); BMI × 10 = W·10⁸ / H², half up.
    wi = (j.weight_kg * 1000).cast("int64")
    hi2 = (j.height_cm * 1000).cast("int64") * (j.height_cm * 1000).cast("int64")
    bmi10 = _idiv(wi * 200_000_000 + hi2, hi2 * 2)
    has_bmi = scorable & body & body_ok
    bmi = ibis.cases(
        (has_bmi, (bmi10 * _dec("0.1", "decimal(2, 1)")).cast("decimal(12, 1)")), else_=ibis.null("decimal(12, 1)")
    )
    in_band = [
        ((j[f"lo_{b}"].isnull() | (bmi >= j[f"lo_{b}"])) & (j[f"hi_{b}"].isnull() | (bmi <= j[f"hi_{b}"])), b)
        for b in BMI
    ]
    category = ibis.cases((~has_bmi, ibis.null("string")), *in_band, else_=ibis.null("string"))
    problem = problem | (has_bmi & category.isnull())
    bmi_score = ibis.cases(*((category == b, j[f"s_{b}"]) for b in BMI), else_=ibis.null("int16")).cast("int64")
    status = ibis.cases(
        (~valid, "refused"),
        (exempt, "exempt"),
        (~scorable, "refused"),
        (problem, "refused"),
        (missing, "incomplete"),
        else_="scored",
    )
    for item, most in _step_counts(tables).items():
        v = j[item]
        lower = tables.items[item].direction == "lower_is_better"
        met = [
            ibis.cases(((v <= j[f"b_{item}_{k}"]) if lower else (v >= j[f"b_{item}_{k}"]), 1), else_=0)
            for k in range(1, most + 1)
        ]
        cols[f"steps_{item}"] = functools.reduce(operator.add, met)
    weighted = bmi_score.fill_null(0) * j.w_bmi.fill_null(_dec(0))
    for item in items:
        weighted = weighted + cols[f"{item}_score"].fill_null(0) * j[f"w_{item}"].fill_null(_dec(0))
    worse = ibis.cases(
        (j.vision_left.isnull(), j.vision_right),
        (j.vision_right.isnull(), j.vision_left),
        else_=ibis.least(j.vision_left, j.vision_right),
    )
    return j.select(
        *KEYS,
        "grade",
        "sex",
        status=status,
        **cols,
        bmi=bmi,
        bmi_category=category,
        bmi_score=bmi_score,
        weighted=weighted.cast("decimal(18, 3)"),
        vision_left=_vision(j.vision_left, tables),
        vision_right=_vision(j.vision_right, tables),
        vision_pupil=_vision(worse, tables),
    )


def _stage_totals(s: ir.Table, tables: FitnessTables) -> ir.Table:
    """Bonus (of a scored or incomplete pupil), standard, total and level (of a scored one)."""
    scored = s.status == "scored"
    counted = s.status.isin(["scored", "incomplete"])
    steps = _step_counts(tables)
    bonus = {
        f"bonus_{item}": ibis.cases(
            (counted & s[f"{item}_score"].notnull(), s[f"steps_{item}"]), else_=ibis.null("int64")
        )
        for item in steps
    }
    bonus_sum: ir.IntegerValue = ibis.literal(0, type="int64")
    for item in steps:
        bonus_sum = bonus_sum + s[f"steps_{item}"].fill_null(0)
    bonus_total = ibis.least(bonus_sum, tables.bonus_max)
    standard = (s.weighted * _dec("0.01", "decimal(3, 2)")).cast("decimal(18, 4)")
    raw_total = ibis.least(standard + bonus_total.cast("decimal(18, 4)"), _dec(tables.total_max, "decimal(18, 4)"))
    opt = tables.options["total_rounding"]
    decimals = int(opt["decimals"])
    scaled = raw_total * _dec(10**decimals, "decimal(18, 0)")
    if opt["mode"] == "half_up":
        scaled = scaled + _dec("0.5", "decimal(2, 1)")
    elif opt["mode"] != "down":
        raise ValueError(f"total_rounding mode {opt['mode']!r}")
    total_type = f"decimal(18, {decimals})"
    total = (scaled.floor().cast("int64") * _dec(Decimal(1).scaleb(-decimals), total_type)).cast(total_type)
    level = ibis.cases(*((total >= _dec(m, total_type), k) for k, m in tables.levels), else_=tables.levels[-1][0])
    return s.select(
        *KEYS,
        "grade",
        "sex",
        "status",
        *(f"{item}_score" for item in item_keys(tables)),
        **bonus,
        bmi=s.bmi,
        bmi_category=s.bmi_category,
        bmi_score=s.bmi_score,
        standard=ibis.cases((scored, standard), else_=ibis.null("decimal(18, 4)")),
        bonus_total=ibis.cases((scored, bonus_total), else_=ibis.null("int64")),
        total=ibis.cases((scored, total), else_=ibis.null(total_type)),
        level=ibis.cases((scored, level), else_=ibis.null("string")),
        vision_left=s.vision_left,
        vision_right=s.vision_right,
        vision_pupil=s.vision_pupil,
    )


def _vision(value: ir.Value, tables: FitnessTables) -> ir.StringValue:
    cats = tables.vision["categories"]
    rules = [(value >= _dec(str(c["min"])), str(c["key"])) for c in cats]
    return ibis.cases((value.isnull(), ibis.null("string")), *rules, else_=str(cats[-1]["key"]))


# --- statistics ---------------------------------------------------------------------------------


def _counts(s: ir.Table, keys: Sequence[str]) -> ir.Table:
    def n(cond: ir.BooleanValue) -> ir.IntegerValue:
        return ibis.cases((cond, 1), else_=0).cast("int64").sum()

    return s.group_by(list(keys)).aggregate(
        class_name=s.class_name.max(),
        pupils=s.count(),
        **{st: n(s.status == st) for st in STATUSES},
        tested=n(s.status != "exempt"),
        **{f"level_{k}": n(s.level == k) for k in LEVELS},
        sum_total=s.total.sum(),
        **{f"bmi_{k}": n(s.bmi_category == k) for k in BMI},
        **{f"vision_{side}_{k}": n(s[f"vision_{side}"] == k) for side in ("left", "right", "pupil") for k in VISION},
    )


def _pct(part: ir.IntegerValue, whole: ir.IntegerValue) -> ir.FloatingValue:
    """part / whole in percent, rounded half up to one decimal (integer division)."""
    tenths = _idiv(part * 2000 + whole, whole * 2)
    return ibis.cases((whole > 0, tenths.cast("float64") / 10.0), else_=ibis.null("float64"))


def statistics_table(scored: ir.Table, tables: FitnessTables) -> ir.Table:
    """Per district: (district | school | class) × (grade | all) × (sex | all), the counts and
    rates of ``youjun.analytics.fitness_stats`` (rates of the scored pupils; exempt pupils in no
    denominator). One pass over the pupils, then roll-ups of the small per-class table."""
    s = scored.mutate(grade=scored.grade.cast("string"))
    base = _counts(s, ["district", "school", "class_code", "grade", "sex"])
    sums = [c for c in base.columns if c not in ("district", "school", "class_code", "grade", "sex", "class_name")]
    parts = []
    for scope, keep in (("district", ()), ("school", ("school",)), ("class", ("school", "class_code"))):
        for by_grade in (True, False):
            if scope == "class" and not by_grade:
                continue  # a class is one grade: its "all grades" row repeats it
            for by_sex in (True, False):
                keys = ["district", *keep, *(["grade"] if by_grade else []), *(["sex"] if by_sex else [])]
                agg = base.group_by(keys).aggregate(
                    class_name=base.class_name.max(), **{c: base[c].sum() for c in sums}
                )
                parts.append(
                    agg.select(
                        scope=ibis.literal(scope),
                        district=agg.district,
                        school=agg.school if "school" in keep else ibis.literal(""),
                        class_code=agg.class_code if "class_code" in keep else ibis.literal(""),
                        class_name=agg.class_name if scope == "class" else ibis.literal(""),
                        grade=agg.grade if by_grade else ibis.literal(ALL),
                        sex=agg.sex if by_sex else ibis.literal(ALL),
                        **{c: agg[c] for c in sums},
                    )
                )
    u = ibis.union(*parts, distinct=False)
    d = tables.options["total_rounding"]["decimals"]
    total_units = (u.sum_total * _dec(10 ** int(d), "decimal(18, 0)")).cast("int64")  # sum of totals × 10^d, exact
    mean10 = _idiv(total_units * 20 + u.scored * 10 ** int(d), u.scored * 2 * 10 ** int(d))
    return u.mutate(
        excellent_rate=_pct(u.level_excellent, u.scored),
        good_or_better_rate=_pct(u.level_excellent + u.level_good, u.scored),
        pass_rate=_pct(u.scored - u.level_fail, u.scored),
        mean_total=ibis.cases((u.scored > 0, mean10.cast("float64") / 10.0), else_=ibis.null("float64")),
    ).drop("sum_total")


ORDER = {"district": 0, "school": 1, "class": 2}
STAT_KEYS = (
    "scope", "school", "class_code", "class_name", "grade", "sex", "pupils", "exempt", "incomplete", "refused",
    "scored", "tested", *(f"level_{k}" for k in LEVELS), *(f"bmi_{k}" for k in BMI),
    *(f"vision_{side}_{k}" for side in ("left", "right", "pupil") for k in VISION),
    "excellent_rate", "good_or_better_rate", "pass_rate", "mean_total",
)  # fmt: skip


def statistics_rows(scored: ir.Table, tables: FitnessTables) -> list[dict[str, Any]]:
    """``statistics_table`` as the list of ``fitness_stats.statistics`` (same keys, order and
    values), with the district code under ``district``."""
    arrow = statistics_table(scored, tables).to_pyarrow()
    rows = arrow.to_pylist()
    rows.sort(
        key=lambda r: (
            r["district"], ORDER[r["scope"]], r["school"], r["class_code"], r["grade"] == ALL, r["grade"],
            r["sex"] == ALL, r["sex"],
        )
    )  # fmt: skip
    return [{"district": r["district"], **{k: r[k] for k in STAT_KEYS}} for r in rows]
