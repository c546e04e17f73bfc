"""What every table builder of one district needs to know about that district."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy as np

from youjun.core.schema import SCHOOL_YEAR_PATTERN

from .geography import DistrictIdentity, district_identity
from .scenarios import Scenario, district_size, scenario

# Births in China by year (millions); the school-year cohorts follow them, which is why
# grade 1 is now smaller than grade 4. Used only to shape grade sizes.
BIRTHS_MILLIONS: dict[int, float] = {
    2004: 15.93, 2005: 16.17, 2006: 15.85, 2007: 15.94, 2008: 16.08, 2009: 15.91,
    2010: 15.92, 2011: 16.04, 2012: 16.35, 2013: 16.40, 2014: 16.87, 2015: 16.55,
    2016: 17.86, 2017: 17.23, 2018: 15.23, 2019: 14.65, 2020: 12.02, 2021: 10.62,
    2022: 9.56, 2023: 9.02, 2024: 9.54,
}
STREAMS = ("district", "schools", "classes", "teachers", "facilities", "finance", "evidence")


def births(year: int) -> float:
    """Births of ``year`` (millions); before or after the years known, the nearest known."""
    known = sorted(BIRTHS_MILLIONS)
    return BIRTHS_MILLIONS[min(max(year, known[0]), known[-1])]


@dataclass(frozen=True)
class DistrictContext:
    scenario: Scenario
    index: int
    identity: DistrictIdentity
    size: float  # relative to the reference (Yongchuan-sized) district
    urban_tilt: float  # > 0 tilts schools towards urban, < 0 towards rural
    school_year: str
    start_year: int

    @property
    def statistical_date(self) -> date:
        return date(self.start_year, 9, 1)

    def cohort_shape(self) -> np.ndarray:
        """Relative size of grades 1..12 this school year (mean 1 over grades 1–9)."""
        years = [self.start_year - 5 - g for g in range(1, 13)]
        born = np.array([births(y) for y in years])
        return born / born[:9].mean()


def make_streams(seed: int, spec: Scenario, index: int) -> dict[str, np.random.Generator]:
    """Independent generators per table family, all derived from (seed, scenario, index):
    a district is reproducible on its own, and changing one builder leaves the others' data
    unchanged."""
    root = np.random.SeedSequence([seed, spec.salt, index])
    return {name: np.random.default_rng(child)
            for name, child in zip(STREAMS, root.spawn(len(STREAMS)), strict=True)}


def make_context(scenario_key: str, index: int, school_year: str, scale: float,
                 rng: np.random.Generator) -> DistrictContext:
    spec = scenario(scenario_key)
    match = re.match(SCHOOL_YEAR_PATTERN, school_year)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(f"school_year must look like 2025-2026, got {school_year!r}")
    identity = district_identity(spec.key, index)
    size = district_size(spec, rng) * scale
    if spec.key == "S":
        tilt = 0.0
    elif identity.kind == "city_district":
        tilt = float(rng.uniform(0.0, 1.5))
    elif identity.kind == "county_city":
        tilt = float(rng.uniform(-0.3, 0.6))
    else:
        tilt = float(rng.uniform(-1.0, 0.2))
    return DistrictContext(spec, index, identity, size, tilt, school_year,
                           int(match.group(1)))
