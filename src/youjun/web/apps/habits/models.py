"""Models of the habits app."""

from __future__ import annotations
