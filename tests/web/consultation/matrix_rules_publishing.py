"""Permission rules of the consultation routes of this area (see matrix.py for audiences)."""

from __future__ import annotations

from tests.web.consultation.matrix import Rule, TargetMaker

RULES: dict[str, Rule] = {
    # public statistics and open data: anyone reads them (no personal data); nothing to post
    "consultation:stats": Rule("none", get="public"),
    "consultation:open_data": Rule("none", get="public"),
    "consultation:open_data_docs": Rule("none", get="public"),
}
TARGETS: list[TargetMaker] = []  # makers of target kinds this area adds
