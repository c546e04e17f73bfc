from __future__ import annotations

from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "youjun.web.apps.consultation"
    label = "consultation"
    verbose_name = "渝事好商量: consultation from a resident's concern to a rated result"

    def ready(self) -> None:
        from youjun.web.apps.consultation import (  # noqa: F401  (they register on import)
            home_link,  # where the home page sends a resident
            recognition_feed,  # the survey's figure for the assessment
            school_links,  # panels on school and district pages, rectification notes
        )
