"""Plans are made one district at a time: cut one district's rows out of a province's tables."""

from __future__ import annotations

import pandas as pd


def district_codes(tables: dict[str, pd.DataFrame]) -> list[str]:
    return sorted(set(tables["districts"]["district_code"].astype(str)))


def one_district(tables: dict[str, pd.DataFrame], district: str | None = None) -> tuple[dict[str, pd.DataFrame], str]:
    """The tables restricted to ``district`` (required when the data holds several)."""
    codes = district_codes(tables)
    if district is None:
        if len(codes) != 1:
            shown = "、".join(codes[:10]) + ("……" if len(codes) > 10 else "")
            raise ValueError(f"数据含 {len(codes)} 个区县，请用 --district 选择其一：{shown} / the data holds "
                             f"{len(codes)} districts; choose one with --district: {shown}")
        return tables, codes[0]
    if district not in codes:
        raise ValueError(f"数据中没有区县 {district}（共 {len(codes)} 个区县）/ district {district} is not in the "
                         f"data ({len(codes)} districts)")
    if len(codes) == 1:
        return tables, district
    schools = tables["schools"]
    mine = set(schools.loc[schools["district_code"].astype(str) == district, "school_code"].astype(str))
    out = {}
    for key, frame in tables.items():
        if "district_code" in frame.columns:
            out[key] = frame[frame["district_code"].astype(str) == district].reset_index(drop=True)
        elif "school_code" in frame.columns:
            out[key] = frame[frame["school_code"].astype(str).isin(mine)].reset_index(drop=True)
        else:
            out[key] = frame
    return out, district
