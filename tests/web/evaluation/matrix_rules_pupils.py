"""Permission rules of the pupils app's routes (see matrix.py for the audiences)."""

from __future__ import annotations

from tests.web.evaluation.matrix import Rule

RULES: dict[str, Rule] = {
    "pupils:mine": Rule("none", get="auth"),
    "pupils:school": Rule("school", get="see"),
    "pupils:class": Rule("class", get="see"),
    "pupils:pupil": Rule("pupil", get="see"),
    # the school's data officer (and the bureau): views_admin
    "pupils:roster": Rule("school", get="manage", post="manage"),
    "pupils:roster_template": Rule("school", get="manage"),
    "pupils:roster_problems": Rule("school", get="manage"),
    "pupils:roster_confirm": Rule("school", post="manage"),
    "pupils:class_teachers": Rule("class", get="manage", post="manage"),
    "pupils:class_accounts": Rule("class", get="manage", post="manage"),
    "pupils:pupil_manage": Rule("pupil", get="manage"),
    "pupils:pupil_reissue": Rule("pupil", post="manage"),
    "pupils:pupil_leave": Rule("pupil", post="manage"),
    "pupils:pupil_transfer": Rule("pupil", get="bureau", post="bureau"),
}
TARGETS = ()
