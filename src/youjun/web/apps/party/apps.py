from __future__ import annotations

from django.apps import AppConfig


class PartyConfig(AppConfig):
    name = "youjun.web.apps.party"
    label = "party"
    verbose_name = "School party organisation: organisations, posts, duty lists, meetings, group community checklists"

    def ready(self) -> None:
        from youjun.web.apps.party import links

        links.register()
