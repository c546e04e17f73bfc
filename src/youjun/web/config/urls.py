"""URL map: pages by app, the JSON API under /api/, the language switch under /i18n/."""

from __future__ import annotations

from django.urls import include, path

from youjun.web.api import api

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("", include("youjun.web.apps.platform.urls")),
    path("", include("youjun.web.apps.schools.urls")),
    path("", include("youjun.web.apps.assessment.urls")),
    path("", include("youjun.web.apps.planning.urls")),
    path("", include("youjun.web.apps.rectification.urls")),
    path("consult/", include("youjun.web.apps.consultation.urls")),
    path("pupils/", include("youjun.web.apps.pupils.urls")),
    path("fitness/", include("youjun.web.apps.fitness.urls")),
    path("quality/", include("youjun.web.apps.quality.urls")),
    path("habits/", include("youjun.web.apps.habits.urls")),
    path("school-eval/", include("youjun.web.apps.schooleval.urls")),
    path("workforce/training/", include("youjun.web.apps.workforce.training.urls")),
    path("workforce/studios/", include("youjun.web.apps.workforce.studios.urls")),
    path("workforce/growth/", include("youjun.web.apps.workforce.growth.urls")),
    path("workforce/appraisal/", include("youjun.web.apps.workforce.appraisal.urls")),
    path("workforce/", include("youjun.web.apps.workforce.urls")),
    path("groups/", include("youjun.web.apps.groups.urls")),
    path("party/brands/", include("youjun.web.apps.party.brands.urls")),
    path("party/integrity/", include("youjun.web.apps.party.integrity.urls")),
    path("party/", include("youjun.web.apps.party.urls")),
    path("vocational/", include("youjun.web.apps.vocational.urls")),
    path("courses/", include("youjun.web.apps.courses.urls")),
    path("overview/", include("youjun.web.apps.overview.urls")),
]

handler404 = "youjun.web.apps.platform.views.not_found"
handler403 = "youjun.web.apps.platform.views.forbidden"
