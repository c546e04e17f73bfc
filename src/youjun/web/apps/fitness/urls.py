from __future__ import annotations

from django.urls import path

from youjun.web.apps.fitness import views

app_name = "fitness"

urlpatterns = [
    path("", views.index, name="index"),
    path("s/<str:code>/", views.school_latest, name="school_latest"),
    path("s/<str:code>/import/", views.import_results, name="import"),
    path("s/<str:code>/import/confirm/", views.import_confirm, name="import_confirm"),
    path("s/<str:code>/<str:year>/", views.school, name="school"),
    path("s/<str:code>/<str:year>/scores.csv", views.scores_csv, name="scores_csv"),
    path("s/<str:code>/<str:year>/scores.xlsx", views.scores_xlsx, name="scores_xlsx"),
    path("s/<str:code>/<str:year>/upload.xlsx", views.upload_xlsx, name="upload_xlsx"),
    path("c/<int:pk>/", views.class_page, name="class"),
    path("p/<int:pk>/", views.pupil_latest, name="pupil_latest"),
    path("p/<int:pk>/<str:year>/", views.pupil, name="pupil"),
    path("d/<str:code>/", views.district_latest, name="district_latest"),
    path("d/<str:code>/<str:year>/", views.district, name="district"),
    path("d/<str:code>/<str:year>/schools.xlsx", views.district_xlsx, name="district_xlsx"),
]
