"""Evidence files of a record: taken in by their content, never by their name or the browser's
type — the cleaning is the platform's one (``youjun.web.evidence_files``), refused here with the
quality catalogue's codes (E1083 type, E1084 size, E1102 unreadable image)."""

from __future__ import annotations

from typing import Any

from youjun.web.errors import Refused
from youjun.web.evidence_files import JPEG_QUALITY, CleanFile, clean_evidence, megabytes

FORMATS = ("JPEG", "PNG", "WEBP")
CODES = {"type": "E1083", "size": "E1084", "unreadable": "E1102"}


def clean_file(data: bytes, name: str, limits: dict[str, Any]) -> CleanFile:
    """One evidence file as stored, or ``Refused`` (E1083 type, E1084 size, E1102 unreadable image)."""
    return clean_evidence(data, name, limits, codes=CODES, rule="quality.evidence")


__all__ = ["JPEG_QUALITY", "CleanFile", "Refused", "clean_file", "megabytes"]
