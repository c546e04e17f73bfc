"""The bureau reviews a school's submission: the field-by-field changes (the upload preview's
component), approve or return with a comment, completeness by town, and only approved figures
merged — with the sources named in the audit."""

from __future__ import annotations

import re

from django.test import Client

from tests.web.world import A, B, World
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.schools.models import Snapshot, Submission
from youjun.web.apps.schools.selectors import snapshot_tables

YEAR = "2025-2026"


def client(world: World, role: str) -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def submit(world: World, code: str, **changes: str) -> Submission:
    """The officer's real form, posted with some values changed."""
    c = client(world, "officer") if code == A + "0001" else client(world, "bureau")
    url = f"/s/{code}/form/{YEAR}/"
    values = dict(re.findall(r'<input name="([a-z_]+\.[a-z0-9_]+)" value="([^"]*)"', c.get(url).content.decode()))
    r = c.post(url, values | changes)
    assert r.status_code == 302, r.content.decode()[:500]
    return Submission.objects.get(school__code=code, school_year=YEAR)


def test_the_review_page_shows_every_changed_field_with_old_and_new(world: World) -> None:
    sub = submit(world, A + "0001", **{"facilities.books": "12000", "schools.students_g1": "41", "classes.1": "41"})
    html = client(world, "bureau").get(f"/d/{A}/submissions/{sub.pk}/").content.decode()
    table = html.split('data-testid="field-changes"', 1)[1].split("</table>", 1)[0]
    found = re.findall(r'<tr data-field="([^"]+)">(.*?)</tr>', table, re.S)
    rows = {f: re.sub(r"<[^>]+>", "|", body) for f, body in found}
    assert set(rows) == {"facilities.books", "students_g1", "classes.1"}
    assert "9,000" in rows["facilities.books"] and "12,000" in rows["facilities.books"]
    assert "40" in rows["students_g1"] and "41" in rows["students_g1"] and "一年级" in rows["students_g1"]
    assert 'data-testid="approve"' in html and 'data-testid="return"' in html


def test_return_needs_a_comment_and_the_school_sees_it(world: World) -> None:
    sub = submit(world, A + "0001", **{"facilities.books": "12000"})
    bureau = client(world, "bureau")
    r = bureau.post(f"/d/{A}/submissions/{sub.pk}/", {"decision": "return", "comment": "  "})
    assert r.status_code == 400 and "E851" in r.content.decode()
    sub.refresh_from_db()
    assert sub.status == "submitted"
    r = bureau.post(f"/d/{A}/submissions/{sub.pk}/", {"decision": "return", "comment": "图书册数与台账不符，请核实"})
    assert r.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "returned" and sub.review_comment == "图书册数与台账不符，请核实"
    assert sub.reviewed_by == world.users["bureau"]
    event = AuditEvent.objects.get(action="return_submission")
    assert event.after["comment"] == "图书册数与台账不符，请核实" and event.school.code == A + "0001"
    form = client(world, "officer").get(f"/s/{A}0001/form/{YEAR}/").content.decode()
    assert "图书册数与台账不符，请核实" in form  # the school sees why
    # a returned submission cannot be approved until the school submits again (E850)
    r = bureau.post(f"/d/{A}/submissions/{sub.pk}/", {"decision": "approve"})
    assert r.status_code == 400 and "E850" in r.content.decode()
    again = submit(world, A + "0001", **{"facilities.books": "9500"})
    assert again.status == "submitted"


def test_only_approved_submissions_are_merged_and_the_audit_names_the_sources(world: World) -> None:
    approved = submit(world, A + "0001", **{"facilities.books": "12000"})
    waiting = submit(world, A + "0002", **{"facilities.books": "8888"})
    bureau = client(world, "bureau")
    r = bureau.post(f"/d/{A}/submissions/{approved.pk}/", {"decision": "approve", "comment": "ok"})
    assert r.status_code == 302
    r = bureau.post(f"/d/{A}/submissions/", {"year": YEAR})
    assert r.status_code == 302
    new = Snapshot.objects.get(district__code=A, current=True)
    assert new != world.snapshots[A]
    books = snapshot_tables(new)["facilities"].set_index("school_code")["books"]
    assert int(books[A + "0001"]) == 12000  # approved: merged
    assert int(books[A + "0002"]) != 8888  # only submitted, not approved: left out
    approved.refresh_from_db()
    waiting.refresh_from_db()
    assert approved.status == "applied" and waiting.status == "submitted"
    merge = AuditEvent.objects.get(action="merge_submissions")
    assert merge.after["sources"] == [{"school": A + "0001", "submission": approved.pk,
                                       "submitted_by": "officer", "approved_by": "bureau"}]


def test_completeness_by_town_counts_the_year_s_schools(world: World) -> None:
    submit(world, A + "0001", **{"facilities.books": "12000"})
    html = client(world, "bureau").get(f"/d/{A}/submissions/?year={YEAR}").content.decode()
    table = html.split('data-testid="completeness"', 1)[1].split("</table>", 1)[0]
    row = re.search(r'<tr data-town="中山路街道">(.*?)</tr>', table, re.S)
    assert row is not None
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))
    assert cells[1] == "4" and cells[2] == "1" and "1/4" in cells[-1] and "25%" in cells[-1]


def test_review_scope_other_district_404_analyst_403(world: World) -> None:
    sub = submit(world, A + "0001", **{"facilities.books": "12000"})
    assert client(world, "bureau_b").get(f"/d/{A}/submissions/{sub.pk}/").status_code == 404
    assert client(world, "bureau_b").get(f"/d/{B}/submissions/{sub.pk}/").status_code == 404  # not of that district
    analyst = client(world, "analyst")
    assert analyst.get(f"/d/{A}/submissions/{sub.pk}/").status_code == 200
    assert analyst.post(f"/d/{A}/submissions/{sub.pk}/", {"decision": "approve"}).status_code == 403
    sub.refresh_from_db()
    assert sub.status == "submitted"
