"""Permission rules of the party routes (see tests/web/programmes/matrix.py for audiences).

District pages (tree, compliance, its XLSX, decisions) are seen by the district's readers and
written (the tree) by the bureau; a school's page is seen by the district's readers and the
school's data officer, who records its posts, duty lists and meetings with the bureau; a group's
community page is seen by the district's readers and the officers of the group's schools now,
and recorded by the bureau; an evidence file is seen by whoever sees the record it belongs to.
The principal's name at A0001 is shown in full only to its managers (masked for analysts and
inspectors)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from tests.web.matrix_probe import Secret
from tests.web.programmes.matrix import BUREAU, DISTRICT_READERS, Objects, Rule, Target, school_target
from tests.web.programmes.pworld import PWorld

SECRET_PRINCIPAL = "钱校长秘"

RULES: dict[str, Rule] = {
    "party:index": Rule("none", get="auth"),
    "party:district": Rule("district", get="see"),
    "party:org_create": Rule("district", post="bureau"),
    "party:org_update": Rule("district", post="bureau"),
    "party:compliance": Rule("district", get="see"),
    "party:compliance_export": Rule("district", get="see"),
    "party:decisions": Rule("district", get="see"),
    "party:decisions_export": Rule("district", get="see"),
    "party:school": Rule("school", get="see"),
    "party:appoint": Rule("school", post="manage"),
    "party:end_holding": Rule("school", post="manage"),
    "party:duties": Rule("school", post="manage"),
    "party:meeting": Rule("school", post="manage"),
    "party:meeting_edit": Rule("party_meeting", get="manage", post="manage"),
    "party:meeting_delete": Rule("party_meeting", post="manage"),
    "party:group": Rule("party_group", get="see"),
    "party:community": Rule("party_group", post="bureau"),
    "party:file": Rule("party_file", get="see"),
}


class _Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name, self.size = name, len(data)


PDF = b"%PDF-1.4\n% party minutes\n"


def make_objects(w: PWorld) -> dict[str, Any]:
    from youjun.web.apps.party import services
    from youjun.web.apps.platform.models import EducationGroup

    a, b = w.base.a, w.base.b
    day = dt.date(2024, 9, 1)
    root = services.create_organisation(None, a, name="区教育工委", kind="committee", founded=day)
    org_a1 = services.create_organisation(None, a, name="一号学校党支部", kind="branch", founded=day, school=w.wf.a1,
                                          parent=root)
    org_b1 = services.create_organisation(None, b, name="乙校党支部", kind="branch", founded=day, school=w.wf.b1)
    services.appoint(None, post="principal", person=SECRET_PRINCIPAL, start=day, school=w.wf.a1)
    services.appoint(None, post="secretary", person="孙书记", start=day, school=w.wf.a1)
    services.appoint(None, post="principal", person="李校长", start=day, school=w.wf.b1)
    meeting_a1 = services.record_meeting(None, w.wf.a1, kind="party_meeting", title="支委会", held_on=day,
                                         minutes=_Upload(PDF, "minutes.pdf"))
    meeting_b1 = services.record_meeting(None, w.wf.b1, kind="party_meeting", title="支委会", held_on=day,
                                         minutes=_Upload(PDF, "minutes.pdf"))
    file_a1, file_b1 = meeting_a1.minutes, meeting_b1.minutes
    group_a = w.wf.a1.group or EducationGroup.objects.filter(district=a).order_by("name").first()
    group_b = EducationGroup.objects.filter(district=b).order_by("name").first()
    assert group_a is not None and group_b is not None
    item_a = services.set_community_item(None, group_a, year=2025, item="organisation", done=True, note="联建",
                                         upload=_Upload(PDF, "a.pdf"))
    item_b = services.set_community_item(None, group_b, year=2025, item="organisation", done=True, note="联建",
                                         upload=_Upload(PDF, "b.pdf"))
    return {"party": {"org_a1": org_a1, "org_b1": org_b1, "group_a": group_a, "group_b": group_b,
                      "meeting_a1": meeting_a1, "meeting_b1": meeting_b1,
                      "file_a1": file_a1, "file_b1": file_b1, "gfile_a": item_a.evidence.get(),
                      "gfile_b": item_b.evidence.get()}}


def _group_seen(w: PWorld, group: Any, district: str) -> set[str]:
    seen = set(DISTRICT_READERS[district])
    for role, school in (("officer", w.wf.a1), ("officer2", w.wf.a2)):
        school.refresh_from_db()
        if school.group_id == group.pk:
            seen.add(role)
    return seen


def _target(pk: int, seen: set[str], bureau: set[str]) -> Target:
    return Target({"pk": str(pk)}, frozenset(seen), {"manage": frozenset(bureau), "bureau": frozenset(bureau),
                                                     "self": frozenset()})


def targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    p = objs.ids.get("party")
    if p is None or kind not in ("party_group", "party_file", "party_meeting"):
        return None
    if kind == "party_meeting":  # a delete without its confirmation: refused by content, nothing deleted
        return iter([school_target({"code": p["meeting_a1"].school.code, "pk": str(p["meeting_a1"].pk)}, "A0001"),
                     school_target({"code": p["meeting_b1"].school.code, "pk": str(p["meeting_b1"].pk)}, "B0001")])
    w: PWorld = objs.ids["pworld"]
    seen_a, seen_b = _group_seen(w, p["group_a"], "A"), _group_seen(w, p["group_b"], "B")
    if kind == "party_group":
        return iter([_target(p["group_a"].pk, seen_a, BUREAU["A"]), _target(p["group_b"].pk, seen_b, BUREAU["B"])])
    return iter([school_target({"pk": str(p["file_a1"].pk)}, "A0001"),
                 school_target({"pk": str(p["file_b1"].pk)}, "B0001"),
                 _target(p["gfile_a"].pk, seen_a, BUREAU["A"]), _target(p["gfile_b"].pk, seen_b, BUREAU["B"])])


def SECRETS(objs: Objects) -> list[Secret]:
    if "party" not in objs.ids:
        return []
    return [Secret(SECRET_PRINCIPAL, frozenset({"officer", "bureau", "admin"}), "the principal's name at A0001")]


TARGETS = (targets,)
