"""One typed shape for everything the engine finds wrong: the ``Finding``.

Every judge (per-school indicators R1–R7, the CVs, the G and Q items, social recognition)
emits findings in this one shape, and every renderer — dashboard, school page, HTML, PDF,
XLSX, JSON, API, the rectification list — reads it. Nobody guesses ``code/name/detail`` from
item-specific records any more.

Where findings live in the result dict (``youjun.assess.engine``; report.json, API):

- ``result["findings"]``: every finding of the district, in a stable order (R by school,
  then CV, then G/Q items and recognition in the rule set's order). The one list to group.
- ``result["items"][key]["findings"]``: the findings of one G/Q item.
- ``result["schools"][i]["findings"]``: the R findings of one school section (a nine-year
  school has a primary and a junior section); ``findings_for_school(result["findings"],
  code)`` gives everything concerning a school (R, G3, G4, G5, G6, G9, Q4 …).
- ``result["verdict"]["findings"]``: the findings that keep the verdict from passing (R
  findings only of schools that do not comply; a compliant school may still have one
  indicator short, within the floor), grouped on the dashboard by ``group_findings``.

JSON shape (``Finding.to_dict()``; numbers in ``value`` unrounded, texts rounded as the
documents round)::

    {"requirement": "G5",              # "R1".."R7", "B1".."B8", "CV", "G1".."G15", "Q1".."Q9", "SR"
     "key": "g5.class_too_large",      # the reason key it comes from (stable, code-like)
     "status": "fail",                 # "fail" | "evidence_missing"
     "subject_kind": "class",          # "school" | "class" | "teacher" | "room" | "district"
     "count_unit": {"key": "class", "zh": "个班", "en_one": "class", "en_many": "classes"},
     "school_code": "5001180001", "school_name": "永川区实验小学",   # "" only for district
     "level": "primary",               # "primary" | "junior" | "" (not level-specific)
     "subject": {"zh": "3年级2班", "en": "grade 3 class 2"},
     "measured": {"value": 52, "unit": "pupils", "zh": "52 人", "en": "52 pupils"},
     "standard": {"zh": "小学每班不超过45人", "en": "at most 45 pupils per primary class"},
     "gap": {"value": 7, "unit": "pupils", "zh": "超 7 人", "en": "7 over"}}

Counting: ``count_unit`` follows ``subject_kind`` (``COUNT_UNITS``), so a list says
"86 个班（3 所学校）" and never counts classes as schools.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, Decimal
from typing import Any

from youjun.core.evidence_rows import in_quotes
from youjun.core.judging import Reason, fmt, round_half_up
from youjun.core.labels import ITEM_LABELS
from youjun.core.requirements import VETO_KEYS, veto_case

SUBJECT_KINDS = ("school", "class", "teacher", "room", "district")

# kind -> (zh measure word with noun, en singular, en plural)
COUNT_UNITS: dict[str, tuple[str, str, str]] = {
    "school": ("所学校", "school", "schools"),
    "class": ("个班", "class", "classes"),
    "teacher": ("名教师", "teacher", "teachers"),
    "room": ("处功能教室缺口", "room shortfall", "room shortfalls"),
    "district": ("项", "finding", "findings"),
    # not a subject kind: a school at one level, as R1–R7 findings are counted ("4 个学段")
    "section": ("个学段", "school section", "school sections"),
}

# unit key -> (zh, en, decimals as the documents write them)
UNITS: dict[str, tuple[str, str, int]] = {
    "pupils": ("人", "pupils", 0),
    "teachers": ("人", "teachers", 0),
    "rooms": ("间", "rooms", 0),
    "classes": ("个", "classes", 0),
    "m2": ("平方米", "m²", 1),
    "yuan": ("元", "yuan", 0),
    "hours": ("学时", "hours", 0),
    "percent": ("%", "%", 2),
    "cv": ("", "", 3),
    "per100": ("", "", 2),
    "per_pupil": ("", "", 2),
    "level": ("", "", 2),
    "": ("", "", 2),
}


def number(value: float | None, decimals: int) -> str:
    """A figure as the documents print it: fixed decimals, thousands grouped, '—' if unknown."""
    if value is None or isinstance(value, bool):
        return "—"
    v = float(value)
    if not math.isfinite(v):
        return "—"
    if decimals <= 0:
        return f"{round(v):,}"
    return f"{v:,.{decimals}f}"


def number_below(value: float | None, limit: float | None, decimals: int) -> str:
    """``number`` of a figure that falls short of ``limit``, with as many more decimals (up to 6)
    as it takes not to print it as the limit or above it: 0.999001 against 1 is 0.999, never
    1.00 beside "不低于 1" (a school would dispute the finding)."""
    if value is None or limit is None or isinstance(value, bool) or not float(value) < float(limit):
        return number(value, decimals)
    d = decimals
    while d < 6 and float(f"{float(value):.{d}f}") >= float(limit):
        d += 1
    return number(value, d)


# Figures in reason texts are written as the reports print them (report.numbers.FIGURE_DECIMALS):
# at most 2 decimals, rounded half up, trailing zeros dropped; CVs pass 3.
REASON_DECIMALS = 2


def figure_text(x: Any, decimals: int = REASON_DECIMALS) -> str:
    """A figure in a reason: "0.68", "75.41", "2000", "12,000" (ints of 10,000 and more grouped), "—"."""
    if isinstance(x, float) and math.isfinite(x) and not x.is_integer():
        x = round_half_up(x, decimals)
        if not x.is_integer():
            return f"{x:.{decimals}f}".rstrip("0").rstrip(".")
        x = int(x)
    return fmt(x)


def figure_text_below(x: float, limit: float, decimals: int = REASON_DECIMALS) -> str:
    """A figure said to fall short of ``limit``: rounding must not make it read as the limit
    ("99.996 is below 100" stays so instead of "100 is below 100")."""
    if float(x) < float(limit) and round_half_up(float(x), decimals) >= round_half_up(float(limit), decimals):
        # cut instead of rounding up: 84.996 -> 84.99
        cut = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)
        return figure_text(float(cut), decimals)
    return figure_text(x, decimals)


@dataclass(frozen=True)
class Words:
    """A text in both languages."""

    zh: str
    en: str

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


@dataclass(frozen=True)
class Quantity:
    """A figure with its unit and its rounded text in both languages."""

    value: float | None
    unit: str  # a key of UNITS, e.g. "pupils", "m2", "percent"
    zh: str
    en: str

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "unit": self.unit, "zh": self.zh, "en": self.en}


def quantity(value: float | None, unit: str, *, decimals: int | None = None,
             unit_zh: str | None = None, unit_en: str | None = None) -> Quantity:
    """``value`` with its unit written after it ("52 人", "96.0 平方米", "89.10%")."""
    zh_u, en_u, d = UNITS.get(unit, ("", "", 2))
    zh_u = zh_u if unit_zh is None else unit_zh
    en_u = en_u if unit_en is None else unit_en
    text = number(value, d if decimals is None else decimals)
    if unit == "percent":
        return Quantity(value, unit, f"{text}%", f"{text}%")
    if value is not None and abs(float(value)) == 1 and unit_en is None:
        en_u = _SINGULAR.get(en_u, en_u)  # "1 teacher", not "1 teachers"
    return Quantity(value, unit, f"{text} {zh_u}".strip(), f"{text} {en_u}".strip())


_SINGULAR = {"pupils": "pupil", "teachers": "teacher", "rooms": "room", "classes": "class", "hours": "hour"}


def gap_quantity(value: float | None, unit: str, *, over: bool, decimals: int | None = None,
                 what_zh: str = "", what_en: str = "", unit_zh: str | None = None,
                 unit_en: str | None = None) -> Quantity:
    """A gap: "缺 2 间美术教室" / "2 art rooms short" (``over=False``), "超 7 人" / "7 over"."""
    q = quantity(value, unit, decimals=decimals, unit_zh=unit_zh, unit_en=unit_en)
    if unit == "percent":  # a rate's gap is in percentage points, not per cent of something
        points = q.zh.rstrip("%")
        return Quantity(value, unit, f"{'超' if over else '差'} {points} 个百分点{what_zh}",
                        f"{points} percentage points {'over' if over else 'short'}")
    if over:
        return Quantity(value, unit, f"超 {q.zh}{what_zh}", f"{q.en}{' ' + what_en if what_en else ''} over")
    return Quantity(value, unit, f"缺 {q.zh}{what_zh}", f"{q.en}{' ' + what_en if what_en else ''} short")


NO_QUANTITY = Quantity(None, "", "—", "—")


@dataclass(frozen=True)
class Finding:
    """One thing that falls short of a standard, for one subject (see the module docstring)."""

    requirement: str
    key: str
    subject_kind: str
    subject: Words
    measured: Quantity
    standard: Words
    gap: Quantity
    school_code: str = ""
    school_name: str = ""
    level: str = ""
    status: str = "fail"
    extra: Mapping[str, Any] = field(default_factory=dict)  # item-specific figures, for plans

    def __post_init__(self) -> None:
        if self.subject_kind not in SUBJECT_KINDS:
            raise ValueError(f"subject_kind must be one of {SUBJECT_KINDS}, not {self.subject_kind!r}")

    @property
    def count_unit(self) -> str:
        return self.subject_kind

    def named(self, names: Mapping[str, str]) -> Finding:
        """This finding with its school's name filled in from ``names`` (code -> name)."""
        if self.school_name or not self.school_code or self.school_code not in names:
            return self
        return replace(self, school_name=str(names[self.school_code]))

    def to_dict(self) -> dict[str, Any]:
        zh, one, many = COUNT_UNITS[self.subject_kind]
        m, g = self.measured, self.gap
        return {
            "requirement": self.requirement, "key": self.key, "status": self.status,
            "subject_kind": self.subject_kind,
            "count_unit": {"key": self.subject_kind, "zh": zh, "en_one": one, "en_many": many},
            "school_code": self.school_code, "school_name": self.school_name, "level": self.level,
            # the parts' ``to_dict``, inline (a district has hundreds of findings)
            "subject": {"zh": self.subject.zh, "en": self.subject.en},
            "measured": {"value": m.value, "unit": m.unit, "zh": m.zh, "en": m.en},
            "standard": {"zh": self.standard.zh, "en": self.standard.en},
            "gap": {"value": g.value, "unit": g.unit, "zh": g.zh, "en": g.en},
            **({"extra": dict(self.extra)} if self.extra else {}),
        }


