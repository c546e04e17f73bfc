from __future__ import annotations

from django.apps import AppConfig


class GrowthConfig(AppConfig):
    name = "youjun.web.apps.workforce.growth"
    label = "workforce_growth"
    verbose_name = "Growth stages as a configurable ladder, with evidence and promotion reviews"

    def ready(self) -> None:
        from youjun.web.apps.workforce.growth import links

        links.register()
