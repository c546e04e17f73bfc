"""School officers fill their own school's figures; the same validator checks them."""

from __future__ import annotations

from django.test import Client

from tests.web.world import A, World
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.schools.models import Snapshot, Submission

FORM = f"/s/{A}0001/form/2025-2026/"


def officer(world: World) -> Client:
    c = Client()
    c.force_login(world.users["officer"])
    return c


def current_form(c: Client) -> dict[str, str]:
    r = c.get(FORM)
    assert r.status_code == 200
    import re

    return dict(re.findall(r'<input name="([a-z_]+\.[a-z0-9_]+)" value="([^"]*)"', r.content.decode()))


def test_form_starts_from_the_stored_figures(world: World) -> None:
    values = current_form(officer(world))
    assert values["schools.students_g1"] == "40"
    assert values["classes.1"] == "40"
    assert values["facilities.books"] == "9000"
    assert "schools.students_g7" not in values  # a primary school has no grade 7


def test_bad_figures_are_kept_as_a_draft_with_problems_beside_the_fields(world: World) -> None:
    c = officer(world)
    values = current_form(c) | {"facilities.books": "很多", "schools.students_g1": "41"}
    r = c.post(FORM, values)
    html = r.content.decode()
    assert r.status_code == 200
    assert "图书册数" in html and "很多" in html  # E202 on books
    assert "E401" in html  # classes (40) no longer add up to the grade (41)
    sub = Submission.objects.get()
    assert sub.status == "draft"
    fields = {p["field"] for p in sub.problems}
    assert "facilities.books" in fields and "schools.students_g1" in fields


def test_good_figures_are_submitted_and_the_bureau_takes_them(world: World) -> None:
    c = officer(world)
    values = current_form(c) | {"facilities.books": "12000", "schools.students_g1": "41", "classes.1": "41"}
    r = c.post(FORM, values)
    assert r.status_code == 302
    sub = Submission.objects.get()
    assert sub.status == "submitted" and sub.problems == []
    assert AuditEvent.objects.filter(action="submit", school__code=A + "0001").exists()
    bureau = Client()
    bureau.force_login(world.users["bureau"])
    page = bureau.get(f"/d/{A}/submissions/?year=2025-2026").content.decode()
    assert "已提交 1" in page and "未填报 3" in page
    r = bureau.post(f"/d/{A}/submissions/{sub.pk}/", {"decision": "approve"})  # reviewed first (issue 10)
    assert r.status_code == 302
    r = bureau.post(f"/d/{A}/submissions/", {"year": "2025-2026"})
    assert r.status_code == 302
    new = Snapshot.objects.get(district__code=A, current=True)
    assert new != world.snapshots[A]
    from youjun.web.apps.schools.selectors import snapshot_tables

    t = snapshot_tables(new)
    assert int(t["facilities"].set_index("school_code").loc[A + "0001", "books"]) == 12000
    assert int(t["schools"].set_index("school_code").loc[A + "0001", "students_g1"]) == 41
    sub.refresh_from_db()
    assert sub.status == "applied" and sub.applied_to == new


def test_analyst_cannot_take_submissions(world: World) -> None:
    c = Client()
    c.force_login(world.users["analyst"])
    assert c.post(f"/d/{A}/submissions/", {"year": "2025-2026"}).status_code == 403
    assert c.post(FORM, {}).status_code == 403  # they may read the school, not write for it
