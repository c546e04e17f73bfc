"""A small world of pupils on top of ``tests.web.world``: classes, pupils, teachers, a guardian
and a pupil with an account, in two schools of district A (永川区 500118) and one of B.

Users (password ``tests.web.world.PASSWORD``), besides the base world's:
  officer2  data officer of school A0002
  teacher   head teacher of c1 (A0001, grade 3 class 1, 2025-2026)
  teacher2  subject teacher (数学) of c2 (A0001, grade 3 class 2)
  parent    guardian of p1
  pupil     p1's own account
Pupils: p1 (boy) and p2 (girl) in c1, p3 in c2, pa2 in ca2 (A0002 grade 5), pb in cb (B0001 grade 5).
p1's name and 学籍号 are the secrets of the permission matrix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tests.web.world import PASSWORD, A, B, World
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.pupils import services
from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Pupil
from youjun.web.apps.pupils.services import RosterRow

YEAR = "2025-2026"
SECRET_NAME, SECRET_ID = "王秘密", "G500118201601010011"


@dataclass
class EWorld:
    base: World
    a1: School
    a2: School
    b1: School
    classes: dict[str, ClassGroup]
    pupils: dict[str, Pupil]
    users: dict[str, User]

    def user(self, name: str) -> User:
        return self.users[name] if name in self.users else self.base.users[name]


def _row(student_id: str, name: str, sex: str, grade: int, number: int) -> RosterRow:
    return RosterRow(student_id=student_id, name=name, sex=sex, grade=grade, class_number=number,
                     class_name=f"{grade}年级{number}班", birth_date=date(2025 - grade - 6, 3, 1), ethnic_code="01")


def build_eworld(base: World) -> EWorld:
    a1, a2 = School.objects.get(code=A + "0001"), School.objects.get(code=A + "0002")
    b1 = School.objects.get(code=B + "0001")
    r1 = services.upsert_roster(a1, YEAR, [_row(SECRET_ID, SECRET_NAME, "male", 3, 1),
                                           _row("G500118201602020022", "李小红", "female", 3, 1),
                                           _row("G500118201603030033", "张小刚", "male", 3, 2)], None)
    r2 = services.upsert_roster(a2, YEAR, [_row("G500118201404040044", "赵小花", "female", 5, 1)], None)
    r3 = services.upsert_roster(b1, YEAR, [_row("G500102201405050055", "钱小东", "male", 5, 1)], None)
    classes = {
        "c1": ClassGroup.objects.get(school=a1, school_year=YEAR, grade=3, number=1),
        "c2": ClassGroup.objects.get(school=a1, school_year=YEAR, grade=3, number=2),
        "ca2": ClassGroup.objects.get(school=a2, school_year=YEAR, grade=5, number=1),
        "cb": ClassGroup.objects.get(school=b1, school_year=YEAR, grade=5, number=1),
    }
    pupils = {"p1": r1.pupils[SECRET_ID], "p2": r1.pupils["G500118201602020022"],
              "p3": r1.pupils["G500118201603030033"], "pa2": r2.pupils["G500118201404040044"],
              "pb": r3.pupils["G500102201405050055"]}
    mk = platform_services.create_user
    users = {
        "officer2": mk(None, "officer2", PASSWORD, role="school_officer", school=a2),
        "teacher": mk(None, "teacher", PASSWORD),
        "teacher2": mk(None, "teacher2", PASSWORD),
        "parent": mk(None, "parent", PASSWORD),
        "pupil": mk(None, "pupil", PASSWORD),
    }
    services.assign_teacher(classes["c1"], users["teacher"], None, kind=ClassTeacher.Kind.HEAD)
    services.assign_teacher(classes["c2"], users["teacher2"], None, kind=ClassTeacher.Kind.SUBJECT, subject="数学")
    services.add_guardian(pupils["p1"], users["parent"], None, relation="母亲")
    pupils["p1"].user = users["pupil"]
    pupils["p1"].save(update_fields=["user"])
    return EWorld(base, a1, a2, b1, classes, pupils, users)
