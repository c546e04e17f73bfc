"""Prepare a database for the consultation browser walk (run as a subprocess, like
``tests.web.seed_browser``):

    python -m tests.web.consultation.seed_walk

Uses DATABASE_URL / YOUJUN_DATA_DIR from the environment: migrates, adds 荣昌区 (500153) and
seeds 荣昌区政协's demo year with the ``consultation_demo`` command (its accounts cppcc, member,
edu-dept, town-dept, resident), then what the walk needs besides: a staff member and a member
of 内江市政协, a second resident, and a new joint item of 荣昌 and 内江. Prints a JSON
description of what it made (the last line).
"""

from __future__ import annotations

import json
import os

PASSWORD = "youjun-demo-2025"  # the demo's password (consultation.demo.DEMO_PASSWORD)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youjun.web.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from youjun.web.apps.consultation import demo, services
    from youjun.web.apps.consultation.models import Body, Concern, Department
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import District, Province

    assert demo.DEMO_PASSWORD == PASSWORD
    call_command("migrate", interactive=False, verbosity=0)
    cq = Province.objects.create(code="500000", name="重庆市")
    District.objects.create(code="500153", name="荣昌区", province=cq)
    call_command("consultation_demo", "--year", "2025", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    rc, nj = Body.objects.get(code="rongchang"), Body.objects.get(code="neijiang")
    mk = platform_services.create_user
    walk = {name: mk(None, name, PASSWORD) for name in ("walk-nj-staff", "walk-nj-member", "walk-resident2")}
    services.add_participant(None, walk["walk-nj-staff"], nj, "staff")
    services.add_participant(None, walk["walk-nj-member"], nj, "member", sector="农业界")
    joint = services.raise_concern(walk["walk-resident2"], rc, title="濑溪河跨界段水质需要共同治理",
                                   text="河水上游在隆昌、下游在荣昌，两地要一起管。", category="water",
                                   town="双河街道")
    joint.joint_bodies.add(nj)
    town_dept = Department.objects.get(body=rc, name="昌元街道办事处")
    edu_dept = Department.objects.get(body=rc, name="荣昌区教育委员会")
    # an open item of another department: the town handler may neither list nor open it
    other = Concern.objects.filter(department=edu_dept, state__in=("assigned", "in_progress")).order_by("pk").first()
    assert other is not None
    print(json.dumps({"password": PASSWORD, "joint": joint.number, "joint_pk": joint.pk,
                      "other_pk": other.pk, "other_number": other.number, "other_state": other.state,
                      "town_dept": town_dept.pk, "edu_dept": edu_dept.pk}))


if __name__ == "__main__":
    main()
