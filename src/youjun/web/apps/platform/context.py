"""Template context shared by every page: the user's scope and the navigation."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from youjun.web.apps.platform.extensions import nav_links
from youjun.web.apps.platform.scoping import scope_of
from youjun.web.apps.platform.selectors import may_reset_passwords


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_of(user)
    return {"scope": scope, "manages_users": scope.is_authenticated and may_reset_passwords(scope),
            "nav_links": nav_links(request) if scope.is_authenticated else []}
