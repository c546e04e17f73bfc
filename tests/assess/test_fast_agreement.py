"""The province path agrees with the district path, and the fast figures with the per-row ones.

``assess_with_params`` computes the indicators and the diagnosis once for every district and
cuts each district's result from them. Two independent checks keep that exact:

- assessing several districts together gives, for each district, the very same result
  (every figure, finding, reason and their order) as assessing that district alone;
- the item figures built column by column equal those of the former per-row code, kept
  here as a small reference (``_reference_item_figures``), on validated data (Arrow-typed
  columns) and on in-memory frames with missing values.

Datasets: a 3-district province generated and validated from Parquet, the same in memory,
the S sample, and three districts of ``benchmarks/data/M-parquet`` when present; 2017 and
2012 rules. The pandas indicator engine is used: it is deterministic to the last bit (DuckDB
sums in parallel, in no fixed order).
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from youjun.assess import assess_with_params
from youjun.assess.figures import (
    _num,
    _rate_value,
    evidence_records,
    item_figures,
    item_figures_by_district,
    records,
)
from youjun.assess.figures import rotation_figures as _rotation_figures
from youjun.core.params import AssessmentParams
from youjun.core.rules import load_ruleset
from youjun.core.schema import JUNIOR_GRADES, PRIMARY_GRADES, grade_column
from youjun.ingest.validate import validate_path
from youjun.sample import generate
from youjun.sample.partitioned import write_partitioned

ROOT = Path(__file__).resolve().parents[2]
M_PARQUET = ROOT / "benchmarks" / "data" / "M-parquet"
S_PARQUET = ROOT / "benchmarks" / "data" / "S-parquet"
RULES = ("cn-2017", "cn-2012")


def _validated(path: Path) -> dict[str, pd.DataFrame]:
    result = validate_path(path)
    assert result.ok, result.summary()
    return result.tables


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    out = tmp_path_factory.mktemp("province")
    write_partitioned("M", out, seed=5, n_districts=3, scale=0.1)
    return _validated(out)


@pytest.fixture(scope="module")
def m_subset(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    if not M_PARQUET.is_dir():
        pytest.skip("benchmarks/data/M-parquet is not present")
    out = tmp_path_factory.mktemp("m3")
    for table in M_PARQUET.iterdir():
        parts = sorted(table.glob("district=*"))[:3]
        for part in parts:
            shutil.copytree(part, out / table.name / part.name)
    return _validated(out)


def _in_memory() -> dict[str, pd.DataFrame]:
    """Generated frames as they are in memory (object columns), with holes punched in."""
    tables = generate("M", 11, n_districts=3, scale=0.1)
    teachers = tables["teachers"].copy()
    teachers.loc[teachers.index[::7], "training_hours_5y"] = math.nan
    teachers.loc[teachers.index[::11], "years_at_school"] = None
    schools = tables["schools"].copy()
    schools.loc[schools.index[::5], "location"] = None
    finance = tables["school_finance"].iloc[::2]  # half the schools without a finance row
    rates = tables["district_rates"].iloc[1:]  # one district rate missing
    return tables | {"teachers": teachers, "schools": schools, "school_finance": finance,
                     "district_rates": rates}


def _one_district(tables: dict[str, pd.DataFrame], code: str) -> dict[str, pd.DataFrame]:
    schools = set(tables["schools"].loc[tables["schools"]["district_code"] == code, "school_code"])
    out = {}
    for key, frame in tables.items():
        if "district_code" in frame.columns:
            out[key] = frame[frame["district_code"] == code].reset_index(drop=True)
        else:
            out[key] = frame[frame["school_code"].isin(schools)].reset_index(drop=True)
    return out


def _comparable(result: dict[str, Any]) -> str:
    """The result as report.json holds it, less what depends on the whole input (its hash)."""
    run = {k: v for k, v in result["run"].items() if k not in ("generated_at", "data_hash")}
    data = {k: v for k, v in result["provenance"]["data"].items() if k != "data_hash"}
    plain = result | {"run": run, "provenance": result["provenance"] | {"data": data}}
    return json.dumps(plain, sort_keys=True, ensure_ascii=False)


def _together_equals_alone(tables: dict[str, pd.DataFrame], rules: str) -> None:
    params = load_ruleset(rules)
    together = assess_with_params(tables, params, source="t", engine="pandas")
    codes = list(tables["districts"].drop_duplicates("district_code")["district_code"])
    assert [r["district"]["code"] for r in together] == codes
    assert len(codes) > 1 or len(tables["districts"]) == 1
    for code, result in zip(codes, together, strict=True):
        alone = assess_with_params(_one_district(tables, code), params, source="t", engine="pandas")
        assert len(alone) == 1
        assert _comparable(result) == _comparable(alone[0]), code


@pytest.mark.parametrize("rules", RULES)
def test_a_validated_province_assessed_together_equals_each_district_alone(
        province: dict[str, pd.DataFrame], rules: str) -> None:
    _together_equals_alone(province, rules)


@pytest.mark.parametrize("rules", RULES)
def test_frames_in_memory_with_missing_values_together_equal_alone(rules: str) -> None:
    _together_equals_alone(_in_memory(), rules)


@pytest.mark.slow
@pytest.mark.parametrize("rules", RULES)
def test_three_districts_of_m_together_equal_alone(m_subset: dict[str, pd.DataFrame],
                                                   rules: str) -> None:
    _together_equals_alone(m_subset, rules)


# --- the per-row reference of the item figures (the code before the columnar rewrite) ---

def _reference_item_figures(tables: dict[str, pd.DataFrame], district: str, in_scope: list[str],
                            params: AssessmentParams) -> dict[str, dict[str, Any]]:
    compulsory_grades = PRIMARY_GRADES + JUNIOR_GRADES
    schools = tables["schools"]
    schools = schools[(schools["district_code"] == district) & schools["school_code"].isin(in_scope)]
    codes = set(schools["school_code"])
    classes = tables["classes"]
    classes = classes[classes["school_code"].isin(codes) & classes["grade"].isin(compulsory_grades)]
    teachers = tables["teachers"]
    all_codes = set(tables["schools"].loc[tables["schools"]["district_code"] == district, "school_code"])
    teachers = teachers[teachers["school_code"].isin(all_codes)]
    compulsory = schools[[grade_column(g) for g in compulsory_grades]].fillna(0).sum(axis=1).astype(int)
    rooms = tables.get("rooms", pd.DataFrame(columns=["school_code", "room_type", "area_m2"]))
    class_counts = classes.groupby("school_code").size()
    figures: dict[str, dict[str, Any]] = {}
    areas: dict[tuple[str, str], list[float]] = {}
    for code, kind, area in zip(rooms["school_code"], rooms["room_type"], rooms["area_m2"], strict=True):
        areas.setdefault((code, kind), []).append(float(area))
    per_school = []
    for row, pupils in zip(schools.to_dict("records"), compulsory.tolist(), strict=True):
        code = row["school_code"]
        per_school.append({
            "school": code, "name": row["school_name"], "type": row["school_type"],
            "location": row["location"], "classes": int(class_counts.get(code, 0)),
            "students": int(pupils), "compulsory_students": int(pupils),
            "music_rooms": areas.get((code, "music"), []), "art_rooms": areas.get((code, "art"), []),
        })
    figures["g3"] = {"schools": per_school}
    figures["g4"] = {"schools": per_school}
    figures["g5"] = {"classes": [
        {"school": r.school_code, "class": f"{int(r.grade)}年级{r.class_name}", "grade": int(r.grade),
         "level": "primary" if int(r.grade) in PRIMARY_GRADES else "junior", "students": int(r.students),
         "class_name": r.class_name}
        for r in classes.itertuples(index=False)
    ]}
    finance = tables.get("school_finance", pd.DataFrame(columns=["school_code"]))
    finance = finance.drop_duplicates("school_code").set_index("school_code").to_dict("index")
    dfin = tables.get("district_finance", pd.DataFrame(columns=["district_code"]))
    dfin = dfin[dfin["district_code"] == district]
    drow = dfin.iloc[0] if len(dfin) else pd.Series(dtype=object)
    base = {"primary": _num(drow.get("funding_base_primary_yuan")),
            "junior": _num(drow.get("funding_base_junior_yuan"))}
    g6_rows, q4_rows = [], []
    for row in per_school:
        fin = finance.get(row["school"], {})
        level = "junior" if row["type"] == "junior" else "primary"
        g6_rows.append(row | {"allocated_yuan": _num(fin.get("public_funds_allocated_yuan")),
                              "base_per_pupil_yuan": base[level]})
        q4_rows.append({"school": row["school"], "name": row["name"],
                        "budget_yuan": _num(fin.get("public_funds_budget_yuan")),
                        "training_spend_yuan": _num(fin.get("teacher_training_spend_yuan"))})
    figures["g6"] = {"schools": g6_rows}
    figures["q4"] = {"schools": q4_rows}
    figures["g7"] = {"special_ed_funds_yuan": _num(drow.get("special_ed_public_funds_yuan")),
                     "special_ed_students": _num(drow.get("special_ed_students"))}
    figures["g8"] = {"avg_teacher_pay_yuan": _num(drow.get("avg_teacher_pay_yuan")),
                     "civil_servant_avg_pay_yuan": _num(drow.get("civil_servant_avg_pay_yuan"))}
    figures["g9"] = {"teachers": [{"teacher": t, "hours_5y": _num(h), "school": s} for t, h, s in
                                  zip(teachers["teacher_id"], teachers["training_hours_5y"],
                                      teachers["school_code"], strict=True)]}
    if "g11" in params.items:
        figures["g11"] = _rotation_figures(teachers, params)
    certified = teachers["has_certificate"].fillna(False).astype(bool)
    figures["g12"] = {"teachers": len(teachers), "certified": int(certified.sum()),
                      "uncertified": [{"teacher": t, "school": s} for t, s, has in
                                      zip(teachers["teacher_id"], teachers["school_code"], certified,
                                          strict=True) if not has]}
    from youjun.assess.figures import RATE_FIGURES

    rates = tables.get("district_rates", pd.DataFrame(columns=["district_code", "rate_key"]))
    rates = rates[rates["district_code"] == district].drop_duplicates("rate_key").set_index("rate_key")
    for item, names in RATE_FIGURES.items():
        figures[item] = {name: (_rate_value(rates.loc[key]) if key in rates.index else None)
                         for name, key in names.items()}
    return figures


def _reference_evidence(tables: dict[str, pd.DataFrame], district: str) -> list[dict[str, Any]]:
    evidence = tables["evidence"]
    out = []
    for r in evidence[evidence["district_code"] == district].to_dict("records"):
        clean = {k: (None if (v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))) else v)
                 for k, v in r.items()}
        if clean.get("attested_on") is not None:
            clean["attested_on"] = str(clean["attested_on"])[:10]
        out.append(clean)
    return out


def _typed(value: Any) -> Any:
    """A value with the type of every part spelled out (1 and 1.0, None and NaN differ)."""
    if isinstance(value, dict):
        return {k: _typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed(v) for v in value]
    return (type(value).__name__, repr(value))


def _figures_agree(tables: dict[str, pd.DataFrame], rules: str) -> None:
    params = load_ruleset(rules)
    scope = {}
    for code in tables["districts"]["district_code"].drop_duplicates():
        in_scope = sorted(tables["schools"].loc[tables["schools"]["district_code"] == code,
                                                "school_code"])[1:]  # one school out of scope
        scope[code] = in_scope
        fast = item_figures(tables, code, in_scope, params)
        assert _typed(fast) == _typed(_reference_item_figures(tables, code, in_scope, params))
        assert _typed(evidence_records(tables, code)) == _typed(_reference_evidence(tables, code))
    # the whole batch at once (as a province or nation run computes them) gives each district's own
    batch = item_figures_by_district(tables, scope, params)
    assert list(batch) == list(scope)
    for code, in_scope in scope.items():
        assert _typed(batch[code]) == _typed(item_figures(tables, code, in_scope, params)), code


@pytest.mark.parametrize("rules", RULES)
def test_item_figures_equal_the_per_row_reference_on_validated_data(
        province: dict[str, pd.DataFrame], rules: str) -> None:
    _figures_agree(province, rules)


@pytest.mark.parametrize("rules", RULES)
def test_item_figures_equal_the_per_row_reference_with_missing_values(rules: str) -> None:
    _figures_agree(_in_memory(), rules)


def test_item_figures_equal_the_per_row_reference_on_the_s_sample() -> None:
    if not S_PARQUET.is_dir():
        pytest.skip("benchmarks/data/S-parquet is not present")
    tables = _validated(S_PARQUET)
    _figures_agree(tables, "cn-2017")
    _together_equals_alone(tables, "cn-2017")


def test_records_equal_to_dict_for_every_column_kind() -> None:
    frame = pd.DataFrame({
        "text": pd.Series(["a", None], dtype="str"), "count": pd.Series([1, None], dtype="Int64"),
        "flag": pd.Series([True, None], dtype="boolean"), "obj": pd.Series(["x", None], dtype=object),
        "number": [1.5, math.nan], "whole": [1, 2],
        "day": pd.to_datetime(["2025-09-01", None]),
    })
    assert _typed(records(frame)) == _typed(frame.to_dict("records"))
    assert records(frame.iloc[0:0]) == []


def test_written_out_tolerance_compares_as_the_tolerance_function() -> None:
    from youjun.core import judging

    values = [0, 1, -1, 1.0, 0.5, -0.5, 2, 7, 4.2, 21 / 500 * 100, 4.2 - 1e-12, 4.2 + 1e-12, 360,
              359.9999999, 1e12, -1e12, math.inf, -math.inf, math.nan]
    for figure in values:
        for limit in values:
            assert judging.at_least(figure, limit) == (figure >= limit - judging._tol(limit))
            assert judging.at_most(figure, limit) == (figure <= limit + judging._tol(limit))
            # the bounds a judge of many rows compares with (G5 classes, G9 teachers)
            assert judging.at_least(figure, limit) == (figure >= judging.lowest_at_least(limit))
            assert judging.at_most(figure, limit) == (figure <= judging.highest_at_most(limit))


def test_class_size_judge_writes_only_about_large_and_unknown_classes() -> None:
    from youjun.core.items import judge_g5

    params = load_ruleset("cn-2017")
    limit = params.items["g5"]["max_class"]["primary"]
    rows = [
        {"school": "5001180001", "class": "1年级1班", "grade": 1, "class_name": "1班", "students": 30},
        {"school": "5001180001", "class": "1年级2班", "grade": 1, "class_name": "2班",
         "students": limit + 3},
        {"school": "5001180002", "class": "2年级1班", "grade": 2, "class_name": "1班", "students": None},
        {"school": "5001180002", "class": "高一1班", "grade": 10, "class_name": "1班", "students": 99},
    ]
    r = judge_g5(rows, params)
    assert r.status == "fail"
    assert r.figures == {"classes": 3, "classes_failing": 1, "largest": {"primary": limit + 3}}
    assert r.failing == [{"school": "5001180001", "class": "1年级2班", "level": "primary",
                          "students": limit + 3, "limit": limit}]
    assert [(x.key, x.subject) for x in r.reasons] == [
        ("g5.class_too_large", "5001180001/1年级2班"), ("g5.data_missing", "5001180002/2年级1班")]
    assert r.reasons[0].en.startswith("5001180001/grade 1, class 2: primary class of")
    assert len(r.findings) == 1 and r.findings[0].school_code == "5001180001"
