"""Clean schools and teacher ethics through the real pages: recording an activity against a key
point moves the campaign's progress; a school's officer records their own school only; evidence
photos lose their metadata; counts link to the list; the restricted ethics cases (handlers only,
the bureau counts only, every open audited); the overview's figures."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.integrity import services
from youjun.web.apps.party.integrity.models import (
    Activity,
    ActivityFile,
    Campaign,
    CaseRead,
    EthicsCase,
    KeyPoint,
)
from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.models import AuditEvent

SUMMARY = "反映某教师在校外违规有偿补课（测试摘要）"


def client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    return c


def jpeg_with_gps() -> bytes:
    img = Image.new("RGB", (40, 30), (200, 10, 10))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x8825] = {1: "N", 2: (29.0, 21.0, 0.0)}
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def campaign(w: PWorld) -> Campaign:
    return services.create_campaign(w.user("bureau"), w.base.a, name="清风校园，廉洁入心", start=dt.date(2025, 3, 1),
                                    end=None, stages=["动员部署", "学习教育"], key_points=["签订承诺书", "观看警示片"])


def activity_post(**kw: object) -> dict[str, object]:
    data: dict[str, object] = {"title": "廉洁主题班会", "kind": "class_meeting", "layer": "classroom",
                               "held_on": "2025-10-08", "participants": "45", "kinds": ["pupils", "teachers"]}
    data.update(kw)
    return data


def test_an_activity_against_a_key_point_moves_the_campaign_progress(pworld: PWorld) -> None:
    w = pworld
    c = campaign(w)
    kp1 = KeyPoint.objects.get(campaign=c, order=1)
    bureau = client(w, "bureau")
    page = bureau.get(reverse("party_integrity:district", args=[w.base.a.code])).content.decode()
    assert "签订承诺书" in page and 'data-testid="kp-without"' in page
    r = bureau.post(reverse("party_integrity:district", args=[w.base.a.code]),
                    activity_post(stage=str(c.stages.get(order=1).pk), key_point=str(kp1.pk)))
    assert r.status_code == 302, r.content.decode()[:2000]
    page = bureau.get(reverse("party_integrity:district", args=[w.base.a.code])).content.decode()
    assert '1 of 2 key points' in page or "2 个重点中 1 个" in page
    kp_line = page[page.index('data-testid="kp-1"'):]
    assert "1&nbsp;次" in kp_line[:400]
    assert "观看警示片" in page[page.index('data-testid="kp-without"'):]
    a = Activity.objects.get()
    assert a.school is None and a.with_pupils and a.with_teachers and not a.with_parents
    assert AuditEvent.objects.filter(action="party_integrity_activity").count() == 1


def test_an_officer_records_for_their_school_only_and_the_photo_loses_its_gps(pworld: PWorld) -> None:
    w = pworld
    officer = client(w, "officer")
    photo = SimpleUploadedFile("班会.jpg", jpeg_with_gps(), content_type="image/jpeg")
    r = officer.post(reverse("party_integrity:school", args=[w.wf.a1.code]),
                     activity_post(school=str(w.wf.a1.pk), files=[photo]))
    assert r.status_code == 302, r.content.decode()[:3000]
    a = Activity.objects.get()
    assert a.school == w.wf.a1
    stored = ActivityFile.objects.get(activity=a)
    img = Image.open(io.BytesIO(bytes(stored.content)))
    assert not img.getexif() and stored.content_type == "image/jpeg"
    assert officer.get(reverse("party_integrity:file", args=[stored.pk])).status_code == 200
    assert client(w, "officer2").get(reverse("party_integrity:file", args=[stored.pk])).status_code == 404
    # another school's page is out of reach; the district page too
    assert officer.post(reverse("party_integrity:school", args=[w.wf.a2.code]), activity_post()).status_code == 404
    assert officer.get(reverse("party_integrity:district", args=[w.base.a.code])).status_code == 404
    # a file that is not an image or a PDF is refused with the area's code, nothing written
    bad = SimpleUploadedFile("x.jpg", b"MZ\x90\x00not an image", content_type="image/jpeg")
    r = officer.post(reverse("party_integrity:school", args=[w.wf.a1.code]), activity_post(files=[bad]))
    assert r.status_code == 400 and "E1289" in r.content.decode()
    assert Activity.objects.count() == 1
    # the analyst reads, but may not write (403)
    analyst = client(w, "analyst")
    assert analyst.get(reverse("party_integrity:school", args=[w.wf.a1.code])).status_code == 200
    assert analyst.post(reverse("party_integrity:school", args=[w.wf.a1.code]), activity_post()).status_code == 403


def test_counts_by_school_and_year_link_to_the_list_and_export(pworld: PWorld) -> None:
    w = pworld
    bureau = w.user("bureau")
    for day, layer in ((dt.date(2024, 5, 1), "family"), (dt.date(2025, 5, 1), "family"), (dt.date(2025, 6, 1), "law")):
        services.record_activity(bureau, w.base.a, school=w.wf.a1, kind="lesson", layer=layer, held_on=day,
                                 title="廉洁教育课", participants=40, kinds=["pupils"])
    c = client(w, "analyst")
    page = c.get(reverse("party_integrity:counts", args=[w.base.a.code]) + "?by=layer").content.decode()
    url = reverse("party_integrity:activities", args=[w.base.a.code])
    link = f'{url}?school={w.wf.a1.code}&amp;year=2025&amp;layer=family'
    assert link in page
    listed = c.get(f"{url}?school={w.wf.a1.code}&year=2025&layer=family").content.decode()
    assert listed.count('data-testid="activity-row"') == 1
    x = c.get(reverse("party_integrity:counts_export", args=[w.base.a.code]) + "?by=layer")
    assert x.status_code == 200 and x["Content-Type"].startswith("application/vnd.openxmlformats")
    x = c.get(reverse("party_integrity:activities_export", args=[w.base.a.code]) + "?from=2025&to=2025")
    from openpyxl import load_workbook
    rows = list(load_workbook(io.BytesIO(x.content)).active.iter_rows(values_only=True))
    assert len(rows) == 3  # header and the two of 2025


def test_cases_are_seen_by_handlers_only_and_every_open_is_audited(pworld: PWorld) -> None:
    w = pworld
    a = w.base.a
    bureau = client(w, "bureau")
    # the bureau cannot grant itself
    r = bureau.post(reverse("party_integrity:handlers", args=[a.code]), {"username": "bureau",
                                                                         "start": timezone.localdate().isoformat()})
    assert r.status_code == 400 and "E1299" in r.content.decode()
    r = bureau.post(reverse("party_integrity:handlers", args=[a.code]), {"username": "ethics",
                                                                         "start": timezone.localdate().isoformat()})
    assert r.status_code == 302
    ethics = client(w, "ethics")
    r = ethics.post(reverse("party_integrity:cases", args=[a.code]), {
        "staff_id": w.wf.teachers["t2"].staff_id, "received_on": timezone.localdate().isoformat(), "source": "hotline",
        "summary": SUMMARY})
    assert r.status_code == 302, r.content.decode()[:2000]
    case = EthicsCase.objects.get()
    page = ethics.get(reverse("party_integrity:case", args=[case.pk])).content.decode()
    assert SUMMARY in page and "吴二" in page
    assert CaseRead.objects.filter(case=case, user=w.user("ethics")).count() == 1
    assert AuditEvent.objects.filter(action="party_integrity_case_read", object_id=str(case.pk)).count() == 1
    # the bureau, the administrator, analysts, officers: 404 on the case; the bureau sees counts only
    for role in ("bureau", "admin", "analyst", "officer", "inspector", "teacher"):
        assert client(w, role).get(reverse("party_integrity:case", args=[case.pk])).status_code == 404, role
    counts = bureau.get(reverse("party_integrity:cases", args=[a.code])).content.decode()
    assert 'data-testid="case-counts"' in counts and SUMMARY not in counts and "吴二" not in counts
    assert client(w, "analyst").get(reverse("party_integrity:cases", args=[a.code])).status_code == 404
    # nothing of the contents reaches the audit history
    for e in AuditEvent.objects.filter(action__startswith="party_integrity_case"):
        assert SUMMARY not in str(e.after) and "吴二" not in e.object_repr
    # the steps follow the order; the decision needs its sanction
    step = reverse("party_integrity:case", args=[case.pk])
    today = timezone.localdate().isoformat()
    r = ethics.post(step, {"step": "close", "on": today})
    assert r.status_code == 400 and "E1297" in r.content.decode()
    assert ethics.post(step, {"step": "verify", "on": today}).status_code == 302
    r = ethics.post(step, {"step": "decide", "on": today, "decision": "批评教育"})
    assert r.status_code == 400 and "E1298" in r.content.decode()
    assert ethics.post(step, {"step": "decide", "on": today, "decision": "批评教育", "sanction": "criticism"}
                       ).status_code == 302
    case.refresh_from_db()
    assert case.status == "decide" and case.sanction == "criticism"
    # revoked: the handler is answered 404 like anyone else
    from youjun.web.apps.party.integrity.models import CaseHandler
    g = CaseHandler.objects.get(user=w.user("ethics"))
    assert bureau.post(reverse("party_integrity:revoke", args=[g.pk])).status_code == 302
    assert ethics.get(step).status_code == 404


def test_the_overview_figures_count_the_years_asked(pworld: PWorld) -> None:
    from django.test import RequestFactory

    w = pworld
    bureau = w.user("bureau")
    for day in (dt.date(2024, 5, 1), dt.date(2025, 5, 1)):
        services.record_activity(bureau, w.base.a, school=None, kind="lesson", layer="party", held_on=day,
                                 title="廉洁党课", participants=40, kinds=["teachers"])
    services.add_publicity(bureau, w.base.a, number=1, published_on=dt.date(2025, 3, 1), title="师德标兵",
                           channel="公众号", link="https://example.org/1")
    req = RequestFactory().get("/")
    req.user = bureau
    figs = {f.key: f for f in extensions.district_figures(req, w.base.a, 2025, 2025)}
    assert figs["clean_school_activities"].value == 1 and figs["ethics_publicity_issues"].value == 1
    assert "from=2025" in figs["clean_school_activities"].url
    listed = client(w, "bureau").get(figs["clean_school_activities"].url).content.decode()
    assert listed.count('data-testid="activity-row"') == 1
    req.user = w.user("bureau_b")
    assert not [f for f in extensions.district_figures(req, w.base.a, 2025, 2025) if f.section == "party"
                and f.key in ("clean_school_activities", "ethics_publicity_issues")]
