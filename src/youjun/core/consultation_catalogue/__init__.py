"""The consultation platform's entries of the one error catalogue (E870–E929), one module per
area so each area keeps its own codes: workflow E870–E879, resident side E880–E889, handling
E890–E899, meetings/bulk updates/moderation E900–E909, survey E910–E919, statistics and
alerts E920–E929."""

from __future__ import annotations

from youjun.core.consultation_catalogue import bodies, handling, meetings, publishing, resident, survey, workflow

SPECS = (*workflow.SPECS, *resident.SPECS, *handling.SPECS, *meetings.SPECS, *survey.SPECS,
         *publishing.SPECS, *bodies.SPECS)
