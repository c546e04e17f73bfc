from __future__ import annotations

from django.urls import path

from youjun.web.apps.pupils import views, views_admin

app_name = "pupils"

urlpatterns = [
    path("me/", views.mine, name="mine"),
    path("s/<str:code>/", views.school, name="school"),
    path("c/<int:pk>/", views.class_page, name="class"),
    path("p/<int:pk>/", views.pupil_page, name="pupil"),
    # the school's data officer (and the bureau): views_admin
    path("s/<str:code>/roster/", views_admin.roster, name="roster"),
    path("s/<str:code>/roster/template/", views_admin.roster_template, name="roster_template"),
    path("s/<str:code>/roster/problems/", views_admin.roster_problems, name="roster_problems"),
    path("s/<str:code>/roster/confirm/", views_admin.roster_confirm, name="roster_confirm"),
    path("c/<int:pk>/teachers/", views_admin.class_teachers, name="class_teachers"),
    path("c/<int:pk>/accounts/", views_admin.class_accounts, name="class_accounts"),
    path("p/<int:pk>/manage/", views_admin.pupil_manage, name="pupil_manage"),
    path("p/<int:pk>/reissue/", views_admin.pupil_reissue, name="pupil_reissue"),
    path("p/<int:pk>/leave/", views_admin.pupil_leave, name="pupil_leave"),
    path("p/<int:pk>/transfer/", views_admin.pupil_transfer, name="pupil_transfer"),
]
