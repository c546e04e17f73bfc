"""The what-if scenario as a form: rows of (change, school, what, amount) instead of YAML.

Each row becomes one change of ``youjun.plan.scenario`` — exactly the structure a scenario
file gives — so the form, the YAML box and ``youjun plan whatif`` run the same code. Every
problem of every row is reported at once (E810, through the caller's ``fail``), in Chinese
and English, naming the row and what to do. Blank rows are skipped.

Births per town for the seats projection are a small table (town × birth year) built here
too, into the ``births`` mapping of ``youjun.plan.seats.SeatsOptions``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

Fail = Callable[..., None]  # fail(field, en, zh, value="")
MAX_ROWS = 60
GRADES = tuple(range(1, 10))  # compulsory education: primary 1-6, junior 7-9
BLANK_ROWS = 3  # rows offered empty below the filled ones
MAX_STUDENTS = 20_000
MAX_FACTOR = 5.0
MAX_BUILD = 1e10
MAX_TEACHERS = 2_000
BIRTH_YEARS = 6  # births six years before this school year (today's entrants) and the five after
MAX_TOWNS = 60

# change → (label, what its "amount" means)
KINDS: dict[str, Any] = {
    "build": _("Build or equip"),
    "enrolment": _("Set the number of pupils"),
    "enrolment_factor": _("Change pupils by a factor"),
    "close": _("Close and merge into"),
    "move_teachers": _("Move teachers to"),
}
# build item → (label with unit, whole numbers only)
BUILD_ITEMS: dict[str, tuple[Any, bool]] = {
    "teaching_area_m2": (_("Teaching and auxiliary rooms (m²)"), False),
    "sports_area_m2": (_("Outdoor sports ground (m²)"), False),
    "gym_area_m2": (_("Gymnasium (m²)"), False),
    "equipment_yuan": (_("Teaching equipment (yuan)"), False),
    "multimedia_classrooms": (_("Multimedia classrooms (rooms)"), True),
    "music_rooms": (_("Music rooms (rooms)"), True),
    "art_rooms": (_("Art rooms (rooms)"), True),
    "computers": (_("Computers"), True),
    "books": (_("Books (volumes)"), True),
}
PARTS = ("kind", "school", "item", "grade", "into", "teachers", "amount")
_ROW_KEY = re.compile(r"^wi-(\d{1,3})-(kind|school|item|grade|into|teachers|amount)$")


def name(n: int, part: str) -> str:
    """The form field of row ``n``'s ``part`` (rows are numbered from 1)."""
    return f"wi-{n}-{part}"


@dataclass
class Row:
    n: int
    values: dict[str, str] = field(default_factory=dict)

    def get(self, part: str) -> str:
        return self.values.get(part, "").strip()

    @property
    def blank(self) -> bool:
        """Nothing typed or chosen that names a subject or an amount: the change, the item and
        the grade have defaults in an untouched row."""
        return not any(self.get(p) for p in ("school", "into", "teachers", "amount"))


def rows_of(data: Mapping[str, Any]) -> list[Row]:
    """The submitted rows, in row order (numbers need not be contiguous: rows can be removed)."""
    rows: dict[int, Row] = {}
    for key in data:
        m = _ROW_KEY.match(str(key))
        if m:
            n = int(m.group(1))
            rows.setdefault(n, Row(n)).values[m.group(2)] = str(data.get(key) or "")
    return [rows[n] for n in sorted(rows)]


