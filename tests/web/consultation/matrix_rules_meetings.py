"""Permission rules of the consultation routes of this area (see matrix.py for audiences)."""

from __future__ import annotations

from tests.web.consultation.matrix import Rule, TargetMaker

RULES: dict[str, Rule] = {}
TARGETS: list[TargetMaker] = []  # makers of target kinds this area adds
