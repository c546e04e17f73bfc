"""Permission rules of the consultation routes of this area (see matrix.py for audiences):
meetings in the four venues, bulk progress from a spreadsheet, the staff's moderation queue."""

from __future__ import annotations

from tests.web.consultation.matrix import Rule, TargetMaker

RULES: dict[str, Rule] = {
    # the list shows the meetings of the bodies one works in (a department handler: none)
    "consultation:meetings": Rule("none", get="worker"),
    "consultation:meeting": Rule("meeting", get="item", post="item_worker"),
    "consultation:meeting_new": Rule("body", get="body_worker", post="body_worker"),
    # rows are limited to the items one may update (a member has none); anyone else 403
    "consultation:bulk": Rule("none", get="worker", post="worker"),
    "consultation:bulk_template": Rule("none", get="worker"),
    "consultation:bulk_confirm": Rule("none", post="worker"),
    "consultation:moderation": Rule("body", get="body_staff", post="body_staff"),
}
TARGETS: list[TargetMaker] = []  # makers of target kinds this area adds
