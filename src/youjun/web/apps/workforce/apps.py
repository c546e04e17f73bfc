from __future__ import annotations

from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "youjun.web.apps.workforce"
    label = "workforce"
    verbose_name = "Teachers' career records: posts, rotations, qualifications, titles, key tiers, honours"

    def ready(self) -> None:
        from youjun.web.apps.workforce import dashboard, figures, home_link

        home_link.register()
        dashboard.register()
        figures.register()
