"""A resident's own history page (变更记录) read raw codes: 'consultation_raise', 'category：industry',
'state：answered → in_progress' (found by a resident walking the site)."""

from __future__ import annotations

from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.hygiene import problems, shown_text
from youjun.web.apps.consultation import services


def test_a_residents_history_says_what_they_did_in_words(cworld: CWorld) -> None:
    u = cworld.users
    c = cworld.concern()
    services.assign(u["c_staff"], c, cworld.town)
    services.answer(u["c_town"], c, "已修复。")
    services.rate(u["res_a"], c, satisfaction="not", fixed="not_fixed", comment="没修好")
    client = Client()
    client.force_login(u["res_a"])
    client.cookies["youjun_language"] = "zh"
    text = shown_text(client.get("/history/").content.decode())
    for word in ("提出议题", "评价答复", "退回重办"):
        assert word in text, word
    for code in ("consultation_", "satisfaction", "not_fixed", "in_progress"):
        assert code not in text, code
    assert problems(text, "zh", ["学校门口没有路灯", "res_a", "c_staff", "c_town", c.number]) == []
