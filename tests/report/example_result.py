"""A realistic assessment result in the shape the engine produces: Yongchuan, 2017 method.

24 school sections (12 primary, 12 junior; one nine-year school in both levels), some below
the standard, one CV over its limit in each level, G and Q items that fail or lack evidence,
one veto without its finding. Extra keys (``education_group`` on schools, ``reasons`` on
an item) and null figures are there on purpose: the renderers must tolerate both.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.report import example_items as ex
from tests.report.example_schools import MIN_MET, schools_and_levels

LEVEL_ZH = {"primary": "小学", "junior": "初中"}
LEVEL_EN = {"primary": "primary", "junior": "junior"}
GENERATED_AT = "2025-11-03T09:30:00+08:00"


def _school_reasons(schools: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for s in schools:
        if s["compliant"] is False and s["met_count"] >= MIN_MET:
            ratio = s["short"]["ratio"]
            out.append({
                "key": f"school.{s['code']}.{s['level']}.floor",
                "zh": f"{s['name']}（{LEVEL_ZH[s['level']]}）达标6项，但未达标的一项仅为标准的"
                      f"{ratio:.0%}（需≥85%）",
                "en": f"{s['name']} ({LEVEL_EN[s['level']]}): 6 met, but the seventh is only "
                      f"{ratio:.0%} of its threshold (≥ 85% needed)",
                "figure": round(ratio, 4), "limit": 0.85, "gap": round(0.85 - ratio, 4)})
        elif s["compliant"] is False:
            short = ", ".join(g["indicator"].split("_")[0] for g in s["gaps"])
            out.append({
                "key": f"school.{s['code']}.{s['level']}",
                "zh": f"{s['name']}（{LEVEL_ZH[s['level']]}）未达到学校达标要求：7项指标达标"
                      f"{s['met_count']}项（{short}未达标）",
                "en": f"{s['name']} ({LEVEL_EN[s['level']]}) does not comply: "
                      f"{s['met_count']} of 7 indicators met ({short} below)",
                "figure": s["met_count"], "limit": MIN_MET,
                "gap": max(0, MIN_MET - s["met_count"])})
        elif s["compliant"] is None:
            out.append({
                "key": f"school.{s['code']}.{s['level']}.missing",
                "zh": f"{s['name']}（{LEVEL_ZH[s['level']]}）缺少数据，无法判定是否达标",
                "en": f"{s['name']} ({LEVEL_EN[s['level']]}): data missing, compliance undecided",
                "figure": None, "limit": None, "gap": None})
    return out


def _cv_reasons(levels: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for level, summary in levels.items():
        for key, ind in summary["indicators"].items():
            if ind["passes"] is False:
                out.append({
                    "key": f"cv.{level}.{key}",
                    "zh": f"{LEVEL_ZH[level]}{ind['name_zh']}校际差异系数 {ind['cv_rounded']:.3f}，"
                          f"超过 {ind['limit']:.2f}",
                    "en": f"{LEVEL_EN[level].capitalize()}: CV of {ind['name_en'].lower()} "
                          f"{ind['cv_rounded']:.3f} exceeds {ind['limit']:.2f}",
                    "figure": ind["cv_rounded"], "limit": ind["limit"],
                    "gap": round(ind["cv_rounded"] - ind["limit"], 3)})
    return out


def _item_reasons(items: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for item in items.values():
        if item["status"] == "fail":
            out.append({"key": f"{item['key']}.fail",
                        "zh": f"{item['key'].upper()} {item['title_zh']}：未达标",
                        "en": f"{item['key'].upper()} {item['title_en']}: not met",
                        "figure": None, "limit": item["limit_zh"], "gap": None})
        elif item["status"] == "evidence_missing":
            out.append({"key": f"{item['key']}.evidence_missing",
                        "zh": f"{item['key'].upper()} {item['title_zh']}：缺少佐证材料",
                        "en": f"{item['key'].upper()} {item['title_en']}: evidence missing",
                        "figure": None, "limit": None, "gap": None})
    return out


def _build() -> dict[str, Any]:
    schools, levels = schools_and_levels()
    items = {i["key"]: copy.deepcopy(i) for i in (*ex.G_ITEMS, *ex.Q_ITEMS)}
    items["g5"]["reasons"] = [{"key": "g5.class_too_large", "zh": "班额超标", "en": "too large"}]
    reasons = [*_school_reasons(schools), *_cv_reasons(levels), *_item_reasons(items)]
    reasons.append({"key": "veto_falsified_data.evidence_missing",
                    "zh": "否决项“教育系统存在重大违纪违规事件或弄虚作假”：缺少“不存在该情形”的认定",
                    "en": "Veto 'falsified data or major violations': no finding that it does "
                          "not apply", "figure": None, "limit": None, "gap": None})
    return {
        "run": {"data_hash": "sha256:5f0c2a9d41e7b38c6a1d09e4f2b7c85316ad0e94b2c7f1a8e3d6c0b59a4f7e21",
                "rules": {"name": "cn-2017", "version": "2017-05-23",
                          "overlays": ["chongqing-2019"]},
                "software_version": "0.1.0", "schema_version": "1",
                "generated_at": GENERATED_AT, "source": "yongchuan-2025.xlsx"},
        "district": {"code": "500118", "name": "永川区", "province": "重庆市",
                     "school_year": "2025-2026"},
        "method": {"key": "cn-2017", "title_zh": "县域义务教育优质均衡发展督导评估",
                   "title_en": "County quality-balanced compulsory education assessment",
                   "document": "教督〔2017〕6号"},
        "options": copy.deepcopy(ex.OPTIONS),
        "levels": levels,
        "schools": schools,
        "items": items,
        "recognition": dict(ex.RECOGNITION),
        "vetoes": copy.deepcopy(ex.VETOES),
        "preconditions": copy.deepcopy(ex.PRECONDITIONS),
        "verdict": {"passes": False, "reasons": reasons},
        "provenance": {"rules": copy.deepcopy(ex.RULES),
                       "data": {"tables": dict(ex.DATA_TABLES),
                                "data_hash": "sha256:5f0c2a9d41e7b38c6a1d09e4f2b7c85316ad0e94"
                                             "b2c7f1a8e3d6c0b59a4f7e21"}},
    }


def example_result() -> dict[str, Any]:
    """A fresh dict each call: renderers must not mutate it, tests may."""
    return _build()

