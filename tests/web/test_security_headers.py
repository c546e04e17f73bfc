"""The security headers that passed the probing stay as they are (issue 9): every kind of answer
(log-in page, a page behind log-in, an error page, the API, a download) carries them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from django.test import Client

from tests.web.live import ROOT
from tests.web.world import A, World

STRICT_CSP = {
    "default-src": "'self'", "script-src": "'self'", "img-src": "'self' data: blob:", "connect-src": "'self'",
    "frame-ancestors": "'none'", "base-uri": "'self'", "form-action": "'self'",
}


def _csp(value: str) -> dict[str, str]:
    out = {}
    for part in value.split(";"):
        name, _, rest = part.strip().partition(" ")
        if name:
            out[name] = rest.strip()
    return out


def _assert_headers(response, where: str) -> None:  # type: ignore[no-untyped-def]
    csp = _csp(response["Content-Security-Policy"])
    for directive, value in STRICT_CSP.items():
        assert csp.get(directive) == value, (where, directive, csp.get(directive))
    assert "unsafe-eval" not in response["Content-Security-Policy"], where
    assert response["X-Frame-Options"] == "DENY", where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Referrer-Policy"] == "same-origin", where


def test_every_kind_of_answer_carries_the_headers(world: World) -> None:
    anon = Client()
    _assert_headers(anon.get("/login/"), "login")
    _assert_headers(anon.get("/api/districts"), "api 401")
    c = Client()
    c.force_login(world.users["bureau"])
    _assert_headers(c.get(f"/d/{A}/"), "district page")
    _assert_headers(c.get("/d/999999/"), "404 page")
    _assert_headers(c.get("/api/districts"), "api")
    analyst = Client()
    analyst.force_login(world.users["analyst"])
    _assert_headers(analyst.get(f"/d/{A}/upload/"), "403 page")


def test_session_and_csrf_cookies_are_not_readable_by_scripts_nor_sent_cross_site(world: World) -> None:
    from tests.web.world import PASSWORD

    c = Client()
    page = c.get("/login/")
    assert page.status_code == 200
    r = c.post("/login/", {"username": "bureau", "password": PASSWORD})
    assert r.status_code == 302
    session = r.cookies["sessionid"]
    assert session["httponly"] and session["samesite"] == "Lax"
    assert session["max-age"] in ("", None)  # gone when the browser closes
    csrf = page.cookies.get("csrftoken") or r.cookies.get("csrftoken")
    if csrf is not None:
        assert csrf["samesite"] == "Lax"


def test_https_deployments_get_hsts_and_secure_cookies() -> None:
    """Settings are read once at start-up, so they are checked in a fresh interpreter."""
    code = ("import json, django\nfrom django.conf import settings\ndjango.setup()\n"
            "print(json.dumps([settings.SECURE_HSTS_SECONDS, settings.SESSION_COOKIE_SECURE, "
            "settings.CSRF_COOKIE_SECURE, list(settings.SECURE_PROXY_SSL_HEADER or [])]))")
    env = os.environ | {"YOUJUN_HTTPS": "1", "DJANGO_SETTINGS_MODULE": "youjun.web.config.settings",
                        "YOUJUN_SECRET_KEY": "k" * 50}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=60)
    hsts, session_secure, csrf_secure, proxy = json.loads(out.stdout.strip().splitlines()[-1])
    assert hsts >= 31536000 and session_secure and csrf_secure
    assert proxy == ["HTTP_X_FORWARDED_PROTO", "https"]
