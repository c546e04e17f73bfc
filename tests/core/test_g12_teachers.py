"""G12 (teachers holding a certificate) names each teacher without one, besides the rate.

A district officer read "99.52%；差 0.48 个百分点" and could not act on it: the 32 teachers
behind it were nowhere. G12 now gives one finding per uncertified teacher (of their school, as
G9 does for training hours) and keeps the district rate as the judged figure.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from youjun.assess import assess_with_params
from youjun.assess.figures import item_figures
from youjun.core.items import judge_item
from youjun.core.rules import load_ruleset, replace_value
from youjun.sample import generate

P17 = load_ruleset("cn-2017", as_of="2025-09-01")


def _g12(teachers: int, certified: int, uncertified: list[dict[str, Any]], params: Any = P17) -> Any:
    return judge_item("g12", {"teachers": teachers, "certified": certified, "uncertified": uncertified}, params)


def test_each_uncertified_teacher_is_a_finding_of_their_school_and_the_rate_stays() -> None:
    missing = [{"teacher": "T0001", "school": "5001010001"}, {"teacher": "T0002", "school": "5001010002"}]
    result = _g12(400, 398, missing)
    assert result.status == "fail"
    assert [r.key for r in result.reasons] == ["g12.uncertified"]
    assert result.figures["share_percent"] == 99.5
    teachers = [f for f in result.findings if f.key == "g12.teacher_uncertified"]
    assert [(f.school_code, f.subject.zh, f.subject.en) for f in teachers] == [
        ("5001010001", "教师 T0001", "teacher T0001"), ("5001010002", "教师 T0002", "teacher T0002")]
    f = teachers[0]
    assert (f.requirement, f.subject_kind, f.status) == ("G12", "teacher", "fail")
    assert (f.measured.zh, f.measured.en) == ("无教师资格证", "no certificate")
    assert (f.standard.zh, f.standard.en) == ("持证上岗 100%", "100% of teachers certified")
    # the district rate is still a finding, with its percentage-point gap
    rate = [f for f in result.findings if f.key == "g12.uncertified"]
    assert len(rate) == 1 and rate[0].subject_kind == "district"
    assert result.findings[0] == rate[0]  # the judged figure first: a cut list still shows it
    assert (rate[0].measured.zh, rate[0].gap.zh) == ("99.50%", "差 0.50 个百分点")
    assert result.failing == missing


def test_all_certified_passes_without_findings() -> None:
    result = _g12(400, 400, [])
    assert result.status == "pass" and result.findings == [] and result.failing == []


def test_teachers_are_named_only_when_the_rate_fails() -> None:
    lenient = replace_value(P17, "items.g12.min_certified_percent", 99)
    result = _g12(400, 398, [{"teacher": "T0001", "school": "5001010001"},
                             {"teacher": "T0002", "school": "5001010002"}], lenient)
    assert result.status == "pass" and result.findings == [] and result.failing == []


def test_figures_list_every_uncertified_teacher_and_missing_counts_as_without() -> None:
    tables = generate("S", 3)
    teachers = tables["teachers"].copy()
    teachers["has_certificate"] = teachers["has_certificate"].astype(object)
    teachers.loc[teachers.index[:3], "has_certificate"] = False
    teachers.loc[teachers.index[3], "has_certificate"] = None  # not recorded: counted as without
    tables = tables | {"teachers": teachers}
    district = str(tables["districts"]["district_code"].iloc[0])
    scope = list(tables["schools"].loc[tables["schools"]["district_code"] == district, "school_code"])
    g12 = item_figures(tables, district, scope, P17)["g12"]
    expected = [{"teacher": t, "school": s} for t, s, has in zip(
        teachers["teacher_id"], teachers["school_code"], teachers["has_certificate"], strict=True)
        if not (has is not None and not pd.isna(has) and bool(has))]
    assert len(expected) >= 4
    assert g12["uncertified"] == expected
    assert g12["teachers"] - g12["certified"] == len(expected)


def test_the_assessed_result_names_as_many_teachers_as_are_uncertified() -> None:
    tables = generate("S", 3)
    teachers = tables["teachers"]
    uncertified = int((~teachers["has_certificate"].fillna(False).astype(bool)).sum())
    assert uncertified > 0
    result = assess_with_params(tables, P17, source="t", engine="pandas")[0]
    item = result["items"]["g12"]
    assert item["figures"]["teachers"] - item["figures"]["certified"] == uncertified
    named = [f for f in result["verdict"]["findings"] if f["key"] == "g12.teacher_uncertified"]
    assert len(named) == uncertified
    assert all(f["school_name"] and f["subject_kind"] == "teacher" for f in named)
    assert sum(f["key"] == "g12.uncertified" for f in result["verdict"]["findings"]) == 1
