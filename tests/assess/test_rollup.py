"""The roll-up of many districts: counted from the districts' own results (real assessments of
generated districts), quantiles as defined, and a ranking whose order holds by construction."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from youjun.assess import assess_tables
from youjun.assess.rollup import district_summary, quantile, requirement_words, rollup
from youjun.core.findings import group_findings, requirement_order
from youjun.sample import generate


@pytest.fixture(scope="module")
def results() -> list[dict]:
    return assess_tables(generate("M", 2023, n_districts=4, scale=0.15))


def test_the_rollup_counts_what_each_districts_result_says(results: list[dict]) -> None:
    r = rollup(district_summary(x) for x in results)
    assert r["districts"] == len(results) == 4
    assert r["passing"] == sum(bool(x["verdict"]["passes"]) for x in results)
    for key, entry in r["indicators"].items():
        level, ind = key.split(".", 1)
        cvs = [x["levels"][level]["indicators"][ind] for x in results if ind in x["levels"].get(level, {}).get(
            "indicators", {})]
        assert entry["failing"] == sum(not c["passes"] for c in cvs)
        assert entry["cv"]["min"] == min(c["cv"] for c in cvs) and entry["cv"]["max"] == max(c["cv"] for c in cvs)
        assert entry["cv"]["median"] == pytest.approx(float(np.median([c["cv"] for c in cvs])), abs=1e-12)
    for key, counts in r["items"].items():
        assert counts["not_met"] == sum(x["items"][key]["status"] in ("fail", "evidence_missing") for x in results)
    ranked = {row["code"]: row for row in r["ranking"]}
    for x in results:
        row = ranked[x["district"]["code"]]
        assert row["requirements_not_met"] == len(group_findings(x["verdict"]["findings"]))


def test_every_requirement_a_district_fails_is_counted_most_districts_first(results: list[dict]) -> None:
    r = rollup(district_summary(x) for x in results)
    failed = {x["district"]["code"]: {g.requirement for g in group_findings(x["verdict"]["findings"])} for x in results}
    reqs = r["requirements"]
    # every requirement of any verdict (R of schools, CV, G, Q, vetoes …), counted in districts
    assert set().union(*failed.values()) <= set(reqs)
    for key, e in reqs.items():
        assert e["not_met"] == sum(key in f for f in failed.values()) and e["districts"] == len(results)
        assert e["title_zh"] and e["title_en"] and e["part"] != "other"
    # the school requirements count, though no CV fails: R rows with districts failing them
    assert any(e["part"] == "school" and e["not_met"] for e in reqs.values())
    assert all(e["failing"] == 0 for e in r["indicators"].values()) == (reqs["CV"]["not_met"] == 0)
    order = [(-e["not_met"], requirement_order(k)) for k, e in reqs.items()]
    assert order == sorted(order)
    # every G and Q item is listed even if no district fails it, and the older keys stay
    assert {k.upper() for k in r["items"]} <= set(reqs)
    assert {"districts", "passing", "indicators", "items", "ranking"} <= set(r)
    for row in r["ranking"]:
        assert row["requirements"] == [g.requirement for g in group_findings(
            next(x for x in results if x["district"]["code"] == row["code"])["verdict"]["findings"])]


def test_a_summary_keeps_the_requirement_keys_and_stays_small(results: list[dict]) -> None:
    s = district_summary(results[0])
    assert s["requirements"] == [g.requirement for g in group_findings(results[0]["verdict"]["findings"])]
    assert len(s["requirements"]) == s["requirements_not_met"]
    assert "findings" not in s or isinstance(s["findings"], int)


def test_requirement_words_name_every_part() -> None:
    assert requirement_words("R5") == {"title_zh": "生均体育运动场馆面积", "title_en": "Sports venue area per pupil",
                                       "part": "school"}
    assert requirement_words("CV")["part"] == "cv" and requirement_words("G3")["part"] == "g"
    assert requirement_words("Q4")["part"] == "q" and requirement_words("SR")["title_zh"] == "社会认可度"
    assert requirement_words("VETO_SAFETY") == {"title_zh": "教育系统无重大安全责任事故和严重违纪违规事件",
                                                "title_en": "No major safety accident or serious breach "
                                                            "of discipline in the education system",
                                                "part": "veto"}
    assert requirement_words("PRE")["part"] == "pre"


def test_the_ranking_puts_passing_first_then_fewer_requirements_not_met(results: list[dict]) -> None:
    rows = rollup(district_summary(x) for x in results)["ranking"]
    assert [row["rank"] for row in rows] == list(range(1, len(rows) + 1))
    keys = [(not row["passes"], row["requirements_not_met"]) for row in rows]
    assert keys == sorted(keys)


@settings(deadline=None, max_examples=300)
@given(st.lists(st.floats(min_value=0, max_value=10, allow_nan=False), min_size=1, max_size=50),
       st.floats(min_value=0, max_value=1))
def test_quantile_is_numpys_linear_quantile(values: list[float], q: float) -> None:
    got = quantile(sorted(values), q)
    assert got == pytest.approx(float(np.quantile(values, q)), rel=1e-9, abs=1e-12)
    assert min(values) <= got <= max(values)
