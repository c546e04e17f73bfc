from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.vocational import views

app_name = "vocational"

urlpatterns: list[URLPattern | URLResolver] = [
    path("district/<str:code>/", views.district, name="district"),
    path("centre/<int:pk>/", views.centre, name="centre"),
    path("centre/<int:pk>/majors/", views.majors, name="majors"),
    path("centre/<int:pk>/partners/", views.partners, name="partners"),
    path("centre/<int:pk>/teachers/", views.teachers, name="teachers"),
    path("centre/<int:pk>/competitions/", views.competitions, name="competitions"),
    path("centre/<int:pk>/training/", views.training, name="training"),
    path("centre/<int:pk>/destinations/", views.destinations, name="destinations"),
    path("major/<int:pk>/", views.major, name="major"),
    path("major/<int:pk>/pilot/", views.pilot, name="pilot"),
    path("pilot/<int:pk>/result/", views.pilot_result, name="pilot_result"),
    path("partner/<int:pk>/placements/", views.placements, name="placements"),
    path("competition/<int:pk>/", views.competition, name="competition"),
    path("teacher/<int:pk>/", views.teacher, name="teacher"),
    path("recognition/<int:pk>/file/", views.evidence, name="evidence"),
]
