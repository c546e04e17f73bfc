from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.workforce.training import views

app_name = "workforce_training"

urlpatterns: list[URLPattern | URLResolver] = [
    path("d/<str:code>/", views.district, name="district"),
    path("d/<str:code>/export.xlsx", views.district_export, name="district_export"),
    path("d/<str:code>/courses/", views.courses, name="courses"),
    path("d/<str:code>/settings/", views.settings, name="settings"),
    path("s/<str:code>/", views.school, name="school"),
    path("s/<str:code>/export.xlsx", views.school_export, name="school_export"),
    path("t/<int:pk>/", views.teacher, name="teacher"),
    path("course/<int:pk>/", views.course, name="course"),
    path("session/<int:pk>/", views.session, name="session"),
    path("session/<int:pk>/attend/", views.session_attend, name="session_attend"),
    path("session/<int:pk>/confirm/", views.session_confirm, name="session_confirm"),
    path("session/<int:pk>/template.xlsx", views.session_template, name="session_template"),
]
