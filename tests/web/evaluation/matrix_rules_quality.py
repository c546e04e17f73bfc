"""Permission rules of the quality app's routes (see matrix.py for the audiences).

Its own target kinds: ``qpupil`` (a pupil whose class's head teacher alone adds the fitness and
habits figures as records), ``qclass`` (a class whose head teacher acts: the head teacher's steps are
not a subject teacher's nor the school office's), ``publication`` / ``objection`` (seen by the
class's staff, its teachers, and its pupils and guardians), ``evidence`` (seen as its pupil)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from tests.web.evaluation.matrix import STAFF, Objects, Rule, Target, pupil_target

RULES: dict[str, Rule] = {
    "quality:pupil": Rule("pupil", get="see"),
    "quality:record_add": Rule("pupil", post="family"),
    "quality:feed_add": Rule("qpupil", post="head"),
    "quality:select": Rule("pupil", post="guardian"),
    "quality:sign": Rule("pupil", post="guardian"),
    "quality:addendum": Rule("pupil", post="bureau"),
    "quality:archive": Rule("pupil", get="see"),
    "quality:evidence": Rule("evidence", get="see"),
    "quality:class": Rule("qclass", get="see"),
    "quality:publish": Rule("qclass", post="teach"),
    "quality:confirm": Rule("qclass", post="teach"),
    "quality:grades": Rule("qclass", post="teach"),
    "quality:publication": Rule("publication", get="see"),
    "quality:object": Rule("publication", post="guardian"),
    "quality:answer": Rule("objection", post="teach"),
    "quality:school": Rule("school", get="see"),
    "quality:export": Rule("school", get="manage"),
    "quality:settings": Rule("district", get="see", post="bureau"),
}


def make_objects(ew: Any) -> dict[str, Any]:
    from youjun.web.apps.quality import services
    from youjun.web.apps.quality.models import Evidence

    p1, c1 = ew.pupils["p1"], ew.classes["c1"]
    pupil_user, teacher = ew.user("pupil"), ew.user("teacher")
    rec = services.add_record(pupil_user, p1, school_year="2025-2026", term=1, dimension="practice",
                              kind="volunteer", title="社区志愿服务", day=dt.date(2025, 10, 8), hours="2")
    Evidence.objects.create(record=rec, name="a.pdf", content=b"%PDF-1.4", content_type="application/pdf", size=8,
                            sha256="0" * 64, stored_sha256="0" * 64, uploaded_by=pupil_user)
    services.select_records(pupil_user, p1, "2025-2026", 1, [rec.pk])
    pub = services.open_publication(teacher, c1, 1, start=dt.date(2025, 12, 1))
    objection = services.raise_objection(ew.user("parent"), pub, p1, rec, "时长不对", now=dt.date(2025, 12, 2))
    return {"q_evidence": Evidence.objects.get(record=rec).pk, "q_pub": pub.pk, "q_objection": objection.pk}


def _targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    ew = objs.ids["eworld"]
    c = ew.classes
    if kind == "qclass":
        def qclass(pk: int, school: str, teachers: set[str], heads: set[str]) -> Target:
            return Target({"pk": str(pk)}, frozenset(STAFF[school]) | frozenset(teachers),
                          {"teach": frozenset(heads)})
        return iter([qclass(c["c1"].pk, "A0001", {"teacher"}, {"teacher"}),
                     qclass(c["c2"].pk, "A0001", {"teacher2"}, set()),
                     qclass(c["cb"].pk, "B0001", set(), set())])
    if kind in ("publication", "objection"):
        key = "q_pub" if kind == "publication" else "q_objection"
        seen = frozenset(STAFF["A0001"]) | {"teacher", "parent", "pupil"}
        return iter([Target({"pk": str(objs.ids[key])}, seen,
                            {"guardian": frozenset({"parent", "pupil"}), "teach": frozenset({"teacher"})})])
    if kind == "qpupil":  # a pupil whose class's head teacher (only) adds the other records' figures
        def qpupil(key: str, school: str, teachers: set[str], family: set[str], heads: set[str]) -> Target:
            t = pupil_target({"pk": str(ew.pupils[key].pk)}, school, teachers, family)
            return Target(t.args, t.seen, {"head": frozenset(heads)})
        return iter([qpupil("p1", "A0001", {"teacher"}, {"parent", "pupil"}, {"teacher"}),
                     qpupil("p3", "A0001", {"teacher2"}, set(), set()),
                     qpupil("pb", "B0001", set(), set(), set())])
    if kind == "evidence":
        t = pupil_target({"pk": str(objs.ids["q_evidence"])}, "A0001", {"teacher"}, {"parent", "pupil"})
        return iter([t])
    return None


TARGETS = (_targets,)
