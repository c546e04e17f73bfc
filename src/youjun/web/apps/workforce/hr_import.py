"""Teachers from the bureau's HR spreadsheet: a template with Chinese headers, the file read
bounded and by values only (``youjun.ingest.sheet_upload``), every row checked with its row and
column named, a preview of what would change, then ``services.upsert_teachers`` on confirmation.

The upload is hostile. An ID-card number anywhere — a 身份证号 column, or an ID-shaped value in
any cell (教师编号 included) — refuses the whole file (E1155) and is never kept: not in the
session, not in a problem (quoted masked). A school outside the district is refused by its
content (E1150), whatever page the file came through. Nothing is written unless every row passes.
Codes are accepted as the workbook's codes or their Chinese names (``youjun.core.schema``).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from youjun.core import schema
from youjun.core.errors import Location
from youjun.core.workforce_career import find_id_card, is_id_card_header, mask_id
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.sheet_upload import header_positions, read_sheet
from youjun.ingest.xlsx_inspect import column_letters
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.workforce.models import Teacher
from youjun.web.apps.workforce.services import TeacherRow
from youjun.web.errors import web_problem

SHEET = "教师信息"
GUIDE = "填表说明"
STAFF_ID, NAME, SEX, BIRTH, STARTED, SCHOOL, SECTION, SUBJECT, QUALIFICATION, TITLE, TIER, LEVEL, POST, CERT, YEARS = (
    "教师编号", "姓名", "性别", "出生年份", "参加工作年份", "学校标识码", "任教学段", "任教学科", "最高学历",
    "专业技术职务", "骨干教师类别", "认定级别", "是否在编", "是否持证", "本校任教年数")
HEADERS = (STAFF_ID, NAME, SEX, BIRTH, STARTED, SCHOOL, SECTION, SUBJECT, QUALIFICATION, TITLE, TIER, LEVEL, POST,
           CERT, YEARS)
REQUIRED = (STAFF_ID, SCHOOL)
ALIASES = {"teacher id": STAFF_ID, "staff id": STAFF_ID, "工号": STAFF_ID, "教师工号": STAFF_ID, "name": NAME,
           "sex": SEX, "birth year": BIRTH, "出生年": BIRTH, "参加工作时间": STARTED, "school code": SCHOOL,
           "学校代码": SCHOOL, "学段": SECTION, "学科": SUBJECT, "学历": QUALIFICATION, "职称": TITLE,
           "骨干类别": TIER, "骨干级别": LEVEL, "在编": POST, "教师资格证": CERT, "持证": CERT}
CHOICE_COLUMNS = {SECTION: ("section", schema.SECTIONS), SUBJECT: ("subject", schema.SUBJECTS),
                  QUALIFICATION: ("qualification", schema.QUALIFICATIONS), TITLE: ("title", schema.TITLES),
                  TIER: ("key_tier", schema.KEY_TEACHER_TIERS), LEVEL: ("key_level", schema.AWARD_LEVELS)}
EXAMPLE = "示例"
MAX_ROWS = 12_000  # a district has up to ~9,300 teachers
MAX_BYTES = 8 * MB
LIMITS = ReadLimits(max_file_bytes=MAX_BYTES, max_uncompressed_bytes=64 * MB, max_rows=MAX_ROWS + 500,
                    max_columns=40, max_cells=600_000, max_sheets=8)
RULE = "workforce.hr_import"
YES = {"是", "y", "yes", "true", "1", "在编", "持证", "有"}
NO = {"否", "n", "no", "false", "0", "不在编", "非在编", "编外", "未持证", "无", "没有"}
SEXES = {"男": "male", "1": "male", "male": "male", "m": "male", "女": "female", "2": "female", "female": "female",
         "f": "female"}


@dataclass
class Parsed:
    filename: str
    rows: list[TeacherRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Preview:
    rows: int = 0
    new: list[TeacherRow] = field(default_factory=list)
    updated: int = 0
    moved: list[tuple[TeacherRow, str]] = field(default_factory=list)  # (row, the school now)


def _lookup(choices: tuple[schema.Choice, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in choices:
        for spelling in (c.code, c.zh, c.en, *c.aliases):
            out[spelling.strip().casefold()] = c.code
    return out


LOOKUPS = {header: (key, _lookup(choices)) for header, (key, choices) in CHOICE_COLUMNS.items()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return " ".join(str(value).split())


def template_xlsx() -> bytes:
    """The workbook to fill: the headers, one example row marked as such, and a guide."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, header in enumerate(HEADERS, start=1):
        ws.cell(row=1, column=col, value=header).font = Font(bold=True)
    example = (f"{EXAMPLE}T50011800001", "张三", "男", 1985, 2008, "5001180001", "小学", "语文", "本科",
               "一级教师", "骨干教师", "区级", "是", "是", 7)
    grey = PatternFill("solid", fgColor="EEEEEE")
    for col, value in enumerate(example, start=1):
        cell = ws.cell(row=2, column=col, value=value)
        cell.font = Font(italic=True, color="777777")
        cell.fill = grey
    ws.cell(row=2, column=len(HEADERS) + 1, value="← 示例行（不会导入，可删除）")
    for i in range(1, len(HEADERS) + 2):
        letter = column_letters(i)
        ws.column_dimensions[letter].width = 16 if i <= len(HEADERS) else 36
        ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    guide = wb.create_sheet(GUIDE)
    for line, text in enumerate((
        "每位教师一行；教师编号、学校标识码必填，其余可留空（留空的姓名、年份、学段、学科不改动已有记录）。",
        "教师编号填区县编制的脱敏编号（如 T50011800001），不得填写身份证号；"
        "文件中任何位置出现身份证号，整个文件都会被拒绝，号码不会被保存。不要加“身份证号”列。",
        "学校标识码只能是本区县的学校。",
        "任教学段、任教学科、最高学历、专业技术职务、骨干教师类别、认定级别填中文名称或代码均可，如“小学”“语文”“本科”"
        "“一级教师”“骨干教师”“区级”。",
        "是否在编、是否持证填“是”或“否”（留空视为“是”）；性别填“男”或“女”；年份写四位数字。",
        "本校任教年数：新登记的教师在本校连续任教的年数（用于判断交流轮岗条件）。",
        f"最多{MAX_ROWS:,}行。上传后先检查并预览；任何一行有错，整个文件都不会写入；确认后才保存。",
        "第2行是示例（教师编号以“示例”开头的行不会导入），可以删除或覆盖。",
    ), start=1):
        guide.cell(row=line, column=1, value=text)
    guide.column_dimensions["A"].width = 110
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _where(filename: str, row: int | None = None, header: str = "", col: int | None = None) -> Location:
    cell = f"{column_letters(col + 1)}{row}" if col is not None and row else ""
    return Location(file=filename, sheet=SHEET, row=row, column=header, cell=cell)


