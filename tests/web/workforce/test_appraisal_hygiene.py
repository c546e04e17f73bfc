"""The differentiated-evaluation pages read clean in both languages (the site-wide crawl does not
build the teachers' world): no English left on Chinese pages, no Chinese on English ones beyond
names and what was typed, no None, no identifiers, no long decimals — every appraisal page for
the officer, the bureau, the analyst, a rater and the teacher, plus the refused forms."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.platform.models import District, EducationGroup, Province, School, User
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.appraisal import services
from youjun.web.apps.workforce.models import Teacher

LANGS = ("zh", "en")
TYPED = {"秋季评价", "春季评价", "课堂组织有序", "提问层次", "每周一次分层作业", "板书清楚", "复查通过",
         "两个月内课堂达标",
         "甲"}


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {d.name for d in District.objects.all()}
    names |= {u.username for u in User.objects.all()} | {s.town for s in School.objects.all()}
    names |= {g.name for g in EducationGroup.objects.all()} | {p.name for p in Province.objects.all()}
    teachers = list(Teacher.objects.exclude(name=""))
    return names | {t.name for t in teachers} | {mask_name(t.name) for t in teachers} | TYPED


def test_the_appraisal_pages_read_clean(wfworld: WFWorld) -> None:
    w = wfworld
    off = w.user("officer")
    closed = services.open_round(off, w.a1, school_year="2025-2026", term=1, title="秋季评价")
    p1 = services.add_participant(off, closed, staff_id=w.teachers["t1"].staff_id, track_code="beginner")
    services.add_rater(off, p1, kind="peer", username="teacher2")
    services.add_rater(off, p1, kind="leader", username="officer")
    scores = {"ethics": 91, "lesson": 83.5, "class_mgmt": 77, "reflection": 68}
    for rater in p1.raters.all():
        services.submit_form(rater.user, rater, scores, {"lesson": "板书清楚"})
    services.record_survey(off, p1, kind="pupils", score="87.35", respondents=41)
    services.save_feedback(off, p1, {"strengths": "课堂组织有序", "growth_areas": "提问层次",
                                     "plan_goals": "每周一次分层作业"}, review_on=None)
    p2 = services.add_participant(off, closed, staff_id=w.teachers["t2"].staff_id, track_code="improving")
    services.save_feedback(off, p2, {"plan_goals": "两个月内课堂达标"}, review_on=None)
    services.decide(off, p2, decision="meets", note="复查通过", day=closed.created_at.date())
    services.close_round(off, closed)
    current = services.open_round(off, w.a1, school_year="2025-2026", term=2, title="春季评价")
    p3 = services.add_participant(off, current, staff_id=w.teachers["t1"].staff_id, track_code="experienced")
    peer = services.add_rater(off, p3, kind="peer", username="teacher2")
    found: list[str] = []
    for lang in LANGS:
        answers = []
        for role in ("officer", "bureau", "analyst", "teacher", "teacher2"):
            c = Client()
            c.force_login(w.user(role))
            c.cookies["youjun_language"] = lang
            pages = [reverse("workforce_appraisal:school", args=[w.a1.code]),
                     reverse("workforce_appraisal:tracks", args=[w.a1.code]),
                     reverse("workforce_appraisal:round", args=[closed.pk]),
                     reverse("workforce_appraisal:round", args=[current.pk]),
                     reverse("workforce_appraisal:participant", args=[p1.pk]),
                     reverse("workforce_appraisal:participant", args=[p2.pk]),
                     reverse("workforce_appraisal:participant", args=[p3.pk]),
                     reverse("workforce_appraisal:mine"),
                     reverse("workforce_appraisal:rate", args=[peer.pk]),
                     reverse("workforce_appraisal:rate", args=[p3.raters.get(kind="self").pk]),
                     reverse("schools:school", args=[w.a1.code])]
            for url in pages:
                r = c.get(url)
                if r.status_code == 200:
                    answers.append((f"{role} {url}", r))
        o = Client()
        o.force_login(off)
        o.cookies["youjun_language"] = lang
        t2 = Client()
        t2.force_login(w.user("teacher2"))
        t2.cookies["youjun_language"] = lang
        answers += [
            ("refused track", o.post(reverse("workforce_appraisal:tracks", args=[w.a1.code]),
                                     {"track": "beginner", "zh": "", "c_code": ["a"], "c_zh": ["甲"], "c_en": [""],
                                      "c_weight": ["abc"], "r_self": "50"})),
            ("refused round", o.post(reverse("workforce_appraisal:school", args=[w.a1.code]),
                                     {"school_year": "2025-2027", "term": "1"})),
            ("refused teacher", o.post(reverse("workforce_appraisal:round_add", args=[current.pk]),
                                       {"staff_id": w.teachers["tb"].staff_id, "track": "beginner"})),
            ("refused rater", o.post(reverse("workforce_appraisal:raters", args=[p3.pk]),
                                     {"kind": "leader", "username": "nobody"})),
            ("refused survey", o.post(reverse("workforce_appraisal:survey", args=[p3.pk]),
                                      {"kind": "parents", "score": "x", "respondents": "0"})),
            ("refused decision", o.post(reverse("workforce_appraisal:decision", args=[p3.pk]),
                                        {"decision": "meets"})),
            ("refused closed", o.post(reverse("workforce_appraisal:survey", args=[p1.pk]),
                                      {"kind": "parents", "score": "80", "respondents": "9"})),
            ("refused form", t2.post(reverse("workforce_appraisal:rate", args=[peer.pk]), {"score_ethics": "101"})),
        ]
        assert len(answers) > 40
        names = _names() | {w.teachers["tb"].staff_id, "2025-2027", "abc"}
        for where, r in answers:
            assert r.status_code in (200, 422), (where, r.status_code)
            for p in hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(found)
