"""Writes of the schools app: uploads, confirmed snapshots, school submissions.

Nothing is half-written: an upload is validated in full before anything is kept, a snapshot
(its tables, the school register and the audit event) is stored in one transaction, and the
previous snapshot of the year stays current until the new one is committed.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone

from youjun.core.errors import Problem
from youjun.core.personal import mask_personal_text
from youjun.core.schema import GRADES, TABLES, TABLES_BY_KEY, TYPE_GRADES, grade_column
from youjun.ingest.store import data_hash
from youjun.ingest.validate import ValidationResult, validate_tables
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.schools import identity, intake, selectors
from youjun.web.apps.schools.diff import compare, school_changes
from youjun.web.apps.schools.frames import to_json
from youjun.web.apps.schools.models import Snapshot, SnapshotTable, Submission, Upload
from youjun.web.errors import web_problem

ALLOWED_SUFFIXES = intake.ALLOWED_SUFFIXES
UploadRefused = intake.UploadRefused


class SubmissionError(Exception):
    """A submission that cannot be taken (no snapshot of that year yet)."""

    def __init__(self, problem: dict[str, Any]):
        self.problem = problem
        super().__init__(problem["message"]["en"])


class UploadContentError(ValueError):
    """Data that would change what an upload may not change (another district's school, the
    district's identity): refused before anything is written, with catalogued problems."""

    def __init__(self, problems: list[dict[str, Any]]):
        self.problems = problems
        super().__init__("; ".join(p["message"]["en"] for p in problems[:3]))


# -- uploads ---------------------------------------------------------------------------------

def _validate_file(path: Path) -> ValidationResult:
    """Validate in a child process with memory and time limits: a reader crash is a problem
    of the file, never the end of the server."""
    from youjun.ingest.isolated import validate_isolated

    return validate_isolated(path)


def accept_upload_file(actor: User, district: District, f: UploadedFile | None) -> Upload:
    """The one upload path of the page and the API.

    The name (.xlsx only) and size (``YOUJUN_MAX_UPLOAD_MB``) are checked before the file is
    read (``UploadRefused``, with the HTTP status to answer; the refusal is audited); then the
    file is copied to a private temporary folder in chunks, validated in isolation, checked
    against the register (district identity, other districts' schools) and kept with its
    bounded report. A refused file keeps no copy of its cells.
    """
    try:
        filename = intake.checked_name(f)
        assert f is not None
        with tempfile.TemporaryDirectory(prefix="youjun-upload-") as tmp:
            path = Path(tmp) / "upload.xlsx"
            intake.copy_to(f, path)
            return _receive(actor, district, filename, path)
    except UploadRefused as exc:
        _record_refusal(actor, district, f, exc)
        raise


@transaction.atomic
def _record_refusal(actor: User, district: District, f: UploadedFile | None, exc: UploadRefused) -> None:
    name = "" if f is None else mask_personal_text(Path(str(f.name or "")).name)[:255]
    record(actor, "upload_refused", None, object_type="schools.Upload", object_repr=name, district=district,
           after={"filename": name, "size": None if f is None else f.size, "code": exc.problem["code"]})


def receive_upload(actor: User, district: District, filename: str, content: bytes) -> Upload:
    """Bytes in hand (scripts, tests): the same path as a file from a request."""
    return accept_upload_file(actor, district, SimpleUploadedFile(filename, content))


def _receive(actor: User, district: District, filename: str, path: Path) -> Upload:
    result = _validate_file(path)
    extra = identity.content_problems(result.tables, district, result.rows)
    report = intake.build_report(result, filename, extra)
    status = Upload.Status.VALID if report["ok"] else Upload.Status.INVALID
    year, digest, preview, content = "", "", {}, b""
    if status == Upload.Status.VALID:
        year = str(result.tables["districts"]["school_year"].iloc[0])
        digest = data_hash(result.tables)
        current = selectors.current_snapshot(district, year)
        old = selectors.snapshot_tables(current) if current is not None else None
        preview = compare(old, result.tables)
        preview["same_as_current"] = current is not None and current.data_hash == digest
        preview["current_snapshot"] = current.pk if current is not None else None
        content = path.read_bytes()  # kept to be validated again and stored on confirm
    pending = intake.write_problem_list(result, filename, extra) if report["total"] else None
    report["full_list"] = pending is not None
    try:
        with transaction.atomic():
            upload = Upload.objects.create(district=district, uploaded_by=actor, filename=filename,
                                           content=content, status=status, school_year=year, data_hash=digest,
                                           report=report, preview=preview)
            record(actor, "upload", upload, district=district,
                   after={"filename": filename, "status": status, "school_year": year,
                          "errors": report["summary"]["errors"], "warnings": report["summary"]["warnings"],
                          "by_code": report["summary"]["by_code"]})
            if pending is not None:
                pending.replace(intake.problem_list_path(upload.pk))
    finally:
        if pending is not None and pending.exists():
            pending.unlink()
    return upload


def confirm_upload(actor: User, upload: Upload) -> Snapshot:
    """Store a clean upload as its school year's current snapshot (validated again first)."""
    if upload.status != Upload.Status.VALID:
        raise ValueError(f"upload {upload.pk} is {upload.status}, not valid")
    with tempfile.TemporaryDirectory(prefix="youjun-upload-") as tmp:
        path = Path(tmp) / "upload.xlsx"
        path.write_bytes(bytes(upload.content))
        result = _validate_file(path)
    if not result.ok:
        raise ValueError("the upload no longer validates")
    problems = identity.content_problems(result.tables, upload.district, result.rows)
    if problems:
        raise UploadContentError(problems)
    with transaction.atomic():
        locked = Upload.objects.select_for_update().get(pk=upload.pk)
        if locked.status != Upload.Status.VALID:
            raise ValueError(f"upload {upload.pk} is {locked.status}, not valid")
        snap = store_snapshot(actor, upload.district, result.tables, source=upload.filename,
                              note=f"upload #{upload.pk}", rows=result.rows)
        before = {"status": locked.status}
        locked.status = Upload.Status.CONFIRMED
        locked.snapshot = snap
        locked.save(update_fields=["status", "snapshot"])
        record(actor, "confirm", locked, district=upload.district, before=before,
               after={"status": locked.status, "snapshot": snap.pk})
    upload.refresh_from_db()
    return snap


@transaction.atomic
def discard_upload(actor: User, upload: Upload) -> None:
    before = {"status": upload.status}
    upload.status = Upload.Status.DISCARDED
    upload.content = b""
    upload.save(update_fields=["status", "content"])
    record(actor, "discard", upload, district=upload.district, before=before, after={"status": upload.status})


# -- snapshots -------------------------------------------------------------------------------

def store_snapshot(actor: User | None, district: District, tables: dict[str, pd.DataFrame], *,
                   source: str = "", note: str = "", rows: dict[str, list[int]] | None = None) -> Snapshot:
    """Store validated tables as the district's current snapshot of their school year.

    One transaction: the new snapshot and its tables, the previous one retired, the school
    register updated, the audit event written — or nothing at all. The district's code, name
    and province are the register's and are not taken from the data; its kind is (data).
    A school the register holds in another district refuses the whole store
    (``UploadContentError``, E815) before anything is written.
    """
    districts = tables["districts"]
    match = districts[districts["district_code"] == district.code]
    if match.empty:
        raise UploadContentError(identity.district_problems(tables, district, rows)
                                 or [web_problem("E806", value="", expected=district.code, rule="store.district")])
    row = match.iloc[0]
    year = str(row["school_year"])
    mine = tables["schools"][tables["schools"]["district_code"] == district.code]
    foreign = identity.school_problems(tables, district, rows)
    if foreign:
        raise UploadContentError(foreign)
    digest = data_hash(tables)
    counts = {t.key: len(tables.get(t.key, ())) for t in TABLES}
    with transaction.atomic():
        platform_services.set_district_kind(actor, district,
                                            str(row["district_kind"]) if pd.notna(row["district_kind"]) else "")
        previous = (Snapshot.objects.select_for_update()
                    .filter(district=district, school_year=year, current=True).first())
        if previous is not None:
            previous.current = False
            previous.save(update_fields=["current"])
        snap = Snapshot.objects.create(district=district, school_year=year, data_hash=digest, source=source[:255],
                                       rows=counts, current=True, created_by=actor, note=note[:255])
        SnapshotTable.objects.bulk_create([
            SnapshotTable(snapshot=snap, table=t.key, data=to_json(t.key, tables[t.key]))
            for t in TABLES if t.key in tables
        ])
        register = platform_services.sync_schools(actor, district, mine.to_dict("records"), year)
        record(actor, "store_snapshot", snap, district=district,
               before=None if previous is None else {"snapshot": previous.pk, "data_hash": previous.data_hash,
                                                     "rows": previous.rows},
               after={"snapshot": snap.pk, "school_year": year, "data_hash": digest, "rows": counts,
                      "source": source, "schools_register": register})
    return snap


# -- school submissions ----------------------------------------------------------------------

SCHOOL_FIELDS = ("post_quota",)
FACILITY_FIELDS = tuple(f.key for f in TABLES_BY_KEY["facilities"].fields if f.key != "school_code")
FINANCE_FIELDS = tuple(f.key for f in TABLES_BY_KEY["school_finance"].fields if f.key != "school_code")
_SPLIT = re.compile(r"[\s,，、;；]+")


def editable_grades(school_type: str) -> tuple[int, ...]:
    return tuple(g for g in TYPE_GRADES.get(school_type, GRADES) if g <= 9) or tuple(range(1, 10))


def figures_from_tables(tables: dict[str, pd.DataFrame], code: str) -> dict[str, Any]:
    """The form's starting values: the school's figures in the stored snapshot."""
    schools = tables["schools"]
    srow = schools[schools["school_code"] == code]
    out: dict[str, Any] = {"schools": {}, "classes": {}, "facilities": {}, "school_finance": {}}
    if srow.empty:
        return out
    s = srow.iloc[0]
    for g in editable_grades(str(s["school_type"])):
        out["schools"][grade_column(g)] = _text(s[grade_column(g)])
    for k in SCHOOL_FIELDS:
        out["schools"][k] = _text(s[k])
    classes = tables["classes"]
    mine = classes[classes["school_code"] == code]
    for g in editable_grades(str(s["school_type"])):
        sizes = mine[mine["grade"] == g]["students"].tolist()
        out["classes"][str(g)] = ", ".join(_text(x) for x in sizes)
    for key, fields in (("facilities", FACILITY_FIELDS), ("school_finance", FINANCE_FIELDS)):
        frame = tables[key]
        row = frame[frame["school_code"] == code]
        for k in fields:
            out[key][k] = _text(row.iloc[0][k]) if not row.empty else ""
    return out


def _text(v: Any) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and pd.isna(v)):
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _raw(v: Any) -> Any:
    text = str(v).strip() if v is not None else ""
    return text or None


