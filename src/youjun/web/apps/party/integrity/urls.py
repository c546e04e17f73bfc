from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from youjun.web.apps.party.integrity import views

app_name = "party_integrity"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.index, name="index"),
    path("district/<str:code>/", views.district, name="district"),
    path("district/<str:code>/activities/", views.activity_list, name="activities"),
    path("district/<str:code>/activities/export/", views.activity_export, name="activities_export"),
    path("district/<str:code>/counts/", views.counts, name="counts"),
    path("district/<str:code>/counts/export/", views.counts_export, name="counts_export"),
    path("district/<str:code>/campaign/", views.campaign_new, name="campaign_new"),
    path("district/<str:code>/publicity/", views.publicity, name="publicity"),
    path("district/<str:code>/cases/", views.cases, name="cases"),
    path("district/<str:code>/handlers/", views.handlers, name="handlers"),
    path("school/<str:code>/", views.school, name="school"),
    path("campaign/<int:pk>/", views.campaign, name="campaign"),
    path("activity/<int:pk>/", views.activity, name="activity"),
    path("file/<int:pk>/", views.activity_file, name="file"),
    path("publicity/<int:pk>/file/", views.publicity_file, name="publicity_file"),
    path("handler/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("case/<int:pk>/", views.case, name="case"),
]
