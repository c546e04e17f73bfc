"""The consultation permission matrix's vocabulary: roles, audiences, targets. Each area keeps
its routes' rules in ``matrix_rules_<area>.py`` (``RULES`` and, when it needs its own objects,
``TARGETS``); ``test_access_matrix.py`` probes every route × role × target × method.

Audiences (who may GET / POST):
  public       anyone, signed in or not
  auth         any signed-in user (a resident needs no role)
  worker       anyone with a consultation role (staff, member, department handler) or admin;
               another signed-in user gets 403
  item         whoever may open the item (owning bodies' staff and members, the assigned
               department, its raiser, admin); anyone else 404
  item_staff   the item is seen as above; only its owning bodies' staff (and admin) may act: 403
  item_worker  seen as above; staff, members and the assigned department may act, the raiser 403
  body_staff   staff of the body in the URL (and admin); anyone else 404
  body_worker  staff or members of the body (and admin); anyone else 404
  survey       the district's bureau administrator and admin; anyone else 404
  any_staff    staff of any body and admin; another signed-in user gets 403
  admin_only   the platform administrator; another signed-in user gets 403
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

ROLES = ("anon", "res_a", "res_b", "c_staff", "c_member", "c_member_nj", "c_staff_nj", "c_edu", "c_town",
         "bureau", "admin")
RC_WORKERS = {"c_staff", "c_member", "c_edu", "c_town"}
NJ_WORKERS = {"c_staff_nj", "c_member_nj"}


@dataclass(frozen=True)
class Target:
    """One probe's URL arguments and what they belong to."""
    args: dict[str, str]
    body: str = ""  # rongchang / neijiang
    seen_by: frozenset[str] = frozenset()  # roles that may open the object ("item" audiences)
    staff: frozenset[str] = frozenset()  # roles that may act as staff on it
    workers: frozenset[str] = frozenset()  # roles that may act on it as workers


@dataclass(frozen=True)
class Rule:
    targets: str
    get: str = ""
    post: str = ""


@dataclass
class Objects:
    """The probed objects, made once per test: name -> value (ids, numbers, codes)."""
    ids: dict[str, Any] = field(default_factory=dict)


def decide(audience: str, role: str, t: Target) -> tuple[bool, bool]:
    """(visible, allowed) of ``audience`` for ``role`` on target ``t``."""
    if audience in ("public", "any"):
        return True, True
    if role == "anon":
        return False, False
    if role == "admin":
        return True, True
    if audience == "auth":
        return True, True
    if audience == "worker":
        works = role in RC_WORKERS | NJ_WORKERS
        return True, works
    if audience in ("item", "item_staff", "item_worker"):
        seen = role in t.seen_by
        if audience == "item":
            return seen, seen
        group = t.staff if audience == "item_staff" else t.workers
        return seen, seen and role in group
    if audience == "body_staff":
        ok = (t.body == "rongchang" and role == "c_staff") or (t.body == "neijiang" and role == "c_staff_nj")
        return ok, ok
    if audience == "body_worker":
        ok = (t.body == "rongchang" and role in ("c_staff", "c_member")) or (
            t.body == "neijiang" and role in ("c_staff_nj", "c_member_nj"))
        return ok, ok
    if audience == "any_staff":
        return True, role in ("c_staff", "c_staff_nj")
    if audience == "admin_only":
        return True, False
    if audience == "survey":
        ok = t.body == "A" and role == "bureau"
        return ok, ok
    raise AssertionError(f"unknown audience {audience}")


TargetMaker = Callable[[str, Objects], Iterator[Target] | None]
