from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "workforce_studios"

urlpatterns: list[URLPattern | URLResolver] = []
