from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.groups import views

app_name = "groups"

urlpatterns: list[URLPattern | URLResolver] = [
    path("district/<str:code>/", views.district, name="district"),
    path("district/<str:code>/move/", views.move, name="move"),
    path("district/<str:code>/create/", views.create, name="create"),
    path("district/<str:code>/adopt/", views.adopt, name="adopt"),
    path("district/<str:code>/quality/", views.quality, name="quality"),
    path("district/<str:code>/compare/", views.compare, name="compare"),
    path("district/<str:code>/areas/", views.areas, name="areas"),
    path("quality/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("group/<int:pk>/", views.group, name="group"),
    path("group/<int:pk>/course/", views.course, name="course"),
    path("group/<int:pk>/research/", views.research, name="research"),
    path("area/<int:pk>/", views.area, name="area"),
    path("area/<int:pk>/session/", views.session, name="session"),
]
