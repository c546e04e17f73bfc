from __future__ import annotations

from django.urls import path

from youjun.web.apps.rectification import views

app_name = "rectification"
urlpatterns = [
    path("runs/<int:pk>/rectification/", views.district_list, name="list"),
    path("runs/<int:pk>/rectification/assign/", views.assign, name="assign"),
    path("runs/<int:pk>/rectification.xlsx", views.xlsx, name="xlsx"),
    path("runs/<int:pk>/s/<str:code>/rectification/", views.school_list, name="school"),
    path("d/<str:code>/compare/", views.compare, name="compare"),
    path("s/<str:code>/compare/", views.school_compare, name="school_compare"),
]
