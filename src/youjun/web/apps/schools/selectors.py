"""Reads of the schools app: snapshots and their tables, uploads, submissions."""

from __future__ import annotations

from typing import Any

import pandas as pd
from django.db.models import QuerySet

from youjun.core.schema import TABLES
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.lru import BoundedCache
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.platform.scoping import Scope
from youjun.web.apps.schools.frames import from_json
from youjun.web.apps.schools.models import Snapshot, SnapshotTable, Submission, Upload
from youjun.web.errors import web_problem

_TABLES: BoundedCache[dict[str, pd.DataFrame]] = BoundedCache(4)  # frozen snapshots' tables


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
    tables = _TABLES.get_or_build((snapshot.pk, snapshot.data_hash), lambda: _read_tables(snapshot))
    return {k: v.copy() for k, v in tables.items()}


def _read_tables(snapshot: Snapshot) -> dict[str, pd.DataFrame]:
    stored = {t.table: t.data for t in SnapshotTable.objects.filter(snapshot=snapshot)}
    return {t.key: from_json(t.key, stored.get(t.key, {"columns": [], "rows": []})) for t in TABLES}


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


# -- the school page: where the data came from, and the latest verdict with every reason ---------

IMPORT_NOTE_MERGED = "school submissions:"  # the note of a snapshot merged from school submissions
SECTION_NAMES = {"primary": ("小学", "Primary"), "junior": ("初中", "Junior secondary")}


def data_sources(school: School, years: list[str]) -> dict[str, dict[str, Any]]:
    """Per stored year, where this school's figures in the current snapshot came from:
    ``{"kind": "submission"|"import"|"absent", "when": datetime}`` — a school with data from the
    bureau's district-wide import has data all the same, it is not "not submitted"."""
    out: dict[str, dict[str, Any]] = {}
    for year in years:
        snap = current_snapshot(school.district, year)
        if snap is None or not school_in_snapshot(snap, school.code):
            out[year] = {"kind": "absent", "when": None}
            continue
        merged = (Submission.objects.filter(school=school, school_year=year, status=Submission.Status.APPLIED,
                                            applied_to=snap).order_by("-updated_at").first())
        if merged is not None:
            out[year] = {"kind": "submission", "when": merged.updated_at}
            continue
        # the last district-wide store of the year (a merge of other schools' figures keeps ours)
        base = (Snapshot.objects.filter(district=school.district, school_year=year,
                                        created_at__lte=snap.created_at)
                .exclude(note__startswith=IMPORT_NOTE_MERGED).order_by("-created_at").first()) or snap
        out[year] = {"kind": "import", "when": base.created_at}
    return out


def _ratio_text(ratio: Any) -> str:
    return f"{100 * float(ratio):.1f}%" if isinstance(ratio, int | float) and not isinstance(ratio, bool) else ""


def _finding_line(f: dict[str, Any], lang: str) -> dict[str, Any]:
    from youjun.core.labels import ITEM_LABELS

    req = str(f.get("requirement") or "")
    title = ITEM_LABELS.get(req.lower(), ("", ""))[0 if lang == "zh" else 1]
    pick = (lambda d: str((d or {}).get(lang) or ""))  # noqa: E731
    gap = pick(f.get("gap"))
    return {"requirement": req, "title": title, "subject": pick(f.get("subject")),
            "measured": pick(f.get("measured")), "standard": pick(f.get("standard")),
            "gap": "" if gap == "—" else gap, "ratio": _ratio_text((f.get("extra") or {}).get("ratio")),
            "missing": f.get("status") == "evidence_missing"}


def school_standing(school: School, lang: str) -> dict[str, Any] | None:
    """The school's verdict in the latest finished assessment: each section with its verdict and
    every reason (indicator, value with unit, standard, gap in real units), and each G/Q finding
    concerning the school — what the school page shows at the top, without a click."""
    from youjun.web.apps.assessment import selectors as assessment_selectors

    runs = assessment_selectors.latest_runs_by_year(school.district)
    if not runs:
        return None
    year = max(runs)
    run = runs[year]
    result = assessment_selectors.result_of(run)
    mine = [f for f in result.get("findings") or [] if str(f.get("school_code") or "") == school.code]
    sections = []
    for s in result.get("schools") or []:
        if str(s.get("code")) != school.code:
            continue
        level = str(s.get("level") or "")
        lines = [_finding_line(f, lang) for f in s.get("findings") or []]
        sections.append({"level": level, "name": SECTION_NAMES.get(level, (level, level))[0 if lang == "zh" else 1],
                         "compliant": s.get("compliant"), "met_count": s.get("met_count"),
                         "total": len(s.get("values") or {}) or 7, "lines": lines,
                         "short": [x["requirement"] for x in lines]})
    sections.sort(key=lambda x: ("primary", "junior").index(x["level"]) if x["level"] in ("primary", "junior") else 9)
    items = [f for f in mine if not str(f.get("requirement") or "").startswith("R")]
    others = [_finding_line(f, lang) for f in items]
    from youjun.core.findings import group_findings

    # "缺 1 间功能教室", "2 名教师": the count in its own unit, never a bare number
    counts = {g.requirement: g.within_school_text(lang) for g in group_findings(items)}
    groups: dict[str, dict[str, Any]] = {}
    for line in others:
        groups.setdefault(line["requirement"], {"requirement": line["requirement"], "title": line["title"],
                                                "count": counts.get(line["requirement"], ""),
                                                "lines": []})["lines"].append(line)
    method = result.get("method") or {}
    from youjun.web.apps.schools.school_result import not_assessed

    # a school the run's scope rules left out: say why, not an empty verdict
    note = None if sections else not_assessed(result, snapshot_tables(run.snapshot), school.code, lang)
    return {"year": year, "run": run, "sections": sections, "items": list(groups.values()), "not_assessed": note,
            "rule": method.get("school_rule_zh" if lang == "zh" else "school_rule_en") or "",
            "failing": any(s["compliant"] is not True for s in sections) or bool(others)}
