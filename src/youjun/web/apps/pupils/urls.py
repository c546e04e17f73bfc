from __future__ import annotations

from django.urls import path

from youjun.web.apps.pupils import views

app_name = "pupils"

urlpatterns = [
    path("me/", views.mine, name="mine"),
    path("s/<str:code>/", views.school, name="school"),
    path("c/<int:pk>/", views.class_page, name="class"),
    path("p/<int:pk>/", views.pupil_page, name="pupil"),
]
