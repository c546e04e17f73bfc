"""Pupil comprehensive quality evaluation (综合素质评价): records, publication, objections, archive."""
from __future__ import annotations

from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "youjun.web.apps.quality"
    label = "quality"
    verbose_name = "Pupil comprehensive quality evaluation (综合素质评价): records, publication, objections, archive"

    def ready(self) -> None:
        from youjun.web.apps.quality import links

        links.register()
