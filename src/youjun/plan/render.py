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
from youjun.core.labels import INDICATOR_LABELS
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
}


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
        return f"{value:,.2f}" if abs(value) >= 100 else f"{value:.4g}"
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
    view.setdefault("stages", [])
    view.setdefault("assumptions", None)
    return _environment().get_template("plan.html.j2").render(p=view, t=t, fmt=fmt, pct=pct, lang=lang,
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
    headline = pd.DataFrame([(label(k, lang), fmt(v)) for k, v in plan.get("headline", {}).items()],
                            columns=[label("headline", lang), ""])
    sheets: list[tuple[str, pd.DataFrame]] = [("summary", headline)]
    for sheet, key in SHEETS.get(str(plan.get("kind")), ()):
        rows: Any = plan
        for part in key.split("."):
            rows = rows.get(part, []) if isinstance(rows, Mapping) else []
        frame = pd.DataFrame([_flat(r) for r in rows])
        frame.columns = [label(str(c), lang) if str(c) in LABELS else str(c) for c in frame.columns]
        sheets.append((sheet[:31], frame))
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
        if name != "summary":
            ws.freeze_panes(1, 0)
    book.close()
    return path


def _flat(row: Mapping[str, Any]) -> dict[str, Any]:
    out = {}
    for k, v in row.items():
        if isinstance(v, Mapping):
            for k2, v2 in v.items():
                out[f"{k}.{k2}"] = fmt(v2) if isinstance(v2, Mapping) else v2
        elif isinstance(v, list):
            out[k] = ", ".join(map(str, v))
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
