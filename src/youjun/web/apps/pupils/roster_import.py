"""A school's pupil roster from a spreadsheet: a template, every row checked before anything is
written (formats, duplicates, a pupil registered at another school), a preview of what would
change (new pupils, changed details, class moves, pupils no longer listed), then one
``services.upsert_roster`` when the data officer confirms.

The file is read bounded and by values only (``youjun.ingest.sheet_upload``: size first, then the
inspection's limits; no formula is evaluated). Nothing is written until the confirmation.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from youjun.core.errors import Location
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.sheet_upload import header_positions, read_sheet
from youjun.ingest.xlsx_inspect import column_letters
from youjun.web.apps.platform.models import School
from youjun.web.apps.pupils import services
from youjun.web.apps.pupils.models import ClassGroup, Enrolment, Pupil, Sex
from youjun.web.apps.pupils.services import RosterRow
from youjun.web.errors import web_problem

SHEET = "学生名册"
GUIDE = "填表说明"
GRADE, CLASS, CLASS_NAME, STUDENT_ID, NAME, SEX, BIRTH, ETHNIC = (
    "年级", "班级", "班级名称", "学籍号", "姓名", "性别", "出生日期", "民族代码")
HEADERS = (GRADE, CLASS, CLASS_NAME, STUDENT_ID, NAME, SEX, BIRTH, ETHNIC)
REQUIRED = (GRADE, CLASS, STUDENT_ID, NAME, SEX)
ALIASES = {"grade": GRADE, "年级编码": GRADE, "class": CLASS, "班号": CLASS, "class name": CLASS_NAME,
           "student id": STUDENT_ID, "pupil record number": STUDENT_ID, "学籍号码": STUDENT_ID,
           "name": NAME, "sex": SEX, "birth date": BIRTH, "出生年月": BIRTH, "ethnic code": ETHNIC,
           "民族": ETHNIC}
EXAMPLE = "示例"  # a row whose 学籍号 starts with this is the template's example, not a pupil
MAX_ROWS = 5_000  # a large school has about 3,000 pupils
MAX_BYTES = 4 * MB
LIMITS = ReadLimits(max_file_bytes=MAX_BYTES, max_uncompressed_bytes=48 * MB, max_rows=MAX_ROWS + 500,
                    max_columns=32, max_cells=200_000, max_sheets=8)
RULE = "pupils.roster"
STUDENT_ID_FORM = re.compile(r"^[GLJ]?\d{17}[\dX]$")
ETHNIC_CODES = frozenset({f"{i:02d}" for i in range(1, 57)} | {"97", "98"})
MALE, FEMALE = "male", "female"  # Sex values
SEXES = {"1": MALE, "男": MALE, "m": MALE, "male": MALE, "boy": MALE,
         "2": FEMALE, "女": FEMALE, "f": FEMALE, "female": FEMALE, "girl": FEMALE}
GRADE_WORDS = {w: i for i, w in enumerate("一二三四五六七八九", start=1)}
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


@dataclass
class Parsed:
    filename: str
    rows: list[RosterRow] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    row: int
    student_id: str
    name: str
    was: str  # the stored value(s) or class
    now: str


@dataclass
class Preview:
    """What confirming would do, counted and listed (pupils are the school's own)."""

    rows: int = 0
    new: list[RosterRow] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    moved: list[Change] = field(default_factory=list)
    left: list[Pupil] = field(default_factory=list)  # active pupils of the school not in the file
    classes_new: list[tuple[int, int]] = field(default_factory=list)  # (grade, class number)


def valid_school_year(text: str) -> bool:
    m = SCHOOL_YEAR.match(text or "")
    if m is None:
        return False
    return int(m.group(2)) == int(m.group(1)) + 1 and 2000 <= int(m.group(1)) <= 2100


def template_xlsx() -> bytes:
    """The workbook to fill: the eight columns, one example row marked as such, and a guide."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, header in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = Font(bold=True)
    example = (3, 2, "三年级（2）班", f"{EXAMPLE}G500118201601010011", f"{EXAMPLE}张三", "男", "2016-01-01", "01")
    grey = PatternFill("solid", fgColor="EEEEEE")
    for col, value in enumerate(example, start=1):
        cell = ws.cell(row=2, column=col, value=value)
        cell.font = Font(italic=True, color="777777")
        cell.fill = grey
    ws.cell(row=2, column=len(HEADERS) + 1, value="← 示例行（不会导入，可删除）")
    for i, width in enumerate((8, 8, 16, 26, 12, 8, 14, 10, 40), start=1):
        letter = column_letters(i)
        ws.column_dimensions[letter].width = width
        if i in (3, 4, 5, 7, 8):
            ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    # The workbook is for Chinese schools: its headers and guide are Chinese only (docs/pupils.md
    # describes the columns in English).
    guide = wb.create_sheet(GUIDE)
    for line, text in enumerate((
        "每名学生一行；年级、班级、学籍号、姓名、性别必填，班级名称、出生日期、民族代码可留空。",
        "年级填1–9，或国家上报的年级编码（小学11–16，初中21–23）；班级只填班号数字。",
        "学籍号是字母G（或L、J）加18位身份证号码；性别填1（男）、2（女）或“男”“女”；出生日期如2016-01-31；"
        "民族代码按 GB/T 3304 填两位数字（01 汉族）。",
        "第2行是示例（学籍号以“示例”开头的行不会导入），可以删除或覆盖。",
        f"最多{MAX_ROWS:,}行。上传后先检查并预览；任何一行有错，整个文件都不会写入；确认后才保存。",
        "其他学校已登记的学生不能由本校导入；转学由区县教育局办理。",
    ), start=1):
        guide.cell(row=line, column=1, value=text)
    guide.column_dimensions["A"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).split())


def _where(filename: str, row: int | None = None, column: str = "", cell: str = "") -> Location:
    return Location(file=filename, sheet=SHEET, row=row, column=column, cell=cell)


def _not_template(filename: str, zh: str, en: str, row: int | None = None) -> dict[str, Any]:
    return web_problem("E1004", value=filename, rule=RULE, location=_where(filename, row),
                       detail_zh=zh, detail_en=en)


def _grade(text: str) -> int | None:
    text = text.replace("年级", "").strip()
    if text in GRADE_WORDS:
        return GRADE_WORDS[text]
    if not text.isdigit():
        return None
    n = int(text)
    if 11 <= n <= 16:
        return n - 10
    if 21 <= n <= 23:
        return n - 14
    return n


def _birth(value: Any, text: str) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read_upload(content: bytes, filename: str, size: int | None = None,
                today: dt.date | None = None) -> Parsed:
    """The rows of an uploaded roster, or every problem of it (row and column named)."""
    parsed = Parsed(filename=filename)
    sheet = read_sheet(content, filename, size, max_bytes=MAX_BYTES, limits=LIMITS, sheet=SHEET)
    if sheet.empty:
        parsed.problems.append(_not_template(filename, "文件是空的", "the file is empty"))
    parsed.problems.extend(sheet.problems)
    if parsed.problems:
        return parsed
    rows = sheet.rows
    positions = header_positions((_text(v) for v in (rows[0] if rows else [])), ALIASES, HEADERS)
    missing = [h for h in REQUIRED if h not in positions]
    if missing:
        parsed.problems.append(_not_template(filename, "第1行缺少列" + "、".join(f"“{h}”" for h in missing),
                                             "row 1 lacks the column(s) " + ", ".join(missing), 1))
        return parsed
    if len(rows) - 1 > MAX_ROWS and sum(1 for r in rows[1:] if any(_text(v) for v in r)) > MAX_ROWS:
        parsed.problems.append(_not_template(filename, f"超过{MAX_ROWS:,}行", f"it has more than {MAX_ROWS:,} rows"))
        return parsed
    today = today or timezone.localdate()
    problems = parsed.problems
    first: dict[str, int] = {}
    for index, raw in enumerate(rows[1:], start=2):
        cells = {h: raw[i] if i < len(raw) else None for h, i in positions.items()}
        values = {h: _text(v) for h, v in cells.items()}
        if not any(values.values()) or values.get(STUDENT_ID, "").startswith(EXAMPLE):
            continue
        refs = {h: f"{column_letters(i + 1)}{index}" for h, i in positions.items()}

        def at(code: str, column: str, value: Any, _row: int = index, _refs: dict[str, str] = refs,
               **context: Any) -> dict[str, Any]:
            return web_problem(code, value=value, rule=RULE,
                               location=_where(filename, _row, column, _refs.get(column, "")), **context)

        bad = len(problems)
        for column in REQUIRED:
            if not values.get(column):
                problems.append(at("E1005", column, "", line=index, field=column))
        student_id = values.get(STUDENT_ID, "").upper()
        if student_id and not STUDENT_ID_FORM.match(student_id):
            problems.append(at("E1006", STUDENT_ID, values[STUDENT_ID]))
        elif student_id in first:
            problems.append(at("E1001", STUDENT_ID, student_id, first_row=first[student_id]))
        elif student_id:
            first[student_id] = index
        grade = _grade(values.get(GRADE, ""))
        if values.get(GRADE) and (grade is None or grade not in services.GRADES):
            problems.append(at("E1002", GRADE, values[GRADE]))
        number_text = values.get(CLASS, "").replace("班", "")
        number = int(number_text) if number_text.isdigit() else None
        if values.get(CLASS) and (number is None or not 1 <= number <= 99):
            problems.append(at("E1007", CLASS, values[CLASS]))
        sex = SEXES.get(values.get(SEX, "").casefold())
        if values.get(SEX) and sex is None:
            problems.append(at("E1003", SEX, values[SEX]))
        birth = None
        if values.get(BIRTH):
            birth = _birth(cells.get(BIRTH), values[BIRTH])
            if birth is None or not (today.year - 25 <= birth.year <= today.year - 3):
                problems.append(at("E1008", BIRTH, values[BIRTH]))
                birth = None
        ethnic = values.get(ETHNIC, "")
        if ethnic.isdigit() and len(ethnic) == 1:
            ethnic = "0" + ethnic
        if ethnic and ethnic not in ETHNIC_CODES:
            problems.append(at("E1009", ETHNIC, values[ETHNIC]))
        for column, limit in ((NAME, 64), (CLASS_NAME, 32)):
            if len(values.get(column, "")) > limit:
                problems.append(at("E1010", column, values[column][:20], line=index, field=column,
                                   limit=limit))
        if len(problems) > bad:
            continue
        assert grade is not None and number is not None and sex is not None
        parsed.rows.append(RosterRow(student_id=student_id, name=values[NAME], sex=sex, grade=grade,
                                     class_number=number, class_name=values.get(CLASS_NAME, ""),
                                     birth_date=birth, ethnic_code=ethnic,
                                     location=_where(filename, index, STUDENT_ID, refs.get(STUDENT_ID, ""))))
    if not parsed.rows and not problems:
        problems.append(_not_template(filename, "没有填写任何学生", "no pupil is filled in"))
    return parsed


def check(school: School, parsed: Parsed) -> list[dict[str, Any]]:
    """The rows against what is stored (``services.check_roster``): duplicates, pupils of another
    school. The caller has the format problems already."""
    return services.check_roster(school, parsed.rows)


def preview(school: School, school_year: str, rows: Sequence[RosterRow]) -> Preview:
    """What ``upsert_roster`` would do with ``rows`` (checked, of the school's own pupils)."""
    out = Preview(rows=len(rows))
    ids = [r.student_id for r in rows]
    stored = {p.student_id: p for p in Pupil.objects.filter(school=school, student_id__in=ids)}
    classes = dict(Enrolment.objects.filter(pupil__school=school, school_year=school_year)
                   .values_list("pupil__student_id", "class_group_id"))
    groups = {c.pk: c for c in ClassGroup.objects.filter(school=school, school_year=school_year)}
    keys = {(c.grade, c.number) for c in groups.values()}
    new_keys: list[tuple[int, int]] = []
    for r in rows:
        key = (r.grade, r.class_number)
        if key not in keys and key not in new_keys:
            new_keys.append(key)
        p = stored.get(r.student_id)
        if p is None:
            out.new.append(r)
            continue
        diffs = [(label, str(old), str(new)) for label, old, new in (
            (NAME, p.name, r.name), (SEX, p.get_sex_display(), dict(Sex.choices).get(r.sex, r.sex)),
            (BIRTH, p.birth_date or "", r.birth_date or ""), (ETHNIC, p.ethnic_code, r.ethnic_code))
            if new not in (None, "") and old != new]
        if diffs:
            out.changed.append(Change(r.location.row or 0, r.student_id, r.name,
                                      "；".join(f"{d[0]} {d[1] or '—'}" for d in diffs),
                                      "；".join(f"{d[0]} {d[2]}" for d in diffs)))
        was = groups.get(classes.get(r.student_id, -1))
        if was is not None and (was.grade, was.number) != key:
            out.moved.append(Change(r.location.row or 0, r.student_id, r.name, str(was),
                                    r.class_name or f"{r.grade}年级{r.class_number}班"))
    out.classes_new = sorted(new_keys)
    out.left = list(Pupil.objects.filter(school=school, active=True).exclude(student_id__in=ids)
                    .order_by("student_id")[:MAX_ROWS])
    return out


def rows_to_session(school: School, school_year: str, parsed: Parsed) -> dict[str, Any]:
    return {"school": school.code, "school_year": school_year, "filename": parsed.filename,
            "rows": [[r.student_id, r.name, r.sex, r.grade, r.class_number, r.class_name,
                      r.birth_date.isoformat() if r.birth_date else "", r.ethnic_code, r.location.row or 0,
                      r.location.cell] for r in parsed.rows]}


def rows_from_session(data: dict[str, Any]) -> tuple[str, str, list[RosterRow]]:
    filename = str(data.get("filename") or "")
    rows = [RosterRow(student_id=str(r[0]), name=str(r[1]), sex=str(r[2]), grade=int(r[3]),
                      class_number=int(r[4]), class_name=str(r[5]),
                      birth_date=dt.date.fromisoformat(r[6]) if r[6] else None, ethnic_code=str(r[7]),
                      location=_where(filename, int(r[8]) or None, STUDENT_ID, str(r[9])))
            for r in data.get("rows") or []]
    return str(data.get("school_year") or ""), filename, rows


def problems_xlsx(problems: Sequence[dict[str, Any]]) -> bytes:
    """The problems as a list to download and send back: row, column, cell, value, zh and en."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = "问题清单"
    heads = ("序号", "代码", "行", "列", "单元格", "填写的值", "问题", "怎么办", "Problem", "What to do")
    for col, header in enumerate(heads, start=1):
        ws.cell(row=1, column=col, value=header).font = Font(bold=True)
    for n, p in enumerate(problems, start=1):
        loc = p.get("location") or {}
        values = (n, p.get("code", ""), loc.get("row") or "", loc.get("column") or "", loc.get("cell") or "",
                  str(p.get("value") or ""), p["message"]["zh"], p["hint"]["zh"], p["message"]["en"],
                  p["hint"]["en"])
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=n + 1, column=col, value=value)
            if col == 6:
                cell.data_type = "s"
    for i, width in enumerate((6, 8, 6, 10, 8, 24, 50, 50, 50, 50), start=1):
        ws.column_dimensions[column_letters(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:J{len(problems) + 1}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
