"""Reads of the schools app: snapshots and their tables, uploads, submissions."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

import pandas as pd
from django.db.models import QuerySet

from youjun.core.schema import TABLES
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.scoping import Scope
from youjun.web.apps.schools.frames import from_json
from youjun.web.apps.schools.models import Snapshot, SnapshotTable, Submission, Upload
from youjun.web.errors import web_problem

_CACHE: OrderedDict[tuple[int, str], dict[str, pd.DataFrame]] = OrderedDict()
_CACHE_LOCK = threading.Lock()
CACHE_SNAPSHOTS = 4  # snapshots are frozen: their tables may be kept in memory


def snapshots(scope: Scope) -> QuerySet[Snapshot]:
    return scoping.scoped(scope, Snapshot.objects.select_related("district", "created_by"))


def district_snapshots(district: District) -> QuerySet[Snapshot]:
    return Snapshot.objects.filter(district=district).select_related("created_by")


def current_snapshot(district: District, school_year: str) -> Snapshot | None:
    return Snapshot.objects.filter(district=district, school_year=school_year, current=True).first()


class NoSnapshot(Exception):
    """No confirmed data for the school year: nothing can be assessed or planned on it (E807)."""

    def __init__(self, school_year: str, rule: str):
        self.problem = web_problem("E807", value=school_year, rule=rule)
        super().__init__(self.problem["message"]["en"])


def current_snapshot_or_raise(district: District, school_year: str, rule: str) -> Snapshot:
    snap = current_snapshot(district, school_year)
    if snap is None:
        raise NoSnapshot(school_year, rule)
    return snap


def current_snapshots(district: District) -> list[Snapshot]:
    return list(Snapshot.objects.filter(district=district, current=True).order_by("-school_year"))


def school_years(district: District) -> list[str]:
    return list(Snapshot.objects.filter(district=district, current=True)
                .order_by("-school_year").values_list("school_year", flat=True))


def snapshot_tables(snapshot: Snapshot) -> dict[str, pd.DataFrame]:
    """The snapshot's canonical tables (copies; frozen snapshots are cached per process)."""
    key = (snapshot.pk, snapshot.data_hash)
    with _CACHE_LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            _CACHE.move_to_end(key)
            return {k: v.copy() for k, v in cached.items()}
    stored = {t.table: t.data for t in SnapshotTable.objects.filter(snapshot=snapshot)}
    tables = {t.key: from_json(t.key, stored.get(t.key, {"columns": [], "rows": []})) for t in TABLES}
    with _CACHE_LOCK:
        _CACHE[key] = tables
        while len(_CACHE) > CACHE_SNAPSHOTS:
            _CACHE.popitem(last=False)
    return {k: v.copy() for k, v in tables.items()}


def education_groups(district: District) -> list[dict[str, Any]]:
    """The district's education groups with their member schools (from the school register)."""
    from youjun.web.apps.platform.models import EducationGroup

    out = []
    for g in EducationGroup.objects.filter(district=district).prefetch_related("schools"):
        members = sorted(g.schools.all(), key=lambda s: s.code)
        out.append({"group": g, "schools": members, "n": len(members)})
    return [x for x in out if x["n"]]


UPLOAD_LIST_FIELDS = ("id", "district_id", "uploaded_by_id", "created_at", "filename", "status", "school_year")


def uploads(scope: Scope, district: District) -> QuerySet[Upload]:
    """A district's uploads for lists: never their file, report or preview (they can be large)."""
    return scoping.scoped(scope, Upload.objects.filter(district=district)).only(*UPLOAD_LIST_FIELDS)


def schools_in_other_districts(district: District, codes: list[str]) -> dict[str, School]:
    """Those of ``codes`` the register holds in a district other than ``district``."""
    found: dict[str, School] = {}
    for i in range(0, len(codes), 500):  # bounded IN lists
        qs = School.objects.filter(code__in=codes[i:i + 500]).exclude(district=district).select_related("district")
        found.update({s.code: s for s in qs})
    return found


def school_in_snapshot(snapshot: Snapshot, code: str) -> bool:
    """Whether the school is a row of the snapshot's schools table."""
    data = SnapshotTable.objects.filter(snapshot=snapshot, table="schools").values_list("data", flat=True).first()
    if not data or "school_code" not in data["columns"]:
        return False
    i = data["columns"].index("school_code")
    return any(r[i] == code for r in data["rows"])


def submission_status(district: District, school_year: str) -> list[dict[str, Any]]:
    """Every school of the district in that year's snapshot, with its submission (if any)."""
    snap = current_snapshot(district, school_year)
    codes: list[str] = []
    if snap is not None:
        data = SnapshotTable.objects.filter(snapshot=snap, table="schools").values_list("data", flat=True).first()
        if data:
            i = data["columns"].index("school_code")
            codes = [r[i] for r in data["rows"]]
    schools = {s.code: s for s in School.objects.filter(district=district)}
    subs = {s.school.code: s for s in Submission.objects.filter(school__district=district, school_year=school_year)
            .select_related("school", "submitted_by")}
    out = []
    for code in codes or sorted(schools):
        school = schools.get(code)
        if school is not None:
            out.append({"school": school, "submission": subs.get(code)})
    return out


def submission(school: School, school_year: str) -> Submission | None:
    return Submission.objects.filter(school=school, school_year=school_year).first()


def completeness_by_town(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per town (镇街): schools in the year's data, and how many have submitted, been approved,
    returned or merged; towns with the fewest in hand first."""
    towns: dict[str, dict[str, Any]] = {}
    for r in rows:
        town = r["school"].town or "—"
        t = towns.setdefault(town, {"town": town, "schools": 0, "submitted": 0, "approved": 0, "returned": 0,
                                    "draft": 0, "applied": 0, "none": 0})
        t["schools"] += 1
        t[r["submission"].status if r["submission"] else "none"] += 1
    out = []
    for t in towns.values():
        t["in_hand"] = t["submitted"] + t["approved"] + t["applied"]
        t["percent"] = round(100 * t["in_hand"] / t["schools"]) if t["schools"] else 0
        out.append(t)
    return sorted(out, key=lambda t: (t["percent"], t["town"]))


def submission_or_404(district: District, pk: int) -> Submission:
    """A submission of the district (the caller has checked the district's scope)."""
    from django.http import Http404

    found = (Submission.objects.filter(pk=pk, school__district=district)
             .select_related("school", "submitted_by", "reviewed_by").first())
    if found is None:
        raise Http404("submission")
    return found
