"""User administration in the browser's pages: create, disable, give a role and place, reset a
password (forcing a change) — platform admins for everyone, district admins only for their
district's analysts and school officers; weak passwords refused; every change audited."""

from __future__ import annotations

from django.test import Client

from tests.web.world import PASSWORD, A, B, World
from youjun.web.apps.platform.models import AuditEvent, Membership, User

STRONG = "quiet-river-lantern-42"


def client(world: World, role: str) -> Client:
    c = Client()
    c.force_login(world.users[role])
    return c


def create(c: Client, **fields: str) -> object:
    data = {"username": "zhang", "full_name": "张老师", "password": STRONG, "role": "district_analyst",
            "place": A} | fields
    return c.post("/users/", data)


def test_a_district_admin_creates_an_analyst_of_their_district(world: World) -> None:
    r = create(client(world, "bureau"))
    assert r.status_code == 302  # type: ignore[attr-defined]
    user = User.objects.get(username="zhang")
    assert user.must_change_password and user.check_password(STRONG) and user.full_name == "张老师"
    m = Membership.objects.get(user=user)
    assert m.role == "district_analyst" and m.district == world.a
    event = AuditEvent.objects.get(action="grant_role", after__user="zhang")
    assert event.actor == world.users["bureau"] and event.district == world.a
    assert "zhang" in client(world, "bureau").get("/users/").content.decode()


def test_a_district_admin_creates_a_school_officer_of_one_of_its_schools(world: World) -> None:
    r = create(client(world, "bureau"), username="li", role="school_officer", place=A + "0002")
    assert r.status_code == 302  # type: ignore[attr-defined]
    assert Membership.objects.get(user__username="li").school.code == A + "0002"


def test_a_district_admin_cannot_give_other_roles_or_other_places(world: World) -> None:
    c = client(world, "bureau")
    for fields in ({"role": "district_admin"}, {"role": "platform_admin"}, {"role": "inspector"},
                   {"place": B}, {"role": "school_officer", "place": B + "0001"}):
        r = create(c, **fields)
        assert r.status_code == 400, fields  # type: ignore[attr-defined]
        assert "E852" in r.content.decode(), fields  # type: ignore[attr-defined]
    assert not User.objects.filter(username="zhang").exists()


def test_weak_passwords_and_taken_names_are_refused(world: World) -> None:
    c = client(world, "admin")
    r = create(c, password="123456")
    assert r.status_code == 400 and "E822" in r.content.decode()  # type: ignore[attr-defined]
    r = create(c, username="Analyst")  # an existing user, whatever the case
    assert r.status_code == 400 and "E853" in r.content.decode()  # type: ignore[attr-defined]
    r = create(c, role="school_officer", place="")
    assert r.status_code == 400 and "E854" in r.content.decode()  # type: ignore[attr-defined]
    assert not User.objects.filter(username="zhang").exists()


def test_a_platform_admin_creates_any_role(world: World) -> None:
    r = create(client(world, "admin"), username="bureau_c", role="district_admin", place=world.c.code)
    assert r.status_code == 302  # type: ignore[attr-defined]
    assert Membership.objects.get(user__username="bureau_c").district == world.c
    r = create(client(world, "admin"), username="insp2", role="inspector", place="510000")
    assert r.status_code == 302  # type: ignore[attr-defined]
    assert Membership.objects.get(user__username="insp2").province.code == "510000"


def test_disable_and_enable_with_audit_and_the_login_is_refused(world: World) -> None:
    analyst = world.users["analyst"]
    c = client(world, "bureau")
    assert c.post(f"/users/{analyst.pk}/", {"action": "disable"}).status_code == 302
    analyst.refresh_from_db()
    assert not analyst.is_active
    assert AuditEvent.objects.filter(action="disable_user", object_id=str(analyst.pk), district=world.a).exists()
    r = Client().post("/login/", {"username": "analyst", "password": PASSWORD})
    assert r.status_code == 401
    assert c.post(f"/users/{analyst.pk}/", {"action": "enable"}).status_code == 302
    analyst.refresh_from_db()
    assert analyst.is_active and AuditEvent.objects.filter(action="enable_user").exists()


def test_the_user_page_shows_the_current_role_and_place(world: World) -> None:
    c = client(world, "bureau")
    for role, place in (("officer", A + "0001"), ("analyst", A)):
        html = c.get(f"/users/{world.users[role].pk}/").content.decode()
        assert f'name="place" value="{place}"' in html, role


def test_assign_role_and_place_replaces_the_roles_with_audit(world: World) -> None:
    analyst = world.users["analyst"]
    r = client(world, "bureau").post(f"/users/{analyst.pk}/", {"action": "role", "role": "school_officer",
                                                                 "place": A + "0003"})
    assert r.status_code == 302
    assert [(m.role, m.school.code) for m in Membership.objects.filter(user=analyst)] == [
        ("school_officer", A + "0003")]
    event = AuditEvent.objects.get(action="set_role")
    assert event.before["roles"][0]["role"] == "district_analyst"
    assert event.after["roles"][0] == {"role": "school_officer", "province": None, "district": None,
                                       "school": A + "0003"}


def test_reset_forces_a_change_and_is_audited(world: World) -> None:
    analyst = world.users["analyst"]
    r = client(world, "bureau").post(f"/users/{analyst.pk}/reset-password/")
    assert r.status_code == 200 and 'data-testid="temporary-password"' in r.content.decode()
    analyst.refresh_from_db()
    assert analyst.must_change_password
    assert AuditEvent.objects.filter(action="password_reset", object_id=str(analyst.pk)).exists()


def test_scope_other_district_and_admins_are_404_read_only_roles_403(world: World) -> None:
    c = client(world, "bureau")
    for other in ("bureau_b", "admin", "bureau", "inspector"):  # another district's admin, a platform admin, oneself
        target = world.users[other]
        assert c.get(f"/users/{target.pk}/").status_code == 404, other
        assert c.post(f"/users/{target.pk}/", {"action": "disable"}).status_code == 404, other
        target.refresh_from_db()
        assert target.is_active
    b_analyst = User.objects.create_user("analyst_b")
    Membership.objects.create(user=b_analyst, role="district_analyst", district=world.b)
    assert c.post(f"/users/{b_analyst.pk}/", {"action": "role", "role": "district_analyst",
                                               "place": A}).status_code == 404
    for role in ("analyst", "inspector", "officer"):
        assert client(world, role).get("/users/").status_code == 403
        assert client(world, role).post("/users/", {"username": "x"}).status_code == 403
    assert not AuditEvent.objects.filter(action__in=("disable_user", "set_role")).exists()


def test_the_users_page_is_in_the_header_for_those_who_manage_users_and_resets_ask_first(world: World) -> None:
    for role, shown in (("admin", True), ("bureau", True), ("analyst", False), ("officer", False)):
        html = client(world, role).get("/account/").content.decode()
        assert ('data-testid="nav-users"' in html) is shown, role
    users = client(world, "bureau").get("/users/").content.decode()
    assert "data-confirm=" in users and "确定重置该用户的密码吗" in users
