"""The what-if rows and the births table of the planning page, ready for their templates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import template

from youjun.web.apps.planning import whatif_form as wf
from youjun.web.apps.planning.options import WEB_CHANGES
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.templatetags.youjun import lang_code

register = template.Library()


def _errors(problems: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    lang = lang_code()
    out: dict[str, str] = {}
    for p in problems or []:
        column = str((p.get("location") or {}).get("column") or "")
        if column.startswith(("wi-", "births-")):
            message = p.get("message") or {}
            out.setdefault(column, str(message.get(lang) or message.get("zh") or ""))
    return out


@register.simple_tag
def whatif_form(district: District, form: Mapping[str, Any], problems: Sequence[Mapping[str, Any]],
                years: Sequence[str]) -> dict[str, Any]:
    schools = list(School.objects.filter(district=district).order_by("code").values_list("code", "name", "town"))
    errors = _errors(problems)
    submitted = [r for r in wf.rows_of(form or {}) if not r.blank]
    last = max((r.n for r in submitted), default=0)
    rows = [*submitted, *(wf.Row(last + k) for k in range(1, wf.BLANK_ROWS + 1))]
    return {
        "kinds": list(wf.KINDS.items()), "items": [(k, v[0]) for k, v in wf.BUILD_ITEMS.items()],
        "yaml_changes": list(WEB_CHANGES),
        "schools": [(code, name) for code, name, _ in schools], "grades": list(wf.GRADES),
        "rows": [{"n": r.n, "v": {p: r.get(p) for p in wf.PARTS},
                  "e": {p: errors.get(wf.name(r.n, p), "") for p in wf.PARTS},
                  "names": {p: wf.name(r.n, p) for p in wf.PARTS}} for r in rows],
        "births": _births(form or {}, sorted({t for *_, t in schools if t}), years, errors),
    }


def _births(form: Mapping[str, Any], towns: list[str], years: Sequence[str], errors: dict[str, str]
            ) -> dict[str, Any]:
    birth_years = wf.birth_years(years[0] if years else "")
    # One row per town of the district, then the district as a whole ("" → "*").
    names = [*towns[:wf.MAX_TOWNS], ""]
    rows = []
    for k, town in enumerate(names, start=1):
        cells = [{"name": f"births-{k}-{y}", "year": y, "value": str(form.get(f"births-{k}-{y}") or ""),
                  "error": errors.get(f"births-{k}-{y}", "")} for y in birth_years]
        rows.append({"k": k, "town": town, "field": f"births-town-{k}", "cells": cells})
    return {"years": birth_years, "rows": rows}
