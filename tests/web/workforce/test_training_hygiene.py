"""The training ledger's pages read clean in both languages (the site-wide crawl does not build the
workforce world): the district, school and teacher lists and pages, courses and sessions, a refused
upload, a preview, a refused course, the settings, the district panel, and the history of the writes."""

from __future__ import annotations

import io

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web import hygiene
from tests.web.workforce.test_training_ledger import course_and_session, sheet
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.training import attendance_import, services

LANGS = ("zh", "en")


def _names(w: WFWorld) -> set[str]:
    from youjun.web.apps.platform.models import District, School, User
    from youjun.web.apps.workforce.models import Teacher
    from youjun.web.apps.workforce.training.models import Course

    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {c.name for c in Course.objects.all()}
    names |= {c.organiser for c in Course.objects.all() if c.organiser}
    names |= {t.name for t in Teacher.objects.all() if t.name} | {mask_name(t.name) for t in Teacher.objects.all()}
    return names | set(attendance_import.HEADERS) | {"签到.xlsx", "永川区教师进修学校", "错名字", "好", "是", "否",
                                                       "合格", "不合格"}


def test_the_training_pages_read_clean(wfworld: WFWorld) -> None:
    session = course_and_session(wfworld, hours="24")
    t1, t2 = wfworld.teachers["t1"], wfworld.teachers["t2"]
    services.record_attendance(None, session, t1)
    school_course = services.create_course(None, wfworld.base.a, school=wfworld.a1, name="校本研修", level="school",
                                           hour_type="school_based", year=timezone.localdate().year)
    found: list[str] = []
    for lang in LANGS:
        for role in ("bureau", "analyst", "officer", "teacher"):
            c = Client()
            c.force_login(wfworld.user(role))
            c.cookies["youjun_language"] = lang
            urls = [reverse("workforce_training:teacher", args=[t1.pk]),
                    reverse("workforce_training:school", args=[wfworld.a1.code]),
                    reverse("workforce_training:course", args=[school_course.pk])]
            if role in ("bureau", "analyst"):
                urls += [reverse("workforce_training:district", args=[wfworld.base.a.code]),
                         reverse("workforce_training:district", args=[wfworld.base.a.code]) + "?status=",
                         reverse("workforce_training:courses", args=[wfworld.base.a.code]),
                         reverse("workforce_training:settings", args=[wfworld.base.a.code]),
                         reverse("workforce_training:course", args=[session.course_id]),
                         reverse("workforce_training:session", args=[session.pk])]
            answers = [(url, c.get(url)) for url in urls if role != "teacher" or "/t/" in url]
            if role == "bureau":
                for content in (sheet([(t2.staff_id, "错名字", 99, "好"), ("T0", "", "", "")]),
                                sheet([(t2.staff_id, "", 8, "是")])):
                    f = io.BytesIO(content)
                    f.name = "签到.xlsx"
                    answers.append(("upload", c.post(reverse("workforce_training:session", args=[session.pk]),
                                                     {"file": f})))
                answers.append(("course refused", c.post(reverse("workforce_training:courses",
                                                                 args=[wfworld.base.a.code]),
                                                         {"name": "", "level": "district", "hour_type": "onsite",
                                                          "year": "1990"})))
                answers.append(("settings", c.post(reverse("workforce_training:settings", args=[wfworld.base.a.code]),
                                                   {"use_for_g9": "on"}, follow=True)))
                answers.append(("attend refused", c.post(reverse("workforce_training:session_attend",
                                                                 args=[session.pk]), {"staff_id": "T0"})))
                for action in ("course", "session", "attend", "import", "settings"):
                    answers.append((f"history {action}", c.get(f"/history/?action=workforce_training_{action}")))
            names = _names(wfworld)
            for where, r in answers:
                assert r.status_code in (200, 400), (lang, role, where, r.status_code)
                for p in hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names):
                    found.append(f"{lang} {role} {where}: {p}")
    assert not found, "\n".join(found)
