"""What the faster result building must keep: the same figures whatever the row order, and the
same report.json bytes although a result now lists each finding's one dict in several places.

- ``district_figures`` deals a batch's classes and teachers out by district with one sort;
  rows of districts interleaved (not one district's rows together) must still come out in
  each district's own row order, as the per-district code gave them.
- ``assess.engine`` builds each finding's dict once and lists it by its item or school, in
  ``findings`` and in the verdict's; ``report.canonical`` walks such a dict once. The JSON
  must equal that of the same result with no dict shared.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from youjun.assess import assess_with_params
from youjun.assess.figures import district_figures, item_figures_by_district
from youjun.core.rules import load_ruleset
from youjun.report.canonical import canonical, render_json, render_json_bytes
from youjun.sample import generate


def _interleaved(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows in a fixed shuffled order, so that no district's rows are together."""
    return frame.sample(frac=1, random_state=3).reset_index(drop=True)


def test_interleaved_classes_and_teachers_are_dealt_out_in_each_districts_row_order() -> None:
    tables = generate("M", 11, n_districts=3, scale=0.1)
    tables = tables | {"teachers": _interleaved(tables["teachers"]), "classes": _interleaved(tables["classes"])}
    params = load_ruleset("cn-2017")
    schools = tables["schools"]
    scope = {str(d): sorted(schools.loc[schools["district_code"] == d, "school_code"])[1:]  # one out of scope
             for d in schools["district_code"].drop_duplicates()}
    batch = item_figures_by_district(tables, scope, params)
    teachers, classes = tables["teachers"], tables["classes"]
    for code, in_scope in scope.items():
        own = set(schools.loc[schools["district_code"] == code, "school_code"])
        mine = teachers[teachers["school_code"].isin(own)]  # every school's teachers, in scope or not
        assert [t["teacher"] for t in batch[code]["g9"]["teachers"]] == mine["teacher_id"].tolist()
        has = mine["has_certificate"].fillna(False).astype(bool)
        assert batch[code]["g12"]["teachers"] == len(mine)
        assert batch[code]["g12"]["certified"] == int(has.sum())
        assert [t["teacher"] for t in batch[code]["g12"]["uncertified"]] == mine.loc[~has, "teacher_id"].tolist()
        counted = classes[classes["school_code"].isin(in_scope) & classes["grade"].between(1, 9)]
        assert [(c["school"], c["class_name"]) for c in batch[code]["g5"]["classes"]] == list(
            zip(counted["school_code"], counted["class_name"], strict=True))
        per_school = counted.groupby("school_code").size()
        assert {s["school"]: s["classes"] for s in batch[code]["g3"]["schools"]} == {
            s: int(per_school.get(s, 0)) for s in in_scope}
    # one district asked for alone gives what the whole batch gives it
    code = next(iter(scope))
    assert district_figures(tables, scope, params)(code) == batch[code]


def test_a_result_with_shared_finding_dicts_is_written_as_its_unshared_copy() -> None:
    tables = generate("M", 7, n_districts=2, scale=0.1)
    results = assess_with_params(tables, load_ruleset("cn-2017"), source="t")
    for result in results:
        assert result["findings"], "the sample must have findings for this test to mean anything"
        # the same finding is listed in ``findings`` and under its item or school
        listed = {id(f) for f in result["findings"]}
        assert any(id(f) in listed for item in result["items"].values() for f in item["findings"])
        unshared = json.loads(json.dumps(result))  # every dict its own
        assert render_json(result) == render_json(unshared)
        assert canonical(result) == canonical(unshared)


def test_a_dict_listed_twice_is_written_the_same_in_both_places_and_left_as_it_was() -> None:
    shared: dict[str, Any] = {"value": 0.1 + 0.2, "tiny": -1e-9, "none": math.nan, "over": math.inf,
                              "parts": [1.23456789, {"x": 2.0000004}]}
    before = json.dumps(shared)
    out = canonical({"a": [shared, shared], "b": {"c": [shared]}, "d": [{"k": shared}]})
    expected = {"value": 0.3, "tiny": 0.0, "none": None, "over": None, "parts": [1.234568, {"x": 2.0}]}
    assert out == {"a": [expected, expected], "b": {"c": [expected]}, "d": [{"k": expected}]}
    assert math.copysign(1, out["a"][0]["tiny"]) == 1  # no "-0.0"
    assert json.dumps(shared) == before  # the input is not rounded in place


def test_report_json_as_bytes_is_the_text_encoded() -> None:
    tables = generate("M", 7, n_districts=1, scale=0.1)
    result = assess_with_params(tables, load_ruleset("cn-2017"), source="t")[0]
    assert render_json_bytes(result) == render_json(result).encode("utf-8")
    big = {"n": 2 ** 70, "名称": "永川区"}  # orjson refuses it: the standard library writes it
    assert render_json_bytes(big) == render_json(big).encode("utf-8")
    assert render_json_bytes(big).decode("utf-8").endswith("}\n")
