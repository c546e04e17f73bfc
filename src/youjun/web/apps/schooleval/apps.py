"""School evaluation by the 2021 compulsory-education quality guide: indicator tree, self-evaluation, review."""
from __future__ import annotations

from django.apps import AppConfig


class SchoolevalConfig(AppConfig):
    name = "youjun.web.apps.schooleval"
    label = "schooleval"
    verbose_name = "School evaluation by the 2021 guide: indicator tree, self-evaluation, review"

    def ready(self) -> None:
        from youjun.web.apps.schooleval import school_links  # noqa: F401  (registers the school panel)
