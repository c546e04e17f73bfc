"""The JSON API (django-ninja): districts, schools, snapshots, uploads, runs, results, plans.

OpenAPI at /api/openapi.json, Swagger UI at /api/docs (served from local static files).
Authentication: ``Authorization: Bearer <token>`` (tokens from the Account page) or the
browser session (with CSRF for writes). Every object comes through ``scoping``: out of scope
is 404, read-only is 403. Errors use the one problem shape: ``{"ok": false, "problems": [...]}``.
JSON keeps Chinese as written (``ensure_ascii=False``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from types import MappingProxyType
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, File, NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.files import UploadedFile
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder
from ninja.security import APIKeyCookie, HttpBearer

from youjun.core.findings import findings_for_school
from youjun.web.apps.assessment import selectors as assessment_selectors
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.planning import options as plan_options
from youjun.web.apps.planning import selectors as plan_selectors
from youjun.web.apps.planning import services as plan_services
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.platform import scoping, tasks
from youjun.web.apps.platform import selectors as platform_selectors
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.schools import selectors as school_selectors
from youjun.web.apps.schools import services as school_services
from youjun.web.apps.schools.models import Snapshot, Upload
from youjun.web.errors import error_body, web_problem


class ChineseJSONRenderer(JSONRenderer):
    encoder_class = NinjaJSONEncoder
    json_dumps_params: Mapping[str, Any] = MappingProxyType({"ensure_ascii": False})


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = platform_selectors.token_user(token)
        if found is None:
            return None
        api_token, user = found
        platform_services.touch_token(api_token)
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The browser's Django session (CSRF is checked for unsafe methods)."""

    from django.conf import settings as _settings

    param_name: str = _settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        # No logged-in session: this scheme does not apply, so no CSRF check either; otherwise
        # ninja's CSRF failure (403) would answer a request that is simply unauthenticated (401).
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        return user if user is not None and user.is_authenticated else None


api = NinjaAPI(
    title="youjun 优均 API", version="1",
    description="县域义务教育优质均衡：区县、学校、数据快照、评估运行与结果 / districts, schools, "
                "snapshots, assessment runs and results. Errors: {\"ok\": false, \"problems\": [...]}, "
                "each problem as in docs/errors.md.",
    renderer=ChineseJSONRenderer(), auth=[TokenAuth(), SessionAuth()], urls_namespace="api",
)


def _error(request: HttpRequest, status: int, problem: dict[str, Any]) -> HttpResponse:
    return api.create_response(request, error_body(problem), status=status)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    what = str(exc) or "object"
    return _error(request, 404, web_problem("E803", detail=what, rule="api.scope"))


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return _error(request, 403, web_problem("E802", detail=str(exc) or "write", rule="api.role"))


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
    response = _error(request, 401, web_problem("E801", rule="api.auth"))
    response["WWW-Authenticate"] = 'Bearer realm="youjun"'  # RFC 9110: a 401 names its scheme
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    detail = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', []))}: {e.get('msg', '')}" for e in exc.errors)
    return _error(request, 422, web_problem("E804", detail=detail[:500], rule="api.input"))


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    code = {401: "E801", 403: "E802", 404: "E803"}.get(exc.status_code, "E804")
    return _error(request, exc.status_code, web_problem(code, detail=str(exc), rule="api"))


class Problem(Schema):
    code: str
    severity: str
    location: dict[str, Any]
    value: str
    rule: str
    message: dict[str, str]
    hint: dict[str, str]


class ErrorOut(Schema):
    ok: bool
    problems: list[Problem]


class ProvinceOut(Schema):
    code: str
    name: str


class DistrictOut(Schema):
    code: str
    name: str
    kind: str
    province: ProvinceOut
    school_years: list[str]


class SchoolOut(Schema):
    code: str
    name: str
    district: str
    school_type: str
    town: str
    location: str
    education_group: str | None
    last_year: str


class SnapshotOut(Schema):
    id: int
    district: str
    school_year: str
    data_hash: str
    source: str
    rows: dict[str, int]
    current: bool
    created_at: datetime
    note: str


