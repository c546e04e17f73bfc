"""The rectification list and the year-over-year comparison, from the real engine's results."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from typing import Any

import openpyxl
import pytest

from youjun.assess import assess_tables
from youjun.core.labels import INDICATOR_LABELS
from youjun.report.compare import compare_lines, compare_results
from youjun.report.rectification import build_rectification, filter_rows
from youjun.report.rectification_render import render_rectification_html, render_rectification_xlsx

FAILING_ON_EQUIPMENT = "5001180248"  # S 2023: 74% of the equipment standard, below the 85% floor


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    from youjun.sample import generate

    return generate("S", 2023)


@lru_cache(maxsize=1)
def result_s() -> dict[str, Any]:
    return assess_tables(_tables())[0]


@lru_cache(maxsize=1)
def earlier_s() -> dict[str, Any]:
    """The same district a year before: the failing school had its equipment then, and a
    compliant school lacked it (so one is newly failing, the other newly passing)."""
    t = {k: v.copy() for k, v in _tables().items()}
    t["districts"]["school_year"] = "2022-2023"
    f = t["facilities"]
    passing = next(s["code"] for s in result_s()["schools"]
                   if s["compliant"] and s["type"] == "primary" and not s["gaps"])
    f.loc[f["school_code"] == FAILING_ON_EQUIPMENT, "equipment_value_10k_yuan"] *= 1.5
    f.loc[f["school_code"] == passing, "equipment_value_10k_yuan"] *= 0.5
    earlier_s.passing = passing  # type: ignore[attr-defined]
    return assess_tables(t)[0]


def entries(rect: dict[str, Any], code: str) -> list[dict[str, Any]]:
    return next(r for r in rect["rows"] if r["code"] == code)["entries"]


def test_one_row_per_school_with_every_finding_in_real_units() -> None:
    result = result_s()
    rect = build_rectification(result)
    codes = [r["code"] for r in rect["rows"]]
    assert len(codes) == len(set(codes)), "one row per school"
    # every non-compliant school is on the list, first
    failing = {s["code"] for s in result["schools"] if not s["compliant"]}
    assert set(codes[:len(failing)]) == failing
    # the equipment school: R6 in yuan, its missing art room from G3
    mine = entries(rect, FAILING_ON_EQUIPMENT)
    texts = " ".join(e["gap_zh"] for e in mine)
    assert "缺 409,000 元" in texts and "小学部" not in texts
    assert "缺美术教室 1 间" in texts
    assert {e["label"] for e in mine} >= {"R6", "G3"}
    # G5: the oversized classes of a school counted in one entry, not one per class
    g5 = [e for r in rect["rows"] for e in r["entries"] if e["label"] == "G5"]
    assert g5 and all("个班" in e["gap_zh"] and "每班不超过" in e["gap_zh"] for e in g5)
    assert sum(e["count"] for e in g5) == len(result["items"]["g5"]["failing"])
    assert len(g5) < len(result["items"]["g5"]["failing"]) / 5
    # G4: pupils over the size limit, in pupils
    g4 = [e for r in rect["rows"] for e in r["entries"] if e["label"] == "G4"]
    assert len(g4) == len(result["items"]["g4"]["failing"]) and all("人" in e["gap_zh"] for e in g4)
    # nothing shown as a Python value or with 4 decimals
    for r in rect["rows"]:
        for e in r["entries"]:
            for text in (e["gap_zh"], e["gap_en"]):
                assert "None" not in text and "{'" not in text and "nan" not in text
                assert not re.search(r"\d\.\d{4,}", text), text
    assert len({e["key"] for r in rect["rows"] for e in r["entries"]}) >= rect["counts"]["findings"] - 10


def test_filters_keep_only_matching_rows_and_entries() -> None:
    rect = build_rectification(result_s())
    g3 = filter_rows(rect, requirement="G3")
    assert g3 and all(e["label"] == "G3" for r in g3 for e in r["entries"])
    town = rect["rows"][0]["town"]
    assert all(r["town"] == town for r in filter_rows(rect, town=town))
    assert all("junior" in r["levels"] for r in filter_rows(rect, level="junior"))


def test_xlsx_numbers_are_numbers_and_html_prints() -> None:
    rect = build_rectification(result_s())
    buf = io.BytesIO()
    render_rectification_xlsx(rect, buf, "zh", assignments={entries(rect, FAILING_ON_EQUIPMENT)[0]["key"]:
                                                            {"office": "=装备科", "deadline": "2026-06-30"}})
    ws = openpyxl.load_workbook(io.BytesIO(buf.getvalue())).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert ws.cell(3, 1).value == "学校标识码/区县代码"
    mine = [r for r in rows if r[0] == FAILING_ON_EQUIPMENT]
    assert mine[0][7] == 409000 and isinstance(mine[0][7], (int, float))
    assert mine[0][9] == "'=装备科" and mine[0][10] == "2026-06-30"  # user text stays text
    html = render_rectification_html(rect, "en")
    assert "@media print" in html and "rectification list" in html
    assert "缺" not in html.split("<tbody>")[1].split(FAILING_ON_EQUIPMENT)[1][:400]


def test_year_over_year_newly_failing_and_newly_passing() -> None:
    from youjun.report.numbers import value

    earlier, current = earlier_s(), result_s()
    c = compare_results(earlier, current)
    assert c["years"] == {"earlier": "2022-2023", "current": current["district"]["school_year"]}
    assert [(s["code"], s["level"]) for s in c["newly_failing"]] == [(FAILING_ON_EQUIPMENT, "primary")]
    assert [s["code"] for s in c["newly_passing"]] == [earlier_s.passing]  # type: ignore[attr-defined]
    s = c["newly_failing"][0]
    r6 = next(i for i in s["indicators"] if i["key"] == "r6_equipment_value_per_student")
    unit = INDICATOR_LABELS["r6_equipment_value_per_student"][2]
    assert r6["flipped"] and r6["unit_zh"] == unit
    shown = [float(value(x).replace(",", "")) for x in (r6["earlier"], r6["current"])]
    assert r6["change"] == round(shown[1] - shown[0], 2)  # as shown, not from unrounded values
    assert r6["met_earlier"] is True and r6["met_current"] is False
    compliant = next(x for x in c["counts"] if x["key"] == "sections")
    assert compliant["change"] == 0  # one in, one out
    text = "\n".join(compare_lines(c, "zh"))
    assert "新增未达标学段 1 个" in text and "生均教学仪器设备值" in text and f" {unit}" in text
    assert "newly failing: 1" in "\n".join(compare_lines(c, "en"))
    with pytest.raises(ValueError):
        compare_results(earlier, current | {"district": {"code": "999999"}})


def test_every_entry_names_its_requirement_in_words() -> None:
    """The requirement column shows the indicator's name, never the bare key ("r4")."""
    rect = build_rectification(result_s())
    r6 = next(e for e in entries(rect, FAILING_ON_EQUIPMENT) if e["label"] == "R6")
    assert r6["title_zh"] == "生均教学仪器设备值" and r6["title_en"].startswith("Teaching equipment value")
    for r in rect["rows"]:
        for e in r["entries"]:
            assert not re.fullmatch(r"[a-z]\d+\w*", e["title_zh"]), e["title_zh"]
            assert not re.fullmatch(r"[a-z]\d+\w*", e["title_en"]), e["title_en"]


