"""URLs of the consultation area: resident."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
