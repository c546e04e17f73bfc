"""URLs of the consultation area: resident side and public item pages."""

from __future__ import annotations

from django.urls import URLPattern, path

from youjun.web.apps.consultation import views_resident as views

urlpatterns: list[URLPattern] = [
    path("", views.public_list, name="public_list"),
    path("c/<str:number>/", views.public_item, name="public_item"),
    path("c/<str:number>/report/", views.report, name="report"),
    path("c/<str:number>/support/", views.support, name="support"),
    path("register/", views.register, name="register"),
    path("raise/", views.raise_concern, name="raise"),
    path("item/<int:pk>/", views.item, name="item"),
    path("item/<int:pk>/submitted/", views.raised, name="raised"),
    path("mine/", views.mine, name="mine"),
    path("photo/<int:pk>/", views.photo, name="photo"),
]
