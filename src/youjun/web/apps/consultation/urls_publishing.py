"""URLs of the consultation area: publishing (public statistics and open data)."""

from __future__ import annotations

from django.urls import URLPattern, path

from youjun.web.apps.consultation import views_publishing

urlpatterns: list[URLPattern] = [
    path("stats/", views_publishing.stats, name="stats"),
    path("open-data/", views_publishing.open_data_view, name="open_data"),
    path("open-data/about/", views_publishing.open_data_docs, name="open_data_docs"),
]
