"""What the domain apps' permission matrices share: filling a route with a target's arguments,
collecting targets from the base kinds and each area's makers, and judging one answer against
(visible, allowed) as the matrix's ``decide`` says it should be."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def fill(route: str, args: dict[str, str]) -> str:
    return _PARAM.sub(lambda m: args[m.group(1)], route)


def collect_targets(found: Iterator[Any] | None, areas: Iterable[Any], kind: str, objs: Any) -> list[Any]:
    """The base maker's targets of ``kind``, else the first area maker that knows the kind."""
    for area in areas:
        for maker in getattr(area, "TARGETS", ()):
            found = found if found is not None else maker(kind, objs)
    if found is None:
        raise AssertionError(f"no maker of targets of kind {kind!r}")
    return list(found)


def judge(decide: Callable[[str, str, Any], tuple[bool, bool]], role: str, method: str, audience: str,
          get_audience: str, t: Any, response: Any) -> str:
    """"" when the answer is right, else what was wrong with it."""
    status = response.status_code
    location = response.get("Location", "")
    if method == "post" and not audience:
        if status == 405 or (role == "anon" and location.startswith("/login/")):
            return ""
        audience = get_audience
    if method == "get" and not audience:
        ok = status in (404, 405) or (role == "anon" and location.startswith("/login/"))
        return "" if ok else f"{status}, expected 405"
    visible, allowed = decide(audience, role, t)
    if role == "anon" and audience not in ("public", "any"):
        return "" if location.startswith("/login/") else f"{status} {location}, expected the log-in page"
    if not visible:
        return "" if status == 404 else f"{status}, expected 404"
    if not allowed:
        return "" if status == 403 else f"{status}, expected 403"
    if method == "get":
        return "" if status == 200 or (status in (301, 302) and not location.startswith("/login/")) \
            else f"{status} {location}, expected 200"
    return "" if status < 500 and status not in (401, 403, 404, 405) else f"{status}, expected to be allowed"
