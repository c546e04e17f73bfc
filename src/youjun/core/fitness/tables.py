"""The standard's tables as data: ``rules/fitness-2014/*.yaml`` (+ an optional district overlay).

``load_tables()`` reads the folder once (cached) and returns :class:`FitnessTables`, every
number a ``Decimal``. Grades 7–9 have only their check rows (the 100-point thresholds and the
normal BMI band) until a district loads the official annex as an overlay
(``load_tables(overlay=path)``), validated here before use: every grade × sex × item with 20
thresholds, monotone in the item's direction, the 100-point row equal to the check row, the
normal BMI band equal to the check band, the four BMI bands contiguous.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from youjun.core.errors import Location, Problem
from youjun.core.fitness.errors import FitnessError, fitness_problem
from youjun.core.fitness.model import FEMALE, MALE, SEX_EN, SEX_ZH, SEXES
from youjun.core.rules import rules_root

FOLDER = "fitness-2014"
MANIFEST = "standard.yaml"
JUNIOR = (7, 8, 9)
BMI_BANDS = ("underweight", "normal", "overweight", "obese")
# Items whose annex table leaves some levels blank ("—"): written as null, "not attainable".
NULL_ALLOWED = frozenset({"pull_up"})
TENTH = Decimal("0.1")

Row = tuple[Decimal | None, ...]  # 20 thresholds, for 100, 95, … 10 points
Band = tuple[Decimal | None, Decimal | None]  # inclusive (min, max); None = open


@dataclass(frozen=True)
class ItemInfo:
    key: str
    zh: str
    en: str
    unit: str
    unit_zh: str
    direction: str  # higher_is_better | lower_is_better | band
    precision: Decimal
    min_sec: bool
    possible: tuple[Decimal, Decimal]


@dataclass(frozen=True)
class JuniorBonus:
    item: str
    sex: str
    max: int
    required_excess: tuple[Decimal, ...]  # the excess needed for 1, 2, … max points


@dataclass(frozen=True)
class FitnessTables:
    name: str
    version: str
    items: Mapping[str, ItemInfo]
    band_items: Mapping[int, Mapping[str, tuple[str, ...]]]  # grade -> sex -> item keys (bmi included)
    weights: Mapping[int, Mapping[str, Decimal]]  # grade -> item -> percent
    score_levels: tuple[int, ...]  # 100, 95, … 10
    level_of_score: Mapping[int, str]
    levels: tuple[tuple[str, Decimal], ...]  # (key, min total), highest first
    level_names: Mapping[str, tuple[str, str]]  # key -> (zh, en)
    scores: Mapping[str, Mapping[int, Mapping[str, Row]]]  # item -> grade -> sex -> row
    bmi_bands: Mapping[int, Mapping[str, Mapping[str, Band]]]  # grade -> sex -> band -> (min, max)
    bmi_scores: Mapping[str, int]
    body_possible: Mapping[str, tuple[Decimal, Decimal]]
    rope_per_point: Decimal
    rope_max: int
    rope_grades: tuple[int, ...]
    junior_bonus: Mapping[str, JuniorBonus]
    bonus_max: int
    total_max: int
    check_100: Mapping[int, Mapping[str, Mapping[str, Decimal]]]  # junior grade -> sex -> item -> 100-pt
    check_bmi_normal: Mapping[int, Mapping[str, Band]]
    vision: Mapping[str, Any]
    options: Mapping[str, Any]
    overlay: str = ""  # the overlay's name when one is loaded
    overlay_synthetic: bool = False
    scored_grades: frozenset[int] = field(default_factory=frozenset)

    def scorable(self, grade: int) -> bool:
        """True when every item table of the grade is loaded (grades 1–6; 7–9 with an overlay)."""
        return grade in self.scored_grades

    def row(self, item: str, grade: int, sex: str) -> Row:
        return self.scores[item][grade][sex]

    def items_for(self, grade: int, sex: str) -> tuple[str, ...]:
        return self.band_items[grade][sex]


def _dec(value: Any, where: str, file: str) -> Decimal:
    if isinstance(value, bool):
        raise FitnessError.of("E1030", file=file, detail=f"{where}: {value!r} is not a number")
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise FitnessError.of("E1030", file=file, detail=f"{where}: {value!r} is not a number") from None


def _opt_dec(value: Any, where: str, file: str) -> Decimal | None:
    return None if value is None else _dec(value, where, file)


def _read(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.safe_load(f)
    except FileNotFoundError:
        raise FitnessError.of("E1030", file=str(path), detail="missing") from None
    except yaml.YAMLError as exc:
        raise FitnessError.of("E1030", file=str(path), detail=f"YAML: {exc}") from None


def _in_force(path: Path, as_of: dt.date) -> Any:
    raw = _read(path)
    if not isinstance(raw, dict) or "reference" not in raw or not isinstance(raw.get("values"), dict):
        raise FitnessError.of("E1030", file=str(path), detail="needs description, reference and values")
    found = None
    for key, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if key <= as_of:
            found = entry["value"]
    if found is None:
        raise FitnessError.of("E1030", file=str(path), detail=f"no value in force on {as_of.isoformat()}")
    return found


def _grade_band(band: str) -> tuple[int, ...]:
    lo, hi = band.split("-")
    return tuple(range(int(lo), int(hi) + 1))


def _band(pair: Any, where: str, file: str) -> Band:
    if not isinstance(pair, list | tuple) or len(pair) != 2:
        raise FitnessError.of("E1030", file=file, detail=f"{where}: a band is [min, max]")
    return (_opt_dec(pair[0], where, file), _opt_dec(pair[1], where, file))


def folder(rules_dir: Path | str | None = None) -> Path:
    return rules_root(rules_dir) / FOLDER


def load_tables(
    rules_dir: Path | str | None = None, overlay: Path | str | None = None, as_of: dt.date | None = None
) -> FitnessTables:
    """The tables in force on ``as_of`` (default: today), with a validated overlay laid over them.

    Raises :class:`FitnessError` (E1030 for a broken rules file, E1031–E1037 for an overlay)."""
    base = _load_base(str(folder(rules_dir)), (as_of or dt.date.today()).isoformat())
    if overlay is None:
        return base
    return apply_overlay(base, Path(overlay))


@functools.lru_cache(maxsize=8)
def _load_base(root_text: str, as_of_text: str) -> FitnessTables:
    root = Path(root_text)
    as_of = dt.date.fromisoformat(as_of_text)
    manifest = _read(root / MANIFEST)
    if not isinstance(manifest, dict):
        raise FitnessError.of("E1030", file=str(root / MANIFEST), detail="not a mapping")
    f = lambda name: root / f"{name}.yaml"  # noqa: E731
    items_v = _in_force(f("items"), as_of)
    ifile = str(f("items"))
    items = {
        k: ItemInfo(
            k,
            v["zh"],
            v["en"],
            v["unit"],
            v["unit_zh"],
            v["direction"],
            _dec(v["precision"], k, ifile),
            bool(v["min_sec"]),
            (_dec(v["possible"][0], k, ifile), _dec(v["possible"][1], k, ifile)),
        )
        for k, v in items_v["items"].items()
    }
    body = {k: (_dec(v[0], k, ifile), _dec(v[1], k, ifile)) for k, v in items_v["body"].items()}
    band_items: dict[int, dict[str, tuple[str, ...]]] = {}
    for _name, spec in items_v["bands"].items():
        for g in spec["grades"]:
            band_items[int(g)] = {sex: tuple(spec["items"][sex]) for sex in SEXES}
    weights_v = _in_force(f("weights"), as_of)
    weights = {
        g: {k: _dec(w, f"{band}.{k}", str(f("weights"))) for k, w in spec.items()}
        for band, spec in weights_v.items()
        for g in _grade_band(band)
    }
    for g, by_sex in band_items.items():
        for sex, keys in by_sex.items():
            total = sum((weights[g][k] for k in keys), Decimal(0))
            if total != 100:
                raise FitnessError.of(
                    "E1030", file=str(f("weights")), detail=f"grade {g} {sex}: weights sum to {total}"
                )
    sl = _in_force(f("score_levels"), as_of)
    score_levels = tuple(int(s) for s in sl["scores"])
    level_of_score = {int(s): lvl for lvl, scores in sl["level_of"].items() for s in scores}
    lv = _in_force(f("levels"), as_of)
    levels = tuple((e["key"], _dec(e["min"], e["key"], str(f("levels")))) for e in lv)
    level_names = {e["key"]: (e["zh"], e["en"]) for e in lv}
    scores: dict[str, dict[int, dict[str, Row]]] = {}
    for item in manifest["score_tables"]:
        path = root / "scores" / f"{item}.yaml"
        v = _in_force(path, as_of)
        scores[item] = {
            int(g): {
                sex: tuple(_opt_dec(x, f"{item}.{g}.{sex}", str(path)) for x in row) for sex, row in by_sex.items()
            }
            for g, by_sex in v.items()
        }
    bmi_v = _in_force(f("bmi_bands"), as_of)
    bfile = str(f("bmi_bands"))
    bmi_bands = {
        int(g): {
            sex: {b: _band(pair, f"{g}.{sex}.{b}", bfile) for b, pair in bands.items()} for sex, bands in by_sex.items()
        }
        for g, by_sex in bmi_v["bands"].items()
    }
    bonus = _in_force(f("bonus"), as_of)
    bofile = str(f("bonus"))
    junior_bonus = {
        k: JuniorBonus(k, v["sex"], int(v["max"]), tuple(_dec(x, k, bofile) for x in v["required_excess"]))
        for k, v in bonus["junior"].items()
    }
    chk = _in_force(f("junior_check_rows"), as_of)
    cfile = str(f("junior_check_rows"))
    check_100 = {
        int(g): {sex: {k: _dec(x, f"{g}.{sex}.{k}", cfile) for k, x in row.items()} for sex, row in by_sex.items()}
        for g, by_sex in chk["thresholds_100"].items()
    }
    check_bmi = {
        int(g): {sex: _band(pair, f"{g}.{sex}", cfile) for sex, pair in by_sex.items()}
        for g, by_sex in chk["bmi_normal"].items()
    }
    tables = FitnessTables(
        name=str(manifest["name"]),
        version=str(manifest["version"]),
        items=items,
        band_items=band_items,
        weights=weights,
        score_levels=score_levels,
        level_of_score=level_of_score,
        levels=levels,
        level_names=level_names,
        scores=scores,
        bmi_bands=bmi_bands,
        bmi_scores=dict(bmi_v["scores"]),
        body_possible=body,
        rope_per_point=_dec(bonus["rope_skip_1min"]["per_point"], "rope", bofile),
        rope_max=int(bonus["rope_skip_1min"]["max"]),
        rope_grades=tuple(int(g) for g in bonus["rope_skip_1min"]["grades"]),
        junior_bonus=junior_bonus,
        bonus_max=int(bonus["bonus_max"]),
        total_max=int(bonus["total_max"]),
        check_100=check_100,
        check_bmi_normal=check_bmi,
        vision=_in_force(f("vision"), as_of),
        options=_in_force(f("options"), as_of),
        scored_grades=frozenset(int(g) for g in manifest["grades_scored"]),
    )
    problems = validate_tables(tables, tables.scored_grades, file=str(root))
    if problems:
        raise FitnessError(problems)
    return tables


# --- validation (the shipped tables and any overlay go through the same checks) ---------------


def _ctx(item: str, tables: FitnessTables) -> dict[str, str]:
    info = tables.items.get(item)
    return {"item_zh": info.zh if info else item, "item_en": info.en if info else item}


def validate_tables(tables: FitnessTables, grades: frozenset[int] | set[int], file: str) -> list[Problem]:
    """Every table of ``grades`` present, 20 thresholds, monotone; BMI bands contiguous."""
    out: list[Problem] = []
    n = len(tables.score_levels)
    where = Location(file=file)
    for g in sorted(grades):
        for sex in SEXES:
            sx = {"sex_zh": SEX_ZH[sex], "sex_en": SEX_EN[sex], "grade": g, "file": file}
            for item in tables.items_for(g, sex):
                if item == "bmi":
                    continue
                row = tables.scores.get(item, {}).get(g, {}).get(sex)
                if row is None:
                    out.append(fitness_problem("E1031", location=where, **sx, **_ctx(item, tables)))
                    continue
                if len(row) != n:
                    out.append(fitness_problem("E1032", len(row), where, **sx, **_ctx(item, tables)))
                    continue
                out.extend(_monotone(tables, item, row, where, sx))
            bands = tables.bmi_bands.get(g, {}).get(sex)
            if bands is None:
                out.append(fitness_problem("E1031", location=where, **sx, item_zh="体重指数（BMI）", item_en="BMI"))
            else:
                out.extend(_contiguous(bands, where, sx))
    return out


def _monotone(tables: FitnessTables, item: str, row: Row, where: Location, sx: dict[str, Any]) -> list[Problem]:
    out: list[Problem] = []
    lower = tables.items[item].direction == "lower_is_better"
    if row[0] is None:
        out.append(fitness_problem("E1033", "null", where, level=100, previous="—", **sx, **_ctx(item, tables)))
    previous: Decimal | None = None
    for score, value in zip(tables.score_levels, row, strict=True):
        if value is None:
            if item not in NULL_ALLOWED:
                out.append(
                    fitness_problem("E1033", "null", where, level=score, previous=previous, **sx, **_ctx(item, tables))
                )
            continue
        if previous is not None and not (value > previous if lower else value < previous):
            out.append(
                fitness_problem("E1033", value, where, level=score, previous=previous, **sx, **_ctx(item, tables))
            )
        previous = value
    return out


def _contiguous(bands: Mapping[str, Band], where: Location, sx: dict[str, Any]) -> list[Problem]:
    missing = [b for b in BMI_BANDS if b not in bands]
    if missing:
        return [
            fitness_problem(
                "E1036",
                location=where,
                **sx,
                detail_zh=f"缺少 {', '.join(missing)}",
                detail_en=f"missing {', '.join(missing)}",
            )
        ]
    u, nm, ov, ob = (bands[b] for b in BMI_BANDS)
    checks = [
        (u[0] is None, "低体重下限应为空", "underweight has no lower bound"),
        (ob[1] is None, "肥胖上限应为空", "obese has no upper bound"),
        (
            u[1] is not None and nm[0] is not None and nm[0] - u[1] == TENTH,
            "低体重与正常不相接",
            "underweight and normal do not meet",
        ),
        (
            nm[1] is not None and ov[0] is not None and ov[0] - nm[1] == TENTH,
            "正常与超重不相接",
            "normal and overweight do not meet",
        ),
        (
            ov[1] is not None and ob[0] is not None and ob[0] - ov[1] == TENTH,
            "超重与肥胖不相接",
            "overweight and obese do not meet",
        ),
        (
            all(x is not None and y is not None and x <= y for x, y in (nm, ov)),
            "范围上下限颠倒",
            "a band's bounds are reversed",
        ),
    ]
    return [
        fitness_problem("E1036", location=where, **sx, detail_zh=zh, detail_en=en) for ok, zh, en in checks if not ok
    ]


# --- overlays -------------------------------------------------------------------------------


def _overlay_error(file: str, zh: str, en: str) -> FitnessError:
    return FitnessError.of("E1037", location=Location(file=file), file=file, detail_zh=zh, detail_en=en)


def apply_overlay(base: FitnessTables, path: Path) -> FitnessTables:
    """``base`` with a district's junior tables (grades 7–9) laid over it, validated first.

    Shape (docs/fitness.md): ``name``, ``reference``, optional ``synthetic: true``, ``scores:
    {item: {grade: {male|female: [20 thresholds]}}}`` and ``bmi_bands: {grade: {sex: {underweight:
    [null, a], normal: [a+0.1, b], overweight: [b+0.1, c], obese: [c+0.1, null]}}}``."""
    file = str(path)
    try:
        with path.open(encoding="utf-8") as fh:
            raw = yaml.safe_load(fh)
    except FileNotFoundError:
        raise _overlay_error(file, "文件不存在", "the file does not exist") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise _overlay_error(
            file, f"不是 UTF-8 的 YAML（{type(exc).__name__}）", f"not UTF-8 YAML ({type(exc).__name__})"
        ) from None
    if (
        not isinstance(raw, dict)
        or not isinstance(raw.get("scores"), dict)
        or not isinstance(raw.get("bmi_bands"), dict)
        or not isinstance(raw.get("reference"), dict)
    ):
        raise _overlay_error(
            file, "须有 name、reference、scores 和 bmi_bands", "needs name, reference, scores and bmi_bands"
        )
    try:
        new_scores = {
            item: {
                int(g): {
                    str(sex): tuple(None if x is None else Decimal(str(x)) for x in row) for sex, row in by_sex.items()
                }
                for g, by_sex in grades.items()
            }
            for item, grades in raw["scores"].items()
        }
        new_bmi = {
            int(g): {
                str(sex): {
                    str(b): (None if p[0] is None else Decimal(str(p[0])), None if p[1] is None else Decimal(str(p[1])))
                    for b, p in bands.items()
                }
                for sex, bands in by_sex.items()
            }
            for g, by_sex in raw["bmi_bands"].items()
        }
    except (AttributeError, TypeError, ValueError, IndexError, InvalidOperation) as exc:
        raise _overlay_error(file, f"结构或数值有误（{exc}）", f"wrong shape or value ({exc})") from None
    unknown = sorted(set(new_scores) - set(base.items))
    if unknown:
        raise _overlay_error(file, f"未知项目 {', '.join(unknown)}", f"unknown items {', '.join(unknown)}")
    outside = sorted({g for t in new_scores.values() for g in t} | set(new_bmi))
    if any(g not in JUNIOR for g in outside):
        raise _overlay_error(file, "只能加载7–9年级的评分表", "only grades 7–9 can be loaded")
    scores = {item: dict(base.scores.get(item, {})) for item in set(base.scores) | set(new_scores)}
    for item, grades in new_scores.items():
        scores[item].update(grades)
    bmi = dict(base.bmi_bands)
    bmi.update(new_bmi)
    merged = FitnessTables(
        **{
            **base.__dict__,
            "scores": scores,
            "bmi_bands": bmi,
            "overlay": str(raw.get("name") or path.stem),
            "overlay_synthetic": bool(raw.get("synthetic", False)),
            "scored_grades": base.scored_grades | frozenset(JUNIOR),
        }
    )
    problems = validate_tables(merged, set(JUNIOR), file)
    problems.extend(_check_rows(merged, file))
    if problems:
        raise FitnessError(problems)
    return merged


def _check_rows(tables: FitnessTables, file: str) -> list[Problem]:
    out: list[Problem] = []
    where = Location(file=file)
    for g in JUNIOR:
        for sex in (MALE, FEMALE):
            sx = {"sex_zh": SEX_ZH[sex], "sex_en": SEX_EN[sex], "grade": g, "file": file}
            for item, expected in tables.check_100[g][sex].items():
                row = tables.scores.get(item, {}).get(g, {}).get(sex)
                if row and row[0] is not None and row[0] != expected:
                    out.append(fitness_problem("E1034", row[0], where, expected=expected, **sx, **_ctx(item, tables)))
            normal = tables.bmi_bands.get(g, {}).get(sex, {}).get("normal")
            if normal is not None and normal != tables.check_bmi_normal[g][sex]:
                lo, hi = tables.check_bmi_normal[g][sex]
                out.append(fitness_problem("E1035", f"{normal[0]}–{normal[1]}", where, expected=f"{lo}–{hi}", **sx))
    return out
