from __future__ import annotations

from django.apps import AppConfig


class PartyBrandsConfig(AppConfig):
    name = "youjun.web.apps.party.brands"
    label = "party_brands"
    verbose_name = "Party-building brands: applications, review, approval, brand-school acceptance"

    def ready(self) -> None:
        from youjun.web.apps.party.brands import links

        links.register()
