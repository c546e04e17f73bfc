"""Issue 15 leftovers of clean schools: an activity says how many of each kind took part
(pupils, teachers, parents; optional, never more than the total), shown on the activity page,
the lists, the XLSX exports, the counts by school and year and in the history; the demo fills them."""

from __future__ import annotations

import datetime as dt
import io
import random

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.integrity import demo, services
from youjun.web.apps.party.integrity.models import Activity
from youjun.web.errors import Refused


def client(w: PWorld, role: str) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    c.force_login(w.user(role))
    return c


def _record(w: PWorld, **kw: object) -> Activity:
    args: dict[str, object] = {"school": w.wf.a1, "kind": "class_meeting", "layer": "classroom",
                               "held_on": dt.date(2025, 10, 8), "title": "廉洁主题班会", "participants": 120,
                               "kinds": ["pupils", "teachers", "parents"]}
    args.update(kw)
    return services.record_activity(w.user("bureau"), w.base.a, **args)  # type: ignore[arg-type]


def test_the_parts_are_kept_and_shown_on_the_activity_page_and_the_list(pworld: PWorld) -> None:
    w = pworld
    a = _record(w, parts={"pupils": 100, "teachers": 15, "parents": 5})
    a.refresh_from_db()
    assert (a.pupils, a.teachers, a.parents) == (100, 15, 5)
    c = client(w, "bureau")
    page = c.get(reverse("party_integrity:activity", args=[a.pk])).content.decode()
    assert "120&nbsp;人（学生 100、教师 15、家长 5）" in page
    page = c.get(reverse("party_integrity:activities", args=[w.base.a.code])).content.decode()
    assert "学生 100、教师 15、家长 5" in page


def test_a_kind_ticked_without_its_count_is_named_without_a_number(pworld: PWorld) -> None:
    w = pworld
    a = _record(w, parts={"pupils": 100})
    page = client(w, "bureau").get(reverse("party_integrity:activity", args=[a.pk])).content.decode()
    assert "（学生 100、教师、家长）" in page


def test_a_count_ticks_its_kind(pworld: PWorld) -> None:
    a = _record(pworld, kinds=[], parts={"parents": 30})
    assert a.with_parents and not a.with_pupils and a.parents == 30


def test_parts_over_the_total_are_refused_in_words(pworld: PWorld) -> None:
    w = pworld
    with pytest.raises(Refused) as exc:
        _record(w, parts={"pupils": 100, "teachers": 15, "parents": 6})
    assert exc.value.problems[0]["code"] == "E1288"
    r = client(w, "bureau").post(reverse("party_integrity:district", args=[w.base.a.code]), {
        "title": "廉洁主题班会", "kind": "class_meeting", "layer": "classroom", "held_on": "2025-10-08",
        "participants": "120", "kinds": ["pupils", "teachers"], "n_pupils": "110", "n_teachers": "20"})
    page = r.content.decode()
    assert r.status_code == 400 and "E1288" in page and "130" in page and "超过" in page
    assert not Activity.objects.exists()


def test_the_form_records_the_parts_and_the_history_names_them(pworld: PWorld) -> None:
    w = pworld
    r = client(w, "officer").post(reverse("party_integrity:school", args=[w.wf.a1.code]), {
        "title": "家校共育廉洁课", "kind": "class_meeting", "layer": "classroom", "held_on": "2025-10-08",
        "participants": "60", "kinds": ["pupils", "parents"], "n_pupils": "40", "n_parents": "20", "n_teachers": ""})
    assert r.status_code == 302, r.content.decode()[:3000]
    a = Activity.objects.get()
    assert (a.pupils, a.teachers, a.parents) == (40, None, 20)
    page = client(w, "bureau").get("/history/").content.decode()
    part = page[page.index("登记清廉学校活动"):]
    assert "学生人数" in part and "家长人数" in part
    assert "n_pupils" not in part and "pi_pupils" not in part


def test_the_xlsx_exports_have_a_column_per_kind(pworld: PWorld) -> None:
    w = pworld
    _record(w, parts={"pupils": 100, "teachers": 15, "parents": 5})
    _record(w, participants=40, kinds=["teachers"], held_on=dt.date(2025, 11, 8))
    c = client(w, "bureau")
    ws = load_workbook(io.BytesIO(c.get(reverse("party_integrity:activities_export",
                                                args=[w.base.a.code])).content)).active
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    cols = [head.index(h) for h in ("学生人数", "教师人数", "家长人数")]
    got = {tuple(r[i] for i in cols) for r in rows[1:]}
    assert got == {(100, 15, 5), (None, None, None)}
    ws = load_workbook(io.BytesIO(c.get(reverse("party_integrity:counts_export",
                                                args=[w.base.a.code])).content)).active
    rows = list(ws.iter_rows(values_only=True))
    head = list(rows[0])
    assert "学生（人次）" in head and "参与人次" in head
    school_row = next(r for r in rows[1:] if r[0] == w.wf.a1.code)
    assert school_row[head.index("学生（人次）")] == 100 and school_row[head.index("教师（人次）")] == 15
    assert school_row[head.index("参与人次")] == 160


def test_the_counts_show_person_times_by_kind_where_recorded(pworld: PWorld) -> None:
    w = pworld
    _record(w, parts={"pupils": 1100, "teachers": 15, "parents": 5}, participants=1120)
    _record(w, participants=40, kinds=["teachers"], held_on=dt.date(2025, 11, 8))
    page = client(w, "bureau").get(reverse("party_integrity:counts", args=[w.base.a.code])).content.decode()
    assert 'data-testid="people-by-kind"' in page
    assert "1,100&nbsp;人次" in page and "15&nbsp;人次" in page and "1,160&nbsp;人次" in page


def test_the_demo_fills_the_parts_plausibly(pworld: PWorld) -> None:
    a = pworld.base.a
    demo.seed(a, today=dt.date(2026, 12, 1), rng=random.Random(3))
    acts = list(Activity.objects.filter(district=a))
    with_parts = [x for x in acts if x.pupils is not None or x.teachers is not None or x.parents is not None]
    assert len(with_parts) >= len(acts) // 2
    for x in acts:
        parts = [n for n in (x.pupils, x.teachers, x.parents) if n is not None]
        assert sum(parts) <= x.participants
        assert (x.pupils is None or x.with_pupils) and (x.teachers is None or x.with_teachers)
        assert x.parents is None or x.with_parents
