"""The roll-up of many districts as files: ``rollup.json`` and ``rollup.xlsx`` (ranking, the
indicators' CV distribution and failing counts, the G and Q items not met)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from youjun.core.labels import ITEM_LABELS

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
