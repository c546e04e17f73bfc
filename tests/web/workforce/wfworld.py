"""A small world of teachers on top of ``tests.web.world``: the teachers of districts A (永川区
500118) and B (涪陵区 500102) imported from their stored workbooks, two of A's linked to accounts.

Users (password ``tests.web.world.PASSWORD``), besides the base world's:
  officer2  data officer of school A0002
  teacher   the teacher T50011800001 of A0001 (its name is the matrix's secret)
  teacher2  the teacher T50011800007 of A0002
Teachers: ``t1`` (A0001, key teacher), ``t2`` (A0001), ``ta2`` (A0002), ``tb`` (B0001).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.web.world import PASSWORD, A, B, World
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import School, User
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.workbook import import_snapshot

SECRET_NAME = "周秘密"


@dataclass
class WFWorld:
    base: World
    a1: School
    a2: School
    b1: School
    teachers: dict[str, Teacher]
    users: dict[str, User]

    def user(self, name: str) -> User:
        return self.users[name] if name in self.users else self.base.users[name]


def build_wfworld(base: World) -> WFWorld:
    for snapshot in (base.snapshots[A], base.snapshots[B]):
        import_snapshot(None, snapshot)
    a1, a2 = School.objects.get(code=A + "0001"), School.objects.get(code=A + "0002")
    b1 = School.objects.get(code=B + "0001")
    t = Teacher.objects.filter
    teachers = {"t1": t(staff_id="T50011800001").get(), "t2": t(staff_id="T50011800002").get(),
                "ta2": t(school=a2).order_by("staff_id").first(), "tb": t(school=b1).order_by("staff_id").first()}
    assert all(teachers.values())
    mk = platform_services.create_user
    users = {
        "officer2": mk(None, "officer2", PASSWORD, role="school_officer", school=a2),
        "teacher": mk(None, "teacher", PASSWORD),
        "teacher2": mk(None, "teacher2", PASSWORD),
    }
    Teacher.objects.filter(pk=teachers["t1"].pk).update(user=users["teacher"], name=SECRET_NAME)
    Teacher.objects.filter(pk=teachers["t2"].pk).update(name="吴二")
    Teacher.objects.filter(pk=teachers["ta2"].pk).update(user=users["teacher2"], name="郑三")
    Teacher.objects.filter(pk=teachers["tb"].pk).update(name="冯四")
    teachers = {k: Teacher.objects.get(pk=v.pk) for k, v in teachers.items()}
    return WFWorld(base, a1, a2, b1, teachers, users)
