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
            raise ValueError(f"the data holds {len(codes)} districts; choose one of {codes[:10]}")
        return tables, codes[0]
    if district not in codes:
        raise ValueError(f"district {district} is not in the data ({len(codes)} districts)")
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
