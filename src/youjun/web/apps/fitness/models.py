"""Models of the fitness app."""

from __future__ import annotations
