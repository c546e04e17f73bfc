"""A small world for the Django tests: two districts of one province and a third province,
with a user of every role. Data: the tiny valid district of tests/ingest (4 schools) for
Yongchuan, and a renamed copy for a second district."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from tests.ingest.tiny_district import tiny_district
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import District, Province, School, User
from youjun.web.apps.schools import services as school_services
from youjun.web.apps.schools.models import Snapshot

PASSWORD = "correct-horse-battery-9"
A, B, C = "500118", "500102", "510104"


def retag(tables: dict[str, pd.DataFrame], code: str, name: str, year: str = "2025-2026",
          province: tuple[str, str] = ("500000", "重庆市")) -> dict[str, pd.DataFrame]:
    """The tiny district moved to another district code (schools renumbered to match)."""
    out = {k: v.copy() for k, v in tables.items()}
    for key, frame in out.items():
        for col in ("school_code", "central_school_code", "rotated_from_school_code"):
            if col in frame.columns:
                frame[col] = frame[col].map(lambda v: code + v[6:] if isinstance(v, str) else v)
        if "district_code" in frame.columns:
            frame["district_code"] = code
        if key == "teachers":
            frame["teacher_id"] = frame["teacher_id"].str.replace("500118", code, regex=False)
        for col in frame.columns:  # free text naming the original district (an attesting office)
            if frame[col].map(lambda v: isinstance(v, str) and "永川区" in v).any():
                frame[col] = frame[col].map(lambda v: v.replace("永川区", name) if isinstance(v, str) else v)
    d = out["districts"]
    d["district_name"], d["school_year"] = name, year
    d["province_code"], d["province_name"] = province
    return out


def district_tables(code: str = A, year: str = "2025-2026") -> dict[str, pd.DataFrame]:
    names = {A: "永川区", B: "涪陵区", C: "锦江区"}
    province = ("510000", "四川省") if code == C else ("500000", "重庆市")
    return retag(tiny_district(), code, names[code], year, province)


@dataclass
class World:
    a: District
    b: District
    c: District
    users: dict[str, User]
    snapshots: dict[str, Snapshot]

    def school(self, district: District, suffix: str = "0001") -> School:
        return School.objects.get(code=district.code + suffix)


def _district(code: str, name: str, province: Province) -> District:
    return District.objects.create(code=code, name=name, province=province)


def build_world() -> World:
    cq = Province.objects.create(code="500000", name="重庆市")
    sc = Province.objects.create(code="510000", name="四川省")
    a, b, c = _district(A, "永川区", cq), _district(B, "涪陵区", cq), _district(C, "锦江区", sc)
    snaps = {code: school_services.store_snapshot(None, d, district_tables(code), source=f"{code}.xlsx")
             for code, d in ((A, a), (B, b), (C, c))}
    mk = platform_services.create_user
    users = {
        "admin": mk(None, "admin", PASSWORD, role="platform_admin"),
        "bureau": mk(None, "bureau", PASSWORD, role="district_admin", district=a),
        "bureau_b": mk(None, "bureau_b", PASSWORD, role="district_admin", district=b),
        "analyst": mk(None, "analyst", PASSWORD, role="district_analyst", district=a),
        "inspector": mk(None, "inspector", PASSWORD, role="inspector", province=cq),
        "officer": mk(None, "officer", PASSWORD, role="school_officer", school=School.objects.get(code=A + "0001")),
        "nobody": mk(None, "nobody", PASSWORD),
    }
    return World(a, b, c, users, snaps)
