"""The pure rules of school-based courses (youjun.core.courses) over the shipped rules YAML."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from youjun.core import courses as c

DAY = dt.date(2026, 12, 1)


def test_themes_include_the_ethnic_theme_and_the_brief_list() -> None:
    words = [t.zh for t in c.themes(DAY)]
    for w in ("德育/思政", "文化传承", "民族文化", "科技/科创", "艺术", "体育与健康", "劳动", "阅读"):
        assert w in words
    assert c.ethnic_theme(DAY) in {t.key for t in c.themes(DAY)}
    assert next(t for t in c.themes(DAY) if t.key == c.ethnic_theme(DAY)).zh == "民族文化"


def test_the_114_paths_are_the_fixed_tags() -> None:
    assert [t.zh for t in c.fixed_tags(DAY)] == ["学科教学", "实践体验", "活动浸润", "民族认同"]
    assert all(c.is_fixed(t.key) for t in c.fixed_tags(DAY))


def test_hongqi_template_has_the_five_groups_with_aims() -> None:
    t = c.template("hongqi_qiyuan", DAY)
    assert t is not None
    assert [g["name"] for g in t["groups"]] == ["星雅课程群", "星慧课程群", "星动课程群", "星艺课程群", "星探课程群"]
    assert all(g["aim_zh"] and g["theme"] in {x.key for x in c.themes(DAY)} for g in t["groups"])
    assert c.template("nope", DAY) is None


def test_rules_before_they_were_in_force_are_refused() -> None:
    try:
        c.themes(dt.date(2019, 1, 1))
    except ValueError as exc:
        assert "themes.yaml" in str(exc)
    else:
        raise AssertionError("no themes before 2020-09-01")


def test_school_years() -> None:
    assert c.parse_school_year("2025-2026") == "2025-2026"
    assert c.parse_school_year(" 2025—2026 ") == "2025-2026"
    assert c.parse_school_year("2025/2026") == "2025-2026"
    assert c.parse_school_year("2025") == "2025-2026"
    assert c.parse_school_year("2025-2027") is None
    assert c.parse_school_year("二〇二五") is None
    assert c.school_year_of(dt.date(2026, 8, 31)) == "2025-2026"
    assert c.school_year_of(dt.date(2026, 9, 1)) == "2026-2027"
    assert c.active_in("2024-2025", "", "2030-2031")
    assert c.active_in("2024-2025", "2025-2026", "2025-2026")
    assert not c.active_in("2024-2025", "2025-2026", "2026-2027")
    assert not c.active_in("2026-2027", "", "2025-2026")


def test_grades_and_hours() -> None:
    assert c.grades_text(1, 3, "zh") == "1–3年级"
    assert c.grades_text(4, 4, "zh") == "4年级"
    assert c.grades_text(7, 9, "en") == "grades 7–9"
    lim = c.limits(DAY)
    assert c.grades_valid(1, 9, lim) and not c.grades_valid(0, 3, lim) and not c.grades_valid(5, 4, lim)
    assert not c.grades_valid(7, 10, lim)
    assert c.hours_per_year(Decimal("16"), "term", "both") == Decimal("32")
    assert c.hours_per_year(Decimal("16"), "term", "1") == Decimal("16")
    assert c.hours_per_year(Decimal("36"), "year", "both") == Decimal("36")


def test_tags_are_cleaned_and_limited() -> None:
    ok = c.clean_tags(["civics114:practice", "civics114:subject"], ["非遗", " 非遗 ", "#土家族", "实践体验"], DAY)
    assert ok.tags == ["civics114:subject", "civics114:practice", "非遗", "土家族"]
    assert not ok.unknown and not ok.too_many and not ok.too_long
    bad = c.clean_tags(["civics114:nope"], ["a", "b", "c", "d", "一二三四五六七八九十一二三"], DAY)
    assert bad.unknown == ["civics114:nope"]
    assert bad.too_many and bad.too_long == ["一二三四五六七八九十一二三"]
    assert c.split_free_tags("非遗，土家族、 研学;x") == ["非遗", "土家族", "研学", "x"]
    assert c.tag_words("civics114:identity", DAY, "zh") == "民族认同"
    assert c.tag_words("非遗", DAY, "zh") == "非遗"


def test_every_rule_file_says_what_it_is_and_where_it_comes_from() -> None:
    from youjun.core.rules import read_yaml, rules_root

    files = sorted((rules_root(None) / c.COURSES_DIR).glob("*.yaml"))
    assert {f.stem for f in files} == {"themes", "tags", "course_group_templates", "limits"}
    for f in files:
        raw = read_yaml(f)
        assert raw["description"]["zh"] and raw["description"]["en"], f.name
        ref = raw["reference"]
        assert {"document", "number", "article", "confidence"} <= set(ref) and ref["confidence"] in "CMSU", f.name
        assert (ref["local"] is True and "seeds" in ref["note"]) or ref["confidence"] == "S", f.name
        assert all(v["value"]["local"] is True for v in raw["values"].values()), f.name
