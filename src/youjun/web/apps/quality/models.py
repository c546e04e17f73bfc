"""Models of the quality app."""

from __future__ import annotations