def apply_figures(tables: dict[str, pd.DataFrame], code: str,
                  figures: dict[str, Any]) -> tuple[dict[str, pd.DataFrame], dict[tuple[str, int], str]]:
    """Tables with the school's rows replaced by the form's raw values.

    Returns the tables and a map (sheet, row number as the validator counts) -> form field, so
    the validator's problems can be shown beside the field that caused them.
    """
    out = {k: v.copy() for k, v in tables.items()}
    where: dict[tuple[str, int], str] = {}
    schools = out["schools"].astype(object)
    pos = schools.index[schools["school_code"] == code]
    if len(pos) == 0:
        raise KeyError(code)
    p = pos[0]
    stype = str(schools.at[p, "school_type"])
    for k, v in (figures.get("schools") or {}).items():
        if k in SCHOOL_FIELDS or k in {grade_column(g) for g in editable_grades(stype)}:
            schools.at[p, k] = _raw(v)
    out["schools"] = schools
    where[(TABLES_BY_KEY["schools"].zh, int(p) + 1)] = "schools"
    classes = out["classes"]
    edited = {int(g): text for g, text in (figures.get("classes") or {}).items()}
    keep = classes[~((classes["school_code"] == code) & classes["grade"].isin(list(edited)))]
    names = {g: classes[(classes["school_code"] == code) & (classes["grade"] == g)]["class_name"].tolist()
             for g in edited}
    new_rows = []
    for g, text in sorted(edited.items()):
        sizes = [s for s in _SPLIT.split(str(text or "").strip()) if s]
        for i, size in enumerate(sizes):
            name = names[g][i] if i < len(names[g]) else f"{i + 1}班"
            new_rows.append({"school_code": code, "grade": g, "class_name": name, "students": size})
    merged = pd.concat([keep.astype(object), pd.DataFrame(new_rows, columns=list(classes.columns))],
                       ignore_index=True) if new_rows else keep.reset_index(drop=True)
    out["classes"] = merged
    for i, r in enumerate(new_rows):
        where[(TABLES_BY_KEY["classes"].zh, len(keep) + i + 1)] = f"classes.{r['grade']}"
    for key, fields in (("facilities", FACILITY_FIELDS), ("school_finance", FINANCE_FIELDS)):
        values = figures.get(key) or {}
        frame = out[key].astype(object)
        rows = frame.index[frame["school_code"] == code]
        if len(rows) == 0:
            if not any(_raw(v) for v in values.values()):
                continue
            frame = pd.concat([frame, pd.DataFrame([{"school_code": code}], columns=frame.columns)],
                              ignore_index=True)
            rows = frame.index[frame["school_code"] == code]
        r = rows[0]
        for k in fields:
            if k in values:
                frame.at[r, k] = _raw(values[k])
        out[key] = frame
        where[(TABLES_BY_KEY[key].zh, int(r) + 1)] = key
    return out, where


