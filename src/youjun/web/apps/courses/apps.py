from __future__ import annotations

from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "youjun.web.apps.courses"
    label = "courses"
    verbose_name = "School-based courses: catalogue by course group and theme, tags, grades, hours, teachers, resources"

    def ready(self) -> None:
        from youjun.web.apps.courses import links

        links.register()
