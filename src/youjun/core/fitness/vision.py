"""Vision screening categories (5-point scale) from ``rules/fitness-2014/vision.yaml``."""

from __future__ import annotations

from decimal import Decimal

from youjun.core.fitness.tables import FitnessTables


def vision_category(value: Decimal, tables: FitnessTables) -> str:
    """normal | mild | moderate | severe for one eye's naked-eye vision (≥ 5.0 normal)."""
    for cat in tables.vision["categories"]:
        if value >= Decimal(str(cat["min"])):
            return str(cat["key"])
    return str(tables.vision["categories"][-1]["key"])


def worse_eye(left: Decimal | None, right: Decimal | None) -> Decimal | None:
    """The pupil is classed by the worse eye (the lower value); None when neither was tested."""
    values = [v for v in (left, right) if v is not None]
    return min(values) if values else None