def district_finding(requirement: str, key: str, subject: Words, measured: Quantity,
                     standard: Words, gap: Quantity = NO_QUANTITY, status: str = "fail") -> Finding:
    return Finding(requirement, key, "district", subject, measured, standard, gap, status=status)


# --- reading findings (dicts, as stored in the result) -------------------------------------------

FindingDict = Mapping[str, Any]


def count_text(n: int, kind: str, lang: str) -> str:
    """"3 所学校" / "3 schools", "1 class" — the count in the unit of the subject kind."""
    zh, one, many = COUNT_UNITS.get(kind, COUNT_UNITS["district"])
    if lang == "zh":
        return f"{n:,} {zh}"
    return f"{n:,} {one if n == 1 else many}"


_VETOES = [k.upper() for k in VETO_KEYS]  # the document's order


def requirement_order(requirement: str) -> tuple[int, int, str]:
    """The precondition and the vetoes first (either alone bars recognition, walk 37: a missing
    veto attestation was listed last), then R1..R7 (B1..B8), CV, G1..G15, Q1..Q9, SR, then
    anything else."""
    if requirement == "PRE":
        return (-2, 0, requirement)
    if requirement in _VETOES:
        return (-1, _VETOES.index(requirement), requirement)
    head = requirement[:1]
    rank = {"R": 0, "B": 0, "C": 1, "G": 2, "Q": 3, "S": 4}.get(head, 5)
    digits = "".join(ch for ch in requirement if ch.isdigit())
    return (rank, int(digits) if digits else 0, requirement)