def school_problems(result: ValidationResult, code: str,
                    where: dict[tuple[str, int], str]) -> list[dict[str, Any]]:
    """The validator's problems that concern this school, each with the form field it belongs to."""
    out = []
    for p in result.problems:
        target = where.get((p.location.sheet, p.location.row or -1))
        ctx = dict(p.context)
        if target is None and ctx.get("school") != code:
            continue
        field = _field_of(p, target)
        out.append({"field": field, **p.to_dict()})
    return out


def _field_of(p: Problem, target: str | None) -> str:
    column = p.location.column
    if target is None:
        return ""
    if target.startswith("classes."):
        return target
    if target == "schools" and column.startswith("students_g"):
        return f"schools.{column}"
    return f"{target}.{column}" if column else target


def absent_problem(school: School, school_year: str) -> dict[str, Any]:
    """E818: the school is not a row of that year's confirmed data (it cannot be filled in)."""
    return web_problem("E818", value=school.code, detail=school_year, rule="submission.school")


def save_submission(actor: User, school: School, school_year: str, figures: dict[str, Any], *,
                    submit: bool = True) -> Submission:
    """Validate a school's figures against its year's snapshot and keep them.

    Valid figures become 'submitted' (waiting for the bureau) when ``submit``; figures with
    errors, or any figures saved with ``submit=False`` (保存草稿), are kept as a draft with
    their problems.
    """
    snap = selectors.current_snapshot(school.district, school_year)
    if snap is None:
        raise SubmissionError(web_problem("E807", value=school_year, rule="submission.snapshot"))
    tables = selectors.snapshot_tables(snap)
    if school.code not in set(tables["schools"]["school_code"]):
        raise SubmissionError(absent_problem(school, school_year))
    changed, where = apply_figures(tables, school.code, figures)
    result = validate_tables(changed)
    problems = school_problems(result, school.code, where)
    errors = [p for p in problems if p["severity"] == "error"]
    status = Submission.Status.DRAFT if errors or not submit else Submission.Status.SUBMITTED
    with transaction.atomic():
        sub = Submission.objects.select_for_update().filter(school=school, school_year=school_year).first()
        before = None if sub is None else {"status": sub.status, "figures": sub.figures}
        if sub is None:
            sub = Submission(school=school, school_year=school_year)
        sub.status, sub.figures, sub.problems, sub.submitted_by = status, figures, problems, actor
        sub.applied_to = None
        sub.reviewed_by, sub.reviewed_at = None, None  # new figures need a new review (the comment stays)
        sub.save()
        record(actor, "submit" if status == Submission.Status.SUBMITTED else "save_draft", sub, school=school,
               before=before, after={"status": status, "figures": figures, "errors": len(errors)})
    return sub


