"""The permission matrix vocabulary of issue 15's apps (party, party_brands, party_integrity,
vocational, courses, overview): the workforce matrix's roles and audiences, plus ``ethics`` (a
handler of district A's teacher-ethics cases, granted by the integrity area). Each area keeps
its routes' rules in ``matrix_rules_<area>.py`` (``RULES``; ``TARGETS`` and ``make_objects``
for its own objects); ``test_access_matrix.py`` probes every route × role × target × method.

Audiences (who may GET / POST), as in tests/web/workforce/matrix.py:
  public, auth, see (whoever sees the object; anyone else 404), manage (the school's data
  officer, the district bureau, admin), bureau (the district bureau and admin); an area may add
  its own audience (``handle`` for ethics cases) by putting it in its targets' ``writers``.
"""

from __future__ import annotations

from tests.web.matrix_probe import Objects, Rule, Target, decide
from tests.web.workforce.matrix import BUREAU, DISTRICT_READERS, MANAGERS, STAFF, district_target, school_target

ROLES = ("anon", "nobody", "officer", "officer2", "bureau", "bureau_b", "analyst", "inspector", "admin",
         "teacher", "teacher2", "ethics")

# a district page every school of the district opens (the course catalogue): its readers and
# the data officers of its schools
DISTRICT_AND_OFFICERS = {"A": DISTRICT_READERS["A"] | {"officer", "officer2"}, "B": DISTRICT_READERS["B"]}


def district_officers_target(args: dict[str, str], district: str) -> Target:
    return Target(args, frozenset(DISTRICT_AND_OFFICERS[district]),
                  {"manage": frozenset(BUREAU[district]), "bureau": frozenset(BUREAU[district])})


__all__ = ["BUREAU", "DISTRICT_AND_OFFICERS", "DISTRICT_READERS", "MANAGERS", "ROLES", "STAFF", "Objects", "Rule",
           "Target", "decide", "district_officers_target", "district_target", "school_target"]
