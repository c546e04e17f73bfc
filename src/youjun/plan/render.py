"""A plan as files: canonical JSON, an HTML summary (Chinese by default, English available), XLSX.

The renderers read only the plan's plain dict (``Plan.to_dict()`` plus the bundle record), so
a saved bundle can be rendered again without the data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import xlsxwriter
from jinja2 import Environment, PackageLoader, StrictUndefined

from youjun.core.cells import write_cell
from youjun.core.labels import INDICATOR_LABELS, SOLVER_STATUS, code_label
from youjun.report.canonical import render_json

FORMATS = ("json", "html", "xlsx")
HTML_ROWS = 200  # the page lists this many rows per table; the workbook has them all

LABELS: dict[str, tuple[str, str]] = {
    "title_rotation": ("教师交流轮岗方案", "Teacher rotation plan"),
    "title_investment": ("办学条件投入方案", "Investment plan"),
    "title_seats": ("学位与班额预测", "Seats and class sizes ahead"),
    "title_whatif": ("情景模拟", "What-if scenario"),
    "district": ("区县", "District"),
    "data_hash": ("数据指纹", "data hash"),
    "rules": ("规则集", "rules"),
    "headline": ("要点", "Headline"),
    "solver": ("求解情况（HiGHS）", "Solver (HiGHS)"),
    "stage": ("阶段", "Stage"),
    "status": ("状态", "Status"),
    "objective": ("目标值", "Objective"),
    "bound": ("界", "Bound"),
    "gap": ("差距", "Gap"),
    "seconds": ("秒", "Seconds"),
    "stage_rotation_rule": ("交流比例", "rotation rule"),
    "stage_thresholds": ("达标缺口", "thresholds"),
    "stage_spread": ("差异系数平方和", "sum of squared CVs"),
    "stage_moves": ("交流人数", "moves"),
    "stage_assignment": ("人员分配", "assignment"),
    "stage_distance": ("距离", "distance"),
    "stage_compliance": ("达标学校数", "compliance"),
    "stage_cv": ("差异系数改善", "CV gain"),
    "stage_cost": ("投入", "cost"),
    "rotation_rule": ("交流轮岗比例（G11）", "Rotation rule (G11)"),
    "eligible": ("应交流教师", "eligible"),
    "rotated": ("已交流", "rotated"),
    "rotation_percent": ("交流比例%", "rotated %"),
    "key_share_percent": ("骨干教师占比%", "key share %"),
    "before": ("现状", "now"),
    "after": ("方案后", "with the plan"),
    "pass": ("达标", "pass"),
    "fail": ("未达标", "fail"),
    "evidence_missing": ("缺少数据", "data missing"),
    "cvs": ("差异系数", "Coefficients of variation"),
    "level": ("学段", "Level"),
    "indicator": ("指标", "Indicator"),
    "cv_before": ("现状", "now"),
    "cv_after": ("方案后", "with the plan"),
    "limit": ("上限", "limit"),
    "primary": ("小学", "primary"),
    "junior": ("初中", "junior"),
    "unfixable": ("仍未达标且已证明无法通过交流解决", "Still short, proven not fixable by rotation"),
    "school": ("学校", "School"),
    "numerator": ("缺口类别", "Short on"),
    "need": ("需要", "need"),
    "reason": ("原因", "reason"),
    "qualified_teachers": ("高学历教师", "qualified teachers"),
    "key_teachers": ("骨干教师", "key teachers"),
    "pe_art_teachers": ("体音美专职教师", "PE/music/art teachers"),
    "why_bound": ("求解器下界证明无法补足", "the solver's bound proves it cannot be closed"),
    "why_competition": ("可单独补足，但会造成他校缺口（总缺口已证明最小）",
                        "fixable alone, only by opening a gap elsewhere (total proven minimal)"),
    "why_outside_plan": ("不在交流范围（民办或冻结）", "outside the plan (private or frozen)"),
    "why_unreachable": ("没有可交流的教师能到达", "no eligible teacher can reach it"),
    "moves": ("交流人数", "teachers moved"),
    "moves_list": ("交流名单", "Moves"),
    "teacher": ("教师", "Teacher"),
    "from": ("原学校", "From"),
    "to": ("交流至", "To"),
    "subject": ("学科", "Subject"),
    "why": ("理由", "Why"),
    "more_in_xlsx": ("另有 {n} 行见 XLSX 文件", "{n} more rows in the XLSX file"),
    "assessment": ("评估结果（评估引擎重算）", "Assessment (recomputed by the engine)"),
    "units_compliant": ("达标学校（学段）", "compliant school sections"),
    "g3_failing": ("G3 未达标学校", "G3 failing"),
    "verdict": ("县域结论", "county verdict"),
    "ranked": ("项目包排序（全部达标方案）", "Ranked packages (full compliance)"),
    "cost": ("投入（元）", "cost (yuan)"),
    "effect": ("达标增加", "compliance gained"),
    "cv_gain": ("差异系数改善", "CV gain"),
    "cumulative_cost": ("累计投入（元）", "cumulative (yuan)"),
    "projects": ("项目", "Projects"),
    "what": ("内容", "What"),
    "to_floor": ("至85%", "to the 85% floor"),
    "greedy_note": ("对照：贪心法同样预算达标 {units} 个学段，投入 {cost} 元",
                    "Baseline: the greedy method reaches {units} compliant sections for {cost} yuan"),
    "towns": ("各镇街学位与班级需求", "Seats and classes needed per town"),
    "year": ("年份", "Year"),
    "town": ("镇街", "Town"),
    "pupils": ("学生数", "Pupils"),
    "classes": ("班级数", "Classes"),
    "classes_needed": ("需班级", "classes needed"),
    "extra_classes": ("需增班", "extra classes"),
    "seats_short": ("学位缺口", "seats short"),
    "schools_over_size": ("超规模学校", "Schools above the size limit"),
    "applied": ("情景内容", "Changes applied"),
    "schools_changed": ("变化的学校", "Schools that change"),
    "compliant": ("达标", "Compliant"),
    "changes": ("指标变化", "Changes"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "removed": ("撤并", "removed"),
    "added": ("新增", "added"),
    "generated_by": ("由优均平台生成；法规数值来自规则集，单价等为本地假设",
                     "made by youjun; legal figures from the rule set, unit costs are local assumptions"),
    "shortfall_before": ("r1–r3 缺口（现状，人）", "r1–r3 shortfall now (teachers)"),
    "shortfall_after": ("r1–r3 缺口（方案后，人）", "r1–r3 shortfall with the plan (teachers)"),
    "units_short_before": ("有缺口学段（现状）", "sections short now"),
    "units_short_after": ("有缺口学段（方案后）", "sections short with the plan"),
    "key_moves": ("骨干教师交流人数", "key teachers moved"),
    "rotation_passes": ("交流比例达标", "rotation rule met"),
    "distance_km": ("总距离（公里）", "total distance (km)"),
    "solve_seconds": ("求解秒数", "solve time (s)"),
    "budget": ("预算（元）", "budget (yuan)"),
    "minimum_budget_full_compliance": ("全部达标最低投入（元）", "minimum budget for full compliance (yuan)"),
    "units_compliant_before": ("达标学段（现状）", "compliant sections now"),
    "units_compliant_after": ("达标学段（方案后）", "compliant sections with the plan"),
    "units": ("评估学段数", "assessed sections"),
    "g3_failing_before": ("G3 未达标（现状）", "G3 failing now"),
    "g3_failing_after": ("G3 未达标（方案后）", "G3 failing with the plan"),
    "years": ("预测年数", "years ahead"),
    "entry_trend_births": ("一年级入学人数年变化率（%，由出生人口推算，仅作参考）",
                           "yearly change of grade-1 entrants (%, not used: entrants come from births)"),
    "entry_trend_given": ("一年级入学人数年变化率（%，按指定）", "yearly change of grade-1 entrants (%, as given)"),
    "entry_trend_cohorts": ("一年级入学人数年变化率（%，由本年一年级与六年级人数推算）",
                            "yearly change of grade-1 entrants (%, from this year's grade 1 against grade 6)"),
    "none_listed": ("无", "none"),
    "classes_over_limit": ("超班额班级数（按年）", "classes over the limit, by year"),
    "extra_classes_needed": ("需增班（按年）", "extra classes needed, by year"),
    "verdict_before": ("现状结论达标", "passes now"),
    "verdict_after": ("情景后结论达标", "passes after"),
    "reasons_before": ("未达标原因（现状）", "failing reasons now"),
    "reasons_after": ("未达标原因（情景后）", "failing reasons after"),
    "compliant_before": ("达标学段（现状）", "compliant sections now"),
    "compliant_after": ("达标学段（情景后）", "after"),
    "units_before": ("评估学段（现状）", "sections now"),
    "units_after": ("评估学段（情景后）", "sections after"),
    "cvs_failing_before": ("超限差异系数（现状）", "CVs over the limit now"),
    "cvs_failing_after": ("超限差异系数（情景后）", "CVs over the limit after"),
    "items_changed": ("结论变化的项目", "items whose status changes"),
    "g3_music_art_rooms": ("音乐、美术专用教室（G3）", "music and art rooms (G3)"),
    "reasons_resolved": ("消除的未达标原因", "Failing reasons resolved"),
    "reasons_new": ("新增的未达标原因", "New failing reasons"),
    "building_yuan_per_m2": ("教学及辅助用房（元/平方米）", "teaching and auxiliary rooms (yuan per m²)"),
    "sports_ground_yuan_per_m2": ("室外运动场地（元/平方米）", "outdoor sports ground (yuan per m²)"),
    "multimedia_classroom_yuan": ("网络多媒体教室（元/间）", "networked multimedia classroom (yuan each)"),
    "equipment_yuan_per_yuan": ("教学仪器设备（元/元）", "teaching equipment (yuan per yuan of value)"),
    "music_room_yuan": ("音乐专用教室（元/间）", "music room (yuan each)"),
    "art_room_yuan": ("美术专用教室（元/间）", "art room (yuan each)"),
    "why_teacher_below_floor": ("教师类指标低于85%底线，投入无法解决", "a teacher indicator is below the 85% floor; "
                                "investment cannot fix it"),
    "why_teacher_indicators": ("仍缺教师类指标，投入无法解决",
                               "teacher indicators still short; investment cannot fix it"),
    "why_proven_unfixable": ("已证明无法通过交流解决", "proven not fixable by rotation"),
    "full": ("达到标准", "to the standard"), "floor": ("至85%", "to the 85% floor"),
    "music_art_rooms": ("音乐、美术专用教室（间）", "music and art rooms"),
    "teaching_area_m2": ("教学及辅助用房（平方米）", "teaching and auxiliary rooms (m²)"),
    "sports_ground_m2": ("室外运动场地（平方米）", "outdoor sports ground (m²)"),
    "equipment_yuan": ("教学仪器设备（元）", "teaching equipment (yuan)"),
    "multimedia_classrooms": ("网络多媒体教室（间）", "networked multimedia classrooms"),
}

# The workbook's sheets and columns, in words (a column without a label here is left out of the
# workbook only if it is the other language's copy, e.g. ``why_en`` in a Chinese workbook).
SHEET_LABELS: dict[str, tuple[str, str]] = {
    "summary": ("要点", "Summary"), "moves": ("交流名单", "Moves"), "units": ("各校学段", "School sections"),
    "cvs": ("差异系数", "CVs"), "stages": ("求解情况", "Solver"), "unfixable": ("无法解决", "Not fixable"),
    "projects": ("项目", "Projects"), "ranked": ("项目包排序", "Ranked packages"), "towns": ("各镇街", "Towns"),
    "schools_over_size": ("超规模学校", "Schools over size"),
    "classes_over_limit": ("超班额班级", "Classes over limit"),
    "enrolment": ("分年级学生数", "Enrolment by grade"), "schools": ("变化的学校", "Schools that change"),
    "items": ("评估项目", "Items"),
}
COLUMN_LABELS: dict[str, tuple[str, str]] = {
    "teacher_id": ("教师编号", "Teacher ID"), "from_name": ("原学校", "From"), "from_school": ("原学校代码",
    "From (code)"),
    "to_name": ("交流至", "To"), "to_school": ("交流至学校代码", "To (code)"), "key": ("骨干教师", "Key teacher"),
    "pe_art": ("体音美教师", "PE, music or art"), "qualified": ("高学历教师", "Qualified"),
    "same_group": ("同一教育集团", "Same education group"), "years_at_school": ("本校任教年数", "Years at the school"),
    "why": ("理由", "Why"), "what": ("内容", "What"), "name": ("名称", "Name"),
    "school_code": ("学校代码", "School code"), "school_name": ("学校", "School"), "school_type": ("学校类型",
    "School type"),
    "district_code": ("区县代码", "District code"), "code": ("代码", "Code"),
    "mean_before": ("均值（现状）", "Mean now"), "mean_after": ("均值（方案后）", "Mean with the plan"),
    "passes_before": ("达标（现状）", "Passes now"), "passes_after": ("达标（方案后）", "Passes with the plan"),
    "amount": ("数量", "Amount"), "option": ("方式", "Option"), "project": ("项目", "Project"),
    "cv_per_million": ("每百万元差异系数改善", "CV gain per million yuan"),
    "per_million": ("每百万元达标增加", "Compliance gained per million yuan"), "g3_fixed": ("解决G3", "Fixes G3"),
    "rank": ("排序", "Rank"), "columns": ("变量数", "Columns"), "rows": ("约束数", "Rows"),
    "nodes": ("分支节点数", "Nodes"),
    "short": ("缺口", "Short on"), "bound_alone": ("单独求解下界", "Bound alone"),
    "least_shortfall_alone": ("单独求解最小缺口", "Least shortfall alone"),
    "proven_unfixable": ("已证明无法解决", "Proven not fixable"), "teachers": ("教师数", "Teachers"),
    "class_name": ("班级", "Class"), "grade": ("年级", "Grade"), "over": ("超出人数", "Over by"),
    "excess": ("超出人数", "Over by"), "count": ("数量", "Count"), "value": ("取值", "Value"),
    "item": ("项目", "Item"), "status_before": ("现状", "Now"), "status_after": ("方案后", "With the plan"),
}
_SUFFIXES = {"_before": ("（现状）", " now"), "_after": ("（方案后）", " with the plan"), "_need": ("（需要）",
" needed")}


def column_label(key: str, lang: str) -> str:
    """A workbook column in words: the plan's labels, the columns above, or ``<figure>_before``."""
    i = 0 if lang == "zh" else 1
    if key in COLUMN_LABELS:
        return COLUMN_LABELS[key][i]
    if key in LABELS or key in INDICATOR_LABELS:
        return label(key, lang)
    for suffix, words in _SUFFIXES.items():
        if key.endswith(suffix) and key[: -len(suffix)]:
            return column_label(key[: -len(suffix)], lang) + words[i]
    if "." in key:
        return " · ".join(column_label(part, lang) for part in key.split("."))
    return key


