"""Inspect an .xlsx as a zip of XML before any spreadsheet library touches it.

The xlsx reader allocates the dense block from A1 to the farthest cell of a sheet (and reserves
the declared ``<dimension>``) before returning anything, and a failed allocation aborts the
process. So the zip directory, the declared sizes and ratios, the content types, the workbook's
sheet list and every sheet's cells are checked here first, streaming, with memory that does
not grow with the file. XML parts are parsed with expat and refused if they declare a DTD or
entities (an xlsx never does), so entity expansion cannot happen here or later.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path, PurePosixPath
from xml.parsers import expat

from youjun.core.errors import Location, Problem, problem
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.places import file_name

MAX_MEMBERS = 10_000  # Excel writes a few dozen parts; thousands is a crafted archive
MAX_NAME_LENGTH = 260
RATIO_MIN_BYTES = 1 * MB  # small parts may compress very well without harm
CHUNK = 64 * 1024
SAMPLE_CELLS = 5  # cell references named in a warning
MAX_NOTED = 10_000  # hidden rows, percent, formula and error cells kept per sheet
BUILTIN_PERCENT_FORMATS = frozenset({9, 10})
MACRO_CONTENT = "macroEnabled"
CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Excel 97-2003, or an encrypted xlsx
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# (words in a reader's error, Chinese, English): what is wrong, said so a person can act on it
UNREADABLE_REASONS = (
    (("password", "encrypt"), "文件有密码保护，请取消密码后再导入",
     "the file is password-protected: remove the password and import again"),
    (("zip", "eocd", "central directory", "not a valid", "invalid", "corrupt", "truncat", "crc", "eof"),
     "文件已损坏或不是 Excel 工作簿", "the file is damaged or is not an Excel workbook"),
    (("no such file", "not found"), "文件不存在", "the file does not exist"),
    (("permission",), "没有读取该文件的权限", "there is no permission to read the file"),
)


def unreadable(file: str, zh: str, en: str) -> Problem:
    """E101 for ``file``: its name and what is wrong, in Chinese and in English."""
    return problem("E101", Location(file=file), name=file_name(file), detail_zh=zh, detail_en=en)


def unreadable_because(file: str, exc: BaseException) -> Problem:
    """E101 for a reader's exception: the reason in Chinese, the technical text only in English."""
    text = f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    folded = text.casefold()
    for words, zh, en in UNREADABLE_REASONS:
        if any(w in folded for w in words):
            return unreadable(file, zh, f"{en} ({text})")
    return unreadable(file, "文件已损坏或格式无法识别", f"the file is damaged or its format is not readable ({text})")


def _compound_file(p: Path) -> Problem | None:
    """An .xlsx that is an OLE compound file: encrypted by Excel's password, or an old .xls renamed."""
    with p.open("rb") as f:
        head = f.read(len(OLE_MAGIC))
        if head != OLE_MAGIC:
            return None
        data = head + f.read()
    if ENCRYPTED_PACKAGE in data:
        return unreadable(str(p), "文件有密码保护，请取消密码后再导入",
                          "the file is password-protected: remove the password and import again")
    return unreadable(str(p), "这是旧版 Excel 97-2003 工作簿（.xls），扩展名却是 .xlsx：请在 Excel 中另存为 .xlsx",
                      "it is an old Excel 97-2003 workbook (.xls) named .xlsx: save it as .xlsx from Excel")


@dataclass
class SheetInfo:
    name: str
    part: str
    state: str = "visible"  # visible | hidden | veryHidden
    max_row: int = 0
    max_col: int = 0
    cells: int = 0
    formulas: int = 0
    formula_refs: list[str] = field(default_factory=list)
    formulas_without_value: int = 0
    without_value_refs: list[str] = field(default_factory=list)
    # What a person sees differently from what the cells hold (each bounded by MAX_NOTED):
    hidden_rows: list[int] = field(default_factory=list)  # rows hidden by hand or by a filter
    autofilter: bool = False
    percent_cells: set[str] = field(default_factory=set)  # cells shown with a percent format
    blank_formulas: set[str] = field(default_factory=set)  # formula cells without a saved result
    error_cells: dict[str, str] = field(default_factory=dict)  # cell -> #DIV/0!, #N/A, ...


@dataclass
class Inspection:
    path: str
    sheets: list[SheetInfo] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def sheet(self, name: str) -> SheetInfo | None:
        return next((s for s in self.sheets if s.name == name), None)


