"""youjun.web — the Django platform: districts, schools and assessments in the browser.

``config/`` is the Django project (settings read ``DATABASE_URL``: SQLite under the data
directory by default, PostgreSQL when it says ``postgresql://``); ``apps/`` holds one app per
domain — ``platform`` (organisations, users, roles, audit, tokens), ``schools`` (uploads,
snapshots, school submissions) and ``assessment`` (runs, dashboard, reports). Each app
writes through ``services.py`` and reads through ``selectors.py``; views stay thin, and every
view and API call is scoped by ``apps.platform.scoping``.
"""

from __future__ import annotations

import os

SETTINGS_MODULE = "youjun.web.config.settings"


def setup() -> None:
    """Configure Django for use outside manage.py (CLI, scripts, benchmarks)."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    django.setup()
