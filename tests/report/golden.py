"""Golden files: compare rendered text with tests/report/golden/, or rewrite them.

Regenerate after an intended change with:

    YOUJUN_UPDATE_GOLDEN=1 .venv/bin/pytest tests/report

then review the diff (git diff tests/report/golden) before committing.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"
GENERATED_AT_PLACEHOLDER = "<generated_at>"


def normalise(text: str, generated_at: str) -> str:
    """The text with the run's timestamp replaced: the only part allowed to change."""
    from youjun.report.numbers import local_time  # the reports show it in Beijing time

    text = text.replace(generated_at, GENERATED_AT_PLACEHOLDER)
    return text.replace(local_time(generated_at), GENERATED_AT_PLACEHOLDER)


def check_golden(name: str, text: str) -> None:
    path = GOLDEN_DIR / name
    if os.environ.get("YOUJUN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.exists(), f"{path} is missing: run with YOUJUN_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(keepends=True),
                                            text.splitlines(keepends=True),
                                            fromfile=f"golden/{name}", tofile="rendered", n=1))
        raise AssertionError(f"{name} differs from its golden file (regenerate with "
                             f"YOUJUN_UPDATE_GOLDEN=1 if intended):\n{diff[:4000]}")
