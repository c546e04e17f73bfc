"""Draw a district's schools: types, places, ownership, grade enrolments, teaching points'
central schools and education groups. Later builders read the resulting ``SchoolDraft``."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from youjun.core.schema import GRADES, SECTION_GRADES, grade_column

from .context import DistrictContext
from .draws import lognormal, stochastic_round
from .frames import to_frame
from .names import SchoolNamer, group_name, town_names
from .scenarios import (
    LOCATION_SHARES,
    REFERENCE_EDUCATION_GROUPS,
    REFERENCE_NON_COUNTY_RUN,
    REFERENCE_PRIVATE_SCHOOLS,
    REFERENCE_SCHOOL_COUNTS,
)

LOCATIONS = ("urban", "town", "rural")
MAX_SCHOOLS_PER_DISTRICT = 9999  # four digits after the district code

# Median pupils per grade (urban, town, rural) and the lognormal spread, by type and
# section. Large urban schools and small village schools are both realistic tails.
PER_GRADE_MEDIAN: dict[tuple[str, str], tuple[tuple[float, float, float], float]] = {
    ("primary", "primary"): ((225, 110, 42), 0.36),
    ("junior", "junior"): ((430, 270, 125), 0.28),
    ("nine_year", "primary"): ((120, 80, 45), 0.35),
    ("nine_year", "junior"): ((150, 100, 60), 0.35),
    ("complete_middle", "junior"): ((350, 250, 200), 0.30),
    ("complete_middle", "senior"): ((450, 350, 300), 0.30),
    ("twelve_year", "primary"): ((150, 120, 90), 0.30),
    ("twelve_year", "junior"): ((200, 150, 110), 0.30),
    ("twelve_year", "senior"): ((250, 200, 150), 0.30),
}
PER_GRADE_NOISE = 0.08
TEACHING_POINT_PUPILS = (40.0, 0.6)  # median pupils, spread: some below 50, some above
SPECIAL_SCHOOL_PUPILS = (110.0, 0.4)
PRIVATE_SIZE_FACTOR = 0.8
# Probability a school boards, by location (urban, town, rural) and type.
BOARDING = {
    "primary": (0.02, 0.10, 0.15), "junior": (0.05, 0.40, 0.70),
    "nine_year": (0.05, 0.40, 0.70), "complete_middle": (0.30, 0.60, 0.70),
    "twelve_year": (0.30, 0.60, 0.60), "teaching_point": (0.0, 0.0, 0.0),
    "special": (0.5, 0.5, 0.5),
}
GROUP_LEAD_TYPES = ("primary", "junior", "nine_year", "complete_middle", "twelve_year")
GROUP_MEMBER_SHARE = 0.45


@dataclass
class SchoolDraft:
    """Per-school arrays, one entry per school, in final (school-code) order."""

    codes: np.ndarray
    names: np.ndarray
    types: np.ndarray
    location: np.ndarray
    private: np.ndarray
    county_run: np.ndarray
    boarding: np.ndarray
    town: np.ndarray
    central: np.ndarray  # central school code of teaching points, else None
    group: np.ndarray  # education group name or None
    pupils: np.ndarray  # (schools × 12) pupils per grade
    longitude: np.ndarray
    latitude: np.ndarray

    def __len__(self) -> int:
        return len(self.codes)

    def section_pupils(self, section: str) -> np.ndarray:
        """Pupils per school in a section; a special school's pupils are all 'special'."""
        special = self.types == "special"
        if section == "special":
            return np.where(special, self.pupils.sum(axis=1), 0)
        cols = [g - 1 for g in SECTION_GRADES[section]]
        return np.where(special, 0, self.pupils[:, cols].sum(axis=1))

    def total_pupils(self) -> np.ndarray:
        return self.pupils.sum(axis=1)


def _type_counts(ctx: DistrictContext, rng: np.random.Generator) -> dict[str, int]:
    counts = {}
    for school_type, expected in REFERENCE_SCHOOL_COUNTS.items():
        if school_type == "teaching_point":
            expected *= np.exp(-ctx.urban_tilt)  # urban districts have few teaching points
        counts[school_type] = stochastic_round(rng, expected * ctx.size)
    counts["primary"] = max(counts["primary"], 1)
    if counts["junior"] + counts["nine_year"] + counts["complete_middle"] \
            + counts["twelve_year"] == 0:
        counts["junior"] = 1
    if ctx.scenario.key == "S":  # the reference district has a school of every type
        counts = {t: max(c, 1) for t, c in counts.items()}
    total = sum(counts.values())
    if total > MAX_SCHOOLS_PER_DISTRICT:
        raise ValueError(f"{total} schools do not fit four-digit school numbers")
    return counts


