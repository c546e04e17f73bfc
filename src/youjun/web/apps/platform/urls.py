from __future__ import annotations

from django.urls import path

from youjun.web.apps.platform import views

app_name = "platform"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("history/", views.history, name="history"),
    path("account/", views.account, name="account"),
]
