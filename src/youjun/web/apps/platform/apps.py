from __future__ import annotations

from django.apps import AppConfig


class PlatformConfig(AppConfig):
    name = "youjun.web.apps.platform"
    label = "platform"
    verbose_name = "Platform: organisations, users, roles, audit"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from youjun.web.apps.platform.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="youjun-session-clock")
