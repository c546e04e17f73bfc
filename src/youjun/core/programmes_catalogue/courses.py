"""Catalogue entries of school-based courses (E1320–E1334)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (E for errors, W for warnings)

SPECS: tuple[ErrorSpec, ...] = ()
