"""Reading what a run of many districts wrote, for tests that compare two runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def district_reports(out: Path) -> dict[str, dict[str, Any]]:
    """Each district's report.json under ``out``, by district code, without ``run.generated_at``
    (the one field that differs between two runs of the same data)."""
    found = {}
    for path in sorted(out.glob("*/report.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        result["run"].pop("generated_at")
        found[path.parent.name] = result
    return found
