from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.workforce.appraisal import views

app_name = "workforce_appraisal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("s/<str:code>/", views.school, name="school"),
    path("s/<str:code>/tracks/", views.tracks, name="tracks"),
    path("r/<int:pk>/", views.round_page, name="round"),
    path("r/<int:pk>/add/", views.round_add, name="round_add"),
    path("r/<int:pk>/close/", views.round_close, name="round_close"),
    path("p/<int:pk>/", views.participant, name="participant"),
    path("p/<int:pk>/raters/", views.raters, name="raters"),
    path("p/<int:pk>/survey/", views.survey, name="survey"),
    path("p/<int:pk>/feedback/", views.feedback, name="feedback"),
    path("p/<int:pk>/decision/", views.decision, name="decision"),
    path("mine/", views.mine, name="mine"),
    path("f/<int:pk>/", views.rate, name="rate"),
]
