"""The page-hygiene rules for number formats (issue 10 §1.3): money grouped, one area unit."""

from __future__ import annotations

from tests.web import hygiene


def test_money_without_separators_is_a_defect() -> None:
    assert any("thousands" in p for p in hygiene.problems("小学不低于 2000 元/生", "zh"))
    assert any("thousands" in p for p in hygiene.problems("6400 yuan short", "en"))
    assert hygiene.problems("小学不低于 2,000 元/生；缺 409,000 元；预算 1000 万元；缺 800 元", "zh") == []


def test_two_area_units_on_one_chinese_page_is_a_defect() -> None:
    assert hygiene.problems("缺 126.2 平方米教学及辅助用房；每间不小于90㎡", "zh") \
        == ["areas in two units on one page: 平方米 and ㎡"]
    assert hygiene.problems("缺 126.2 平方米教学及辅助用房；生均 4.99 平方米/生", "zh") == []


def test_what_a_person_types_is_code_not_an_english_word() -> None:
    """A generated password of letters only (CI found 'ntqkXWVTQNmpnDazg' on a log-in slip) is
    typed, not read: in <kbd> it is not prose; the same letters as prose still are."""
    slip = "<p>初始密码：<kbd class=\"mono\">ntqkXWVTQNmpnDazg</kbd></p>"
    assert hygiene.problems(hygiene.shown_text(slip), "zh") == []
    assert hygiene.problems(hygiene.shown_text("<p>初始密码：ntqkXWVTQNmpnDazg</p>"), "zh") != []


def test_a_template_tab_on_an_english_page_is_allowed_only_with_its_english() -> None:
    """The template's tabs and headers are Chinese in either language: an English message names
    them as the workbook does, glossed (sheet '佐证材料' (Evidence)); bare, they are still a defect."""
    assert hygiene.problems("Add a row to sheet '佐证材料' (Evidence), column 评估项目 (Item).", "en") == []
    assert hygiene.problems("Add a row to sheet '佐证材料'.", "en") != []
    assert hygiene.problems("Add a row to sheet '佐证材料' (Schools).", "en") != []  # the wrong gloss