def discard_draft(actor: User, school: School, school_year: str) -> bool:
    """Throw away the school's draft with problems (only a draft), so the form starts again from
    the stored figures; False when there was none."""
    with transaction.atomic():
        sub = (Submission.objects.select_for_update()
               .filter(school=school, school_year=school_year, status=Submission.Status.DRAFT).first())
        if sub is None:
            return False
        record(actor, "discard_draft", sub, school=school,
               before={"status": sub.status, "figures": sub.figures, "errors": len(sub.problems or [])})
        sub.delete()
    return True


def submission_changes(sub: Submission) -> dict[str, Any]:
    """What the school's figures change against its year's current data, field by field."""
    snap = selectors.current_snapshot(sub.school.district, sub.school_year)
    if snap is None:
        raise SubmissionError(web_problem("E807", value=sub.school_year, rule="submission.snapshot"))
    tables = selectors.snapshot_tables(snap)
    if sub.school.code not in set(tables["schools"]["school_code"]):
        raise SubmissionError(absent_problem(sub.school, sub.school_year))
    changed, _where = apply_figures(tables, sub.school.code, sub.figures)
    result = validate_tables(changed)  # canonical types, so 41 and "41" compare equal
    return school_changes(tables, result.tables if result.tables else changed, sub.school.code)


