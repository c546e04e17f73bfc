"""Permission rules of the growth routes (see tests/web/workforce/matrix.py for audiences and targets).

Own target kinds: ``gteacher`` (a teacher whom the teacher themself, their school's data officer
and the bureau may put forward: audience ``apply``), ``gapp`` / ``gevidence`` (t1's pending
application and one of its evidence files: seen by t1's staff, t1 and the panel (officer2, analyst,
inspector, named by the bureau); only the panel may record a decision: audience ``panel``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from tests.web.workforce.matrix import STAFF, Objects, Rule, Target, teacher_target

PANEL = ("officer2", "analyst", "inspector")

RULES: dict[str, Rule] = {
    "workforce_growth:teacher": Rule("teacher", get="see"),
    "workforce_growth:apply": Rule("gteacher", get="apply", post="apply"),
    "workforce_growth:application": Rule("gapp", get="see", post="panel"),
    "workforce_growth:evidence": Rule("gevidence", get="see"),
    "workforce_growth:queue": Rule("none", get="auth"),
    "workforce_growth:district": Rule("district", get="see"),
    "workforce_growth:panel": Rule("district", get="see", post="bureau"),
    "workforce_growth:ladder": Rule("district", get="see", post="bureau"),
    "workforce_growth:school": Rule("school", get="see"),
}

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def make_objects(w: Any) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from youjun.web.apps.workforce.growth import services

    services.set_panel(w.user("bureau"), w.base.a, PANEL)
    claim = services.ItemClaim("lessons", "区级公开课《分数的意义》", dt.date(2025, 10, 9),
                               SimpleUploadedFile("lesson.pdf", PDF, content_type="application/pdf"))
    app = services.apply(w.user("teacher"), w.teachers["t1"], "qualified", [claim])
    return {"g_app": app.pk, "g_item": app.items.get().pk}


def _targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    w = objs.ids["wfworld"]
    t = w.teachers
    if kind == "gteacher":
        def applicants(target: Target) -> Target:
            return Target(target.args, target.seen, {"apply": target.writers["manage"] | target.writers["self"]})
        return iter([applicants(teacher_target({"pk": str(t["t1"].pk)}, "A0001", "teacher")),
                     applicants(teacher_target({"pk": str(t["t2"].pk)}, "A0001")),
                     applicants(teacher_target({"pk": str(t["ta2"].pk)}, "A0002", "teacher2")),
                     applicants(teacher_target({"pk": str(t["tb"].pk)}, "B0001"))])
    if kind in ("gapp", "gevidence"):
        args = {"pk": str(objs.ids["g_app"])}
        if kind == "gevidence":
            args["item"] = str(objs.ids["g_item"])
        seen = frozenset(STAFF["A0001"]) | {"teacher"} | frozenset(PANEL)
        return iter([Target(args, seen, {"panel": frozenset(PANEL)})])
    return None


TARGETS = (_targets,)
