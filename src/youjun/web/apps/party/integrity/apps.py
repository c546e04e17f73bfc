from __future__ import annotations

from django.apps import AppConfig


class PartyIntegrityConfig(AppConfig):
    name = "youjun.web.apps.party.integrity"
    label = "party_integrity"
    verbose_name = "Clean schools and teacher ethics: activities, campaigns, publicity, restricted ethics cases"

    def ready(self) -> None:
        from youjun.web.apps.party.integrity import figures, links

        links.register()
        figures.register()
