"""A date as people type it into a form of the site (a filter, a deadline)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$")


def typed_date(text: str | None) -> dt.date | None:
    """2026-12-02, 2026/12/2, 2026年12月2日 or 20261202 (full-width digits too); anything else,
    an impossible day included, is no date."""
    m = _DATE.match(unicodedata.normalize("NFKC", str(text or "")).strip())
    if not m:
        return None
    try:
        return dt.date(*(int(x) for x in (m.groups()[:3] if m.group(1) else m.groups()[3:])))
    except ValueError:
        return None
