"""Every audit action the consultation app records fits AuditEvent.action: SQLite does not check
a column's length, PostgreSQL does ('value too long for type character varying(32)' made four
meeting tests fail on PostgreSQL only)."""

from __future__ import annotations

import re
from pathlib import Path

from youjun.core.labels import AUDIT_ACTIONS
from youjun.web.apps.platform.models import AuditEvent

SRC = Path(__file__).resolve().parents[3] / "src" / "youjun"


def test_every_recorded_consultation_action_fits_the_column_and_has_words() -> None:
    limit = AuditEvent._meta.get_field("action").max_length
    found = set()
    for path in SRC.rglob("*.py"):
        found.update(re.findall(r"\"((?:consultation|survey)_[a-z_]+)\"", path.read_text(encoding="utf-8")))
    assert found
    assert {a for a in found if len(a) > limit} == set()
    assert {a for a in AUDIT_ACTIONS if len(a) > limit} == set()
