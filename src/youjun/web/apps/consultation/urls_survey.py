"""URLs of the consultation area: the social-recognition survey (bureau pages under
/consult/surveys/, the public answer page at /consult/s/<code>/, and /consult/s/ to type a code)."""

from __future__ import annotations

from django.urls import URLPattern, path

from youjun.web.apps.consultation import views_survey as v

urlpatterns: list[URLPattern] = [
    path("surveys/", v.surveys, name="surveys"),
    path("surveys/<int:pk>/", v.survey, name="survey"),
    path("surveys/<int:pk>/invitations/", v.survey_invitations, name="survey_invitations"),
    path("surveys/<int:pk>/paper/", v.survey_paper, name="survey_paper"),
    path("surveys/<int:pk>/result/", v.survey_result, name="survey_result"),
    path("surveys/<int:pk>/finalise/", v.survey_finalise, name="survey_finalise"),
    path("s/", v.survey_enter, name="survey_enter"),
    path("s/<str:code>/", v.survey_respond, name="survey_respond"),
]
