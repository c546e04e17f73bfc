"""A body's member roster from a spreadsheet (Rongchang has 295 members): a template, every row
checked before anything is written, a preview, then one transaction that creates the accounts
and member roles — and the initial passwords handed back once, as a workbook to download.

The file is read as the bulk progress import reads its own (``youjun.ingest.xlsx_inspect``
first, with limits sized for a few thousand rows, then values only: no formula is evaluated).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from youjun.core.errors import Location
from youjun.ingest.limits import MB, ReadLimits
from youjun.ingest.sheet_upload import header_positions, read_sheet
from youjun.ingest.xlsx_inspect import column_letters
from youjun.web.apps.consultation import services_bodies as sb
from youjun.web.apps.consultation.access import access_of
from youjun.web.apps.consultation.models import Body, Participant, Studio
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import User
from youjun.web.errors import web_problem

SHEET = "委员名单"
GUIDE = "填表说明"
NAME, SECTOR, STUDIO, TOWN, PHONE, USERNAME = "姓名", "界别", "委员工作室", "联系镇街", "手机", "用户名"
HEADERS = (NAME, SECTOR, STUDIO, TOWN, PHONE, USERNAME)
REQUIRED = (NAME, USERNAME)
ALIASES = {"full name": NAME, "name": NAME, "sector": SECTOR, "studio": STUDIO, "town": TOWN,
           "neighbourhood": TOWN, "mobile": PHONE, "phone": PHONE, "user name": USERNAME, "username": USERNAME}
MAX_ROWS = 2_000
MAX_BYTES = 2 * MB
LIMITS = ReadLimits(max_file_bytes=MAX_BYTES, max_uncompressed_bytes=32 * MB, max_rows=MAX_ROWS + 500,
                    max_columns=32, max_cells=100_000, max_sheets=8)
RULE = "consultation.roster"
PASSWORD = "初始密码"


@dataclass
class Row:
    row: int  # the sheet row a person sees
    name: str
    sector: str
    studio: str
    town: str
    phone: str
    username: str
    cells: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "name": self.name, "sector": self.sector, "studio": self.studio,
                "town": self.town, "phone": self.phone, "username": self.username, "cells": self.cells}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Row:
        text = {k: str(d.get(k) or "") for k in ("name", "sector", "studio", "town", "phone", "username")}
        return cls(int(d["row"]), text["name"], text["sector"], text["studio"], text["town"], text["phone"],
                   text["username"], {str(k): str(v) for k, v in (d.get("cells") or {}).items()})


@dataclass
class Parsed:
    filename: str
    rows: list[Row] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Plan:
    rows: list[Row]
    new_studios: list[str]


def template_xlsx() -> bytes:
    """The workbook to fill: the six columns, one example row to overwrite, and a guide."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, header in enumerate(HEADERS, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.data_type = "s"
        cell.font = Font(bold=True)
    for letter, width in zip("ABCDEF", (12, 16, 28, 14, 16, 18), strict=True):
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    guide = wb.create_sheet(GUIDE)
    for line, (zh, en) in enumerate((
        ("每位委员一行；“姓名”和“用户名”必填，其余可留空。",
         "One member per row; 姓名 (full name) and 用户名 (user name) are required, the rest may be empty."),
        ("用户名只用字母、数字和 . _ - ，每人不同，例如 rc-wangjh；已有账号的委员不要列入，请在“人员”页面添加。",
         "A user name uses letters, digits and . _ - only, one per person (e.g. rc-wangjh); members who already "
         "have an account are added on the people page instead."),
        ("手机填11位手机号码；委员工作室填本政协工作室的名称，新名称会在确认后新建。",
         "手机 is an 11-digit mobile number; 委员工作室 is the name of one of the body's studios (a new name is "
         "created once you confirm)."),
        (f"最多{MAX_ROWS:,}行。上传后先预览；任何一行有错，整个文件都不会写入。",
         f"At most {MAX_ROWS:,} rows. You see a preview first; if any row is wrong, nothing is written."),
        ("导入后会下载一份初始密码表，这是唯一一次显示初始密码；委员首次登录须修改密码。",
         "After the import you download the initial passwords: the only time they are shown. Members must change "
         "the password at the first log-in."),
    ), start=1):
        guide.cell(row=line, column=1, value=zh)
        guide.cell(row=line, column=2, value=en)
    guide.column_dimensions["A"].width = 70
    guide.column_dimensions["B"].width = 90
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _where(filename: str, row: int | None = None, column: str = "", cell: str = "") -> Location:
    return Location(file=filename, sheet=SHEET, row=row, column=column, cell=cell)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _not_template(filename: str, zh: str, en: str, row: int | None = None) -> dict[str, Any]:
    return web_problem("E933", value=filename, rule=RULE, location=_where(filename, row), detail_zh=zh, detail_en=en)


