"""School party organisation through the real services, views and templates: the tree refuses
a school of another district and cycles; a new holder closes the old holding and the posts turn
split or combined; the compliance view counts, filters, pages and exports; names are masked for
readers; a 三重一大 decision without prior study is listed; duty lists are versioned; evidence
is cleaned by content; the group checklist; the overview's figures."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party import services
from youjun.web.apps.party.models import PartyFile, PostHolding
from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.models import AuditEvent, EducationGroup, School
from youjun.web.errors import Refused

DAY = dt.date(2024, 9, 1)


class Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name, self.size = name, len(data)


def client(w: PWorld, role: str) -> Client:
    c = Client()
    c.force_login(w.user(role))
    c.cookies["youjun_language"] = "zh"
    return c


def code_of(exc: pytest.ExceptionInfo[Refused]) -> str:
    return str(exc.value.problem["code"])


def _tree(w: PWorld) -> dict[str, object]:
    a = w.base.a
    root = services.create_organisation(None, a, name="区教育工委", kind="committee", founded=DAY)
    o1 = services.create_organisation(None, a, name="一校党委", kind="committee", founded=DAY, school=w.wf.a1,
                                      parent=root, members=40)
    o2 = services.create_organisation(None, a, name="二校党支部", kind="branch", founded=DAY, school=w.wf.a2,
                                      parent=o1)
    return {"root": root, "o1": o1, "o2": o2}


def test_the_tree_refuses_other_districts_and_cycles(pworld: PWorld) -> None:
    t = _tree(pworld)
    a, b = pworld.base.a, pworld.base.b
    with pytest.raises(Refused) as exc:
        services.create_organisation(None, a, name="外区党支部", kind="branch", founded=DAY, school=pworld.wf.b1)
    assert code_of(exc) == "E1250"
    other = services.create_organisation(None, b, name="乙区教育工委", kind="committee", founded=DAY)
    with pytest.raises(Refused) as exc:
        services.create_organisation(None, a, name="三校党支部", kind="branch", founded=DAY, parent=other)
    assert code_of(exc) == "E1252"
    with pytest.raises(Refused) as exc:  # the root under its grandchild
        services.update_organisation(None, t["root"], parent=t["o2"])  # type: ignore[arg-type]
    assert code_of(exc) == "E1251"
    with pytest.raises(Refused) as exc:
        services.update_organisation(None, t["o1"], parent=t["o1"])  # type: ignore[arg-type]
    assert code_of(exc) == "E1251"
    with pytest.raises(Refused) as exc:
        services.create_organisation(None, a, name="一校党委", kind="branch", founded=DAY)
    assert code_of(exc) == "E1261"
    # the bureau through the page: the refusal is shown, nothing written
    r = client(pworld, "bureau").post(reverse("party:org_update", args=[a.code]), {
        "organisation": t["root"].pk, "parent": t["o2"].pk})  # type: ignore[attr-defined]
    assert r.status_code == 400 and "E1251" in r.content.decode()
    page = client(pworld, "analyst").get(reverse("party:district", args=[a.code])).content.decode()
    assert page.index("区教育工委") < page.index("一校党委") < page.index("二校党支部")


def test_a_new_holder_closes_the_old_and_the_posts_turn_split(pworld: PWorld) -> None:
    _tree(pworld)
    a1, t1, t2 = pworld.wf.a1, pworld.wf.teachers["t1"], pworld.wf.teachers["t2"]
    services.appoint(None, post="secretary", person="", teacher=t1, start=DAY, school=a1)
    services.appoint(None, post="principal", person="", teacher=t1, start=DAY, school=a1)
    c = client(pworld, "bureau")
    page = c.get(reverse("party:school", args=[a1.code])).content.decode()
    assert 'data-testid="party-status">一肩挑<' in page
    # the bureau records a new principal: the old holding ends the day before, the posts split
    r = c.post(reverse("party:appoint", args=[a1.code]), {"post": "principal", "staff_id": t2.staff_id,
                                                          "start": "2025-03-01"})
    assert r.status_code == 302
    old, new = PostHolding.objects.filter(school=a1, post="principal").order_by("start")
    assert old.end == dt.date(2025, 2, 28) and new.end is None and new.teacher_id == t2.pk
    page = c.get(reverse("party:school", args=[a1.code])).content.decode()
    assert 'data-testid="party-status">分设<' in page and "吴二" in page
    assert AuditEvent.objects.filter(action="party_appoint", school=a1).count() == 3
    # a start not after the current holder's is refused
    r = c.post(reverse("party:appoint", args=[a1.code]), {"post": "principal", "person": "赵某", "start": "2025-03-01"})
    assert r.status_code == 400 and "E1256" in r.content.decode()
    # a teacher of another school cannot be linked
    with pytest.raises(Refused) as exc:
        services.appoint(None, post="principal", person="", teacher=pworld.wf.teachers["ta2"],
                         start=dt.date(2025, 4, 1), school=a1)
    assert code_of(exc) == "E1255"
    # no organisation, no secretary
    with pytest.raises(Refused) as exc:
        services.appoint(None, post="secretary", person="某某", start=DAY, school=School.objects.get(code="5001180004"))
    assert code_of(exc) == "E1265"


def test_the_compliance_view_counts_filters_exports_and_masks(pworld: PWorld) -> None:
    _tree(pworld)
    a, a1, a2 = pworld.base.a, pworld.wf.a1, pworld.wf.a2
    services.appoint(None, post="secretary", person="孙书记", start=DAY, school=a1)
    services.appoint(None, post="principal", person="钱校长", start=DAY, school=a1)
    services.appoint(None, post="full_deputy", person="周副书记", start=DAY, school=a1)
    services.appoint(None, post="secretary", person="郑三", start=DAY, school=a2)
    services.appoint(None, post="principal", person="郑 三", start=DAY, school=a2)
    n_schools = School.objects.filter(district=a).count()
    # a teaching point's members belong to a higher organisation: it is not a school without one
    points = School.objects.filter(district=a, school_type="teaching_point").count()
    url = reverse("party:compliance", args=[a.code])
    page = client(pworld, "bureau").get(url).content.decode()
    assert 'data-testid="count-split"><strong>1&nbsp;所' in page
    assert 'data-testid="count-combined"><strong>1&nbsp;所' in page
    assert 'data-testid="count-deputies"><strong>1&nbsp;个' in page
    assert f'data-testid="count-no-org"><strong>{n_schools - 2 - points}&nbsp;所' in page
    assert "孙书记" in page and "钱校长" in page
    split = client(pworld, "bureau").get(url, {"show": "split"}).content.decode()
    assert split.count('data-testid="compliance-row"') == 1 and a1.name in split
    no_deputy = client(pworld, "bureau").get(url, {"show": "no_deputy"}).content.decode()
    assert no_deputy.count('data-testid="compliance-row"') == 1 and a2.name in no_deputy
    # before anyone was recorded: nothing is known
    early = client(pworld, "bureau").get(url, {"on": "2024-08-31"}).content.decode()
    assert 'data-testid="count-split"><strong>0&nbsp;所' in early
    # the analyst reads with names masked
    masked = client(pworld, "analyst").get(url).content.decode()
    assert "钱校长" not in masked and "钱**" in masked
    # the XLSX has the filtered rows
    r = client(pworld, "bureau").get(reverse("party:compliance_export", args=[a.code]), {"show": "split"})
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(values_only=True))
    assert rows[0][0] == "学校标识码" and len(rows) == 2
    assert rows[1][1] == a1.name and rows[1][4] == "孙书记" and rows[1][6] == "分设" and rows[1][7] == "有"


def test_paging_of_the_compliance_list(pworld: PWorld) -> None:
    from youjun.web.apps.party import views

    a = pworld.base.a
    old = views.PAGE
    views.PAGE = 2
    try:
        page = client(pworld, "bureau").get(reverse("party:compliance", args=[a.code]), {"page": 2}).content.decode()
    finally:
        views.PAGE = old
    assert page.count('data-testid="compliance-row"') == 2 and 'data-testid="pager"' in page


def test_three_majors_without_prior_study_are_listed(pworld: PWorld) -> None:
    _tree(pworld)
    a, a1 = pworld.base.a, pworld.wf.a1
    today = dt.date.today()
    c = client(pworld, "officer")
    r = c.post(reverse("party:meeting", args=[a1.code]), {
        "kind": "principal_meeting", "title": "校长办公会", "held_on": today.isoformat(), "attendees": "9",
        "decision_1": "采购教学设备 80 万元", "major_1": "large_funds",
        "decision_2": "聘任教务主任", "major_2": "cadre_appointment", "prior_2": "on",
        "decision_3": "调整作息时间", "major_3": ""})
    assert r.status_code == 302
    page = c.get(reverse("party:school", args=[a1.code])).content.decode()
    assert page.count('data-testid="lacks-prior"') == 1
    listed = client(pworld, "analyst").get(reverse("party:decisions", args=[a.code])).content.decode()
    assert "采购教学设备" in listed and "聘任教务主任" not in listed and "调整作息时间" not in listed
    every = client(pworld, "analyst").get(reverse("party:decisions", args=[a.code]), {"all": "1"}).content.decode()
    assert "聘任教务主任" in every and "调整作息时间" not in every
    # nothing decided and no minutes: refused
    r = c.post(reverse("party:meeting", args=[a1.code]), {"kind": "party_meeting", "title": "空会",
                                                          "held_on": today.isoformat()})
    assert r.status_code == 400 and "E1267" in r.content.decode()


def test_duty_lists_are_versioned_and_side_by_side(pworld: PWorld) -> None:
    a1 = pworld.wf.a1
    c = client(pworld, "officer")
    for as_of, extra in (("2025-01-10", ""), ("2025-06-01", "\n抓意识形态工作")):
        r = c.post(reverse("party:duties", args=[a1.code]), {
            "year": "2025", "as_of": as_of, "secretary": "主持党组织全面工作" + extra, "principal": "主持学校行政工作"})
        assert r.status_code == 302
    page = c.get(reverse("party:school", args=[a1.code])).content.decode()
    sec = page[page.index('data-testid="secretary-duties"'):page.index('data-testid="principal-duties"')]
    assert "抓意识形态工作" in sec and "主持学校行政工作" in page[page.index('data-testid="principal-duties"'):]
    assert "2025年1月10日" in page  # the earlier version is kept
    r = c.post(reverse("party:duties", args=[a1.code]), {"year": "2025", "as_of": "2025-06-02",
                                                         "secretary": "主持工作", "principal": "   "})
    assert r.status_code == 400


def _photo_with_gps() -> bytes:
    img = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (29.0, 21.0, 0.0)}
    out = io.BytesIO()
    img.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def test_evidence_is_cleaned_by_content(pworld: PWorld) -> None:
    _tree(pworld)
    a1 = pworld.wf.a1
    with pytest.raises(Refused) as exc:
        services.store_file(None, pworld.base.a, a1, Upload(b"MZ not a picture", "minutes.jpg"))
    assert code_of(exc) == "E1258"
    with pytest.raises(Refused) as exc:
        services.store_file(None, pworld.base.a, pworld.wf.b1, Upload(_photo_with_gps(), "x.jpg"))
    assert code_of(exc) == "E1250"
    raw = _photo_with_gps()
    assert b"CameraMaker" in raw
    m = services.record_meeting(None, a1, kind="party_meeting", title="支委会", held_on=DAY,
                                minutes=Upload(raw, "minutes.jpg"))
    stored = PartyFile.objects.get(pk=m.minutes_id)
    assert stored.content_type == "image/jpeg" and b"CameraMaker" not in bytes(stored.content)
    assert Image.open(io.BytesIO(bytes(stored.content))).getexif().get(0x8825) is None
    r = client(pworld, "officer").get(reverse("party:file", args=[stored.pk]))
    assert r.status_code == 200 and r["X-Content-Type-Options"] == "nosniff"
    assert client(pworld, "officer2").get(reverse("party:file", args=[stored.pk])).status_code == 404


def test_the_group_checklist(pworld: PWorld) -> None:
    a = pworld.base.a
    group = EducationGroup.objects.filter(district=a).order_by("name").first()
    assert group is not None
    services.create_organisation(None, a, name="集团党委", kind="committee", founded=DAY, group=group)
    c = client(pworld, "bureau")
    url = reverse("party:community", args=[group.pk])
    r = c.post(url, {"year": "2025", "item": "venues", "done": "on", "note": "党员活动室共享",
                     "evidence": Upload(b"%PDF-1.4\n", "venues.pdf")})
    assert r.status_code == 302
    r = c.post(url, {"year": "2025", "item": "nonsense", "done": "on"})
    assert r.status_code == 400
    page = c.get(reverse("party:group", args=[group.pk]), {"year": "2025"}).content.decode()
    assert page.count('data-testid="community-row"') == 7 and "阵地联用共享化" in page
    assert "1 of 7" in page or "7 项中已完成 1 项" in page
    assert "党员活动室共享" in page and "venues.pdf" in page and "集团党委" in page


def test_the_overview_figures(pworld: PWorld) -> None:
    from django.test import RequestFactory

    _tree(pworld)
    a1, a2 = pworld.wf.a1, pworld.wf.a2
    services.appoint(None, post="secretary", person="孙书记", start=DAY, school=a1)
    services.appoint(None, post="principal", person="钱校长", start=DAY, school=a1)
    services.appoint(None, post="full_deputy", person="周副书记", start=DAY, school=a1)
    services.appoint(None, post="full_deputy", person="吴副书记", start=DAY, school=a2)
    services.appoint(None, post="principal", person="王校长", start=dt.date(2025, 2, 1), school=a2)
    services.appoint(None, post="secretary", person="李书记", start=dt.date(2025, 2, 1), school=a2)
    request = RequestFactory().get("/")
    request.user = pworld.user("analyst")
    figs = {f.key: f for f in extensions.district_figures(request, pworld.base.a, 2024, 2024)}
    assert figs["party_split_posts"].value == 1 and figs["party_split_posts"].kind == "stock"
    assert figs["party_full_time_deputies"].value == 2 and figs["party_organisations"].value == 2
    assert "on=2024-12-31" in figs["party_split_posts"].url and "show=split" in figs["party_split_posts"].url
    figs = {f.key: f for f in extensions.district_figures(request, pworld.base.a, 2024, 2025)}
    assert figs["party_split_posts"].value == 2
    request.user = pworld.user("bureau_b")
    assert not [f for f in extensions.district_figures(request, pworld.base.a, 2024, 2025) if f.section == "party"]
