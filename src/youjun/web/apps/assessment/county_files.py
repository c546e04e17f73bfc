"""Downloads of what the county files: the self-evaluation report draft (.docx) and the
attached tables (.xlsx), rendered from a finished run's result on request.

Whoever sees the run's district may download them (the same rule as the run's reports);
school officers and other districts get 404. The renderers are imported lazily, like the
report renderers, so the pages work on a build without python-docx.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from youjun.web.apps.assessment import selectors
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.templatetags.youjun import requested_lang

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run(request: HttpRequest, pk: int) -> AssessmentRun:
    r = selectors.run_or_404(scoping.scope_of(request.user), pk)
    if r.status != AssessmentRun.Status.DONE:
        raise Http404("run")
    return r


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _name(r: AssessmentRun, what: str, lang: str, ext: str) -> str:
    return f"youjun-{r.district.code}-{r.school_year}-run{r.pk}-{what}-{lang}.{ext}"


@login_required
def self_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    from youjun.report.docx_report import render_docx

    r = _run(request, pk)
    lang = requested_lang(request)
    return _attachment(render_docx(selectors.result_of(r), lang=lang), DOCX, _name(r, "self-evaluation", lang, "docx"))


@login_required
def county_tables(request: HttpRequest, pk: int) -> HttpResponse:
    from youjun.report.county_tables import render_county_tables

    r = _run(request, pk)
    lang = requested_lang(request)
    return _attachment(render_county_tables(selectors.result_of(r), lang=lang), XLSX,
                       _name(r, "county-tables", lang, "xlsx"))
