"""How numbers are written in the reports: fixed decimals per kind, '—' for a missing figure."""

from __future__ import annotations

import math
from datetime import datetime
from typing import Any, TypeGuard
from zoneinfo import ZoneInfo

# Reports are read in China: a run's UTC timestamp is shown in Beijing time.
LOCAL_ZONE = ZoneInfo("Asia/Shanghai")
# The documents print ratios and percentages with at most 2 decimals (CVs: 3, see cv()).
FIGURE_DECIMALS = 2

MISSING = "—"


def is_number(x: Any) -> TypeGuard[int | float]:
    """A finite int or float (not a bool, not None, not NaN)."""
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(x)


def fixed(x: Any, decimals: int) -> str:
    """``x`` with ``decimals`` decimals and thousands separators; '—' when missing."""
    if not is_number(x):
        return MISSING
    return f"{float(x):,.{decimals}f}"


def value(x: Any) -> str:
    """An indicator value: yuan-sized figures whole, smaller ones with 2 decimals."""
    if not is_number(x):
        return MISSING
    return fixed(x, 0) if abs(x) >= 1000 else fixed(x, 2)


def cv(x: Any) -> str:
    """A coefficient of variation, as published: 3 decimals."""
    return fixed(x, 3)


def limit(x: Any) -> str:
    """A threshold as the documents write it: at most 2 decimals, no trailing zeros."""
    if not is_number(x):
        return MISSING
    return f"{float(x):,.2f}".rstrip("0").rstrip(".")


def cv_limit(x: Any) -> str:
    """A CV limit as the documents write it (0.50, 0.45)."""
    return fixed(x, 2)


def amount(x: Any) -> str:
    """A shortfall: whole things as integers, areas and money with at most 2 decimals."""
    if not is_number(x):
        return MISSING
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{float(x):,.2f}"


def signed(x: Any, decimals: int = 3) -> str:
    if not is_number(x):
        return MISSING
    return f"{float(x):+.{decimals}f}"


def any_figure(x: Any, yes: str = "yes", no: str = "no") -> str:
    """A figure of unknown kind (item figures, reasons): numbers trimmed, bools as words."""
    if x is None:
        return MISSING
    if isinstance(x, bool):
        return yes if x else no
    if isinstance(x, int):
        return f"{x:,}"
    if isinstance(x, float):
        if not math.isfinite(x):
            return MISSING
        if x.is_integer():
            return f"{int(x):,}"
        return f"{x:,.{FIGURE_DECIMALS}f}".rstrip("0").rstrip(".")
    if isinstance(x, list | tuple):
        return "、".join(any_figure(v, yes, no) for v in x)
    return str(x)


def local_time(stamp: Any) -> str:
    """An ISO timestamp (UTC or with an offset) as 'YYYY-MM-DD HH:MM' in Beijing time."""
    if not stamp:
        return MISSING
    try:
        when = datetime.fromisoformat(str(stamp))
    except ValueError:
        return str(stamp)
    if when.tzinfo is None:  # naive stamps are written in UTC by the engine
        when = when.replace(tzinfo=ZoneInfo("UTC"))
    return when.astimezone(LOCAL_ZONE).strftime("%Y-%m-%d %H:%M")
