"""The national student physical-fitness standard (2014): results, scores, report cards, statistics."""
from __future__ import annotations

from django.apps import AppConfig


class FitnessConfig(AppConfig):
    name = "youjun.web.apps.fitness"
    label = "fitness"
    verbose_name = "The national student physical-fitness standard (2014): results, scores, report cards, statistics"

    def ready(self) -> None:
        from youjun.web.apps.fitness import links

        links.register()
