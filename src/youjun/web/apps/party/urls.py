from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.party import views

app_name = "party"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("district/<str:code>/", views.district, name="district"),
    path("district/<str:code>/organisation/", views.org_create, name="org_create"),
    path("district/<str:code>/organisation/change/", views.org_update, name="org_update"),
    path("district/<str:code>/compliance/", views.compliance, name="compliance"),
    path("district/<str:code>/compliance.xlsx", views.compliance_export, name="compliance_export"),
    path("district/<str:code>/decisions/", views.decisions, name="decisions"),
    path("district/<str:code>/decisions.xlsx", views.decisions_export, name="decisions_export"),
    path("school/<str:code>/", views.school, name="school"),
    path("school/<str:code>/post/", views.appoint, name="appoint"),
    path("school/<str:code>/post/end/", views.end_holding, name="end_holding"),
    path("school/<str:code>/duties/", views.duties, name="duties"),
    path("school/<str:code>/meeting/", views.meeting, name="meeting"),
    path("school/<str:code>/meeting/<int:pk>/", views.meeting_edit, name="meeting_edit"),
    path("school/<str:code>/meeting/<int:pk>/delete/", views.meeting_delete, name="meeting_delete"),
    path("group/<int:pk>/", views.group, name="group"),
    path("group/<int:pk>/community/", views.community, name="community"),
    path("file/<int:pk>/", views.file, name="file"),
]
