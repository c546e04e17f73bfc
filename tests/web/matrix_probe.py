"""What the domain apps' permission matrices share: filling a route with a target's arguments,
collecting targets from the base kinds and each area's makers, and judging one answer against
(visible, allowed) as the matrix's ``decide`` says it should be."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
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


# -- the vocabulary of the evaluation and workforce matrices (a target seen by some roles and
# written, per audience, by some of them); consultation shares Rule and Objects only ---------

@dataclass(frozen=True)
class Target:
    """One probe's URL arguments, who may see the object and who may write per audience."""
    args: dict[str, str]
    seen: frozenset[str] = frozenset()
    writers: dict[str, frozenset[str]] = field(default_factory=dict)  # audience -> roles


@dataclass(frozen=True)
class Rule:
    targets: str
    get: str = ""
    post: str = ""


@dataclass
class Objects:
    """The probed objects, made once per test: name -> value."""
    ids: dict[str, Any] = field(default_factory=dict)


def decide(audience: str, role: str, t: Target) -> tuple[bool, bool]:
    """(visible, allowed) of ``audience`` for ``role`` on target ``t``."""
    if audience in ("public", "any"):
        return True, True
    if role == "anon":
        return False, False
    if audience == "auth":
        return True, True
    seen = role in t.seen
    if audience == "see":
        return seen, seen
    if audience in t.writers:
        return seen, seen and role in t.writers[audience]
    raise AssertionError(f"unknown audience {audience}")


@dataclass(frozen=True)
class Secret:
    """Text that only ``readers`` may be shown: a leak is reported as ``what``."""
    text: str
    readers: frozenset[str]
    what: str


def probe_all(routes: dict[str, str], rules: dict[str, Any], targets_of: Callable[[str], list[Any]],
              clients: dict[str, Any], decide: Callable[[str, str, Any], tuple[bool, bool]],
              secrets: Iterable[Secret] = ()) -> tuple[int, list[str]]:
    """Every route × target × role × GET/POST judged against its rule, and every answer read
    for secrets shown to a role that may not read them: (probes, problems)."""
    problems: list[str] = []
    probes = 0
    secrets = list(secrets)
    for method in ("get", "post"):
        for name, route in sorted(routes.items()):
            rule = rules[name]
            for t in targets_of(rule.targets):
                url = fill(route, t.args)
                for role, c in clients.items():
                    response = c.get(url) if method == "get" else c.post(url, {})
                    probes += 1
                    wrong = judge(decide, role, method, getattr(rule, method), rule.get, t, response)
                    if wrong:
                        problems.append(f"{role:9} {method.upper():4} {url}: {wrong}")
                    body = getattr(response, "content", b"") or b""
                    for s in secrets:
                        if role not in s.readers and s.text.encode() in body:
                            problems.append(f"{role:9} {method.upper():4} {url}: shows {s.what}")
    return probes, problems