def findings_for_school(findings: Iterable[FindingDict], code: str) -> list[FindingDict]:
    """Every finding concerning one school (any requirement), in the result's order."""
    return [f for f in findings if str(f.get("school_code") or "") == str(code)]


@dataclass(frozen=True)
class SchoolGroup:
    """The findings of one requirement at one school (or the district itself)."""

    school_code: str
    school_name: str
    findings: tuple[FindingDict, ...]

    @property
    def count(self) -> int:
        return len(self.findings)


@dataclass(frozen=True)
class RequirementGroup:
    """The findings of one requirement, by school, with counts in the right units."""

    requirement: str
    schools: tuple[SchoolGroup, ...]
    kinds: Mapping[str, int]  # subject_kind -> number of findings

    @property
    def count(self) -> int:
        return sum(s.count for s in self.schools)

    @property
    def n_schools(self) -> int:
        return sum(1 for s in self.schools if s.school_code)

    def count_text(self, lang: str) -> str:
        """"86 个班，3 所学校" / "86 classes in 3 schools"; a district finding is just itself.
        Rooms are counted as rooms, not findings: "缺 51 间功能教室，涉及 45 所学校"."""
        if not self.n_schools:
            return self.within_school_text(lang)
        parts = self._parts(lang)
        if not parts:
            return count_text(self.n_schools, "school", lang)
        return self._in_schools(_joined(parts, lang), lang)

    def headline_text(self, lang: str) -> str:
        """The count a reader sees beside the requirement: school sections for R1–R7 (one
        finding per section: '4 个学段，涉及 3 所学校', as the summary counts 达标学段), else
        ``count_text``."""
        every = [f for sg in self.schools for f in sg.findings]
        if self.n_schools and set(self.kinds) == {"school"} and all(f.get("level") for f in every):
            sections = count_text(self.count, "section", lang)
            return sections if self.count == self.n_schools else self._in_schools(sections, lang)
        return self.count_text(lang)

    def within_school_text(self, lang: str) -> str:
        """The count on one school's own page: "缺 1 间功能教室", "2 名教师" — no "1 所学校"."""
        parts = self._parts(lang)
        return _joined(parts, lang) if parts else count_text(self.count, "district", lang)

    def _parts(self, lang: str) -> list[str]:
        """The findings counted in their own units (schools and the district left out)."""
        return [self._part(kind, n, lang) for kind, n in self.kinds.items() if kind not in ("school", "district")]

    def _in_schools(self, what: str, lang: str) -> str:
        schools = count_text(self.n_schools, "school", lang)
        return f"{what}，涉及 {schools}" if lang == "zh" else f"{what} in {schools}"

    def _part(self, kind: str, n: int, lang: str) -> str:
        if kind == "room":
            rooms = rooms_short([f for s in self.schools for f in s.findings if f.get("subject_kind") == "room"])
            if rooms is not None:
                return rooms_text(rooms, lang)
        return count_text(n, kind, lang)


