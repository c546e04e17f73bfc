"""The evaluation apps' entries of the one error catalogue (E1000–E1149), one module per area so
each keeps its own codes: pupils and classes E1000–E1019, the fitness standard E1020–E1079,
comprehensive quality evaluation E1080–E1109, habits E1110–E1129, school evaluation E1130–E1149."""

from __future__ import annotations

from youjun.core.evaluation_catalogue import fitness, habits, pupils, quality, schooleval

SPECS = (*pupils.SPECS, *fitness.SPECS, *quality.SPECS, *habits.SPECS, *schooleval.SPECS)
