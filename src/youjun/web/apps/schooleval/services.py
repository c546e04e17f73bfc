"""Every write of the schooleval app, each in a transaction and through the audit helper.

Who may do what (checked here as well as in the views):
- the district's bureau (district_admin) edits the district's tree for a year, until a school
  has submitted that year's self-evaluation (then the tree is the one the year's evaluations use);
- the school (its school officer, or the district's bureau on its behalf) saves and submits the
  self-evaluation while it is a draft or returned, with evidence files;
- the bureau reviews a submitted evaluation: its own judgement and comment per consideration,
  then returns it to the school (with a reason) or finalises it; a finalised evaluation is locked.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from youjun.core import schooleval as rules
from youjun.core.school_year import school_year_of
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.schooleval.models import Evaluation, EvidenceFile, Judgement, TreeVersion
from youjun.web.errors import web_problem

RULE = "school-eval-2021"
LOCKED = ("评价已提交或已确定，学校不能再修改", "the evaluation is submitted or finalised")
MISMATCH = ("文件内容与扩展名不符", "its content does not match its extension")


class StepRefused(Exception):
    """A write refused before anything was written; ``problem`` is a catalogue problem dict."""

    def __init__(self, problem: dict[str, Any]):
        self.problem = problem
        super().__init__(problem["message"]["en"])


def refuse(code: str, *, value: Any = "", detail: tuple[str, str] = ("", ""), **context: Any) -> StepRefused:
    return StepRefused(web_problem(code, value=value, rule=RULE, detail=detail, **context))


def refused(exc: rules.TreeError) -> StepRefused:
    return refuse(exc.code, value=exc.value, detail=(exc.detail_zh, exc.detail_en))


def current_year(today: dt.date | None = None) -> str:
    """The school year of ``today`` (it starts on 1 September)."""
    return school_year_of(today or timezone.localdate())


def year_past(year: str, today: dt.date | None = None) -> bool:
    """True for a school year that has ended (its tree and evaluations stay as they were)."""
    return year < current_year(today)


def check_year(year: str) -> str:
    if not rules.year_ok(year):
        raise refuse("E1145", value=year)
    return year


# --- the tree ---------------------------------------------------------------------------------

def stored_tree(district: District, year: str) -> TreeVersion | None:
    return TreeVersion.objects.filter(district=district, school_year=year).first()


def draft_tree(district: District, year: str) -> tuple[dict[str, Any], str]:
    """The tree a year would start from: the latest earlier year's copy, or the guide's."""
    earlier = (TreeVersion.objects.filter(district=district, school_year__lt=year)
               .order_by("-school_year").first())
    if earlier is not None:
        return copy.deepcopy(earlier.tree), earlier.school_year
    return rules.seed_tree(), "guide"


def tree_in_use(version: TreeVersion) -> bool:
    """True once a school has submitted this year's self-evaluation: the tree is then fixed."""
    return version.evaluations.filter(submitted_at__isnull=False).exists()


def ensure_tree(actor: User | None, district: District, year: str) -> TreeVersion:
    """The district's tree for ``year``, stored on first use (copied, then audited)."""
    check_year(year)
    found = stored_tree(district, year)
    if found is not None:
        return found
    tree, source = draft_tree(district, year)
    with transaction.atomic():
        version, created = TreeVersion.objects.get_or_create(
            district=district, school_year=year,
            defaults={"tree": rules.validate_tree(tree), "seeded_from": source, "updated_by": actor})
        if created:
            record(actor, "schooleval_tree_seed", version, district=district,
                   after={"school_year": year,  # the guide by its number, or the year copied
                          "source": rules.reference("guide")["number"] if source == "guide" else source})
    return version


def _require_bureau(actor: User | None, district: District) -> None:
    if not scoping.can_manage_district(scoping.scope_of(actor), district):
        raise refuse("E1138", value=district.code,
                     detail=("只有本区县教育局可以办理", "only the district's bureau may"))


def _find(tree: dict[str, Any], code: str) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any] | None]:
    for a in tree["areas"]:
        for i in a["indicators"]:
            if i["code"] == code:
                return a, i, None
            for c in i["considerations"]:
                if c["code"] == code:
                    return a, i, c
    raise refuse("E1131", value=code, detail=("指标树中没有这个编号", "no such code in the tree"))


