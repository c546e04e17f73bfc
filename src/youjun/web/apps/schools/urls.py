from __future__ import annotations

from django.urls import path

from youjun.web.apps.schools import views

app_name = "schools"
urlpatterns = [
    path("d/<str:code>/", views.district, name="district"),
    path("d/<str:code>/upload/", views.upload, name="upload"),
    path("d/<str:code>/uploads/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("d/<str:code>/uploads/<int:pk>/problems.csv", views.upload_problems, name="upload_problems"),
    path("d/<str:code>/uploads/<int:pk>/problems.xlsx", views.upload_problems_xlsx, name="upload_problems_xlsx"),
    path("d/<str:code>/template.xlsx", views.template_download, name="template"),
    path("d/<str:code>/example.xlsx", views.example_download, name="example"),
    path("d/<str:code>/uploads/<int:pk>/confirm/", views.upload_confirm, name="upload_confirm"),
    path("d/<str:code>/uploads/<int:pk>/discard/", views.upload_discard, name="upload_discard"),
    path("d/<str:code>/submissions/", views.submissions, name="submissions"),
    path("d/<str:code>/submissions/<int:pk>/", views.submission_review, name="submission_review"),
    path("s/<str:code>/", views.school, name="school"),
    path("s/<str:code>/form/<str:year>/", views.school_form, name="school_form"),
    path("s/<str:code>/template.xlsx", views.school_template_download, name="school_template"),
    path("s/<str:code>/example.xlsx", views.school_example_download, name="school_example"),
]
