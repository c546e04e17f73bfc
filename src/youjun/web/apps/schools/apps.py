from __future__ import annotations

from django.apps import AppConfig


class SchoolsConfig(AppConfig):
    name = "youjun.web.apps.schools"
    label = "schools"
    verbose_name = "Schools: uploads, school-year snapshots, school submissions"