def _number(raw: str) -> float | None:
    try:
        value = float(raw.replace(",", "").replace("，", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def changes(data: Mapping[str, Any], fail: Fail) -> list[dict[str, Any]]:
    """The scenario changes of the form rows in ``data``; each bad row is reported via ``fail``."""
    rows = [r for r in rows_of(data) if not r.blank]
    if len(rows) > MAX_ROWS:
        fail("scenario", f"at most {MAX_ROWS} changes", f"最多 {MAX_ROWS} 项改动", len(rows))
        return []
    out = []
    for row in rows:
        change = _change(row, fail)
        if change is not None:
            out.append(change)
    return out


def _change(row: Row, fail: Fail) -> dict[str, Any] | None:
    n, kind, school = row.n, row.get("kind"), row.get("school")
    problems = 0

    def bad(part: str, en: str, zh: str, value: Any = "") -> None:
        nonlocal problems
        problems += 1
        fail(name(n, part), f"row {n}: {en}", f"第 {n} 行：{zh}", value)

    if kind not in KINDS:
        bad("kind", "choose the change", "请选择改动类型", kind)
        return None
    if not school:
        bad("school", "choose the school", "请选择学校")
    amount_raw = row.get("amount")
    amount = _number(amount_raw) if amount_raw else None
    if amount_raw and amount is None:
        bad("amount", "the amount must be a number", "数量须为数字", amount_raw)
    amount_missing = not amount_raw  # a non-number is reported once, not again as missing
    spec: dict[str, Any]
    if kind == "build":
        item = row.get("item")
        if item not in BUILD_ITEMS:
            bad("item", "choose what is built or bought", "请选择建设或配备的内容", item)
        if amount_missing:
            bad("amount", "give the amount", "请填写数量")
        elif amount is not None and not 0 < amount <= MAX_BUILD:
            bad("amount", "the amount must be above 0", "数量须大于 0", amount_raw)
        elif amount is not None and item in BUILD_ITEMS and BUILD_ITEMS[item][1] and not amount.is_integer():
            bad("amount", "rooms, computers and books are whole numbers", "间数、台数、册数须为整数", amount_raw)
        whole = item in BUILD_ITEMS and BUILD_ITEMS[item][1]
        spec = {"school": school, item: (int(amount) if whole else amount) if amount is not None else None}
    elif kind in ("enrolment", "enrolment_factor"):
        grade_raw = row.get("grade")
        grade = int(grade_raw) if grade_raw.isdigit() else None
        if grade_raw and grade not in GRADES:
            bad("grade", "the grade is 1 to 9, or empty for all grades", "年级为 1 至 9，留空表示全部年级", grade_raw)
        spec = {"school": school, **({"grade": grade} if grade is not None else {})}
        if kind == "enrolment":
            if amount_missing:
                bad("amount", "give the number of pupils", "请填写学生人数")
            elif amount is not None and not (amount.is_integer() and 0 <= amount <= MAX_STUDENTS):
                bad("amount", f"pupils are a whole number from 0 to {MAX_STUDENTS}",
                    f"学生人数须为 0 至 {MAX_STUDENTS} 之间的整数", amount_raw)
            spec["students"] = int(amount) if amount is not None else None
        else:
            if amount_missing:
                bad("amount", "give the factor (e.g. 1.1 for 10% more)", "请填写倍数（如 1.1 表示增加 10%）")
            elif amount is not None and not 0 < amount <= MAX_FACTOR:
                bad("amount", f"the factor is above 0 and at most {MAX_FACTOR:g}",
                    f"倍数须大于 0、不超过 {MAX_FACTOR:g}", amount_raw)
            spec["factor"] = amount
    elif kind == "close":
        into = row.get("into")
        if not into:
            bad("into", "choose the school its pupils and teachers go to", "请选择并入的学校")
        elif into == school:
            bad("into", "a school cannot merge into itself", "不能并入本校", into)
        spec = {"school": school, "merge_into": into}
    else:
        teachers = [t.strip() for t in re.split(r"[\s,，、;；]+", row.get("teachers")) if t.strip()]
        if not teachers:
            bad("teachers", "list the teacher IDs who move", "请填写调动教师的工号")
        elif len(teachers) > MAX_TEACHERS:
            bad("teachers", f"at most {MAX_TEACHERS} teachers", f"最多 {MAX_TEACHERS} 名教师", len(teachers))
        spec = {"teachers": teachers, "to": school}
    if problems:
        return None
    return {"build" if kind == "build" else "enrolment" if kind.startswith("enrolment") else kind: spec}


def births(data: Mapping[str, Any], fail: Fail) -> dict[str, dict[int, float]]:
    """The births table (fields ``births-town-K`` and ``births-K-YEAR``) as {town: {year: births}}."""
    out: dict[str, dict[int, float]] = {}
    towns = {int(k.split("-")[2]): str(v).strip() for k, v in data.items()
             if re.fullmatch(r"births-town-\d{1,3}", str(k))}
    for k in sorted(towns)[:MAX_TOWNS]:
        town = towns[k] or ""
        years: dict[int, float] = {}
        for key, raw in data.items():
            m = re.fullmatch(rf"births-{k}-(\d{{4}})", str(key))
            text = str(raw or "").strip()
            if not m or not text:
                continue
            value = _number(text)
            if value is None or value < 0 or not value.is_integer():
                fail(f"births-{k}-{m.group(1)}", f"births of {town or '*'} in {m.group(1)} must be a whole number",
                     f"{town or '全区'} {m.group(1)} 年出生人口须为非负整数", text)
                continue
            years[int(m.group(1))] = value
        if years:
            out[town or "*"] = dict(sorted(years.items()))
    return out


def birth_years(school_year: str) -> list[int]:
    """The birth years that matter to a projection from ``school_year`` ('2025-2026' → 2019..2024):
    this year's grade-1 entrants (the entry ratio is calibrated on them) and the next five."""
    first = int(school_year[:4]) if school_year[:4].isdigit() else 2025
    return list(range(first - 6, first - 6 + BIRTH_YEARS))
