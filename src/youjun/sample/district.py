"""Generate one district's ten tables, or a whole scenario held in memory."""

from __future__ import annotations

import re

import pandas as pd

from youjun.core.schema import SCHOOL_YEAR_PATTERN, TABLES

from .classes import class_counts, classes_frame
from .context import make_context, make_streams
from .district_level import districts_frame, evidence_frame, rates_frame, resident_population
from .facilities import facilities_frame, rooms_frame
from .finance import district_finance_frame, draw_bases, school_finance_frame
from .scenarios import scenario as find_scenario
from .schools import draft_schools, schools_frame
from .teachers import draft_teachers
from .years import derive_year

DEFAULT_SEED = 2023
DEFAULT_SCHOOL_YEAR = "2025-2026"


def _start_year(school_year: str) -> int:
    match = re.match(SCHOOL_YEAR_PATTERN, school_year)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValueError(f"school_year must look like 2025-2026, got {school_year!r}")
    return int(match.group(1))


def generate_district(scenario: str = "S", seed: int = DEFAULT_SEED, index: int = 0, *,
                      scale: float = 1.0,
                      school_year: str = DEFAULT_SCHOOL_YEAR) -> dict[str, pd.DataFrame]:
    """The ten tables of district ``index`` of a scenario, keyed by table key.

    The result depends only on (scenario, seed, index, scale, school_year), so districts
    can be generated independently, in any order, in parallel. ``scale`` shrinks or grows
    the district (tests use small values). Every school year of one (scenario, seed, index)
    is the same district: it is drawn for ``DEFAULT_SCHOOL_YEAR`` and other years are derived
    from that one (the same schools, mostly the same teachers, a year's change).
    """
    key = scenario.upper()
    spec = find_scenario(key)
    wanted = _start_year(school_year)
    if school_year != DEFAULT_SCHOOL_YEAR:
        # Another year is the same district a year or more away (see youjun.sample.years).
        tables = generate_district(key, seed, index, scale=scale)
        return derive_year(tables, _start_year(DEFAULT_SCHOOL_YEAR), wanted, (seed, spec.salt, index))
    streams = make_streams(seed, spec, index)
    ctx = make_context(key, index, school_year, scale, streams["district"])
    draft = draft_schools(ctx, streams["schools"])
    classes = class_counts(draft, streams["classes"])
    teachers, teachers_per_school = draft_teachers(ctx, draft, classes, streams["teachers"])
    bases = draw_bases(streams["finance"])
    population = resident_population(ctx, int(draft.total_pupils().sum()), streams["district"])
    tables = {
        "districts": districts_frame(ctx, population),
        "schools": schools_frame(ctx, draft, teachers_per_school, streams["schools"]),
        "classes": classes_frame(draft, classes),
        "teachers": teachers,
        "facilities": facilities_frame(draft, classes, streams["facilities"]),
        "rooms": rooms_frame(draft, classes, streams["facilities"]),
        "school_finance": school_finance_frame(draft, bases, streams["finance"]),
        "district_finance": district_finance_frame(ctx, draft, bases, streams["finance"]),
        "district_rates": rates_frame(ctx, draft, population, streams["evidence"]),
        "evidence": evidence_frame(ctx, draft, streams["evidence"]),
    }
    return {t.key: tables[t.key] for t in TABLES}


def generate(scenario: str = "S", seed: int = DEFAULT_SEED, *, n_districts: int | None = None,
             scale: float = 1.0,
             school_year: str = DEFAULT_SCHOOL_YEAR) -> dict[str, pd.DataFrame]:
    """All districts of a scenario in memory (S, or a few districts of M or L).

    The nation does not fit in memory: for L give ``n_districts`` or use
    ``write_partitioned``.
    """
    spec = find_scenario(scenario)
    if spec.key == "L" and n_districts is None:
        raise ValueError("scenario L is too large for memory: pass n_districts or use "
                         "write_partitioned")
    count = spec.n_districts if n_districts is None else min(n_districts, spec.n_districts)
    parts = [generate_district(spec.key, seed, i, scale=scale, school_year=school_year)
             for i in range(count)]
    if len(parts) == 1:
        return parts[0]
    return {t.key: pd.concat([p[t.key] for p in parts], ignore_index=True) for t in TABLES}
