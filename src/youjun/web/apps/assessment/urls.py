from __future__ import annotations

from django.urls import path

from youjun.web.apps.assessment import county_files, views

app_name = "assessment"
urlpatterns = [
    path("d/<str:code>/runs/", views.start, name="start"),
    path("runs/<int:pk>/", views.run, name="run"),
    path("runs/<int:pk>/status.json", views.run_status, name="run_status"),
    path("runs/<int:pk>/s/<str:code>/", views.school, name="school"),
    path("runs/<int:pk>/download/<str:fmt>/", views.download, name="download"),
    path("runs/<int:pk>/reports/<int:rid>/", views.report_wait, name="report_wait"),
    path("runs/<int:pk>/reports/<int:rid>/status.json", views.report_status, name="report_status"),
    path("runs/<int:pk>/self-evaluation.docx", county_files.self_evaluation, name="self_evaluation"),
    path("runs/<int:pk>/county-tables.xlsx", county_files.county_tables, name="county_tables"),
    path("p/<str:code>/", views.province, name="province"),
    path("p/<str:code>/districts.xlsx", views.province_xlsx, name="province_xlsx"),
]
