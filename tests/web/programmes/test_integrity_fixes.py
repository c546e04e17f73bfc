"""Regressions of what users found walking the clean-school pages: read-only and other
districts' accounts are refused as case handlers; the school's officer always reaches the clean-school
page from the school's page; the history names every field and value in words; an activity's stage
must hold its date; totals read 合计; the participants' box says what it counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.integrity import services
from youjun.web.apps.party.integrity.models import Activity, CaseHandler, Stage
from youjun.web.errors import Refused


def client(w: PWorld, role: str) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    c.force_login(w.user(role))
    return c


@pytest.mark.parametrize("who", ["analyst", "inspector", "bureau_b"])
def test_read_only_and_other_district_accounts_are_not_granted_handling(pworld: PWorld, who: str) -> None:
    w = pworld
    with pytest.raises(Refused) as exc:
        services.grant_handler(w.user("bureau"), w.base.a, username=w.user(who).username,
                               start=timezone.localdate())
    assert exc.value.problems[0]["code"] == "E1299"
    r = client(w, "bureau").post(reverse("party_integrity:handlers", args=[w.base.a.code]),
                                 {"username": w.user(who).username, "start": timezone.localdate().isoformat()})
    page = r.content.decode()
    assert r.status_code == 400 and "E1299" in page and ("只读" in page or "其他区县" in page)
    assert not CaseHandler.objects.filter(user=w.user(who)).exists()


def test_a_person_of_the_district_is_still_granted(pworld: PWorld) -> None:
    w = pworld
    g = services.grant_handler(w.user("bureau"), w.base.a, username="ethics", start=timezone.localdate())
    assert g.user == w.user("ethics")


def test_the_officer_reaches_the_clean_school_page_from_the_school_page_with_no_records(pworld: PWorld) -> None:
    w = pworld
    school = w.wf.a1
    assert not Activity.objects.filter(school=school).exists()
    page = client(w, "officer").get(reverse("schools:school", args=[school.code])).content.decode()
    assert 'data-testid="integrity-school-panel"' in page
    assert "记录本校清廉学校活动" in page
    assert reverse("party_integrity:school", args=[school.code]) in page


def test_the_history_names_the_activity_fields_and_values_in_words(pworld: PWorld) -> None:
    w = pworld
    r = client(w, "bureau").post(reverse("party_integrity:district", args=[w.base.a.code]), {
        "title": "廉洁主题班会", "kind": "class_meeting", "layer": "classroom", "school": str(w.wf.a1.pk),
        "held_on": "2025-10-08", "participants": "45",
        "kinds": ["pupils", "teachers"]})
    assert r.status_code == 302, r.content.decode()[:3000]
    page = client(w, "bureau").get("/history/").content.decode()
    part = page[page.index("登记清廉学校活动"):]
    for code in ("class_meeting", "classroom", "participant_kinds", "key_point", "pupils、teachers",
                 "：" + w.wf.a1.code):
        assert code not in part, code
    assert "主题班会" in part and w.wf.a1.name in part


def test_an_activity_outside_its_stage_dates_is_refused(pworld: PWorld) -> None:
    w = pworld
    c = services.create_campaign(w.user("bureau"), w.base.a, name="清风校园", start=dt.date(2025, 1, 1), end=None,
                                 stages=["动员部署", "学习教育"], key_points=["签订承诺书"])
    stage = Stage.objects.get(campaign=c, order=1)
    services.set_stage_dates(w.user("bureau"), stage, start=dt.date(2025, 4, 27), end=dt.date(2025, 8, 21))
    r = client(w, "bureau").post(reverse("party_integrity:district", args=[w.base.a.code]), {
        "title": "廉洁主题班会", "kind": "class_meeting", "layer": "classroom", "held_on": "2025-11-25",
        "participants": "45", "kinds": ["pupils"], "stage": str(stage.pk)})
    assert r.status_code == 400 and "E1287" in r.content.decode() and "动员部署" in r.content.decode()
    assert not Activity.objects.exists()
    page = client(w, "bureau").get(reverse("party_integrity:campaign", args=[c.pk])).content.decode()
    assert "进行中" in page


def test_totals_read_heji_and_the_participants_box_says_what_it_counts(pworld: PWorld) -> None:
    w = pworld
    services.record_activity(w.user("bureau"), w.base.a, school=None, kind="class_meeting", layer="classroom",
                             held_on=dt.date(2025, 10, 8), title="班会", participants=45, kinds=["pupils"])
    bureau = client(w, "bureau")
    page = bureau.get(reverse("party_integrity:counts", args=[w.base.a.code])).content.decode()
    assert "合计" in page and "总分" not in page
    page = bureau.get(reverse("party_integrity:district", args=[w.base.a.code])).content.decode()
    assert "参与人数" in page


def test_an_evidence_photo_shows_as_a_thumbnail(pworld: PWorld) -> None:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    w = pworld
    out = io.BytesIO()
    Image.new("RGB", (20, 20), (0, 120, 0)).save(out, format="PNG")
    a = services.record_activity(w.user("bureau"), w.base.a, school=None, kind="class_meeting", layer="classroom",
                                 held_on=dt.date(2025, 10, 8), title="班会", participants=45, kinds=["pupils"],
                                 uploads=[SimpleUploadedFile("photo.png", out.getvalue(), "image/png")])
    page = client(w, "bureau").get(reverse("party_integrity:activity", args=[a.pk])).content.decode()
    assert 'data-testid="file-thumb"' in page
