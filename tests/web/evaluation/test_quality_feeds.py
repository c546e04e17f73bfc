"""The comprehensive record reads the other records: a pupil's fitness result of the year (stored
by the real fitness import of a workbook written here) and good-habits term summary (from real
check-ins through the habits services) show on the pupil's quality page under the dimensions of
rules/quality/feeds.yaml; the class's head teacher alone adds each as a record with one click —
attributed to the system source and to the teacher, the figures in words, added once (a second
click writes nothing; changed figures rewrite the same record), every write audited."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from tests.web import hygiene
from tests.web.evaluation.eworld import YEAR, EWorld
from tests.web.evaluation.habits_fixtures import TODAY, habit, today_fixture  # noqa: F401
from tests.web.evaluation.test_fitness_import import a1_rows, xlsx
from youjun.web.apps.fitness import selectors as fitness_selectors
from youjun.web.apps.fitness import services as fitness_services
from youjun.web.apps.habits import services as habits_services
from youjun.web.apps.habits.models import Habit
from youjun.web.apps.platform.models import AuditEvent, User
from youjun.web.apps.pupils import services as pupil_services
from youjun.web.apps.pupils.models import ClassTeacher
from youjun.web.apps.quality.models import Record, TermRecord


def client(ew: EWorld, role: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(ew.user(role))
    c.cookies["youjun_language"] = lang
    return c


def stored_results(ew: EWorld) -> None:
    """p1's fitness result of the year, through the real import; its habits of three days."""
    fitness_services.import_workbook(ew.a1, YEAR, xlsx(a1_rows(ew)), "体测.xlsx", ew.user("officer"))
    start = dt.date(2025, 11, 10)  # a Monday; TODAY is the Wednesday
    read = habit(ew.a1, "课外阅读", starts_on=start)  # daily, ticked by the family
    greet = habit(ew.a1, "进校问好", dimension="manners", slot="arrive", frequency="school_days",
                  checkers=["teacher"], starts_on=start)
    p1, parent, teacher = ew.pupils["p1"], ew.user("parent"), ew.user("teacher")
    for day in (start, start + dt.timedelta(days=1), TODAY):
        habits_services.check_in(p1, read, day, parent, "parent", today=TODAY)
    habits_services.check_in(p1, greet, TODAY, teacher, "teacher", today=TODAY)
    habits_services.set_term_comment(p1, YEAR, 1, "坚持每天阅读", teacher)


def page(c: Client, ew: EWorld) -> str:
    r = c.get(f"/quality/p/{ew.pupils['p1'].pk}/?year={YEAR}&term=1")
    assert r.status_code == 200
    return r.content.decode()


def add(c: Client, ew: EWorld, feed: str) -> tuple[int, str]:
    r = c.post(f"/quality/p/{ew.pupils['p1'].pk}/feeds/", {"year": YEAR, "term": "1", "feed": feed}, follow=True)
    return r.status_code, r.content.decode()


def test_the_panel_shows_the_real_figures_and_the_head_teacher_adds_each_once(eworld: EWorld,
                                                                              today: dt.date) -> None:
    ew = eworld
    stored_results(ew)
    fit = fitness_selectors.year_summary(ew.pupils["p1"], YEAR)
    assert fit is not None and fit.total is not None and fit.level_zh
    c = client(ew, "teacher")
    text = page(c, ew)
    assert 'data-testid="feed-fitness"' in text and 'data-testid="feed-habits"' in text
    assert f"{fit.total:.1f} 分" in text and fit.level_zh in text  # the stored result, as imported
    # days up to yesterday count (today is in progress): 2 of 4 due ticks (reading 2 of 2, greeting 0 of 2):
    # 50.0%, reading kept (≥ 80%, local rule)
    assert "50.0%（2 次 / 4 次）" in text and "课外阅读" in text and "坚持每天阅读" in text
    assert "身心健康 · 体质健康测试导入" in text and "思想品德 · 习惯养成记录" in text
    assert f"/fitness/p/{ew.pupils['p1'].pk}/{YEAR}/" in text and "/summary/?year=2025-2026&amp;term=1" in text
    assert 'data-testid="feed-add-fitness"' in text and 'data-testid="feed-add-habits"' in text
    events = AuditEvent.objects.count()

    status, text = add(c, ew, "fitness")
    assert status == 200 and "已加入本学期的记录。" in text
    rec = Record.objects.get(kind="fitness")
    assert (rec.dimension, rec.term, rec.entered_role, rec.entered_by, rec.source) == (
        "health", 1, "system", ew.user("teacher"), f"fitness:{YEAR}")
    assert f"总分 {fit.total:.1f} 分，等级{fit.level_zh}" in rec.description
    assert 'data-testid="feed-add-fitness"' not in text and "已在记录中" in text
    assert f"{ew.user('teacher')}（体质健康测试导入）" in text  # attributed to the source and the teacher
    assert AuditEvent.objects.filter(action="quality_fitness_record", actor=ew.user("teacher")).count() == 1

    status, text = add(c, ew, "fitness")  # a second click: nothing written
    assert status == 200 and "已在记录中，没有改动。" in text
    assert Record.objects.filter(kind="fitness").count() == 1
    assert AuditEvent.objects.count() == events + 1

    status, text = add(c, ew, "habits")
    h = Record.objects.get(kind="habits")
    assert (h.dimension, h.entered_role, h.entered_by, h.source) == ("moral", "system", ew.user("teacher"),
                                                                      f"habits:{YEAR}-1")
    assert "完成率 50.0%（完成 2 次，应完成 4 次）" in h.description and "教师评语：坚持每天阅读" in h.description
    assert f"{ew.user('teacher')}（习惯养成记录）" in text

    # the figures change (another tick): the panel says so; the click rewrites the same record
    greet = Habit.objects.get(school=ew.a1, name="进校问好")
    habits_services.check_in(ew.pupils["p1"], greet, dt.date(2025, 11, 11), ew.user("teacher"), "teacher",
                             today=TODAY)
    text = page(c, ew)
    assert "数字已有变化" in text and 'data-testid="feed-add-habits"' in text
    status, text = add(c, ew, "habits")
    assert "数字有变化，记录已更新。" in text
    assert Record.objects.filter(kind="habits").count() == 1
    h2 = Record.objects.get(kind="habits")
    assert h2.pk == h.pk and "完成率 75.0%（完成 3 次，应完成 4 次）" in h2.description
    refresh = AuditEvent.objects.get(action="quality_feed_refresh")
    assert refresh.actor == ew.user("teacher") and "50.0%" in refresh.before["description"]
    assert "75.0%" in refresh.after["description"]


