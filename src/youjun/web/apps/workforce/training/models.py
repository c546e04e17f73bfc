"""The training ledger: courses, sessions, attendance and each teacher's 5-year cycle."""

from __future__ import annotations
