"""Where the platform's home page sends someone who holds no district, province or school:
a consultation worker to the work list, anyone else (a resident) to their own concerns."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from youjun.web.apps.consultation.access import access_of
from youjun.web.apps.platform import extensions


@extensions.register_home_redirect
def consultation_home(request: Any) -> str | None:
    access = access_of(getattr(request, "user", None))
    if not access.is_authenticated:
        return None
    return reverse("consultation:work") if access.works_here else reverse("consultation:mine")
