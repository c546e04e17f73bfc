from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.workforce import views, views_dashboard

app_name = "workforce"

urlpatterns: list[URLPattern | URLResolver] = [
    path("me/", views.me, name="me"),
    path("d/<str:code>/", views.district_list, name="district"),
    path("d/<str:code>/export/", views.district_export, name="district_export"),
    path("d/<str:code>/add/", views.teacher_add, name="teacher_add"),
    path("d/<str:code>/import/", views.district_import, name="import"),
    path("d/<str:code>/import/confirm/", views.district_import_confirm, name="import_confirm"),
    path("d/<str:code>/import/snapshot/", views.district_import_snapshot, name="import_snapshot"),
    path("d/<str:code>/import/template/", views.district_import_template, name="import_template"),
    path("s/<str:code>/", views.school_list, name="school"),
    path("s/<str:code>/export/", views.school_export, name="school_export"),
    path("t/<int:pk>/", views.teacher, name="teacher"),
    path("t/<int:pk>/edit/", views.teacher_edit, name="teacher_edit"),
    path("t/<int:pk>/rotate/", views.rotate, name="rotate"),
    path("t/<int:pk>/qualification/", views.qualification_add, name="qualification_add"),
    path("t/<int:pk>/title/", views.title_add, name="title_add"),
    path("t/<int:pk>/key/", views.key_add, name="key_add"),
    path("t/<int:pk>/key/end/", views.key_end, name="key_end"),
    path("t/<int:pk>/honour/", views.honour_add, name="honour_add"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
    # the workforce dashboard (issue 14 §7) and the records behind each figure (W7)
    path("d/<str:code>/dashboard/", views_dashboard.dashboard, name="dashboard"),
    path("d/<str:code>/dashboard/<str:figure>/", views_dashboard.records, name="dashboard_records"),
]
