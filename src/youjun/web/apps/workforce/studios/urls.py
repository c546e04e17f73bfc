from __future__ import annotations

from django.urls import path

from youjun.web.apps.workforce.studios import views as v

app_name = "workforce_studios"

urlpatterns = [
    path("d/<str:code>/", v.district_list, name="district"),
    path("d/<str:code>/new/", v.studio_new, name="studio_new"),
    path("s/<str:code>/", v.school_list, name="school"),
    path("mine/", v.mine, name="mine"),
    path("t/<int:pk>/", v.teacher, name="teacher"),
    path("<int:pk>/", v.studio, name="studio"),
    path("<int:pk>/edit/", v.studio_edit, name="studio_edit"),
    path("<int:pk>/members/", v.members, name="members"),
    path("<int:pk>/plan/", v.plan, name="plan"),
    path("<int:pk>/outputs/", v.output_add, name="output_add"),
    path("<int:pk>/review/", v.review, name="review"),
    path("output/<int:pk>/evidence/", v.evidence, name="evidence"),
]
