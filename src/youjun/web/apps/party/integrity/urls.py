from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "party_integrity"

urlpatterns: list[URLPattern | URLResolver] = []
