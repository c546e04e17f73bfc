from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.courses import views

app_name = "courses"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("district/<str:code>/", views.district, name="district"),
    path("district/<str:code>/export.xlsx", views.district_export, name="district_export"),
    path("school/<str:code>/", views.school, name="school"),
    path("school/<str:code>/groups/", views.group_create, name="group_create"),
    path("school/<str:code>/adopt/", views.adopt, name="adopt"),
    path("school/<str:code>/new/", views.course_create, name="course_create"),
    path("group/<int:pk>/", views.group, name="group"),
    path("course/<int:pk>/", views.course, name="course"),
    path("course/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("course/<int:pk>/files/", views.file_add, name="file_add"),
    path("file/<int:pk>/", views.file, name="file"),
]