class _Refused(Exception):
    def __init__(self, found: Problem):
        super().__init__(found.code)
        self.problem = found


def human_bytes(n: float) -> str:
    return f"{n / MB:.1f} MB" if n >= MB else f"{int(n)} B"


def column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n: int) -> str:
    out = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def inspect_xlsx(path: str | Path, limits: ReadLimits | None = None) -> Inspection:
    """Every reason not to open the workbook, or its sheets' real extent, states and formulas."""
    limits = limits or ReadLimits()
    p = Path(path)
    result = Inspection(str(p))
    where = Location(file=str(p))
    try:
        size = p.stat().st_size
        if size == 0:
            raise _Refused(unreadable(str(p), "文件为空（0 字节）", "the file is empty (0 bytes)"))
        if size > limits.max_file_bytes:
            raise _Refused(problem("E108", where, human_bytes(size), limit=human_bytes(limits.max_file_bytes)))
        compound = _compound_file(p)
        if compound is not None:
            raise _Refused(compound)
        try:
            archive = zipfile.ZipFile(p)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError) as exc:
            raise _Refused(unreadable(str(p), "文件已损坏或不是 Excel 工作簿",
                                      f"the file is damaged or is not an Excel workbook ({exc})")) from None
        with archive:
            _check_directory(archive, limits, where)
            _check_content_types(archive, where)
            result.sheets = _workbook_sheets(archive, where)
            if len(result.sheets) > limits.max_sheets:
                raise _Refused(problem("E116", where, len(result.sheets), limit=limits.max_sheets))
            sheet_parts = {s.part: s for s in result.sheets}
            percent = _percent_styles(archive, where)
            for info in archive.infolist():
                name = info.filename
                if name in sheet_parts:
                    if not _scan_sheet_fast(archive, sheet_parts[name], limits, str(p), percent):
                        _scan_sheet(archive, sheet_parts[name], limits, str(p), percent)
                elif name.endswith((".xml", ".rels")):
                    _stream_xml(archive, name, where)
            missing = [s.name for s in result.sheets if s.part not in archive.NameToInfo]
            if missing:
                raise _Refused(problem("E109", where, name=file_name(str(p)),
                                       detail_zh=f"缺少工作表内容（{missing[0]}）",
                                       detail_en=f"sheet part missing: {missing[0]}"))
    except _Refused as refused:
        result.problems.append(refused.problem)
    except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
        # CRC mismatch, truncated member, unsupported compression: damaged, as E101 says.
        result.problems.append(unreadable_because(str(p), exc))
    return result


# --- the zip directory -----------------------------------------------------------------------

def _unsafe_name(name: str) -> bool:
    if not name or len(name) > MAX_NAME_LENGTH or "\\" in name or ":" in name:
        return True
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        return True
    parts = PurePosixPath(name).parts
    return name.startswith("/") or any(part in ("..", ".") for part in parts)


def _check_directory(archive: zipfile.ZipFile, limits: ReadLimits, where: Location) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _Refused(problem("E111", where, f"{len(infos)} parts"))
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if _unsafe_name(name) or name in seen:
            raise _Refused(problem("E111", where, name[:200]))
        seen.add(name)
        lowered = name.lower()
        if lowered.endswith("vbaproject.bin") or lowered.startswith(("xl/macrosheets/", "xl/dialogsheets/")):
            raise _Refused(problem("E110", where, detail=name))
        if info.flag_bits & 0x1:
            raise _Refused(problem("E109", where, name=file_name(where.file), detail_zh="工作簿已加密",
                                   detail_en="the workbook is encrypted"))
        if info.compress_type == zipfile.ZIP_DEFLATED and info.compress_size > info.file_size * 1.01 + 1024:
            # Deflate never grows data by more than a few bytes per block: the declared size lies,
            # and the data behind it may be a bomb the size checks did not see.
            raise _Refused(problem("E109", where, name=file_name(where.file),
                                   detail_zh=f"内部文件“{name}”声明的大小不可信",
                                   detail_en=f"untrustworthy declared size: {name}"))
        total += info.file_size
        if info.file_size >= RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                raise _Refused(problem("E113", where, f"{ratio:.0f}", detail=name,
                                       limit=f"{limits.max_compression_ratio:.0f}"))
    if total > limits.max_uncompressed_bytes:
        raise _Refused(problem("E112", where, human_bytes(total), limit=human_bytes(limits.max_uncompressed_bytes)))
    for required in ("[Content_Types].xml", "xl/workbook.xml"):
        if required not in seen:
            raise _Refused(problem("E109", where, name=file_name(where.file), detail_zh=f"缺少内部文件“{required}”",
                                   detail_en=f"missing {required}"))


