"""How numbers are written in the reports and pages: one function per kind, '—' when missing.

The one rule per kind (issue 10 §1.3), as the national documents round and write them:

- money (``money``): thousands separators always ("2,000 元", "409,000 元"); a per-pupil value
  with 2 decimals ("2,360.52 元/生"), a total as an integer;
- areas (``area``): a per-pupil area with 2 decimals ("4.99 平方米/生"), a total area with 1
  ("126.2 平方米"), a sum of such areas (``area_total``) too, a whole one with its ".0"
  ("共缺 9,867.0 平方米"), so a provincial table rounds every district alike; in Chinese
  text the unit is always 平方米, never ㎡ (m² in English);
- counts of people, rooms, classes (``count``): integers, never decimals ("1 人", "2,468 人");
- percentages (``percent``): a standard as the documents write it ("85%", "95%"); a measured
  rate with one decimal ("89.1%"), never rounded up to the minimum it falls short of, and a
  partial share never shown as 100.0% or 0.0% (more decimals: "99.96%"). (A G/Q
  item's own rate, judged against 95% or 100% and short by hundredths of a point, keeps the
  two decimals its finding text carries: "98.65%", "差 0.35 个百分点".)
- indicator values (``value``): 2 decimals with separators, the documents' precision for
  rates per pupil and per 100 pupils; thresholds (``limit``) without trailing zeros
  ("2,000", "0.9"); CVs (``cv``) 3 decimals and their limits (``cv_limit``) 2.

Units: an indicator's unit is a rate ("人/百名学生", "平方米/生", "元/生"; ``youjun.core.labels``);
a gap is counted in the plain unit of what is missing (``labels.count_unit``).
"""

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
    return _unsigned_zero(f"{float(x):,.{decimals}f}")


def as_printed(x: float, decimals: int) -> float:
    """``x`` as ``fixed`` writes it, read back as a number: a total of printed parts adds what the
    reader sees (314.5 + 103.2 = 417.7), and a cell summed in a spreadsheet gives that total."""
    return float(fixed(x, decimals).replace(",", ""))


def _unsigned_zero(text: str) -> str:
    """"0.0" for "-0.0": a value that rounds to zero is shown without a sign."""
    return text[1:] if text.startswith("-") and not any(c in "123456789" for c in text) else text


def value(x: Any) -> str:
    """An indicator value (a rate per pupil or per 100 pupils): 2 decimals, thousands grouped."""
    return fixed(x, 2)


def value_below(x: Any, limit: Any) -> str:
    """``value`` of an indicator short of its threshold, never printed as the threshold: 0.999
    beside ≥1, not 1.00 (``core.findings.number_below``, as the findings print it)."""
    if not (is_number(x) and is_number(limit)) or not float(x) < float(limit):
        return value(x)
    from youjun.core.findings import number_below

    return number_below(float(x), float(limit), 2)


def money(x: Any, *, per_pupil: bool = False) -> str:
    """Yuan: a per-pupil value with 2 decimals ("2,360.52"), a total whole ("240,600")."""
    return fixed(x, 2 if per_pupil else 0)


def area(x: Any, *, per_pupil: bool = False) -> str:
    """Square metres: per pupil with 2 decimals ("4.99"), a total area with 1 ("1,002.1")."""
    return fixed(x, 2 if per_pupil else 1)


def area_total(x: Any) -> str:
    """A sum of areas each written with 1 decimal (a requirement's "共缺 … 平方米"): 1 decimal
    always ("9,867.0" beside "5,798.7"), as its parts are written: a provincial table of the
    districts' totals must round every one of them alike."""
    return area(x)


def count(x: Any) -> str:
    """People, rooms, classes, schools: an integer with thousands separators ("2,468")."""
    if not is_number(x):
        return MISSING
    return f"{round(float(x)):,}"


def percent(x: Any, *, measured: bool = False, below: Any = None) -> str:
    """A percentage given in per cent (85 for 85%): a standard as written ("85%", "99.5%"),
    a measured rate with one decimal ("89.1%"). ``below``: the minimum a measured rate is
    compared with; a rate under it is cut, not rounded up to it (84.96 under 85 is "84.9%")."""
    if not is_number(x):
        return MISSING
    if not measured:
        return f"{limit(x)}%"
    shown = float(f"{float(x):.1f}")
    if is_number(below) and float(x) < float(below) <= shown:
        return f"{_unsigned_zero(f'{math.floor(float(x) * 10) / 10:,.1f}')}%"
    d = partial_decimals(float(x), 1)
    return f"{_unsigned_zero(f'{float(x):,.{d}f}')}%"


def partial_decimals(x: float, digits: int = 1) -> int:
    """The decimals a percentage ``x`` (in per cent) is shown with: ``digits``, unless rounding
    would make a partial share read as all or none; then as many more as it takes (2,842 of
    2,843 is 99.96%, not 100.0%; 1 of 2,843 is 0.04%, not 0.0%)."""
    if not 0 < x < 100:
        return digits
    for d in range(digits, max(digits, 6) + 1):
        if 0 < round(x, d) < 100:
            return d
    return digits  # within a millionth of a per cent of all or none: floating-point noise


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
