"""The vocabulary of judgments: reasons, item results, comparisons and the rounding rule.

Pure standard library. Every judge in ``items``, ``evidence`` and ``verdict`` speaks it, so a
report can list any failing element the same way: a stable key, Chinese and English text,
the figure, the limit and the gap to close.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

PASS = "pass"
FAIL = "fail"
EVIDENCE_MISSING = "evidence_missing"
STATUSES = (PASS, FAIL, EVIDENCE_MISSING)

# Guards comparisons against binary floating-point noise (21/500*100 is not exactly 4.2);
# it is a numerical tolerance, far below any figure a document states, not a policy margin.
_REL_TOL = 1e-9


def _tol(limit: float) -> float:
    return _REL_TOL * max(1.0, abs(limit))


# at_least and at_most run once per teacher and class of a province: the tolerance is written
# out in them (the same arithmetic as _tol) rather than called.

def at_least(figure: float, limit: float) -> bool:
    """figure ≥ limit (以上、不低于、达到)."""
    size = abs(limit)
    return figure >= limit - _REL_TOL * (size if size > 1.0 else 1.0)


def at_most(figure: float, limit: float) -> bool:
    """figure ≤ limit (不超过、小于或等于)."""
    size = abs(limit)
    return figure <= limit + _REL_TOL * (size if size > 1.0 else 1.0)


def lowest_at_least(limit: float) -> float:
    """The least figure ``at_least(figure, limit)`` accepts (the same arithmetic): a judge of
    thousands of rows against one limit compares each with it instead of calling ``at_least``."""
    size = abs(limit)
    return limit - _REL_TOL * (size if size > 1.0 else 1.0)


def highest_at_most(limit: float) -> float:
    """The greatest figure ``at_most(figure, limit)`` accepts (the same arithmetic)."""
    size = abs(limit)
    return limit + _REL_TOL * (size if size > 1.0 else 1.0)


def below(figure: float, limit: float) -> bool:
    """figure < limit, strictly (小于); a figure equal to the limit fails."""
    return figure < limit - _tol(limit)


def round_half_up(value: float, decimals: int) -> float:
    """Round as the published tables do: half away from zero on the shortest decimal form.

    ``round()`` would round 0.5005 to 0.5 (binary float and banker's rounding); the
    documents' tables show 0.501.
    """
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def percent(part: float, whole: float) -> float:
    return 100.0 * part / whole


def fmt(x: Any) -> str:
    """A number as a person writes it: no trailing zeros, at most 4 decimals."""
    if isinstance(x, bool) or x is None:
        return str(x)
    if isinstance(x, int):
        return f"{x:,}" if abs(x) >= 10_000 else str(x)
    if isinstance(x, float):
        if math.isnan(x):
            return "—"
        if x.is_integer():
            return fmt(int(x))
        return f"{x:.4f}".rstrip("0").rstrip(".")
    return str(x)


def gap_up(figure: float, limit: float) -> float:
    """How much must be added to reach a minimum (0 when met)."""
    return max(0.0, float(limit) - float(figure))


def gap_down(figure: float, limit: float) -> float:
    """How much must be removed to come under a maximum (0 when met)."""
    return max(0.0, float(figure) - float(limit))


@dataclass(frozen=True)
class Reason:
    """One thing that keeps an element (school, CV, item, veto) from passing."""

    key: str  # stable, code-like: "<element>.<what>", e.g. "g5.class_too_large"
    zh: str
    en: str
    subject: str = ""  # the school, class, level/indicator or item concerned
    figure: Any = None
    limit: Any = None
    gap: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "subject": self.subject, "zh": self.zh, "en": self.en,
                "figure": self.figure, "limit": self.limit, "gap": self.gap}


@dataclass(frozen=True)
class ItemResult:
    """The finding on one G/Q item, social recognition, a veto or a precondition."""

    key: str
    status: str  # "pass" | "fail" | "evidence_missing"
    figures: dict[str, Any] = field(default_factory=dict)
    failing: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    attestations: list[dict[str, Any]] = field(default_factory=list)  # who attested what, when
    findings: list[Any] = field(default_factory=list)  # youjun.core.findings.Finding, one per subject

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {self.status!r}")

    @property
    def passes(self) -> bool:
        return self.status == PASS

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key, "status": self.status, "figures": dict(self.figures),
            "failing": list(self.failing), "reasons": [r.to_dict() for r in self.reasons],
            "attestations": list(self.attestations),
        }


def combine_status(failed: bool, missing: bool) -> str:
    """A definite failure outranks missing data; missing data never passes."""
    if failed:
        return FAIL
    return EVIDENCE_MISSING if missing else PASS
