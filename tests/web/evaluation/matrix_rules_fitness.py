"""Permission rules of the fitness app's routes (see matrix.py for the audiences).

- a school's year (statistics, classes): its staff read; the import and the downloads with
  pupils' full record numbers are the managers' (403 for analysts and inspectors);
- a class: its teachers and the school's staff read;
- a pupil's report card: whoever sees the pupil (staff, their teachers, guardians, the pupil);
- a district's year and its XLSX (and /fitness/d/<code>/, the latest year): the district's readers
  (bureau, analysts, inspectors, admin);
- /fitness/: a redirect to the page the user can use for everyone with a role; 404 for nobody.
"""

from __future__ import annotations

from collections.abc import Iterator

from tests.web.evaluation.eworld import YEAR, EWorld
from tests.web.evaluation.matrix import Objects, Rule, Target, district_target, pupil_target

RULES: dict[str, Rule] = {
    "fitness:index": Rule("fitness_index", get="see"),
    "fitness:district_latest": Rule("district", get="see"),
    "fitness:school_latest": Rule("school", get="see"),
    "fitness:import": Rule("school", get="manage", post="manage"),
    "fitness:import_confirm": Rule("school", post="manage"),
    "fitness:school": Rule("school_year", get="see"),
    "fitness:scores_csv": Rule("school_year", get="manage"),
    "fitness:scores_xlsx": Rule("school_year", get="manage"),
    "fitness:upload_xlsx": Rule("school_year", get="manage"),
    "fitness:class": Rule("class", get="see"),
    "fitness:pupil_latest": Rule("pupil", get="see"),
    "fitness:pupil": Rule("fitness_pupil_year", get="see"),
    "fitness:district": Rule("fitness_district_year", get="see"),
    "fitness:district_xlsx": Rule("fitness_district_year", get="see"),
}


def make_objects(ew: EWorld) -> dict[str, int]:
    """Results of the year for A0001's and B0001's pupils, imported as the schools would."""
    from tests.web.evaluation.test_fitness_import import GRADE5, a1_rows, row, xlsx
    from youjun.web.apps.fitness import services

    services.import_workbook(ew.a1, YEAR, xlsx(a1_rows(ew)), "a1.xlsx", None)
    pb = ew.pupils["pb"]
    services.import_workbook(ew.b1, YEAR, xlsx([row(pb.student_id, pb.name, "male", 5, 1, GRADE5)]), "b1.xlsx", None)
    return {}


def fitness_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    ew: EWorld = objs.ids["eworld"]
    p = ew.pupils
    if kind == "fitness_pupil_year":
        return iter([pupil_target({"pk": str(p["p1"].pk), "year": YEAR}, "A0001", {"teacher"}, {"parent", "pupil"}),
                     pupil_target({"pk": str(p["p3"].pk), "year": YEAR}, "A0001", {"teacher2"}, set()),
                     pupil_target({"pk": str(p["pb"].pk), "year": YEAR}, "B0001", set(), set())])
    if kind == "fitness_index":  # /fitness/ sends everyone with a page to it; nobody else has one (404)
        from tests.web.evaluation.matrix import ROLES

        return iter([Target({}, frozenset(set(ROLES) - {"anon", "nobody"}))])
    if kind == "fitness_district_year":
        return iter([district_target({"code": ew.base.a.code, "year": YEAR}, "A"),
                     district_target({"code": ew.base.b.code, "year": YEAR}, "B")])
    return None


TARGETS = (fitness_targets,)
