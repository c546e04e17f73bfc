"""The workforce and groups apps' permission matrix vocabulary: roles, audiences, targets. Each
area keeps its routes' rules in ``matrix_rules_<area>.py`` (``RULES``; ``TARGETS`` and
``make_objects`` when it needs its own objects); ``test_access_matrix.py`` probes every route of
the workforce apps and of groups × role × target × method.

Audiences (who may GET / POST):
  public   anyone, signed in or not
  auth     any signed-in user
  see      whoever may see the object (t.seen); anyone else 404
  manage   seen as above; the school's data officer, the district bureau and admin may act (else 403)
  bureau   seen as above; only the district bureau and admin may act
  self     seen as above; only the teacher themself may act (a self-evaluation, their own evidence)
  An area may add its own audience (a rater of a form) by putting it in its targets' ``writers``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tests.web.matrix_probe import Objects, Rule, Target, decide

ROLES = ("anon", "nobody", "officer", "officer2", "bureau", "bureau_b", "analyst", "inspector", "admin",
         "teacher", "teacher2")

# who sees / manages the teachers of each school of the world
STAFF = {"A0001": {"officer", "bureau", "analyst", "inspector", "admin"},
         "A0002": {"officer2", "bureau", "analyst", "inspector", "admin"},
         "B0001": {"bureau_b", "inspector", "admin"}}
MANAGERS = {"A0001": {"officer", "bureau", "admin"}, "A0002": {"officer2", "bureau", "admin"},
            "B0001": {"bureau_b", "admin"}}
BUREAU = {"A": {"bureau", "admin"}, "B": {"bureau_b", "admin"}}
DISTRICT_READERS = {"A": {"bureau", "analyst", "inspector", "admin"}, "B": {"bureau_b", "inspector", "admin"}}
# who sees a teacher's name in full: the managers of their school and the teacher
NAME_READERS = {"A0001": {"officer", "bureau", "admin"}, "A0002": {"officer2", "bureau", "admin"},
                "B0001": {"bureau_b", "admin"}}


def school_target(args: dict[str, str], school: str) -> Target:
    """A school's teachers or records (school key "A0001"): seen by its staff, written by its managers."""
    return Target(args, frozenset(STAFF[school]), {"manage": frozenset(MANAGERS[school]),
                                                   "bureau": frozenset(BUREAU[school[0]]), "self": frozenset()})


def teacher_target(args: dict[str, str], school: str, own: str = "") -> Target:
    """A teacher of ``school``, whose own account is the role ``own`` (or none)."""
    base = school_target(args, school)
    mine = frozenset({own} if own else set())
    return Target(args, base.seen | mine, {**base.writers, "self": mine})


def district_target(args: dict[str, str], district: str) -> Target:
    return Target(args, frozenset(DISTRICT_READERS[district]),
                  {"manage": frozenset(BUREAU[district]), "bureau": frozenset(BUREAU[district]), "self": frozenset()})


TargetMaker = Callable[[str, Objects], Iterator[Target] | None]

__all__ = ["ROLES", "Objects", "Rule", "Target", "TargetMaker", "decide"]
