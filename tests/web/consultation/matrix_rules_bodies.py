"""Permission rules of the consultation routes of this area (see matrix.py for audiences):
running a body — bodies, a body's overview, people, roster import, departments, studios and
settings. Objects of a body (a person's role, a department, a studio) are found in the database,
so the same makers serve the matrix's small world and the hygiene test's demo year."""

from __future__ import annotations

from collections.abc import Iterator

from tests.web.consultation.matrix import Objects, Rule, Target, TargetMaker
from youjun.web.apps.consultation.models import Department, Participant, Studio

RULES: dict[str, Rule] = {
    # the list: the administrator (all bodies, and the form to create one) and staff (their own)
    "consultation:bodies": Rule("none", get="any_staff", post="admin_only"),
    "consultation:body": Rule("body", get="body_staff"),
    "consultation:body_people": Rule("body", get="body_staff", post="body_staff"),
    "consultation:body_person": Rule("body_person", get="body_staff", post="body_staff"),
    "consultation:body_roster": Rule("body", get="body_staff", post="body_staff"),
    "consultation:body_roster_template": Rule("body", get="body_staff"),
    "consultation:body_roster_confirm": Rule("body", post="body_staff"),
    "consultation:body_departments": Rule("body", get="body_staff", post="body_staff"),
    "consultation:body_department": Rule("body_department", get="body_staff", post="body_staff"),
    "consultation:body_studios": Rule("body", get="body_staff", post="body_staff"),
    "consultation:body_studio": Rule("body_studio", get="body_staff", post="body_staff"),
    "consultation:body_settings": Rule("body", get="body_staff", post="body_staff"),
    "consultation:body_audit": Rule("body", get="body_staff"),
}


def _of_body(kind: str, _objs: Objects) -> Iterator[Target] | None:
    """One object of each body (a member's role, a department, a studio), when the body has one."""
    models = {"body_person": Participant.objects.filter(kind="member"), "body_department": Department.objects,
              "body_studio": Studio.objects}
    if kind not in models:
        return None
    found = []
    for code in ("rongchang", "neijiang"):
        obj = models[kind].filter(body__code=code).order_by("pk").first()
        if obj is not None:
            found.append(Target({"code": code, "pk": str(obj.pk)}, code))
    return iter(found)


TARGETS: list[TargetMaker] = [_of_body]
