"""Permission rules of the vocational centre's routes (see tests/web/programmes/matrix.py).

A centre is seen by its district's readers and, when linked to a school, by that school's data
officer, who manages it with the bureau; a centre not linked to a school is managed by the
bureau only. Evidence files open only for those who manage the centre. Teachers' and
prize-winners' names are shown in full only to those who manage the centre (masked for readers)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from tests.web.matrix_probe import Secret
from tests.web.programmes.matrix import BUREAU, DISTRICT_READERS, Objects, Rule, Target
from tests.web.programmes.pworld import PWorld

RULES: dict[str, Rule] = {
    "vocational:district": Rule("district", get="see", post="bureau"),
    "vocational:centre": Rule("voc_centre", get="see"),
    "vocational:majors": Rule("voc_centre", get="see", post="manage"),
    "vocational:partners": Rule("voc_centre", get="see", post="manage"),
    "vocational:teachers": Rule("voc_centre", get="see", post="manage"),
    "vocational:competitions": Rule("voc_centre", get="see", post="manage"),
    "vocational:training": Rule("voc_centre", get="see", post="manage"),
    "vocational:destinations": Rule("voc_centre", get="see", post="manage"),
    "vocational:major": Rule("voc_major", get="see", post="manage"),
    "vocational:pilot": Rule("voc_major", post="manage"),
    "vocational:pilot_result": Rule("voc_pilot", post="manage"),
    "vocational:placements": Rule("voc_partner", post="manage"),
    "vocational:competition": Rule("voc_competition", get="see", post="manage"),
    "vocational:teacher": Rule("voc_teacher", get="see", post="manage"),
    "vocational:evidence": Rule("voc_recognition", get="manage"),
}

SECRET_TEACHER = "欧阳职教"
SECRET_PUPIL = "司马获奖"


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(out, format="PNG")
    return out.getvalue()


class _Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name, self.size = name, len(data)


def _centre_objects(w: PWorld, district: Any, school: Any, name: str) -> dict[str, Any]:
    from youjun.web.apps.vocational import services

    c = services.create_centre(None, district, name=name, school=school)
    m = services.add_major(None, c, code="710201", name="计算机应用", started=2015)
    p = services.add_pilot(None, m, certificate="云计算平台运维与开发", level="middle", awarding_org="某公司",
                           from_year=2020)
    partner = services.add_partner(None, c, name="某电商公司", sector="电子商务", agreed_on=dt.date(2022, 3, 1),
                                   majors=[m])
    comp = services.add_competition(None, c, name="全国职业院校技能大赛", level="national", year=2024, entrants=3)
    services.add_result(None, comp, person=SECRET_PUPIL, kind="pupil", prize="三等奖")
    t = services.add_teacher(None, c, name=SECRET_TEACHER, subject="计算机应用")
    rec = services.recognise(None, t, recognised_on=dt.date(2024, 6, 1), level="middle", basis="practice",
                             upload=_Upload(_png(), "证书.png"))
    return {"centre": c, "major": m, "pilot": p, "partner": partner, "competition": comp, "teacher": t,
            "recognition": rec}


def make_objects(w: PWorld) -> dict[str, Any]:
    return {"vocational": {
        "a1": _centre_objects(w, w.base.a, w.wf.a1, "永川区职业教育中心"),
        "a": _centre_objects(w, w.base.a, None, "永川区第二职业学校"),
        "b": _centre_objects(w, w.base.b, w.wf.b1, "涪陵区职业教育中心"),
    }}


def _target(pk: int, seen: set[str], managers: set[str], bureau: set[str]) -> Target:
    return Target({"pk": str(pk)}, frozenset(seen), {"manage": frozenset(managers), "bureau": frozenset(bureau)})


KINDS = {"voc_centre": "centre", "voc_major": "major", "voc_pilot": "pilot", "voc_partner": "partner",
         "voc_competition": "competition", "voc_teacher": "teacher", "voc_recognition": "recognition"}


def targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    v = objs.ids.get("vocational")
    if v is None or kind not in KINDS:
        return None
    key = KINDS[kind]
    ra, rb, ba, bb = DISTRICT_READERS["A"], DISTRICT_READERS["B"], BUREAU["A"], BUREAU["B"]
    return iter([_target(v["a1"][key].pk, ra | {"officer"}, ba | {"officer"}, ba),
                 _target(v["a"][key].pk, ra, ba, ba),
                 _target(v["b"][key].pk, rb, bb, bb)])


TARGETS = (targets,)


def SECRETS(objs: Objects) -> list[Secret]:
    if "vocational" not in objs.ids:
        return []
    # the A centres' managers and B's (the names are the same in every centre of the world)
    managers = frozenset({"officer", "bureau", "bureau_b", "admin"})
    return [Secret(SECRET_TEACHER, managers, "a vocational teacher's name"),
            Secret(SECRET_PUPIL, managers, "a prize-winner's name")]
