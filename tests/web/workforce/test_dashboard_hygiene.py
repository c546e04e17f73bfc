"""The workforce dashboard and its record lists read clean in both languages, for the bureau
(names shown) and an analyst (names masked): no None, no identifiers, no English on Chinese
pages nor Chinese on English ones beyond names (tests/web/hygiene.py)."""

from __future__ import annotations

from django.test import Client
from django.utils import timezone

from tests.web import hygiene
from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.platform.models import District, EducationGroup, School, User
from youjun.web.apps.workforce.access import mask_name
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.services import rotate


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {d.name for d in District.objects.all()}
    names |= {g.name for g in EducationGroup.objects.all()} | {u.username for u in User.objects.all()}
    for t in Teacher.objects.all():
        names |= {t.staff_id} | ({t.name, mask_name(t.name)} if t.name else set())
    return names


def test_dashboard_pages_read_clean(wfworld: WFWorld) -> None:
    rotate(None, wfworld.teachers["t2"], wfworld.a2, start=timezone.localdate())
    code = wfworld.base.a.code
    base = f"/workforce/d/{code}/dashboard/"
    pages = [base] + [f"{base}{f}/" for f in ("teachers", "establishment", "new_posts", "qualified", "key",
                                             "rotations")]
    pages += [f"{base}qualified/?section=primary", f"{base}key/?school={wfworld.a1.code}"]
    names = _names()
    found: list[str] = []
    for role in ("bureau", "analyst"):
        for lang in ("zh", "en"):
            c = Client()
            c.force_login(wfworld.user(role))
            c.cookies["youjun_language"] = lang
            for url in pages:
                response = c.get(url)
                assert response.status_code == 200, url
                text = hygiene.shown_text(response.content.decode())
                found += [f"{role} {lang} {url}: {p}" for p in hygiene.problems(text, lang, names)]
    assert not found, "\n".join(found)
