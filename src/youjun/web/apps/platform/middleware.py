"""Session limits (absolute and idle), the forced password change, and a strict
Content-Security-Policy (nothing loads from outside)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
# Swagger UI (from the ninja app's own static files) needs an inline initialiser.
CSP_API_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")


def csp_for_page(html: bytes) -> str:
    """``CSP`` allowing exactly the inline scripts of a self-contained page the platform serves (the
    district report opens a folded group a link points to): each by its SHA-256, nothing else."""
    import base64
    import hashlib
    import re

    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
              for body in re.findall(rb"<script>(.*?)</script>", html, re.S)]
    return CSP.replace("script-src 'self'", " ".join(["script-src 'self'", *hashes])) if hashes else CSP


TOUCH_EVERY = 60  # at most this many seconds between writes of the last-activity stamp
MIN_IDLE = 60  # the shortest idle limit honoured (seconds)
LOGIN_AT, SEEN = "youjun_login_at", "youjun_seen"  # session keys: log-in time, last activity


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = CSP_API_DOCS if request.path.startswith("/api/docs") else CSP
        return response


def idle_limit() -> int:
    """The idle limit in seconds; never under ``MIN_IDLE`` (a shorter one logs out people reading)."""
    return max(MIN_IDLE, int(settings.YOUJUN_IDLE_TIMEOUT))


def touch_interval(idle: int) -> int:
    """Seconds between writes of the last-activity stamp: a tenth of the idle limit (at most a
    minute), so a user active more often than 0.9 × the limit is never taken for idle."""
    return max(1, min(TOUCH_EVERY, idle // 10))


def start_session_clock(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """On log-in (the ``user_logged_in`` signal): the time the absolute limit counts from."""
    if request is None or not hasattr(request, "session"):
        return
    now = int(time.time())
    request.session[LOGIN_AT] = now
    request.session[SEEN] = now


class SessionLimitsMiddleware:
    """End a session ``YOUJUN_SESSION_MAX_AGE`` s after its log-in whatever the activity (the
    session cookie's own expiry moves on every save, so it cannot be the limit), or after
    ``YOUJUN_IDLE_TIMEOUT`` s without a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            login_at, last = request.session.get(LOGIN_AT), request.session.get(SEEN)
            idle = idle_limit()
            if login_at is None or now - int(login_at) > settings.YOUJUN_SESSION_MAX_AGE:
                logout(request)  # no log-in time: a session from before the limit existed
            elif last is not None and now - int(last) > idle:
                logout(request)
            elif last is None or now - int(last) >= touch_interval(idle):
                request.session[SEEN] = now
        return self.get_response(request)


class PasswordChangeRequiredMiddleware:
    """A user whose password an administrator reset reaches only the password change page (and
    log-out, the language switch, static files); the API answers 403 E825 to their session.
    API tokens are not affected (the reset revoked the old ones; new ones need the account page)."""

    ALLOWED = ("/account/password/", "/logout/", "/i18n/", "/static/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and getattr(user, "must_change_password", False)
                and not request.path.startswith(self.ALLOWED)):
            if request.path.startswith("/api/"):
                if request.headers.get("Authorization", "").startswith("Bearer "):
                    return self.get_response(request)  # a token request: the session is not used
                from youjun.web.errors import error_body, web_problem

                return JsonResponse(error_body(web_problem("E825", rule="password.must_change")), status=403,
                                    json_dumps_params={"ensure_ascii": False})
            return redirect(f"{reverse('platform:password_change')}?next={quote(request.get_full_path())}")
        return self.get_response(request)


class LanguageMiddleware:
    """Chinese unless the user chose otherwise (the language cookie set by the switch).

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted: the
    platform speaks Chinese by default whatever the computer's system language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.utils import translation

        wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        codes = {code for code, _name in settings.LANGUAGES}
        language = wanted if wanted in codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch = response.get("Vary", "")
        if "Cookie" not in patch:
            response["Vary"] = ", ".join(x for x in (patch, "Cookie") if x)
        return response
