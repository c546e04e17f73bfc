"""Permission rules of the studios routes (see tests/web/workforce/matrix.py for audiences and targets).

Own target kinds: ``studio`` (seen by the district's readers, its host and members, and the data
officers of the schools its host or a current member works at; the host writes members, plans
and outputs — audience ``host`` — and the bureau writes everything) and ``studio_output`` (an
output with an evidence file, seen as its studio)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from tests.web.workforce.matrix import BUREAU, DISTRICT_READERS, Objects, Rule, Target

RULES: dict[str, Rule] = {
    "workforce_studios:district": Rule("district", get="see"),
    "workforce_studios:studio_new": Rule("district", get="bureau", post="bureau"),
    "workforce_studios:school": Rule("school", get="see"),
    "workforce_studios:mine": Rule("none", get="auth"),
    "workforce_studios:teacher": Rule("teacher", get="see"),
    "workforce_studios:studio": Rule("studio", get="see"),
    "workforce_studios:studio_edit": Rule("studio", get="bureau", post="bureau"),
    "workforce_studios:members": Rule("studio", get="host", post="host"),
    "workforce_studios:plan": Rule("studio", get="host", post="host"),
    "workforce_studios:output_add": Rule("studio", get="host", post="host"),
    "workforce_studios:review": Rule("studio", get="bureau", post="bureau"),
    "workforce_studios:evidence": Rule("studio_output", get="see"),
}


def png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 80, 40)).save(buf, "PNG")
    return buf.getvalue()


class Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name
        self.size = len(data)


START = dt.date(2025, 9, 1)


def make_objects(w: Any) -> dict[str, Any]:
    """S1 of district A hosted by t1 (account "teacher") with ta2 of A0002 (account "teacher2") as a
    member and an output with evidence; S2 of A hosted by t2 (no account) with no members; SB of B."""
    from youjun.web.apps.workforce.studios import services

    t = w.teachers
    bureau = w.user("bureau")
    s1 = services.create_studio(bureau, w.base.a, name="语文名师工作室", host=t["t1"], level="county", start=START,
                                end=dt.date(2028, 8, 31), subject="chinese", base_school=w.a1.code)
    services.add_member(bureau, s1, t["ta2"], role="member", joined=START)
    out = services.record_output(bureau, s1, kind="open_class", title="示范课《春》", day=dt.date(2025, 10, 9),
                                 people=[t["t1"], t["ta2"]], upload=Upload(png(), "课堂.png"))
    s2 = services.create_studio(bureau, w.base.a, name="数学名师工作室", host=t["t2"], level="city", start=START)
    sb = services.create_studio(w.user("bureau_b"), w.base.b, name="涪陵英语工作室", host=t["tb"], level="county",
                                start=START)
    return {"studio_s1": s1.pk, "studio_s2": s2.pk, "studio_sb": sb.pk, "studio_output": out.pk}


def _studio(pk: int, seen: set[str], host: set[str], district: str) -> Target:
    bureau = frozenset(BUREAU[district])
    return Target({"pk": str(pk)}, frozenset(seen), {"host": frozenset(host) | bureau, "bureau": bureau})


def _targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    ids = objs.ids
    s1_seen = DISTRICT_READERS["A"] | {"officer", "officer2", "teacher", "teacher2"}
    if kind == "studio":
        return iter([_studio(ids["studio_s1"], s1_seen, {"teacher"}, "A"),
                     _studio(ids["studio_s2"], DISTRICT_READERS["A"] | {"officer"}, set(), "A"),
                     _studio(ids["studio_sb"], DISTRICT_READERS["B"], set(), "B")])
    if kind == "studio_output":
        return iter([Target({"pk": str(ids["studio_output"])}, frozenset(s1_seen))])
    return None


TARGETS = (_targets,)
