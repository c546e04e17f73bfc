"""The consultation pages under /consult/: one URL list per area, joined here."""

from __future__ import annotations

from youjun.web.apps.consultation import (
    urls_bodies,
    urls_handling,
    urls_meetings,
    urls_publishing,
    urls_resident,
    urls_survey,
)

app_name = "consultation"
urlpatterns = [
    *urls_resident.urlpatterns,
    *urls_handling.urlpatterns,
    *urls_meetings.urlpatterns,
    *urls_publishing.urlpatterns,
    *urls_survey.urlpatterns,
    *urls_bodies.urlpatterns,
]
