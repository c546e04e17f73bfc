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
    path("account/password/", views.password_change, name="password_change"),
    path("users/", views.users, name="users"),
    path("users/<int:user_id>/", views.user_detail, name="user_detail"),
    path("users/<int:user_id>/reset-password/", views.password_reset, name="password_reset"),
]
