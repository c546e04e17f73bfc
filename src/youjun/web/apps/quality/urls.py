from __future__ import annotations

from django.urls import path

from youjun.web.apps.quality import views

app_name = "quality"

urlpatterns = [
    path("p/<int:pk>/", views.pupil_page, name="pupil"),
    path("p/<int:pk>/records/", views.record_add, name="record_add"),
    path("p/<int:pk>/feeds/", views.feed_add, name="feed_add"),
    path("p/<int:pk>/select/", views.select, name="select"),
    path("p/<int:pk>/sign/", views.sign, name="sign"),
    path("p/<int:pk>/addendum/", views.addendum, name="addendum"),
    path("p/<int:pk>/archive/", views.archive, name="archive"),
    path("e/<int:pk>/", views.evidence, name="evidence"),
    path("c/<int:pk>/", views.class_page, name="class"),
    path("c/<int:pk>/publish/", views.publish, name="publish"),
    path("c/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("c/<int:pk>/grades/", views.grades, name="grades"),
    path("pub/<int:pk>/", views.publication, name="publication"),
    path("pub/<int:pk>/object/", views.object_, name="object"),
    path("objection/<int:pk>/answer/", views.answer, name="answer"),
    path("s/<str:code>/", views.school, name="school"),
    path("s/<str:code>/export/", views.export, name="export"),
    path("d/<str:code>/settings/", views.district_settings, name="settings"),
]
