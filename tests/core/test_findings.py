"""The one finding shape: every subject named by its school, counted in its own unit, grouped."""

from __future__ import annotations

import functools
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from youjun.core.findings import COUNT_UNITS, SUBJECT_KINDS, Finding, Words, group_findings, quantity


@functools.lru_cache(maxsize=1)
def s_result() -> dict[str, Any]:
    from youjun.assess import assess_tables
    from youjun.sample import generate

    return assess_tables(generate("S", 2023))[0]


def test_every_engine_finding_names_its_school_and_counts_in_its_kind() -> None:
    result = s_result()
    found = result["findings"]
    assert found and result["verdict"]["findings"]
    for f in found:
        assert f["count_unit"]["key"] == f["subject_kind"]
        assert f["count_unit"]["zh"] == COUNT_UNITS[f["subject_kind"]][0]
        if f["subject_kind"] != "district":
            assert f["school_code"] and f["school_name"], f
        for part in ("subject", "measured", "standard", "gap"):
            assert "None" not in f[part]["zh"] + f[part]["en"], f
    for key, item in result["items"].items():
        assert all(f["requirement"] == key.upper() for f in item["findings"])
        assert (item["status"] == "pass") == (not item["findings"]), key


def test_g5_groups_count_classes_in_schools() -> None:
    g5 = next(g for g in group_findings(s_result()["findings"]) if g.requirement == "G5")
    classes = sum(1 for f in s_result()["findings"] if f["requirement"] == "G5")
    assert g5.kinds == {"class": classes} and g5.n_schools < classes
    assert g5.count_text("zh") == f"{classes} 个班，涉及 {g5.n_schools} 所学校"


@settings(max_examples=60, deadline=None)
@given(kind=st.sampled_from(SUBJECT_KINDS), code=st.from_regex(r"\d{10}", fullmatch=True),
       name=st.text(min_size=1, max_size=8), value=st.floats(0, 1e6, allow_nan=False))
def test_to_dict_count_unit_follows_the_kind(kind: str, code: str, name: str, value: float) -> None:
    school = ("", "") if kind == "district" else (code, name)
    f = Finding("G5", "k", kind, Words("a", "a"), quantity(value, "pupils"), Words("s", "s"),
                quantity(value, "pupils"), school_code=school[0], school_name=school[1])
    d = f.to_dict()
    assert d["count_unit"]["key"] == kind == f.count_unit
    assert (d["school_code"] != "") == (kind != "district")
    [group] = group_findings([d, d])
    assert group.count == 2 and group.kinds == {kind: 2}


def test_a_rate_falls_short_by_percentage_points_and_one_is_singular() -> None:
    from youjun.core.findings import gap_quantity, quantity

    gap = gap_quantity(1.35, "percent", over=False)
    assert gap.zh == "差 1.35 个百分点" and gap.en == "1.35 percentage points short"
    assert "%" not in gap.zh
    assert quantity(1, "teachers").en == "1 teacher" and quantity(2, "teachers").en == "2 teachers"
    assert quantity(1, "classes").en == "1 class" and quantity(1, "teachers").zh == "1 人"


def test_a_figure_short_of_its_standard_is_never_printed_as_the_standard() -> None:
    from youjun.core.findings import number_below

    assert number_below(0.999001, 1, 2) == "0.999"  # walk 30: "1.00 人/百名学生 | 不低于 1" was disputed
    assert number_below(0.99, 1, 2) == "0.99"
    assert number_below(4.4951, 4.5, 2) == "4.495"
    assert number_below(1.2, 1, 2) == "1.20"  # not short: as number() prints it
    assert number_below(None, 1, 2) == "—"
    assert number_below(12_345.678, 20_000, 2) == "12,345.68"


@given(st.floats(min_value=0, max_value=1e6), st.floats(min_value=0.01, max_value=1e6))
def test_a_short_figure_reads_below_its_standard(value: float, limit: float) -> None:
    from youjun.core.findings import number_below

    text = number_below(value, limit, 2)
    if value < limit and limit - value > 1e-6 * max(1.0, limit):
        assert float(text.replace(",", "")) < limit, (value, limit, text)


def test_a_red_grid_cell_reads_below_its_threshold() -> None:
    from youjun.report import numbers as num

    assert num.value_below(0.999001, 1) == "0.999"
    assert num.value_below(1.5, 1) == num.value(1.5) == "1.50"
    assert num.value_below(None, 1) == num.value(None)
