"""Catalogue entries of school party organisation (E1250–E1269)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (E for errors, W for warnings)

SPECS: tuple[ErrorSpec, ...] = ()
