"""A district shaped like Ningguo (Anhui) 2022, whose data reproduce its 14 published CVs.

Ningguo published, per level, the seven 2017 CVs:
    primary .677 .674 .618 .519 .597 .167 .759
    junior  .542 1.055 .507 .587 .686 .254 .496
— only r6 within the limits (0.50 primary, 0.45 junior), so the county was not ready.

We do not have the county's school data, so the builder *constructs* whole-school data
(teacher records, areas in m², equipment in 10,000 yuan, rooms) whose CVs round to the
published figures: each indicator's resource counts are found by a deterministic local
search on integers (teachers, rooms, m², units of 0.01 万元). The pipeline then has to
rebuild those CVs from the raw records: units, teacher sections, yuan conversion, weights.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from tests.analytics.district_builders import DistrictBuilder
from youjun.analytics.result import round_half_up
from youjun.core.measures import weighted_cv
from youjun.core.schema import R_KEYS

PUBLISHED = {
    "primary": dict(zip(R_KEYS, (0.677, 0.674, 0.618, 0.519, 0.597, 0.167, 0.759), strict=True)),
    "junior": dict(zip(R_KEYS, (0.542, 1.055, 0.507, 0.587, 0.686, 0.254, 0.496), strict=True)),
}
# Typical level of each indicator (per pupil or per 100 pupils) and the integer step of its
# numerator in indicator units: 1 teacher, 1 m², 100 yuan (0.01 万元), 1 room.
LEVEL = {"r1": 6.0, "r2": 1.2, "r3": 1.0, "r4": 5.0, "r5": 9.0, "r6": 3000.0, "r7": 3.0}
STEP = {"r1": 1.0, "r2": 1.0, "r3": 1.0, "r4": 1.0, "r5": 1.0, "r6": 100.0, "r7": 1.0}
PER = {"r1": 100.0, "r2": 100.0, "r3": 100.0, "r4": 1.0, "r5": 1.0, "r6": 1.0, "r7": 100.0}
N_SCHOOLS = {"primary": 26, "junior": 12}


def _cv(counts: list[int], pupils: list[int], scale: float) -> float:
    return weighted_cv([c * scale / p for c, p in zip(counts, pupils, strict=True)], pupils)


def fit_counts(pupils: list[int], target: float, level: float, per: float, step: float,
               seed: int) -> list[int]:
    """Non-negative integer counts (in ``step`` units) whose weighted CV rounds to ``target``.

    Start from values level·(1 + target·z) with z a skewed, weighted-standardised pattern,
    then move one count by ±1 at a time, always the move that brings the CV closest.
    """
    rng = np.random.default_rng(seed)
    p = np.asarray(pupils, dtype=float)
    w = p / p.sum()
    z = rng.lognormal(0.0, 0.8, len(pupils))
    z = (z - w @ z) / np.sqrt(w @ (z - w @ z) ** 2)
    values = np.clip(level * (1 + target * z), 0, None)
    counts = [max(0, round(v * pp / per / step)) for v, pp in zip(values, p, strict=True)]
    scale = per * step
    Move = tuple[tuple[int, int], ...]
    singles: list[Move] = [((i, d),) for i in range(len(counts)) for d in (-1, 1)]
    transfers: list[Move] = [((i, 1), (j, -1)) for i in range(len(counts))
                             for j in range(len(counts)) if i != j]
    for _ in range(20_000):
        current = _cv(counts, pupils, scale)
        if round_half_up(current, 3) == target:
            return counts
        # One count ±1 first; when no such move helps, move one unit between two schools.
        for moves in (singles, transfers):
            best = _best_move(counts, pupils, scale, target, moves)
            if best is not None and best[0] < abs(current - target):
                for i, d in best[1]:
                    counts[i] += d
                break
        else:
            raise AssertionError(f"local search is stuck at CV {current} (target {target})")
    raise AssertionError(f"no counts found for CV {target}")


def _best_move(counts: list[int], pupils: list[int], scale: float, target: float,
               moves: list[tuple[tuple[int, int], ...]],
               ) -> tuple[float, tuple[tuple[int, int], ...]] | None:
    best: tuple[float, tuple[tuple[int, int], ...]] | None = None
    for move in moves:
        if any(counts[i] + d < 0 for i, d in move):
            continue
        for i, d in move:
            counts[i] += d
        distance = abs(_cv(counts, pupils, scale) - target)
        for i, d in move:
            counts[i] -= d
        if best is None or distance < best[0]:
            best = (distance, move)
    return best


@cache
def _fitted() -> dict[str, dict[str, object]]:
    rng = np.random.default_rng(2022)
    out: dict[str, dict[str, object]] = {}
    for lv_i, level in enumerate(("primary", "junior")):
        low, high = (60, 2400) if level == "primary" else (200, 1800)
        pupils = sorted(int(x) for x in rng.integers(low, high, N_SCHOOLS[level]))
        fitted: dict[str, object] = {"pupils": pupils}
        for k_i, key in enumerate(R_KEYS):
            short = key[:2]
            fitted[short] = fit_counts(pupils, PUBLISHED[level][key], LEVEL[short], PER[short],
                                       STEP[short], seed=100 * lv_i + k_i)
        out[level] = fitted
    return out


def ningguo_like_frames() -> dict[str, pd.DataFrame]:
    """Primary and junior schools (no combined ones, so the fit stays exact)."""
    b = DistrictBuilder(district_code="341881")
    for level, fitted in _fitted().items():
        pupils: list[int] = fitted["pupils"]  # type: ignore[assignment]
        for i, n in enumerate(pupils):
            c = {k: fitted[k][i] for k in LEVEL}  # type: ignore[index]
            code = b.school(
                level, primary=n if level == "primary" else 0,
                junior=n if level == "junior" else 0, town=f"镇{i % 5}",
                location=("urban", "town", "rural")[i % 3],
                teaching=float(c["r4"]), outdoor=float(c["r5"]),
                equipment_10k=c["r6"] * 100 / 10_000, rooms=c["r7"],
            )
            qualified, key, pe_art = c["r1"], c["r2"], c["r3"]
            unqualified = "secondary_vocational" if level == "primary" else "associate"
            # Enough teachers to carry the key and PE/art flags; the extra ones are unqualified.
            b.teacher(code, level, qualified, qualification="bachelor")
            b.teacher(code, level, max(1, max(key, pe_art) - qualified + 1),
                      qualification=unqualified)
            mine = [t for t in b.teachers if t["school_code"] == code]
            for t in mine[:key]:
                t["key_teacher_tier"], t["key_teacher_level"] = "key", "county"
            for t in mine[len(mine) - pe_art:] if pe_art else []:
                t["subject"], t["pe_art_specialist"] = "pe", True
    return b.frames()
