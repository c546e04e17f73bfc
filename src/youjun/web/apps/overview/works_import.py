"""School building works from the bureau's spreadsheet (校舍建设台账): a template with Chinese
headers, the file read bounded and by values only (``youjun.ingest.sheet_upload``, the limits of
the HR import's kind, sized for a few hundred projects), every row checked with its row and
column named (a school of another district is refused by its content), a preview, then
``services.import_works`` on confirmation. Nothing is written unless every row passes."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone

from youjun.core.errors import Location
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.sheet_upload import header_positions, read_sheet
from youjun.ingest.xlsx_inspect import column_letters
from youjun.web.apps.overview import services
from youjun.web.apps.overview.models import SchoolWork
from youjun.web.apps.overview.services import WorkRow
from youjun.web.apps.platform.models import District
from youjun.web.errors import web_problem

SHEET = "校舍建设台账"
GUIDE = "填表说明"
SCHOOL, NEW_NAME, KIND, PROJECT, STARTED, COMPLETED, SEATS, LAND, FLOOR, FLATS, MONEY = (
    "学校标识码", "新建学校名称", "建设类型", "项目名称", "开工日期", "竣工日期", "新增学位（个）",
    "新增占地面积（平方米）", "新增校舍建筑面积（平方米）", "教师周转房（套）", "投资（万元）")
HEADERS = (SCHOOL, NEW_NAME, KIND, PROJECT, STARTED, COMPLETED, SEATS, LAND, FLOOR, FLATS, MONEY)
ALIASES = {"school code": SCHOOL, "学校代码": SCHOOL, "新学校名称": NEW_NAME, "学校名称": NEW_NAME, "类型": KIND,
           "项目": PROJECT, "开工时间": STARTED, "竣工时间": COMPLETED, "新增学位": SEATS, "学位": SEATS,
           "新增占地面积": LAND, "占地面积": LAND, "新增校舍面积": FLOOR, "校舍面积": FLOOR, "建筑面积": FLOOR,
           "教师周转房": FLATS, "周转房": FLATS, "投资": MONEY, "投资额（万元）": MONEY}
REQUIRED = (KIND, PROJECT)
KINDS = {"新建": "new", "new": "new", "改扩建": "enlarged", "改建": "enlarged", "扩建": "enlarged",
         "enlarged": "enlarged", "rebuilt": "enlarged"}
EXAMPLE = "示例"
MAX_ROWS = 2_000  # a district builds a few hundred projects in a decade
MAX_BYTES = 4 * MB
LIMITS = ReadLimits(max_file_bytes=MAX_BYTES, max_uncompressed_bytes=32 * MB, max_rows=MAX_ROWS + 100,
                    max_columns=30, max_cells=60_000, max_sheets=6)
RULE = "overview.works_import"
NUMBERS = ((SEATS, "seats_added", "学位数", "number of seats"), (LAND, "land_m2", "面积", "area"),
           (FLOOR, "floor_m2", "面积", "area"), (FLATS, "teacher_flats", "套数", "number of flats"))


@dataclass
class Parsed:
    filename: str
    rows: list[WorkRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return " ".join(str(value).split())


def _where(filename: str, row: int | None = None, header: str = "", col: int | None = None) -> Location:
    cell = f"{column_letters(col + 1)}{row}" if col is not None and row else ""
    return Location(file=filename, sheet=SHEET, row=row, column=header, cell=cell)


def _not_template(filename: str, zh: str, en: str, row: int | None = None) -> dict[str, Any]:
    return web_problem("E1341", value=filename, rule=RULE, location=_where(filename, row), detail=(zh, en))


def template_xlsx() -> bytes:
    """The workbook to fill: the headers, one example row marked as such, and a guide."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, header in enumerate(HEADERS, start=1):
        ws.cell(row=1, column=col, value=header).font = Font(bold=True)
        ws.column_dimensions[column_letters(col)].width = 18
    example = ("5001180001", "", "改扩建", f"{EXAMPLE}：教学楼改扩建工程", "2022-03-01", "2023-08-20", 450, 3000, 6500,
               10, 2600)
    for col, value in enumerate(example, start=1):
        ws.cell(row=2, column=col, value=value).font = Font(italic=True, color="777777")
    ws.freeze_panes = "A2"
    guide = wb.create_sheet(GUIDE)
    for line, text in enumerate((
        "每个建设项目一行；建设类型、项目名称必填；学校标识码与新建学校名称至少填一项。",
        "学校标识码只能是本区县的学校；尚未列入学校名册的新学校，学校标识码留空，填写新建学校名称。",
        "建设类型填“新建”或“改扩建”。日期写成 2023-08-20；竣工日期留空表示仍在建设，不计入概览数字。",
        "面积按平方米、投资按万元、学位和周转房按个数填写数字，不带单位。",
        f"最多{MAX_ROWS:,}行。上传后先检查并预览；任何一行有错，整个文件都不会写入；确认后才保存。",
        "项目名称以“示例”开头的行不会导入。",
    ), start=1):
        guide.cell(row=line, column=1, value=text)
    guide.column_dimensions["A"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _day(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.replace("/", "-")[:10])
    except ValueError:
        return None


def read_upload(content: bytes, filename: str, district: District, size: int | None = None,
                today: dt.date | None = None) -> Parsed:
    """The rows of an uploaded works spreadsheet for ``district``, or every problem (row and column)."""
    parsed = Parsed(filename=filename)
    sheet = read_sheet(content, filename, size, max_bytes=MAX_BYTES, limits=LIMITS, sheet=SHEET)
    if sheet.empty:
        parsed.problems.append(_not_template(filename, "文件是空的", "the file is empty"))
    parsed.problems.extend(sheet.problems)
    if parsed.problems:
        return parsed
    rows = sheet.rows
    header = [_text(v) for v in (rows[0] if rows else [])]
    positions = header_positions(header, ALIASES, HEADERS)
    missing = [h for h in (*REQUIRED, SCHOOL, COMPLETED) if h not in positions]
    if missing:
        parsed.problems.append(_not_template(filename, "第1行缺少列" + "、".join(f"“{h}”" for h in missing),
                                             "row 1 lacks the column(s) " + ", ".join(missing), 1))
        return parsed
    data_rows = [(i, r) for i, r in enumerate(rows[1:], start=2) if any(_text(v) for v in r)]
    if len(data_rows) > MAX_ROWS:
        parsed.problems.append(_not_template(filename, f"超过{MAX_ROWS:,}行", f"it has more than {MAX_ROWS:,} rows"))
        return parsed
    today = today or timezone.localdate()
    problems = parsed.problems
    seen: dict[tuple[str, str, str], int] = {}
    for i, raw in data_rows:
        def cell(h: str, raw: list[Any] = raw) -> str:
            p = positions.get(h)
            return _text(raw[p]) if p is not None and p < len(raw) else ""

        def at(h: str, i: int = i) -> Location:
            return _where(filename, i, h, positions.get(h))

        project = cell(PROJECT)
        if project.startswith(EXAMPLE):
            continue
        bad = len(problems)
        for h in REQUIRED:
            if not cell(h):
                problems.append(web_problem("E1337", value=h, rule=RULE, location=at(h)))
        kind_text = cell(KIND)
        kind = KINDS.get(kind_text.casefold(), "")
        if kind_text and not kind:
            problems.append(web_problem("E1340", value=kind_text, rule="overview.kind", location=at(KIND)))
        days: dict[str, dt.date | None] = {}
        for h, key in ((STARTED, "started"), (COMPLETED, "completed")):
            text = cell(h)
            days[key] = _day(text) if text else None
            if text and days[key] is None:
                problems.append(web_problem("E1339", value=text, rule="overview.date", location=at(h),
                                            detail=("不是日期", "it is not a date")))
        numbers: dict[str, int] = {}
        for h, key, zh, en in NUMBERS:
            text = cell(h).replace(",", "")
            numbers[key] = 0
            if text:
                try:
                    number = Decimal(text)
                    if number < 0 or number != number.to_integral_value() or number > 10**9:
                        raise InvalidOperation
                    numbers[key] = int(number)
                except InvalidOperation:
                    problems.append(web_problem("E1338", value=text, rule=RULE, location=at(h), detail=(zh, en)))
        money = Decimal(0)
        text = cell(MONEY).replace(",", "")
        if text:
            try:
                money = Decimal(text).quantize(Decimal("0.01"))
                if money < 0 or money > Decimal("9999999999"):
                    raise InvalidOperation
            except InvalidOperation:
                problems.append(web_problem("E1338", value=text, rule=RULE, location=at(MONEY),
                                            detail=("投资额（万元）", "investment (10,000 yuan)")))
        school, new_name = cell(SCHOOL), cell(NEW_NAME)[:120]
        same = (school or new_name, project, days["completed"].isoformat() if days["completed"] else "")
        if same in seen:
            problems.append(web_problem("E1343", value=project, rule=RULE, location=at(PROJECT), first_row=seen[same]))
        else:
            seen[same] = i
        if len(problems) > bad:
            continue
        parsed.rows.append(WorkRow(school_code=school, new_school_name=new_name, kind=kind, project=project,
                                   started=days["started"], completed=days["completed"], investment=money, row=i,
                                   **numbers))
    if problems:
        return parsed
    if not parsed.rows:
        problems.append(_not_template(filename, "没有项目行", "it has no project rows"))
        return parsed
    parsed.rows = services.link_registered(district, parsed.rows)  # the preview shows them linked
    found, _ = services.check(district, parsed.rows, today=today)
    for p in found:  # the services' checks, placed in the file
        loc = p.get("location") or {}
        if loc.get("row"):
            p["location"] = _where(filename, loc["row"], loc.get("column", ""),
                                   positions.get(loc.get("column", ""))).to_dict()
    problems.extend(found)
    return parsed


@dataclass
class Preview:
    rows: int
    new_schools: int
    seats: int
    unfinished: int
    by_kind: dict[str, int]


def preview(rows: list[WorkRow]) -> Preview:
    kinds = dict(SchoolWork.Kind.choices)
    by_kind: dict[str, int] = {}
    for r in rows:
        by_kind[kinds.get(r.kind, r.kind)] = by_kind.get(kinds.get(r.kind, r.kind), 0) + 1
    return Preview(rows=len(rows), new_schools=sum(1 for r in rows if not r.school_code),
                   seats=sum(r.seats_added for r in rows if r.completed),
                   unfinished=sum(1 for r in rows if not r.completed),
                   by_kind=by_kind)


def rows_to_session(district: District, parsed: Parsed) -> dict[str, Any]:
    out = []
    for r in parsed.rows:
        d = asdict(r)
        d["started"] = r.started.isoformat() if r.started else ""
        d["completed"] = r.completed.isoformat() if r.completed else ""
        d["investment"] = str(r.investment)
        out.append(d)
    return {"district": district.code, "filename": parsed.filename, "rows": out}


def rows_from_session(data: dict[str, Any]) -> tuple[str, list[WorkRow]]:
    rows = []
    for d in data.get("rows") or []:
        d = dict(d)
        d["started"] = dt.date.fromisoformat(d["started"]) if d.get("started") else None
        d["completed"] = dt.date.fromisoformat(d["completed"]) if d.get("completed") else None
        d["investment"] = Decimal(d.get("investment") or "0")
        rows.append(WorkRow(**d))
    return str(data.get("filename") or ""), rows
