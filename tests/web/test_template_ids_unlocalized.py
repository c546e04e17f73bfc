"""An id put into a form value must never be localised: with thousands separators on, the
check-in 139920 reached the server as "139,920" and every review of it failed (a walk found
150 of 165 check-ins unreviewable). Every template that puts a ``pk``/``id`` into a value
attribute passes it through ``unlocalize`` (or ``stringformat``)."""

from __future__ import annotations

import re
from pathlib import Path

from django.template import Context, Template

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "youjun" / "web" / "templates"
VALUE = re.compile(r'value="\{\{\s*([^}|]+?)\s*(\|[^}]*)?\}\}"')


def test_every_id_in_a_form_value_is_unlocalised() -> None:
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for m in VALUE.finditer(line):
                name, filters = m.group(1), m.group(2) or ""
                last = name.rsplit(".", 1)[-1]
                if (last in ("pk", "id") or last.endswith("_id")) and "unlocalize" not in filters \
                        and "stringformat" not in filters:
                    found.append(f"{path.relative_to(TEMPLATES)}:{n}: {m.group(0)}")
    assert found == [], "ids localised in form values:\n" + "\n".join(found)


def test_unlocalize_keeps_a_large_id_whole(settings) -> None:  # type: ignore[no-untyped-def]
    settings.USE_THOUSAND_SEPARATOR = True
    out = Template('{% load l10n %}<input value="{{ pk|unlocalize }}"> {{ pk }}').render(Context({"pk": 139920}))
    assert 'value="139920"' in out and "139,920" in out
