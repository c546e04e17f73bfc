from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.party.brands import views

app_name = "party_brands"

urlpatterns: list[URLPattern | URLResolver] = [
    path("district/<str:code>/", views.district, name="district"),
    path("district/<str:code>/export/", views.export, name="export"),
    path("district/<str:code>/queue/", views.queue, name="queue"),
    path("district/<str:code>/schools/", views.brand_schools, name="schools"),
    path("school/<str:code>/", views.school, name="school"),
    path("brand/<int:pk>/", views.brand, name="brand"),
    path("brand/<int:pk>/edit/", views.edit, name="edit"),
    path("brand/<int:pk>/emblem/", views.emblem, name="emblem"),
    path("brand/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("brand/<int:pk>/submit/", views.submit, name="submit"),
    path("brand/<int:pk>/review/", views.review, name="review"),
    path("brand/<int:pk>/acceptance/", views.accept_apply, name="accept_apply"),
    path("brand/<int:pk>/acceptance/score/", views.accept_score, name="accept_score"),
    path("brand/<int:pk>/acceptance/withdraw/", views.accept_withdraw, name="accept_withdraw"),
    path("evidence/<int:pk>/", views.evidence, name="evidence"),
]
