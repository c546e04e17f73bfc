"""Permission rules of the growth routes (see tests/web/workforce/matrix.py for audiences and targets)."""

from __future__ import annotations

from tests.web.workforce.matrix import Rule

RULES: dict[str, Rule] = {}