# --- XML -------------------------------------------------------------------------------------

def _parser(part: str, where: Location) -> expat.XMLParserType:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args: object) -> None:
        raise _Refused(problem("E117", where, detail=part))

    def refuse_external(*_args: object) -> int:
        raise _Refused(problem("E117", where, detail=part))

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse_external
    return parser


def _feed(archive: zipfile.ZipFile, part: str, parser: expat.XMLParserType, where: Location) -> None:
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise _Refused(problem("E109", where, name=file_name(where.file), detail_zh=f"内部文件“{part}”的 XML 有误",
                               detail_en=f"{part}: XML {exc}")) from None


def _stream_xml(archive: zipfile.ZipFile, part: str, where: Location) -> None:
    _feed(archive, part, _parser(part, where), where)


def _local(tag: str) -> str:
    return tag.rsplit(":", 1)[-1]


def _check_content_types(archive: zipfile.ZipFile, where: Location) -> None:
    found: list[str] = []
    parser = _parser("[Content_Types].xml", where)

    def start(tag: str, attrs: dict[str, str]) -> None:
        if MACRO_CONTENT in attrs.get("ContentType", ""):
            found.append(attrs.get("PartName") or attrs.get("Extension") or attrs["ContentType"])

    parser.StartElementHandler = start
    _feed(archive, "[Content_Types].xml", parser, where)
    if found:
        raise _Refused(problem("E110", where, detail=found[0]))


