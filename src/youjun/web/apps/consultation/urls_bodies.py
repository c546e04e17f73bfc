"""URLs of running a body: bodies, a body's overview, people, roster import, departments,
studios and settings."""

from __future__ import annotations

from django.urls import URLPattern, path

from youjun.web.apps.consultation import views_bodies as v

urlpatterns: list[URLPattern] = [
    path("bodies/", v.bodies, name="bodies"),
    path("b/<slug:code>/", v.body, name="body"),
    path("b/<slug:code>/people/", v.body_people, name="body_people"),
    path("b/<slug:code>/people/<int:pk>/", v.body_person, name="body_person"),
    path("b/<slug:code>/roster/", v.body_roster, name="body_roster"),
    path("b/<slug:code>/roster/template.xlsx", v.body_roster_template, name="body_roster_template"),
    path("b/<slug:code>/roster/confirm/", v.body_roster_confirm, name="body_roster_confirm"),
    path("b/<slug:code>/departments/", v.body_departments, name="body_departments"),
    path("b/<slug:code>/departments/<int:pk>/", v.body_department, name="body_department"),
    path("b/<slug:code>/studios/", v.body_studios, name="body_studios"),
    path("b/<slug:code>/studios/<int:pk>/", v.body_studio, name="body_studio"),
    path("b/<slug:code>/settings/", v.body_settings, name="body_settings"),
    path("b/<slug:code>/audit/", v.body_audit, name="body_audit"),
]
