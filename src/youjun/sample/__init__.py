"""Seeded generator of realistic synthetic districts, provinces and the nation.

- ``generate_district(scenario, seed, index)``: the ten tables of one district;
- ``generate(scenario, seed)``: a whole scenario in memory (S, or a few districts of M/L);
- ``write_partitioned(scenario, out_dir, seed, n_districts)``: stream to partitioned
  Parquet, ``OUT/<table>/district=<code>/part-0.parquet``;
- ``n_districts(scenario)``: 1, 38 or 2,843.

Tables follow ``youjun.core.schema`` exactly: columns in schema order, codes as English
codes, integers as ``Int64``, numbers as ``float64``, flags as ``boolean``, dates as
``datetime.date``. The same (scenario, seed, index) always gives the same data, and every
school year of it is the same district a year earlier or later (``youjun.sample.years``).
"""

from .district import DEFAULT_SCHOOL_YEAR, DEFAULT_SEED, generate, generate_district
from .partitioned import PART_FILE, PARTITION_KEY, partition_path, write_partitioned
from .scenarios import SCENARIOS, n_districts

__all__ = [
    "DEFAULT_SCHOOL_YEAR",
    "DEFAULT_SEED",
    "PARTITION_KEY",
    "PART_FILE",
    "SCENARIOS",
    "generate",
    "generate_district",
    "n_districts",
    "partition_path",
    "write_partitioned",
]
