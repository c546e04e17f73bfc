from __future__ import annotations

from django.urls import path

from youjun.web.apps.planning import views

app_name = "planning"
urlpatterns = [
    path("d/<str:code>/plans/", views.index, name="index"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/status.json", views.status, name="status"),
    path("plans/<int:pk>/download/<str:fmt>/", views.download, name="download"),
]