def _workbook_sheets(archive: zipfile.ZipFile, where: Location) -> list[SheetInfo]:
    sheets: list[tuple[str, str, str]] = []  # name, state, relationship id
    targets: dict[str, str] = {}
    parser = _parser("xl/workbook.xml", where)

    def sheet(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append((attrs.get("name", ""), attrs.get("state", "visible"), rid))

    parser.StartElementHandler = sheet
    _feed(archive, "xl/workbook.xml", parser, where)
    rels = "xl/_rels/workbook.xml.rels"
    if rels in archive.NameToInfo:
        rparser = _parser(rels, where)

        def rel(tag: str, attrs: dict[str, str]) -> None:
            if _local(tag) == "Relationship" and "Id" in attrs:
                targets[attrs["Id"]] = attrs.get("Target", "")

        rparser.StartElementHandler = rel
        _feed(archive, rels, rparser, where)
    out = []
    for index, (name, state, rid) in enumerate(sheets, start=1):
        target = targets.get(rid, f"worksheets/sheet{index}.xml")
        # resolved as the xlsx reader does: absolute from the root, else under xl/
        part = target.lstrip("/") if target.startswith(("/", "xl/")) else f"xl/{target}"
        out.append(SheetInfo(name, str(PurePosixPath(part)), state))
    return out


STYLES_PART = "xl/styles.xml"


def _percent_styles(archive: zipfile.ZipFile, where: Location) -> frozenset[int]:
    """Indexes of the cell formats (``s="N"``) that show a number as a percentage."""
    if STYLES_PART not in archive.NameToInfo:
        return frozenset()
    formats: dict[int, str] = {}
    xfs: list[int] = []
    depth = {"cellXfs": False}
    parser = _parser(STYLES_PART, where)

    def start(tag: str, attrs: dict[str, str]) -> None:
        tag = _local(tag)
        if tag == "numFmt" and attrs.get("numFmtId", "").isdigit():
            formats[int(attrs["numFmtId"])] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            depth["cellXfs"] = True
        elif tag == "xf" and depth["cellXfs"]:
            fid = attrs.get("numFmtId", "0")
            xfs.append(int(fid) if fid.isdigit() else 0)

    def end(tag: str) -> None:
        if _local(tag) == "cellXfs":
            depth["cellXfs"] = False

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    _feed(archive, STYLES_PART, parser, where)

    def is_percent(fid: int) -> bool:
        if fid in BUILTIN_PERCENT_FORMATS:
            return True
        code = re.sub(r'"[^"]*"|\\.', "", formats.get(fid, ""))  # quoted text is not a percent sign
        return "%" in code

    return frozenset(i for i, fid in enumerate(xfs) if is_percent(fid))


def _note(bag: set[str], ref: str) -> None:
    if len(bag) < MAX_NOTED:
        bag.add(ref)


# --- one sheet, streamed ---------------------------------------------------------------------

def _scan_sheet(archive: zipfile.ZipFile, info: SheetInfo, limits: ReadLimits, file: str,
                percent: frozenset[int] = frozenset()) -> None:
    """Every cell's position, formula and saved result, in one expat pass.

    The handler runs once per element of sheets with a million of them, so it keeps its state
    in plain locals, and text is only listened to inside a formula's <v>."""
    where = Location(file=file, sheet=info.name)
    parser = _parser(info.part, where)
    parser.buffer_text = True
    columns: dict[str, int] = {}
    row = col = 0
    ref = ""  # the formula cell being read, if any
    valued = False  # that formula cell has a saved result
    max_row = max_col = 0
    error_ref = ""  # a cell of type "e" (#DIV/0!, #N/A, ...) whose <v> is being read
    error_text: list[str] = []

    def check(r: int, c: int) -> None:
        _check_extent(r, c, limits, info, where)

    def settle() -> None:
        nonlocal ref
        if ref == error_ref:  # a formula whose saved result is an error (#DIV/0!): error_cells
            ref = ""
            return
        if valued:  # read as its saved result (W105); one without a result is W106, not both
            info.formulas += 1
            if len(info.formula_refs) < SAMPLE_CELLS:
                info.formula_refs.append(ref)
        else:
            info.formulas_without_value += 1
            if len(info.without_value_refs) < SAMPLE_CELLS:
                info.without_value_refs.append(ref)
            _note(info.blank_formulas, ref)
        ref = ""

    def settle_error() -> None:
        nonlocal error_ref
        if len(info.error_cells) < MAX_NOTED:
            info.error_cells[error_ref] = "".join(error_text).strip()[:16] or "#ERROR"
        error_ref = ""
        error_text.clear()

    def text(data: str) -> None:
        nonlocal valued
        if data.strip():
            valued = True
        if error_ref and len(error_text) < 4:
            error_text.append(data)

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal row, col, ref, valued, max_row, max_col, error_ref
        if parser.CharacterDataHandler is not None:
            parser.CharacterDataHandler = None
        if ":" in tag:
            tag = tag.rsplit(":", 1)[1]
        if tag == "c":
            if ref:
                settle()
            if error_ref:
                settle_error()
            r = attrs.get("r")
            m = CELL_REF.match(r) if r else None
            if m:
                letters = m.group(1)
                col = columns.get(letters) or columns.setdefault(letters, column_number(letters))
                row = int(m.group(2))
            else:
                col += 1
            info.cells += 1
            if row > max_row or col > max_col:
                max_row, max_col = max(max_row, row), max(max_col, col)
                check(max_row, max_col)
            style = attrs.get("s")
            if percent and style and style.isdigit() and int(style) in percent:
                _note(info.percent_cells, f"{column_letters(col)}{row}")
            if attrs.get("t") == "e":
                error_ref = f"{column_letters(col)}{row}"
        elif tag == "v" or tag == "is":
            if ref or error_ref:
                parser.CharacterDataHandler = text  # <f> comes before <v>
        elif tag == "f":
            ref, valued = f"{column_letters(col)}{row}", False
        elif tag == "row":
            if ref:
                settle()
            if error_ref:
                settle_error()
            r = attrs.get("r", "")
            row = int(r) if r.isdigit() else row + 1
            col = 0
            if row > limits.max_rows:
                raise _Refused(problem("E114", where, row, table=info.name, limit=limits.max_rows))
            if attrs.get("hidden") in ("1", "true") and len(info.hidden_rows) < MAX_NOTED:
                info.hidden_rows.append(row)
        elif tag == "autoFilter":
            info.autofilter = True
        elif tag == "dimension":
            _check_dimension(attrs.get("ref", ""), check)

    parser.StartElementHandler = start
    try:
        _feed(archive, info.part, parser, where)
    finally:
        info.max_row, info.max_col = max_row, max_col
    if ref:
        settle()
    if error_ref:
        settle_error()


# Fast path: the same figures from a byte scan, for the plain sheets every writer produces
# (4x faster than expat on the largest allowed file). It gives up, and the expat pass decides,
# at anything it does not fully understand; tests/ingest/test_xlsx_inspect.py holds the two
# to agreement and tries the spellings a crafted file could use.
# Every cell and row tag, with its reference when written the plain way (empty groups if not).
_CELL_REF = re.compile(rb'<c(?=[\s>/])(?: r="([A-Z]{1,3})([0-9]{1,7})")?')
_ROW_REF = re.compile(rb'<row(?=[\s>/])(?: r="([0-9]{1,7})")?')
_DIMENSION = re.compile(rb'<dimension ref="([A-Z0-9:$]+)"')
# prefixed tags, formulas, DTD/CDATA/comments: left to the parser
_NOT_PLAIN = re.compile(rb"<(?:/?[A-Za-z_][\w.-]*:|f[\s>/]|!)| t=\"e\"")
_HIDDEN_ROW = re.compile(rb'<row r="([0-9]{1,7})"[^>]*? hidden="(?:1|true)"')
_STYLED_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})" s="([0-9]+)"')
_AUTOFILTER = re.compile(rb"<autoFilter[\s>/]")
CARRY_MAX = 64 * 1024


