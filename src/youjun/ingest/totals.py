"""Reconciliation totals of a data file: the figures a statistician compares with the annual
education statistics report (教育事业统计年报) before importing — schools by type, pupils by
section, classes, full-time teachers — per district."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from youjun.core.schema import JUNIOR_GRADES, PRIMARY_GRADES, SCHOOL_TYPES, SENIOR_GRADES, grade_column

SECTIONS = (("primary", "小学", "primary", PRIMARY_GRADES), ("junior", "初中", "junior secondary", JUNIOR_GRADES),
            ("senior", "高中", "senior secondary", SENIOR_GRADES))


@dataclass(frozen=True)
class Total:
    zh: str
    en: str
    value: int
    unit_zh: str
    unit_en: str

    def line(self, lang: str) -> str:
        if lang == "zh":
            return f"{self.zh} {self.value:,} {self.unit_zh}"
        unit = self.unit_en if self.value != 1 else self.unit_en.rstrip("s")
        return f"{self.en}: {self.value:,} {unit}"


def reconciliation_totals(tables: dict[str, pd.DataFrame]) -> dict[str, list[Total]]:
    """district code → its totals (schools by type, pupils by section, classes, teachers)."""
    schools = tables.get("schools")
    if schools is None or schools.empty:
        return {}
    out: dict[str, list[Total]] = {}
    for code, own in schools.groupby(schools["district_code"].astype(str), sort=True):
        rows: list[Total] = [Total("学校", "Schools", len(own), "所", "schools")]
        counts = own["school_type"].astype(str).value_counts()
        for choice in SCHOOL_TYPES:
            if counts.get(choice.code, 0):
                rows.append(Total(f"  其中{choice.zh}", f"  of which {choice.en.lower()}",
                                  int(counts[choice.code]), "所", "schools"))
        for _key, zh, en, grades in SECTIONS:
            cols = [grade_column(g) for g in grades if grade_column(g) in own.columns]
            pupils = int(pd.to_numeric(own[cols].stack(), errors="coerce").fillna(0).sum()) if cols else 0
            if pupils or _key != "senior":
                rows.append(Total(f"{zh}在校生", f"Pupils, {en}", pupils, "人", "pupils"))
        codes = set(own["school_code"].astype(str))
        for table, zh, en, unit_zh, unit_en in (("classes", "班级", "Classes", "个", "classes"),
                                                ("teachers", "专任教师", "Full-time teachers", "人", "teachers")):
            frame = tables.get(table)
            n = int(frame["school_code"].astype(str).isin(codes).sum()) if frame is not None else 0
            rows.append(Total(zh, en, n, unit_zh, unit_en))
        out[str(code)] = rows
    return out


def totals_lines(tables: dict[str, pd.DataFrame], lang: str) -> list[str]:
    """The totals as the CLI prints them, one block per district."""
    lines: list[str] = []
    names = {}
    districts = tables.get("districts")
    if districts is not None and not districts.empty:
        names = dict(zip(districts["district_code"].astype(str), districts["district_name"].astype(str),
                         strict=False))
    for code, rows in reconciliation_totals(tables).items():
        name = names.get(code, "")
        lines.append(f"核对总数（请与教育事业统计年报比对）：{name}（{code}）" if lang == "zh"
                      else f"Totals to check against the annual statistics report: {name} ({code})")
        lines.extend("  " + r.line(lang) for r in rows)
    return lines
