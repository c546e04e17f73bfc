"""Writes of the planning app: start a plan on a stored school year, carry it out, render it.

A plan is a task row (``platform.tasks``): it is made by ``youjun.plan.make_plan`` — the same
entry point as ``youjun plan`` on the command line — on the district's current snapshot of the
year, with the rule set in force at the year's census date. Its plan dict and bundle record
are stored with it, so its files can be rendered again and the plan made again.
"""

from __future__ import annotations

import io
import json
import logging
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.report.canonical import render_json
from youjun.web.apps.assessment import engine
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.platform import tasks
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import District, User
from youjun.web.apps.schools import selectors as school_selectors
from youjun.web.errors import web_problem

log = logging.getLogger("youjun.web.planning")
FORMATS = ("html", "xlsx", "json", "zip")
CONTENT_TYPES = {**engine.CONTENT_TYPES, "zip": "application/zip"}


def start_plan(actor: User | None, district: District, school_year: str, kind: str, options: dict[str, Any], *,
               title: str = "", ruleset: str = "cn-2017") -> PlanRun:
    """Queue a plan of ``kind`` (options already checked by ``planning.options.parse``) and set it going."""
    snap = school_selectors.current_snapshot_or_raise(district, school_year, "plan.snapshot")
    with transaction.atomic():
        plan = PlanRun.objects.create(district=district, snapshot=snap, school_year=school_year, kind=kind,
                                      title=title[:200], ruleset=ruleset, options=options, created_by=actor,
                                      stage="queued", heartbeat=timezone.now(),
                                      owner=tasks.owner_id())
        record(actor, "start_plan", plan, district=district,
               after={"plan": plan.pk, "kind": kind, "snapshot": snap.pk, "school_year": school_year,
                      "ruleset": ruleset, "data_hash": snap.data_hash, "options": options})
    tasks.start(execute, plan.pk, "plan", PlanRun)
    plan.refresh_from_db()
    return plan


def execute(plan_id: int) -> PlanRun:
    """Carry out one queued plan; never raises (a failure is recorded on the plan)."""
    from youjun.assess.engine import census_date
    from youjun.core.rules import load_ruleset
    from youjun.plan.milp import STAGE_LISTENER
    from youjun.plan.run import make_plan

    claimed = tasks.claim(PlanRun, plan_id)
    plan = PlanRun.objects.select_related("district", "snapshot").get(pk=plan_id)
    if not claimed:
        return plan
    t0 = time.perf_counter()
    try:
        tables = school_selectors.snapshot_tables(plan.snapshot)
        tasks.progress(plan, 15, "planning")
        params = load_ruleset(plan.ruleset, as_of=census_date(tables))
        stages = [0]

        def on_stage(stage: str) -> None:  # each solver stage moves the bar on, never past 85 %
            stages[0] += 1
            tasks.progress(plan, min(85, 15 + 10 * stages[0]), f"stage_{stage}")

        token = STAGE_LISTENER.set(on_stage)
        try:
            result, bundle = make_plan(plan.kind, tables, params, district=plan.district.code, options=plan.options,
                                       source=f"snapshot {plan.snapshot.pk} ({plan.snapshot.source})")
        finally:
            STAGE_LISTENER.reset(token)
        tasks.progress(plan, 90, "saving")
        result, bundle = json.loads(render_json(result)), json.loads(render_json(bundle))
        with transaction.atomic():
            if not tasks.finish(plan, result=result, bundle=bundle, headline=result.get("headline")):
                raise tasks.Interrupted(plan.pk)
            record(plan.created_by, "finish_plan", plan, district=plan.district,
                   after={"plan": plan.pk, "status": "done", "headline": result.get("headline"),
                          "violations": len(result.get("violations") or []),
                          "seconds": round(time.perf_counter() - t0, 2)})
    except tasks.Interrupted:  # reaped while it ran: the failure stands, the late result is dropped
        log.warning("plan %s was reaped before it finished; its result is discarded", plan_id)
        record(plan.created_by, "discard_plan", plan, district=plan.district,
               after={"plan": plan.pk, "status": "failed", "discarded": True})
    except Exception as exc:  # the plan records its failure; the server goes on
        log.warning("plan %s failed", plan_id, exc_info=True)
        problem = web_problem("E811", detail=f"{type(exc).__name__}: {exc}"[:800], rule=f"plan.{plan.kind}")
        if tasks.fail(plan, problem):
            record(plan.created_by, "finish_plan", plan, district=plan.district,
                   after={"plan": plan.pk, "status": "failed", "error": problem["message"]["en"]})
    finally:
        tasks.release(PlanRun, plan_id)
    plan.refresh_from_db()
    return plan


def reap_stale(district: District | None = None) -> int:
    """Fail (E830) the plans whose worker is gone: its process ended, or no heartbeat for too long."""
    qs = PlanRun.objects.all() if district is None else PlanRun.objects.filter(district=district)
    return tasks.reap(qs, "plan.execute")


def filename(plan: PlanRun, fmt: str, lang: str) -> str:
    return f"youjun-plan-{plan.kind}-{plan.district.code}-{plan.school_year}-{plan.pk}-{lang}.{fmt}"


def render(plan: PlanRun, fmt: str, lang: str) -> bytes:
    """A finished plan as one file: the HTML summary, the workbook, plan.json, or the bundle
    (a zip of bundle.json, plan.json, plan.html and plan.xlsx for ``youjun plan rerun``)."""
    from youjun.plan.bundle import save_bundle
    from youjun.plan.render import write_plan

    result, bundle = plan.result or {}, plan.bundle or {}
    with tempfile.TemporaryDirectory(prefix="youjun-plan-") as tmp:
        out = Path(tmp)
        if fmt != "zip":
            return write_plan(result, out, lang=lang, formats=(fmt,), bundle=bundle)[fmt].read_bytes()
        paths = write_plan(result, out, lang=lang, bundle=bundle)
        paths["bundle"] = save_bundle(out, bundle)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(paths.values()):
                zf.write(path, arcname=path.name)
        return buffer.getvalue()
