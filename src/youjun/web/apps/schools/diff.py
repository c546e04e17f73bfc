"""What a new school-year file changes against the stored snapshot of that year."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from youjun.core.schema import TABLES, TABLES_BY_KEY

MAX_CHANGED = 200  # schools listed with their changed fields
MAX_LISTED = 200  # schools listed as added or removed (the counts stay exact)


def _same(a: Any, b: Any) -> bool:
    na, nb = _missing(a), _missing(b)
    if na or nb:
        return na and nb
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-12)
        except (TypeError, ValueError):
            return False
    return bool(a == b)


def _missing(v: Any) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def _plain(v: Any) -> Any:
    if _missing(v):
        return None
    if hasattr(v, "item"):
        return v.item()
    return v if isinstance(v, bool | int | float | str) else str(v)


def compare(old: dict[str, pd.DataFrame] | None, new: dict[str, pd.DataFrame]) -> dict[str, Any]:
    """Schools added, removed and changed (field by field), and row counts per table."""
    new_schools = new["schools"].set_index("school_code", drop=False)
    counts = []
    for t in TABLES:
        n_new = len(new.get(t.key, ()))
        n_old = len(old.get(t.key, ())) if old is not None else None
        counts.append({"table": t.key, "zh": t.zh, "en": t.en, "old": n_old, "new": n_new,
                       "delta": None if n_old is None else n_new - n_old})
    if old is None:
        return {"first": True, "added": [_school(r) for _, r in new_schools.head(MAX_LISTED).iterrows()],
                "n_added": len(new_schools), "removed": [], "n_removed": 0,
                "changed": [], "n_changed": 0, "counts": counts}
    old_schools = old["schools"].set_index("school_code", drop=False)
    added_codes = [c for c in new_schools.index if c not in old_schools.index]
    removed_codes = [c for c in old_schools.index if c not in new_schools.index]
    added = [_school(new_schools.loc[c]) for c in added_codes[:MAX_LISTED]]
    removed = [_school(old_schools.loc[c]) for c in removed_codes[:MAX_LISTED]]
    fields = TABLES_BY_KEY["schools"].fields
    changed: list[dict[str, Any]] = []
    n_changed = 0
    for code in new_schools.index:
        if code not in old_schools.index:
            continue
        a, b = old_schools.loc[code], new_schools.loc[code]
        diffs = [{"field": f.key, "zh": f.zh, "en": f.en, "old": _plain(a[f.key]), "new": _plain(b[f.key])}
                 for f in fields if not _same(a[f.key], b[f.key])]
        for key in ("facilities", "school_finance"):
            diffs += _row_diff(key, old.get(key), new.get(key), code)
        if diffs:
            n_changed += 1
            if len(changed) < MAX_CHANGED:
                changed.append({**_school(b), "fields": diffs})
    return {"first": False, "added": added, "n_added": len(added_codes), "removed": removed,
            "n_removed": len(removed_codes), "changed": changed, "n_changed": n_changed, "counts": counts}


def _row_diff(key: str, old: pd.DataFrame | None, new: pd.DataFrame | None, code: str) -> list[dict[str, Any]]:
    if old is None or new is None or old.empty or new.empty:
        return []
    a = old[old["school_code"] == code]
    b = new[new["school_code"] == code]
    if a.empty or b.empty:
        return []
    ra, rb = a.iloc[0], b.iloc[0]
    return [{"field": f"{key}.{f.key}", "zh": f.zh, "en": f.en, "old": _plain(ra[f.key]), "new": _plain(rb[f.key])}
            for f in TABLES_BY_KEY[key].fields if f.key != "school_code" and not _same(ra[f.key], rb[f.key])]


def _school(row: pd.Series) -> dict[str, Any]:
    return {"code": str(row["school_code"]), "name": str(row["school_name"])}


def school_changes(old: dict[str, pd.DataFrame], new: dict[str, pd.DataFrame], code: str) -> dict[str, Any]:
    """One school's changes field by field, in the upload preview's shape, with its class sizes.

    A school's submission changes only its own rows, so the review shows every changed field
    (the school's row, facilities, finance) and, per grade, the class sizes before and after.
    """
    a = old["schools"][old["schools"]["school_code"] == code]
    b = new["schools"][new["schools"]["school_code"] == code]
    diffs: list[dict[str, Any]] = []
    if not a.empty and not b.empty:
        ra, rb = a.iloc[0], b.iloc[0]
        diffs = [{"field": f.key, "zh": f.zh, "en": f.en, "old": _plain(ra[f.key]), "new": _plain(rb[f.key])}
                 for f in TABLES_BY_KEY["schools"].fields if not _same(ra[f.key], rb[f.key])]
    for key in ("facilities", "school_finance"):
        diffs += _row_diff(key, old.get(key), new.get(key), code)
    diffs += _class_diff(old["classes"], new["classes"], code)
    name = str(b.iloc[0]["school_name"]) if not b.empty else code
    return {"code": code, "name": name, "fields": diffs}


def _class_diff(old: pd.DataFrame, new: pd.DataFrame, code: str) -> list[dict[str, Any]]:
    def sizes(frame: pd.DataFrame) -> dict[int, list[int]]:
        mine = frame[frame["school_code"] == code]
        out: dict[int, list[int]] = {}
        for g, s in zip(mine["grade"], mine["students"], strict=True):
            if not _missing(g) and not _missing(s):
                out.setdefault(int(g), []).append(int(s))
        return out

    a, b = sizes(old), sizes(new)
    out = []
    for g in sorted(set(a) | set(b)):
        if a.get(g, []) != b.get(g, []):
            out.append({"field": f"classes.{g}", "zh": f"{g}年级各班人数", "en": f"Grade {g}: pupils per class",
                        "old": "、".join(str(x) for x in a.get(g, [])) or None,
                        "new": "、".join(str(x) for x in b.get(g, [])) or None})
    return out
