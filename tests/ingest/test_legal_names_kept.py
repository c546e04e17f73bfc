"""A school's legal name is kept as written (issue 10, 1.7): NFKC folding is for codes and
numbers (full-width digits from a Chinese IME), not for names — "（新校区）" stays full-width."""

from __future__ import annotations

import pandas as pd

from youjun.core.schema import TABLES_BY_KEY
from youjun.ingest.coerce import coerce


def test_name_keeps_full_width_brackets_and_code_is_folded() -> None:
    schools = TABLES_BY_KEY["schools"]
    name, issues = coerce(pd.Series(["永川区红旗小学（新校区）", " 永川区 Ａ 学校 "]), schools.field("school_name"))
    assert issues == []
    assert name.tolist() == ["永川区红旗小学（新校区）", "永川区 Ａ 学校"]
    code, issues = coerce(pd.Series(["５００１１８０００１"]), schools.field("school_code"))
    assert issues == [] and code.tolist() == ["5001180001"]
    town, _ = coerce(pd.Series(["卫口镇（原）"]), schools.field("town"))
    assert town.tolist() == ["卫口镇（原）"]
