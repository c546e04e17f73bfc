"""The national upload workbook of the fitness standard (《国家学生体质健康标准》数据上报模板).

Reading: one sheet (by name, or the first), the header row in the national layout; a file is
inspected before it is opened (size, zip, sheet extent: ``youjun.ingest.xlsx_inspect``) and
refused over ``max_rows`` rows; values only, never formulas (a formula's saved result is what
is read). Every problem has its row and column; a file with any error yields no pupil at all.
Two columns are youjun additions, absent from the national layout: ``免测`` (exempt, "是" or
"是：原因") and ``补测`` (this row is the retest of the row above with the same 学籍号).

Writing: the same layout with each item's score and level, 标准分, 附加分, 总分, 总分等级;
学籍号 and every text cell stay text, and a text cell starting with = + - @ is neutralised.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from youjun.core.errors import Location, Problem, problem
from youjun.core.fitness import FitnessError, FitnessTables, PupilResult, Scored, parse_measure, parse_number
from youjun.core.fitness.model import BMI_CATEGORY_NAMES, STATUS_NAMES
from youjun.ingest.limits import ReadLimits
from youjun.ingest.xlsx_inspect import column_letters, inspect_xlsx

IDENTITY = ("年级编号", "班级编号", "班级名称", "学籍号", "民族代码", "姓名", "性别", "出生日期", "家庭住址")
BODY = ("身高", "体重")
ITEM_COLUMNS = {
    "肺活量": "vital_capacity",
    "50米跑": "run_50m",
    "坐位体前屈": "sit_and_reach",
    "一分钟跳绳": "rope_skip_1min",
    "一分钟仰卧起坐": "sit_up_1min",
    "50米×8往返跑": "shuttle_run_50m_x8",
    "立定跳远": "standing_long_jump",
    "引体向上": "pull_up",
    "1000米跑": "run_1000m",
    "800米跑": "run_800m",
}
VISION = ("左眼裸眼视力", "右眼裸眼视力", "左眼串镜", "右眼串镜", "左眼屈光不正", "右眼屈光不正")
EXTRA = ("免测", "补测")  # youjun additions
NATIONAL = (*IDENTITY, *BODY, *ITEM_COLUMNS, *VISION)
REQUIRED_HEADERS = IDENTITY
REQUIRED_VALUES = ("年级编号", "学籍号", "性别")
ALIASES = {
    "50米x8往返跑": "50米×8往返跑",
    "50米*8往返跑": "50米×8往返跑",
    "1分钟跳绳": "一分钟跳绳",
    "1分钟仰卧起坐": "一分钟仰卧起坐",
    "年级编码": "年级编号",
}
GRADE_CODES = {11: 1, 12: 2, 13: 3, 14: 4, 15: 5, 16: 6, 21: 7, 22: 8, 23: 9}
CODE_OF_GRADE = {g: c for c, g in GRADE_CODES.items()}
SEX_CODES = {"1": "male", "2": "female", "男": "male", "女": "female"}
YES = ("是", "Y", "y", "1", "yes", "Yes", "√", "TRUE", "True")
MAX_ROWS = 200_000  # a district of ~130,000 pupils in one file, with room
ROW_BYTES = 1_500  # unpacked bytes of one pupil's row with Excel's own markup, ~2x what was measured
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
RETESTED = "已补测"  # written by the export: the row is already the year's result after its retest


@dataclass(frozen=True)
class PupilRow:
    row: int  # the sheet's row number (header = 1)
    values: dict[str, str]  # every national / extra column as text (as written)
    result: PupilResult
    vision_left: Decimal | None = None
    vision_right: Decimal | None = None


@dataclass
class WorkbookRead:
    path: str
    sheet: str = ""
    rows: list[PupilRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y%m%d")
    return str(value).strip()


def read_workbook(
    path: str | Path,
    tables: FitnessTables,
    sheet: str | None = None,
    max_rows: int = MAX_ROWS,
    limits: ReadLimits | None = None,
) -> WorkbookRead:
    """Every pupil of the sheet, or none and every problem (row/column located)."""
    from python_calamine import CalamineWorkbook

    p = Path(path)
    out = WorkbookRead(str(p))
    base = limits or ReadLimits.from_env()
    lim = replace(
        base,
        max_rows=2 * max_rows + 100,  # the exact check is E1043 below
        max_cells=max((limits or ReadLimits()).max_cells, (max_rows + 1) * 40),
    )
    if limits is None:  # sized by the rows allowed: a district's 130,000 pupils are ~12 MB, ~90 MB unpacked
        lim = replace(lim, max_file_bytes=max(base.max_file_bytes, max_rows * ROW_BYTES // 4),
                      max_uncompressed_bytes=max(base.max_uncompressed_bytes, max_rows * ROW_BYTES))
    inspection = inspect_xlsx(p, lim)
    if not inspection.ok:
        out.problems.extend(inspection.problems)
        return out
    visible = [s for s in inspection.sheets if s.state == "visible"] or inspection.sheets
    info = next((s for s in inspection.sheets if s.name == sheet), None) if sheet else (visible[0] if visible else None)
    if info is None:
        out.problems.append(problem("E1042", Location(file=str(p)), sheet or ""))
        return out
    out.sheet = info.name
    where = Location(file=str(p), sheet=info.name)
    if info.max_row - 1 > max_rows:
        out.problems.append(problem("E1043", where, f"{info.max_row - 1:,}", sheet=info.name, limit=f"{max_rows:,}"))
        return out
    rows = CalamineWorkbook.from_path(str(p)).get_sheet_by_name(info.name).to_python(skip_empty_area=False)
    if not rows:
        out.problems.append(problem("E1049", where, sheet=info.name))
        return out
    _read_rows(out, rows, tables, where)
    if not out.ok:
        out.rows = []  # nothing half-read
    return out


def _columns(out: WorkbookRead, header: Sequence[Any], where: Location) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for i, cell in enumerate(header):
        name = ALIASES.get(_text(cell).replace(" ", ""), _text(cell).replace(" ", ""))
        if not name:
            continue
        if name in cols:
            out.problems.append(
                problem(
                    "E1041",
                    replace(where, row=1, column=name, cell=f"{column_letters(i + 1)}1"),
                    name,
                    sheet=where.sheet,
                )
            )
            continue
        if name in NATIONAL or name in EXTRA:
            cols[name] = i
        else:
            out.unknown_columns.append(name)
    missing = [c for c in REQUIRED_HEADERS if c not in cols]
    if missing:
        out.problems.append(problem("E1040", replace(where, row=1), "、".join(missing), sheet=where.sheet))
    return None if out.problems else cols


def _read_rows(out: WorkbookRead, rows: list[list[Any]], tables: FitnessTables, where: Location) -> None:
    cols = _columns(out, rows[0], where)
    if cols is None:
        return
    first_row: dict[str, int] = {}
    retested: set[str] = set()
    for n, raw in enumerate(rows[1:], start=2):
        values = {name: _text(raw[i]) if i < len(raw) else "" for name, i in cols.items()}
        if not any(values.values()):
            continue
        row_problems: list[Problem] = []

        def at(col: str, _n: int = n) -> Location:
            return replace(where, row=_n, column=col, cell=f"{column_letters(cols[col] + 1)}{_n}")

        for col in REQUIRED_VALUES:
            if not values[col]:
                row_problems.append(problem("E1044", at(col), "", row=n, column=col))
        grade = sex = None
        if values["年级编号"]:
            try:
                grade = GRADE_CODES.get(int(values["年级编号"]))
            except ValueError:
                grade = None
            if grade is None:
                row_problems.append(problem("E1045", at("年级编号"), values["年级编号"]))
        if values["性别"]:
            sex = SEX_CODES.get(values["性别"])
            if sex is None:
                row_problems.append(problem("E1022", at("性别"), values["性别"]))
        exempt, reason = (
            _mark(values.get("免测", ""), "免测", at, row_problems, with_reason=True) if "免测" in cols else (False, "")
        )
        retest = _mark(values.get("补测", ""), "补测", at, row_problems)[0] if "补测" in cols else False
        sid = values["学籍号"]
        if sid and not retest:
            if sid in first_row:
                row_problems.append(problem("E1046", at("学籍号"), sid, row=n, first_row=first_row[sid]))
            else:
                first_row[sid] = n
        elif sid and retest and (sid not in first_row or sid in retested):
            twice = sid in retested
            row_problems.append(
                problem(
                    "E1028",
                    at("补测"),
                    sid,
                    detail_zh=f"学籍号 {sid} 本学年已补测过一次"
                    if twice
                    else f"第{n}行的补测之前没有学籍号 {sid} 的首次测试",
                    detail_en=f"{sid} already had its one retest this year"
                    if twice
                    else f"row {n}: no first test of {sid} above this retest",
                )
            )
        if sid and retest:
            retested.add(sid)
        items: dict[str, Decimal | str | None] = {}
        if grade is not None and sex is not None and not exempt:
            items = _items(values, cols, grade, sex, tables, at, row_problems)
        vision = [_vision(values.get(c, ""), c, at, row_problems) if c in cols else None for c in VISION[:2]]
        out.problems.extend(row_problems)
        if row_problems or grade is None or sex is None:
            continue
        result = PupilResult(
            grade,
            sex,
            values.get("身高") or None,
            values.get("体重") or None,
            items,
            exempt=exempt,
            exempt_reason=reason,
            retest=retest,
            pupil_id=sid,
        )
        pupil = PupilRow(n, {k: values.get(k, "") for k in (*NATIONAL, *EXTRA)}, result, vision[0], vision[1])
        out.rows.append(pupil)
    if not out.rows and not out.problems:
        out.problems.append(problem("E1049", where, sheet=where.sheet))


def _mark(text: str, col: str, at: Any, problems: list[Problem], with_reason: bool = False) -> tuple[bool, str]:
    if not text or text in ("否", "N", "n", "0", "no", "No", "FALSE", "False", RETESTED):
        return False, ""
    head, sep, reason = text.replace("：", ":").partition(":")
    if head.strip() in YES and (with_reason or not sep):
        return True, reason.strip()
    problems.append(problem("E1048", at(col), text, column=col))
    return False, ""


def _items(
    values: dict[str, str],
    cols: dict[str, int],
    grade: int,
    sex: str,
    tables: FitnessTables,
    at: Any,
    problems: list[Problem],
) -> dict[str, Decimal | str | None]:
    wanted = set(tables.items_for(grade, sex))
    items: dict[str, Decimal | str | None] = {}
    for col, key in ITEM_COLUMNS.items():
        text = values.get(col, "")
        if col not in cols or not text:
            continue
        if key not in wanted:
            info = tables.items[key]
            problems.append(
                problem(
                    "E1026",
                    at(col),
                    text,
                    grade=grade,
                    sex_zh="男生" if sex == "male" else "女生",
                    sex_en="boys" if sex == "male" else "girls",
                    item_zh=info.zh,
                    item_en=info.en,
                    items_zh="、".join(tables.items[k].zh for k in tables.items_for(grade, sex)),
                    items_en=", ".join(tables.items[k].en for k in tables.items_for(grade, sex)),
                )
            )
            continue
        try:
            items[key] = parse_measure(key, text, tables)
        except FitnessError as exc:
            problems.extend(replace(p, location=at(col)) for p in exc.problems)
    for col, name in (("身高", "height_cm"), ("体重", "weight_kg")):
        text = values.get(col, "")
        if col in cols and text:
            try:
                value = parse_number(text, name, col, name)
                lo, hi = tables.body_possible[name]
                if not lo <= value <= hi:
                    problems.append(
                        problem(
                            "E1025",
                            at(col),
                            text,
                            item_zh=col,
                            item_en=name,
                            unit_zh="厘米" if col == "身高" else "千克",
                            unit_en="cm" if col == "身高" else "kg",
                            detail_zh=f"应在 {lo}–{hi} 之间",
                            detail_en=f"it should be within {lo}–{hi}",
                        )
                    )
            except FitnessError:  # not a number: a hint about centimetres and kilograms, not run times
                problems.append(problem("E1051", at(col), text, item_zh=col,
                                        item_en="height" if col == "身高" else "weight"))
    return items


def _vision(text: str, col: str, at: Any, problems: list[Problem]) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text)
    except ArithmeticError:
        value = Decimal(-1)
    if not Decimal("3.0") <= value <= Decimal("5.3"):
        problems.append(problem("E1047", at(col), text, column=col))
        return None
    return value


# --- writing --------------------------------------------------------------------------------

SCORE_COLUMNS = {
    "bmi": "体重",
    "vital_capacity": "肺活量",
    "run_50m": "50米跑",
    "sit_and_reach": "坐位体前屈",
    "rope_skip_1min": "一分钟跳绳",
    "sit_up_1min": "一分钟仰卧起坐",
    "shuttle_run_50m_x8": "50米×8往返跑",
    "standing_long_jump": "立定跳远",
    "pull_up": "引体向上",
    "run_1000m": "1000米跑",
    "run_800m": "800米跑",
}
TOTAL_COLUMNS = ("标准分", "附加分", "总分", "总分等级", "评分状态")
BMI_ZH = {k: zh for k, (zh, _en) in BMI_CATEGORY_NAMES.items()}
STATUS_ZH = {k: zh for k, (zh, _en) in STATUS_NAMES.items()}


def safe_text(text: str) -> str:
    """A text cell that a spreadsheet will never run as a formula."""
    if not text.startswith(DANGEROUS):
        return text
    if re.fullmatch(r"-\d+(\.\d+)?", text):
        return text  # a negative number written as text (sit-and-reach) is a number, not a formula
    return "'" + text


def export_header() -> list[str]:
    head: list[str] = [*IDENTITY, *BODY]
    for col in ITEM_COLUMNS:
        head.append(col)
    head.extend(VISION)
    head.extend(EXTRA)
    for key, col in SCORE_COLUMNS.items():
        head.extend(
            [f"{col}评分", f"{col}等级"]
            + ([f"{col}附加分"] if key in ("rope_skip_1min", "pull_up", "sit_up_1min", "run_1000m", "run_800m") else [])
        )
    head.extend(TOTAL_COLUMNS)
    return head


def export_rows(rows: Sequence[PupilRow], scored: Sequence[Scored], tables: FitnessTables) -> list[list[Any]]:
    return list(iter_export_rows(rows, scored, tables))


def iter_export_rows(rows: Iterable[PupilRow], scored: Iterable[Scored], tables: FitnessTables) -> Iterator[list[Any]]:
    """The lines of ``export_header()``, one pupil at a time."""
    names = {k: v[0] for k, v in tables.level_names.items()}
    for pupil, s in zip(rows, scored, strict=True):
        line: list[Any] = [pupil.values.get(c, "") for c in (*IDENTITY, *BODY, *ITEM_COLUMNS, *VISION, *EXTRA)]
        if s.retest:
            line[-1] = RETESTED
        for key in SCORE_COLUMNS:
            item = s.item(key)
            word = (BMI_ZH.get(s.bmi_category or "", "") if key == "bmi"  # BMI's grade is its category
                    else names.get(item.level, "") if item else "")
            line.extend([item.score if item else "", word if item else ""])
            if key in ("rope_skip_1min", "pull_up", "sit_up_1min", "run_1000m", "run_800m"):
                line.append(s.bonus.get(key, "") if item else "")
        line.extend(
            [
                float(s.standard) if s.standard is not None else "",
                s.bonus_total if s.total is not None else "",
                float(s.total) if s.total is not None else "",
                names.get(s.level or "", ""),
                STATUS_ZH[s.status],
            ]
        )
        yield line


WIDTHS = {"学籍号": 22, "家庭住址": 24, "班级名称": 12, "姓名": 10, "出生日期": 11}


def write_workbook(
    path: str | Path,
    header: Sequence[str],
    lines: Iterable[Sequence[Any]],
    sheet: str = "体质健康数据",
    text_columns: Iterable[str] = IDENTITY,
) -> None:
    """An .xlsx of ``lines``; the identity columns (学籍号 first of all) are always text.

    Written row by row with xlsxwriter's constant memory mode (a district of 130,000 pupils):
    each column's kind is decided once, empty cells are skipped."""
    import xlsxwriter

    text_cols = set(text_columns) | set(EXTRA)
    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
         "constant_memory": True},
    )
    ws = wb.add_worksheet(sheet)
    text_fmt = wb.add_format({"num_format": "@"})
    is_text = [name in text_cols for name in header]
    for c, name in enumerate(header):
        width = WIDTHS.get(name, 14 if is_text[c] else None)
        if width is not None or is_text[c]:
            ws.set_column(c, c, width, text_fmt if is_text[c] else None)
    ws.freeze_panes(1, 0)
    ws.write_row(0, 0, list(header))
    write_string, write_number = ws.write_string, ws.write_number
    for r, line in enumerate(lines, start=1):
        for c, value in enumerate(line):
            if value is None or value == "":
                continue
            if is_text[c]:
                write_string(r, c, safe_text(str(value)), text_fmt)
            elif (type(value) is int or type(value) is float) or (
                isinstance(value, int | float) and not isinstance(value, bool)
            ):
                write_number(r, c, value)
            else:
                write_string(r, c, safe_text(str(value)))
    wb.close()


