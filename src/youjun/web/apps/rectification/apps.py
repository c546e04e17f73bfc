from __future__ import annotations

from django.apps import AppConfig


class RectificationConfig(AppConfig):
    name = "youjun.web.apps.rectification"
    label = "rectification"
    verbose_name = "Rectification list and year-over-year comparison"
