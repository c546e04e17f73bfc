"""The PDF download never freezes the page: a PDF not yet stored is rendered as a background
task while a page says "正在生成 PDF，约需 10 秒" and follows it; the rendered file is kept per
run and language, so a second download is served at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.web.sample_runs import login, make_run, s_result, visible_text
from tests.web.world import World
from youjun.web.apps.assessment import services
from youjun.web.apps.assessment.models import AssessmentRun, ReportRender, RunReport
from youjun.web.apps.platform import tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(world: World) -> AssessmentRun:
    return make_run(world, s_result())


@pytest.fixture
def client(world: World) -> Client:
    return login(world)


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Background tasks queued but not yet executed (as a worker thread would pick them up)."""
    queued: list[int] = []
    monkeypatch.setattr(tasks, "start", lambda execute, pk, name, model=None: queued.append(pk))
    return queued


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The renderer's calls (a real PDF takes ~10 s and a CJK font; the real one is a slow test)."""
    calls: list[tuple[str, str]] = []

    def render(result: dict[str, Any], lang: str, formats: tuple[str, ...]) -> dict[str, bytes]:
        calls.append((formats[0], lang))
        assert result["district"]["name"]  # the run's own result is rendered
        return {formats[0]: b"%PDF-1.7 " + lang.encode()}

    monkeypatch.setattr(services.engine, "render_reports", render)
    return calls


def test_a_pdf_not_yet_rendered_opens_a_page_that_says_so(
        client: Client, run: AssessmentRun, held: list[int], renders: list[tuple[str, str]]) -> None:
    response = client.get(f"/runs/{run.pk}/download/pdf/?lang=en")
    assert response.status_code == 302 and not renders  # no 10 s wait inside the request
    wait = response["Location"]
    task = ReportRender.objects.get(pk=held[0])
    assert wait == f"/runs/{run.pk}/reports/{task.pk}/" and (task.fmt, task.lang) == ("pdf", "en")
    html = client.get(wait).content.decode()
    assert "正在生成 PDF，约需 10 秒" in visible_text(html)
    assert f'data-status-url="/runs/{run.pk}/reports/{task.pk}/status.json"' in html
    assert 'data-testid="report-elapsed"' in html and "report_wait.js" in html
    assert client.get(f"/runs/{run.pk}/reports/{task.pk}/status.json").json()["status"] == "queued"
    # a second click while it renders follows the same task, it does not start another
    assert client.get(f"/runs/{run.pk}/download/pdf/?lang=en")["Location"] == wait
    assert len(held) == 1

    services.render_report(task.pk)  # the worker
    status = client.get(f"/runs/{run.pk}/reports/{task.pk}/status.json").json()
    assert status["status"] == "done" and status["url"] == f"/runs/{run.pk}/download/pdf/?lang=en"
    assert client.get(wait)["Location"] == status["url"]  # without JS a reload leads to the file
    done = client.get(status["url"])
    assert done.status_code == 200 and done.content == b"%PDF-1.7 en"
    assert "attachment" in done["Content-Disposition"]
    assert renders == [("pdf", "en")]


def test_a_second_download_is_instant_per_run_and_language(
        client: Client, run: AssessmentRun, renders: list[tuple[str, str]]) -> None:
    first = client.get(f"/runs/{run.pk}/download/pdf/")  # eager tasks: rendered within the request
    assert first.status_code == 200 and first.content == b"%PDF-1.7 zh"
    again = client.get(f"/runs/{run.pk}/download/pdf/")
    assert again.status_code == 200 and again.content == first.content
    assert renders == [("pdf", "zh")]
    assert client.get(f"/runs/{run.pk}/download/pdf/?lang=en").content == b"%PDF-1.7 en"
    assert renders == [("pdf", "zh"), ("pdf", "en")]
    assert RunReport.objects.filter(run=run, fmt="pdf").count() == 2


def test_a_failed_render_says_why(client: Client, run: AssessmentRun, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(result: dict[str, Any], lang: str, formats: tuple[str, ...]) -> dict[str, bytes]:
        raise OSError("no CJK font")

    monkeypatch.setattr(services.engine, "render_reports", broken)
    response = client.get(f"/runs/{run.pk}/download/pdf/")
    assert response.status_code == 302
    page = client.get(response["Location"])
    text = visible_text(page.content.decode())
    assert page.status_code == 503 and "报告生成失败" in text and "no CJK font" in text
    assert 'data-status-url' not in page.content.decode()  # nothing left to follow


def test_others_cannot_follow_a_render(world: World, run: AssessmentRun, held: list[int],
                                       renders: list[tuple[str, str]]) -> None:
    c = Client()
    c.force_login(world.users["bureau"])
    wait = c.get(f"/runs/{run.pk}/download/pdf/")["Location"]
    other = Client()
    other.force_login(world.users["bureau_b"])
    assert other.get(wait).status_code == 404
    assert other.get(wait + "status.json").status_code == 404
