"""Writes of the assessment app: start a run, execute it as a background task, keep reports.

A run is a row in the database, carried out by ``platform.tasks`` (in a thread, or at once
when ``YOUJUN_TASKS=eager``); the page that started it polls its status and progress.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from youjun.core.schema import TABLES_BY_KEY
from youjun.web.apps.assessment import engine
from youjun.web.apps.assessment.models import AssessmentRun, ReportRender, RunReport
from youjun.web.apps.platform import extensions, tasks
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import District, User
from youjun.web.apps.schools import frames
from youjun.web.apps.schools import selectors as school_selectors
from youjun.web.apps.schools.models import Snapshot
from youjun.web.errors import web_problem

log = logging.getLogger("youjun.web.assessment")


def start_run(actor: User | None, district: District, school_year: str, *, ruleset: str = "cn-2017",
              overlays: list[str] | None = None) -> AssessmentRun:
    """Queue a run on the district's current snapshot of the year and set it going.

    A run of the same snapshot, rules and overlays already queued or running is returned
    instead of starting another (a second click, a second API call): the answer would be the
    same, and two would only wait for each other.
    """
    snap = school_selectors.current_snapshot_or_raise(district, school_year, "run.snapshot")
    reap_stale(district)  # a dead worker's run must not stand in for a new one
    with transaction.atomic():
        District.objects.select_for_update().filter(pk=district.pk).first()  # one start at a time
        under_way = _run_under_way(district, snap, ruleset, list(overlays or []))
        if under_way is not None:
            return under_way
        run = AssessmentRun.objects.create(district=district, snapshot=snap, school_year=school_year,
                                           ruleset=ruleset, overlays=list(overlays or []), created_by=actor,
                                           stage="queued", heartbeat=timezone.now(),
                                           owner=tasks.owner_id())
        record(actor, "start_run", run, district=district,
               after={"run": run.pk, "snapshot": snap.pk, "school_year": school_year, "ruleset": ruleset,
                      "data_hash": snap.data_hash})
    tasks.start(execute, run.pk, "run", AssessmentRun)
    run.refresh_from_db()
    return run


def _run_under_way(district: District, snap: Snapshot, ruleset: str, overlays: list[str]) -> AssessmentRun | None:
    busy = (AssessmentRun.Status.QUEUED, AssessmentRun.Status.RUNNING)
    for run in (AssessmentRun.objects.defer("result")
                .filter(district=district, snapshot=snap, ruleset=ruleset, status__in=busy)
                .order_by("-created_at", "-id")):
        if list(run.overlays or []) == overlays:
            return run
    return None


def execute(run_id: int) -> AssessmentRun:
    """Carry out one queued run; never raises (a failure is recorded on the run).

    Every write after the claim is conditional on the run still running: a run reaped as
    interrupted (E830) stays failed even if this worker finishes it later.
    """
    claimed = tasks.claim(AssessmentRun, run_id)
    run = AssessmentRun.objects.select_related("district", "snapshot").get(pk=run_id)
    if not claimed:
        return run
    t0 = time.perf_counter()
    try:
        tables = school_selectors.snapshot_tables(run.snapshot)
        supplied = _supply_rates(tables, run.district, run.school_year)
        figured = _supply_teacher_figures(tables, run.district, run.school_year)
        tasks.progress(run, 20, "assessing")
        result = engine.assess(tables, run.district.code, run.ruleset, run.overlays, run.snapshot.source)
        _note_figure_sources(result, figured)
        tasks.progress(run, 70, "reports")
        reports = _render_at_run(result)
        with transaction.atomic():
            verdict = result.get("verdict") or {}
            passes = verdict.get("passes")
            if not tasks.finish(run, result=result, passes=passes if isinstance(passes, bool) else None):
                raise tasks.Interrupted(run.pk)
            for (fmt, lang), content in reports.items():
                RunReport.objects.update_or_create(run=run, fmt=fmt, lang=lang, defaults={
                    "content": content, "filename": report_filename(run, fmt, lang)})
            record(run.created_by, "finish_run", run, district=run.district,
                   after={"run": run.pk, "status": "done", "passes": passes,
                          "seconds": round(time.perf_counter() - t0, 2),
                          **({"supplied_rates": supplied} if supplied else {}),
                          **({"supplied_figures": {k: v[0] for k, v in figured.items()}} if figured else {})})
    except tasks.Interrupted:  # reaped while it ran: the failure stands, the late result is dropped
        log.warning("assessment run %s was reaped before it finished; its result is discarded", run_id)
        record(run.created_by, "discard_run", run, district=run.district,
               after={"run": run.pk, "status": "failed", "discarded": True})
    except Exception as exc:  # the run records its failure; the server goes on
        log.exception("assessment run %s failed", run_id)
        problem = web_problem("E809", detail=f"{type(exc).__name__}: {exc}"[:500], rule="run.execute")
        if tasks.fail(run, problem):
            record(run.created_by, "finish_run", run, district=run.district,
                   after={"run": run.pk, "status": "failed", "error": problem["message"]["en"]})
    finally:
        tasks.release(AssessmentRun, run_id)
    run.refresh_from_db()
    return run


def _supply_rates(tables: dict[str, Any], district: District, school_year: str) -> dict[str, str]:
    """Lay the rates other systems supply (``platform.extensions.district_rates``: the final
    recognition survey's ``social_recognition``) over the snapshot's rows of the same district
    and key, through the table's JSON form so every column keeps its type. Returns rate key ->
    source in words, for the run's audit row."""
    rows = extensions.district_rates(district, school_year)
    if not rows:
        return {}
    current = frames.to_json("district_rates", tables["district_rates"])
    columns = [f.key for f in TABLES_BY_KEY["district_rates"].fields]
    supplied = {r.rate_key for r in rows}
    kept = [rec for rec in (dict(zip(current["columns"], row, strict=True)) for row in current["rows"])
            if not (rec.get("district_code") == district.code and rec.get("rate_key") in supplied)]
    new = [{"district_code": district.code, "rate_key": r.rate_key, "numerator": r.numerator,
            "denominator": r.denominator, "value": r.value, "source": r.source, "as_of": r.as_of or None}
           for r in rows]
    tables["district_rates"] = frames.from_json("district_rates", {
        "columns": columns, "rows": [[rec.get(c) for c in columns] for rec in (*kept, *new)]})
    return {r.rate_key: r.source for r in rows}


def _supply_teacher_figures(tables: dict[str, Any], district: District,
                            school_year: str) -> dict[str, tuple[str, str]]:
    """Lay the per-teacher figures other systems keep (``platform.extensions.teacher_figures``:
    the training ledger's five-year hours when the district uses it) over the snapshot's teachers
    table, by staff number; a teacher the provider does not know keeps the workbook's value.
    Returns figure key -> (zh, en) words of its source."""
    figures, sources = extensions.teacher_figures_sourced(district, school_year)
    teachers = tables.get("teachers")
    if not figures or teachers is None or "teacher_id" not in teachers.columns:
        return {}
    ids = teachers["teacher_id"].astype(str)
    out: dict[str, tuple[str, str]] = {}
    for key, words in sources.items():
        if key not in teachers.columns:
            continue
        values = ids.map(lambda staff_id, _key=key: (figures.get(staff_id) or {}).get(_key))
        known = values.notna()
        if not known.any():
            continue
        merged = values.where(known, teachers[key])
        teachers[key] = merged.astype("float64")
        out[key] = words
    return out


def _note_figure_sources(result: dict[str, Any], sources: dict[str, tuple[str, str]]) -> None:
    """Say on each item that reads a supplied figure where it came from (``source_zh/en``)."""
    items = result.get("items") or {}
    fields = {f.key: f for f in TABLES_BY_KEY["teachers"].fields}
    for key, (zh, en) in sources.items():
        for item in getattr(fields.get(key), "used_by", ()) or ():
            if isinstance(items.get(item), dict) and (zh or en):
                items[item]["source_zh"], items[item]["source_en"] = zh, en


def _render_at_run(result: dict[str, Any]) -> dict[tuple[str, str], bytes]:
    out: dict[tuple[str, str], bytes] = {}
    formats = [f for f in str(settings.YOUJUN_REPORTS_AT_RUN).split(",") if f.strip()]
    for lang in ("zh",):
        for fmt in (f.strip() for f in formats):
            try:
                out[(fmt, lang)] = engine.render_reports(result, lang, (fmt,))[fmt]
            except Exception:  # e.g. no CJK font for the PDF: rendered again on download
                log.exception("report %s/%s could not be rendered at run time", fmt, lang)
    return out


def report_filename(run: AssessmentRun, fmt: str, lang: str) -> str:
    return f"youjun-{run.district.code}-{run.school_year}-run{run.pk}-{lang}.{fmt}"


def report(actor: User | None, run: AssessmentRun, fmt: str, lang: str) -> RunReport:
    """The stored report of a finished run, rendered (and kept) on first request."""
    found = RunReport.objects.filter(run=run, fmt=fmt, lang=lang).first()
    if found is not None:
        return found
    content = engine.render_reports(run.result or {}, lang, (fmt,))[fmt]
    rep, _ = RunReport.objects.get_or_create(run=run, fmt=fmt, lang=lang, defaults={
        "content": content, "filename": report_filename(run, fmt, lang)})
    return rep


# formats slow enough to render in the background, with a page that says so (a PDF takes ~10 s)
BACKGROUND_FORMATS = ("pdf",)


def request_report(actor: User | None, run: AssessmentRun, fmt: str, lang: str) -> RunReport | ReportRender:
    """The stored report if it is there; else a slow format is rendered in the background (the
    render already under way for the same run, format and language is returned, not a second one)
    and a quick one at once. Rendered reports are kept per run, format and language."""
    found = RunReport.objects.filter(run=run, fmt=fmt, lang=lang).first()
    if found is not None or fmt not in BACKGROUND_FORMATS:
        return found if found is not None else report(actor, run, fmt, lang)
    tasks.reap(ReportRender.objects.filter(run=run), "report.render")
    with transaction.atomic():
        AssessmentRun.objects.select_for_update().filter(pk=run.pk).first()  # one render at a time
        task = (ReportRender.objects.filter(run=run, fmt=fmt, lang=lang, status__in=tasks.ACTIVE)
                .order_by("-created_at", "-id").first())
        if task is None:
            task = ReportRender.objects.create(run=run, fmt=fmt, lang=lang, created_by=actor, stage="queued",
                                               heartbeat=timezone.now(), owner=tasks.owner_id())
            tasks.start(render_report, task.pk, "report", ReportRender)
    task.refresh_from_db()
    if task.status == ReportRender.Status.DONE:  # eager tasks (tests, scripts) are done already
        stored = RunReport.objects.filter(run=run, fmt=fmt, lang=lang).first()
        if stored is not None:
            return stored
    return task


def render_report(task_id: int) -> ReportRender:
    """Render one report of a finished run and keep it; never raises (a failure is recorded)."""
    claimed = tasks.claim(ReportRender, task_id, stage="rendering")
    task = ReportRender.objects.select_related("run__district").get(pk=task_id)
    if not claimed:
        return task
    try:
        run = AssessmentRun.objects.select_related("district").get(pk=task.run_id)
        tasks.progress(task, 10, "rendering")
        content = engine.render_reports(run.result or {}, task.lang, (task.fmt,))[task.fmt]
        with transaction.atomic():
            RunReport.objects.get_or_create(run=run, fmt=task.fmt, lang=task.lang, defaults={
                "content": content, "filename": report_filename(run, task.fmt, task.lang)})
            if not tasks.finish(task):
                raise tasks.Interrupted(task.pk)
    except tasks.Interrupted:
        log.warning("report render %s was reaped before it finished", task_id)
    except Exception as exc:  # the render records its failure; the server goes on
        log.exception("report render %s failed", task_id)
        tasks.fail(task, web_problem("E855", detail=f"{type(exc).__name__}: {exc}"[:500], rule="report.render"))
    finally:
        tasks.release(ReportRender, task_id)
    task.refresh_from_db()
    return task


def reap_stale(district: District | None = None) -> int:
    """Fail (E830) the runs whose worker is gone: its process ended, or no heartbeat for too long."""
    qs = AssessmentRun.objects.all() if district is None else AssessmentRun.objects.filter(district=district)
    return tasks.reap(qs, "run.execute")


def snapshot_for(district: District, school_year: str) -> Snapshot | None:
    return school_selectors.current_snapshot(district, school_year)