def test_classes_over_the_limit_are_said_as_not_meeting_it() -> None:
    """Classes above the class-size limit are not "short of" it; each class with its size."""
    rect = build_rectification(result_s())
    g5 = [e for r in rect["rows"] for e in r["entries"] if e["label"] == "G5"]
    for e in g5:
        assert "short of" not in e["gap_en"] and re.search(r" (do|does) not meet: ", e["gap_en"]), e["gap_en"]
        assert re.search(r"grade \d+, class \d+: \d+ pupils", e["gap_en"]), e["gap_en"]


def test_a_room_is_named_once() -> None:
    """"缺美术教室 1 间" already names the room: no "美术教室：缺美术教室 1 间"."""
    rect = build_rectification(result_s())
    g3 = [e for r in rect["rows"] for e in r["entries"] if e["label"] == "G3"]
    assert g3
    for e in g3:
        head = e["gap_zh"].split("：", 1)[0]
        assert not e["gap_zh"].startswith(f"{head}：缺{head}"), e["gap_zh"]
        assert not re.match(r"(\w+ room): 1 \1", e["gap_en"]), e["gap_en"]


# --- a comparison a statistician can trust ------------------------------------------------------

RENAMED = "5001180046"


@lru_cache(maxsize=1)
def renamed_earlier() -> dict[str, Any]:
    """The same district a year before, except that one code then named another school."""
    t = {k: v.copy() for k, v in _tables().items()}
    t["districts"]["school_year"] = "2022-2023"
    s = t["schools"]
    s.loc[s["school_code"] == RENAMED, "school_name"] = "永川区另一所小学"
    return assess_tables(t)[0]


@lru_cache(maxsize=1)
def other_district_year() -> dict[str, Any]:
    """A year whose school list is another one (a different seed draws other schools)."""
    from youjun.sample import generate

    t = generate("S", 99)
    t["districts"]["school_year"] = "2022-2023"
    return assess_tables(t)[0]


