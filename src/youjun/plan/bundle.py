"""A plan saved with everything needed to make it again: the bundle.

    out/bundle.json   kind, data hash and source, rule set (name, version, as_of, overlays) and
                      the full parameters, the plan's options (unit costs, rotation assumptions),
                      the scenario, district, software version
    out/plan.json     the plan (canonical JSON); plan.html and plan.xlsx beside it

``rerun_bundle`` takes the same data again (its hash must match), makes the plan with the
recorded inputs and says whether the result is the same.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from youjun import __version__
from youjun.core.params import AssessmentParams
from youjun.ingest.store import data_hash
from youjun.report.canonical import canonical

BUNDLE_FILE = "bundle.json"
PLAN_FILE = "plan.json"


def bundle_record(kind: str, tables: dict[str, pd.DataFrame], params: AssessmentParams, *, district: str,
                  options: Mapping[str, Any], source: str = "", scenario: Mapping[str, Any] | None = None,
                  extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    return {
        "kind": kind, "district_code": district, "data_hash": data_hash(tables), "source": source,
        "rules": {"name": params.method, "version": params.version, "as_of": params.as_of,
                  "overlays": [str(o) for o in params.overlays]},
        "params": canonical(asdict(params)), "options": canonical(dict(options)),
        "scenario": canonical(dict(scenario)) if scenario else None, "extra": canonical(dict(extra or {})),
        "software_version": __version__, "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def save_bundle(out_dir: str | Path, record: Mapping[str, Any]) -> Path:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / BUNDLE_FILE
    path.write_text(json.dumps(canonical(dict(record)), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
                    encoding="utf-8")
    return path


def load_bundle(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    if path.is_dir():
        path = path / BUNDLE_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "kind" not in data:
        raise ValueError(f"{path} is not a plan bundle")
    return data


def compare_plans(kind: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """What differs between a saved plan and its rerun (the parts a bureau acts on)."""
    pick: dict[str, Callable[[Mapping[str, Any]], Any]] = {
        "rotation": lambda p: sorted((m["teacher_id"], m["to_school"]) for m in p["moves"]),
        "investment": lambda p: sorted((r["school_code"], r["indicator"], r["option"], r["amount"])
                                       for r in p["projects"]),
        "seats": lambda p: p["headline"],
        "whatif": lambda p: p["headline"],
    }
    a, b = json.loads(json.dumps(canonical(pick[kind](old)))), json.loads(json.dumps(canonical(pick[kind](new))))
    if a == b:
        return []
    if isinstance(a, list):
        only_old, only_new = [x for x in a if x not in b], [x for x in b if x not in a]
        return [f"{len(only_old)} item(s) only in the saved plan, {len(only_new)} only in the rerun",
                *[f"saved: {x}" for x in only_old[:5]], *[f"rerun: {x}" for x in only_new[:5]]]
    return [f"{k}: saved {a.get(k)} rerun {b.get(k)}" for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)]
