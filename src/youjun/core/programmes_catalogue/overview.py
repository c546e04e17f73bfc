"""Catalogue entries of the district overview and school building works (E1335–E1349)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (E for errors, W for warnings)

SPECS: tuple[ErrorSpec, ...] = ()
