"""The vocational centre through its pages: the bureau sets up a centre linked to a school; that
school's officer records majors, a 1+X pilot with a year's results, a partner with placements,
teachers and a double-qualified recognition with an evidence photo (stored without its GPS), and
the centre page's share changes; refusals in Chinese; readers see masked names and no evidence;
XLSX lists; the district overview's figures."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook
from PIL import Image

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.vocational import services
from youjun.web.apps.vocational.models import Centre, Recognition, VocTeacher


def client(w: PWorld, role: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = lang
    return c


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (29.0, 21.0, 0.0)}
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def _centre(w: PWorld) -> Centre:
    r = client(w, "bureau").post(reverse("vocational:district", args=[w.base.a.code]),
                                 {"name": "永川区职业教育中心", "school": w.wf.a1.pk})
    assert r.status_code == 302, r.content.decode()[:2000]
    return Centre.objects.get(district=w.base.a, name="永川区职业教育中心")


def test_the_school_officer_keeps_the_centre_and_the_share_changes(pworld: PWorld) -> None:
    w = pworld
    c = _centre(w)
    officer = client(w, "officer")
    assert client(w, "officer2").get(reverse("vocational:centre", args=[c.pk])).status_code == 404
    r = officer.post(reverse("vocational:majors", args=[c.pk]), {
        "code": "710201", "name": "计算机应用", "started": "2015", "apprenticeship_partner": "重庆某云计算公司",
        "apprenticeship_from": "2021"})
    assert r.status_code == 302
    major = c.majors.get()
    assert officer.post(reverse("vocational:pilot", args=[major.pk]), {
        "certificate": "云计算平台运维与开发", "level": "middle", "awarding_org": "某培训评价组织",
        "from_year": "2020"}).status_code == 302
    pilot = major.pilots.get()
    refused = officer.post(reverse("vocational:pilot_result", args=[pilot.pk]),
                           {f"p{pilot.pk}-year": "2024", f"p{pilot.pk}-candidates": "40", f"p{pilot.pk}-passes": "41"})
    text = refused.content.decode()
    assert refused.status_code == 400 and "E1305" in text and "通过 41 人" in text
    assert officer.post(reverse("vocational:pilot_result", args=[pilot.pk]), {
        f"p{pilot.pk}-year": "2024", f"p{pilot.pk}-candidates": "40", f"p{pilot.pk}-passes": "34"}).status_code == 302
    page = officer.get(reverse("vocational:major", args=[major.pk])).content.decode()
    assert "85.0%" in page and "34 人" in page
    for name in ("欧阳一", "欧阳二"):
        assert officer.post(reverse("vocational:teachers", args=[c.pk]), {
            "name": name, "subject": "计算机应用", "full_time": "on", "joined": "2019-09-01"}).status_code == 302
    t = VocTeacher.objects.get(centre=c, name="欧阳一")
    page = officer.get(reverse("vocational:centre", args=[c.pk])).content.decode()
    assert 'data-testid="dq-percent">0.0%<' in page
    missing = officer.post(reverse("vocational:teacher", args=[t.pk]), {
        "recognised_on": "2025-03-01", "level": "middle", "basis": "practice"})
    assert missing.status_code == 400 and "E1308" in missing.content.decode()
    photo = SimpleUploadedFile("证书.jpg", jpeg_with_gps(), content_type="image/jpeg")
    assert officer.post(reverse("vocational:teacher", args=[t.pk]), {
        "recognised_on": "2025-03-01", "level": "middle", "basis": "practice", "evidence": photo}).status_code == 302
    rec = Recognition.objects.get(teacher=t)
    stored = Image.open(io.BytesIO(bytes(rec.file_content)))
    assert stored.format == "JPEG" and 0x8825 not in stored.getexif() and 0x010F not in stored.getexif()
    page = officer.get(reverse("vocational:centre", args=[c.pk])).content.decode()
    assert 'data-testid="dq-percent">50.0%<' in page and "1 人" in page and "2 人" in page
    assert AuditEvent.objects.filter(action="vocational_recognise", object_id=str(rec.pk)).exists()
    assert officer.get(reverse("vocational:evidence", args=[rec.pk])).status_code == 200
    # readers: masked names, no evidence file, no forms
    analyst = client(w, "analyst")
    listing = analyst.get(reverse("vocational:teachers", args=[c.pk])).content.decode()
    assert "欧阳一" not in listing and "欧**" in listing and 'data-testid="add-form"' not in listing
    assert analyst.get(reverse("vocational:evidence", args=[rec.pk])).status_code == 403
    # the teachers as XLSX (the officer sees names)
    x = officer.get(reverse("vocational:teachers", args=[c.pk]) + "?format=xlsx")
    rows = list(load_workbook(io.BytesIO(x.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "姓名" and {r[0] for r in rows[1:]} == {"欧阳一", "欧阳二"}
    # the school's page and the district's page link to the centre
    assert 'data-testid="vocational-school-panel"' in officer.get(f"/s/{w.wf.a1.code}/").content.decode()
    assert 'data-testid="vocational-district-panel"' in client(w, "bureau").get(f"/d/{w.base.a.code}/").content.decode()


def test_refusals_and_the_district_figures(pworld: PWorld) -> None:
    w = pworld
    c = _centre(w)
    bureau = client(w, "bureau")
    r = bureau.post(reverse("vocational:destinations", args=[c.pk]), {
        "year": "2024", "further": "60", "employed": "100", "matched": "120", "other": "10"})
    assert r.status_code == 400 and "E1306" in r.content.decode() and "对口就业 120 人" in r.content.decode()
    assert bureau.post(reverse("vocational:destinations", args=[c.pk]), {
        "year": "2024", "further": "60", "employed": "120", "matched": "96", "other": "20"}).status_code == 302
    page = bureau.get(reverse("vocational:centre", args=[c.pk])).content.decode()
    assert "200 人" in page and "30.0%" in page and "80.0%" in page
    for year, n in ((2024, 2100), (2024, 3000), (2025, 5200)):
        services.add_training(None, c, programme=f"直播助农培训{year}-{n}", year=year, trainees=n, hours=16)
    m = services.add_major(None, c, code="730701", name="电子商务", started=2016, apprenticeship_partner="某电商公司",
                           apprenticeship_from=2022)
    services.add_pilot(None, m, certificate="网店运营推广", level="junior", awarding_org="某公司", from_year=2021)
    services.add_pilot(None, m, certificate="直播电商", level="middle", awarding_org="某公司", from_year=2023)
    t = services.add_teacher(None, c, name="甲", subject="电子商务", joined=dt.date(2018, 9, 1))
    services.add_teacher(None, c, name="乙", subject="电子商务", joined=dt.date(2018, 9, 1))
    services.add_teacher(None, c, name="丙", subject="语文", full_time=False)
    services.recognise(None, t, recognised_on=dt.date(2024, 5, 1), level="junior", basis="qualification",
                       upload=SimpleUploadedFile("a.jpg", jpeg_with_gps()))
    request = type("R", (), {"user": w.user("bureau")})()
    with translation.override("zh-hans"):
        figs = {f.key: f for f in extensions.district_figures(request, w.base.a, 2024, 2024)}
    assert figs["vocational_certificate_pilots"].value == 1 and figs["vocational_certificate_pilots"].shown == "1 个"
    assert "2 " in figs["vocational_certificate_pilots"].basis  # the certificates, said in the basis
    assert figs["vocational_apprenticeship_majors"].value == 1
    assert figs["vocational_double_qualified_share"].value == 50.0
    assert figs["vocational_double_qualified_share"].shown == "50.0%"
    assert "在岗专任教师 2 人中，持有效“双师型”认定的 1 人" in figs["vocational_double_qualified_share"].basis
    assert figs["vocational_new_double_qualified"].value == 1
    assert figs["vocational_trainees"].value == 5100 and figs["vocational_trainees"].shown == "5,100 人次"
    assert figs["vocational_trainees"].url.endswith("?year=2024")
    assert client(w, "bureau").get(figs["vocational_trainees"].url).status_code == 200
    assert extensions.district_figures(request, w.base.a, 2025, 2025) != []
    nobody = type("R", (), {"user": w.user("officer2")})()
    assert [f for f in extensions.district_figures(nobody, w.base.a, 2024, 2024) if f.section == "vocational"] == []
