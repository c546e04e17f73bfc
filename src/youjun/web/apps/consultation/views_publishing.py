"""Public pages of the consultation platform: the statistics and the open-data files.

Both are public and carry no personal data: the statistics are counts computed from the
records (``statistics.py``), the open data lists public items and meetings without names,
phones or residents' text (``open_data.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from youjun.report import numbers
from youjun.web.apps.consultation import charts, open_data, statistics
from youjun.web.apps.consultation.models import Body
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.errors import web_problem

BREAKDOWNS: dict[str, tuple[str, str, str]] = {  # key -> (zh, en, the figure its chart draws)
    "venue": ("按协商场景", "By venue", "activities"),
    "town": ("按镇街", "By town", "raised"),
    "department": ("按承办部门", "By department", "assigned"),
    "body": ("按政协", "By CPPCC body", "solved"),
}


def chinese_date(day: dt.date, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else f"{day.day} {day:%B} {day.year}"


def _days(value: float | None) -> str:
    if value is None:
        return numbers.MISSING
    return f"{value:,.1f}".rstrip("0").rstrip(".")


def shown(key: str, row: statistics.Row, lang: str, minimum: int) -> str:
    """One figure as a person reads it: counts grouped, days trimmed, shares with one decimal."""
    if key in ("response_days", "on_time") and row.withheld:
        minimum = row.minimum or minimum
        return (f"样本不足（少于{minimum}件）不公布" if lang == "zh"
                else f"Too few items (under {minimum}): not published")
    value = row.values.get(key)
    if key == "satisfaction":
        if value is None:
            return numbers.MISSING
        rated = f"{row.rated:,}"
        return (f"{numbers.percent(value, measured=True)}（{rated} 件）" if lang == "zh"
                else f"{numbers.percent(value, measured=True)} ({rated} rated)")
    if key == "on_time":
        return numbers.percent(value, measured=True)
    if key in ("median_days", "response_days"):
        return _days(value)
    return numbers.count(value)


def _with_unit(key: str, row: statistics.Row, lang: str, minimum: int) -> str:
    text = shown(key, row, lang, minimum)
    fig = statistics.FIGURES[key]
    if text == numbers.MISSING or key in ("satisfaction", "on_time") or (row.withheld and key == "response_days"):
        return text
    unit = fig.unit(lang)
    if lang == "en" and row.values.get(key) == 1 and unit.endswith("s"):
        unit = unit[:-1]  # 1 item, 1 meeting, 1 day
    return f"{text} {unit}"


def present(s: statistics.Stats, lang: str) -> dict[str, Any]:
    """What the page shows: headline figures with their definitions, and each breakdown as a
    chart with its table below."""
    figures = statistics.FIGURES
    cards = [{"key": k, "label": figures[k].label(lang), "value": _with_unit(k, s.total, lang, s.min_items),
              "note": figures[k].note(lang)} for k in statistics.COLUMNS["total"]]
    sections = []
    for key, (zh, en, charted) in BREAKDOWNS.items():
        rows = s.breakdowns[key]
        columns = [{"key": k, "label": figures[k].label(lang), "unit": figures[k].unit(lang)}
                   for k in statistics.COLUMNS[key]]
        fig = figures[charted]
        chart = None
        if rows:
            chart = charts.bar_chart(
                [(r.label(lang), r.values.get(charted)) for r in rows],
                title=f"{fig.label(lang)}（{zh}）" if lang == "zh" else f"{fig.label(lang)} ({en.lower()})",
                axis_title=f"{fig.label(lang)}（{fig.unit(lang)}）" if lang == "zh"
                else f"{fig.label(lang)} ({fig.unit(lang)})",
                value_label=lambda v: numbers.count(v))
        sections.append({
            "key": key, "title": zh if lang == "zh" else en, "chart": chart, "columns": columns,
            "rows": [{"label": r.label(lang), "cells": [shown(c["key"], r, lang, s.min_items) for c in columns],
                      "withheld": r.withheld} for r in rows]})
    definitions = [{"term": f"{f.label(lang)}（{f.unit(lang)}）" if lang == "zh"
                    else f"{f.label(lang)} ({f.unit(lang)})", "note": f.note(lang)} for f in figures.values()]
    return {"cards": cards, "sections": sections, "definitions": definitions,
            "as_of": chinese_date(s.today, lang), "min_items": s.min_items}


def _choices(request: HttpRequest, today: dt.date, *, default_year: int | None) -> tuple[
        int | None, Body | None, dict[str, Any] | None]:
    """The year and body asked for in the address, or the problem with them."""
    years = statistics.years_available(today)
    year = default_year
    body = None
    problem = None
    raw = (request.GET.get("year") or "").strip()
    if raw:
        if raw.isdigit() and years[-1] <= int(raw) <= years[0]:
            year = int(raw)
        else:
            problem = web_problem("E922", value=raw, rule="consultation.statistics", first=years[-1], last=years[0])
    code = (request.GET.get("body") or "").strip()
    if code:
        body = Body.objects.filter(code=code).first()
        if body is None:
            expected = "、".join(Body.objects.values_list("code", flat=True)) or "—"
            problem = problem or web_problem("E923", value=code, rule="consultation.statistics", expected=expected)
    return year, body, problem


def _problem_view(problem: dict[str, Any], lang: str) -> dict[str, Any]:
    return {"code": problem["code"], "message": problem["message"][lang], "hint": problem["hint"][lang]}


@require_GET
def stats(request: HttpRequest) -> HttpResponse:
    lang = lang_code()
    today = timezone.localdate()
    year, body, problem = _choices(request, today, default_year=None)
    defaulted = year is None  # no year asked for: the latest year with records, said on the page
    if year is None:
        year = statistics.latest_year(today, body)
    result = statistics.compute(year, body, today)
    query = {"year": str(year), **({"body": body.code} if body else {})}
    return render(request, "consultation/stats/stats.html", {
        "view": present(result, lang), "year": year, "body": body, "years": statistics.years_available(today),
        "bodies": list(Body.objects.all()), "problem": _problem_view(problem, lang) if problem else None,
        "default_note": defaulted and not problem and year != today.year,
        "downloads": [{"dataset": d, "format": f, "query": {**query, "dataset": d, "format": f}}
                      for d in open_data.DATASETS for f in open_data.FORMATS],
    }, status=400 if problem else 200)


@require_GET
def open_data_view(request: HttpRequest) -> HttpResponse:
    lang = lang_code()
    fmt = (request.GET.get("format") or "csv").strip().lower()
    dataset = (request.GET.get("dataset") or "items").strip().lower()
    year, body, problem = _choices(request, timezone.localdate(), default_year=None)
    if fmt not in open_data.FORMATS:
        problem = web_problem("E920", value=fmt, rule="consultation.open_data", expected="csv、json")
    elif dataset not in open_data.DATASETS:
        problem = web_problem("E921", value=dataset, rule="consultation.open_data", expected="items、meetings")
    if problem:
        return render(request, "consultation/stats/problem.html", {"problem": _problem_view(problem, lang)},
                      status=400)
    rows = open_data.rows_of(dataset, body, year)
    name = "-".join(["consultation", dataset, *([body.code] if body else []), *([str(year)] if year else [])])
    if fmt == "json":
        response = HttpResponse(json.dumps(open_data.as_json(dataset, rows), ensure_ascii=False, indent=1),
                                content_type="application/json; charset=utf-8")
    else:
        response = HttpResponse(open_data.as_csv(dataset, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
