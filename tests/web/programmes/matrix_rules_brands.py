"""Permission rules of the party_brands routes (see tests/web/programmes/matrix.py for audiences).

The district's pages are read by the district's readers; a school's brands page and a brand (its
emblem and evidence too) by whoever sees the school; the school's data officer and the bureau
write the application; only the bureau reviews, scores the acceptance and withdraws a title."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from tests.web.programmes.matrix import Objects, Rule, Target, school_target
from tests.web.programmes.pworld import PWorld

RULES: dict[str, Rule] = {
    "party_brands:district": Rule("district", get="see"),
    "party_brands:export": Rule("district", get="see"),
    "party_brands:queue": Rule("district", get="see"),
    "party_brands:schools": Rule("district", get="see"),
    "party_brands:school": Rule("school", get="see", post="manage"),
    "party_brands:brand": Rule("brand", get="see"),
    "party_brands:edit": Rule("brand", post="manage"),
    "party_brands:emblem": Rule("brand", get="see"),
    "party_brands:evidence_add": Rule("brand", post="manage"),
    "party_brands:submit": Rule("brand", post="manage"),
    "party_brands:review": Rule("brand", post="bureau"),
    "party_brands:accept_apply": Rule("brand", post="manage"),
    "party_brands:accept_score": Rule("brand", post="bureau"),
    "party_brands:accept_withdraw": Rule("brand", post="bureau"),
    "party_brands:evidence": Rule("brand_evidence", get="see"),
}


def make_objects(w: PWorld) -> dict[str, Any]:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.web.programmes.brands_util import image_bytes
    from youjun.web.apps.party.brands import services

    out: dict[str, Any] = {}
    for key, school in (("A0001", w.wf.a1), ("A0002", w.wf.a2), ("B0001", w.wf.b1)):
        b = services.create_brand(None, school, name=f"矩阵品牌{key}", meaning="释义",
                                  emblem=SimpleUploadedFile("e.png", image_bytes("PNG"), "image/png"))
        ev = services.add_evidence(None, b, SimpleUploadedFile("p.png", image_bytes("PNG"), "image/png"))
        out[key] = (b, ev)
    return {"brands": out}


def targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    made = objs.ids.get("brands")
    if made is None or kind not in ("brand", "brand_evidence"):
        return None
    i = 0 if kind == "brand" else 1
    return iter([school_target({"pk": str(made[k][i].pk)}, k) for k in ("A0001", "A0002", "B0001")])


TARGETS = (targets,)
