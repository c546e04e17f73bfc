"""URLs of the consultation area: meetings (the four venues), bulk progress, moderation."""

from __future__ import annotations

from django.urls import URLPattern, path

from youjun.web.apps.consultation import views_meetings as v

urlpatterns: list[URLPattern] = [
    path("meetings/", v.meetings, name="meetings"),
    path("meetings/<int:pk>/", v.meeting, name="meeting"),
    path("b/<slug:code>/meetings/new/", v.meeting_new, name="meeting_new"),
    path("bulk/", v.bulk, name="bulk"),
    path("bulk/template.xlsx", v.bulk_template, name="bulk_template"),
    path("bulk/confirm/", v.bulk_confirm, name="bulk_confirm"),
    path("b/<slug:code>/moderation/", v.moderation, name="moderation"),
]