def read_upload(content: bytes, filename: str, size: int | None = None) -> Parsed:
    """The rows of an uploaded roster, or the problems that stop it being read."""
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
    for index, raw in enumerate(rows[1:], start=2):
        values = {h: _text(raw[i] if i < len(raw) else None) for h, i in positions.items()}
        if not any(values.values()):
            continue
        cells = {h: f"{column_letters(i + 1)}{index}" for h, i in positions.items()}
        parsed.rows.append(Row(index, values.get(NAME, ""), values.get(SECTOR, ""), values.get(STUDIO, ""),
                               values.get(TOWN, ""), values.get(PHONE, "").replace(" ", "").replace("-", ""),
                               values.get(USERNAME, ""), cells))
        if len(parsed.rows) > MAX_ROWS:
            parsed.problems.append(_not_template(filename, f"超过{MAX_ROWS:,}行", f"it has more than {MAX_ROWS:,} "
                                                 "rows"))
            parsed.rows = []
            return parsed
    if not parsed.rows:
        parsed.problems.append(_not_template(filename, "没有填写任何委员", "no member is filled in"))
    return parsed


def _at(code: str, r: Row, column: str, filename: str, value: Any, **context: Any) -> dict[str, Any]:
    return web_problem(code, value=value, rule=RULE,
                       location=_where(filename, r.row, column, r.cells.get(column, "")), **context)


def check(body: Body, rows: list[Row], filename: str) -> tuple[Plan, list[dict[str, Any]]]:
    """Every row against the accounts and studios as they are now: (plan, problems). The plan is
    to be written only when there is no problem at all."""
    problems: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    lowered = [r.username.casefold() for r in rows if r.username]
    taken = {u.casefold() for u in User.objects.filter(username__in=[r.username for r in rows if r.username])
             .values_list("username", flat=True)}
    if len(taken) < len(set(lowered)):  # a case-insensitive clash the exact lookup misses
        for name in set(lowered) - taken:
            if User.objects.filter(username__iexact=name).exists():
                taken.add(name)
    studios = {s.name for s in Studio.objects.filter(body=body)}
    new_studios: list[str] = []
    for row in rows:
        if not row.name:
            problems.append(_at("E934", row, NAME, filename, "", row=row.row, detail_zh="“姓名”",
                                detail_en="full name (姓名)"))
        if not row.username:
            problems.append(_at("E934", row, USERNAME, filename, "", row=row.row, detail_zh="“用户名”",
                                detail_en="user name (用户名)"))
        elif not sb.USERNAME.match(row.username):
            problems.append(_at("E932", row, USERNAME, filename, row.username,
                                detail_zh="用户名须为2到64个字母、数字或 . _ - ，以字母或数字开头",
                                detail_en="a user name is 2 to 64 letters, digits or . _ -, starting with a letter "
                                          "or digit"))
        else:
            key = row.username.casefold()
            if key in seen:
                problems.append(_at("E936", row, USERNAME, filename, row.username,
                                    detail_zh=f"在文件中出现了不止一次（第{seen[key]}行已有）",
                                    detail_en=f"appears more than once in the file (already on row {seen[key]})"))
            elif key in taken:
                problems.append(_at("E936", row, USERNAME, filename, row.username,
                                    detail_zh="已被平台上的其他账号使用", detail_en="is already used by an account"))
            seen.setdefault(key, row.row)
        if row.phone and not sb.PHONE.match(row.phone):
            problems.append(_at("E935", row, PHONE, filename, row.phone))
        if len(row.name) > 64 or len(row.sector) > 64 or len(row.studio) > 128 or len(row.town) > 128:
            problems.append(_at("E930", row, NAME, filename, row.name[:20] or row.username,
                                detail_zh="内容过长（姓名、界别不超过64字，工作室、镇街不超过128字）",
                                detail_en="a text is too long (name and sector at most 64 characters, studio and "
                                          "town at most 128)"))
        if row.studio and row.studio not in studios and row.studio not in new_studios:
            new_studios.append(row.studio)
    return Plan(rows, new_studios), problems


