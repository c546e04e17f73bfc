from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.overview import views

app_name = "overview"

urlpatterns: list[URLPattern | URLResolver] = [
    path("district/<str:code>/", views.district, name="district"),
    path("district/<str:code>/export.xlsx", views.district_xlsx, name="district_xlsx"),
    path("district/<str:code>/export.pdf", views.district_pdf, name="district_pdf"),
    path("district/<str:code>/works/", views.works, name="works"),
    path("district/<str:code>/works/export.xlsx", views.works_export, name="works_export"),
    path("district/<str:code>/works/add/", views.work_add, name="work_add"),
    path("district/<str:code>/works/import/", views.works_import_view, name="works_import"),
    path("district/<str:code>/works/import/confirm/", views.works_import_confirm, name="works_import_confirm"),
    path("district/<str:code>/works/import/template.xlsx", views.works_template, name="works_template"),
    path("work/<int:pk>/", views.work, name="work"),
    path("work/<int:pk>/evidence/", views.work_evidence, name="work_evidence"),
]
