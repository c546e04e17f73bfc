"""The inspection sees every cell the xlsx reader would: the byte-scan fast path and the expat
pass agree, and no spelling of a far cell (prefixes, attribute order, quotes, encodings, cells
without references) slips past both. Only ``inspect_xlsx`` runs here, never the reader."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.ingest import crafted
from tests.ingest.tiny_district import tiny_district
from youjun.ingest.limits import ReadLimits
from youjun.ingest.writers import write_tables
from youjun.ingest.xlsx_inspect import SheetInfo, _scan_sheet, _scan_sheet_fast, inspect_xlsx

NS = crafted.NS


def _both(path: Path) -> list[tuple[tuple[int, int, int], tuple[int, int, int]]]:
    out = []
    with zipfile.ZipFile(path) as archive:
        for sheet in inspect_xlsx(path).sheets:
            fast, slow = SheetInfo(sheet.name, sheet.part), SheetInfo(sheet.name, sheet.part)
            assert _scan_sheet_fast(archive, fast, ReadLimits(), str(path))
            _scan_sheet(archive, slow, ReadLimits(), str(path))
            out.append(((fast.max_row, fast.max_col, fast.cells), (slow.max_row, slow.max_col, slow.cells)))
    return out


def test_fast_path_agrees_with_the_parser(tmp_path: Path) -> None:
    path = tmp_path / "tiny.xlsx"
    write_tables(tiny_district(), path, "xlsx")
    pairs = _both(path)
    assert pairs and all(a == b for a, b in pairs), pairs


def test_fast_path_and_parser_see_hidden_rows_filters_and_percent_cells(tmp_path: Path) -> None:
    """What a person sees differently (hidden and filtered rows, a 96.2% cell holding 0.962) is
    found the same by both passes; a formula sheet, which only the parser reads, too."""
    import xlsxwriter

    from youjun.ingest.xlsx_inspect import _percent_styles

    path = tmp_path / "seen.xlsx"
    wb = xlsxwriter.Workbook(str(path))  # writes the plain XML the fast path reads
    ws = wb.add_worksheet("区县比率")
    percent = wb.add_format({"num_format": "0.0%"})
    for r in range(8):
        ws.write_string(r, 0, f"r{r + 1}")
        ws.write_number(r, 1, 0.5 + r / 100, percent if r in (2, 3) else None)
    ws.set_row(4, None, None, {"hidden": True})
    ws.autofilter("A1:B8")
    wb.close()
    with zipfile.ZipFile(path) as archive:
        percent = _percent_styles(archive, crafted_location(path))
        sheet = inspect_xlsx(path).sheets[0]
        fast, slow = SheetInfo(sheet.name, sheet.part), SheetInfo(sheet.name, sheet.part)
        assert _scan_sheet_fast(archive, fast, ReadLimits(), str(path), percent)
        _scan_sheet(archive, slow, ReadLimits(), str(path), percent)
    for info in (fast, slow):
        assert info.hidden_rows == [5] and info.autofilter and info.percent_cells == {"B3", "B4"}, info


def crafted_location(path: Path) -> object:
    from youjun.core.errors import Location

    return Location(file=str(path))


FAR = [
    ("prefixed", f'<x:worksheet xmlns:x="{NS[7:-1]}"><x:dimension ref="A1"/><x:sheetData>'
                 '<x:row r="1"><x:c r="XFD1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>'),
    ("attribute order", f'<worksheet {NS}><sheetData><row r="1"><c s="0" r="XFD1"><v>1</v></c></row>'
                        "</sheetData></worksheet>"),
    ("single quotes", f"<worksheet {NS}><sheetData><row r='1'><c r='XFD1'><v>1</v></c></row>"
                      "</sheetData></worksheet>"),
    ("no references", f'<worksheet {NS}><sheetData><row>' + "<c><v>1</v></c>" * 200
                      + "</row></sheetData></worksheet>"),
    ("tab before r", f'<worksheet {NS}><sheetData><row r="1"><c\tr="XFD1"><v>1</v></c></row>'
                     "</sheetData></worksheet>"),
    ("hidden in CDATA-neighbour", f'<worksheet {NS}><sheetData><!-- x --><row r="1"><c r="XFD1"><v>1</v>'
                                  "</c></row></sheetData></worksheet>"),
    ("far row, no cell ref", f'<worksheet {NS}><sheetData><row r="1048576"><c><v>1</v></c></row>'
                             "</sheetData></worksheet>"),
    ("dimension only", f'<worksheet {NS}><dimension ref="A1:XFD1048576"/><sheetData/></worksheet>'),
]


@pytest.mark.parametrize("label, body", FAR, ids=[f[0] for f in FAR])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_every_spelling_of_a_far_cell_is_refused(tmp_path: Path, label: str, body: str, encoding: str) -> None:
    xml = f'<?xml version="1.0" encoding="{"UTF-16" if encoding == "utf-16" else "UTF-8"}"?>\n{body}'
    path = tmp_path / "far.xlsx"
    with zipfile.ZipFile(crafted.write_xlsx(path, [("学校", "x")])) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts["xl/worksheets/sheet1.xml"] = xml.encode(encoding)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    codes = [p.code for p in inspect_xlsx(path).problems]
    assert codes and codes[0] in ("E114", "E115"), (label, encoding, codes)


def test_sheet_limit_and_missing_parts(tmp_path: Path) -> None:
    many = crafted.write_xlsx(tmp_path / "many.xlsx", [(f"s{i}", crafted.sheet_xml("")) for i in range(60)])
    assert [p.code for p in inspect_xlsx(many).problems] == ["E116"]
    bare = tmp_path / "bare.xlsx"
    with zipfile.ZipFile(bare, "w") as z:
        z.writestr("hello.txt", "not a workbook")
    problems = inspect_xlsx(bare).problems
    assert problems[0].code == "E109" and "missing [Content_Types].xml" in problems[0].message("en")
