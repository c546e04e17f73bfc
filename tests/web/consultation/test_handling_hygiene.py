"""The handling pages read clean in both languages (no identifiers, no English on Chinese pages
nor Chinese on English ones, no None), with a real item in every section."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.utils import timezone

from tests.web import hygiene
from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Concern, Milestone


def test_handling_pages_read_clean_in_both_languages(cworld: CWorld) -> None:
    u = cworld.users
    item = cworld.concern("c_member", on_behalf=True, raiser_name="王大爷", raiser_phone="13800001111",
                          consent_noted=True, channel="visit", title="村口小桥栏杆坏了", text="老人过桥不安全。")
    other = cworld.concern("res_b", title="村口小桥栏杆坏了")
    services.merge(u["c_staff"], other, item)
    services.select(u["c_staff"], item, venue="courtyard")
    services.assign(u["c_staff"], item, cworld.town)
    Milestone.objects.create(concern=item, title="采购栏杆", due_on=dt.date(2099, 1, 10))
    services.update_progress(u["c_town"], item, 40, "已采购")
    Concern.objects.filter(pk=item.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    services.save_answer_template(u["c_staff"], cworld.rc, title="栏杆已修复", text="栏杆已修复。")
    names = {"渝事好商量", "荣昌区政协", "内江市政协", "昌元街道", "河包镇", "昌元街道办事处", "荣昌区教育委员会",
             "内江市水利局",
             "村口小桥栏杆坏了", "老人过桥不安全", "已采购", "采购栏杆", "栏杆已修复", "王大爷", "王**",
             "c_staff", "c_member", "c_town", "res_b", "RC"}
    pages = ["/consult/work/", "/consult/work/?clock=overdue", "/consult/work/overdue/", f"/consult/work/{item.pk}/",
             "/consult/work/record/rongchang/", "/consult/work/templates/rongchang/", "/consult/notices/"]
    for lang in ("zh", "en"):
        for who in ("c_staff", "c_town"):
            c = Client()
            c.force_login(u[who])
            c.cookies["youjun_language"] = lang
            for url in pages:
                r = c.get(url)
                if r.status_code == 404:
                    continue
                assert r.status_code == 200, (lang, who, url, r.status_code)
                found = hygiene.problems(hygiene.shown_text(r.content.decode()), lang, names)
                assert found == [], (lang, who, url, found)
