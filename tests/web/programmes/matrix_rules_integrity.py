"""Permission rules of the clean-school routes (party_integrity; see tests/web/programmes/matrix.py).

District pages are read by the district's readers and written by the bureau; a school's page and
its activities by the school's staff readers and written by its managers (its officer, the
bureau). Ethics cases: the list shows contents to the district's handlers (``ethics`` for A,
granted here through the service) and counts to the bureau and the administrator; everyone else
404; a case itself is seen by its district's handlers only (the bureau and admin 404 too)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from tests.web.matrix_probe import Secret
from tests.web.programmes.matrix import BUREAU, DISTRICT_READERS, MANAGERS, STAFF, Objects, Rule, Target
from tests.web.programmes.pworld import PWorld

RULES: dict[str, Rule] = {
    "party_integrity:index": Rule("none", get="auth"),
    "party_integrity:district": Rule("district", get="see", post="bureau"),
    "party_integrity:activities": Rule("district", get="see"),
    "party_integrity:activities_export": Rule("district", get="see"),
    "party_integrity:counts": Rule("district", get="see"),
    "party_integrity:counts_export": Rule("district", get="see"),
    "party_integrity:campaign_new": Rule("district", get="bureau", post="bureau"),
    "party_integrity:publicity": Rule("district", get="see", post="bureau"),
    "party_integrity:handlers": Rule("district", get="bureau", post="bureau"),
    "party_integrity:cases": Rule("integrity_cases", get="see", post="handle"),
    "party_integrity:school": Rule("school", get="see", post="manage"),
    "party_integrity:campaign": Rule("integrity_campaign", get="see", post="bureau"),
    "party_integrity:activity": Rule("integrity_activity", get="see", post="manage"),
    "party_integrity:file": Rule("integrity_file", get="see"),
    "party_integrity:publicity_file": Rule("integrity_publicity", get="see"),
    "party_integrity:revoke": Rule("integrity_grant", post="bureau"),
    "party_integrity:case": Rule("integrity_case", get="see", post="handle"),
}

SUMMARY_A = "矩阵测试：甲区线索摘要"
SUMMARY_B = "矩阵测试：乙区线索摘要"


class _File(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name, self.size = name, len(data)


def _png() -> _File:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 120, 0)).save(out, format="PNG")
    return _File(out.getvalue(), "photo.png")


def make_objects(w: PWorld) -> dict[str, Any]:
    from youjun.web.apps.party.integrity import services

    a, b = w.base.a, w.base.b
    bureau, bureau_b = w.user("bureau"), w.user("bureau_b")
    today = dt.date.today()
    services.grant_handler(bureau, a, username="ethics", start=today - dt.timedelta(days=1))
    old_a = services.grant_handler(bureau, a, username="nobody", start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    old_b = services.grant_handler(bureau_b, b, username="ethics", start=dt.date(2024, 1, 1),
                                   end=dt.date(2024, 12, 31))
    camp_a = services.create_campaign(bureau, a, name="甲区方案", start=dt.date(2025, 1, 1), end=None,
                                      stages=["动员"], key_points=["承诺"])
    camp_b = services.create_campaign(bureau_b, b, name="乙区方案", start=dt.date(2025, 1, 1), end=None,
                                      stages=["动员"], key_points=["承诺"])
    def act(actor: Any, district: Any, school: Any) -> Any:
        return services.record_activity(actor, district, school=school, kind="lesson", layer="party",
                                        held_on=dt.date(2025, 5, 1), title="廉洁教育课", participants=30,
                                        kinds=["pupils"], uploads=[_png()])

    act_a1, act_a, act_b = act(bureau, a, w.wf.a1), act(bureau, a, None), act(bureau_b, b, w.wf.b1)
    pub_a = services.add_publicity(bureau, a, number=1, published_on=dt.date(2025, 3, 1), title="师德标兵",
                                   channel="公众号", upload=_png())
    pub_b = services.add_publicity(bureau_b, b, number=1, published_on=dt.date(2025, 3, 1), title="师德标兵",
                                   channel="公众号", upload=_png())
    ethics = w.user("ethics")
    case_a = services.open_case(ethics, a, staff_id=w.wf.teachers["t2"].staff_id, received_on=dt.date(2025, 6, 1),
                                source="hotline", summary=SUMMARY_A)
    from youjun.web.apps.party.integrity.models import EthicsCase

    case_b = EthicsCase.objects.create(district=b, teacher=w.wf.teachers["tb"], received_on=dt.date(2025, 6, 1),
                                       source="hotline", summary=SUMMARY_B)
    return {"integrity": {"camp_a": camp_a, "camp_b": camp_b, "act_a1": act_a1, "act_a": act_a, "act_b": act_b,
                          "pub_a": pub_a, "pub_b": pub_b, "old_a": old_a, "old_b": old_b, "case_a": case_a,
                          "case_b": case_b}}


def _t(args: dict[str, str], seen: set[str], **writers: set[str]) -> Target:
    return Target(args, frozenset(seen), {k: frozenset(v) for k, v in writers.items()})


def targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    o = objs.ids.get("integrity")
    if o is None:
        return None
    w: PWorld = objs.ids["pworld"]
    ra, rb, ba, bb = DISTRICT_READERS["A"], DISTRICT_READERS["B"], BUREAU["A"], BUREAU["B"]
    if kind == "integrity_cases":
        return iter([_t({"code": w.base.a.code}, ba | {"ethics"}, handle={"ethics"}),
                     _t({"code": w.base.b.code}, bb, handle=set())])
    if kind == "integrity_case":
        return iter([_t({"pk": str(o["case_a"].pk)}, {"ethics"}, handle={"ethics"}),
                     _t({"pk": str(o["case_b"].pk)}, set(), handle=set())])
    if kind == "integrity_campaign":
        return iter([_t({"pk": str(o["camp_a"].pk)}, ra, bureau=ba), _t({"pk": str(o["camp_b"].pk)}, rb, bureau=bb)])
    if kind in ("integrity_activity", "integrity_file"):
        def pk(act: Any) -> str:
            return str(act.pk if kind == "integrity_activity" else act.files.get().pk)
        return iter([_t({"pk": pk(o["act_a1"])}, STAFF["A0001"], manage=MANAGERS["A0001"]),
                     _t({"pk": pk(o["act_a"])}, ra, manage=ba),
                     _t({"pk": pk(o["act_b"])}, STAFF["B0001"], manage=MANAGERS["B0001"])])
    if kind == "integrity_publicity":
        return iter([_t({"pk": str(o["pub_a"].pk)}, ra), _t({"pk": str(o["pub_b"].pk)}, rb)])
    if kind == "integrity_grant":
        return iter([_t({"pk": str(o["old_a"].pk)}, ra, bureau=ba), _t({"pk": str(o["old_b"].pk)}, rb, bureau=bb)])
    return None


def SECRETS(objs: Objects) -> list[Secret]:
    if "integrity" not in objs.ids:
        return []
    return [Secret(SUMMARY_A, frozenset({"ethics"}), "district A's ethics case summary"),
            Secret(SUMMARY_B, frozenset(), "district B's ethics case summary")]


TARGETS = (targets,)
