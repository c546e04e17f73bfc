"""The workforce and education-group apps' entries of the one error catalogue (E1150–E1249), one
module per area so each keeps its own codes: career records E1150–E1169, the training ledger
E1170–E1189, studios E1190–E1199, growth stages E1200–E1214, differentiated evaluation
E1215–E1229, education groups E1230–E1249."""

from __future__ import annotations

from youjun.core.workforce_catalogue import appraisal, career, groups, growth, studios, training

SPECS = (*career.SPECS, *training.SPECS, *studios.SPECS, *growth.SPECS, *appraisal.SPECS, *groups.SPECS)