def test_only_the_head_teacher_adds(eworld: EWorld, today: dt.date) -> None:
    ew = eworld
    stored_results(ew)
    pupil_services.assign_teacher(ew.classes["c1"], ew.user("teacher2"), None, kind=ClassTeacher.Kind.SUBJECT,
                                  subject="语文")
    url = f"/quality/p/{ew.pupils['p1'].pk}/feeds/"
    for role, expected in (("teacher2", 403), ("officer", 403), ("bureau", 403), ("parent", 403), ("pupil", 403),
                           ("analyst", 403), ("officer2", 404), ("bureau_b", 404)):
        for feed in ("fitness", "habits"):
            r = client(ew, role).post(url, {"year": YEAR, "term": "1", "feed": feed})
            assert r.status_code == expected, (role, feed, r.status_code)
    assert 'data-testid="feed-add-' not in page(client(ew, "teacher2"), ew)  # a subject teacher sees, no button
    assert 'data-testid="feed-fitness"' in page(client(ew, "parent"), ew)
    assert 'data-testid="feed-add-' not in page(client(ew, "parent"), ew)
    assert not Record.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["quality_fitness_record", "quality_habits_record"]).exists()


def test_nothing_to_show_no_panel_and_a_locked_term_is_refused(eworld: EWorld, today: dt.date) -> None:
    ew = eworld
    c = client(ew, "teacher")
    assert 'data-testid="feeds"' not in page(c, ew)  # no result, no habit: no panel
    status, text = add(c, ew, "fitness")
    assert status == 200 and "本学期没有可加入的内容。" in text and not Record.objects.exists()
    stored_results(ew)
    TermRecord.objects.create(pupil=ew.pupils["p1"], school_year=YEAR, term=1, state="locked")
    text = page(c, ew)
    # an archived term keeps what it had: today's figures are not shown beside it (a walk saw a
    # signed record next to a fitness total corrected after the signature)
    assert 'data-testid="feeds"' not in text and 'data-testid="feed-add-' not in text
    r = c.post(f"/quality/p/{ew.pupils['p1'].pk}/feeds/", {"year": YEAR, "term": "1", "feed": "habits"})
    assert r.status_code == 400 and "E1082" in r.content.decode() and not Record.objects.exists()


def test_the_panel_reads_clean_in_both_languages(eworld: EWorld, today: dt.date) -> None:
    ew = eworld
    stored_results(ew)
    add(client(ew, "teacher"), ew, "habits")
    names = {ew.a1.name, ew.a1.district.name, *[p.name for p in ew.pupils.values()], "课外阅读", "进校问好",
             "坚持每天阅读", *[str(u) for u in User.objects.all()], *[str(c) for c in ew.classes.values()]}
    names |= {t for r in Record.objects.all() for t in (r.title, r.description)}  # stored, in Chinese
    found = []
    for lang in ("zh", "en"):
        for role in ("teacher", "parent", "officer"):
            text = page(client(ew, role, lang), ew)
            assert 'data-testid="feeds"' in text
            found += [f"{lang} {role}: {p}" for p in hygiene.problems(hygiene.shown_text(text), lang, names)]
    assert not found, "\n".join(found)
