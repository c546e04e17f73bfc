from __future__ import annotations

from django.urls import path

from youjun.web.apps.habits import views

app_name = "habits"

urlpatterns = [
    path("s/<str:code>/", views.school, name="school"),
    path("s/<str:code>/new/", views.new_habit, name="new"),
    path("s/<str:code>/examples/", views.load_examples, name="examples"),
    path("s/<str:code>/trend/", views.school_trend, name="school_trend"),
    path("h/<int:pk>/", views.habit, name="habit"),
    path("p/<int:pk>/", views.pupil, name="pupil"),
    path("p/<int:pk>/summary/", views.summary, name="summary"),
    path("c/<int:pk>/", views.class_grid, name="class"),
    path("c/<int:pk>/review/", views.review, name="review"),
    path("c/<int:pk>/trend/", views.trend, name="trend"),
]
