"""Django tests of youjun.web (pytest-django).

The database is SQLite unless DATABASE_URL says postgresql://… — run the same suite on a
real PostgreSQL server with ``scripts/with-postgres.sh .venv/bin/pytest tests/web``.
Browser tests (real headless Chromium) are marked ``browser``: ``-m browser`` selects them,
``-m "not browser"`` leaves them out.
"""

from __future__ import annotations

import os
import tempfile

_DATA = tempfile.mkdtemp(prefix="youjun-web-test-")
os.environ.setdefault("YOUJUN_DATA_DIR", _DATA)
os.environ.setdefault("YOUJUN_TASKS", "eager")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youjun.web.config.settings")

import django  # noqa: E402
import pytest  # noqa: E402

django.setup()  # pytest-django configures late when the settings come from a conftest

from tests.web.workforce.wfworld import WFWorld, build_wfworld  # noqa: E402
from tests.web.world import World, build_world  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: real headless Chromium tests (Playwright, Debian chromium)")


@pytest.fixture(autouse=True)
def _fast_hashing(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.YOUJUN_TASKS = "eager"
    settings.YOUJUN_REPORTS_AT_RUN = ""  # rendered on download where a test wants them


@pytest.fixture
def world(db) -> World:  # type: ignore[no-untyped-def]
    return build_world()


@pytest.fixture
def wfworld(world: World) -> WFWorld:
    """The world with the workforce registers filled (teachers, training, studios, growth)."""
    return build_wfworld(world)
