"""The evaluation apps' permission matrix vocabulary: roles, audiences, targets. Each app keeps its
routes' rules in ``matrix_rules_<app>.py`` (``RULES`` and, when it needs its own objects,
``TARGETS``: functions (kind, Objects) -> iterator of Target or None); ``test_access_matrix.py``
probes every route of the pupils, fitness, quality and habits apps × role × target × method.

A target carries who may see its object (``seen``) and, per write audience, who may write.
Audiences (who may GET / POST):
  public   anyone, signed in or not
  auth     any signed-in user
  see      whoever may see the object (t.seen); anyone else 404
  manage   seen as above; the school's data officer, the district bureau and admin may act (else 403)
  bureau   seen as above; only the district bureau and admin may act
  teach    seen as above; the class's (or pupil's) teachers and the school's managers may act
  family   seen as above; the pupil's guardians, the pupil, their teachers and managers may act
  guardian seen as above; only the pupil's guardians and the pupil may act (a confirmation
           that must be theirs: a teacher never signs for a pupil)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from tests.web.matrix_probe import Objects, Rule, Target, decide

ROLES = ("anon", "nobody", "officer", "officer2", "bureau", "bureau_b", "analyst", "inspector", "admin",
         "teacher", "teacher2", "parent", "pupil")

# who sees / manages each school of the eworld (the base world's roles plus officer2)
STAFF = {"A0001": {"officer", "bureau", "analyst", "inspector", "admin"},
         "A0002": {"officer2", "bureau", "analyst", "inspector", "admin"},
         "B0001": {"bureau_b", "inspector", "admin"}}
MANAGERS = {"A0001": {"officer", "bureau", "admin"}, "A0002": {"officer2", "bureau", "admin"},
            "B0001": {"bureau_b", "admin"}}
BUREAU = {"A": {"bureau", "admin"}, "B": {"bureau_b", "admin"}}
DISTRICT_READERS = {"A": {"bureau", "analyst", "inspector", "admin"}, "B": {"bureau_b", "inspector", "admin"}}


def school_target(args: dict[str, str], school: str) -> Target:
    """A school's object (school key "A0001"): seen by its staff, written by its managers."""
    staff, managers = frozenset(STAFF[school]), frozenset(MANAGERS[school])
    bureau = frozenset(BUREAU[school[0]])
    return Target(args, staff, {"manage": managers, "bureau": bureau, "teach": managers, "family": managers,
                                "guardian": frozenset()})


def class_target(args: dict[str, str], school: str, teachers: set[str]) -> Target:
    base = school_target(args, school)
    t = frozenset(teachers)
    return Target(args, base.seen | t, {**base.writers, "teach": base.writers["manage"] | t,
                                        "family": base.writers["manage"] | t})


def pupil_target(args: dict[str, str], school: str, teachers: set[str], family: set[str]) -> Target:
    base = class_target(args, school, teachers)
    f = frozenset(family)
    return Target(args, base.seen | f, {**base.writers, "family": base.writers["teach"] | f, "guardian": f})


def district_target(args: dict[str, str], district: str) -> Target:
    return Target(args, frozenset(DISTRICT_READERS[district]),
                  {"manage": frozenset(BUREAU[district]), "bureau": frozenset(BUREAU[district])})


TargetMaker = Callable[[str, Objects], Iterator[Target] | None]

__all__ = ["ROLES", "Objects", "Rule", "Target", "TargetMaker", "decide"]