def review_submission(actor: User, sub: Submission, *, approve: bool, comment: str = "") -> Submission:
    """The bureau's decision on a submitted school's figures: approved (to be merged) or
    returned to the school with a comment (E851 without one); only a submitted one (E850)."""
    comment = comment.strip()[:2000]
    if not approve and not comment:
        raise SubmissionError(web_problem("E851", value=sub.school.code, rule="submission.review"))
    with transaction.atomic():
        locked = Submission.objects.select_for_update(of=("self",)).select_related("school").get(pk=sub.pk)
        if locked.status != Submission.Status.SUBMITTED:
            raise SubmissionError(web_problem("E850", value=locked.school.code, detail=locked.get_status_display(),
                                              rule="submission.review"))
        before = {"status": locked.status}
        locked.status = Submission.Status.APPROVED if approve else Submission.Status.RETURNED
        locked.review_comment, locked.reviewed_by, locked.reviewed_at = comment, actor, timezone.now()
        locked.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"])
        record(actor, "approve_submission" if approve else "return_submission", locked, school=locked.school,
               district=locked.school.district, before=before,
               after={"status": locked.status, "comment": comment, "school_year": locked.school_year})
    return locked


def apply_submissions(actor: User, district: District, school_year: str) -> Snapshot | None:
    """Take every approved school's figures into a new snapshot of the year (validated first).

    Only figures the bureau approved are merged; the audit of the new snapshot names each
    source (school, submission, who submitted and who approved it).
    """
    snap = selectors.current_snapshot(district, school_year)
    if snap is None:
        raise SubmissionError(web_problem("E807", value=school_year, rule="submission.snapshot"))
    subs = list(Submission.objects.filter(school__district=district, school_year=school_year,
                                          status=Submission.Status.APPROVED)
                .select_related("school", "submitted_by", "reviewed_by").order_by("school__code"))
    if not subs:
        return None
    tables = selectors.snapshot_tables(snap)
    for sub in subs:
        if sub.school.code not in set(tables["schools"]["school_code"]):
            raise SubmissionError(absent_problem(sub.school, school_year))
        tables, _ = apply_figures(tables, sub.school.code, sub.figures)
    result = validate_tables(tables)
    if not result.ok:
        raise SubmissionError(web_problem("E804", detail="; ".join(p.message("zh") for p in result.errors[:3]),
                                          rule="submission.apply"))
    sources = [{"school": s.school.code, "submission": s.pk,
                "submitted_by": s.submitted_by.username if s.submitted_by else "",
                "approved_by": s.reviewed_by.username if s.reviewed_by else ""} for s in subs]
    with transaction.atomic():
        new = store_snapshot(actor, district, result.tables, source=snap.source,
                             note="school submissions: " + ", ".join(s.school.code for s in subs)[:200])
        record(actor, "merge_submissions", new, district=district,
               before={"snapshot": snap.pk}, after={"snapshot": new.pk, "school_year": school_year,
                                                    "sources": sources})
        for sub in subs:
            before = {"status": sub.status}
            sub.status, sub.applied_to = Submission.Status.APPLIED, new
            sub.save(update_fields=["status", "applied_to", "updated_at"])
            record(actor, "apply_submission", sub, school=sub.school, before=before,
                   after={"status": sub.status, "snapshot": new.pk})
    return new
