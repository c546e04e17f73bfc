from __future__ import annotations

from django.urls import path

from youjun.web.apps.schooleval import views as v

app_name = "schooleval"

urlpatterns = [
    path("d/<str:code>/tree/", v.tree, name="tree"),
    path("d/<str:code>/<str:year>/", v.overview, name="overview"),
    path("d/<str:code>/<str:year>/xlsx/", v.overview_xlsx, name="overview_xlsx"),
    path("s/<str:code>/", v.school_years, name="school_years"),
    path("s/<str:code>/<str:year>/", v.school, name="school"),
    path("s/<str:code>/<str:year>/review/", v.review, name="review"),
    path("s/<str:code>/<str:year>/evidence/<int:pk>/", v.evidence, name="evidence"),
]