MAXIMISED_STAGES = frozenset({"compliance", "cv"})  # solved as the minimum of the negative


def shown_stages(stages: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Solver stages with the objective and bound a reader expects: a maximised figure (schools
    made compliant, CV gain) is shown positive, not as the negative the solver minimised."""
    out = []
    for s in stages:
        sign = -1 if s.get("stage") in MAXIMISED_STAGES else 1
        row = dict(s)
        for k in ("objective", "bound"):
            if isinstance(row.get(k), int | float) and not isinstance(row.get(k), bool):
                row[k] = -row[k] if sign < 0 else row[k]
        out.append(row)
    return out


CODE_COLUMNS = {"subject": "subject", "level": "section", "school_type": "school_type", "status": "status",
                "location": "location"}


def label(key: str, lang: str, **values: Any) -> str:
    if key in LABELS:
        text = LABELS[key][0 if lang == "zh" else 1]
    elif key in INDICATOR_LABELS:
        text = INDICATOR_LABELS[key][0 if lang == "zh" else 1]
    else:
        text = key
    return text.format(**values) if values else text


def fmt(value: Any, decimals: int | None = None) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, dict):
        return "；".join(f"{k}: {fmt(v)}" for k, v in value.items())
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if decimals is not None:
            return f"{value:.{decimals}f}"
        if value.is_integer() and abs(value) < 1e15:
            return f"{int(value):,}"
        # the documents round to at most three decimals (CVs as 0.500); amounts to two
        return f"{value:,.2f}" if abs(value) >= 100 else f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.2f}%"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=PackageLoader("youjun.plan", "templates"), autoescape=True, undefined=StrictUndefined)


def render_html(plan: Mapping[str, Any], lang: str = "zh", bundle: Mapping[str, Any] | None = None) -> str:
    if lang not in ("zh", "en"):
        raise ValueError("lang must be 'zh' or 'en'")

    def t(key: str, **values: Any) -> str:
        return label(str(key), lang, **values)

    view = dict(plan)
    view["stages"] = [{**st, "status": code_label("solver_status", st.get("status"), lang)}
                      for st in shown_stages(view.get("stages") or [])]
    view.setdefault("assumptions", None)
    def code(kind: str, value: Any) -> str:
        return code_label(kind, value, lang)

    return _environment().get_template("plan.html.j2").render(p=view, t=t, fmt=fmt, pct=pct, lang=lang, code=code,
                                                              bundle=bundle, limit=HTML_ROWS)


SHEETS = {  # kind -> (sheet, key in the plan dict)
    "rotation": (("moves", "moves"), ("units", "units"), ("cvs", "cvs"), ("stages", "stages"),
                 ("unfixable", "unfixable")),
    "investment": (("projects", "projects"), ("ranked", "ranked"), ("stages", "stages"), ("unfixable", "unfixable")),
    "seats": (("towns", "towns"), ("schools_over_size", "schools_over_size"),
              ("classes_over_limit", "classes_over_limit"), ("enrolment", "enrolment_by_year")),
    "whatif": (("schools", "diff.schools"), ("cvs", "diff.cvs"), ("items", "diff.items")),
}


def render_xlsx(plan: Mapping[str, Any], path: str | Path, lang: str = "zh") -> Path:
    """One sheet per table of the plan. Cells are written one by one through ``write_cell``:
    names, towns and IDs come from uploads and must stay text (no formula), numbers stay numbers."""
    path = Path(path)
    i = 0 if lang == "zh" else 1
    headline = pd.DataFrame([(label(k, lang), _cell(k, v, lang)) for k, v in plan.get("headline", {}).items()],
                            columns=[label("headline", lang), ""])
    sheets: list[tuple[str, pd.DataFrame]] = [(SHEET_LABELS["summary"][i], headline)]
    other = "_en" if lang == "zh" else "_zh"
    for sheet, key in SHEETS.get(str(plan.get("kind")), ()):
        rows: Any = plan
        for part in key.split("."):
            rows = rows.get(part, []) if isinstance(rows, Mapping) else []
        if sheet == "stages":
            rows = shown_stages(rows)
        frame = pd.DataFrame([_flat(r) for r in rows])
        frame = frame[[c for c in frame.columns if not str(c).endswith(other)]]  # one language per workbook
        for c in frame.columns:
            frame[c] = [_cell(str(c), v, lang) for v in frame[c]]
        frame.columns = [column_label(str(c).removesuffix(f"_{lang}"), lang) for c in frame.columns]
        sheets.append((SHEET_LABELS.get(sheet, (sheet, sheet))[i][:31], frame))
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                           "nan_inf_to_errors": True})
    head = book.add_format({"bold": True, "border": 1})
    for name, frame in sheets:
        ws = book.add_worksheet(name)
        for c, column in enumerate(frame.columns):
            write_cell(ws, 0, c, str(column), head)
        for r, values in enumerate(frame.itertuples(index=False, name=None), start=1):
            for c, value in enumerate(values):
                write_cell(ws, r, c, value)
        if name != sheets[0][0]:
            ws.freeze_panes(1, 0)
    book.close()
    return path


def _cell(key: str, value: Any, lang: str) -> Any:
    """One workbook value: numbers stay numbers, codes become words, yes/no in words."""
    if isinstance(value, bool):
        return label("yes" if value else "no", lang)
    if isinstance(value, Mapping):  # a by-year figure: "2026: 3; 2027: 5"
        return fmt(value)
    if isinstance(value, str):
        if key == "stage" and f"stage_{value}" in LABELS:
            return label(f"stage_{value}", lang)
        if key == "status" and value in SOLVER_STATUS:
            return code_label("solver_status", value, lang)
        if key in CODE_COLUMNS:
            return code_label(CODE_COLUMNS[key], value, lang)
        if key == "reason" and f"why_{value}" in LABELS:
            return label(f"why_{value}", lang)
        if key in ("indicator", "numerator", "option", "short", "what") and value in LABELS | INDICATOR_LABELS:
            return label(value, lang)
    if isinstance(value, list):  # one number stays a number; several are listed as text
        if len(value) == 1 and isinstance(value[0], int | float) and not isinstance(value[0], bool):
            return value[0]
        return "、".join(str(_cell(key, v, lang)) for v in value)
    return value


def _flat(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, Mapping):
            for k2, v2 in v.items():
                if isinstance(v2, Mapping) and set(v2) <= {"before", "after"}:  # a figure now and after
                    out[f"{k2}_before"], out[f"{k2}_after"] = v2.get("before"), v2.get("after")
                else:
                    out[f"{k}.{k2}"] = v2
        else:
            out[k] = v
    return out


def write_plan(plan: Mapping[str, Any], out_dir: str | Path, lang: str = "zh", formats: Iterable[str] = FORMATS,
               bundle: Mapping[str, Any] | None = None) -> dict[str, Path]:
    """Write ``plan.json``, ``plan.html`` and ``plan.xlsx`` into ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for f in formats:
        path = out / f"plan.{f}"
        if f == "json":
            path.write_text(render_json(plan), encoding="utf-8")
        elif f == "html":
            path.write_text(render_html(plan, lang, bundle), encoding="utf-8")
        elif f == "xlsx":
            render_xlsx(plan, path, lang)
        else:
            raise ValueError(f"unknown format {f!r}; expected some of {FORMATS}")
        paths[f] = path
    return paths
