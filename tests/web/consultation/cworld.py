"""A small consultation world on top of ``tests.web.world``: Rongchang's CPPCC and Neijiang's
across the border, their departments, and a user of every consultation role.

Users (password ``tests.web.world.PASSWORD``):
  c_staff (荣昌 staff), c_member (荣昌 member), c_member_nj (内江 member), c_staff_nj (内江 staff),
  c_edu (荣昌 education-bureau handler), c_town (荣昌 town-government handler),
  res_a and res_b (residents without any role).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.web.world import PASSWORD, World
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Body, Concern, Department, Studio
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import User


@dataclass
class CWorld:
    base: World
    rc: Body
    nj: Body
    edu: Department
    town: Department
    nj_water: Department
    studio: Studio
    users: dict[str, User]

    def concern(self, user: str = "res_a", **fields: object) -> Concern:
        """A concern raised by ``user`` (a resident by default) in Rongchang."""
        values: dict[str, object] = {"title": "学校门口没有路灯", "text": "晚自习放学时路口太黑，孩子不安全。",
                                     "category": "lighting", "town": "昌元街道"}
        values.update(fields)
        body = values.pop("body", self.rc)
        return services.raise_concern(self.users[user], body, **values)  # type: ignore[arg-type]


def build_cworld(base: World) -> CWorld:
    rc = Body.objects.create(code="rongchang", name="荣昌区政协", district=base.a, number_prefix="RC")
    nj = Body.objects.create(code="neijiang", name="内江市政协", region="四川省内江市", number_prefix="NJ")
    edu = Department.objects.create(body=rc, name="荣昌区教育委员会", kind="education", email="edu@example.org",
                                    district=base.a)
    town = Department.objects.create(body=rc, name="昌元街道办事处", kind="town", email="town@example.org")
    nj_water = Department.objects.create(body=nj, name="内江市水利局", kind="water")
    studio = Studio.objects.create(body=rc, name="教育委员工作室", theme="教育")
    mk = platform_services.create_user
    users = {name: mk(None, name, PASSWORD) for name in
             ("c_staff", "c_member", "c_member_nj", "c_staff_nj", "c_edu", "c_town", "res_a", "res_b")}
    add = services.add_participant
    add(None, users["c_staff"], rc, "staff")
    add(None, users["c_member"], rc, "member", sector="教育界", studio=studio, neighbourhood="昌元街道")
    add(None, users["c_member_nj"], nj, "member", sector="农业界")
    add(None, users["c_staff_nj"], nj, "staff")
    add(None, users["c_edu"], rc, "department", department=edu)
    add(None, users["c_town"], rc, "department", department=town)
    return CWorld(base, rc, nj, edu, town, nj_water, studio, users)
