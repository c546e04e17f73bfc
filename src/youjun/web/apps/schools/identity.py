"""What a district's data may not change: its own identity and other districts' schools.

The district's code, name and province are the platform's register, not the upload's; a school
code the register holds in another district stays there (moving it is a platform admin's act,
``platform.services.move_school``). These checks run when a file is uploaded (so the report
shows them and the upload is refused) and again when data is stored (nothing is written).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from youjun.core.errors import Location
from youjun.core.schema import TABLES_BY_KEY
from youjun.web.apps.platform.models import District
from youjun.web.apps.schools import selectors
from youjun.web.errors import web_problem


def _text(v: Any) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and v != v):
        return ""
    return str(v).strip()


def _where(key: str, i: int, rows: Mapping[str, Sequence[int]] | None, column: str) -> tuple[Location, str, int]:
    numbers = (rows or {}).get(key) or ()
    row = int(numbers[i]) if i < len(numbers) else i + 1
    sheet = TABLES_BY_KEY[key].zh
    return Location(sheet=sheet, row=row, column=TABLES_BY_KEY[key].field(column).zh), sheet, row


def district_problems(tables: Mapping[str, pd.DataFrame], district: District,
                      rows: Mapping[str, Sequence[int]] | None = None) -> list[dict[str, Any]]:
    """The districts sheet against the register: code (E806), name (E816), province (E817)."""
    frame = tables.get("districts")
    if frame is None or "district_code" not in frame.columns:
        return []
    out = []
    province = district.province
    for i, r in enumerate(frame.to_dict("records")):
        code = _text(r.get("district_code"))
        if not code:
            continue
        if code != district.code:
            loc, _s, _r = _where("districts", i, rows, "district_code")
            out.append(web_problem("E806", value=code, expected=district.code, rule="upload.district",
                                   location=loc))
            continue
        name = _text(r.get("district_name"))
        if name and name != district.name:
            loc, _s, _r = _where("districts", i, rows, "district_name")
            out.append(web_problem("E816", value=name, expected=district.name, district_code=district.code,
                                   rule="upload.district_name", location=loc))
        p_code, p_name = _text(r.get("province_code")), _text(r.get("province_name"))
        if (p_code and p_code != province.code) or (p_name and p_name != province.name):
            column = "province_code" if p_code and p_code != province.code else "province_name"
            loc, _s, _r = _where("districts", i, rows, column)
            out.append(web_problem("E817", value=p_code or "—", name=p_name or "—", expected=province.code,
                                   expected_name=province.name, rule="upload.province", location=loc))
    return out


def school_problems(tables: Mapping[str, pd.DataFrame], district: District,
                    rows: Mapping[str, Sequence[int]] | None = None) -> list[dict[str, Any]]:
    """School codes of this district's rows that the register holds in another district (E815)."""
    frame = tables.get("schools")
    if frame is None or "school_code" not in frame.columns:
        return []
    # Rows of another district code are already refused as such (E806, E303).
    own = [_text(c) in ("", district.code) for c in frame.get("district_code", pd.Series([""] * len(frame)))]
    codes = [_text(c) if mine else "" for c, mine in zip(frame["school_code"].tolist(), own, strict=True)]
    others = selectors.schools_in_other_districts(district, [c for c in codes if c])
    out = []
    for i, code in enumerate(codes):
        school = others.get(code)
        if school is None:
            continue
        loc, sheet, row = _where("schools", i, rows, "school_code")
        out.append(web_problem("E815", value=code, sheet=sheet, row=row, other_name=school.district.name,
                               other_code=school.district.code, rule="upload.school_district", location=loc))
    return out


def content_problems(tables: Mapping[str, pd.DataFrame], district: District,
                     rows: Mapping[str, Sequence[int]] | None = None) -> list[dict[str, Any]]:
    return district_problems(tables, district, rows) + school_problems(tables, district, rows)