def _locations(types: np.ndarray, tilt: float, rng: np.random.Generator) -> np.ndarray:
    location = np.empty(len(types), dtype=object)
    for school_type, shares in LOCATION_SHARES.items():
        mask = types == school_type
        p = np.array(shares) * np.exp([tilt, 0.0, -tilt])
        location[mask] = np.array(LOCATIONS, dtype=object)[
            rng.choice(3, size=int(mask.sum()), p=p / p.sum())]
    return location


def _choose(rng: np.random.Generator, eligible: np.ndarray, k: int,
            weights: np.ndarray | None = None) -> np.ndarray:
    idx = np.flatnonzero(eligible)
    k = min(k, len(idx))
    if k == 0:
        return idx[:0]
    p = None if weights is None else weights[idx] / weights[idx].sum()
    return rng.choice(idx, size=k, replace=False, p=p)


def _grade_pupils(ctx: DistrictContext, types: np.ndarray, location: np.ndarray,
                  private: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    n = len(types)
    pupils = np.zeros((n, len(GRADES)), dtype=np.int64)
    cohort = ctx.cohort_shape()
    loc_idx = np.array([LOCATIONS.index(v) for v in location], dtype=np.int64)
    school_z = rng.standard_normal(n)  # big schools are big in every section
    size_factor = ctx.scenario.pupils_factor * np.where(private, PRIVATE_SIZE_FACTOR, 1.0)
    for (school_type, section), (medians, sigma) in PER_GRADE_MEDIAN.items():
        rows = np.flatnonzero(types == school_type)
        if len(rows) == 0:
            continue
        base = (np.array(medians)[loc_idx[rows]] * size_factor[rows]
                * np.exp(sigma * school_z[rows]))
        cols = np.array(SECTION_GRADES[section]) - 1
        noise = np.exp(PER_GRADE_NOISE * rng.standard_normal((len(rows), len(cols))))
        pupils[np.ix_(rows, cols)] = np.maximum(
            1, np.rint(base[:, None] * cohort[cols][None, :] * noise)).astype(np.int64)
    _small_school_pupils(pupils, types, cohort, rng)
    return np.minimum(pupils, 5000)


def _small_school_pupils(pupils: np.ndarray, types: np.ndarray, cohort: np.ndarray,
                         rng: np.random.Generator) -> None:
    """Teaching points teach the first few grades; special schools spread thin over many."""
    for row in np.flatnonzero(types == "teaching_point"):
        top_grade = int(rng.choice([3, 4, 5, 6], p=[0.2, 0.25, 0.25, 0.3]))
        total = max(3, round(float(lognormal(rng, *TEACHING_POINT_PUPILS, 1)[0])))
        weights = cohort[:top_grade] / cohort[:top_grade].sum()
        pupils[row, :top_grade] = rng.multinomial(total, weights)
    for row in np.flatnonzero(types == "special"):
        n_grades = 12 if rng.random() < 0.5 else 9
        total = max(n_grades, round(float(lognormal(rng, *SPECIAL_SCHOOL_PUPILS, 1)[0])))
        pupils[row, :n_grades] = rng.multinomial(total, np.full(n_grades, 1 / n_grades))


def _central_schools(codes: np.ndarray, types: np.ndarray, location: np.ndarray,
                     private: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Each teaching point belongs to a public village or town school with a primary section."""
    central = np.full(len(codes), None, dtype=object)
    points = np.flatnonzero(types == "teaching_point")
    has_primary = np.isin(types, ["primary", "nine_year", "twelve_year"])
    candidates = np.flatnonzero(has_primary & ~private & (location != "urban"))
    if len(candidates) == 0:
        candidates = np.flatnonzero(has_primary)
    central[points] = codes[rng.choice(candidates, size=len(points))]
    return central


def _groups(ctx: DistrictContext, names: np.ndarray, types: np.ndarray, location: np.ndarray,
            private: np.ndarray, county_run: np.ndarray, total: np.ndarray,
            rng: np.random.Generator) -> np.ndarray:
    group = np.full(len(names), None, dtype=object)
    public = ~private & county_run
    leads = _choose(rng, public & np.isin(types, GROUP_LEAD_TYPES) & (location != "rural"),
                    stochastic_round(rng, REFERENCE_EDUCATION_GROUPS * ctx.size),
                    weights=total.astype(float))
    if len(leads) == 0:
        return group
    group_names = np.array([group_name(n) for n in names[leads]], dtype=object)
    members = np.flatnonzero(public & np.isin(types, GROUP_LEAD_TYPES)
                             & (rng.random(len(names)) < GROUP_MEMBER_SHARE))
    group[members] = group_names[rng.integers(0, len(leads), size=len(members))]
    group[leads] = group_names
    return group


def _towns(ctx: DistrictContext, location: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    scale = np.sqrt(max(ctx.size, 0.05))
    n_sub = max(1, round(7 * scale * np.exp(ctx.urban_tilt / 2)))
    n_towns = max(1, round(16 * scale * np.exp(-ctx.urban_tilt / 2)))
    names = np.array(town_names(rng, n_sub, n_towns), dtype=object)
    urban = location == "urban"
    town = np.empty(len(location), dtype=object)
    town[urban] = names[rng.integers(0, n_sub, size=int(urban.sum()))]
    town[~urban] = names[n_sub + rng.integers(0, n_towns, size=int((~urban).sum()))]
    return town


def draft_schools(ctx: DistrictContext, rng: np.random.Generator) -> SchoolDraft:
    counts = _type_counts(ctx, rng)
    types = np.repeat(np.array(list(counts), dtype=object), list(counts.values()))
    n = len(types)
    location = _locations(types, ctx.urban_tilt, rng)

    private = np.zeros(n, dtype=bool)
    private[_choose(rng, np.isin(types, ["primary", "junior", "nine_year"])
                    & (location != "rural"),
                    stochastic_round(rng, REFERENCE_PRIVATE_SCHOOLS * ctx.size))] = True
    county_run = np.ones(n, dtype=bool)
    county_run[_choose(rng, np.isin(types, ["junior", "complete_middle", "twelve_year"])
                       & (location == "urban") & ~private,
                       stochastic_round(rng, REFERENCE_NON_COUNTY_RUN * ctx.size))] = False

    pupils = _grade_pupils(ctx, types, location, private, rng)
    # Code numbers are drawn at random (real codes follow no school type); rows are sorted
    # by code at the end.
    numbers = rng.choice(np.arange(1, MAX_SCHOOLS_PER_DISTRICT + 1), n, replace=False)
    codes = np.array([f"{ctx.identity.code}{k:04d}" for k in numbers], dtype=object)

    boarding_p = np.array([BOARDING[t][LOCATIONS.index(loc)]
                           for t, loc in zip(types, location, strict=True)])
    boarding = rng.random(n) < boarding_p
    town = _towns(ctx, location, rng)
    central = _central_schools(codes, types, location, private, rng)
    code_pos = {c: i for i, c in enumerate(codes)}
    points = np.flatnonzero(types == "teaching_point")
    town[points] = town[[code_pos[c] for c in central[points]]]  # a point lies in its town

    namer = SchoolNamer(rng, ctx.identity.name, ctx.identity.province_name)
    names = np.array([namer.name(t, loc, tw, bool(p), bool(cr)) for t, loc, tw, p, cr
                      in zip(types, location, town, private, county_run, strict=True)],
                     dtype=object)
    group = _groups(ctx, names, types, location, private, county_run, pupils.sum(axis=1), rng)
    spread = np.where(location == "urban", 0.05, 0.2)
    longitude = np.round(ctx.identity.longitude + spread * rng.standard_normal(n), 5)
    latitude = np.round(ctx.identity.latitude + spread * rng.standard_normal(n), 5)

    by_code = np.argsort(codes.astype(str))
    return SchoolDraft(
        codes=codes[by_code], names=names[by_code], types=types[by_code],
        location=location[by_code], private=private[by_code], county_run=county_run[by_code],
        boarding=boarding[by_code], town=town[by_code], central=central[by_code],
        group=group[by_code], pupils=pupils[by_code], longitude=longitude[by_code],
        latitude=latitude[by_code],
    )


def schools_frame(ctx: DistrictContext, draft: SchoolDraft, teachers_per_school: np.ndarray,
                  rng: np.random.Generator) -> pd.DataFrame:
    n = len(draft)
    # Approved posts sit near the real headcount; private schools have no state posts.
    quota = np.rint(teachers_per_school * rng.uniform(0.95, 1.10, size=n)).astype(np.int64)
    post_quota = pd.array(np.minimum(quota, 2000), dtype="Int64")
    post_quota[draft.private] = pd.NA
    columns = {
        "school_code": draft.codes, "school_name": draft.names,
        "district_code": np.full(n, ctx.identity.code, dtype=object), "town": draft.town,
        "school_type": draft.types, "ownership": np.where(draft.private, "private", "public"),
        "location": draft.location, "boarding": draft.boarding,
        "county_run": draft.county_run, "central_school_code": draft.central,
        "education_group": draft.group, "post_quota": post_quota,
        "longitude": draft.longitude, "latitude": draft.latitude,
    }
    for g in GRADES:
        columns[grade_column(g)] = draft.pupils[:, g - 1]
    return to_frame("schools", columns, n)

