"""The rotation MILP and its lexicographic solve on HiGHS.

Variables (all integer unless said):
    OUT[c]    movers of class c (a unit's movable teachers of one type)
    IN[u,t]   arrivals of type t at unit u
    z[c,g]    of class c's movers, how many teach subject g (only subjects that can bind;
              one more column takes the other subjects)
    y[a]      movers on arc a = (class → destination unit), in the second phase only
    s[u,k]    shortfall of unit u on teacher indicator k, in teachers (continuous ≥ 0)
    a[u,k]    unit u's count of indicator k after the moves (continuous, integral in effect)
    q[u,k]    the unit's term of the squared CV, in scaled units (continuous)
    rs, ks    shortfall on the rotation share and on the key-teacher share (continuous)

Stages, each holding the ones before:
    0 rotation rule      min rs + ks
    1 thresholds         min Σ s                 (teachers short of the r1–r3 thresholds)
    2 spread             min Σ CV²               (r1–r3, both levels; exact at integers)
    3 moves              min Σ OUT
    4 distance           min Σ (km + group penalty)·y

Two phases keep it fast. Stages 0–3 need only how many of each type leave and reach each
unit: per section and type, departures equal arrivals, and no unit can send and receive
more than all departures together (so that no teacher "moves" to their own school). When
every arc is allowed (the default, or moves within a town), these conditions are exactly
what a set of arcs can realise, so the first phase is the whole problem on ~2,000 columns.
The second phase adds the arcs: an optimal assignment of the chosen departures to the
chosen arrivals (a transportation problem), then stage 4 on the full model from there.
With a distance limit or a candidate list some aggregates cannot be realised, so every
stage is then solved on the model with arcs.

The squared CV of a level and indicator is Σ_u (100·a_u − X̄·P_u)² / P_u / (P·X̄²), with
X̄ and P fixed because moves stay inside the level. Each convex term is bounded below by its
tangents between consecutive integers, so the piecewise-linear model equals the true CV² at
every integral count — the bound HiGHS proves is a bound on the real figure.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from youjun.plan.milp import INF, LinearModel, SolverSettings, SolveStats, StagedSolver, relative_gap
from youjun.plan.rotation_pool import RotationPool
from youjun.plan.teacher_types import N_TYPES, NUMERATOR_OF, TEACHER_INDICATORS, type_parts

WHOLE = ("thresholds", "moves")  # counts of teachers: solved to proven optimality
CV_SCALE = 1000.0  # the solver sees 1000·CV², which keeps coefficients well away from tolerances
DISTANCE_NEIGHBOURS = 10  # cheapest arcs per class searched in stage 4 (besides those the LP uses)
TIME_SHARES = {"rotation_rule": 0.1, "thresholds": 0.2, "spread": 0.3, "moves": 0.4, "assignment": 0.3, "distance": 1.0}


@dataclass
class RotationSolution:
    flows: pd.DataFrame  # arcs with y > 0: class, origin, dest, type, movers, distance_km, ...
    subject_movers: dict[tuple[int, str], int]  # (class, subject) -> movers of that subject
    stages: list[SolveStats]
    claims: dict[str, float]  # what the model says the plan achieves (checked by the judge)


class RotationModel:
    def __init__(self, pool: RotationPool, same_town: bool = False) -> None:
        self.pool = pool
        self.same_town = same_town
        self.m = LinearModel()
        self.y = np.zeros(0, dtype=np.int32)
        self.holds: list[tuple[Costs, float]] = []
        self._departures()
        self._arrivals()
        self._balance_rows()
        self._unit_rows()
        self._rule_rows()
        self._indicator_rows()
        self.n_aggregate_cols = self.m.n_cols

    # -- the aggregate model -----------------------------------------------------------------
    def _departures(self) -> None:
        """OUT[c] = movers of class c; split by subject where a subject can bind."""
        p, m = self.pool, self.m
        split_movable = p.subject_splits.groupby("class")["movable"].sum()
        splits = {int(c): g for c, g in p.subject_splits.groupby("class")}
        plannable = p.units["plannable"].to_numpy()
        unit_of_class = p.classes["unit"].to_numpy()
        self.out: dict[int, int] = {}
        self.z: dict[tuple[int, str], int] = {}
        for cls, movable in enumerate(p.classes["movable"]):
            if not plannable[unit_of_class[cls]]:
                continue
            out = m.add_var(0, float(movable), integer=True)
            self.out[cls] = out
            if cls not in splits:
                continue
            parts = []
            for subject, n in zip(splits[cls]["subject"], splits[cls]["movable"], strict=True):
                parts.append(m.add_var(0, float(n), integer=True))
                self.z[(cls, str(subject))] = parts[-1]
            parts.append(m.add_var(0, float(movable - split_movable[cls]), integer=True))
            self.z[(cls, "")] = parts[-1]
            m.add_row([out, *parts], [1.0] + [-1.0] * len(parts), 0, 0)
        for row in p.subject_limits.itertuples():
            cols = [self.z[(int(cls), str(row.subject))] for cls in np.flatnonzero(unit_of_class == row.unit)
                    if (int(cls), str(row.subject)) in self.z]
            if cols:
                m.add_row(cols, np.ones(len(cols)), -INF, float(row.max_out))
        types = p.classes["type"].to_numpy()
        self.out_terms: dict[int, list[tuple[int, int]]] = {}  # unit -> [(OUT column, type)]
        for cls, col in self.out.items():
            self.out_terms.setdefault(int(unit_of_class[cls]), []).append((col, int(types[cls])))

    def _group(self, unit: int) -> tuple[str, str]:
        u = self.pool.units.loc[unit]
        return (str(u["level"]), str(u["town"]) if self.same_town else "")

    def _arrivals(self) -> None:
        """IN[u,t] for every unit that may receive and every type some other unit of its group sends."""
        p, m = self.pool, self.m
        senders: dict[tuple[tuple[str, str], int], set[int]] = {}
        for unit, terms in self.out_terms.items():
            for _col, t in terms:
                senders.setdefault((self._group(unit), t), set()).add(unit)
        self.in_terms: dict[int, list[tuple[int, int]]] = {}
        self.in_col: dict[tuple[int, int], int] = {}
        for u in p.units.itertuples():
            if not u.plannable or u.in_cap <= 0:
                continue
            group = self._group(u.unit)
            for t in range(N_TYPES):
                if senders.get((group, t), set()) - {u.unit}:
                    col = m.add_var(0, float(u.in_cap), integer=True)
                    self.in_terms.setdefault(u.unit, []).append((col, t))
                    self.in_col[(u.unit, t)] = col

    def _balance_rows(self) -> None:
        """Per section (and town) and type: departures = arrivals; nobody moves to their own school."""
        m = self.m
        groups: dict[tuple[tuple[str, str], int], tuple[list[int], list[int]]] = {}
        for unit, terms in self.out_terms.items():
            for col, t in terms:
                groups.setdefault((self._group(unit), t), ([], []))[0].append(col)
        for unit, terms in self.in_terms.items():
            for col, t in terms:
                groups.setdefault((self._group(unit), t), ([], []))[1].append(col)
        self.total_of: dict[tuple[tuple[str, str], int], int] = {}
        for key, (outs, ins) in groups.items():
            total = m.add_var(0, INF)
            self.total_of[key] = total
            m.add_row([*outs, total], [1.0] * len(outs) + [-1.0], 0, 0)
            m.add_row([*ins, total], [1.0] * len(ins) + [-1.0], 0, 0)
        for unit in set(self.out_terms) | set(self.in_terms):
            by_type: dict[int, list[int]] = {}
            for col, t in self.out_terms.get(unit, []) + self.in_terms.get(unit, []):
                by_type.setdefault(t, []).append(col)
            for t, cols in by_type.items():
                total = self.total_of[(self._group(unit), t)]
                m.add_row([*cols, total], [1.0] * len(cols) + [-1.0], -INF, 0)

    def _unit_rows(self) -> None:
        """Caps on arrivals and departures, net losses, and post quotas per school."""
        p, m = self.pool, self.m
        school_terms: dict[str, tuple[list[int], list[float]]] = {}
        for u in p.units.itertuples():
            outs = [c for c, _ in self.out_terms.get(u.unit, [])]
            ins = [c for c, _ in self.in_terms.get(u.unit, [])]
            if outs:
                m.add_row(outs, np.ones(len(outs)), -INF, float(u.out_cap))
                m.add_row(ins + outs, [1.0] * len(ins) + [-1.0] * len(outs), -float(u.net_loss_cap), INF)
            if ins:
                m.add_row(ins, np.ones(len(ins)), -INF, float(u.in_cap))
            idx, val = school_terms.setdefault(u.school_code, ([], []))
            idx += ins + outs
            val += [1.0] * len(ins) + [-1.0] * len(outs)
        for school, (idx, val) in school_terms.items():
            headroom = p.school_headroom.get(school)
            if headroom is not None and idx:
                m.add_row(idx, val, -INF, float(headroom))

    def _rule_rows(self) -> None:
        """Rotation share and key share, soft so that a small district still gets a plan."""
        rule, m = self.pool.rule, self.m
        self.rot_short = m.add_var(0, INF)
        self.key_short = m.add_var(0, INF)
        outs = list(self.out.values())
        types = [int(self.pool.classes["type"].iat[c]) for c in self.out]
        self.moves_cost: Costs = (np.asarray(outs, dtype=np.int32), np.ones(len(outs)))
        m.add_row([*outs, self.rot_short], np.ones(len(outs) + 1), float(rule.required_moves), INF)
        coef = [100.0 * type_parts(t)[1] - rule.min_key_percent for t in types]
        m.add_row([*outs, self.key_short], [*coef, 100.0],
                  rule.min_key_percent * rule.rotated_before - 100.0 * rule.key_before, INF)

    def _indicator_rows(self) -> None:
        """Counts after the moves, floors, shortfalls and the CV² tangents per unit and indicator."""
        p, m = self.pool, self.m
        units, classes = p.units, p.classes
        self.shortfall: list[int] = []
        self.short_fixed = 0.0  # shortfall of units no move can reach
        self.cv_terms: list[int] = []
        self.cv_offset = 0.0
        self.cv_parts: list[tuple[int, float, float, float]] = []  # (a column, pupils, mean, weight)
        self.after: dict[tuple[int, str], int] = {}
        self.short_of: dict[tuple[int, str], int] = {}
        for k, key in enumerate(TEACHER_INDICATORS):
            col = NUMERATOR_OF[key]
            counted = np.array([type_parts(t)[k] == 1 for t in classes["type"]], dtype=bool)
            movable_of = classes[counted].groupby("unit")["movable"].sum().to_dict()
            for _level, part in units.groupby("level"):
                pupils_total = float(part["pupils"].sum())
                mean = 100.0 * float(part[col].sum()) / pupils_total
                weight = CV_SCALE / (pupils_total * mean * mean) if mean > 0 else 0.0
                for u in part.itertuples():
                    ins = [c for c, t in self.in_terms.get(u.unit, []) if type_parts(t)[k]]
                    outs = [c for c, t in self.out_terms.get(u.unit, []) if type_parts(t)[k]]
                    before, pupils = int(getattr(u, col)), float(u.pupils)
                    need, floor = int(getattr(u, f"need_{col}")), int(getattr(u, f"floor_{col}"))
                    if not ins and not outs:
                        self.cv_offset += weight * _square(before, pupils, mean)
                        self.short_fixed += max(0, need - before)
                        continue
                    gain = int(u.in_cap) if ins else 0
                    loss = min(int(u.out_cap), int(movable_of.get(u.unit, 0)))
                    hi, lo = before + gain, max(floor, before - loss)
                    a = m.add_var(float(lo), float(hi))
                    self.after[(u.unit, col)] = a
                    m.add_row([a, *ins, *outs], [1.0] + [-1.0] * len(ins) + [1.0] * len(outs),
                              float(before), float(before))
                    if need > before:
                        s = m.add_var(0, INF)
                        m.add_row([s, a], [1.0, 1.0], float(need), INF)
                        self.shortfall.append(s)
                        self.short_of[(u.unit, col)] = s
                    self._tangents(a, lo, hi, pupils, mean, weight)
                    self.cv_parts.append((a, pupils, mean, weight))

    def _tangents(self, a: int, lo: int, hi: int, pupils: float, mean: float, weight: float) -> None:
        m = self.m
        q = m.add_var(0, INF)
        self.cv_terms.append(q)
        if hi == lo:
            m.add_row([q], [1.0], weight * _square(lo, pupils, mean), INF)
            return
        for r in range(lo, hi):
            f0, f1 = weight * _square(r, pupils, mean), weight * _square(r + 1, pupils, mean)
            # q ≥ f0 + (f1 − f0)(a − r)  ⇔  q − (f1 − f0)·a ≥ f0 − (f1 − f0)·r
            m.add_row([q, a], [1.0, -(f1 - f0)], f0 - (f1 - f0) * r, INF)

    # -- the arcs --------------------------------------------------------------------------
    def add_arcs(self) -> None:
        """y per arc, tied to OUT of its class and IN of its destination and type."""
        p, m = self.pool, self.m
        arcs = p.arcs
        keep = np.array([c in self.out and (d, t) in self.in_col for c, d, t in
                         zip(arcs["class"], arcs["dest"], p.classes["type"].to_numpy()[arcs["class"]], strict=True)],
                        dtype=bool) if len(arcs) else np.zeros(0, dtype=bool)
        self.arcs = arcs[keep].reset_index(drop=True)
        self.arc_class = self.arcs["class"].to_numpy()
        self.arc_type = p.classes["type"].to_numpy()[self.arc_class]
        dest = self.arcs["dest"].to_numpy()
        self.y = m.add_vars(len(self.arcs), 0, INF, integer=True)
        for out_col_cls, arcs_of in _groups(self.arc_class).items():
            m.add_row(np.append(self.y[arcs_of], self.out[out_col_cls]),
                      np.append(np.ones(len(arcs_of)), -1.0), 0, 0)
        for key, arcs_of in _groups(dest * N_TYPES + self.arc_type).items():
            col = self.in_col[divmod(int(key), N_TYPES)]
            m.add_row(np.append(self.y[arcs_of], col), np.append(np.ones(len(arcs_of)), -1.0), 0, 0)
        # OUT and IN without any arc can only be 0.
        with_arcs = set(self.arc_class.tolist())
        for cls, col in self.out.items():
            if cls not in with_arcs:
                m.col_upper[col] = 0.0
        arrivals = set(zip(dest.tolist(), self.arc_type.tolist(), strict=True))
        for pair, in_col in self.in_col.items():
            if pair not in arrivals:
                m.col_upper[in_col] = 0.0
        self.distance_cost: Costs = (self.y, self.arcs["cost"].to_numpy(dtype=float))

    # -- solve -----------------------------------------------------------------------------
    def objectives(self) -> dict[str, tuple[Costs, float]]:
        return {
            "rotation_rule": (_costs({self.rot_short: 1.0, self.key_short: 1.0}), 0.0),
            "thresholds": (_costs({s: 1.0 for s in self.shortfall}), self.short_fixed),
            "spread": (_costs({q: 1.0 for q in self.cv_terms}), self.cv_offset),
            "moves": (self.moves_cost, 0.0),
        }

    def solve(self, settings: SolverSettings, cv_tolerance: float, arcs_first: bool,
              cv_squared_max: float | None = None) -> RotationSolution:
        """Stages 0–3 on the aggregate (or, with restricted arcs, on the full model), then stage 4."""
        started = time.perf_counter()
        if arcs_first:
            self.add_arcs()
        solver = StagedSolver(self.m, settings)
        stats: list[SolveStats] = []
        for stage, (costs, offset) in self.objectives().items():
            result = solver.solve(stage, costs, offset, TIME_SHARES[stage], whole=stage in WHOLE)
            stats.append(_unscaled(result) if stage == "spread" else result)
            if not result.solved:
                raise RuntimeError(f"rotation model: stage {stage} found no solution ({result.status})")
            self._hold(solver, stage, costs, offset, result.objective or 0.0, cv_tolerance, cv_squared_max)
        if not arcs_first:
            aggregate = solver.values()
            self.add_arcs()
            left = max(1.0, settings.time_limit - (time.perf_counter() - started))
            solver = StagedSolver(self.m, replace(settings, time_limit=left))
            for costs, upper in self.holds:
                solver.hold(costs, upper)
            stats.append(self._assign(solver, aggregate))
        result = self._distance(solver)
        stats.append(result)
        if not result.solved:
            raise RuntimeError(f"rotation model: stage distance found no solution ({result.status})")
        return self._solution(solver.values(), stats)

    def _hold(self, solver: StagedSolver, stage: str, costs: Costs, offset: float, value: float,
              cv_tolerance: float, cv_squared_max: float | None = None) -> None:
        """Keep what a stage achieved (its whole-number objectives exactly, the CVs within tolerance)."""
        spread = value * (1 + cv_tolerance) + 1e-9
        if cv_squared_max is not None:
            spread = max(spread, cv_squared_max * CV_SCALE)
        upper = {"rotation_rule": value + 1e-6, "thresholds": round(value) + 1e-6,
                 "spread": spread, "moves": round(value) + 1e-6}[stage]
        solver.hold(costs, upper - offset)
        self.holds.append((costs, upper - offset))

    def _distance(self, solver: StagedSolver) -> SolveStats:
        """Stage 4: the LP relaxation on every arc gives the bound; the MIP searches the arcs that matter.

        Arcs kept for the integer search: each class's ``DISTANCE_NEIGHBOURS`` cheapest, every
        arc the incumbent uses and every arc the LP optimum uses. The LP bound over all arcs
        is valid for the whole problem, so the reported gap is against the full model.
        """
        h = solver.highs
        incumbent = solver.values().copy()
        h.setOptionValue("solve_relaxation", True)
        relaxed = solver.solve("distance_lp", self.distance_cost, 0.0, 0.5)
        h.setOptionValue("solve_relaxation", False)
        # Only an LP solved to optimality bounds the full problem; the integer search below
        # runs on fewer arcs, so its own bound says nothing about the full problem.
        proven = relaxed.status == "optimal" and relaxed.objective is not None
        lp = solver.solution if relaxed.solved else None
        solver.solution = incumbent
        rank = self.arcs.groupby("class")["cost"].rank(method="first").to_numpy()
        keep = (rank <= DISTANCE_NEIGHBOURS) | (incumbent[self.y] > 0.5)
        if lp is not None:
            keep |= lp[self.y] > 1e-6
        dropped = self.y[~keep].astype(np.int32)
        h.changeColsBounds(len(dropped), dropped, np.zeros(len(dropped)), np.zeros(len(dropped)))
        result = solver.solve("distance", self.distance_cost, 0.0, TIME_SHARES["distance"])
        if result.objective is None:
            return result
        bound = relaxed.objective if proven else None
        return replace(result, bound=bound, gap=relative_gap(result.objective, bound),
                       seconds=result.seconds + relaxed.seconds)

    def _assign(self, solver: StagedSolver, aggregate: np.ndarray) -> SolveStats:
        """Departures and arrivals fixed as the aggregate chose them: the best arcs for them."""
        fixed = np.arange(self.n_aggregate_cols, dtype=np.int32)
        value = np.rint(aggregate[: self.n_aggregate_cols])
        integer = np.asarray(self.m.col_integer[: self.n_aggregate_cols], dtype=bool)
        lower = np.asarray(self.m.col_lower[: self.n_aggregate_cols])
        upper = np.asarray(self.m.col_upper[: self.n_aggregate_cols])
        cols = fixed[integer]
        solver.highs.changeColsBounds(len(cols), cols, value[integer], value[integer])
        result = solver.solve("assignment", self.distance_cost, 0.0, TIME_SHARES["assignment"])
        solver.highs.changeColsBounds(len(cols), cols, lower[integer], upper[integer])
        if not result.solved:
            raise RuntimeError(f"rotation model: the aggregate plan has no assignment ({result.status})")
        return result

    def size(self) -> dict[str, int]:
        return {"columns": self.m.n_cols, "rows": self.m.n_rows, "aggregate_columns": self.n_aggregate_cols,
                "arcs": len(self.y), "integer_columns": int(sum(self.m.col_integer)),
                "classes": len(self.pool.classes), "units": len(self.pool.units),
                "movable_teachers": len(self.pool.movable)}

    def residuals(self, solution: RotationSolution, settings: SolverSettings,
                  limit: int = 12) -> list[dict[str, object]]:
        """For each unit still short after the plan: the least shortfall it could reach alone.

        Solved on the aggregate model, a relaxation of every arc model: a positive bound
        proves that no plan within the rules can fix that unit, whatever happens elsewhere.
        Zero means it could be fixed alone, but only at the cost of another school's
        shortfall (the total is proven minimal by the thresholds stage).
        """
        out: list[dict[str, object]] = []
        units = self.pool.units
        left = [(key, s) for key, s in self.short_of.items()
                if solution.claims.get(f"{key[0]}:{key[1]}", 0) < units.loc[key[0], f"need_{key[1]}"]]
        alone = StagedSolver(_prefix(self.m, self.n_aggregate_cols),
                             replace(settings, time_limit=min(30.0, settings.time_limit)))
        for (unit, col), s in left[:limit]:
            stats = alone.solve(f"alone:{unit}:{col}", _costs({s: 1.0}), time_share=0.5)
            proven = stats.bound is not None and stats.bound > 1e-6
            out.append(_residual(units.loc[unit], col, int(solution.claims.get(f"{unit}:{col}", 0)),
                                 stats.objective, stats.bound, "bound" if proven else "competition"))
        for key in TEACHER_INDICATORS:
            col = NUMERATOR_OF[key]
            for unit, u in units[units[col] < units[f"need_{col}"]].iterrows():
                if (unit, col) not in self.short_of:
                    gap = float(u[f"need_{col}"] - u[col])
                    out.append(_residual(u, col, int(u[col]), gap, gap,
                                         "outside_plan" if not u["plannable"] else "unreachable"))
        return out

    def _solution(self, x: np.ndarray, stats: list[SolveStats]) -> RotationSolution:
        movers = np.rint(x[self.y]).astype(int)
        flows = self.arcs.assign(type=self.arc_type, movers=movers)
        flows = flows[flows["movers"] > 0].reset_index(drop=True)
        subject_movers = {key: round(x[col]) for key, col in self.z.items() if round(x[col]) > 0}
        claims = {"moves": float(movers.sum()),
                  "shortfall": self.short_fixed + float(sum(
                      max(0, int(self.pool.units.at[unit, f"need_{col}"]) - round(x[a]))
                      for (unit, col), a in self.after.items())),
                  # From the counts, not from the tangent columns (which only bound it from below).
                  "cv_squared_sum": (sum(w * _square(round(x[a]), p, mean) for a, p, mean, w in self.cv_parts)
                                     + self.cv_offset) / CV_SCALE,
                  "rotation_short": float(x[self.rot_short]), "key_short": float(x[self.key_short])}
        for (unit, col), a in self.after.items():
            claims[f"{unit}:{col}"] = float(round(x[a]))
        return RotationSolution(flows, subject_movers, stats, claims)


Costs = tuple[np.ndarray, np.ndarray]


def _costs(mapping: dict[int, float]) -> Costs:
    return np.fromiter(mapping, dtype=np.int32), np.fromiter(mapping.values(), dtype=np.float64)


def _prefix(model: LinearModel, n_cols: int) -> LinearModel:
    """The model's first columns and the rows that use only them (the aggregate model)."""
    out = LinearModel()
    out.col_lower, out.col_upper = model.col_lower[:n_cols], model.col_upper[:n_cols]
    out.col_integer = model.col_integer[:n_cols]
    for lo, hi, idx, val in zip(model.row_lower, model.row_upper, model.row_index, model.row_value, strict=True):
        if len(idx) and idx.max() < n_cols:
            out.row_lower.append(lo)
            out.row_upper.append(hi)
            out.row_index.append(idx)
            out.row_value.append(val)
    return out


