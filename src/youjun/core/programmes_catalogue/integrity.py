"""Catalogue entries of clean schools and teacher ethics (E1285–E1299)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (E for errors, W for warnings)

SPECS: tuple[ErrorSpec, ...] = ()