# --- a realistic sample (demos and benchmarks) ----------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "子涵梓轩欣怡浩然一诺雨桐宇航思彤俊杰佳怡明轩诗涵"


def sample_rows(
    pupils: int, seed: int, tables: FitnessTables, junior: bool = False, school_code: str = "5001180001",
    classes_per_grade: int = 6,
) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a made-up school's (or district's) upload sheet: plausible results
    drawn around each grade's 60–90 point thresholds, a few exempt pupils. Synthetic."""
    rng = random.Random(seed)
    grades = list(range(1, 10 if junior else 7))
    header = [*IDENTITY, *BODY, *ITEM_COLUMNS, *VISION[:2], "免测"]
    lines: list[list[Any]] = []
    for i in range(pupils):
        grade = grades[i % len(grades)]
        sex = rng.choice(("male", "female"))
        cls = 1 + (i // len(grades)) % classes_per_grade
        sid = f"G{school_code[-6:]}{2026 - grade:04d}{i:06d}"
        name = rng.choice(SURNAMES) + rng.choice(GIVEN[::2]) + rng.choice(GIVEN[1::2])
        birth = f"{2019 - grade}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        height = round(rng.gauss(112 + grade * 6.5, 6), 1)
        bmi = rng.gauss(16.5 + grade * 0.45, 2.3)
        weight = round(max(12.0, bmi * (height / 100) ** 2), 1)
        row: dict[str, Any] = {
            "年级编号": str(CODE_OF_GRADE[grade]),
            "班级编号": f"{CODE_OF_GRADE[grade]}{cls:02d}",
            "班级名称": f"{grade}年级{cls}班",
            "学籍号": sid,
            "民族代码": "01",
            "姓名": name,
            "性别": "1" if sex == "male" else "2",
            "出生日期": birth,
            "家庭住址": "重庆市永川区",
            "身高": height,
            "体重": weight,
        }
        if rng.random() < 0.01:
            row["免测"] = "是：医院证明"
        elif grade <= 6:
            for col, key in ITEM_COLUMNS.items():
                if key in tables.items_for(grade, sex) and rng.random() > 0.003:
                    row[col] = _draw(tables, key, grade, sex, rng)
        else:
            checks = tables.check_100[grade][sex]
            for col, key in ITEM_COLUMNS.items():
                if key in checks:
                    row[col] = _draw_junior(tables, key, checks[key], rng)
        for col in VISION[:2]:
            row[col] = f"{min(5.3, max(3.8, rng.gauss(4.95 - grade * 0.05, 0.25))):.1f}"
        lines.append([row.get(c, "") for c in header])
    return header, lines


def _fmt_time(seconds: float) -> str:
    m, s = divmod(round(seconds), 60)
    return f"{m}'{s:02d}\""


def _draw(tables: FitnessTables, key: str, grade: int, sex: str, rng: random.Random) -> Any:
    row = tables.row(key, grade, sex)
    values = [float(v) for v in row if v is not None]
    i = min(len(values) - 1, max(0, int(rng.triangular(0, 19, 6))))
    nxt = values[min(i + 1, len(values) - 1)]
    value = values[i] + (nxt - values[i]) * rng.random()
    info = tables.items[key]
    if info.min_sec:
        return _fmt_time(value)
    return round(value, 1) if str(info.precision) == "0.1" else round(value)


def _draw_junior(tables: FitnessTables, key: str, top: Decimal, rng: random.Random) -> Any:
    info = tables.items[key]
    factor = rng.uniform(0.65, 1.05)
    value = float(top) / factor if info.direction == "lower_is_better" else float(top) * factor
    if info.min_sec:
        return _fmt_time(value)
    return round(value, 1) if str(info.precision) == "0.1" else round(value)
