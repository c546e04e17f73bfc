"""Seats and class sizes ahead: enrolment by school and grade for the next years (cohort survival).

Method (the usual one for school-place planning):
- each cohort moves up a grade every year in its school, times the yearly migration factor
  (per town, default 1.0 = no net migration);
- grade 1 entrants of a town come from births six years earlier × an entry ratio (calibrated
  on this year's entrants when this year's births are given), or, without births, from the
  trend of this year's cohorts (grade 6 → grade 1 is five birth years); each school keeps its
  current share of its town's entrants;
- grade 7 entrants of the district are last year's grade 6 times the transition ratio (this
  year's grade 7 over grade 6) and the migration factor; each school keeps its current share
  of the district's grade 7;
- a cohort keeps its classes as it moves up, and the entry grades keep this year's number of
  classes: real classes grow or shrink with their cohort, so each one is checked against the
  class-size limit (G5), and each school's compulsory enrolment against the size limit (G4).
The limits come from the rule set; the figures here are projections, not assessments.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from youjun.core.params import AssessmentParams
from youjun.core.schema import JUNIOR_GRADES, PRIMARY_GRADES, grade_column
from youjun.plan.districts import one_district

COMPULSORY = PRIMARY_GRADES + JUNIOR_GRADES
SCHOOL_AGE = 6  # children enter grade 1 in the year they turn six


@dataclass(frozen=True)
class SeatsOptions:
    years: int = 5
    births: Mapping[str, Mapping[int, float]] = field(default_factory=dict)  # town ("*" = all) -> year -> births
    entry_trend: float | None = None  # yearly change of grade-1 entrants; None = from this year's cohorts
    migration: Mapping[str, float] = field(default_factory=dict)  # town ("*" = all) -> yearly factor

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> SeatsOptions:
        data = dict(data or {})
        births = {str(town): {int(y): float(n) for y, n in years.items()}
                  for town, years in (data.get("births") or {}).items()}
        migration = data.get("migration", {})
        if isinstance(migration, (int, float)):
            migration = {"*": float(migration)}
        trend = data.get("entry_trend")
        return cls(int(data.get("years", 5)), births, None if trend is None else float(trend),
                   {str(k): float(v) for k, v in migration.items()})

    def to_dict(self) -> dict[str, Any]:
        return {"years": self.years, "births": {t: dict(y) for t, y in self.births.items()},
                "entry_trend": self.entry_trend, "migration": dict(self.migration)}

    def migration_of(self, town: str) -> float:
        return float(self.migration.get(town, self.migration.get("*", 1.0)))


@dataclass
class SeatsPlan:
    district_code: str
    base_year: int
    options: SeatsOptions
    trend: float
    enrolment: pd.DataFrame  # year, school_code, grade, pupils
    classes: pd.DataFrame  # year, school_code, school_name, grade, class_name, pupils, limit, over
    schools: pd.DataFrame  # year, school_code, compulsory pupils, limit, over
    towns: pd.DataFrame  # year, town, level, pupils, classes, classes_needed, extra_classes, seats_short

    def entry_basis(self) -> str:
        """Where grade-1 entrants come from: "births", "given" (a trend the user set) or "cohorts"
        (this year's grade 1 against grade 6); the headline names it with the yearly change used."""
        if self.options.births:
            return "births"
        return "given" if self.options.entry_trend is not None else "cohorts"

    def to_dict(self) -> dict[str, Any]:
        over = self.classes[self.classes["over"]]
        return {"kind": "seats", "district_code": self.district_code, "base_year": self.base_year,
                "options": self.options.to_dict(), "entry_trend_used": self.trend,
                "headline": {"years": self.options.years,
                             f"entry_trend_{self.entry_basis()}": round(self.trend * 100, 1),
                             "classes_over_limit": over.groupby("year").size().to_dict(),
                             "schools_over_size": self.schools[self.schools["over"]].groupby("year").size().to_dict(),
                             "extra_classes_needed": self.towns.groupby("year")["extra_classes"].sum().to_dict(),
                             "seats_short": self.towns.groupby("year")["seats_short"].sum().to_dict()},
                "towns": _records(self.towns), "schools_over_size": _records(self.schools[self.schools["over"]]),
                "classes_over_limit": _records(over),
                "enrolment_by_year": _records(
                    self.enrolment.groupby(["year", "grade"], as_index=False)["pupils"].sum())}


def project_seats(tables: dict[str, pd.DataFrame], params: AssessmentParams, options: SeatsOptions | None = None,
                  *, district: str | None = None) -> SeatsPlan:
    options = options or SeatsOptions()
    tables, code = one_district(tables, district)
    schools = tables["schools"]
    schools = schools[schools["school_type"] != "special"].reset_index(drop=True)
    base_year = int(str(tables["districts"]["school_year"].iloc[0])[:4])
    now = pd.DataFrame({g: pd.to_numeric(schools[grade_column(g)], errors="coerce").fillna(0).astype(float)
                        for g in COMPULSORY})
    town = schools["town"].astype("string").fillna("").to_numpy()
    trend = options.entry_trend if options.entry_trend is not None else _trend(now)
    frames, current = [], now.copy()
    entrants_now = now[1].groupby(town).sum()
    _check_births(options, [str(t) for t in entrants_now.index], base_year)
    g7_share = (now[7] / now[7].sum()).fillna(0.0) if now[7].sum() > 0 else now[7] * 0
    # Share of a grade-6 cohort that enters the district's grade 7 a year later, read off this
    # year's grades 6 and 7 (some leave for other districts or private schools elsewhere).
    transition = float(now[7].sum() / now[6].sum()) if now[6].sum() > 0 else 1.0
    for t in range(1, options.years + 1):
        factor = np.array([options.migration_of(x) for x in town])
        nxt = pd.DataFrame(0.0, index=now.index, columns=COMPULSORY)
        for g in COMPULSORY[1:]:
            if g != 7:
                nxt[g] = current[g - 1] * factor
        nxt[7] = g7_share * float((current[6] * factor).sum()) * transition
        town_entrants = _entrants(options, entrants_now, base_year, t, trend)
        share1 = (now[1] / pd.Series(town).map(entrants_now).replace(0, np.nan).to_numpy()).fillna(0.0)
        nxt[1] = share1 * pd.Series(town).map(town_entrants).fillna(0.0).to_numpy()
        current = nxt
        part = current.copy()
        part["school_code"] = schools["school_code"].astype(str)
        part["year"] = base_year + t
        frames.append(part.melt(id_vars=["school_code", "year"], var_name="grade", value_name="pupils"))
    enrolment = pd.concat(frames, ignore_index=True)
    enrolment["pupils"] = enrolment["pupils"].round().astype(int)
    classes = _classes(tables["classes"], enrolment, schools, base_year, params)
    names = schools.set_index(schools["school_code"].astype(str))["school_name"]
    classes.insert(2, "school_name", classes["school_code"].map(names))
    sizes = _school_sizes(enrolment, schools, params)
    towns = _towns(enrolment, classes, schools, params)
    return SeatsPlan(code, base_year, options, trend, enrolment, classes, sizes, towns)


def _trend(now: pd.DataFrame) -> float:
    """Yearly change of cohorts: grade 1 against grade 6 is five birth years apart."""
    g1, g6 = float(now[1].sum()), float(now[6].sum())
    return (g1 / g6) ** (1 / 5) - 1 if g1 > 0 and g6 > 0 else 0.0


class SeatsError(ValueError):
    """Options that cannot give a projection (said in Chinese and English)."""


def _check_births(options: SeatsOptions, towns: list[str], base_year: int) -> None:
    """Births are turned into entrants with this year's entrants per birth, so the births of
    this year's entrants (six years before the base year) must be given wherever births are:
    without them a town's whole birth cohort would be taken for its entrants."""
    calibration = base_year - SCHOOL_AGE
    used = {t: options.births[t] for t in towns if t in options.births}
    if "*" in options.births:
        used["*"] = options.births["*"]
    lacking = [t for t, years in used.items() if years and calibration not in years]
    if lacking:
        names = "、".join("全区" if t == "*" else t for t in lacking)
        names_en = ", ".join("the whole district" if t == "*" else t for t in lacking)
        raise SeatsError(
            f"出生人口缺少 {calibration} 年（本学年一年级学生的出生年）的数字：{names}。"
            f"没有它无法由出生人口推算入学人数，"
            f"请补上 {calibration} 年出生人数，或不提供出生人口（按本年各年级的趋势推算）"
            f" / births for {calibration} (the birth year of this year's grade 1) are missing for {names_en}: "
            f"entrants cannot be derived from births without them; add the {calibration} births, or give no "
            f"births (the trend of this year's grades is used)")


def _entrants(options: SeatsOptions, entrants_now: pd.Series, base_year: int, t: int, trend: float) -> pd.Series:
    """Grade-1 entrants per town in year base+t: from births (a town's own or the district's "*")
    six years earlier, scaled by this year's entrants per birth; else this year's entrants × trend."""
    total_now = float(entrants_now.sum())
    out = {}
    for town, now in entrants_now.items():
        births, share = options.births.get(str(town)), 1.0
        if births is None and "*" in options.births:
            births, share = options.births["*"], (float(now) / total_now if total_now else 0.0)
        born = births.get(base_year + t - SCHOOL_AGE) if births else None
        if born is None:
            out[town] = float(now) * (1 + trend) ** t
            continue
        base = births.get(base_year - SCHOOL_AGE) if births else None
        per_birth = float(now) / (base * share) if base and share else 1.0
        out[town] = born * share * per_birth
    return pd.Series(out, dtype=float)


def _limit(grade: int, params: AssessmentParams) -> float:
    limits = params.items.get("g5", {}).get("max_class", {})
    return float(limits.get("primary" if grade in PRIMARY_GRADES else "junior", math.inf))


def _classes(classes: pd.DataFrame, enrolment: pd.DataFrame, schools: pd.DataFrame, base_year: int,
             params: AssessmentParams) -> pd.DataFrame:
    """Each real class follows its cohort; entry grades keep this year's classes, equal in size."""
    rows = []
    now = classes[classes["grade"].isin(COMPULSORY)].copy()
    now["school_code"] = now["school_code"].astype(str)
    by = {(s, int(g)): part for (s, g), part in now.groupby(["school_code", "grade"])}
    pupils = enrolment.set_index(["year", "school_code", "grade"])["pupils"]
    for code in schools["school_code"].astype(str):
        sizes = {g: by[(code, g)]["students"].to_numpy(dtype=float) for g in COMPULSORY if (code, g) in by}
        names = {g: by[(code, g)]["class_name"].astype(str).tolist() for g in COMPULSORY if (code, g) in by}
        for t in range(1, int(enrolment["year"].max()) - base_year + 1):
            year = base_year + t
            nxt_sizes, nxt_names = {}, {}
            for g in COMPULSORY:
                total = float(pupils.get((year, code, g), 0))
                if g in (1, 7) or (g - 1) not in sizes:
                    n = len(sizes.get(g, [])) or (1 if total > 0 else 0)
                    nxt_sizes[g] = np.full(n, total / n) if n else np.zeros(0)
                    nxt_names[g] = names.get(g, [f"{k + 1}班" for k in range(n)])
                else:
                    prev = sizes[g - 1]
                    scale = total / prev.sum() if prev.sum() > 0 else 0.0
                    nxt_sizes[g], nxt_names[g] = prev * scale, names[g - 1]
                limit = _limit(g, params)
                for name, size in zip(nxt_names[g], nxt_sizes[g], strict=True):
                    rows.append((year, code, g, name, round(float(size)), limit, round(float(size)) > limit))
            sizes, names = nxt_sizes, nxt_names
    return pd.DataFrame(rows, columns=["year", "school_code", "grade", "class_name", "pupils", "limit", "over"])


def _school_sizes(enrolment: pd.DataFrame, schools: pd.DataFrame, params: AssessmentParams) -> pd.DataFrame:
    limits = params.items.get("g4", {}).get("max_students", {})
    totals = enrolment.groupby(["year", "school_code"], as_index=False)["pupils"].sum()
    info = schools.set_index(schools["school_code"].astype(str))
    totals["school_name"] = totals["school_code"].map(info["school_name"])
    totals["school_type"] = totals["school_code"].map(info["school_type"])
    totals["town"] = totals["school_code"].map(info["town"])
    totals["limit"] = totals["school_type"].map(lambda t: float(limits.get(t, math.inf)))
    totals["over"] = totals["pupils"] > totals["limit"]
    totals["excess"] = (totals["pupils"] - totals["limit"]).clip(lower=0)
    return totals


def _towns(enrolment: pd.DataFrame, classes: pd.DataFrame, schools: pd.DataFrame,
           params: AssessmentParams) -> pd.DataFrame:
    """Per town, year and level: pupils, classes planned and needed, extra classes, seats short."""
    town = schools.set_index(schools["school_code"].astype(str))["town"]
    e = enrolment.assign(town=enrolment["school_code"].map(town),
                         level=np.where(enrolment["grade"].isin(PRIMARY_GRADES), "primary", "junior"))
    c = classes.assign(town=classes["school_code"].map(town),
                       level=np.where(classes["grade"].isin(PRIMARY_GRADES), "primary", "junior"))
    grade = e.groupby(["year", "town", "level", "school_code", "grade"], as_index=False)["pupils"].sum()
    planned = c.groupby(["year", "school_code", "grade"]).size().rename("classes").reset_index()
    grade = grade.merge(planned, on=["year", "school_code", "grade"], how="left").fillna({"classes": 0})
    grade["limit"] = grade["grade"].map(lambda g: _limit(int(g), params))
    grade["classes_needed"] = np.ceil(grade["pupils"] / grade["limit"]).astype(int)
    grade["extra_classes"] = (grade["classes_needed"] - grade["classes"]).clip(lower=0).astype(int)
    grade["seats_short"] = (grade["pupils"] - grade["classes"] * grade["limit"]).clip(lower=0).astype(int)
    out = grade.groupby(["year", "town", "level"], as_index=False)[
        ["pupils", "classes", "classes_needed", "extra_classes", "seats_short"]].sum()
    return out.astype({"classes": int})


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in frame.to_dict("records"):
        out.append({str(k): (v.item() if hasattr(v, "item") else v) for k, v in row.items()})
    return out
