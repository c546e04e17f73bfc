from __future__ import annotations

from django.apps import AppConfig


class OverviewConfig(AppConfig):
    name = "youjun.web.apps.overview"
    label = "overview"
    verbose_name = ("The district overview: the figures the source pages quote, computed from records; "
                    "school building works")

    def ready(self) -> None:
        from youjun.web.apps.overview import figures, links

        figures.register()
        links.register()
