"""The brands pages read clean in both languages (no None, no reprs, no English on Chinese pages,
units on numbers): the district's brands, the queue, the brand schools, a school's brands, a
brand with its history and scored acceptance, a refusal, and the district's and school's panels."""

from __future__ import annotations

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.programmes.brands_util import image_bytes
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.brands import services
from youjun.web.apps.platform.models import District, School, User

LANGS = ("zh", "en")
ACTIONS = ("create", "evidence", "submit", "review", "return", "approve", "accept_apply", "accept_score")
WORDS = {"红烛先锋 · 红旗小学", "红烛先锋", "向阳花开",
         "以红烛精神引领教师，点亮学生成长之路。", "释义请结合学校办学理念", "同意命名",
         "学生志愿服务成效明显", "验收通过", "待审品牌", "释义", "退回品牌", "待验收品牌", "请补充", "标识"}


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    return names | {d.name for d in District.objects.all()} | WORDS


def test_the_brands_pages_read_clean(pworld: PWorld) -> None:
    officer, bureau = pworld.user("officer"), pworld.user("bureau")
    a, a1 = pworld.base.a, pworld.wf.a1
    b = services.create_brand(officer, a1, name="红烛先锋", meaning="以红烛精神引领教师，点亮学生成长之路。",
                              emblem=SimpleUploadedFile("e.png", image_bytes("PNG"), "image/png"))
    services.add_evidence(officer, b, SimpleUploadedFile("p.png", image_bytes("PNG"), "image/png"))
    services.step(officer, b, "submit", as_bureau=False)
    services.step(bureau, b, "review", as_bureau=True)
    services.step(bureau, b, "return", as_bureau=True, comment="释义请结合学校办学理念")
    services.step(officer, b, "submit", as_bureau=False)
    services.step(bureau, b, "review", as_bureau=True)
    services.step(bureau, b, "approve", as_bureau=True, comment="同意命名")
    acc = services.apply_acceptance(officer, b)
    services.score_acceptance(bureau, acc, scores={"organisation": 92, "connotation": 90, "carriers": 85,
                                                   "outcomes": 95, "demonstration": 80},
                              notes={"outcomes": "学生志愿服务成效明显"}, note="验收通过")
    waiting = services.create_brand(pworld.user("officer2"), pworld.wf.a2, name="待审品牌", meaning="释义",
                                    emblem=SimpleUploadedFile("e.png", image_bytes("PNG"), "image/png"))
    services.step(pworld.user("officer2"), waiting, "submit", as_bureau=False)
    # a returned brand (the bureau sees the school's steps only as 代学校操作) and an acceptance
    # waiting for its scores (in the bureau's queue, the pass mark stated before scoring)
    returned = services.create_brand(officer, a1, name="退回品牌", meaning="释义",
                                     emblem=SimpleUploadedFile("e.png", image_bytes("PNG"), "image/png"))
    for act, who in (("submit", officer), ("review", bureau), ("return", bureau)):
        services.step(who, returned, act, as_bureau=who is bureau, comment="请补充" if act == "return" else "")
    pending = services.create_brand(officer, a1, name="待验收品牌", meaning="释义",
                                    emblem=SimpleUploadedFile("e.png", image_bytes("PNG"), "image/png"))
    for act, who in (("submit", officer), ("review", bureau), ("approve", bureau)):
        services.step(who, pending, act, as_bureau=who is bureau)
    services.withdraw_brand_school(bureau, acc, reason="请补充")
    services.apply_acceptance(officer, pending)
    draft = services.create_brand(officer, a1, name="草稿", meaning="释义")
    names = _names() | {"草稿"}
    found: list[str] = []
    for lang in LANGS:
        c = Client()
        c.force_login(bureau)
        c.cookies["youjun_language"] = lang
        listed = reverse("party_brands:district", args=[a.code])
        pages = [listed, listed + "?state=approved&approved_from=2020&approved_to=2030",
                 reverse("party_brands:queue", args=[a.code]), reverse("party_brands:schools", args=[a.code]),
                 reverse("party_brands:schools", args=[a.code]) + f"?as_of={dt.date(2024, 12, 31).isoformat()}",
                 reverse("party_brands:school", args=[a1.code]), reverse("party_brands:brand", args=[b.pk]),
                 reverse("party_brands:brand", args=[waiting.pk]), f"/s/{a1.code}/", f"/d/{a.code}/",
                 *(f"/history/?action=party_brands_{x}" for x in ACTIONS)]
        answers = [(url, c.get(url)) for url in pages]
        answers.append(("refused", c.post(reverse("party_brands:review", args=[b.pk]), {"action": "reject"})))
        answers.append(("invalid", c.post(reverse("party_brands:school", args=[a1.code]), {"name": ""})))
        # hostile emblems and evidence refused (E1274, E1275, E1276): the file types read as codes
        bad = ((image_bytes("GIF"), "标识.gif"), (b"\xff\xd8\xff" + b"0" * 2_100_000, "标识.jpg"),
               (b"\x89PNG\r\n\x1a\n" + b"x" * 50, "标识.png"))
        for i, (data, fname) in enumerate(bad):
            answers.append((f"emblem {fname}", c.post(reverse("party_brands:school", args=[a1.code]), {
                "name": f"新品牌{i}", "meaning": "释义", "emblem": SimpleUploadedFile(fname, data, "image/png")})))
        answers.append(("evidence refused", c.post(reverse("party_brands:evidence_add", args=[draft.pk]), {
            "file": SimpleUploadedFile("标识.gif", image_bytes("GIF"), "image/gif")})))
        for who in ("bureau", "officer"):
            o = Client()
            o.force_login(pworld.user(who))
            o.cookies["youjun_language"] = lang
            for pk in (returned.pk, pending.pk, draft.pk):
                answers.append((f"{who} brand {pk}", o.get(reverse("party_brands:brand", args=[pk]))))
            answers.append((f"{who} school", o.get(reverse("party_brands:school", args=[a1.code]))))
            r = o.post(reverse("party_brands:evidence_add", args=[draft.pk]),
                       {"file": SimpleUploadedFile("标识.png", image_bytes("PNG"), "image/png")}, follow=True)
            answers.append((f"{who} uploaded", r))
        codes = {where: re.findall(r"<code>(E\d{4})</code>", r.content.decode()) for where, r in answers}
        assert [codes[f"emblem {n}"] for _d, n in bad] == [["E1274"], ["E1275"], ["E1276"]]
        assert codes["evidence refused"] == ["E1274"]
        for where, r in answers:
            assert r.status_code in (200, 400), (where, r.status_code)
            page = r.content.decode()
            if where.startswith(("/d/", "/s/")):
                start = page.index('data-testid="party-brands-district-panel"' if where.startswith("/d/")
                                   else 'data-testid="party-brands-school-panel"')
                page = page[start:page.index("</section>", start)]
            if where.startswith("/history/"):  # the audit history: only the rows of these writes
                page = page[page.index("<tbody"):]
            for p in hygiene.problems(hygiene.shown_text(page), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(found)