def _clean_list(values: Any) -> list[str]:
    return [str(v).strip() for v in (values or []) if str(v).strip()]


def _weight(value: Any) -> float | None:
    text = str(value if value is not None else "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError as exc:
        raise refuse("E1133", value=text, detail=("不是数字", "not a number")) from exc


def edit_tree(actor: User | None, district: District, year: str, op: str, data: Mapping[str, Any]) -> TreeVersion:
    """One edit of the district's tree for ``year`` by its bureau:

    - ``add``: a new consideration under ``indicator`` (zh, en, evaluators, methods, evidence);
    - ``edit``: change a consideration's words, evaluators, methods and evidence;
    - ``retire`` / ``restore``: take a consideration out of use, or back;
    - ``weights``: the LOCAL weights, ``{code: number or ""}`` for areas, indicators and
      considerations (all empty: no weights, as the guide).
    """
    _require_bureau(actor, district)
    version = ensure_tree(actor, district, year)
    with transaction.atomic():
        version = TreeVersion.objects.select_for_update().get(pk=version.pk)
        if tree_in_use(version):
            raise refuse("E1136", value=year, detail=("已有学校提交自评", "a school has already submitted"))
        if year_past(year):
            raise refuse("E1136", value=year, detail=("往年的指标树不再修改", "a past year's tree no longer changes"))
        before = copy.deepcopy(version.tree)
        tree = copy.deepcopy(version.tree)
        code = str(data.get("code") or "").strip()
        if op == "add":
            indicator = str(data.get("indicator") or "").strip()
            _a, ind, _c = _find(tree, indicator)
            code = rules.next_consideration_code(tree, indicator)
            ind["considerations"].append({
                "code": code, "zh": str(data.get("zh") or "").strip(), "en": str(data.get("en") or "").strip(),
                "evaluators": _clean_list(data.get("evaluators")), "methods": _clean_list(data.get("methods")),
                "evidence": str(data.get("evidence") or "").strip(),
                "evidence_en": str(data.get("evidence_en") or "").strip(), "weight": None, "retired": False,
                "source": "local", "confidence": "LOCAL"})
        elif op in ("edit", "retire", "restore"):
            _a, _i, cons = _find(tree, code)
            if cons is None:
                raise refuse("E1131", value=code, detail=("不是考查要点", "is not a consideration"))
            if op == "edit":
                cons.update({"zh": str(data.get("zh") or "").strip(), "en": str(data.get("en") or "").strip(),
                             "evaluators": _clean_list(data.get("evaluators")),
                             "methods": _clean_list(data.get("methods")),
                             "evidence": str(data.get("evidence") or "").strip(),
                             "evidence_en": str(data.get("evidence_en") or "").strip()})
                if cons.get("source") == "guide":
                    cons["source"] = "guide_edited"
            else:
                cons["retired"] = op == "retire"
                if op == "retire":
                    cons["weight"] = None
        elif op == "weights":
            weights = dict(data.get("weights") or {})
            for a in tree["areas"]:
                a["weight"] = _weight(weights.get(a["code"]))
                for i in a["indicators"]:
                    i["weight"] = _weight(weights.get(i["code"]))
                    for c in i["considerations"]:
                        c["weight"] = None if c.get("retired") else _weight(weights.get(c["code"]))
            code = "weights"
        else:
            raise refuse("E1134", value=op, detail=("不是可用的操作", "is not an edit"))
        try:
            version.tree = rules.validate_tree(tree)
        except rules.TreeError as exc:
            raise refused(exc) from exc
        version.updated_by = actor if actor is not None and actor.pk else None
        version.save(update_fields=["tree", "updated_by", "updated_at"])
        record(actor, "schooleval_tree_edit", version, district=district,
               before={"node": _node(before, code)},  # what was done, and to which code, read once
               after={"op": op, "code": code, "node": _node(version.tree, code)})
    return version


def _node(tree: dict[str, Any], code: str) -> Any:
    if code == "weights":  # a list: codes such as B1.2 stay whole in the history
        return [{"code": n["code"], "weight": n.get("weight")} for a in tree["areas"] for n in
                [a, *a["indicators"], *[c for i in a["indicators"] for c in i["considerations"]]]]
    for a in tree["areas"]:
        for i in a["indicators"]:
            for c in i["considerations"]:
                if c["code"] == code:
                    return c
    return None


# --- an evaluation ----------------------------------------------------------------------------

def _require_school(actor: User | None, school: School) -> None:
    if not scoping.can_submit_for_school(scoping.scope_of(actor), school):
        raise refuse("E1138", value=school.code, detail=("自评只能由本校或本区县教育局填写",
                                                         "only the school or its district's bureau fill it in"))


def evaluation_of(school: School, year: str) -> Evaluation | None:
    return Evaluation.objects.filter(school=school, school_year=year).select_related("tree").first()


def start(actor: User | None, school: School, year: str) -> Evaluation:
    """The school's evaluation for ``year``, begun on the first save (on the district's tree)."""
    _require_school(actor, school)
    found = evaluation_of(school, year)
    if found is not None:
        return found
    version = ensure_tree(actor, school.district, year)
    with transaction.atomic():
        ev, created = Evaluation.objects.get_or_create(school=school, school_year=year,
                                                       defaults={"tree": version, "state": rules.workflow()["initial"]})
        if created:
            record(actor, "schooleval_start", ev, school=school, after={"school_year": year, "tree": version.pk})
    return ev


def _codes(ev: Evaluation) -> list[str]:
    return [c["code"] for c in rules.considerations(ev.tree.tree)]


def save_self(actor: User | None, ev: Evaluation, entries: Mapping[str, tuple[str, str]]) -> Evaluation:
    """The school's judgement and note per consideration (``{code: (level or "", note)}``)."""
    _require_school(actor, ev.school)
    wf = rules.workflow()
    if not rules.school_edits(wf, ev.state):
        raise refuse("E1137", detail=LOCKED)
    codes = set(_codes(ev))
    changes: dict[str, Any] = {}
    with transaction.atomic():
        ev = Evaluation.objects.select_for_update().get(pk=ev.pk)
        if not rules.school_edits(wf, ev.state):
            raise refuse("E1137", detail=LOCKED)
        for code, (level, note) in entries.items():
            if code not in codes:
                continue
            if level:
                try:
                    rules.check_level(level)
                except rules.TreeError as exc:
                    raise refused(exc) from exc
            j, _ = Judgement.objects.get_or_create(evaluation=ev, code=code)
            note = (note or "").strip()[:2000]
            if (j.self_level, j.self_note) != (level, note):
                changes[code] = {"before": {"code": code, "self_level": j.self_level, "self_note": j.self_note},
                                 "after": {"code": code, "self_level": level, "self_note": note}}
                j.self_level, j.self_note = level, note
                j.save(update_fields=["self_level", "self_note", "updated_at"])
        if changes:
            ev.save(update_fields=["updated_at"])
            record(actor, "schooleval_self_save", ev, school=ev.school,  # a list: codes such as B1.2 stay whole
                   before={"judgements": [v["before"] for v in changes.values()]},
                   after={"judgements": [v["after"] for v in changes.values()]})
    return ev


def _missing(ev: Evaluation, field: str) -> list[str]:
    got = {j.code: getattr(j, field) for j in ev.judgements.all()}
    return [c for c in _codes(ev) if not got.get(c)]


def submit(actor: User | None, ev: Evaluation) -> Evaluation:
    _require_school(actor, ev.school)
    with transaction.atomic():
        ev = Evaluation.objects.select_for_update(of=("self",)).select_related("tree", "school").get(pk=ev.pk)
        try:
            target = rules.step(rules.workflow(), ev.state, "submit", "school")
        except rules.TreeError as exc:
            raise refused(exc) from exc
        missing = _missing(ev, "self_level")
        if missing:
            raise refuse("E1140", value="、".join(missing), count=len(missing))
        before = ev.state
        ev.state, ev.submitted_at = target, timezone.now()
        ev.submitted_by = actor if actor is not None and actor.pk else None
        ev.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
        record(actor, "schooleval_submit", ev, school=ev.school, before={"state": before}, after={"state": target})
    return ev


def save_review(actor: User | None, ev: Evaluation, entries: Mapping[str, tuple[str, str]],
                comment: str | None = None) -> Evaluation:
    """The bureau's judgement and comment per consideration, and its overall comment."""
    _require_bureau(actor, ev.school.district)
    codes = set(_codes(ev))
    changes: dict[str, Any] = {}
    with transaction.atomic():
        ev = Evaluation.objects.select_for_update(of=("self",)).select_related("school").get(pk=ev.pk)
        if not rules.bureau_reviews(rules.workflow(), ev.state):
            raise refuse("E1137", detail=("只有已提交的自评可以复核",
                                          "only a submitted self-evaluation can be reviewed"))
        for code, (level, text) in entries.items():
            if code not in codes:
                continue
            if level:
                try:
                    rules.check_level(level)
                except rules.TreeError as exc:
                    raise refused(exc) from exc
            j, _ = Judgement.objects.get_or_create(evaluation=ev, code=code)
            text = (text or "").strip()[:2000]
            if (j.review_level, j.review_comment) != (level, text):
                changes[code] = {"before": {"code": code, "review_level": j.review_level,
                                            "review_comment": j.review_comment},
                                 "after": {"code": code, "review_level": level, "review_comment": text}}
                j.review_level, j.review_comment = level, text
                j.save(update_fields=["review_level", "review_comment", "updated_at"])
        overall: dict[str, Any] = {}
        if comment is not None and comment.strip()[:4000] != ev.review_comment:
            overall = {"before": ev.review_comment, "after": comment.strip()[:4000]}
            ev.review_comment = comment.strip()[:4000]
        if changes or overall:
            before_state = ev.state
            if ev.state == "submitted":  # the bureau has begun: the school can no longer withdraw it
                ev.state = rules.step(rules.workflow(), ev.state, "review", "bureau")
            ev.save(update_fields=["review_comment", "state", "updated_at"])
            before: dict[str, Any] = {"judgements": [v["before"] for v in changes.values()]} if changes else {}
            after: dict[str, Any] = {"judgements": [v["after"] for v in changes.values()]} if changes else {}
            if overall:
                before["comment"], after["comment"] = overall["before"], overall["after"]
            if ev.state != before_state:
                before["state"], after["state"] = before_state, ev.state
            record(actor, "schooleval_review_save", ev, school=ev.school, before=before, after=after)
    return ev


def _bureau_step(actor: User | None, ev: Evaluation, action: str) -> Evaluation:
    _require_bureau(actor, ev.school.district)
    with transaction.atomic():
        ev = Evaluation.objects.select_for_update(of=("self",)).select_related("school", "tree").get(pk=ev.pk)
        try:
            target = rules.step(rules.workflow(), ev.state, action, "bureau")
        except rules.TreeError as exc:
            raise refused(exc) from exc
        if action == "return" and not ev.review_comment.strip():
            raise refuse("E1141", value=ev.school.name)
        if action == "finalise":
            missing = _missing(ev, "review_level")
            if missing:
                raise refuse("E1146", value="、".join(missing), count=len(missing))
        before = ev.state
        ev.state = target
        fields = ["state", "updated_at"]
        if action == "finalise":
            ev.finalised_at = timezone.now()
            ev.finalised_by = actor if actor is not None and actor.pk else None
            fields += ["finalised_at", "finalised_by"]
        ev.save(update_fields=fields)
        record(actor, f"schooleval_{action}", ev, school=ev.school, before={"state": before},
               after={"state": target, "comment": ev.review_comment})
    return ev


def withdraw(actor: User | None, ev: Evaluation) -> Evaluation:
    """The school takes its submission back, until the bureau starts reviewing it."""
    _require_school(actor, ev.school)
    with transaction.atomic():
        ev = Evaluation.objects.select_for_update(of=("self",)).select_related("school").get(pk=ev.pk)
        if not rules.school_withdraws(rules.workflow(), ev.state):
            raise refuse("E1137", detail=("教育局已开始复核，不能再撤回", "the bureau has begun its review; "
                                                                   "it can no longer be withdrawn"))
        try:
            target = rules.step(rules.workflow(), ev.state, "withdraw", "school")
        except rules.TreeError as exc:
            raise refused(exc) from exc
        before = ev.state
        ev.state, ev.submitted_at, ev.submitted_by = target, None, None
        ev.save(update_fields=["state", "submitted_at", "submitted_by", "updated_at"])
        record(actor, "schooleval_withdraw", ev, school=ev.school, before={"state": before}, after={"state": target})
    return ev


def reopen(actor: User | None, ev: Evaluation, reason: str) -> Evaluation:
    """The bureau reopens a final result for review again; the reason is required and audited."""
    _require_bureau(actor, ev.school.district)
    reason = (reason or "").strip()[:2000]
    with transaction.atomic():
        ev = Evaluation.objects.select_for_update(of=("self",)).select_related("school").get(pk=ev.pk)
        try:
            target = rules.step(rules.workflow(), ev.state, "reopen", "bureau")
        except rules.TreeError as exc:
            raise refused(exc) from exc
        if not reason:
            raise refuse("E1147", value=ev.school.name)
        before = {"state": ev.state, "finalised_at": ev.finalised_at.isoformat() if ev.finalised_at else None}
        ev.state, ev.finalised_at, ev.finalised_by = target, None, None
        ev.save(update_fields=["state", "finalised_at", "finalised_by", "updated_at"])
        record(actor, "schooleval_reopen", ev, school=ev.school, before=before,
               after={"state": target, "reason": reason})
    return ev


def return_to_school(actor: User | None, ev: Evaluation) -> Evaluation:
    return _bureau_step(actor, ev, "return")


def finalise(actor: User | None, ev: Evaluation) -> Evaluation:
    return _bureau_step(actor, ev, "finalise")


# --- evidence files ---------------------------------------------------------------------------

_MAGIC = {"application/pdf": (b"%PDF-",), "image/jpeg": (b"\xff\xd8\xff",), "image/png": (b"\x89PNG\r\n\x1a\n",),
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",)}


def megabytes(n: int) -> str:
    mb = n / 1_000_000
    return f"{mb:,.0f} MB" if mb == int(mb) else f"{mb:,.1f} MB"


def check_file(name: str, data: bytes, declared_size: int | None = None) -> str:
    """The content type of an evidence file, or a refusal (type by extension and content; size)."""
    limits = rules.scale()["evidence"]
    size = max(len(data), declared_size or 0)
    if size > int(limits["max_bytes"]):
        raise refuse("E1143", value=name, size=megabytes(size), limit=megabytes(int(limits["max_bytes"])))
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    ctype = limits["types"].get(ext)
    if ctype is None:
        raise refuse("E1142", value=name, detail=("不是可接受的文件类型", "is not an accepted type"))
    if not any(data.startswith(m) for m in _MAGIC.get(ctype, (b"",))):
        raise refuse("E1142", value=name, detail=MISMATCH)
    if ext in ("docx", "xlsx"):
        import io
        import zipfile

        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile as exc:
            raise refuse("E1142", value=name, detail=("文件已损坏", "the file is damaged")) from exc
        if ("word/document.xml" if ext == "docx" else "xl/workbook.xml") not in names:
            raise refuse("E1142", value=name, detail=MISMATCH)
    return str(ctype)


def add_evidence(actor: User | None, ev: Evaluation, code: str, name: str, data: bytes,
                 declared_size: int | None = None) -> EvidenceFile:
    _require_school(actor, ev.school)
    if not rules.school_edits(rules.workflow(), ev.state):
        raise refuse("E1137", detail=LOCKED)
    if code not in _codes(ev):
        raise refuse("E1131", value=code, detail=("指标树中没有这个考查要点", "no such consideration in the tree"))
    name = (name or "evidence").replace("/", "_").replace("\\", "_")[-160:]
    ctype = check_file(name, data, declared_size)
    limit = int(rules.scale()["evidence"]["max_files_per_consideration"])
    with transaction.atomic():
        ev = Evaluation.objects.select_for_update().get(pk=ev.pk)
        count = ev.evidence.filter(code=code).count()
        if count >= limit:
            raise refuse("E1144", value=code, count=count)
        f = EvidenceFile.objects.create(evaluation=ev, code=code, filename=name, content_type=ctype,
                                        size=len(data), content=data,
                                        uploaded_by=actor if actor is not None and actor.pk else None)
        record(actor, "schooleval_evidence_add", ev, school=ev.school,
               after={"code": code, "file": name, "size": len(data)})
    return f


def delete_evidence(actor: User | None, ev: Evaluation, pk: int) -> None:
    _require_school(actor, ev.school)
    if not rules.school_edits(rules.workflow(), ev.state):
        raise refuse("E1137", detail=LOCKED)
    with transaction.atomic():
        f = ev.evidence.filter(pk=pk).first()
        if f is None:
            return
        record(actor, "schooleval_evidence_del", ev, school=ev.school,
               before={"code": f.code, "file": f.filename, "size": f.size})
        f.delete()
