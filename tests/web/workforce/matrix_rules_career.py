"""Permission rules of the career routes (see tests/web/workforce/matrix.py for audiences and targets).

Its own target kind: ``wevidence`` (an evidence file of a teacher, seen as that teacher is)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.web.workforce.matrix import Objects, Rule, Target, teacher_target

RULES: dict[str, Rule] = {
    "workforce:me": Rule("none", get="auth"),
    "workforce:district": Rule("district", get="see"),
    "workforce:district_export": Rule("district", get="see"),
    "workforce:teacher_add": Rule("district", get="bureau", post="bureau"),
    "workforce:import": Rule("district", get="bureau", post="bureau"),
    "workforce:import_confirm": Rule("district", post="bureau"),
    "workforce:import_snapshot": Rule("district", post="bureau"),
    "workforce:import_template": Rule("district", get="bureau"),
    "workforce:school": Rule("school", get="see"),
    "workforce:school_export": Rule("school", get="see"),
    "workforce:teacher": Rule("teacher", get="see"),
    "workforce:teacher_edit": Rule("teacher", get="bureau", post="bureau"),
    "workforce:rotate": Rule("teacher", get="bureau", post="bureau"),
    "workforce:qualification_add": Rule("teacher", get="bureau", post="bureau"),
    "workforce:title_add": Rule("teacher", get="bureau", post="bureau"),
    "workforce:key_add": Rule("teacher", get="bureau", post="bureau"),
    "workforce:key_end": Rule("teacher", post="bureau"),
    "workforce:honour_add": Rule("teacher", get="bureau", post="bureau"),
    "workforce:evidence": Rule("wevidence", get="see"),
}


def make_objects(w: Any) -> dict[str, Any]:
    from youjun.web.apps.workforce.models import Evidence

    ids = {}
    for key in ("t1", "ta2", "tb"):
        ev = Evidence.objects.create(teacher=w.teachers[key], name="a.pdf", content=b"%PDF-1.4", size=8,
                                     content_type="application/pdf", sha256=key.ljust(64, "0"))
        ids[f"wf_evidence_{key}"] = ev.pk
    return ids


def _targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    if kind != "wevidence":
        return None
    i = objs.ids
    return iter([teacher_target({"pk": str(i["wf_evidence_t1"])}, "A0001", "teacher"),
                 teacher_target({"pk": str(i["wf_evidence_ta2"])}, "A0002", "teacher2"),
                 teacher_target({"pk": str(i["wf_evidence_tb"])}, "B0001")])


TARGETS = (_targets,)


# --- the workforce dashboard (W7): the district's readers see it; nobody posts to it ----------------

def _dashboard_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    from tests.web.workforce.matrix import district_target

    if kind != "dashboard_figure":
        return None
    w = objs.ids["wfworld"]
    # "key" of A lists t1 (a key teacher of A0001): the secret name shows only to those allowed
    return iter([district_target({"code": w.base.a.code, "figure": "key"}, "A"),
                 district_target({"code": w.base.a.code, "figure": "rotations"}, "A"),
                 district_target({"code": w.base.b.code, "figure": "teachers"}, "B")])


globals()["TARGETS"] = (*TARGETS, _dashboard_targets)  # appended: the career part's tuple keeps its type
RULES.update({
    "workforce:dashboard": Rule("district", get="see"),
    "workforce:dashboard_records": Rule("dashboard_figure", get="see"),
})