@dataclass
class Created:
    name: str
    username: str
    password: str
    sector: str
    studio: str


def apply(actor: User, body: Body, rows: list[Row], filename: str, *,
          create_studios: bool) -> tuple[list[Created], list[dict[str, Any]]]:
    """Check every row again and write them all in one transaction: (accounts made, problems)."""
    if not access_of(actor).is_staff_of(body.pk):
        return [], [web_problem("E931", value=body.name, rule=RULE, detail_zh="只有本政协的工作人员可以导入名单",
                                detail_en="only the body's staff import the roster")]
    plan, problems = check(body, rows, filename)
    if problems:
        return [], problems
    if plan.new_studios and not create_studios:
        return [], [web_problem("E937", value="、".join(plan.new_studios), rule=RULE)]
    made: list[Created] = []
    with transaction.atomic():
        studios = {s.name: s for s in Studio.objects.filter(body=body)}
        for name in plan.new_studios:
            studios[name] = sb.save_studio(actor, body, name=name)
        for row in plan.rows:
            user, password = sb.create_account(actor, row.username, row.name)
            studio = studios.get(row.studio) if row.studio else None
            Participant.objects.create(user=user, body=body, kind=Participant.Kind.MEMBER,
                                           sector=row.sector[:64], studio=studio, neighbourhood=row.town[:128])
            if row.phone:
                sb.set_phone(user, row.phone)
            made.append(Created(row.name, user.username, password, row.sector, studio.name if studio else ""))
        record(actor, "consultation_roster_import", body,
               after={"file": filename, "members": len(made), "usernames": [m.username for m in made],
                      "new_studios": plan.new_studios})
    return made, []


def passwords_xlsx(body: Body, made: list[Created]) -> bytes:
    """The initial passwords, the one time they are shown: a workbook to hand over in person."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = PASSWORD
    heads = (NAME, USERNAME, PASSWORD, SECTOR, STUDIO)
    for col, header in enumerate(heads, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = Font(bold=True)
    for r, m in enumerate(made, start=2):
        for col, value in enumerate((m.name, m.username, m.password, m.sector, m.studio), start=1):
            cell = ws.cell(row=r, column=col, value=value)
            cell.data_type = "s"
    for letter, width in zip("ABCDE", (12, 18, 22, 16, 28), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    guide = wb.create_sheet(GUIDE)
    guide.cell(row=1, column=1, value=f"{body.name}委员账号的初始密码：只显示这一次，"
                                      "请当面或密封交给本人，用后销毁本表。"
                                      "委员首次登录须修改密码。")
    guide.cell(row=2, column=1, value="The initial passwords of the members' accounts: shown this once; hand them "
                                      "over in person or sealed and destroy this sheet. Members must change the "
                                      "password at the first log-in.")
    guide.column_dimensions["A"].width = 120
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rows_to_session(parsed: Parsed) -> dict[str, Any]:
    return {"filename": parsed.filename, "rows": [r.as_dict() for r in parsed.rows]}


def rows_from_session(data: dict[str, Any]) -> tuple[str, list[Row]]:
    return str(data.get("filename") or ""), [Row.from_dict(r) for r in data.get("rows") or []]

