"""The permission matrix: every role × every route of the URL conf × own / other object × method.

The routes are read from the URL conf and the API's OpenAPI schema, so a new view without a
rule below fails ``test_every_route_has_a_rule``. Each rule names who may read or write the
route's object; the expected answer for a role follows from it:

- anonymous: a page sends to the log-in page, the API answers 401 (E801);
- an object out of the user's scope: 404, and no data of it (never 403: no probing);
- an object the user may see but not change: 403 to a write;
- allowed: 200 (or a redirect that is not the log-in page) to a read, and to a write anything
  that is not 401/403/404/405 nor a server error (a write here carries no valid payload, so
  "your form has problems" is an allowed answer).

Every answer a role gets must also be free of the names of districts it may not see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.web.world import A, B, C, World
from youjun.ingest.writers import write_tables
from youjun.web.api import api
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import School
from youjun.web.apps.schools import services as school_services

# -- who is who ------------------------------------------------------------------------------

ROLES = ("anon", "nobody", "officer", "analyst", "bureau", "bureau_b", "inspector", "admin")
NAMES = {A: "永川区", B: "涪陵区", C: "锦江区"}
PROVINCE_OF = {A: "500000", B: "500000", C: "510000"}
OFFICER_SCHOOL = A + "0001"


def sees_district(role: str, d: str) -> bool:
    return {"admin": True, "bureau": d == A, "analyst": d == A, "bureau_b": d == B,
            "inspector": d in (A, B)}.get(role, False)


def manages_district(role: str, d: str) -> bool:
    return role == "admin" or (role == "bureau" and d == A) or (role == "bureau_b" and d == B)


def sees_school(role: str, school: str) -> bool:
    return (role == "officer" and school == OFFICER_SCHOOL) or sees_district(role, school[:6])


def submits_for_school(role: str, school: str) -> bool:
    return (role == "officer" and school == OFFICER_SCHOOL) or manages_district(role, school[:6])


def sees_province(role: str, p: str) -> bool:
    return any(sees_district(role, d) for d, prov in PROVINCE_OF.items() if prov == p)


# -- the objects each route is probed with -----------------------------------------------------

@dataclass(frozen=True)
class Target:
    """One probe: the URL arguments and the district (and school) they belong to."""
    args: dict[str, str]
    district: str
    school: str = ""


@dataclass(frozen=True)
class Rule:
    """Who may do what on a route: ``read``/``write`` audiences by method, and its targets."""
    targets: str  # "none", "district", "school", "province", "upload", "run", "run_school", ...
    get: str = ""  # audience of GET: "public", "auth", "district", "school", "submit", "province", "manage"
    post: str = ""  # audience of POST ("" = the method is not allowed)


# apps probed by their own matrix: tests/web/consultation/test_access_matrix.py and
# tests/web/evaluation/test_access_matrix.py and tests/web/workforce/test_access_matrix.py (their roles are not
# the platform's)
OWN_MATRIX = ("consultation:", "pupils:", "fitness:", "quality:", "habits:", "workforce:", "workforce_training:",
              "workforce_studios:", "workforce_growth:", "workforce_appraisal:", "groups:", "party:",
              "party_brands:", "party_integrity:", "vocational:", "courses:", "overview:")


# audience -> (visible?, allowed?) for a role and target
def decide(audience: str, role: str, t: Target) -> tuple[bool, bool]:
    if audience in ("public", "any"):
        return True, True
    if role == "anon":
        return False, False
    if audience == "auth":
        return True, True
    if audience == "province":
        return sees_province(role, t.args["code"]), sees_province(role, t.args["code"])
    if audience in ("district", "manage"):
        seen = sees_district(role, t.district)
        return seen, seen and (audience == "district" or manages_district(role, t.district))
    if audience in ("school", "submit"):
        seen = sees_school(role, t.school)
        return seen, seen and (audience == "school" or submits_for_school(role, t.school))
    if audience == "school_manage":  # the bureau's step on a school's page: seen by the school, done by the bureau
        seen = sees_school(role, t.school)
        return seen, seen and manages_district(role, t.district)
    if audience == "platform_admin":
        return role == "admin", role == "admin"
    if audience == "user_admin":  # password resets: 403 for roles without the right, 404 out of remit
        if role not in ("admin", "bureau", "bureau_b"):
            return True, False
        seen = not t.district or manages_district(role, t.district)
        return seen, seen
    raise AssertionError(f"unknown audience {audience}")


PAGE_RULES: dict[str, Rule] = {
    "set_language": Rule("none", get="public", post="public"),
    "platform:home": Rule("none", get="auth"),
    "platform:login": Rule("none", get="public", post="public"),
    "platform:logout": Rule("none", post="auth"),
    "platform:history": Rule("none", get="auth"),
    "platform:account": Rule("none", get="auth", post="auth"),
    "platform:password_change": Rule("none", get="auth", post="auth"),
    "platform:users": Rule("none", get="user_admin", post="user_admin"),
    "platform:user_detail": Rule("user", get="user_admin", post="user_admin"),
    "platform:password_reset": Rule("user", post="user_admin"),
    "schools:district": Rule("district", get="district"),
    "schools:upload": Rule("district", get="manage", post="manage"),
    "schools:upload_detail": Rule("upload", get="district"),
    "schools:upload_problems": Rule("upload", get="district"),
    "schools:upload_problems_xlsx": Rule("upload", get="district"),
    "schools:template": Rule("district", get="district"),
    "schools:example": Rule("district", get="district"),
    "schools:upload_confirm": Rule("upload", post="manage"),
    "schools:upload_discard": Rule("upload", post="manage"),
    "schools:submissions": Rule("district", get="district", post="manage"),
    "schools:submission_review": Rule("submission", get="district", post="manage"),
    "schools:school": Rule("school", get="school"),
    "schools:school_template": Rule("school", get="school"),
    "schools:school_example": Rule("school", get="school"),
    "schools:school_form": Rule("school_year", get="school", post="submit"),
    "assessment:start": Rule("district", post="manage"),
    "assessment:run": Rule("run", get="district"),
    "assessment:run_status": Rule("run", get="district"),
    "assessment:school": Rule("run_school", get="school"),
    "assessment:download": Rule("run_fmt", get="district"),
    "assessment:report_wait": Rule("run_render", get="district"),
    "assessment:report_status": Rule("run_render", get="district"),
    "assessment:self_evaluation": Rule("run", get="district"),
    "assessment:county_tables": Rule("run", get="district"),
    "assessment:province": Rule("province", get="province"),
    "assessment:province_xlsx": Rule("province", get="province"),
    "planning:index": Rule("district", get="district", post="manage"),
    "planning:plan": Rule("plan", get="district"),
    "planning:status": Rule("plan", get="district"),
    "planning:download": Rule("plan_fmt", get="district"),
    "rectification:list": Rule("run", get="district"),
    "rectification:assign": Rule("run", post="manage"),
    "rectification:xlsx": Rule("run", get="district"),
    "rectification:school": Rule("run_school", get="school"),
    "rectification:compare": Rule("district", get="district"),
    "rectification:school_compare": Rule("school", get="school"),
    "schooleval:tree": Rule("district", get="district", post="manage"),
    "schooleval:overview": Rule("district_year", get="district"),
    "schooleval:overview_xlsx": Rule("district_year", get="district"),
    "schooleval:school_years": Rule("school", get="school"),
    "schooleval:school": Rule("school_year", get="school", post="submit"),
    "schooleval:review": Rule("school_year", post="school_manage"),
    "schooleval:evidence": Rule("schooleval_evidence", get="school"),
    # the API's own pages (the operations are ruled below, by method and path)
    "api:openapi-json": Rule("none", get="public"),
    "api:openapi-view": Rule("none", get="public"),
    "api:api-root": Rule("none", get="any"),  # ninja's root: 404 or a link to the docs
}

API_RULES: dict[tuple[str, str], Rule] = {
    ("get", "/api/districts"): Rule("none", get="auth"),
    ("get", "/api/districts/{code}"): Rule("district", get="district"),
    ("get", "/api/districts/{code}/schools"): Rule("district", get="district"),
    ("get", "/api/schools/{code}"): Rule("school", get="school"),
    ("get", "/api/districts/{code}/snapshots"): Rule("district", get="district"),
    ("get", "/api/snapshots/{snapshot_id}"): Rule("snapshot", get="district"),
    ("post", "/api/districts/{code}/uploads"): Rule("district", post="manage"),
    ("post", "/api/uploads/{upload_id}/confirm"): Rule("upload", post="manage"),
    ("get", "/api/runs"): Rule("none", get="auth"),
    ("post", "/api/districts/{code}/runs"): Rule("district", post="manage"),
    ("get", "/api/runs/{run_id}"): Rule("run", get="district"),
    ("get", "/api/runs/{run_id}/result"): Rule("run", get="district"),
    ("get", "/api/runs/{run_id}/schools/{code}"): Rule("run_school", get="school"),
    ("get", "/api/plans"): Rule("none", get="auth"),
    ("post", "/api/districts/{code}/plans"): Rule("district", post="manage"),
    ("get", "/api/plans/{plan_id}"): Rule("plan", get="district"),
    ("get", "/api/plans/{plan_id}/result"): Rule("plan", get="district"),
}


# -- the routes, read from the URL conf and the API schema -------------------------------------

def page_routes() -> dict[str, str]:
    """URL name -> route (with Django converters), every pattern of the URL conf."""
    out: dict[str, str] = {}

    def walk(patterns: list[URLPattern | URLResolver], prefix: str, ns: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                inner = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                walk(p.url_patterns, prefix + str(p.pattern), inner or "")
            else:
                name = f"{ns}:{p.name}" if ns else str(p.name)
                out[name] = "/" + prefix + str(p.pattern)

    walk(get_resolver().url_patterns, "", "")
    return {n: r for n, r in out.items() if not r.startswith("/api/") or n.startswith("api:openapi")
            or n == "api:api-root"}


def api_operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def test_every_route_has_a_rule() -> None:
    # consultation routes have their own matrix: tests/web/consultation/test_access_matrix.py
    pages = {n for n in page_routes() if not n.startswith(OWN_MATRIX)}
    assert pages - set(PAGE_RULES) == set(), "pages without a permission rule"
    assert set(PAGE_RULES) - pages == set(), "rules of pages that no longer exist"
    ops = api_operations()
    assert ops - set(API_RULES) == set(), "API operations without a permission rule"
    assert set(API_RULES) - ops == set(), "rules of API operations that no longer exist"


# -- the world's objects ------------------------------------------------------------------------

@dataclass
class Objects:
    uploads: dict[str, int]
    runs: dict[str, int]
    plans: dict[str, int]
    snapshots: dict[str, int]
    users: dict[str, int]  # an analyst of each district: the objects of password resets
    submissions: dict[str, int]  # a school's submitted figures in each district: the objects of reviews


def make_objects(world: World, tmp: Path) -> Objects:
    from tests.web.world import district_tables
    from youjun.web.apps.assessment import services as assessment_services
    from youjun.web.apps.planning import services as planning_services

    admin = world.users["admin"]
    districts = {A: world.a, B: world.b, C: world.c}
    uploads, runs, plans, users, subs = {}, {}, {}, {}, {}
    for code, d in districts.items():
        path = tmp / f"{code}.xlsx"
        write_tables(district_tables(code), path, "xlsx")
        uploads[code] = school_services.receive_upload(admin, d, path.name, path.read_bytes()).pk
        runs[code] = assessment_services.start_run(admin, d, "2025-2026").pk
        plans[code] = planning_services.start_plan(admin, d, "2025-2026", "seats", {"years": 3, "migration": 1.0}).pk
        users[code] = platform_services.create_user(None, f"analyst-{code}", "correct-horse-battery-9",
                                                    role="district_analyst", district=d).pk
        snap = school_services.selectors.current_snapshot(d, "2025-2026")
        assert snap is not None
        tables = school_services.selectors.snapshot_tables(snap)
        school = School.objects.get(code=sorted(tables["schools"]["school_code"])[0])  # the year's own first school
        subs[code] = school_services.save_submission(
            admin, school, "2025-2026", school_services.figures_from_tables(tables, school.code)).pk
    return Objects(uploads, runs, plans, {c: s.pk for c, s in world.snapshots.items()}, users, subs)


def targets(kind: str, objs: Objects) -> Iterator[Target]:
    year = "2025-2026"
    if kind == "none":
        yield Target({}, "")
        return
    for d in (A, B, C):
        if kind == "district":
            yield Target({"code": d}, d)
        elif kind == "district_year":
            yield Target({"code": d, "year": year}, d)
        elif kind == "schooleval_evidence":  # an evidence file of a school's evaluation
            from youjun.web.apps.schooleval.models import Evaluation, EvidenceFile
            from youjun.web.apps.schooleval.services import ensure_tree

            for school in ({A + "0001", A + "0002"} if d == A else {d + "0001"}):
                sch = School.objects.get(code=school)
                ev, _ = Evaluation.objects.get_or_create(school=sch, school_year=year,
                                                         defaults={"tree": ensure_tree(None, sch.district, year)})
                f = ev.evidence.first() or EvidenceFile.objects.create(
                    evaluation=ev, code="B1.1", filename="a.pdf", content_type="application/pdf", size=5,
                    content=b"%PDF-")
                yield Target({"code": school, "year": year, "pk": str(f.pk)}, d, school)
        elif kind == "province":
            yield Target({"code": PROVINCE_OF[d]}, d)
        elif kind == "upload":
            yield Target({"code": d, "pk": str(objs.uploads[d]), "upload_id": str(objs.uploads[d])}, d)
        elif kind == "user":
            yield Target({"user_id": str(objs.users[d])}, d)
        elif kind == "submission":
            yield Target({"code": d, "pk": str(objs.submissions[d])}, d)
        elif kind == "snapshot":
            yield Target({"snapshot_id": str(objs.snapshots[d])}, d)
        elif kind in ("run", "run_fmt"):
            yield Target({"pk": str(objs.runs[d]), "run_id": str(objs.runs[d]), "fmt": "json"}, d)
        elif kind == "run_render":  # a report of the run rendered in the background (a PDF)
            from youjun.web.apps.assessment.models import ReportRender

            render = (ReportRender.objects.filter(run_id=objs.runs[d]).first()
                      or ReportRender.objects.create(run_id=objs.runs[d], fmt="pdf", lang="zh", status="done"))
            yield Target({"pk": str(objs.runs[d]), "rid": str(render.pk)}, d)
        elif kind in ("plan", "plan_fmt"):
            yield Target({"pk": str(objs.plans[d]), "plan_id": str(objs.plans[d]), "fmt": "json"}, d)
        elif kind in ("school", "school_year", "run_school"):
            for school in ({A + "0001", A + "0002"} if d == A else {d + "0001"}):
                yield Target({"code": school, "year": year, "pk": str(objs.runs[d]),
                              "run_id": str(objs.runs[d])}, d, school)
        else:
            raise AssertionError(kind)


def api_payload(path: str, target: Target, tmp: Path) -> dict[str, object]:
    """A valid body for each API write, so that the answer is the scope's, not the schema's."""
    year = "2025-2026"
    if path.endswith("/runs"):
        return {"data": {"school_year": year}, "content_type": "application/json"}
    if path.endswith("/plans"):
        return {"data": {"school_year": year, "kind": "seats", "fields": {"years": "3"}},
                "content_type": "application/json"}
    if path.endswith("/uploads"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from tests.web.world import district_tables

        file = tmp / f"api-{target.district}.xlsx"
        if not file.exists():
            write_tables(district_tables(target.district), file, "xlsx")
        return {"data": {"file": SimpleUploadedFile(file.name, file.read_bytes())}}
    return {"data": "{}", "content_type": "application/json"}


_PARAM = re.compile(r"<(?:\w+:)?(\w+)>|\{(\w+)\}")


def fill(route: str, args: dict[str, str]) -> str:
    return _PARAM.sub(lambda m: args[m.group(1) or m.group(2)], route)


# -- the matrix ---------------------------------------------------------------------------------

def expected_ok(status: int, location: str, method: str, audience: str) -> bool:
    if audience == "any":
        return status < 500
    if method == "get":
        return status == 200 or (status in (301, 302) and not location.startswith("/login/"))
    return status < 500 and status not in (401, 403, 404, 405) and not location.startswith("/login/")


def check(problems: list[str], role: str, method: str, url: str, audience: str, target: Target,
          response: object, api_call: bool, get_audience: str = "") -> None:
    status = response.status_code  # type: ignore[attr-defined]
    location = response.get("Location", "") if hasattr(response, "get") else ""  # type: ignore[union-attr]
    where = f"{role:9} {method.upper():4} {url}"
    if method == "post" and not audience:
        # A read-only page: a POST is refused (405) or answered as the read it is (no write).
        if status == 405 or (role == "anon" and (status == 401 or location.startswith("/login/"))):
            return
        audience = get_audience
    if method == "get" and not audience:  # a write-only route: a GET changes nothing
        if status not in (404, 405) and not (role == "anon" and location.startswith("/login/")):
            problems.append(f"{where}: {status}, expected 405")
        return
    visible, allowed = decide(audience, role, target)
    if role == "anon" and audience not in ("public", "any"):
        want = "401" if api_call else "log-in redirect"
        if (api_call and status != 401) or (not api_call and not location.startswith("/login/")):
            problems.append(f"{where}: {status} {location}, expected {want}")
        return
    if not visible:
        if status != 404:
            problems.append(f"{where}: {status}, expected 404")
    elif not allowed:
        if status != 403:
            problems.append(f"{where}: {status}, expected 403")
    elif not expected_ok(status, location, method, audience):
        problems.append(f"{where}: {status} {location}, expected to be allowed")
    body = getattr(response, "content", b"")
    if status < 400 and body and role not in ("admin", "anon"):
        for d, name in NAMES.items():
            own = role == "officer" and d == OFFICER_SCHOOL[:6]  # the name of their school's district
            if not sees_district(role, d) and not own and name.encode() in body:
                problems.append(f"{where}: shows {name}, a district it may not see")


def clients(world: World) -> dict[str, tuple[Client, dict[str, str]]]:
    out: dict[str, tuple[Client, dict[str, str]]] = {"anon": (Client(), {})}
    for role in ROLES[1:]:
        user = world.users[role]
        c = Client()
        c.force_login(user)
        _token, key = platform_services.create_token(user, "matrix")
        out[role] = (c, {"HTTP_AUTHORIZATION": f"Bearer {key}"})
    return out


@pytest.mark.slow
def test_permission_matrix(world: World, tmp_path: Path) -> None:
    objs = make_objects(world, tmp_path)
    cs = clients(world)
    problems: list[str] = []
    probes = 0
    pages = page_routes()
    # Writes last, read-only roles first: an allowed write (a discard, a confirm) changes state,
    # and every read must be judged on the objects as they were made.
    for method in ("get", "post"):
        for name, route in sorted(pages.items()):
            if name.startswith(OWN_MATRIX):
                continue  # its own matrix: tests/web/consultation/test_access_matrix.py
            rule = PAGE_RULES[name]
            audience = getattr(rule, method)
            if name in ("platform:logout",) and method == "post":
                continue  # logging out would end the session of the next probes; covered elsewhere
            for target in targets(rule.targets, objs):
                url = fill(route, target.args)
                for role in ROLES:
                    c, _headers = cs[role]
                    response = c.get(url) if method == "get" else c.post(url, {})
                    probes += 1
                    check(problems, role, method, url, audience, target, response, api_call=False,
                          get_audience=rule.get)
        for (m, path), rule in sorted(API_RULES.items()):
            if m != method:
                continue
            for target in targets(rule.targets, objs):
                url = fill(path, target.args)
                for role in ROLES:
                    c, headers = cs[role]
                    fresh = Client()  # token only: no session, so the token is what is judged
                    if method == "get":
                        response = fresh.get(url, **headers)
                    else:
                        response = fresh.post(url, **api_payload(path, target, tmp_path), **headers)
                    probes += 1
                    check(problems, role, method, url, rule.get if method == "get" else rule.post, target,
                          response, api_call=True)
    assert not problems, f"{len(problems)} of {probes} probes answered wrongly:\n" + "\n".join(problems)
    assert probes > 500


def test_unsafe_methods_need_the_csrf_token(world: World) -> None:
    """A page write from another site (no CSRF token) is refused, whoever is logged in."""
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.users["bureau"])
    for url in (f"/d/{A}/upload/", f"/d/{A}/runs/", f"/d/{A}/plans/", "/account/", "/logout/"):
        assert c.post(url, {}).status_code == 403, url
    # the API with a session cookie but no token is a browser call: CSRF applies there too
    r = c.post(f"/api/districts/{A}/runs", data="{}", content_type="application/json")
    assert r.status_code in (401, 403), r.status_code


def test_anonymous_api_writes_are_401_not_403(world: World) -> None:
    c = Client(enforce_csrf_checks=True)
    for url in (f"/api/districts/{A}/runs", f"/api/districts/{A}/plans", f"/api/districts/{A}/uploads"):
        r = c.post(url, data="{}", content_type="application/json")
        assert r.status_code == 401, (url, r.status_code)
        assert r.json()["problems"][0]["code"] == "E801"
