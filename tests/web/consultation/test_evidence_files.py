"""Evidence files of an item's handling: linked on the work page's timeline, opened at
/consult/evidence/<pk>/ by whoever may open the item (anyone else 404), served as an
attachment with its content type and nosniff; the size limit and the allowed types are
settings (rules/consultation/publication.yaml, a body may set its own)."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Evidence

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
PDF = b"%PDF-1.4\n% a receipt\n"


def login(cw: CWorld, name: str) -> Client:
    c = Client()
    c.force_login(cw.users[name])
    c.cookies["youjun_language"] = "zh"
    return c


def _with_evidence(cw: CWorld) -> tuple[int, Evidence, Evidence]:
    c = cw.concern()
    services.assign(cw.users["c_staff"], c, cw.town)
    town = login(cw, "c_town")
    r = town.post(f"/consult/work/{c.pk}/", {"action": "progress", "percent": "40", "note": "已采购灯具",
                                            "evidence": [SimpleUploadedFile("收据.png", PNG),
                                                         SimpleUploadedFile("验收单.pdf", PDF)]})
    assert r.status_code == 302
    png = Evidence.objects.get(event__concern=c, filename="收据.png")
    pdf = Evidence.objects.get(event__concern=c, filename="验收单.pdf")
    return c.pk, png, pdf


def test_the_work_page_links_each_file_and_the_file_opens_as_an_attachment(cworld: CWorld) -> None:
    pk, png, pdf = _with_evidence(cworld)
    staff = login(cworld, "c_staff")
    page = staff.get(f"/consult/work/{pk}/").content.decode()
    assert f'href="/consult/evidence/{png.pk}/"' in page and f'href="/consult/evidence/{pdf.pk}/"' in page
    r = staff.get(f"/consult/evidence/{png.pk}/")
    assert r.status_code == 200 and r.content == PNG
    assert r["Content-Type"] == "image/png"
    assert r["X-Content-Type-Options"] == "nosniff"
    assert r["Content-Disposition"].startswith("attachment;") and "filename*=UTF-8''" in r["Content-Disposition"]
    assert "no-store" in r["Cache-Control"]
    r = login(cworld, "c_town").get(f"/consult/evidence/{pdf.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content == PDF
    # the raiser may open the item, so may open its files
    assert login(cworld, "res_a").get(f"/consult/evidence/{pdf.pk}/").status_code == 200


def test_whoever_may_not_open_the_item_gets_404(cworld: CWorld) -> None:
    _pk, png, _pdf = _with_evidence(cworld)
    for name in ("res_b", "c_edu", "c_staff_nj", "c_member_nj"):
        assert login(cworld, name).get(f"/consult/evidence/{png.pk}/").status_code == 404, name
    assert login(cworld, "c_staff").get("/consult/evidence/999999/").status_code == 404
    anon = Client().get(f"/consult/evidence/{png.pk}/")
    assert anon.status_code == 302 and anon["Location"].startswith("/login/")


def test_the_limit_and_the_types_are_settings(cworld: CWorld) -> None:
    pub = services.body_settings(cworld.rc)["publication"]
    assert pub["evidence_max_bytes"] == 10_000_000
    assert set(pub["evidence_types"]) == {"jpg", "jpeg", "png", "pdf"}
    # a body that allows 2 MB and photos only refuses a PDF and a bigger photo, by its own settings
    cworld.rc.settings = {"publication": {"evidence_max_bytes": 2_000_000, "evidence_types": ["png", "jpg"]}}
    cworld.rc.save(update_fields=["settings"])
    c = cworld.concern()
    services.assign(cworld.users["c_staff"], c, cworld.town)
    town = login(cworld, "c_town")
    r = town.post(f"/consult/work/{c.pk}/", {"action": "progress", "percent": "40",
                                            "evidence": [SimpleUploadedFile("a.pdf", PDF)]})
    assert r.status_code == 400 and "E890" in r.content.decode()
    r = town.post(f"/consult/work/{c.pk}/", {"action": "progress", "percent": "40",
                                            "evidence": [SimpleUploadedFile("b.png", PNG + b"0" * 2_000_000)]})
    body = r.content.decode()
    assert r.status_code == 400 and "E891" in body and "2 MB" in body
    page = town.get(f"/consult/work/{c.pk}/").content.decode()
    assert "每个不超过 2 MB" in page and 'accept=".png,.jpg"' in page  # the form states the body's rules
    assert not Evidence.objects.filter(event__concern=c).exists()
