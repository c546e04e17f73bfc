from __future__ import annotations

from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "youjun.web.apps.workforce.training"
    label = "workforce_training"
    verbose_name = "The training ledger: courses, sessions, attendance and each teacher's 5-year cycle"

    def ready(self) -> None:
        from youjun.web.apps.workforce.training import links

        links.register()
