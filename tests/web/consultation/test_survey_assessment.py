"""End to end: a survey finalised with known answers → an assessment run → the run's
recognition rate is the survey's, and its status follows the 85% limit."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from tests.web.world import World
from youjun.web.apps.assessment import services as assessment_services
from youjun.web.apps.consultation import services_survey as ss
from youjun.web.apps.consultation.models import Survey
from youjun.web.apps.platform.extensions import district_rates
from youjun.web.apps.platform.models import AuditEvent

YEAR = "2025-2026"


def final_survey(world: World, recognising: int, total: int = 600) -> Survey:
    """District A, 100,000 residents (sample 600), one question for everyone, ``total`` returns
    on ``total`` codes (half parents), ``recognising`` of them 满意 / 比较满意."""
    bureau = world.users["bureau"]
    survey = ss.create_survey(bureau, world.a, school_year=YEAR, title="2025学年社会认可度调查", population=100_000)
    q = ss.add_question(bureau, survey, text_zh="您对本区义务教育是否满意？", text_en="Satisfied?")
    ss.open_survey(bureau, survey)
    codes = ss.issue_invitations(bureau, survey, {"parents": total // 2, "residents": total - total // 2})
    for n, (_group, code) in enumerate(codes):
        answer = ("satisfied" if n % 2 else "fairly_satisfied") if n < recognising else (
            "neutral" if n % 2 else "dissatisfied")
        inv = ss.usable_invitation(code)
        assert inv is not None
        ss.respond(inv, {str(q.pk): answer})
    ss.finalise(bureau, survey)
    survey.refresh_from_db()
    return survey


@pytest.mark.parametrize(("recognising", "status"), [(511, "pass"), (509, "fail")])
def test_the_assessment_uses_the_final_surveys_rate(world: World, recognising: int, status: str) -> None:
    survey = final_survey(world, recognising)
    rate = 100 * recognising / 600  # 85.17% just above the limit, 84.83% just below
    assert survey.result["overall"]["rate"] == pytest.approx(rate)
    [row] = district_rates(world.a, YEAR)
    assert (row.rate_key, row.numerator, row.denominator) == ("social_recognition", recognising, 600)
    day = survey.finalised_at.astimezone(ZoneInfo("Asia/Shanghai")).date()
    assert row.source == (f"本平台社会认可度调查：2025学年社会认可度调查，有效问卷 600 份，"
                          f"{day.year}年{day.month}月{day.day}日定稿")

    run = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    run.refresh_from_db()
    assert run.status == "done", run.error if hasattr(run, "error") else run
    recognition = run.result["recognition"]
    assert recognition["rate"] == pytest.approx(rate)  # the snapshot's own figure (96%) is replaced
    assert recognition["limit"] == 85
    assert recognition["status"] == status
    audit = AuditEvent.objects.filter(action="finish_run", object_id=str(run.pk)).get()
    assert "2025学年社会认可度调查" in str(audit.after["supplied_rates"]["social_recognition"])


def test_without_a_final_survey_the_snapshot_figure_stands(world: World) -> None:
    bureau = world.users["bureau"]
    ss.create_survey(bureau, world.a, school_year=YEAR, title="未定稿", population=100_000)
    assert district_rates(world.a, YEAR) == []
    run = assessment_services.start_run(bureau, world.a, YEAR)
    run.refresh_from_db()
    assert run.result["recognition"]["rate"] == pytest.approx(96.0)


def _shown(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_dashboard_says_where_the_recognition_figure_came_from(world: World) -> None:
    """The survey's own words on the run's dashboard, the standard as "标准 ≥85%", and a link to
    the surveys for the bureau (who may open them), none for the province inspector."""
    survey = final_survey(world, 540)
    run = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    run.refresh_from_db()
    assert run.result["recognition"]["source"].startswith("本平台社会认可度调查：2025学年社会认可度调查")
    bureau = Client()
    bureau.force_login(world.users["bureau"])
    html = bureau.get(f"/runs/{run.pk}/").content.decode()
    page = _shown(html)
    day = survey.finalised_at.astimezone(ZoneInfo("Asia/Shanghai")).date()
    assert (f"来源: 本平台社会认可度调查：2025学年社会认可度调查，有效问卷 600 份，"
            f"{day.year}年{day.month}月{day.day}日定稿") in page.replace("来源：", "来源: ")
    block = _shown(html[html.index('data-testid="recognition"'):].split("</div>")[0])
    summary = _shown(html[html.index('data-testid="summary-recognition"'):].split("</td>")[0])
    for part in (block, summary):
        assert "90.0%" in part and "标准 ≥85%" in part and "限值" not in part and "/ 85%" not in part
    assert f'href="/consult/surveys/{survey.pk}/"' in html  # the survey's own page
    inspector = Client()
    inspector.force_login(world.users["inspector"])
    other = inspector.get(f"/runs/{run.pk}/").content.decode()
    assert "标准 ≥85%" in other and 'href="/consult/surveys/' not in other


def test_the_dashboard_names_the_workbooks_source_without_a_survey(world: World) -> None:
    run = assessment_services.start_run(world.users["bureau"], world.a, YEAR)
    run.refresh_from_db()
    rec = run.result["recognition"]
    assert rec["source"] and rec["as_of"]
    c = Client()
    c.force_login(world.users["bureau"])
    page = _shown(c.get(f"/runs/{run.pk}/").content.decode())
    assert rec["source"] in page and "区县比率" in page and "96.0%" in page and "标准 ≥85%" in page
    y, m, d = (int(x) for x in rec["as_of"].split("-"))
    assert f"{y}年{m}月{d}日" in page
