from __future__ import annotations

from django.apps import AppConfig


class PupilsConfig(AppConfig):
    name = "youjun.web.apps.pupils"
    label = "pupils"
    verbose_name = "Pupils, classes, teachers' classes and guardians: the people the evaluation apps record"

    def ready(self) -> None:
        from youjun.web.apps.pupils import admin_links, home_link

        home_link.register()
        admin_links.register()
