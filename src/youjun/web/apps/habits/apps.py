"""Good-habit formation (习惯培养): habits, schedules, check-ins, reviews, trends."""
from __future__ import annotations

from django.apps import AppConfig


class HabitsConfig(AppConfig):
    name = "youjun.web.apps.habits"
    label = "habits"
    verbose_name = "Good-habit formation (习惯培养): habits, schedules, check-ins, reviews, trends"

    def ready(self) -> None:
        from youjun.web.apps.habits import links

        links.register()
