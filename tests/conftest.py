"""`make test` runs two lanes side by side on the two cores CI has (the Makefile says which):
``YOUJUN_TEST_LANE=main`` leaves out the slow tests outside tests/web, and
``YOUJUN_TEST_LANE=side`` runs only those (after the web suite on PostgreSQL). Without the
variable every test runs, as a plain ``pytest`` does."""

from __future__ import annotations

import os

import pytest


def _side(item: pytest.Item) -> bool:
    return item.get_closest_marker("slow") is not None and not item.nodeid.startswith("tests/web/")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    lane = os.environ.get("YOUJUN_TEST_LANE", "")
    if lane not in ("main", "side"):
        return
    keep, dropped = [], []
    for item in items:
        (keep if _side(item) == (lane == "side") else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
