"""Public pages of the consultation platform: the statistics and the open-data files.

Both are public and carry no personal data: the statistics are counts computed from the
records (``statistics.py``), the open data lists public items and meetings without names,
phones or residents' text (``open_data.py``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
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
    if (key in ("response_days", "on_time") and row.withheld) or (key == "satisfaction"
                                                                   and row.satisfaction_withheld):
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


def _merged(cells: list[str]) -> list[dict[str, Any]]:
    """A row's cells with neighbouring "样本不足…不公布" cells joined into one (said once per row);
    the figures stay hidden."""
    out: list[dict[str, Any]] = []
    for text in cells:
        withheld = text.startswith(("样本不足", "Too few items"))
        if withheld and out and out[-1]["withheld"] and out[-1]["text"] == text:
            out[-1]["span"] += 1
        else:
            out.append({"text": text, "span": 1, "withheld": withheld})
    return out


def present(s: statistics.Stats, lang: str) -> dict[str, Any]:
    """What the page shows: headline figures with their definitions, and each breakdown as a
    chart with its table below."""
    figures = statistics.FIGURES
    cards = [{"key": k, "label": figures[k].label(lang), "value": _with_unit(k, s.total, lang, s.min_items),
              "note": figures[k].note(lang) + (_deadlines(s.body, lang) if k == "overdue" else "")}
             for k in statistics.COLUMNS["total"]]
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
            "rows": [{"label": r.label(lang),
                      "cells": _merged([shown(c["key"], r, lang, s.min_items) for c in columns]),
                      "withheld": r.withheld, "total": key == "body" and r.key == ""} for r in rows],
            "note": statistics.JOINT_NOTE[1 if lang == "en" else 0] if key == "body" else ""})
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
            expected = _in_words([f"{name} ({c})" for name, c in Body.objects.values_list("name", "code")])
            problem = problem or web_problem("E923", value=code, rule="consultation.statistics", expected=expected)
    return year, body, problem


def _deadlines(body: Body | None, lang: str) -> str:
    """The days each category has to be answered in (the body's, or the platform default), said
    inline: the settings page is not public."""
    from youjun.core import consultation as rules
    from youjun.web.apps.consultation import services

    sla = services.body_settings(body)["sla"] if body is not None else rules.default_settings()["sla"]
    parts = [f"{c.get('en' if lang == 'en' else 'zh', key)} {int(c.get('days') or 0):,}"
             + (" days" if lang == "en" else " 天") for key, c in (sla.get("categories") or {}).items()]
    if not parts:
        return ""
    return (" Deadlines: " + ", ".join(parts) + ".") if lang == "en" else ("办理时限：" + "、".join(parts) + "。")


def _in_words(names: list[str]) -> str:
    """English words for a list of choices: "A", "A or B", "A, B or C"."""
    if not names:
        return "—"
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


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
                      for d in open_data.DATASETS for f in open_data.FORMATS]
        + [{"dataset": d, "format": "csv", "zh": True,
            "query": {**query, "dataset": d, "format": "csv", "headers": "zh"}} for d in open_data.DATASETS],
    }, status=400 if problem else 200)


@require_GET
def open_data_view(request: HttpRequest) -> HttpResponse:
    lang = lang_code()
    fmt = (request.GET.get("format") or "csv").strip().lower()
    dataset = (request.GET.get("dataset") or "items").strip().lower()
    year, body, problem = _choices(request, timezone.localdate(), default_year=None)
    if fmt not in open_data.FORMATS:
        problem = web_problem("E920", value=fmt, rule="consultation.open_data", expected="CSV or JSON")
    elif dataset not in open_data.DATASETS:
        problem = web_problem("E921", value=dataset, rule="consultation.open_data",
                              expected="the items (concerns) or the meetings (consultations)")
    if problem:
        return render(request, "consultation/stats/problem.html", {"problem": _problem_view(problem, lang)},
                      status=400)
    rows = open_data.rows_of(dataset, body, year)
    name = "-".join(["consultation", dataset, *([body.code] if body else []), *([str(year)] if year else [])])
    if fmt == "json":
        response = HttpResponse(json.dumps(open_data.as_json(dataset, rows), ensure_ascii=False, indent=1),
                                content_type="application/json; charset=utf-8")
    else:
        chinese = (request.GET.get("headers") or "").strip().lower() == "zh"
        if chinese:
            name += "-zh"
        response = HttpResponse(open_data.as_csv(dataset, rows, chinese=chinese),
                                content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


DOC = Path(__file__).resolve().parents[5] / "docs" / "consultation-open-data.md"


@require_GET
def open_data_docs(request: HttpRequest) -> HttpResponse:
    """The open-data documentation (docs/consultation-open-data.md, Chinese and English side by
    side) as the plain text it is written in: any phone shows it, nothing is lost in converting."""
    if not DOC.is_file():
        raise Http404("no documentation")
    response = HttpResponse(DOC.read_text("utf-8"), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="consultation-open-data.md"'
    return response
