from __future__ import annotations

from django.apps import AppConfig


class StudiosConfig(AppConfig):
    name = "youjun.web.apps.workforce.studios"
    label = "workforce_studios"
    verbose_name = "Famous-teacher studios: host, members, plans, outputs and yearly reviews"

    def ready(self) -> None:
        from youjun.web.apps.workforce.studios import links

        links.register()
