from __future__ import annotations

from django.apps import AppConfig


class ConsultationConfig(AppConfig):
    name = "youjun.web.apps.consultation"
    label = "consultation"
    verbose_name = "渝事好商量: consultation from a resident's concern to a rated result"

    def ready(self) -> None:
        from youjun.web.apps.consultation import recognition_feed  # noqa: F401  (registers the survey's figure)
