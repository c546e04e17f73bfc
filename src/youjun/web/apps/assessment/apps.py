from __future__ import annotations

from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "youjun.web.apps.assessment"
    label = "assessment"
    verbose_name = "Assessment: runs, results, reports"
