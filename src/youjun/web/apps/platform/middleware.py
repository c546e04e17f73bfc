"""Idle session expiry and a strict Content-Security-Policy (nothing loads from outside)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
# Swagger UI (from the ninja app's own static files) needs an inline initialiser.
CSP_API_DOCS = CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
TOUCH_EVERY = 60  # seconds between writes of the last-activity stamp


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = CSP_API_DOCS if request.path.startswith("/api/docs") else CSP
        return response


class IdleTimeoutMiddleware:
    """Log out a session idle for longer than ``YOUJUN_IDLE_TIMEOUT`` seconds."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get("youjun_seen")
            if last is not None and now - int(last) > settings.YOUJUN_IDLE_TIMEOUT:
                logout(request)
            elif last is None or now - int(last) >= TOUCH_EVERY:
                request.session["youjun_seen"] = now
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
