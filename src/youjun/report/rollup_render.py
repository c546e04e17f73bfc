"""The roll-up of many districts as files: ``rollup.json``, ``rollup.xlsx`` and ``rollup.html``
(ranking, the indicators' CV distribution and failing counts, the G and Q items not met).

``rollup.html`` is one static page with its CSS inside and no script: the counts, a table per
province (the first two digits of the district code) first, then the indicators, the items
and the full ranking grouped by province. ``write_rollup_files`` writes the three files of a
roll-up (``youjun.assess.rollup.rollup``) and its district summaries."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from statistics import median
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from youjun.core.labels import ITEM_LABELS
from youjun.report import numbers

HEAD = {
    "zh": {
        "ranking": "区县排名", "indicators": "各项指标差异系数", "items": "各项要求未达区县数",
        "rank": "名次", "code": "区县代码", "name": "区县", "passes": "结论", "yes": "达到", "no": "未达到",
        "requirements_not_met": "未满足要求（项）", "findings": "问题（处）", "worst": "最大差异系数/限值",
        "level": "学段", "indicator": "指标", "limit": "差异系数限值", "failing": "未达区县数",
        "districts": "参评区县数", "min": "最小值", "p25": "下四分位数", "median": "中位数", "p75": "上四分位数",
        "max": "最大值", "item": "要求", "title": "内容", "not_met": "未达到（个区县）",
        "fail": "其中未达标", "evidence_missing": "其中缺佐证", "assessed": "参评区县数",
        "primary": "小学", "junior": "初中",
    },
    "en": {
        "ranking": "Ranking", "indicators": "Indicators' CVs", "items": "Items not met",
        "rank": "Rank", "code": "District code", "name": "District", "passes": "Verdict", "yes": "passes",
        "no": "does not pass", "requirements_not_met": "Requirements not met", "findings": "Findings",
        "worst": "Worst CV / limit", "level": "Level", "indicator": "Indicator", "limit": "CV limit",
        "failing": "Districts failing", "districts": "Districts", "min": "Min", "p25": "25th percentile",
        "median": "Median", "p75": "75th percentile", "max": "Max", "item": "Item", "title": "Requirement",
        "not_met": "Districts not meeting it", "fail": "of which failing", "evidence_missing": "of which no evidence",
        "assessed": "Districts assessed", "primary": "primary", "junior": "junior",
    },
}


def write_rollup_json(rolled: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(rolled, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _row(ws: Any, values: list[Any]) -> None:
    ws.append(values)
    for cell in ws[ws.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # a district name starting with "=" stays text, never a formula


def write_rollup_xlsx(rolled: dict[str, Any], path: Path, lang: str = "zh") -> Path:
    h = HEAD["en" if lang == "en" else "zh"]
    wb = Workbook()
    ws = wb.active
    ws.title = h["ranking"]
    _row(ws, [h["rank"], h["code"], h["name"], h["passes"], h["requirements_not_met"], h["findings"], h["worst"]])
    for r in rolled["ranking"]:
        _row(ws, [r["rank"], r["code"], r["name"], h["yes"] if r["passes"] else h["no"], r["requirements_not_met"],
                  r["findings"], r["worst_cv_ratio"]])
    ws = wb.create_sheet(h["indicators"])
    _row(ws, [h["level"], h["indicator"], h["limit"], h["districts"], h["failing"], h["min"], h["p25"], h["median"],
              h["p75"], h["max"]])
    for key, e in rolled["indicators"].items():
        level = key.split(".", 1)[0]
        cv = e["cv"]
        _row(ws, [h.get(level, level), e["name_en" if lang == "en" else "name_zh"], e["limit"], e["districts"],
                  e["failing"], *(round(cv[k], 4) for k in ("min", "p25", "median", "p75", "max"))])
    ws = wb.create_sheet(h["items"])
    _row(ws, [h["item"], h["title"], h["assessed"], h["not_met"], h["fail"], h["evidence_missing"]])
    for key, c in rolled["items"].items():
        words = ITEM_LABELS.get(key)
        title = (words[1] if lang == "en" else words[0]) if isinstance(words, tuple) else str(words or "")
        _row(ws, [key.upper(), title, c["assessed"], c["not_met"], c["fail"], c["evidence_missing"]])
    for sheet in wb.worksheets:
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


# -- rollup.html --------------------------------------------------------------------------------

PAGE = {
    "zh": {
        "title": "区县评估汇总", "lang": "zh-CN", "summary": "概况", "provinces": "各省汇总",
        "province": "省份", "province_code": "省级代码", "passing": "达到", "failing": "未达到",
        "share": "达标比例", "median_requirements": "未满足要求中位数（项）", "first": "排名最前的区县",
        "full_ranking": "区县排名（按省份分组）", "national_rank": "全国名次",
        "count_line": "{n} 个区县参评：{k} 个达到标准，{m} 个未达到（{share}）。",
        "ranking_note": "排名：达到标准的区县在前，其次按未满足要求的项数从少到多，再按最大差异系数与限值之比从小到大，"
                        "最后按区县代码。",
        "ratio_note": "最大差异系数/限值：各学段各项指标的差异系数与其限值之比中最大的一个（大于 1 即超限）。",
        "cv_note": "差异系数的分布：参评区县的最小值、四分位数与最大值。",
        "districts_unit": "{n} 个区县", "items_unit": "{n} 项", "findings_unit": "{n} 处", "none": "—",
        "back": "回到各省汇总",
    },
    "en": {
        "title": "Roll-up of the districts assessed", "lang": "en", "summary": "Overview", "provinces": "By province",
        "province": "Province", "province_code": "Province code", "passing": "Pass", "failing": "Do not pass",
        "share": "Share passing", "median_requirements": "Median requirements not met",
        "first": "First-ranked district",
        "full_ranking": "Ranking of the districts, by province", "national_rank": "National rank",
        "count_line": "{n} districts assessed: {k} pass, {m} do not ({share}).",
        "ranking_note": "Ranking: passing districts first, then by the number of requirements not met (fewest first), "
                        "then by the worst CV relative to its limit (smallest first), then by code.",
        "ratio_note": "Worst CV / limit: the largest ratio of an indicator's CV to its limit over both levels "
                      "(over 1: over the limit).",
        "cv_note": "The CVs over the districts assessed: minimum, quartiles and maximum.",
        "districts_unit": "{n} districts", "items_unit": "{n}", "findings_unit": "{n}", "none": "—",
        "back": "Back to the provinces",
    },
}


def _share(k: int, n: int) -> str:
    return numbers.percent(100 * k / n, measured=True) if n else numbers.MISSING


def _ratio(x: Any) -> str:
    return numbers.fixed(x, 2)


def _rank_row(r: Mapping[str, Any], h: Mapping[str, str]) -> dict[str, Any]:
    worst = r["worst_cv_ratio"]
    return {"rank": numbers.count(r["rank"]), "code": r["code"], "name": r["name"], "passes": bool(r["passes"]),
            "verdict": h["yes"] if r["passes"] else h["no"], "requirements": numbers.count(r["requirements_not_met"]),
            "findings": numbers.count(r["findings"]), "worst": _ratio(worst), "over": worst is not None and worst > 1}


def rollup_view(rolled: Mapping[str, Any], summaries: Iterable[Mapping[str, Any]] = (),
                lang: str = "zh") -> dict[str, Any]:
    """What ``rollup.html`` shows, every figure already written as the reports write it."""
    lang = "en" if lang == "en" else "zh"
    h, w = HEAD[lang], PAGE[lang]
    names: dict[str, str] = {}
    for s in summaries:
        if s.get("province"):
            names.setdefault(str(s["code"])[:2], str(s["province"]))
    by_province: dict[str, list[Mapping[str, Any]]] = {}
    for r in rolled["ranking"]:
        by_province.setdefault(str(r["code"])[:2], []).append(r)
    provinces = []
    for prefix in sorted(by_province):
        rows = by_province[prefix]
        k = sum(1 for r in rows if r["passes"])
        provinces.append({
            "prefix": prefix, "code": prefix + "0000", "name": names.get(prefix, prefix + "0000"),
            "districts": numbers.count(len(rows)), "passing": numbers.count(k), "failing": numbers.count(len(rows) - k),
            "share": _share(k, len(rows)),
            "median_requirements": numbers.any_figure(float(median(r["requirements_not_met"] for r in rows))),
            "first": (f"{rows[0]['name']}（{rows[0]['code']}）" if lang == "zh"
                      else f"{rows[0]['name']} ({rows[0]['code']})"),
            "rows": [_rank_row(r, h) for r in rows],
        })
    indicators = []
    order = {"primary": 0, "junior": 1}
    for key, e in sorted(rolled["indicators"].items(), key=lambda kv: (order.get(kv[0].split(".")[0], 9), kv[0])):
        level = key.split(".", 1)[0]
        cv = e["cv"]
        indicators.append({"level": h.get(level, level), "short": key.split(".", 1)[1].split("_")[0].upper(),
                           "name": e["name_en" if lang == "en" else "name_zh"], "limit": numbers.cv_limit(e["limit"]),
                           "districts": numbers.count(e["districts"]), "failing": numbers.count(e["failing"]),
                           "cv": [numbers.cv(cv[q]) for q in ("min", "p25", "median", "p75", "max")]})
    items = []
    for key, c in rolled["items"].items():
        words = ITEM_LABELS.get(key)
        title = (words[1] if lang == "en" else words[0]) if isinstance(words, tuple) else str(words or "")
        items.append({"key": key.upper(), "title": title, "assessed": numbers.count(c["assessed"]),
                      "not_met": numbers.count(c["not_met"]), "fail": numbers.count(c["fail"]),
                      "evidence_missing": numbers.count(c["evidence_missing"]), "any": c["not_met"] > 0})
    n, k = int(rolled["districts"]), int(rolled["passing"])
    return {"lang": w["lang"], "h": h, "w": w, "provinces": provinces, "indicators": indicators, "item_rows": items,
            "count_line": w["count_line"].format(n=numbers.count(n), k=numbers.count(k), m=numbers.count(n - k),
                                                 share=_share(k, n)),
            "districts": numbers.count(n), "passing": numbers.count(k), "failing": numbers.count(n - k)}


def render_rollup_html(rolled: Mapping[str, Any], summaries: Iterable[Mapping[str, Any]] = (),
                       lang: str = "zh") -> str:
    """The roll-up as one self-contained page (province names from the district summaries, when given)."""
    from youjun.report.htmlpage import environment

    return environment().get_template("rollup.html.j2").render(v=rollup_view(rolled, summaries, lang))


def write_rollup_html(rolled: Mapping[str, Any], path: Path, lang: str = "zh",
                      summaries: Iterable[Mapping[str, Any]] = ()) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_rollup_html(rolled, summaries, lang), encoding="utf-8")
    return path


def write_rollup_files(rolled: dict[str, Any], summaries: Iterable[Mapping[str, Any]], out: Path,
                       lang: str = "zh") -> dict[str, Path]:
    """``rollup.json``, ``rollup.xlsx`` and ``rollup.html`` of a roll-up into ``out``."""
    return {"json": write_rollup_json(rolled, out / "rollup.json"),
            "xlsx": write_rollup_xlsx(rolled, out / "rollup.xlsx", lang),
            "html": write_rollup_html(rolled, out / "rollup.html", lang, summaries)}
