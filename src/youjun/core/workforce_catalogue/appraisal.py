"""Catalogue entries of differentiated teacher evaluation (E1215–E1229)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec, W  # noqa: F401  (W is for warnings)

SPECS: tuple[ErrorSpec, ...] = ()
