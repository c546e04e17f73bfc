"""Permission rules of the consultation routes of this area (see matrix.py for audiences)."""

from __future__ import annotations

from collections.abc import Iterator

from tests.web.consultation.matrix import Objects, Rule, Target, TargetMaker
from tests.web.consultation.photo_bytes import jpeg_bytes
from youjun.web.apps.consultation import photos

RULES: dict[str, Rule] = {
    "consultation:public_list": Rule("none", get="public"),
    "consultation:public_item": Rule("public_item", get="public"),
    "consultation:report": Rule("public_item", post="auth"),
    "consultation:support": Rule("public_item", post="auth"),
    "consultation:register": Rule("none", get="public", post="public"),
    "consultation:raise": Rule("none", get="public", post="auth"),
    "consultation:item": Rule("item", get="item", post="item"),
    "consultation:raised": Rule("item", get="item"),
    "consultation:mine": Rule("none", get="auth"),
    "consultation:photo": Rule("photo", get="public"),
}


def photo_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    """A photo of each probed item that is not hidden: public to anyone."""
    if kind != "photo":
        return None
    out = []
    for name in ("rc_item", "joint", "nj_item"):
        concern = objs.ids[name]
        limits = photos.limits_of(concern.body)
        row = photos.save_photos(None, concern, [photos.clean_photo(jpeg_bytes(), "x.jpg", limits)])[0]
        out.append(Target({"pk": str(row.pk)}, concern.body.code))
    return iter(out)


TARGETS: list[TargetMaker] = [photo_targets]  # makers of target kinds this area adds
