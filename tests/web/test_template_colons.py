"""A label's colon follows the page's language: “原因：…” on a Chinese page, "Reason: …" on an
English one (a walk found "有成绩的学生: 2 人"). Templates write ``{% colon %}`` after a translated
label, never a literal ASCII colon."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "youjun" / "web" / "templates"
LABEL_THEN_ASCII_COLON = re.compile(r'\{% translate "[^"]*"(?: context "[^"]*")? %\}: ')


def test_no_template_puts_an_ascii_colon_after_a_translated_label() -> None:
    found = [f"{p.relative_to(TEMPLATES)}:{n}" for p in sorted(TEMPLATES.rglob("*.html"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if LABEL_THEN_ASCII_COLON.search(line)]
    assert found == [], "ASCII colons after translated labels (use {% colon %}):\n" + "\n".join(found)


def test_the_colon_is_full_width_in_chinese_and_ascii_in_english() -> None:
    template = Template('{% load i18n youjun %}{% translate "Reason given" %}{% colon %}x')
    with translation.override("zh-hans"):
        assert template.render(Context()) == "说明：x"
    with translation.override("en"):
        assert template.render(Context()) == "Reason given: x"


def test_every_template_compiles() -> None:
    """A mechanical edit must not break a template ({% extends %} has to stay the first tag)."""
    from django.template.loader import get_template

    for path in sorted(TEMPLATES.rglob("*.html")):
        get_template(str(path.relative_to(TEMPLATES)))
