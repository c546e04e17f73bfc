"""Class / school / district statistics of the fitness standard.

For each scope, by grade × sex and over all: pupils on the list, tested, exempt, incomplete,
refused, scored; excellent / good-or-better / pass-or-better rates whose denominator is the
scored pupils (exempt, incomplete and refused pupils are counted separately and are in no
denominator); the mean total of the scored pupils; BMI categories (normal, underweight,
overweight, obese) of the pupils with a BMI; vision screening categories per eye and per
pupil (the worse eye). Plain Python over the scored records, each pupil's counters worked out
once; at a province's volume use ``fitness_columnar`` (benchmarks/results/fitness.json).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from youjun.core.fitness import FitnessTables, Scored, Status, vision_category, worse_eye

ALL = "all"
LEVELS = ("excellent", "good", "pass", "fail")
BMI = ("normal", "underweight", "overweight", "obese")
VISION = ("normal", "mild", "moderate", "severe")


@dataclass(frozen=True)
class StatRecord:
    scored: Scored
    school: str = ""
    class_code: str = ""
    class_name: str = ""
    vision_left: Decimal | None = None
    vision_right: Decimal | None = None


def _pct(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _empty() -> dict[str, Any]:
    return {
        "pupils": 0,
        "exempt": 0,
        "incomplete": 0,
        "refused": 0,
        "scored": 0,
        "tested": 0,
        **{f"level_{k}": 0 for k in LEVELS},
        "sum_total": Decimal(0),
        **{f"bmi_{k}": 0 for k in BMI},
        **{f"vision_{side}_{k}": 0 for side in ("left", "right", "pupil") for k in VISION},
    }


def _counts(r: StatRecord, tables: FitnessTables) -> tuple[tuple[str, ...], Decimal | None]:
    """The counters one pupil adds to (and their total): worked out once per pupil, then added to
    each of the pupil's scopes."""
    s = r.scored
    keys = ["pupils", s.status.value if s.status is not Status.SCORED else "scored"]
    if s.status is not Status.EXEMPT:
        keys.append("tested")
    total = None
    if s.status is Status.SCORED and s.total is not None and s.level:
        keys.append(f"level_{s.level}")
        total = s.total
    if s.bmi_category:
        keys.append(f"bmi_{s.bmi_category}")
    for side, value in (
        ("left", r.vision_left),
        ("right", r.vision_right),
        ("pupil", worse_eye(r.vision_left, r.vision_right)),
    ):
        if value is not None:
            keys.append(f"vision_{side}_{vision_category(value, tables)}")
    return tuple(keys), total


def _finish(acc: dict[str, Any]) -> dict[str, Any]:
    n = acc["scored"]
    out = {k: v for k, v in acc.items() if k != "sum_total"}
    out["excellent_rate"] = _pct(acc["level_excellent"], n)
    out["good_or_better_rate"] = _pct(acc["level_excellent"] + acc["level_good"], n)
    out["pass_rate"] = _pct(n - acc["level_fail"], n)
    out["mean_total"] = float((acc["sum_total"] / n).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) if n else None
    return out


def statistics(records: Iterable[StatRecord], tables: FitnessTables) -> list[dict[str, Any]]:
    """One row per scope (district, school, class) × grade (or all) × sex (or all)."""
    acc: dict[tuple[str, str, str, str, str], dict[str, Any]] = defaultdict(_empty)
    names: dict[str, str] = {}
    for r in records:
        s = r.scored
        names[r.class_code] = r.class_name
        keys, total = _counts(r, tables)
        for grade in (str(s.grade), ALL):
            for sex in (s.sex, ALL):
                for key in (
                    ("district", "", "", grade, sex),
                    ("school", r.school, "", grade, sex),
                    ("class", r.school, r.class_code, grade, sex),
                ):
                    a = acc[key]
                    for k in keys:
                        a[k] += 1
                    if total is not None:
                        a["sum_total"] += total
    order = {"district": 0, "school": 1, "class": 2}
    rows = []
    for (scope, school, cls, grade, sex), a in sorted(
        acc.items(),
        key=lambda kv: (order[kv[0][0]], kv[0][1], kv[0][2], kv[0][3] == ALL, kv[0][3], kv[0][4] == ALL, kv[0][4]),
    ):
        if scope == "class" and grade == ALL:
            continue  # a class is one grade: its "all grades" row repeats it
        rows.append(
            {
                "scope": scope,
                "school": school,
                "class_code": cls,
                "class_name": names.get(cls, "") if cls else "",
                "grade": grade,
                "sex": sex,
                **_finish(a),
            }
        )
    return rows


COLUMNS_ZH = {
    "scope": "范围",
    "school": "学校",
    "class_code": "班级编号",
    "class_name": "班级名称",
    "grade": "年级",
    "sex": "性别",
    "pupils": "名单人数",
    "tested": "参测人数",
    "exempt": "免测人数",
    "incomplete": "缺项人数",
    "refused": "不予评分人数",
    "scored": "评分人数",
    "level_excellent": "优秀人数",
    "level_good": "良好人数",
    "level_pass": "及格人数",
    "level_fail": "不及格人数",
    "excellent_rate": "优秀率（%）",
    "good_or_better_rate": "优良率（%）",
    "pass_rate": "及格率（%）",
    "mean_total": "平均总分（分）",
    **{f"bmi_{k}": f"BMI{zh}人数" for k, zh in zip(BMI, ("正常", "低体重", "超重", "肥胖"), strict=True)},
    **{
        f"vision_{side}_{k}": f"{sz}{zh}人数"
        for side, sz in (("left", "左眼"), ("right", "右眼"), ("pupil", "学生（较差眼）"))
        for k, zh in zip(VISION, ("视力正常", "轻度视力不良", "中度视力不良", "重度视力不良"), strict=True)
    },
}
SCOPE_ZH = {"district": "全部", "school": "学校", "class": "班级"}
SEX_ZH = {"male": "男", "female": "女", ALL: "合计"}
