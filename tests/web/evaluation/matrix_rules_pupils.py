"""Permission rules of the pupils app's routes (see matrix.py for the audiences)."""

from __future__ import annotations

from tests.web.evaluation.matrix import Rule

RULES: dict[str, Rule] = {
    "pupils:mine": Rule("none", get="auth"),
    "pupils:school": Rule("school", get="see"),
    "pupils:class": Rule("class", get="see"),
    "pupils:pupil": Rule("pupil", get="see"),
}
TARGETS = ()
