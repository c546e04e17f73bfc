"""Education groups: dated membership, sharing, joint research areas, coverage."""

from __future__ import annotations
