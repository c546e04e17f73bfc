"""Differentiated teacher evaluation: tracks, criteria, raters, forms, feedback."""

from __future__ import annotations
