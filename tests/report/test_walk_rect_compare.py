"""Year over year as the testers read it (F3 finding 7), on the real engine's results of the
sample district: the summary reconciles the failing sections of the two years (newly failing,
newly passing, gone, new) and a section that changed verdict lists only the indicators that
changed; when none crossed its standard (the 85% floor was crossed) it says so in words."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from tests.report.test_rectification_compare import FAILING_ON_EQUIPMENT, _tables
from youjun.assess import assess_tables
from youjun.report.compare import compare_lines, compare_results
from youjun.web.apps.rectification import display

R6 = "r6_equipment_value_per_student"


def _without(tables: dict[str, Any], code: str) -> dict[str, Any]:
    return {k: (v[v["school_code"] != code].copy() if "school_code" in v.columns else v.copy())
            for k, v in tables.items()}


@lru_cache(maxsize=1)
def years() -> tuple[dict[str, Any], dict[str, Any], str]:
    """The earlier year: the failing school's equipment at 88.9% of its standard (short, but within
    the tolerance: the section passed); the current year lacks one failing school (gone)."""
    now = assess_tables(_tables())[0]
    gone = next(s["code"] for s in now["schools"] if not s["compliant"] and s["code"] != FAILING_ON_EQUIPMENT
                and s["type"] == "primary")
    t = {k: v.copy() for k, v in _tables().items()}
    t["districts"]["school_year"] = "2024-2025"
    f = t["facilities"]
    f.loc[f["school_code"] == FAILING_ON_EQUIPMENT, "equipment_value_10k_yuan"] *= 1.2
    earlier = assess_tables(t)[0]
    current = assess_tables(_without(_tables(), gone))[0]
    return earlier, current, gone


def test_the_summary_reconciles_the_failing_sections() -> None:
    earlier, current, _gone = years()
    c = compare_results(earlier, current)
    r = c["reconcile"]
    sections = next(k for k in c["counts"] if k["key"] == "sections")
    assert r["failing_earlier"] == sections["total_earlier"] - sections["met_earlier"]
    assert r["failing_current"] == sections["total_current"] - sections["met_current"]
    assert r["gone"] == 1 and r["gone_failing"] == 1 and r["new"] == 0
    assert (r["failing_earlier"] + r["newly_failing"] - r["newly_passing"] - r["gone_failing"]
            + r["new_failing"]) == r["failing_current"]
    shown = display.page(c, c["schools"], "zh", None, whole_school=False)
    line = shown["reconcile_line"]
    assert f"未达标学段 {r['failing_earlier']} → {r['failing_current']}" in line
    assert f"新增未达标 +{r['newly_failing']}" in line and f"新达标 −{r['newly_passing']}" in line
    assert "本年不再参评 −1" in line, line
    en = display.page(c, c["schools"], "en", None, whole_school=False)["reconcile_line"]
    assert "no longer assessed −1" in en and "（" not in en and "：" not in en, en
    assert any("未达标学段" in ln and "不再参评" in ln for ln in compare_lines(c, "zh"))


def test_only_indicators_that_changed_are_listed_and_a_floor_crossing_is_said() -> None:
    earlier, current, _gone = years()
    c = compare_results(earlier, current)
    mine = next(s for s in c["newly_failing"] if s["code"] == FAILING_ON_EQUIPMENT)
    r6 = next(i for i in mine["indicators"] if i["key"] == R6)
    assert (r6["met_earlier"], r6["met_current"]) == (False, False)
    assert not any(i["explains"] for i in mine["indicators"])  # no indicator changed standing
    zh = display.page(c, c["schools"], "zh", None, whole_school=False)
    flip = next(f for f in zh["flips"] if f["code"] == FAILING_ON_EQUIPMENT)
    assert "没有指标" in flip["what"] and "生均教学仪器设备值" in flip["what"] and "85%" in flip["what"]
    assert "88.9% → 74.1%" in flip["what"], flip["what"]
    for f in zh["flips"]:  # every other flip names only indicators whose standing changed
        s = next(x for x in c["schools"] if x["code"] == f["code"] and x["level"] == f["level"])
        if any(i["flipped"] for i in s["indicators"]):
            for i in s["indicators"]:
                if not i["flipped"]:
                    assert f"{i['name_zh']} " not in f["what"], (i["name_zh"], f["what"])
    en = display.page(c, c["schools"], "en", None, whole_school=False)
    flip_en = next(f for f in en["flips"] if f["code"] == FAILING_ON_EQUIPMENT)
    assert "no indicator" in flip_en["what"].lower() and "85%" in flip_en["what"] and "（" not in flip_en["what"]


def test_a_share_just_under_the_floor_is_not_rounded_up_to_it() -> None:
    """84.996% of the standard failed the 85% floor: the words must not say 85.0%."""
    from youjun.report.compare import floor_words

    s = {"indicators": [{"short_both": True, "name_zh": "生均教学仪器设备值", "name_en": "Equipment",
                         "ratio_earlier": 1699.91 / 2000, "ratio_current": 0.90}]}
    text = floor_words(s, "7项中至少6项达标，其余不低于85%", "zh", 0.85)
    assert "84.9% → 90.0%" in text and "85.0%" not in text
