from __future__ import annotations

from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "youjun.web.apps.platform"
    label = "platform"
    verbose_name = "Platform: organisations, users, roles, audit"
