"""Split each school's grade enrolment into classes whose sizes add up exactly.

Each school section draws a size cap it plans classes to; a few crowded urban and town
schools plan above it, which is where oversized classes come from.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from youjun.core.schema import GRADES, SECTION_GRADES

from .frames import to_frame
from .schools import LOCATIONS, SchoolDraft

# Planned class size (low, high) by section and location (urban, town, rural).
CLASS_CAP: dict[str, tuple[tuple[float, float], tuple[float, float], tuple[float, float]]] = {
    "primary": ((41, 45), (38, 45), (30, 45)),
    "junior": ((46, 50), (44, 50), (38, 50)),
    "senior": ((48, 55), (46, 55), (45, 55)),
}
CROWDED_SHARE = 0.03  # share of urban and town school sections planning crowded classes
CROWDED_EXCESS = (1.0, 5.0)  # how far above its usual top size a crowded grade plans
CROWDED_GRADE_SHARE = 0.5  # a crowded section is crowded in about half its grades
CROWDED_MIN_CLASSES = 5  # only grades of five or more classes crowd (so sizes stay plausible)
TEACHING_POINT_CAP = 40.0
SPECIAL_CAP = (8.0, 12.0)


def _crowded(rng: np.random.Generator, candidates: np.ndarray, large: np.ndarray,
             pupils: np.ndarray) -> np.ndarray:
    """A few sections (at least one) of the candidates plan crowded classes; they are large
    ones, more likely the larger, because crowding is where demand outruns rooms."""
    crowded = np.zeros(len(candidates), dtype=bool)
    idx = np.flatnonzero(candidates & large)
    if len(idx):
        k = max(1, int(np.floor(candidates.sum() * CROWDED_SHARE + rng.random())))
        weights = pupils[idx] / pupils[idx].sum()
        crowded[rng.choice(idx, size=min(k, len(idx)), replace=False, p=weights)] = True
    return crowded


def _caps(draft: SchoolDraft, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(schools × 12) planned class size and whether the grade's classes are crowded."""
    n = len(draft)
    loc = np.array([LOCATIONS.index(v) for v in draft.location])
    ordinary = ~np.isin(draft.types, ["teaching_point", "special"])
    cap = np.zeros((n, len(GRADES)))
    crowded = np.zeros((n, len(GRADES)), dtype=bool)
    for section, bounds in CLASS_CAP.items():
        low, high = np.array(bounds)[loc].T
        cols = np.array(SECTION_GRADES[section]) - 1
        pupils = draft.section_pupils(section)
        per_grade = pupils / len(cols)
        section_crowded = _crowded(rng, ordinary & (loc < 2) & (pupils > 0),
                                   per_grade >= CROWDED_MIN_CLASSES * high, pupils)
        crowd_cap = high + rng.uniform(*CROWDED_EXCESS, size=n)
        cap[:, cols] = rng.uniform(low, high)[:, None]
        some_grades = rng.random((n, len(cols))) < CROWDED_GRADE_SHARE
        some_grades[np.arange(n), rng.integers(0, len(cols), size=n)] = True  # at least one
        grade_crowded = section_crowded[:, None] & some_grades
        cap[:, cols] = np.where(grade_crowded, crowd_cap[:, None], cap[:, cols])
        crowded[:, cols] = grade_crowded
    cap[draft.types == "teaching_point"] = TEACHING_POINT_CAP
    special = draft.types == "special"
    cap[special] = rng.uniform(*SPECIAL_CAP, size=int(special.sum()))[:, None]
    return cap, crowded


def class_counts(draft: SchoolDraft, rng: np.random.Generator) -> np.ndarray:
    """(schools × 12) number of classes per grade."""
    pupils = draft.pupils
    cap, crowded = _caps(draft, rng)
    planned = np.ceil(pupils / cap)
    # A crowded grade opens too few classes for its pupils, so its classes exceed the cap.
    squeezed = np.floor(pupils / cap)
    counts = np.where(crowded, squeezed, planned)
    counts = np.where(pupils > 0, np.maximum(counts, 1), 0)
    return counts.astype(np.int64)


def classes_frame(draft: SchoolDraft, counts: np.ndarray) -> pd.DataFrame:
    return class_rows(draft.codes, draft.pupils, counts)


def class_rows(codes: np.ndarray, pupils: np.ndarray, counts: np.ndarray) -> pd.DataFrame:
    """The classes table: each (school, grade)'s pupils split over its ``counts`` classes,
    sizes differing by at most one."""
    flat_counts = counts.ravel()
    flat_pupils = pupils.ravel()
    school_idx, grade_idx = np.divmod(np.arange(flat_counts.size), len(GRADES))
    rows = np.repeat(np.arange(flat_counts.size), flat_counts)
    starts = np.cumsum(flat_counts) - flat_counts
    k = np.arange(len(rows)) - starts[rows]  # class number within its (school, grade)
    base, extra = np.divmod(flat_pupils[rows], flat_counts[rows])
    sizes = base + (k < extra)
    columns = {
        "school_code": codes[school_idx[rows]],
        "grade": grade_idx[rows] + 1,
        "class_name": np.array([f"{i + 1}班" for i in k], dtype=object),
        "students": sizes,
    }
    return to_frame("classes", columns, len(rows))