def _not_template(filename: str, zh: str, en: str, row: int | None = None) -> dict[str, Any]:
    return web_problem("E1159", value=filename, rule=RULE, location=_where(filename, row), detail=(zh, en))


def _id_problem(filename: str, number: str, row: int, header: str, col: int) -> dict[str, Any]:
    where_zh = f"第{row}行“{header}”列" if header else f"第{row}行第{col + 1}列"
    where_en = f"Row {row}, column {header or column_letters(col + 1)}"
    return web_problem("E1155", value=mask_id(number), rule="workforce.id_card",
                       location=_where(filename, row, header, col), where=where_zh, where_en=where_en)


def read_upload(content: bytes, filename: str, district: District, size: int | None = None,
                today: dt.date | None = None) -> Parsed:
    """The rows of an uploaded HR spreadsheet for ``district``, or every problem (row and column)."""
    parsed = Parsed(filename=filename)
    sheet = read_sheet(content, filename, size, max_bytes=MAX_BYTES, limits=LIMITS, sheet=SHEET)
    if sheet.empty:
        parsed.problems.append(_not_template(filename, "文件是空的", "the file is empty"))
    parsed.problems.extend(sheet.problems)
    if parsed.problems:
        return parsed
    rows = sheet.rows
    header = [_text(v) for v in (rows[0] if rows else [])]
    problems = parsed.problems
    # an ID-card column or an ID-shaped value anywhere: refused, whatever else the file holds
    for col, text in enumerate(header):
        if is_id_card_header(text):
            problems.append(web_problem("E1155", value=text, rule="workforce.id_card",
                                        location=_where(filename, 1, text, col),
                                        where=f"第1行“{text}”列", where_en=f"Row 1, column {text}"))
    for i, raw in enumerate(rows[1:], start=2):
        for col, value in enumerate(raw):
            number = find_id_card(_text(value))
            if number:
                problems.append(_id_problem(filename, number, i, header[col] if col < len(header) else "", col))
    if problems:
        return parsed
    positions = header_positions(header, ALIASES, HEADERS)
    missing = [h for h in REQUIRED if h not in positions]
    if missing:
        problems.append(_not_template(filename, "第1行缺少列" + "、".join(f"“{h}”" for h in missing),
                                      "row 1 lacks the column(s) " + ", ".join(missing), 1))
        return parsed
    data_rows = [(i, r) for i, r in enumerate(rows[1:], start=2) if any(_text(v) for v in r)]
    if len(data_rows) > MAX_ROWS:
        problems.append(_not_template(filename, f"超过{MAX_ROWS:,}行", f"it has more than {MAX_ROWS:,} rows"))
        return parsed
    today = today or timezone.localdate()
    schools = set(School.objects.filter(district=district).values_list("code", flat=True))
    seen: dict[str, int] = {}
    for i, raw in data_rows:
        def cell(h: str, raw: list[Any] = raw) -> str:
            p = positions.get(h)
            return _text(raw[p]) if p is not None and p < len(raw) else ""

        def at(h: str, i: int = i) -> Location:
            return _where(filename, i, h, positions.get(h))

        staff_id = cell(STAFF_ID)
        if staff_id.startswith(EXAMPLE):
            continue
        bad = len(problems)
        for h in REQUIRED:
            if not cell(h):
                problems.append(web_problem("E1161", value=h, rule=RULE, location=at(h)))
        if staff_id in seen:
            problems.append(web_problem("E1151", value=staff_id, rule="workforce.staff_id", location=at(STAFF_ID),
                                        first_row=seen[staff_id]))
        elif staff_id:
            seen[staff_id] = i
        school = cell(SCHOOL)
        if school and school not in schools:
            problems.append(web_problem("E1150", value=school, rule="workforce.school", location=at(SCHOOL),
                                        district=district.name))
        codes: dict[str, str] = {}
        for h, (key, lookup) in LOOKUPS.items():
            text = cell(h)
            if not text:
                continue
            code = lookup.get(text.casefold())
            if code is None:
                problems.append(web_problem("E1152", value=text, rule=f"workforce.{key}", location=at(h)))
            else:
                codes[key] = code
        years: dict[str, int | None] = {}
        for h, key, low in ((BIRTH, "birth_year", 1940), (STARTED, "started_teaching", 1950)):
            text = cell(h)
            years[key] = None
            if text:
                if text.isdigit() and low <= int(text) <= today.year:
                    years[key] = int(text)
                else:
                    problems.append(web_problem("E1160", value=text, rule=RULE, location=at(h),
                                                detail=("年份", "year")))
        at_school: int | None = None
        text = cell(YEARS)
        if text:
            if text.isdigit() and int(text) <= 50:
                at_school = int(text)
            else:
                problems.append(web_problem("E1160", value=text, rule=RULE, location=at(YEARS),
                                            detail=("年数（0–50 的整数）", "number of years (a whole number 0–50)")))
        flags: dict[str, bool] = {}
        for h, key in ((POST, "on_establishment"), (CERT, "has_certificate")):
            text = cell(h)
            if not text:
                continue
            if text.casefold() in YES:
                flags[key] = True
            elif text.casefold() in NO:
                flags[key] = False
            else:
                problems.append(web_problem("E1160", value=text, rule=RULE, location=at(h),
                                            detail=("“是”或“否”", "yes (是) or no (否)")))
        sex = ""
        text = cell(SEX)
        if text:
            sex = SEXES.get(text.casefold(), "")
            if not sex:
                problems.append(web_problem("E1160", value=text, rule=RULE, location=at(SEX),
                                            detail=("性别（男或女）", "sex (男 or 女)")))
        if len(problems) > bad:
            continue
        parsed.rows.append(TeacherRow(
            staff_id=staff_id, school_code=school, name=cell(NAME)[:64], sex=sex, section=codes.get("section", ""),
            subject=codes.get("subject", ""), qualification=codes.get("qualification", ""),
            title=codes.get("title", ""), key_tier=codes.get("key_tier", ""), key_level=codes.get("key_level", ""),
            has_certificate=flags.get("has_certificate", True), on_establishment=flags.get("on_establishment", True),
            birth_year=years["birth_year"], started_teaching=years["started_teaching"],
            years_at_school=at_school, location=_where(filename, i, STAFF_ID, positions.get(STAFF_ID))))
    if not parsed.rows and not problems:
        problems.append(_not_template(filename, "没有教师行", "it has no teacher rows"))
    return parsed


