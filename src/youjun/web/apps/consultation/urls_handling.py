"""URLs of the consultation area: handling (the work list, an item's steps, assisted entry,
answer templates, milestones, notices, evidence files)."""

from __future__ import annotations

from django.urls import URLPattern, path

from youjun.web.apps.consultation import views_handling as v

urlpatterns: list[URLPattern] = [
    path("work/", v.work, name="work"),
    path("work/overdue/", v.overdue, name="overdue"),
    path("work/<int:pk>/", v.work_item, name="work_item"),
    path("work/<int:pk>/milestones/", v.milestones, name="milestones"),
    path("work/record/<slug:code>/", v.record, name="record"),
    path("work/templates/<slug:code>/", v.templates, name="templates"),
    path("notices/", v.notices, name="notices"),
    path("evidence/<int:pk>/", v.evidence, name="evidence"),
]