def test_a_code_naming_another_school_is_flagged_not_silently_the_same() -> None:
    c = compare_results(renamed_earlier(), result_s())
    assert [(x["code"], x["name_earlier"], x["name_current"]) for x in c["identity_changed"]] == [
        (RENAMED, "永川区另一所小学", next(s["name"] for s in result_s()["schools"] if s["code"] == RENAMED))]
    mine = [s for s in c["schools"] if s["code"] == RENAMED]
    assert mine and all(s["identity_changed"] and s["name_earlier"] == "永川区另一所小学" for s in mine)
    assert not any(s["identity_changed"] for s in c["schools"] if s["code"] != RENAMED)
    assert not c["overlap"]["low"]
    zh, en = "\n".join(compare_lines(c, "zh")), "\n".join(compare_lines(c, "en"))
    assert "1 所学校代码相同但校名不同，请核对" in zh and "永川区另一所小学" in zh
    assert "1 school code names a different school" in en


def test_years_with_different_school_lists_get_a_prominent_warning() -> None:
    c = compare_results(other_district_year(), result_s())
    o = c["overlap"]
    assert o["low"] and o["shared"] < 0.5 * o["current"]
    first = compare_lines(c, "zh")[1]
    assert "两个学年的学校名单大多不同" in first, first
    assert not compare_results(earlier_s(), result_s())["overlap"]["low"]


def test_counts_are_the_dashboards_requirements_in_sections_and_g_q() -> None:
    c = compare_results(earlier_s(), result_s())
    rows = {r["key"]: r for r in c["counts"]}
    assert list(rows) == ["sections", "schools", "cv", "g", "q"]
    items = result_s()["items"]
    g = [k for k in items if k[0] == "g" and k[1:].isdigit()]
    q = [k for k in items if k[0] == "q" and k[1:].isdigit()]
    assert (rows["g"]["total_current"], rows["q"]["total_current"]) == (len(g), len(q)) == (15, 9)
    assert rows["g"]["met_current"] == sum(items[k]["status"] == "pass" for k in g)
    counts = result_s()["verdict"]["counts"]
    assert (rows["sections"]["met_current"], rows["sections"]["total_current"]) == (
        counts["schools_compliant"], counts["schools"])
    codes = {s["code"] for s in result_s()["schools"]}
    assert rows["schools"]["total_current"] == len(codes) < counts["schools"]
    zh = "\n".join(compare_lines(c, "zh"))
    assert "达标学段（学校按学段计）" in zh and "新增未达标学段 1 个" in zh
    assert "达标学校" not in zh.replace("达标学校（各学段均达标）", "")
    assert "政府保障程度达标项：" in zh and "G/Q" not in zh
    en = "\n".join(compare_lines(c, "en"))
    assert "School sections meeting the standard" in en and "newly failing: 1 school section" in en


def test_changes_are_computed_from_the_values_as_shown() -> None:
    """Earlier + change = current on the screen: "2,716.33 → 2,988.00" is "+271.67", never the
    unrounded "+271.68"; on two sample years (every school's values move)."""
    from youjun.report.numbers import value
    from youjun.sample import generate

    c = compare_results(assess_tables(generate("S", 2023, school_year="2024-2025"))[0], result_s())
    rows = [i for s in c["schools"] for i in s["indicators"] if i["change"] is not None]
    assert rows
    checked_rounding: list[dict[str, Any]] = []
    for i in rows:
        d = i["change_decimals"]
        shown0, shown1 = (float(value(x).replace(",", "")) for x in (i["earlier"], i["current"]))
        assert round(shown0 + i["change"], d) == round(shown1, d), i
        assert d == max(len(value(x).split(".")[1]) if "." in value(x) else 0 for x in (i["earlier"], i["current"]))
        unrounded = i["current"] - i["earlier"]
        assert i["change"] == round(shown1 - shown0, d)
        if round(unrounded, d) != i["change"]:
            checked_rounding.append(i)
    assert checked_rounding, "no row where the unrounded difference would have shown otherwise"
    for r in c["cvs"]:
        if r["change"] is not None:
            assert round(round(r["earlier"], 3) + r["change"], 3) == round(r["current"], 3)
    line = next(x for x in compare_lines(c, "zh") if x.startswith("    ") and "→" in x)
    m = re.search(r"([\d,.]+) → ([\d,.]+) \S+（([+−-][\d,.]+)）", line)
    assert m, line
    then, now, change = (float(x.replace(",", "").replace("−", "-")) for x in m.groups())
    assert round(then + change, 2) == now, line


def test_indicator_units_come_from_the_labels() -> None:
    from youjun.core.labels import INDICATOR_LABELS

    c = compare_results(earlier_s(), result_s())
    for s in c["schools"]:
        for i in s["indicators"]:
            assert (i["unit_zh"], i["unit_en"]) == INDICATOR_LABELS[i["key"]][2:]
