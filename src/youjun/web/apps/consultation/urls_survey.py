"""URLs of the consultation area: survey."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
