"""Permission rules of the consultation routes of this area (see matrix.py for audiences)."""

from __future__ import annotations

from tests.web.consultation.matrix import Rule, TargetMaker

RULES: dict[str, Rule] = {
    "consultation:work": Rule("none", get="worker"),
    "consultation:overdue": Rule("none", get="worker"),
    "consultation:work_item": Rule("item", get="item_worker", post="item_worker"),
    "consultation:milestones": Rule("item", post="item_worker"),
    "consultation:record": Rule("body", get="body_worker", post="body_worker"),
    "consultation:templates": Rule("body", get="body_staff", post="body_staff"),
    "consultation:notices": Rule("none", get="auth", post="auth"),
}
TARGETS: list[TargetMaker] = []  # makers of target kinds this area adds
