"""Page hygiene: every page of the URL conf, for every role and both languages, and every file a
person downloads (assessment reports: HTML, PDF text, XLSX cells, JSON labels; plan files), shows
no ``None``/``nan``, no Python reprs, no identifiers, no English on Chinese pages (nor Chinese on
English ones) and no numbers with more decimals than the documents use (see tests/web/hygiene.py).

The pages are read from the URL conf with the permission matrix's route walker, so a new page
joins by itself; the data is the sample district S (2025-2026, Yongchuan) beside the tiny
districts of the web tests, assessed and planned for real.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

import pandas as pd
import pytest
from django.test import Client

from tests.web import hygiene
from tests.web.test_permission_matrix import (
    PAGE_RULES,
    ROLES,
    Objects,
    Rule,
    Target,
    decide,
    fill,
    make_objects,
    page_routes,
    targets,
)
from tests.web.world import A, B, C, World, district_tables
from youjun.ingest.writers import write_tables
from youjun.web.apps.assessment.engine import REPORT_FORMATS
from youjun.web.apps.planning import options as plan_options
from youjun.web.apps.planning import services as planning_services
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.platform.models import District, Province, School, User
from youjun.web.apps.schools import services as school_services

YEAR = "2025-2026"
LANGS = ("zh", "en")


def _sample_world(world: World, tmp: Path) -> tuple[Objects, list[int], set[str]]:
    """The world's objects, the sample district S as Yongchuan's current data (assessed), a plan
    of every kind on it, an upload with mistakes; and the proper names the data holds."""
    from tests.ingest.tiny_district import tiny_district
    from youjun.sample import generate

    tables = generate("S", 2023, school_year=YEAR)
    school_services.store_snapshot(None, world.a, tables, source="永川区-2025-2026.xlsx")
    objs = make_objects(world, tmp)  # runs and seats plans of every district (A's on S)
    admin = world.users["admin"]
    plans = [objs.plans[A]]
    rotation = planning_services.start_plan(admin, world.a, YEAR, "rotation",
                                            plan_options.parse("rotation", {"time_limit_s": "3"}))
    plans.append(rotation.pk)
    plans.append(planning_services.start_plan(admin, world.a, YEAR, "investment",
                                              plan_options.parse("investment", {"budget": "5000000"})).pk)
    school = str(tables["schools"]["school_code"].iloc[0])
    chosen = {"id": rotation.pk, "school_year": YEAR, "moves": (rotation.result or {}).get("moves", []),
              "options": rotation.options}
    plans.append(planning_services.start_plan(admin, world.a, YEAR, "whatif", plan_options.parse(
        "whatif", {"scenario": f"- enrolment: {{school: '{school}', grade: 1, factor: 1.1}}"},
        rotation_plan=chosen, school_year=YEAR)).pk)
    broken = tiny_district()  # mistakes as a person makes them: the problems pages
    broken["schools"].loc[1, "town"] = None
    broken["facilities"].loc[1, "gym_area_m2"] = -5.0
    broken["teachers"].loc[2, "qualification"] = "大专以上"
    path = tmp / "有错误的文件.xlsx"
    write_tables(broken, path, "xlsx")
    objs.uploads["broken"] = school_services.receive_upload(admin, world.a, path.name, path.read_bytes()).pk
    names: set[str] = {str(x) for x in [*District.objects.values_list("name", flat=True),
                                        *Province.objects.values_list("name", flat=True),
                                        *School.objects.values_list("name", flat=True),
                                        *User.objects.values_list("username", flat=True)]}
    # the web world's districts hold their own data names ("涪陵区教育督导室"): without them the
    # district name alone was taken off such a value and the rest read as a stray fragment
    for frame in (tables, tiny_district(), *(district_tables(code) for code in (A, B, C))):
        for t in frame.values():
            for col in t.columns:
                if t[col].dtype == object or pd.api.types.is_string_dtype(t[col].dtype):
                    names.update(v for v in t[col].dropna().astype(str) if hygiene.CJK.search(v))
    names.update({"有错误的文件", "永川区-2025-2026", "情景"})  # the file names and titles typed in
    # a wrong cell value is shown back as typed (so it can be found in the file), on every page
    names.update({str(broken["teachers"].loc[2, "qualification"]), "fly"})  # "fly": the what-if change typed in
    return objs, plans, names


def _client(world: World, role: str, lang: str) -> Client:
    c = Client()
    if role != "anon":
        c.force_login(world.users[role])
    c.cookies["youjun_language"] = lang
    return c


def _page_targets(kind: str, objs: Objects, plans: list[int]) -> list[Target]:
    out = list(targets(kind, objs))
    if kind in ("plan", "plan_fmt"):  # every kind of plan of Yongchuan
        out += [Target({"pk": str(p), "plan_id": str(p), "fmt": "json"}, A) for p in plans[1:]]
    if kind == "upload":
        b = str(objs.uploads["broken"])
        out.append(Target({"code": A, "pk": b, "upload_id": b}, A))
    return out


class Findings:
    def __init__(self) -> None:
        self.by_kind: dict[str, list[str]] = defaultdict(list)
        self.rows: list[tuple[str, str]] = []

    def add(self, where: str, found: list[str]) -> None:
        for f in found:
            self.by_kind[f.split(":")[0]].append(f"{where}: {f}")
            self.rows.append((where, f))

    def report(self) -> str:
        lines = []
        for kind, items in sorted(self.by_kind.items()):
            lines.append(f"== {kind} ({len(items)})")
            lines += sorted(set(items))[:400]
        return "\n".join(lines)


def _check_download(found: Findings, where: str, fmt: str, content: bytes, lang: str, names: set[str]) -> None:
    if fmt == "html":
        found.add(where, hygiene.problems(hygiene.shown_text(content.decode()), lang, names))
    elif fmt == "pdf":
        found.add(where, hygiene.problems(hygiene.pdf_text(content), lang, names, wrapped=True))
    elif fmt == "xlsx":
        for cell, text in hygiene.xlsx_cells(content):
            if text.startswith("<number as text>"):
                found.add(f"{where} {cell}", [f"number stored as text: {text}"])
            else:
                found.add(f"{where} {cell}", hygiene.problems(text, lang, names))
    elif fmt == "json":
        for path, label_lang, text in hygiene.json_labels(json.loads(content)):
            found.add(f"{where} {path}", hygiene.problems(text, lang if label_lang == "?" else label_lang, names))
    elif fmt == "zip":
        for name, member in hygiene.zip_members(content):
            ext = name.rsplit(".", 1)[-1]
            if ext in ("html", "xlsx", "json", "pdf"):
                _check_download(found, f"{where}/{name}", ext, member, lang, names)


@pytest.mark.slow
def test_every_page_and_file_reads_clean(world: World, tmp_path: Path, settings) -> None:
    settings.DEBUG = False
    objs, plans, names = _sample_world(world, tmp_path)
    assert PlanRun.objects.filter(pk__in=plans, status=PlanRun.Status.DONE).count() == len(plans)
    found = Findings()
    pages = 0
    downloads = {"assessment:download", "planning:download"}
    for lang in LANGS:
        for role in ROLES:
            c = _client(world, role, lang)
            for name, route in sorted(page_routes().items()):
                # a route without a rule fails the permission matrix; here its bare form is read
                rule = PAGE_RULES.get(name) or Rule("none", get="auth" if "<" not in route else "")
                if not rule.get or name.startswith("api:") or name in downloads:
                    continue
                shown_404 = False
                for t in _page_targets(rule.targets, objs, plans):
                    visible, _ = decide(rule.get, role, t)
                    if not visible:  # one error page per route is enough
                        if shown_404:
                            continue
                        shown_404 = True
                    r = c.get(fill(route, t.args))
                    pages += 1
                    not_html = "html" not in r.get("Content-Type", "")
                    if r.status_code in (301, 302) or (r.status_code < 300 and not_html):
                        continue  # a redirect, or a file (the downloads are read below)
                    found.add(f"{lang} {role} {name} {r.status_code} {fill(route, t.args)}",
                              hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names))
        # the error pages a person meets: a form with problems, a refused write, an unknown address
        c = _client(world, "bureau", lang)
        for url, data in ((f"/d/{A}/plans/", {"kind": "seats", "year": YEAR, "years": "x", "migration": "9"}),
                          (f"/d/{A}/plans/", {"kind": "whatif", "year": YEAR, "scenario": "- fly: {}"}),
                          (f"/d/{A}/plans/", {"kind": "rotation", "year": "2031-2032"})):
            r = c.post(url, data)
            found.add(f"{lang} bureau POST {url} {r.status_code}",
                      hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names))
        r = _client(world, "analyst", lang).post(f"/d/{A}/runs/", {"year": YEAR})
        found.add(f"{lang} analyst POST runs {r.status_code}",
                  hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names))
        r = c.get("/no/such/page/")
        found.add(f"{lang} 404", hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names))
        # every file a person downloads
        admin = _client(world, "admin", lang)
        for fmt in REPORT_FORMATS:
            r = admin.get(f"/runs/{objs.runs[A]}/download/{fmt}/")
            assert r.status_code == 200, (fmt, r.status_code)
            _check_download(found, f"{lang} report.{fmt}", fmt, r.content, lang, names)
        for p in plans:
            kind = PlanRun.objects.get(pk=p).kind
            for fmt in planning_services.FORMATS:
                r = admin.get(f"/plans/{p}/download/{fmt}/")
                assert r.status_code == 200, (p, fmt, r.status_code)
                _check_download(found, f"{lang} plan {kind}.{fmt}", fmt, r.content, lang, names)
    assert pages > 200
    if os.environ.get("YOUJUN_HYGIENE_REPORT"):  # every finding, for the people fixing them
        Path(os.environ["YOUJUN_HYGIENE_REPORT"]).write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in found.rows), encoding="utf-8")
    assert not found.by_kind, found.report()
