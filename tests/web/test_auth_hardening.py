"""Log-in throttling, password policy and changes, session limits, API 401 vs 403 (issue 9:
findings 8, 9, 13, 14, 15a). Each test here failed against the code before its fix."""

from __future__ import annotations

import re
import threading
import time
from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.test import Client

from tests.web.world import PASSWORD, A, B, World, build_world
from youjun.web.apps.platform import services
from youjun.web.apps.platform.models import ApiToken, AuditEvent, User

NEW_PASSWORD = "violet-granite-lantern-47"


def login(c: Client, username: str, password: str, **extra: Any):  # type: ignore[no-untyped-def]
    return c.post("/login/", {"username": username, "password": password}, **extra)


def from_ip(ip: str) -> dict[str, str]:
    return {"REMOTE_ADDR": ip}


# -- finding 8: atomic counting, pair lock, account throttle, per-IP limit -------------------------

class SlowCountingHasher(MD5PasswordHasher):
    """MD5 (as the test settings) but slow to verify, like a real hasher, and counting the checks."""

    checked = 0
    lock = threading.Lock()

    def verify(self, password: str, encoded: str) -> bool:
        with SlowCountingHasher.lock:
            SlowCountingHasher.checked += 1
        time.sleep(0.05)  # the race window of a real PBKDF2 check, without its CPU cost
        return super().verify(password, encoded)


