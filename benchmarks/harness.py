"""Shared benchmark plumbing: run a case in a fresh process, take medians, write JSON.

Each timed run is a separate Python process so peak memory (ru_maxrss of the child) is the
case's own, and no cache survives between runs. Timing starts inside the child after imports.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"
RESULTS = ROOT / "benchmarks" / "results"


def run_case(module: str, case: str, runs: int) -> dict[str, Any]:
    """Run `python -m module --case case` `runs` times; each prints {"seconds", "peak_mb", ...}."""
    samples = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-m", module, "--case", case], cwd=ROOT,
                             capture_output=True, text=True, check=True)
        samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
    seconds = [s["seconds"] for s in samples]
    return {
        "case": case, "runs": runs, "median_s": round(statistics.median(seconds), 4),
        "min_s": round(min(seconds), 4), "max_s": round(max(seconds), 4),
        "peak_mb": round(max(s["peak_mb"] for s in samples), 1),
        "detail": samples[-1].get("detail", {}),
    }


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, Any]:
    return {"cpus": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(), "when": datetime.now(UTC).isoformat(timespec="seconds")}


def write_result(name: str, payload: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path
