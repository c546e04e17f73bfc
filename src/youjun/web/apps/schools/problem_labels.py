"""Where a problem is, in the reader's language: the one function the CLI shares
(``youjun.ingest.places``), kept under its old name for the pages that import it here."""

from __future__ import annotations

from youjun.ingest.places import place, where

__all__ = ["place", "where"]
