"""Log-in and lockout, sessions, CSRF, audit history, tokens page, language and formats."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from tests.web.world import PASSWORD, A, World
from youjun.web.apps.platform.models import AuditEvent, LoginThrottle


def post_login(c: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return c.post("/login/", {"username": username, "password": password})


def test_login_and_logout(world: World) -> None:
    c = Client()
    r = post_login(c, "bureau", PASSWORD)
    assert r.status_code == 302 and r["Location"] == "/"
    assert c.get(f"/d/{A}/").status_code == 200
    assert AuditEvent.objects.filter(action="login", actor=world.users["bureau"]).exists()
    assert c.get("/logout/").status_code == 405  # log-out is a POST (CSRF-protected)
    c.post("/logout/")
    assert c.get(f"/d/{A}/").status_code == 302


def test_wrong_password(world: World) -> None:
    r = post_login(Client(), "bureau", "nope")
    assert r.status_code == 401 and "用户名或密码错误" in r.content.decode()


def test_lockout_after_repeated_failures(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_LOCKOUT_FAILURES = 3
    c = Client()
    for _ in range(2):
        assert "用户名或密码错误" in post_login(c, "bureau", "nope").content.decode()
    assert "其他电脑和网络不受影响" in post_login(c, "bureau", "nope").content.decode()
    r = post_login(c, "bureau", PASSWORD)  # even the right password is refused while locked
    assert r.status_code == 401 and "已暂停约 15 分钟" in r.content.decode()
    assert c.get(f"/d/{A}/").status_code == 302
    lock = AuditEvent.objects.get(action="lockout")
    assert lock.object_repr == "bureau" and lock.after["failures"] == 3
    assert AuditEvent.objects.filter(action="login_failed").count() == 3
    # the lock runs out
    LoginThrottle.objects.filter(key__startswith="pair:").update(locked_until=timezone.now() - timedelta(seconds=1))
    assert post_login(c, "bureau", PASSWORD).status_code == 302


def test_lockout_of_unknown_names_reveals_nothing(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.YOUJUN_LOCKOUT_FAILURES = 2
    a = post_login(Client(), "nosuchuser", "x").content.decode()
    b = post_login(Client(), "bureau", "x").content.decode()
    strip = re.compile(r'value="[^"]*"')
    assert "用户名或密码错误" in a and "用户名或密码错误" in b
    assert len(strip.sub("", a)) == len(strip.sub("", b))


def test_login_form_needs_csrf(world: World) -> None:
    c = Client(enforce_csrf_checks=True)
    assert post_login(c, "bureau", PASSWORD).status_code == 403


def test_passwords_are_hashed(world: World) -> None:
    world.users["bureau"].refresh_from_db()
    assert PASSWORD not in world.users["bureau"].password and "$" in world.users["bureau"].password


def test_idle_session_expires(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    c = Client()
    post_login(c, "bureau", PASSWORD)
    assert c.get(f"/d/{A}/").status_code == 200
    session = c.session
    session["youjun_seen"] = int(timezone.now().timestamp()) - settings.YOUJUN_IDLE_TIMEOUT - 10
    session.save()
    assert c.get(f"/d/{A}/").status_code == 302


def test_history_shows_who_when_before_after_scoped(world: World) -> None:
    admin = Client()
    admin.force_login(world.users["admin"])
    html = admin.get("/history/").content.decode()
    assert "store_snapshot" in html and "grant_role" in html
    bureau = Client()
    bureau.force_login(world.users["bureau"])
    html = bureau.get("/history/").content.decode()
    assert "永川区" in html and "涪陵区" not in html and "锦江区" not in html
    ev = AuditEvent.objects.filter(action="store_snapshot", district=world.a).first()
    assert ev is not None and ev.after["rows"]["schools"] == 4 and ev.at is not None


def test_tokens_page(world: World) -> None:
    c = Client()
    c.force_login(world.users["analyst"])
    r = c.post("/account/", {"name": "报表脚本"})
    key = re.search(r'data-testid="new-token">([^<]+)<', r.content.decode()).group(1)
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/districts").status_code == 200
    assert key not in c.get("/account/").content.decode()  # shown once only


def test_chinese_by_default_english_by_the_switch(world: World) -> None:
    c = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")  # the browser's language does not decide
    c.force_login(world.users["bureau"])
    html = c.get(f"/d/{A}/").content.decode()
    assert '<html lang="zh-CN">' in html and "运行评估" in html
    r = c.post("/i18n/setlang/", {"language": "en", "next": f"/d/{A}/"})
    assert r.status_code == 302
    html = c.get(f"/d/{A}/").content.decode()
    assert '<html lang="en">' in html and "Run the assessment" in html and "运行评估" not in html


def test_numbers_and_dates_per_language() -> None:
    from django.utils import translation

    from youjun.web.apps.platform.templatetags.youjun import num, pct

    with translation.override("zh-hans"):
        assert num(12345.678, 2) == "12,345.68" and num(None) == "—" and pct(0.8734) == "87.3%"
        import datetime as dt

        from django.utils.formats import date_format

        assert date_format(dt.date(2025, 9, 1)) == "2025年9月1日"
    with translation.override("en"):
        assert num(12345.678, 1) == "12,345.7"
        import datetime as dt

        from django.utils.formats import date_format

        assert date_format(dt.date(2025, 9, 1)) == "1 September 2025"


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    """The committed .mo is the compiled .po (so no install step needs gettext)."""
    import gettext

    import youjun.web

    po = Path(youjun.web.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
    subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)], check=True)
    with open(tmp_path / "x.mo", "rb") as a, open(po.with_suffix(".mo"), "rb") as b:
        fresh, committed = gettext.GNUTranslations(a), gettext.GNUTranslations(b)
    assert fresh._catalog == committed._catalog  # type: ignore[attr-defined]
    assert all(v for k, v in fresh._catalog.items() if k)  # type: ignore[attr-defined]


def test_pages_load_nothing_from_outside(world: World) -> None:
    c = Client()
    c.force_login(world.users["bureau"])
    r = c.get(f"/d/{A}/")
    assert "default-src 'self'" in r["Content-Security-Policy"]
    assert not re.search(r'(src|href)="(https?:)?//', r.content.decode())
