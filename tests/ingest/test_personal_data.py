"""A workbook with phone and ID numbers in free-text fields (issue 9, finding 11): the
validated tables hold only masked text, every problem shows only masked values, and an ID
where the contract wants a masked teacher ID is refused."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from tests.ingest.tiny_district import tiny_district
from youjun.ingest.validate import validate_path
from youjun.ingest.writers import write_tables

PHONE = "+86 138 1234 5679"
ID = "110101199003071234"
RAW_DIGITS = ("13812345679", "110101199003071234", "13987654321", "02312345678")


def _tables() -> dict[str, pd.DataFrame]:
    t = tiny_district()
    t["schools"].loc[0, "town"] = f"双石镇 联系 {PHONE}"
    t["classes"].loc[1, "class_name"] = f"FJ{ID}班"
    t["district_rates"].loc[0, "source"] = "区教委 T139-8765-4321"
    t["evidence"].loc[0, "attachment_ref"] = f"FJ{ID}"
    t["teachers"].loc[2, "teacher_id"] = "T138-1234-5679"  # a phone as the teacher's ID
    t["schools"].loc[1, "school_code"] = "023-12345678"  # wrong code format, shown back masked
    return t


def test_free_text_is_stored_masked_and_problems_show_masked_values(tmp_path: Path) -> None:
    path = tmp_path / "district.xlsx"
    write_tables(_tables(), path)
    result = validate_path(path)

    by_code: dict[str, list] = {}
    for p in result.problems:
        by_code.setdefault(p.code, []).append(p)
    masked = {(p.location.sheet, p.location.column): p.value for p in by_code.get("W211", [])}
    assert masked[("学校", "所在乡镇（街道）")] == "双石镇 联系 +86 138 **** 5679"
    assert masked[("班级", "班级名称")] == "FJ110***********1234班"
    assert any(k[1] == "数据来源" for k in masked)
    assert any(k[1] == "附件编号" for k in masked)
    assert all(p.location.row for p in by_code["W211"]), "each warning names its row"
    # the teacher ID field wants a masked ID: refused, shown masked
    (refused,) = by_code["E209"]
    assert refused.value == "T138-****-5679"

    # the validated tables hold the masked text (what pages, API and reports read)
    assert result.tables["schools"]["town"].iloc[0] == "双石镇 联系 +86 138 **** 5679"
    assert result.tables["classes"]["class_name"].iloc[1] == "FJ110***********1234班"
    assert result.tables["teachers"]["teacher_id"].isna().iloc[2]
    stored = "".join(frame.astype(str).to_csv() for frame in result.tables.values())
    shown = json.dumps([p.to_dict() for p in result.problems], ensure_ascii=False)
    for text in (stored, shown):
        plain = re.sub(r"[\s\-()+]", "", text)
        for raw in RAW_DIGITS:
            assert raw not in plain, raw
