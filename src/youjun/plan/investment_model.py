"""The investment MILP: which projects, under a budget or for full compliance, on HiGHS.

    x[p] ∈ {0,1}   project p is funded (at most one of "full"/"floor" per school and indicator)
    c[u] ∈ {0,1}   unit u (a school section not compliant today) complies after the projects

A unit complies when at most one of its seven indicators is short and that one is at least
at the floor (6 of 7, 85%; the figures come from the rule set). Teacher indicators are
constants here (rotation changes them). For a unit short on the physical set P and on t
teacher indicators:
    t = 0:   Σ_{k∈P} x_full(k) ≥ |P| − 1 − 7(1 − c)      and  c ≤ x_full(k) + x_floor(k) for k below floor
    t = 1:   c ≤ x_full(k) for every k ∈ P             (the teacher one is the tolerated one)
    t ≥ 2, or a teacher indicator below floor: c = 0   (investment alone cannot fix it)
G3 compliance of a school is its G3 project.

Stages under a budget: max compliant units + G3 schools; max Σ standalone CV gains; min cost.
Full compliance: min cost with every fixable unit and school compliant; then max CV gains.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from youjun.core.params import AssessmentParams
from youjun.plan.investment_projects import G3, PHYSICAL, InvestmentPool
from youjun.plan.milp import INF, LinearModel, SolverSettings, SolveStats, StagedSolver
from youjun.plan.teacher_types import TEACHER_INDICATORS


@dataclass
class InvestmentSolution:
    chosen: pd.DataFrame  # projects funded
    compliant_units: list[tuple[str, str]]  # (school_code, level) the model says comply after
    g3_schools: list[str]
    stages: list[SolveStats]


class InvestmentModel:
    def __init__(self, pool: InvestmentPool, params: AssessmentParams) -> None:
        self.pool, self.params = pool, params
        self.m = LinearModel()
        projects = pool.projects
        self.x = self.m.add_vars(len(projects), 0, 1, integer=True)
        self.col = {(r.school_code, r.indicator, r.option): int(c)
                    for r, c in zip(projects.itertuples(), self.x, strict=True)}
        for _key, part in projects.groupby(["school_code", "indicator"]):
            if len(part) > 1:
                self.m.add_row(self.x[part.index.to_numpy()], np.ones(len(part)), -INF, 1)
        self.c: dict[tuple[str, str], int] = {}
        self.unfixable: list[dict[str, object]] = []
        self._units()
        self.g3 = {r.school_code: self.col[(r.school_code, G3, "full")]
                   for r in projects[projects["indicator"] == G3].itertuples()}

    def _units(self) -> None:
        m, units = self.m, self.pool.units
        keys = self.params.indicators
        for u in units[~units["compliant"]].itertuples():
            row = u._asdict()
            short = [k for k in keys if not row[f"meets_{k}"]]
            teacher = [k for k in short if k in TEACHER_INDICATORS]
            physical = [k for k in short if k in PHYSICAL]
            others = [k for k in short if k not in PHYSICAL and k not in TEACHER_INDICATORS]
            reason = self._why_unfixable(row, teacher, physical, others)
            if reason:
                self.unfixable.append({"school_code": u.school_code, "school_name": u.school_name,
                                       "level": u.level, "reason": reason, "short": short})
                continue
            c = m.add_var(0, 1, integer=True)
            self.c[(u.school_code, u.level)] = c
            full = [self.col[(u.school_code, k, "full")] for k in physical]
            if teacher:
                for f in full:
                    m.add_row([c, f], [1.0, -1.0], -INF, 0)
                continue
            # Σ full − 7c ≥ |P| − 8  ⇔  Σ full ≥ |P| − 1 − 7(1 − c)
            m.add_row([*full, c], [1.0] * len(full) + [-7.0], len(physical) - 8.0, INF)
            for k in physical:
                if not row[f"at_floor_{k}"]:
                    lift = [self.col[(u.school_code, k, o)] for o in ("full", "floor")
                            if (u.school_code, k, o) in self.col]
                    m.add_row([c, *lift], [1.0] + [-1.0] * len(lift), -INF, 0)

    def _why_unfixable(self, row: dict[str, object], teacher: list[str], physical: list[str],
                       others: list[str]) -> str:
        if not row["plannable"]:
            return "outside_plan"
        if others:
            return "indicator_without_project"
        if len(teacher) >= 2:
            return "teacher_indicators"
        if teacher and not row[f"at_floor_{teacher[0]}"]:
            return "teacher_below_floor"
        if any((row["school_code"], k, "full") not in self.col for k in physical):
            return "no_project"
        return ""

    # -- solves ----------------------------------------------------------------------------
    def _cost(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x, self.pool.projects["cost"].to_numpy(dtype=float)

    def _gain(self) -> tuple[np.ndarray, np.ndarray]:
        return self.x, -self.pool.projects["cv_gain"].to_numpy(dtype=float)

    def _compliance(self) -> dict[int, float]:
        return {**{c: -1.0 for c in self.c.values()}, **{g: -1.0 for g in self.g3.values()}}

    def under_budget(self, budget: float, settings: SolverSettings, cv_tolerance: float) -> InvestmentSolution:
        solver = StagedSolver(self.m, settings)
        solver.hold(self._cost(), budget)
        stats = [solver.solve("compliance", self._compliance(), 0.0, 0.4, whole=True)]
        solver.hold(self._compliance(), round(stats[-1].objective or 0.0) + 1e-6)
        stats.append(solver.solve("cv", self._gain(), 0.0, 0.5))
        gain = stats[-1].objective or 0.0
        solver.hold(self._gain(), gain + abs(gain) * cv_tolerance + 1e-12)
        stats.append(solver.solve("cost", self._cost(), 0.0, 1.0))
        return self._solution(solver, stats)

    def full_compliance(self, settings: SolverSettings, cv_tolerance: float) -> InvestmentSolution:
        """The least cost with every unit and school that investment can fix made compliant."""
        model = self.m
        saved = list(model.col_lower)
        for col in [*self.c.values(), *self.g3.values()]:
            model.col_lower[col] = 1.0
        try:
            solver = StagedSolver(model, settings)
        finally:
            model.col_lower = saved
        stats = [solver.solve("cost", self._cost(), 0.0, 0.6)]
        cost = stats[-1].objective or 0.0
        solver.hold(self._cost(), cost + max(1.0, cost * 1e-9))
        stats.append(solver.solve("cv", self._gain(), 0.0, 1.0))
        return self._solution(solver, stats)

    def _solution(self, solver: StagedSolver, stats: list[SolveStats]) -> InvestmentSolution:
        for s in stats:
            if not s.solved:
                raise RuntimeError(f"investment model: stage {s.stage} found no solution ({s.status})")
        x = solver.values()
        chosen = self.pool.projects[np.rint(x[self.x]) > 0.5]
        compliant = [k for k, c in self.c.items() if x[c] > 0.5]
        g3 = [s for s, c in self.g3.items() if x[c] > 0.5]
        return InvestmentSolution(chosen.reset_index(drop=True), compliant, g3, stats)

    def package(self, solution: InvestmentSolution) -> pd.DataFrame:
        """Per school: its funded projects, cost, units and G3 made compliant, CV gain."""
        compliant = pd.DataFrame(solution.compliant_units, columns=["school_code", "level"])
        fixed = compliant.groupby("school_code").size()
        rows = []
        for school, part in solution.chosen.groupby("school_code", sort=True):
            units = int(fixed.get(school, 0))
            g3 = int(school in solution.g3_schools)
            rows.append({"school_code": school, "projects": part["project"].tolist(),
                         "cost": float(part["cost"].sum()), "units_compliant": units, "g3_fixed": g3,
                         "effect": units + g3, "cv_gain": float(part["cv_gain"].sum())})
        return pd.DataFrame(rows, columns=["school_code", "projects", "cost", "units_compliant", "g3_fixed",
                                           "effect", "cv_gain"])


def rank_packages(packages: pd.DataFrame) -> pd.DataFrame:
    """Best value first: compliance gained per yuan, then CV gain per yuan; with the running total."""
    ranked = packages.assign(
        per_million=packages["effect"] / (packages["cost"] / 1e6).clip(lower=1e-9),
        cv_per_million=packages["cv_gain"] / (packages["cost"] / 1e6).clip(lower=1e-9),
    ).sort_values(["per_million", "cv_per_million", "school_code"], ascending=[False, False, True])
    ranked["cumulative_cost"] = ranked["cost"].cumsum()
    ranked["rank"] = range(1, len(ranked) + 1)
    return ranked.reset_index(drop=True)


def greedy_under_budget(ranked: pd.DataFrame, budget: float) -> pd.DataFrame:
    """The baseline: take the best-value packages in order while they fit the budget."""
    taken, spent = [], 0.0
    for row in ranked.itertuples():
        if spent + row.cost <= budget + 1e-6:
            taken.append(row.Index)
            spent += row.cost
    return ranked.loc[taken]
