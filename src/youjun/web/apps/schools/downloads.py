"""Files the upload page hands out: the empty template, a filled example, and the error workbook.

The error workbook is a list of problems (sheet, row, column, value, problem, what to do), in
XLSX, built from the upload's full problem list (the compressed CSV kept beside the database)
and its stored bounded report (exact counts per code). It is never a copy of the uploaded
cells: a refused file keeps no copy of its cells (issue 9), so nothing here reads them.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter

from youjun.core.cells import restore_cell_text, write_cell
from youjun.core.errors import CATALOGUE
from youjun.ingest.writers import write_tables, write_template
from youjun.web.apps.schools import intake, problem_labels
from youjun.web.apps.schools.models import Upload

EXAMPLE_SCALE = 0.05  # a small generated district (about a dozen schools): enough to show every sheet


@functools.cache
def template_bytes() -> bytes:
    """The empty data template (the same workbook as ``youjun template``)."""
    with tempfile.TemporaryDirectory(prefix="youjun-template-") as tmp:
        path = Path(tmp) / "template.xlsx"
        write_template(path, "xlsx")
        return path.read_bytes()


# The example's place: made up, and no real division code can be it (no province code starts with 99).
EXAMPLE_DISTRICT = ("990101", "示例区")
EXAMPLE_PROVINCE = ("990000", "示例省")


def _fictional(tables: dict[str, Any]) -> dict[str, Any]:
    """The generated district moved to the example's made-up place: codes, names and any free
    text naming the real district, city or province it was drawn after."""
    district = tables["districts"].iloc[0]
    real_code, real_name = str(district["district_code"]), str(district["district_name"])
    real_province = str(district["province_name"])
    words = {real_name: EXAMPLE_DISTRICT[1], real_province: EXAMPLE_PROVINCE[1],  # longest first
             real_name[:-1]: EXAMPLE_DISTRICT[1][:-1], real_province[:-1]: EXAMPLE_PROVINCE[1][:-1]}
    code = EXAMPLE_DISTRICT[0]
    out = {}
    for key, frame in tables.items():
        frame = frame.copy()
        for col in frame.columns:
            if col in ("school_code", "central_school_code", "rotated_from_school_code", "teacher_id"):
                frame[col] = frame[col].map(lambda v: v.replace(real_code, code, 1) if isinstance(v, str) else v)
            elif col == "district_code":
                frame[col] = code
            elif col == "province_code":
                frame[col] = EXAMPLE_PROVINCE[0]
            elif not pd.api.types.is_numeric_dtype(frame[col]):
                def rename(v: Any) -> Any:
                    if not isinstance(v, str):
                        return v
                    for real, made_up in words.items():
                        v = v.replace(real, made_up)
                    return v
                frame[col] = frame[col].map(rename)
        out[key] = frame
    out["districts"]["district_name"] = EXAMPLE_DISTRICT[1]
    out["districts"]["province_name"] = EXAMPLE_PROVINCE[1]
    return out


@functools.cache
def example_bytes() -> bytes:
    """A filled example workbook that validates: a small generated district, moved to a made-up
    place (``EXAMPLE_DISTRICT``) so that nothing in it is a real district's."""
    from youjun.sample.district import generate_district

    with tempfile.TemporaryDirectory(prefix="youjun-example-") as tmp:
        path = Path(tmp) / "example.xlsx"
        write_tables(_fictional(generate_district("S", scale=EXAMPLE_SCALE)), path, "xlsx")
        return path.read_bytes()


def _problem_rows(upload_pk: int) -> Iterator[dict[str, str]]:
    path = intake.problem_list_path(upload_pk)
    if not path.exists():
        return
    with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


HEADERS = {
    "zh": ("序号", "严重程度", "代码", "工作表", "单元格", "行号", "列", "填写的值", "问题", "如何修改"),
    "en": ("No.", "Severity", "Code", "Sheet", "Cell", "Row", "Column", "Value", "Problem", "What to do"),
}
SEVERITY = {"zh": {"error": "错误", "warning": "提示"}, "en": {"error": "error", "warning": "warning"}}
SUMMARY = {
    "zh": ("文件", "错误", "提示", "代码", "问题类型", "数量", "说明"),
    "en": ("File", "Errors", "Warnings", "Code", "Kind of problem", "Count", "Note"),
}
NOTE = {
    "zh": "“问题清单”列出全部问题；行号与 Excel 中的行号一致。请在原工作簿中逐条修改后重新上传。",
    "en": "The sheet 'Problems' lists every problem; rows are numbered as in Excel. Correct each one in "
          "your workbook and upload it again.",
}


def error_workbook(upload: Upload, lang: str) -> bytes:
    """The upload's problems as a workbook: a summary sheet and every problem with its place."""
    lang = "en" if lang == "en" else "zh"
    report: dict[str, Any] = upload.report or {}
    summary = report.get("summary") or {}
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False,
                                   "strings_to_formulas": False, "strings_to_urls": False})
    bold = wb.add_format({"bold": True, "bg_color": "#EEF2F7", "border": 1})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    first = wb.add_worksheet("汇总" if lang == "zh" else "Summary")
    listing = wb.add_worksheet("问题清单" if lang == "zh" else "Problems")
    s = SUMMARY[lang]
    for r, (label, value) in enumerate(((s[0], report.get("source") or upload.filename),
                                        (s[1], int(summary.get("errors", 0))),
                                        (s[2], int(summary.get("warnings", 0))))):
        first.write_string(r, 0, label, bold)
        write_cell(first, r, 1, value)
    first.write_string(4, 0, s[3], bold)
    first.write_string(4, 1, s[4], bold)
    first.write_string(4, 2, s[5], bold)
    for i, (code, n) in enumerate(sorted((summary.get("by_code") or {}).items())):
        spec = CATALOGUE.get(code)
        first.write_string(5 + i, 0, code)
        first.write_string(5 + i, 1, (spec.title_zh if lang == "zh" else spec.title_en) if spec else "")
        first.write_number(5 + i, 2, int(n))
    first.write_string(6 + len(summary.get("by_code") or {}), 0, s[6], bold)
    first.write_string(6 + len(summary.get("by_code") or {}), 1, NOTE[lang], wrap)
    first.set_column(0, 0, 12)
    first.set_column(1, 1, 48)
    first.set_column(2, 2, 10)
    for c, title in enumerate(HEADERS[lang]):
        listing.write_string(0, c, title, bold)
    n = 0
    for n, row in enumerate(_problem_rows(upload.pk), start=1):
        sheet_row = row.get("row") or ""
        sheet, column = problem_labels.place(restore_cell_text(row.get("sheet", "")),
                                             restore_cell_text(row.get("column", "")), row.get("rule", ""), lang)
        values: list[Any] = [
            n, SEVERITY[lang].get(row["severity"], row["severity"]), row["code"],
            sheet, row.get("cell") or "", int(sheet_row) if sheet_row.isdigit() else "",
            column, restore_cell_text(row.get("value", "")),
            restore_cell_text(row.get(f"message_{lang}", "")), restore_cell_text(row.get(f"hint_{lang}", "")),
        ]
        for c, v in enumerate(values):
            write_cell(listing, n, c, v, wrap if c >= 8 else None)
    listing.freeze_panes(1, 0)
    listing.autofilter(0, 0, max(n, 1), len(HEADERS[lang]) - 1)
    for c, width in enumerate((6, 8, 8, 14, 8, 6, 16, 18, 50, 50)):
        listing.set_column(c, c, width)
    wb.close()
    return out.getvalue()
