"""Permission rules of the consultation routes of this area (see matrix.py for audiences)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from tests.web.consultation.matrix import Objects, Rule, Target, TargetMaker

RULES: dict[str, Rule] = {
    "consultation:work": Rule("none", get="worker"),
    "consultation:overdue": Rule("none", get="worker"),
    "consultation:work_item": Rule("item", get="item_worker", post="item_worker"),
    "consultation:milestones": Rule("item", post="item_worker"),
    "consultation:record": Rule("body", get="body_worker", post="body_worker"),
    "consultation:templates": Rule("body", get="body_staff", post="body_staff"),
    "consultation:notices": Rule("none", get="auth", post="auth"),
    "consultation:evidence": Rule("evidence", get="item"),
}


def evidence_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    """An evidence file on each probed item: seen by whoever may open the item."""
    if kind != "evidence":
        return None
    from tests.web.consultation.test_access_matrix import base_targets
    from youjun.web.apps.consultation.models import Concern, Event, Evidence

    items = base_targets("item", objs)
    assert items is not None
    out = []
    for t in items:
        concern = Concern.objects.get(pk=int(t.args["pk"]))
        event = Event.objects.filter(concern=concern).order_by("pk").first()
        assert event is not None
        row = Evidence.objects.create(event=event, filename="验收单.pdf", content_type="application/pdf",
                                      content=b"%PDF-1.4\n", size=9)
        out.append(replace(t, args={"pk": str(row.pk)}))
    return iter(out)


TARGETS: list[TargetMaker] = [evidence_targets]  # makers of target kinds this area adds
