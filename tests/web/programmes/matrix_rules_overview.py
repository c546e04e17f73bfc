"""Permission rules of the overview routes (the district overview and the school building works):
district readers see them (a school's data officer gets 404); the bureau records works."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from tests.web.programmes.matrix import BUREAU, DISTRICT_READERS, Objects, Rule, Target
from tests.web.programmes.pworld import PWorld

RULES: dict[str, Rule] = {
    "overview:district": Rule("district", get="see"),
    "overview:district_xlsx": Rule("district", get="see"),
    "overview:district_pdf": Rule("district", get="see"),
    "overview:works": Rule("district", get="see"),
    "overview:works_export": Rule("district", get="see"),
    "overview:work_add": Rule("district", get="bureau", post="bureau"),
    "overview:works_import": Rule("district", get="bureau", post="bureau"),
    "overview:works_import_confirm": Rule("district", post="bureau"),
    "overview:works_template": Rule("district", get="bureau"),
    "overview:work": Rule("school_work", get="see"),
    "overview:work_evidence": Rule("school_work", get="see"),
}


class _Upload(io.BytesIO):
    name = "验收.png"

    @property
    def size(self) -> int:
        return len(self.getvalue())


def make_objects(w: PWorld) -> dict[str, Any]:
    from PIL import Image

    from youjun.web.apps.overview import services
    from youjun.web.apps.overview.services import WorkRow

    def png() -> _Upload:
        buf = _Upload()
        Image.new("RGB", (20, 20), "blue").save(buf, "PNG")
        buf.seek(0)
        return buf

    def row(code: str) -> WorkRow:
        return WorkRow(school_code=code, new_school_name="", kind="enlarged", project="教学楼改扩建工程",
                       started=dt.date(2022, 3, 1), completed=dt.date(2023, 8, 20), seats_added=450)

    work_a = services.add_work(None, w.base.a, row(w.wf.a1.code), evidence=png())
    work_b = services.add_work(None, w.base.b, row(w.wf.b1.code), evidence=png())
    return {"overview": {"work_a": work_a, "work_b": work_b}}


def _target(pk: int, district: str) -> Target:
    return Target({"pk": str(pk)}, frozenset(DISTRICT_READERS[district]),
                  {"manage": frozenset(BUREAU[district]), "bureau": frozenset(BUREAU[district]), "self": frozenset()})


def targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    o = objs.ids.get("overview")
    if o is None or kind != "school_work":
        return None
    return iter([_target(o["work_a"].pk, "A"), _target(o["work_b"].pk, "B")])


TARGETS = (targets,)
