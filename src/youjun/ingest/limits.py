"""Limits on what a data file may make the readers do, checked before anything is read.

The defaults are sized from the largest district the sample generator makes for the nation
(scenario L, seed 2023: district index 143, 2.3 times the Yongchuan-sized reference):

    teachers 17,637 rows x 15 columns (the longest sheet), schools 468 rows x 26 columns
    (the widest), 12 sheets in the template workbook; its .xlsx is 1.3 MB and 11.7 MB
    uncompressed (8.8 MB for the teachers sheet); the largest member compresses 14:1;
    its teachers.csv is 1.7 MB.

Each default leaves a margin of about 4x over that district (more where the cost of a higher
limit is negligible), so a real district is never refused while a crafted file is refused
before it can cost more than a few hundred MB. docs/limits.md lists the names and the
``YOUJUN_MAX_*`` environment variables that override them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    # Whole file on disk: 1.3 MB for the largest district; Excel's own formatting can triple it.
    max_file_bytes: int = 16 * MB
    # Sum of the declared uncompressed sizes of the .xlsx members: 11.7 MB x ~5.
    max_uncompressed_bytes: int = 64 * MB
    # Uncompressed/compressed per member: real parts stay under 15:1; zeros reach 1000:1.
    max_compression_ratio: float = 100.0
    # Rows per sheet (and per CSV file): 17,637 teachers x ~4.
    max_rows: int = 75_000
    # Columns per sheet: 26 (schools) x ~5; a cell beyond is not data, it is a crafted range.
    max_columns: int = 128
    # Rows x columns of a sheet's range (declared <dimension> and the cells really present):
    # the dense block the xlsx reader allocates; 3 M cells is about 100 MB inside it.
    max_cells: int = 3_000_000
    # Sheets per workbook: the template has 12.
    max_sheets: int = 48
    # One CSV file: teachers.csv is 1.7 MB; GBK exports are no larger.
    max_csv_bytes: int = 8 * MB
    max_csv_rows: int = 75_000
    # Rows of one Parquet table (file or partitioned folder): Parquet is the path for bulk
    # imports of a whole province (scenario M: ~280,000 teachers), so ~7x that; set
    # YOUJUN_MAX_PARQUET_ROWS higher for the nation.
    max_parquet_rows: int = 2_000_000
    # The isolated reader (youjun.ingest.isolated): address space and wall time of the child.
    # Validating the largest district's .xlsx peaks near 300 MB RSS and takes a few seconds;
    # the address-space limit must also cover the interpreter's and libraries' mappings.
    max_memory_mb: int = 3072
    timeout_s: float = 120.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> ReadLimits:
        """Defaults, overridden by ``YOUJUN_MAX_<FIELD>`` (``YOUJUN_TIMEOUT_S`` for the time);
        a value that is not a positive number is ignored."""
        env = os.environ if environ is None else environ
        limits = cls()
        changes: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(env_name(f.name))
            if raw is None:
                continue
            try:
                value = float(raw) if f.type in ("float", float) else int(raw)
            except ValueError:
                continue
            if value > 0:
                changes[f.name] = value
        return replace(limits, **changes) if changes else limits


def env_name(field_name: str) -> str:
    """The environment variable of a limit: max_rows -> YOUJUN_MAX_ROWS."""
    return "YOUJUN_" + field_name.upper()


__all__ = ["MB", "ReadLimits", "env_name"]