class RunOut(Schema):
    id: int
    district: str
    school_year: str
    snapshot: int
    ruleset: str
    status: str
    progress: int
    stage: str
    passes: bool | None
    error: dict[str, Any] | None
    created_at: datetime
    finished_at: datetime | None
    queue_position: int | None = None  # place among waiting tasks (1 = next)


class RunIn(Schema):
    school_year: str
    ruleset: str = "cn-2017"


class PlanOut(Schema):
    id: int
    district: str
    school_year: str
    snapshot: int
    kind: str
    title: str
    ruleset: str
    options: dict[str, Any]
    status: str
    progress: int
    stage: str
    headline: dict[str, Any] | None
    error: dict[str, Any] | None
    created_at: datetime
    finished_at: datetime | None
    queue_position: int | None = None  # place among waiting tasks (1 = next)


class PlanIn(Schema):
    school_year: str
    kind: str
    title: str = ""
    fields: dict[str, str] = Field(default_factory=dict)  # the form fields, e.g. {"budget": "2000000"}
    rotation_plan: int | None = None  # what-if: apply the moves of this finished rotation plan first


class UploadOut(Schema):
    id: int
    district: str
    filename: str
    status: str
    school_year: str
    report: dict[str, Any]
    preview: dict[str, Any]


ERRORS: dict[int | str, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _scope(request: HttpRequest) -> scoping.Scope:
    return scoping.scope_of(request.user)


def _district(d: District) -> dict[str, Any]:
    return {"code": d.code, "name": d.name, "kind": d.kind,
            "province": {"code": d.province.code, "name": d.province.name},
            "school_years": school_selectors.school_years(d)}


def _school(s: School) -> dict[str, Any]:
    return {"code": s.code, "name": s.name, "district": s.district.code, "school_type": s.school_type,
            "town": s.town, "location": s.location, "education_group": s.group.name if s.group else None,
            "last_year": s.last_year}


def _snapshot(s: Snapshot) -> dict[str, Any]:
    return {"id": s.pk, "district": s.district.code, "school_year": s.school_year, "data_hash": s.data_hash,
            "source": s.source, "rows": s.rows, "current": s.current, "created_at": s.created_at, "note": s.note}


def _run(r: AssessmentRun) -> dict[str, Any]:
    return {"id": r.pk, "district": r.district.code, "school_year": r.school_year, "snapshot": r.snapshot_id,
            "ruleset": r.ruleset, "status": r.status, "progress": r.progress, "stage": r.stage,
            "passes": r.passes, "error": r.error, "created_at": r.created_at, "finished_at": r.finished_at,
            "queue_position": tasks.queue_position(r)}


def _plan(p: PlanRun) -> dict[str, Any]:
    return {"id": p.pk, "district": p.district.code, "school_year": p.school_year, "snapshot": p.snapshot_id,
            "kind": p.kind, "title": p.title, "ruleset": p.ruleset, "options": p.options, "status": p.status,
            "progress": p.progress, "stage": p.stage, "headline": p.headline, "error": p.error,
            "created_at": p.created_at, "finished_at": p.finished_at, "queue_position": tasks.queue_position(p)}


def _upload(u: Upload) -> dict[str, Any]:
    return {"id": u.pk, "district": u.district.code, "filename": u.filename, "status": u.status,
            "school_year": u.school_year, "report": u.report, "preview": u.preview}


@api.get("/districts", response={200: list[DistrictOut], **ERRORS}, tags=["districts"])
def list_districts(request: HttpRequest) -> Any:
    return [_district(d) for d in scoping.districts(_scope(request))]


@api.get("/districts/{code}", response={200: DistrictOut, **ERRORS}, tags=["districts"])
def get_district(request: HttpRequest, code: str) -> Any:
    return _district(scoping.district_or_404(_scope(request), code))


@api.get("/districts/{code}/schools", response={200: list[SchoolOut], **ERRORS}, tags=["schools"])
def list_schools(request: HttpRequest, code: str) -> Any:
    d = scoping.district_or_404(_scope(request), code)
    return [_school(s) for s in scoping.schools(_scope(request)).filter(district=d).select_related("group")]


@api.get("/schools/{code}", response={200: SchoolOut, **ERRORS}, tags=["schools"])
def get_school(request: HttpRequest, code: str) -> Any:
    return _school(scoping.school_or_404(_scope(request), code))


@api.get("/districts/{code}/snapshots", response={200: list[SnapshotOut], **ERRORS}, tags=["snapshots"])
def list_snapshots(request: HttpRequest, code: str) -> Any:
    d = scoping.district_or_404(_scope(request), code)
    return [_snapshot(s) for s in school_selectors.district_snapshots(d).select_related("district")]


@api.get("/snapshots/{snapshot_id}", response={200: SnapshotOut, **ERRORS}, tags=["snapshots"])
def get_snapshot(request: HttpRequest, snapshot_id: int) -> Any:
    return _snapshot(scoping.object_or_404(_scope(request), school_selectors.snapshots(_scope(request)),
                                           pk=snapshot_id))


@api.post("/districts/{code}/uploads", response={201: UploadOut, 413: ErrorOut, **ERRORS}, tags=["snapshots"])
def create_upload(request: HttpRequest, code: str, file: File[UploadedFile]) -> Any:
    """Validate a district workbook (.xlsx, at most YOUJUN_MAX_UPLOAD_MB: else 422 E812 / 413 E813);
    the report counts every problem and lists the first of each code. Confirm it to store it."""
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    scoping.require_district_admin(scope, d)
    try:
        up = school_services.accept_upload_file(request.user, d, file)  # the page's path too
    except school_services.UploadRefused as exc:
        return Status(exc.status, error_body(exc.problem))
    return Status(201, _upload(up))


@api.post("/uploads/{upload_id}/confirm", response={201: SnapshotOut, **ERRORS}, tags=["snapshots"])
def confirm_upload(request: HttpRequest, upload_id: int) -> Any:
    scope = _scope(request)
    up = scoping.object_or_404(scope, Upload.objects.select_related("district"), pk=upload_id)
    scoping.require_district_admin(scope, up.district)
    try:
        snap = school_services.confirm_upload(request.user, up)
    except school_services.UploadContentError as exc:
        return Status(409, error_body(*exc.problems))
    except ValueError as exc:
        return Status(409, error_body(web_problem("E804", detail=str(exc), rule="upload.confirm")))
    return Status(201, _snapshot(snap))


@api.get("/runs", response={200: list[RunOut], **ERRORS}, tags=["runs"])
def list_runs(request: HttpRequest, district: str = "", school_year: str = "", limit: int = 50) -> Any:
    assessment_services.reap_stale()  # a dead worker's run reads as failed, not running
    qs = assessment_selectors.runs(_scope(request))
    if district:
        qs = qs.filter(district__code=district)
    if school_year:
        qs = qs.filter(school_year=school_year)
    return [_run(r) for r in qs[: max(1, min(limit, 500))]]


@api.post("/districts/{code}/runs", response={202: RunOut, **ERRORS}, tags=["runs"])
def start_run(request: HttpRequest, code: str, payload: RunIn) -> Any:
    """Queue an assessment of the district's current data for a school year; poll GET /runs/{id}."""
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    scoping.require_district_admin(scope, d)
    try:
        run = assessment_services.start_run(request.user, d, payload.school_year, ruleset=payload.ruleset)
    except school_selectors.NoSnapshot as exc:
        return Status(409, error_body(exc.problem))
    run.refresh_from_db()
    return Status(202, _run(run))


@api.get("/runs/{run_id}", response={200: RunOut, **ERRORS}, tags=["runs"])
def get_run(request: HttpRequest, run_id: int) -> Any:
    run = assessment_selectors.run_or_404(_scope(request), run_id)
    return _run(tasks.fresh(run, lambda: assessment_services.reap_stale(run.district)))


@api.get("/runs/{run_id}/result", response={200: dict[str, Any], **ERRORS}, tags=["results"])
def get_result(request: HttpRequest, run_id: int) -> Any:
    """The full result of a finished run (the shape of report.json)."""
    run = assessment_selectors.run_or_404(_scope(request), run_id)
    tasks.fresh(run, lambda: assessment_services.reap_stale(run.district))
    if run.status != AssessmentRun.Status.DONE:
        return Status(409, error_body(web_problem("E808", value=run.pk, detail=run.status, rule="run.status")))
    return assessment_selectors.result_of(run)


@api.get("/runs/{run_id}/schools/{code}", response={200: dict[str, Any], **ERRORS}, tags=["results"])
def get_school_result(request: HttpRequest, run_id: int, code: str) -> Any:
    """One school's sections in a finished run: values, thresholds, compliance, gaps."""
    scope = _scope(request)
    school = scoping.school_or_404(scope, code)
    run = assessment_selectors.run_for_school_or_404(scope, run_id, school)
    if run.status != AssessmentRun.Status.DONE:
        return Status(409, error_body(web_problem("E808", value=run.pk, detail=run.status, rule="run.status")))
    result = assessment_selectors.result_of(run)
    sections = [s for s in result.get("schools") or [] if str(s.get("code")) == code]
    if not sections:
        raise Http404("school in run")
    # every finding concerning the school (R, G, Q), in the one shape of youjun.core.findings
    return {"run": run.pk, "school": code, "sections": sections,
            "findings": findings_for_school(result.get("findings") or [], code)}


@api.get("/plans", response={200: list[PlanOut], **ERRORS}, tags=["plans"])
def list_plans(request: HttpRequest, district: str = "", kind: str = "", limit: int = 50) -> Any:
    plan_services.reap_stale()  # a dead worker's plan reads as failed, not running
    qs = plan_selectors.plans(_scope(request))
    if district:
        qs = qs.filter(district__code=district)
    if kind:
        qs = qs.filter(kind=kind)
    return [_plan(p) for p in qs[: max(1, min(limit, 500))]]


@api.post("/districts/{code}/plans", response={202: PlanOut, **ERRORS}, tags=["plans"])
def start_plan(request: HttpRequest, code: str, payload: PlanIn) -> Any:
    """Queue a plan (rotation, investment, seats, whatif) on the district's current data; poll GET /plans/{id}.

    ``fields`` are the plan form's fields; every problem with them is returned at once (422, E810).
    """
    scope = _scope(request)
    d = scoping.district_or_404(scope, code)
    scoping.require_district_admin(scope, d)
    chosen = None
    if payload.rotation_plan is not None:
        chosen = plan_selectors.rotation_plan_moves(d, payload.rotation_plan)
        if chosen is None:
            raise Http404("rotation plan")
    try:
        options = plan_options.parse(payload.kind, payload.fields, rotation_plan=chosen,
                                     school_year=payload.school_year)
        plan = plan_services.start_plan(request.user, d, payload.school_year, payload.kind, options,
                                        title=payload.title)
    except plan_options.OptionsError as exc:
        return Status(422, error_body(*exc.problems))
    except school_selectors.NoSnapshot as exc:
        return Status(409, error_body(exc.problem))
    return Status(202, _plan(plan))


@api.get("/plans/{plan_id}", response={200: PlanOut, **ERRORS}, tags=["plans"])
def get_plan(request: HttpRequest, plan_id: int) -> Any:
    plan = plan_selectors.plan_or_404(_scope(request), plan_id, full=False)
    return _plan(tasks.fresh(plan, lambda: plan_services.reap_stale(plan.district)))


@api.get("/plans/{plan_id}/result", response={200: dict[str, Any], **ERRORS}, tags=["plans"])
def get_plan_result(request: HttpRequest, plan_id: int) -> Any:
    """A finished plan (the shape of plan.json) with its bundle (the shape of bundle.json)."""
    plan = plan_selectors.plan_or_404(_scope(request), plan_id)
    tasks.fresh(plan, lambda: plan_services.reap_stale(plan.district))
    if plan.status != PlanRun.Status.DONE:
        return Status(409, error_body(web_problem("E808", value=plan.pk, detail=plan.status, rule="plan.status")))
    return {"plan": plan.result, "bundle": plan.bundle}


def openapi_json() -> str:
    """The OpenAPI description as text (for docs and tests)."""
    return json.dumps(api.get_openapi_schema(), ensure_ascii=False, indent=1)
