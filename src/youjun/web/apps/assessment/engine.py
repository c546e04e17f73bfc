"""The shell's door to the assessment engine and the report renderers.

Both are imported lazily so the web app starts (and shows data in) even on a build whose
engine is missing; a run then fails with a catalogued problem instead of a fake result.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

REPORT_FORMATS = ("html", "xlsx", "json", "pdf")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
}


def assess(tables: dict[str, pd.DataFrame], district_code: str, ruleset: str, overlays: list[str],
           source: str) -> dict[str, Any]:
    from youjun.assess import assess_tables

    results = assess_tables(tables, ruleset=ruleset, overlays=tuple(overlays), source=source)
    for result in results:
        if str((result.get("district") or {}).get("code")) == district_code:
            return result
    if len(results) == 1:
        return results[0]
    raise LookupError(f"the engine gave no result for district {district_code}")


def render_reports(result: dict[str, Any], lang: str, formats: tuple[str, ...]) -> dict[str, bytes]:
    """Render ``formats`` of one result in one language; returns format -> file bytes."""
    from youjun.report import write_reports

    with tempfile.TemporaryDirectory(prefix="youjun-report-") as tmp:
        # beside=(): a file served alone names no other file (the web serves no rectification.html beside it)
        paths = write_reports(result, Path(tmp), lang=lang, formats=formats, beside=())
        return {fmt: Path(path).read_bytes() for fmt, path in paths.items()}
