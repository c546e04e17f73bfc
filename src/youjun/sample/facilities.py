"""Buildings, grounds, equipment and the music and art rooms of each school.

Areas and values are drawn per pupil of each section and summed over a school's sections,
so a combined school's totals match its mix; urban schools get less space per pupil and
village schools more, as in reality.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .draws import lognormal
from .frames import to_frame
from .schools import LOCATIONS, SchoolDraft

SECTIONS = ("primary", "junior", "senior", "special")
# Medians per pupil (urban, town, rural) by section, and a common lognormal spread.
TEACHING_AREA = {"primary": (5.6, 6.5, 8.0), "junior": (7.2, 8.2, 9.5),
                 "senior": (8.0, 8.5, 9.0), "special": (25.0, 25.0, 25.0)}
TEACHING_AREA_SPREAD = 0.15
SPORTS_AREA = {"primary": (9.8, 12.0, 15.0), "junior": (13.0, 15.0, 18.0),
               "senior": (13.0, 14.0, 15.0), "special": (10.0, 10.0, 10.0)}
SPORTS_AREA_SPREAD = 0.22
EQUIPMENT_YUAN = {"primary": (3300, 3000, 3000), "junior": (4200, 3800, 3600),
                  "senior": (5000, 4500, 4200), "special": (8000, 8000, 8000)}
EQUIPMENT_SPREAD = 0.28
COMPUTERS_PER_100 = (12.0, 14.0, 16.0)
BOOKS_PER_PUPIL = {"primary": 30.0, "junior": 40.0, "senior": 45.0, "special": 30.0}
MIN_AREA_PER_CLASS = 90.0  # a class needs a room however few its pupils
MIN_SPORTS_AREA = (600.0, 200.0)  # schools, teaching points
GYM = (1000, 0.5, (600.0, 1600.0))  # pupils needed, probability, area range
MULTIMEDIA_PER_CLASS = (1.12, 0.12)  # median rooms per class, spread
TEACHING_POINT_PUPILS_PER_ROOM = 25  # mixed-grade teaching shares rooms
ROOMS_PER_CLASSES = 12  # one music and one art room per so many classes
ROOM_AREA = {"music": ((115.0, 8.0), (70.0, 95.0)), "art": ((108.0, 8.0), (65.0, 89.0))}
SMALL_ROOM_SHARE = 0.05  # rooms converted from ordinary classrooms, below the usual size
MISSING_ROOM_SHARE = 0.06  # schools one room short of what their classes need


def _per_pupil(draft: SchoolDraft, medians: Mapping[str, tuple[float, ...]], spread: float,
               rng: np.random.Generator) -> np.ndarray:
    """Sum over sections of pupils × a per-pupil figure drawn for the school."""
    loc = np.array([LOCATIONS.index(v) for v in draft.location])
    n = len(draft)
    school_factor = np.exp(spread * rng.standard_normal(n))
    total = np.zeros(n)
    for section in SECTIONS:
        total += draft.section_pupils(section) * np.array(medians[section])[loc]
    return total * school_factor


def facilities_frame(draft: SchoolDraft, classes: np.ndarray,
                     rng: np.random.Generator) -> pd.DataFrame:
    n = len(draft)
    pupils = draft.total_pupils()
    n_classes = classes.sum(axis=1)
    point = draft.types == "teaching_point"
    loc = np.array([LOCATIONS.index(v) for v in draft.location])

    teaching = np.maximum(_per_pupil(draft, TEACHING_AREA, TEACHING_AREA_SPREAD, rng),
                          MIN_AREA_PER_CLASS * n_classes)
    sports = np.maximum(_per_pupil(draft, SPORTS_AREA, SPORTS_AREA_SPREAD, rng),
                        np.where(point, MIN_SPORTS_AREA[1], MIN_SPORTS_AREA[0]))
    min_pupils, gym_p, gym_range = GYM
    has_gym = (pupils >= min_pupils) & (loc < 2) & (rng.random(n) < gym_p)
    gym = np.where(has_gym, np.minimum(rng.uniform(*gym_range, size=n), 0.4 * sports), 0.0)
    outdoor = sports - gym
    other = teaching * rng.uniform(0.25, 0.6, size=n) * np.where(draft.boarding, 1.6, 1.0)
    building = teaching + gym + other
    equipment = _per_pupil(draft, EQUIPMENT_YUAN, EQUIPMENT_SPREAD, rng) / 10_000
    multimedia = np.where(
        point, np.minimum(n_classes, 1 + pupils // TEACHING_POINT_PUPILS_PER_ROOM),
        np.rint(n_classes * lognormal(rng, *MULTIMEDIA_PER_CLASS, n)) + rng.integers(0, 3, n))
    multimedia = np.maximum(multimedia, 1)
    computers = np.rint(pupils / 100 * np.array(COMPUTERS_PER_100)[loc]
                        * np.exp(0.25 * rng.standard_normal(n)))
    books_median = sum(draft.section_pupils(s) * BOOKS_PER_PUPIL[s] for s in SECTIONS)
    books = np.rint(books_median * np.exp(0.25 * rng.standard_normal(n)))

    columns = {
        "school_code": draft.codes,
        "building_area_m2": np.round(building, 1),
        "teaching_aux_area_m2": np.round(teaching, 1),
        "gym_area_m2": np.round(gym, 1),
        "outdoor_sports_area_m2": np.round(outdoor, 1),
        "equipment_value_10k_yuan": np.round(equipment, 2),
        "multimedia_classrooms": multimedia.astype(np.int64),
        "computers": computers.astype(np.int64),
        "books": books.astype(np.int64),
    }
    return to_frame("facilities", columns, n)


def room_no(kind: str, i: int) -> str:
    """The number of a school's ``i``-th room of a kind (from 0): "M01", "A03"."""
    return f"{'M' if kind == 'music' else 'A'}{i + 1:02d}"


def rooms_frame(draft: SchoolDraft, classes: np.ndarray,
                rng: np.random.Generator) -> pd.DataFrame:
    n = len(draft)
    needed = np.ceil(classes.sum(axis=1) / ROOMS_PER_CLASSES).astype(np.int64)
    point = draft.types == "teaching_point"
    codes, kinds, numbers, areas = [], [], [], []
    for kind, (usual, small) in ROOM_AREA.items():
        count = needed - (rng.random(n) < MISSING_ROOM_SHARE) + (rng.random(n) < 0.2)
        count = np.where(point, rng.random(n) < 0.6, np.maximum(count, 0)).astype(np.int64)
        school = np.repeat(np.arange(n), count)
        k = np.arange(len(school)) - np.repeat(np.cumsum(count) - count, count)
        area = np.where(rng.random(len(school)) < SMALL_ROOM_SHARE,
                        rng.uniform(*small, size=len(school)),
                        rng.normal(*usual, size=len(school)))
        codes.append(draft.codes[school])
        kinds.append(np.full(len(school), kind, dtype=object))
        numbers.append(np.array([room_no(kind, i) for i in k], dtype=object))
        areas.append(np.round(np.maximum(area, 20.0), 1))
    columns = {"school_code": np.concatenate(codes), "room_type": np.concatenate(kinds),
               "room_no": np.concatenate(numbers), "area_m2": np.concatenate(areas)}
    frame = to_frame("rooms", columns, len(columns["school_code"]))
    return frame.sort_values(["school_code", "room_type", "room_no"], ignore_index=True)
