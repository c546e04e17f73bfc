from __future__ import annotations

from django.apps import AppConfig


class VocationalConfig(AppConfig):
    name = "youjun.web.apps.vocational"
    label = "vocational"
    verbose_name = ("The vocational centre: majors, 1+X pilots, apprenticeships, partners, double-qualified "
                    "teachers, competitions, training, destinations")

    def ready(self) -> None:
        from youjun.web.apps.vocational import figures, links

        links.register()
        figures.register()
