from __future__ import annotations

from django.apps import AppConfig


class AppraisalConfig(AppConfig):
    name = "youjun.web.apps.workforce.appraisal"
    label = "workforce_appraisal"
    verbose_name = "Differentiated teacher evaluation: tracks, criteria, raters, forms, feedback"

    def ready(self) -> None:
        from youjun.web.apps.workforce.appraisal import links

        links.register()
