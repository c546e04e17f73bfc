"""Hostile files built by hand in a temporary folder: nothing big is committed.

An .xlsx is a zip of XML parts; writing the parts directly makes files no spreadsheet library
would write (a lone cell at XFD1048576, entity declarations, a macro part, `../` names).
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import IO

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
NS_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
BOOK_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_BOOK_CT = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def sheet_xml(rows: str, dimension: str = "A1", prolog: str = "") -> str:
    return (f'{HEAD}{prolog}<worksheet {NS}><dimension ref="{dimension}"/>'
            f"<sheetData>{rows}</sheetData></worksheet>")


def text_cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


SheetSource = str | Callable[[IO[bytes]], None]  # the XML, or a function streaming it


def write_xlsx(path: Path, sheets: list[tuple[str, SheetSource]], *, states: dict[str, str] | None = None,
               book_ct: str = BOOK_CT, extra: dict[str, bytes] | None = None,
               compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """A minimal workbook of (sheet name, sheet XML or a function streaming it) pairs."""
    states = states or {}
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{SHEET_CT}"/>'
                        for i in range(1, len(sheets) + 1))
    types = (f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/xl/workbook.xml" ContentType="{book_ct}"/>{overrides}</Types>')
    rels = (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"'
        + (f' state="{states[name]}"' if name in states else "") + "/>"
        for i, (name, _) in enumerate(sheets, start=1))
    book = f"{HEAD}<workbook {NS} {NS_R}><sheets>{entries}</sheets></workbook>"
    book_rels = (f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 + "".join(f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/'
                           f'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
                           for i in range(1, len(sheets) + 1))
                 + "</Relationships>")
    with zipfile.ZipFile(path, "w", compression) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", book_rels)
        for i, (_, xml) in enumerate(sheets, start=1):
            if isinstance(xml, str):
                z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
            else:
                with z.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as member:
                    xml(member)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def dimension_bomb(path: Path) -> Path:
    """One real cell at A1 and one at XFD1048576, declared as the whole grid."""
    rows = (f'<row r="1">{text_cell("A1", "学校")}</row>'
            '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    return write_xlsx(path, [("学校", sheet_xml(rows, "A1:XFD1048576"))])


def zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A sheet part padded with hundreds of MB of spaces: compresses about 1000:1."""
    pad = b" " * (1024 * 1024)

    def stream(member: IO[bytes]) -> None:
        member.write(sheet_xml(text_cell("A1", "x")).encode()[: -len("</worksheet>")])
        for _ in range(megabytes):
            member.write(pad)
        member.write(b"</worksheet>")

    return write_xlsx(path, [("学校", stream)])


def billion_laughs(path: Path) -> Path:
    lol = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>"
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    return write_xlsx(path, [("学校", sheet_xml(rows, prolog=lol))])


def many_rows(path: Path, n: int = 1_000_000, declared: bool = True) -> Path:
    """n one-cell rows, streamed into the zip (about 40 bytes per row uncompressed)."""

    def stream(member: IO[bytes]) -> None:
        dim = f"A1:A{n}" if declared else "A1"
        member.write(f'{HEAD}<worksheet {NS}><dimension ref="{dim}"/><sheetData>'.encode())
        for first in range(1, n + 1, 10_000):
            member.write("".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                                 for r in range(first, min(first + 10_000, n + 1))).encode())
        member.write(b"</sheetData></worksheet>")

    return write_xlsx(path, [("专任教师", stream)])


def renamed_xlsm(path: Path) -> Path:
    return write_xlsx(path, [("学校", sheet_xml(text_cell("A1", "x")))], book_ct=MACRO_BOOK_CT,
                      extra={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})


def traversal_member(path: Path, member: str = "../../etc/passwd") -> Path:
    return write_xlsx(path, [("学校", sheet_xml(text_cell("A1", "x")))], extra={member: b"root:x:0:0"})


def truncated(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def big_csv(path: Path, lines: int = 1_000_000) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        fh.write("教师编号,学校标识码\n")
        row = "T000001,5001180001\n"
        for _ in range(lines // 10_000):
            fh.write(row * 10_000)
    return path


def lying_sizes(path: Path, megabytes: int = 200, declared: int = 4096) -> Path:
    """A zip bomb whose sheet declares 4 KB (with the CRC of its first 4 KB): only the declared
    size and ratio would look harmless. Written byte by byte; zipfile will not lie."""
    base = write_xlsx(path.with_suffix(".base"), [("学校", sheet_xml(text_cell("A1", "x")))])
    with zipfile.ZipFile(base) as z:
        members = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    base.unlink()
    head = sheet_xml(text_cell("A1", "x")).encode()[: -len("</worksheet>")]
    out, central = bytearray(), bytearray()
    for name, body in members:
        co = zlib.compressobj(9, zlib.DEFLATED, -15)
        if name.endswith("sheet1.xml"):
            comp = co.compress(head) + b"".join(co.compress(b" " * (1 << 20)) for _ in range(megabytes))
            comp += co.compress(b"</worksheet>") + co.flush()
            crc, size = zlib.crc32((head + b" " * declared)[:declared]), declared
        else:
            comp = co.compress(body) + co.flush()
            crc, size = zlib.crc32(body), len(body)
        raw, offset = name.encode(), len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(comp), size, len(raw), 0)
        out += raw + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(comp), size,
                               len(raw), 0, 0, 0, 0, 0, offset) + raw
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    path.write_bytes(bytes(out + central + end))
    return path
