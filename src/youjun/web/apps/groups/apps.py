from __future__ import annotations

from django.apps import AppConfig


class GroupsConfig(AppConfig):
    name = "youjun.web.apps.groups"
    label = "groups"
    verbose_name = "Education groups: dated membership, sharing, joint research areas, coverage"

    def ready(self) -> None:
        from youjun.web.apps.groups import figures, links

        links.register()
        figures.register()
