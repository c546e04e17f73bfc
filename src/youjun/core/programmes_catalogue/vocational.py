"""Catalogue entries of the vocational centre (E1300–E1319)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (E for errors, W for warnings)

SPECS: tuple[ErrorSpec, ...] = ()