def preview(district: District, rows: list[TeacherRow]) -> Preview:
    stored = {t.staff_id: t for t in Teacher.objects.filter(district=district, staff_id__in=[r.staff_id for r in rows])
              .select_related("school")}
    out = Preview(rows=len(rows))
    for r in rows:
        t = stored.get(r.staff_id)
        if t is None:
            out.new.append(r)
        else:
            out.updated += 1
            if t.school is None or t.school.code != r.school_code:
                out.moved.append((r, t.school.code if t.school else ""))
    return out


FIELDS = ("staff_id", "school_code", "name", "sex", "birth_year", "started_teaching", "section", "subject",
          "qualification", "title", "key_tier", "key_level", "has_certificate", "on_establishment",
          "years_at_school")


def rows_to_session(district: District, parsed: Parsed) -> dict[str, Any]:
    return {"district": district.code, "filename": parsed.filename,
            "rows": [[getattr(r, f) for f in FIELDS] + [r.location.row or 0] for r in parsed.rows]}


def rows_from_session(data: dict[str, Any]) -> tuple[str, list[TeacherRow]]:
    filename = str(data.get("filename") or "")
    rows = []
    for r in data.get("rows") or []:
        values = dict(zip(FIELDS, r[:-1], strict=True))
        rows.append(TeacherRow(**values, location=_where(filename, int(r[-1]) or None, STAFF_ID)))
    return filename, rows
