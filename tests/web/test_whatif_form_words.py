"""The what-if form and the planning problems read in one language: the factor label is
translated (its msgid carries a percent sign), English pages carry no Chinese gloss, and the
options hint names where the assumptions are in words, not as a repository path."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from tests.web.world import A, World

YEAR = "2025-2026"


def _page(world: World, lang: str, data: dict[str, str] | None = None) -> str:
    c = Client()
    c.force_login(world.users["bureau"])
    c.cookies["youjun_language"] = lang
    r = c.post(f"/d/{A}/plans/", data) if data else c.get(f"/d/{A}/plans/")
    return r.content.decode()


def _form(html: str) -> str:
    return html.split('data-testid="form-whatif"', 1)[1].split("</form>", 1)[0]


def test_factor_label_is_chinese_on_chinese_pages(world: World) -> None:
    form = _form(_page(world, "zh"))
    assert "倍数（1.1 即增加 10%）" in form
    assert "Factor" not in form and "more)" not in form


def test_no_chinese_gloss_in_the_english_form(world: World) -> None:
    form = _form(_page(world, "en"))
    assert "What-if scenario" in form
    assert not re.search(r"[\u4e00-\u9fff]", re.sub(r"<option[^>]*>.*?</option>", "", form, flags=re.S))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_options_hint_names_the_place_in_words(world: World, lang: str) -> None:
    html = _page(world, lang, {"kind": "seats", "year": YEAR, "years": "many", "migration": "9"})
    assert "E810" in html
    assert "docs/" not in html and "planning.md" not in html
    if lang == "zh":  # the field is named as the form names it, not by its option key
        assert "years 须为" not in html and "migration 须为" not in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_unknown_change_points_to_the_keys_listed_under_the_yaml_box(world: World, lang: str) -> None:
    from youjun.web.apps.planning.options import WEB_CHANGES

    html = _page(world, lang, {"kind": "whatif", "year": YEAR, "scenario": "- fly: {}"})
    problems = html.split('class="problems-list"', 1)[1].split("</ul>", 1)[0]
    assert "fly" in problems and "E810" in problems
    for key in WEB_CHANGES:  # the keys are not prose: they are listed as what a person types
        assert key not in problems, key
        assert f"<kbd>{key}</kbd>" in _form(html), key


def test_births_years_are_years_not_grouped_numbers(world: World) -> None:
    table = _page(world, "en").split('data-testid="births-table"', 1)[1].split("</table>", 1)[0]
    assert re.search(r'<th class="num">20\d\d</th>', table)
    assert not re.search(r"\b2,0\d\d\b", table)