@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_passwords_get_at_most_n_tries(settings) -> None:  # type: ignore[no-untyped-def]
    build_world()
    settings.PASSWORD_HASHERS = [f"{__name__}.SlowCountingHasher"]
    settings.YOUJUN_LOCKOUT_FAILURES = 5
    SlowCountingHasher.checked = 0
    statuses: list[int] = []
    start = threading.Barrier(40)

    def attempt(i: int) -> None:
        from django.db import connection

        try:
            start.wait()
            r = login(Client(), "bureau", f"guess-{i}", **from_ip("10.9.9.9"))
            statuses.append(r.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(40)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(statuses) == 40 and all(s < 500 for s in statuses), statuses
    assert SlowCountingHasher.checked <= 5, f"{SlowCountingHasher.checked} passwords tried"
    checked = SlowCountingHasher.checked
    r = login(Client(), "bureau", PASSWORD, **from_ip("10.9.9.9"))  # the right one, while locked
    assert r.status_code == 401 and "已暂停约 15 分钟" in r.content.decode()
    assert SlowCountingHasher.checked == checked  # not even checked
    assert AuditEvent.objects.filter(action="lockout").count() == 1


def test_a_stranger_cannot_lock_out_the_real_user(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_LOCKOUT_FAILURES = 5
    stranger = Client()
    for _ in range(5):
        login(stranger, "admin", "guess", **from_ip("203.0.113.66"))
    r = login(stranger, "admin", PASSWORD, **from_ip("203.0.113.66"))
    assert r.status_code == 401 and "已暂停约 15 分钟" in r.content.decode()  # that address is locked out
    ev = AuditEvent.objects.get(action="lockout")
    assert ev.ip == "203.0.113.66" and ev.object_repr == "admin"
    assert login(Client(), "admin", PASSWORD, **from_ip("192.0.2.7")).status_code == 302  # the real user


def test_guessing_from_many_addresses_slows_the_account_not_locks_it(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_LOCKOUT_FAILURES = 5
    settings.YOUJUN_LOGIN_ACCOUNT_FAILURES = 6
    settings.YOUJUN_LOGIN_ACCOUNT_DELAY = 30
    for i in range(6):
        login(Client(), "bureau", "guess", **from_ip(f"198.51.100.{i}"))
    r = login(Client(), "bureau", PASSWORD, **from_ip("192.0.2.7"))
    assert r.status_code == 429 and r["Retry-After"] == "30"
    html = r.content.decode()
    assert "E820" in html and "30 秒后再试" in html
    assert AuditEvent.objects.filter(action="login_throttled", object_repr="bureau").count() == 1
    # k seconds later one attempt is let through (and only one per delay)
    from youjun.web.apps.platform.models import LoginThrottle

    LoginThrottle.objects.filter(key="account:bureau").update(next_try_at=None)
    assert login(Client(), "bureau", PASSWORD, **from_ip("192.0.2.7")).status_code == 302
    assert login(Client(), "bureau", "guess", **from_ip("198.51.100.99")).status_code == 429


def test_one_address_is_rate_limited_across_accounts(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_LOGIN_IP_FAILURES = 4
    for name in ("bureau", "analyst", "officer", "inspector"):
        assert login(Client(), name, "guess", **from_ip("203.0.113.9")).status_code == 401
    r = login(Client(), "admin", PASSWORD, **from_ip("203.0.113.9"))
    assert r.status_code == 429 and "E821" in r.content.decode()
    assert AuditEvent.objects.filter(action="login_ip_blocked", ip="203.0.113.9").count() == 1
    assert login(Client(), "admin", PASSWORD, **from_ip("192.0.2.8")).status_code == 302


def test_success_resets_the_pair(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_LOCKOUT_FAILURES = 3
    for _ in range(2):
        login(Client(), "bureau", "typo", **from_ip("192.0.2.7"))
    assert login(Client(), "bureau", PASSWORD, **from_ip("192.0.2.7")).status_code == 302
    for _ in range(2):
        assert login(Client(), "bureau", "typo", **from_ip("192.0.2.7")).status_code == 401
    assert login(Client(), "bureau", PASSWORD, **from_ip("192.0.2.7")).status_code == 302


# -- finding 9: password policy, change page, admin reset --------------------------------------

def test_weak_password_refused_when_creating_a_user(world: World) -> None:
    with pytest.raises(services.PasswordRefused, match="E822"):
        services.create_user(None, "weak", "1", role="platform_admin")
    assert not User.objects.filter(username="weak").exists()


def test_cli_web_user_refuses_a_weak_password(world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    from youjun.cli import serve_cmd

    code = serve_cmd.main(["web-user", "root2", "--role", "platform_admin", "--password", "1"])
    err = capsys.readouterr().err
    assert code == 2 and "E822" in err and "密码" in err
    assert not User.objects.filter(username="root2").exists()


def test_password_change_page(world: World) -> None:
    c = Client()
    assert login(c, "analyst", PASSWORD).status_code == 302
    page = c.get("/account/password/")
    assert page.status_code == 200
    assert 'href="/account/password/"' in c.get("/account/").content.decode()  # linked from the header
    r = c.post("/account/password/", {"old_password": "wrong", "new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert r.status_code == 400 and "E823" in r.content.decode()
    r = c.post("/account/password/", {"old_password": PASSWORD, "new_password1": "12345678",
                                      "new_password2": "12345678"})
    html = r.content.decode()
    assert r.status_code == 400 and "E822" in html and "密码" in html
    assert "too short" not in html and "至少要有 10 个字符" in html  # every reason in Chinese
    r = c.post("/account/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD + "x"})
    assert r.status_code == 400 and "E824" in r.content.decode()
    r = c.post("/account/password/", {"old_password": PASSWORD, "new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert r.status_code == 302
    assert c.get(f"/d/{A}/").status_code == 200  # still logged in
    assert login(Client(), "analyst", NEW_PASSWORD).status_code == 302
    ev = AuditEvent.objects.get(action="password_change")
    assert NEW_PASSWORD not in str(ev.before) + str(ev.after) and PASSWORD not in str(ev.after)


def test_admin_reset_forces_a_change_at_next_login(world: World) -> None:
    _token, key = services.create_token(world.users["analyst"], "script")
    admin = Client()
    admin.force_login(world.users["bureau"])  # a district admin, for a user of their district
    assert "analyst" in admin.get("/users/").content.decode()
    r = admin.post(f"/users/{world.users['analyst'].pk}/reset-password/")
    assert r.status_code == 200
    found = re.search(r'data-testid="temporary-password">([^<]+)<', r.content.decode())
    assert found is not None
    temporary = found.group(1)
    ev = AuditEvent.objects.get(action="password_reset")
    assert temporary not in str(ev.after) and ev.actor == world.users["bureau"]
    assert not ApiToken.objects.filter(user=world.users["analyst"], revoked=False).exists()
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/districts").status_code == 401

    c = Client()
    assert login(c, "analyst", PASSWORD).status_code == 401  # the old one is gone
    r = login(c, "analyst", temporary)
    assert r.status_code == 302
    for path in ("/", f"/d/{A}/", "/history/", "/account/"):
        r = c.get(path)
        assert r.status_code == 302 and r["Location"].startswith("/account/password/"), path
    r = c.get("/api/districts")
    assert r.status_code == 403 and r.json()["problems"][0]["code"] == "E825"
    r = c.post("/account/password/", {"old_password": temporary, "new_password1": NEW_PASSWORD,
                                      "new_password2": NEW_PASSWORD})
    assert r.status_code == 302
    assert c.get(f"/d/{A}/").status_code == 200
    world.users["analyst"].refresh_from_db()
    assert world.users["analyst"].must_change_password is False


def test_reset_scope(world: World) -> None:
    bureau = Client()
    bureau.force_login(world.users["bureau"])
    listing = bureau.get("/users/").content.decode()
    assert "bureau_b" not in listing and "inspector" not in listing
    for name in ("bureau_b", "admin", "inspector"):  # another district, or above the district
        assert bureau.post(f"/users/{world.users[name].pk}/reset-password/").status_code == 404, name
    assert bureau.post(f"/users/{world.users['officer'].pk}/reset-password/").status_code == 200
    analyst = Client()
    analyst.force_login(world.users["analyst"])
    assert analyst.get("/users/").status_code == 403
    assert analyst.post(f"/users/{world.users['officer'].pk}/reset-password/").status_code == 403
    admin = Client()
    admin.force_login(world.users["admin"])
    assert admin.post(f"/users/{world.users['bureau_b'].pk}/reset-password/").status_code == 200
    assert admin.get("/users/").status_code == 200


# -- finding 13: sessions ------------------------------------------------------------------------

class Clock:
    def __init__(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.now = time.time()
        monkeypatch.setattr(time, "time", lambda: self.now)


def test_absolute_session_limit_does_not_slide(world: World, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_SAVE_EVERY_REQUEST = True
    clock = Clock(monkeypatch)
    c = Client()
    assert login(c, "bureau", PASSWORD).status_code == 302
    for _ in range(8 * 6):  # active every 10 minutes for 8 hours
        clock.now += 600
        assert c.get(f"/d/{A}/").status_code == 200
    clock.now += 600  # 8 h 10 min after log-in
    r = c.get(f"/d/{A}/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")


def test_short_idle_limit_keeps_an_active_user(world: World, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_IDLE_TIMEOUT = 90
    clock = Clock(monkeypatch)
    c = Client()
    assert login(c, "bureau", PASSWORD).status_code == 302
    for _ in range(10):  # a request every 59 s: active, never idle for 90 s
        clock.now += 59
        assert c.get(f"/d/{A}/").status_code == 200
    clock.now += 91
    assert c.get(f"/d/{A}/").status_code == 302


def test_idle_limit_has_a_floor(world: World, settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_IDLE_TIMEOUT = 5  # below the minimum: 60 s are used
    clock = Clock(monkeypatch)
    c = Client()
    assert login(c, "bureau", PASSWORD).status_code == 302
    assert c.get(f"/d/{A}/").status_code == 200
    clock.now += 30
    assert c.get(f"/d/{A}/").status_code == 200
    clock.now += 61
    assert c.get(f"/d/{A}/").status_code == 302


# -- finding 14: 401 vs 403 ------------------------------------------------------------------------

def _problem(r) -> str:  # type: ignore[no-untyped-def]
    return str(r.json()["problems"][0]["code"])


def test_unauthenticated_api_write_is_401(world: World) -> None:
    for c in (Client(enforce_csrf_checks=True),
              Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION="Bearer yj_wrong")):
        r = c.post(f"/api/districts/{A}/runs", {"school_year": "2025-2026"}, content_type="application/json")
        assert r.status_code == 401 and _problem(r) == "E801", r.content
        assert r["WWW-Authenticate"].startswith("Bearer")
        r = c.post("/api/uploads/1/confirm")
        assert r.status_code == 401 and _problem(r) == "E801"
    assert Client().get("/api/districts")["WWW-Authenticate"].startswith("Bearer")


def test_authenticated_but_not_allowed_stays_403(world: World) -> None:
    c = Client(enforce_csrf_checks=True)
    c.force_login(world.users["bureau"])
    r = c.post(f"/api/districts/{A}/runs", {"school_year": "2025-2026"}, content_type="application/json")
    assert r.status_code == 403  # a session write without its CSRF token
    _token, key = services.create_token(world.users["analyst"], "t")
    r = Client(HTTP_AUTHORIZATION=f"Bearer {key}").post(f"/api/districts/{A}/runs", {"school_year": "2025-2026"},
                                                         content_type="application/json")
    assert r.status_code == 403 and _problem(r) == "E802"
    r = Client(HTTP_AUTHORIZATION=f"Bearer {key}").post(f"/api/districts/{B}/runs", {"school_year": "2025-2026"},
                                                         content_type="application/json")
    assert r.status_code == 404


# -- finding 15a: non-numeric ids ------------------------------------------------------------------

def test_token_revoke_with_a_non_numeric_id_is_404(world: World) -> None:
    c = Client()
    c.force_login(world.users["bureau"])
    token, _key = services.create_token(world.users["bureau"], "t")
    for bad in ("abc", "1.5", "", "9" * 30):
        r = c.post("/account/", {"revoke": bad})
        assert r.status_code == 404, bad
    assert c.post("/account/", {"revoke": str(token.pk)}).status_code == 302
    token.refresh_from_db()
    assert token.revoked
