"""Growth stages as a configurable ladder, with evidence and promotion reviews."""

from __future__ import annotations
