"""Permission rules of the appraisal routes (see tests/web/workforce/matrix.py for audiences and targets).

Its own target kinds: ``ap_round`` (a round of a school: seen by the school's staff, run by its
managers), ``ap_part`` (a teacher in a round: also seen by the teacher; the feedback is written by
the managers or the mentor) and ``ap_form`` (a rater's form: seen and answered by that rater
alone, the audience ``rater``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.web.workforce.matrix import MANAGERS, STAFF, Objects, Rule, Target

RULES: dict[str, Rule] = {
    "workforce_appraisal:school": Rule("school", get="see", post="manage"),
    "workforce_appraisal:tracks": Rule("school", get="see", post="manage"),
    "workforce_appraisal:round": Rule("ap_round", get="see"),
    "workforce_appraisal:round_add": Rule("ap_round", post="manage"),
    "workforce_appraisal:round_close": Rule("ap_round", post="manage"),
    "workforce_appraisal:participant": Rule("ap_part", get="see"),
    "workforce_appraisal:raters": Rule("ap_part", post="manage"),
    "workforce_appraisal:survey": Rule("ap_part", post="manage"),
    "workforce_appraisal:feedback": Rule("ap_part", post="manage"),
    "workforce_appraisal:decision": Rule("ap_part", post="manage"),
    "workforce_appraisal:mine": Rule("none", get="auth"),
    "workforce_appraisal:rate": Rule("ap_form", get="rater", post="rater"),
}


def make_objects(w: Any) -> dict[str, Any]:
    """A round at A0001 with t1 (the ``teacher`` account, rating themself) and t2 (rated by the
    ``teacher`` account as a peer); a round at B0001 with its teacher."""
    from youjun.web.apps.workforce.appraisal import services

    officer, bureau_b = w.user("officer"), w.user("bureau_b")
    ra = services.open_round(officer, w.a1, school_year="2025-2026", term=1, title="A 校评价")
    p1 = services.add_participant(officer, ra, staff_id=w.teachers["t1"].staff_id, track_code="beginner")
    p2 = services.add_participant(officer, ra, staff_id=w.teachers["t2"].staff_id, track_code="experienced")
    services.add_rater(officer, p2, kind="peer", username="teacher")
    rb = services.open_round(bureau_b, w.b1, school_year="2025-2026", term=1, title="B 校评价")
    pb = services.add_participant(bureau_b, rb, staff_id=w.teachers["tb"].staff_id, track_code="beginner")
    self_form = p1.raters.get(kind="self")
    peer_form = p2.raters.get(kind="peer")
    return {"ap_rounds": [(ra.pk, "A0001"), (rb.pk, "B0001")],
            "ap_parts": [(p1.pk, "A0001", "teacher"), (p2.pk, "A0001", ""), (pb.pk, "B0001", "")],
            "ap_forms": [(self_form.pk, "teacher"), (peer_form.pk, "teacher")]}


def _targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    if kind == "ap_round":
        return iter([Target({"pk": str(pk)}, frozenset(STAFF[s]), {"manage": frozenset(MANAGERS[s])})
                     for pk, s in objs.ids["ap_rounds"]])
    if kind == "ap_part":
        return iter([Target({"pk": str(pk)}, frozenset(STAFF[s]) | ({own} if own else set()),
                            {"manage": frozenset(MANAGERS[s])}) for pk, s, own in objs.ids["ap_parts"]])
    if kind == "ap_form":
        return iter([Target({"pk": str(pk)}, frozenset({who}), {"rater": frozenset({who})})
                     for pk, who in objs.ids["ap_forms"]])
    return None


TARGETS = (_targets,)
