"""The resident side's pages, filled with a concern that went the whole way (opinions, an answer,
ratings, a reopen, a merged duplicate), read clean in both languages: no English on Chinese
pages nor Chinese on English ones (the data's own names apart), no identifiers, no empty values;
and no style attribute or inline script (CSP)."""

from __future__ import annotations

import re

from django.test import Client

from tests.web import hygiene
from tests.web.consultation.cworld import CWorld
from tests.web.consultation.photo_bytes import jpeg_bytes
from youjun.web.apps.consultation import photos, services
from youjun.web.apps.consultation.models import Body, Concern, Department
from youjun.web.apps.platform.models import School, User


def test_resident_pages_read_clean_in_both_languages(cworld: CWorld) -> None:
    u = cworld.users
    school = cworld.base.school(cworld.base.a)
    c = cworld.concern(school=school, indicator="R5", village="宝城社区", raiser_phone="13800001234")
    photos.save_photos(u["res_a"], c, [photos.clean_photo(jpeg_bytes(), "a.jpg", photos.limits_of(cworld.rc))])
    dup = cworld.concern("res_b", title="路口太黑")
    services.merge(u["c_staff"], dup, c)
    services.select(u["c_staff"], c, venue="courtyard")
    services.investigate(u["c_member"], c, "走访了路口")
    opinion = services.raise_concern(u["c_staff"], cworld.rc, title="增设路灯", text="协商同意增设路灯",
                                     category="lighting", kind="opinion", parent=c)
    services.assign(u["c_staff"], opinion, cworld.town)
    services.assign(u["c_staff"], c, cworld.town)
    services.update_progress(u["c_town"], c, 60, "已采购灯具")
    services.answer(u["c_town"], c, "路灯已修复。")
    services.rate(u["res_a"], c, satisfaction="partly", fixed="dont_know")
    services.rate(u["c_member"], c, satisfaction="satisfied", fixed="fixed")
    names = {str(x) for x in [*Body.objects.values_list("name", flat=True),
                              *Department.objects.values_list("name", flat=True),
                              *School.objects.values_list("name", flat=True),
                              *User.objects.values_list("username", flat=True),
                              *Concern.objects.values_list("title", flat=True),
                              *Concern.objects.values_list("text", flat=True),
                              *Concern.objects.values_list("town", flat=True),
                              *Concern.objects.values_list("village", flat=True),
                              "走访了路口", "已采购灯具", "路灯已修复。", "教育委员工作室"]}
    c.refresh_from_db()
    pages = ["/consult/", f"/consult/c/{c.number}/", f"/consult/c/{opinion.number}/", f"/consult/c/{dup.number}/",
             "/consult/raise/", "/consult/register/", "/consult/mine/", f"/consult/item/{c.pk}/",
             f"/consult/item/{c.pk}/submitted/"]
    found: list[str] = []
    for lang in ("zh", "en"):
        for role in ("anon", "res_a", "c_staff"):
            client = Client()
            client.cookies["youjun_language"] = lang
            if role != "anon":
                client.force_login(u[role])
            for url in pages:
                r = client.get(url)
                if r.status_code != 200:
                    continue
                page = r.content.decode()
                assert not re.search(r"\sstyle=", page), url
                assert not re.search(r"<script(?![^>]*\bsrc=)", page), url
                text = hygiene.shown_text(page)
                # the section's name is written in Chinese on purpose (the platform's proper name)
                text = text.replace("渝事好商量", "")
                found += [f"{lang} {role} {url}: {p}" for p in hygiene.problems(text, lang, names)]
    assert not found, "\n".join(found)
