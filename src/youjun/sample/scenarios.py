"""The three scale scenarios and the shape of a Yongchuan-sized reference district.

Every district is drawn as a multiple (its *size*) of the reference district below. The
figures are realistic magnitudes used to shape random draws; none of them is a rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Scenario:
    key: str
    n_districts: int
    size_mean: float  # expected district size, the reference district being 1
    size_sigma: float  # lognormal spread of district sizes; 0 makes every district size_mean
    pupils_factor: float  # multiplier on pupils per school (national schools are larger)
    salt: int  # mixed into every seed so S, M and L never share random streams


SCENARIOS: dict[str, Scenario] = {
    # One Yongchuan-sized district: ~180 schools, ~9,300 teachers, ~130,000 pupils.
    "S": Scenario("S", 1, 1.0, 0.0, 1.0, 11),
    # A Chongqing-sized province of 38 districts: ~5,000 schools, ~3.5 M pupils.
    "M": Scenario("M", 38, 0.78, 0.4, 0.87, 22),
    # The nation: 2,843 county-level units, ~200,000 schools, ~160 M pupils.
    "L": Scenario("L", 2843, 0.40, 0.6, 1.1, 33),
}


def scenario(key: str) -> Scenario:
    try:
        return SCENARIOS[key.upper()]
    except KeyError:
        raise ValueError(f"unknown scenario {key!r}; expected one of S, M, L") from None


def n_districts(key: str) -> int:
    """How many districts the scenario has (1 for S, 38 for M, 2,843 for L)."""
    return scenario(key).n_districts


# Expected school counts of the reference district, by school type.
REFERENCE_SCHOOL_COUNTS: dict[str, float] = {
    "primary": 90,
    "junior": 25,
    "nine_year": 20,
    "complete_middle": 6,
    "twelve_year": 2,
    "teaching_point": 30,
    "special": 1.5,
}
REFERENCE_PRIVATE_SCHOOLS = 8.0
REFERENCE_NON_COUNTY_RUN = 2.0
REFERENCE_EDUCATION_GROUPS = 18.0

# Share of each school type's schools that are urban, town, rural in the reference district.
LOCATION_SHARES: dict[str, tuple[float, float, float]] = {
    "primary": (0.28, 0.35, 0.37),
    "junior": (0.32, 0.40, 0.28),
    "nine_year": (0.10, 0.40, 0.50),
    "complete_middle": (0.60, 0.40, 0.0),
    "twelve_year": (0.50, 0.50, 0.0),
    "teaching_point": (0.0, 0.10, 0.90),
    "special": (1.0, 0.0, 0.0),
}


def district_size(spec: Scenario, rng: np.random.Generator) -> float:
    """A district's size relative to the reference; the mean over districts is size_mean."""
    if spec.size_sigma == 0:
        return spec.size_mean
    z = rng.standard_normal()
    return float(spec.size_mean * np.exp(spec.size_sigma * z - spec.size_sigma**2 / 2))