def _residual(u: pd.Series, col: str, after: int, least: float | None, bound: float | None,
              reason: str) -> dict[str, object]:
    return {"school_code": u["school_code"], "school_name": u["school_name"], "level": u["level"],
            "numerator": col, "need": int(u[f"need_{col}"]), "after": after, "least_shortfall_alone": least,
            "bound_alone": bound, "proven_unfixable": reason != "competition", "reason": reason}


def _groups(keys: np.ndarray) -> dict[int, np.ndarray]:
    """Positions of each key value (one sort, no Python loop over rows)."""
    keys = np.asarray(keys)
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    cuts = np.flatnonzero(np.diff(sorted_keys)) + 1
    return {int(part_keys[0]): part for part_keys, part in
            zip(np.split(sorted_keys, cuts), np.split(order, cuts), strict=True)}


def _square(count: float, pupils: float, mean: float) -> float:
    """A unit's contribution P·(x − X̄)² to P·variance, with x = 100·count/P."""
    d = 100.0 * count - mean * pupils
    return d * d / pupils


def _unscaled(s: SolveStats) -> SolveStats:
    def un(v: float | None) -> float | None:
        return None if v is None else v / CV_SCALE
    return SolveStats(s.stage, s.status, un(s.objective), un(s.bound), s.gap, s.seconds, s.nodes, s.columns, s.rows)