def _scan_sheet_fast(archive: zipfile.ZipFile, info: SheetInfo, limits: ReadLimits, file: str,
                     percent: frozenset[int] = frozenset()) -> bool:
    """True when the sheet was fully scanned here; False to leave it to ``_scan_sheet``."""
    where = Location(file=file, sheet=info.name)
    max_row = max_col = cells = 0
    carry = b""
    first = True
    with archive.open(info.part) as stream:
        while True:
            chunk = stream.read(CHUNK * 16)
            data = carry + chunk
            if first:
                first = False
                if not data.startswith(b"<?xml") or b"\0" in data[:64]:
                    return False  # BOM, UTF-16 or no declaration: the XML parser decides
                data = data[data.index(b"?>") + 2:] if b"?>" in data else data
            if chunk:
                cut = data.rfind(b"<")
                body, carry = (data[:cut], data[cut:]) if cut > 0 else (b"", data)
                if len(carry) > CARRY_MAX:
                    return False
            else:
                body, carry = data, b""
            if _NOT_PLAIN.search(body):
                return False
            refs = _CELL_REF.findall(body)
            rows = _ROW_REF.findall(body)
            if (refs and (b"", b"") in set(refs)) or (rows and b"" in set(rows)):
                return False  # a cell or row without its reference, quoted or spaced otherwise
            dim = _DIMENSION.search(body)
            if dim:
                _check_dimension(dim.group(1).decode(), lambda r, c: _check_extent(r, c, limits, info, where))
            if refs:
                letters = max(set(map(itemgetter(0), refs)), key=lambda b: (len(b), b))
                max_col = max(max_col, column_number(letters.decode()))
                max_row = max(max_row, max(map(int, set(map(itemgetter(1), refs)))))
                cells += len(refs)
            if rows:
                max_row = max(max_row, max(map(int, rows)))
            if b"hidden=" in body:
                for r in _HIDDEN_ROW.findall(body):
                    if len(info.hidden_rows) < MAX_NOTED:
                        info.hidden_rows.append(int(r))
            if not info.autofilter and _AUTOFILTER.search(body):
                info.autofilter = True
            if percent:
                for ref, style in _STYLED_CELL.findall(body):
                    if int(style) in percent:
                        _note(info.percent_cells, ref.decode())
            if max_row or max_col:
                _check_extent(max_row, max_col, limits, info, where)
            if not chunk:
                break
    info.max_row, info.max_col, info.cells = max_row, max_col, cells
    return True


def _check_extent(r: int, c: int, limits: ReadLimits, info: SheetInfo, where: Location) -> None:
    if c > limits.max_columns:
        raise _Refused(problem("E115", where, f"{column_letters(c)}{r}", table=info.name,
                               detail_zh=f"{c} 列，上限 {limits.max_columns} 列",
                               detail_en=f"{c} columns, limit {limits.max_columns}"))
    if r > limits.max_rows:
        raise _Refused(problem("E114", where, r, table=info.name, limit=limits.max_rows))
    if r * c > limits.max_cells:
        raise _Refused(problem("E115", where, f"{column_letters(c)}{r}", table=info.name,
                               detail_zh=f"{r}×{c} 个单元格，上限 {limits.max_cells}",
                               detail_en=f"{r}x{c} cells, limit {limits.max_cells}"))


def _check_dimension(ref: str, check: Callable[[int, int], None]) -> None:
    """The declared range is what the reader reserves memory for: it must fit the limits too."""
    m = CELL_REF.match(ref.split(":")[-1])
    if m:
        check(int(m.group(2)), column_number(m.group(1)))


__all__ = ["Inspection", "SheetInfo", "column_letters", "human_bytes", "inspect_xlsx"]