def _joined(parts: Sequence[str], lang: str) -> str:
    return "，".join(parts) if lang == "zh" else ", ".join(parts)


def rooms_short(findings: Iterable[FindingDict]) -> int | None:
    """The rooms missing in room findings: the sum of their gaps (one finding may lack 2 art
    rooms); None when a gap is not a number."""
    total = 0
    for f in findings:
        value = (f.get("gap") or {}).get("value")
        if not isinstance(value, int | float) or not _is_number(value):
            return None
        total += round(value)
    return total


def rooms_text(n: int, lang: str) -> str:
    """"缺 51 间功能教室" / "51 rooms short"."""
    return f"缺 {n:,} 间功能教室" if lang == "zh" else f"{n:,} room{'' if n == 1 else 's'} short"


def group_findings(findings: Iterable[FindingDict]) -> list[RequirementGroup]:
    """Findings grouped by requirement (R, CV, G, Q, SR order), then by school (first seen)."""
    by_req: dict[str, dict[str, list[FindingDict]]] = {}
    names: dict[str, str] = {}
    for f in findings:
        req = str(f.get("requirement") or "")
        code = str(f.get("school_code") or "")
        names.setdefault(code, str(f.get("school_name") or ""))
        by_req.setdefault(req, {}).setdefault(code, []).append(f)
    out = []
    for req in sorted(by_req, key=requirement_order):
        schools = by_req[req]
        kinds: dict[str, int] = {}
        for fs in schools.values():
            for f in fs:
                kind = str(f.get("subject_kind") or "district")
                kinds[kind] = kinds.get(kind, 0) + 1
        groups = tuple(SchoolGroup(code, names.get(code, ""), tuple(fs)) for code, fs in schools.items())
        out.append(RequirementGroup(req, groups, kinds))
    return out


