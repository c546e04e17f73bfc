from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.workforce.growth import views

app_name = "workforce_growth"

urlpatterns: list[URLPattern | URLResolver] = [
    path("teacher/<int:pk>/", views.teacher, name="teacher"),
    path("teacher/<int:pk>/apply/", views.apply, name="apply"),
    path("application/<int:pk>/", views.application, name="application"),
    path("application/<int:pk>/evidence/<int:item>/", views.evidence, name="evidence"),
    path("queue/", views.queue, name="queue"),
    path("d/<str:code>/", views.district, name="district"),
    path("d/<str:code>/panel/", views.panel, name="panel"),
    path("d/<str:code>/ladder/", views.ladder, name="ladder"),
    path("s/<str:code>/", views.school, name="school"),
]
