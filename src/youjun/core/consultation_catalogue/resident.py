"""Catalogue entries of this consultation area (see the package's docstring for its range)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = (
)