def by_school(findings: Sequence[FindingDict]) -> dict[str, list[FindingDict]]:
    """Findings keyed by school code (district-level findings under "")."""
    out: dict[str, list[FindingDict]] = {}
    for f in findings:
        out.setdefault(str(f.get("school_code") or ""), []).append(f)
    return out


# --- findings from plain reasons (district figures, missing data, attested evidence) ------------

_SCHOOL_CODE = re.compile(r"^\d{10}$")
_MISSING_KEYS = ("data_missing", "evidence_missing")


def requirement_of(item_key: str) -> str:
    """The requirement an item key names in lists: "g5" -> "G5", social recognition -> "SR"."""
    return {"social_recognition": "SR", "pre_basic_balance": "PRE"}.get(item_key, item_key.upper())


def _is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool) and math.isfinite(float(x))


def reason_finding(item_key: str, reason: Reason, unit: str = "percent", decimals: int | None = None,
                   *, below: bool = False) -> Finding:
    """A finding built from one reason of an item whose judge names no finer subject.

    The subject is the school when the reason names a school code, else the district.
    """
    title_zh, title_en = ITEM_LABELS.get(item_key, (item_key, item_key))
    missing = reason.key.endswith(_MISSING_KEYS)
    school = reason.subject if _SCHOOL_CODE.match(str(reason.subject or "")) else ""
    if _is_number(reason.figure):
        measured = quantity(reason.figure, unit, decimals=decimals)
    else:
        # an attested item's reason begins with the item's short name ("学校章程与管理信息化：
        # 认定为未达标（…）"); the finding's subject already names the item, so it is said once
        zh, en = reason.zh, reason.en
        if reason.key.endswith((".not_met", ".evidence_missing")):
            zh = zh.split("：", 1)[1] if "：" in zh else zh
            en = en.split(": ", 1)[1] if ": " in en else en
        measured = Quantity(None, "", zh, en)
    if item_key.startswith("veto_"):
        # a veto is met by an attestation that its case does not arise (walk 37: "须有数据或
        # 认定材料" spoke of data, and a missing one did not say which row to add)
        standard = Words("经认定不存在该情形", "attested as not arising")
        if missing:
            measured = Quantity(None, "", f"缺少认定：“佐证材料”表没有评估项目为{in_quotes(title_zh)}的一行",
                                # the tab and choice as the Chinese workbook holds them (walk 44)
                                f"not attested: sheet '佐证材料' (Evidence) has no row for '{title_zh}' ({title_en})")
    elif _is_number(reason.limit):
        # a limit is written as the rule states it (100%, not 100.00%)
        lim = quantity(reason.limit, unit, decimals=0 if float(reason.limit).is_integer() else decimals)
        standard = (Words(f"小于 {lim.zh}", f"below {lim.en}") if below
                    else Words(f"不低于 {lim.zh}", f"at least {lim.en}"))
    elif missing:
        standard = Words("须有数据或认定材料", "data or an attested finding required")
    else:
        standard = Words("经认定达到要求", "attested as met")
    gap = (gap_quantity(reason.gap, unit, over=below, decimals=decimals)
           if _is_number(reason.gap) and not missing else NO_QUANTITY)
    case_zh, case_en = veto_case(item_key, "zh"), veto_case(item_key, "en")
    # a veto is named by its case as the document words it (walk 40: 问题明细 said 无违规择校, the
    # evidence sheet's choice, for a district whose fault was a missing attestation)
    subject = (Words(f"{case_zh}（一票否决）", f"{case_en} (veto)") if case_zh and case_en
               else Words(title_zh, title_en))
    return Finding(requirement_of(item_key), reason.key, "school" if school else "district",
                   subject, measured, standard, gap, school_code=school,
                   status="evidence_missing" if missing else "fail")
