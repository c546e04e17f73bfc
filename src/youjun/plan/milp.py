"""A small linear-model builder on HiGHS, solved in lexicographic stages.

The planners write their models as columns (bounds, integrality) and sparse rows, then ask
for a sequence of objectives: after each stage the achieved value is added as a row, so the
next stage cannot give it back. Each stage reports HiGHS's objective, dual bound, relative
MIP gap and time, which is what a plan shows as its proof of quality.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import highspy
import numpy as np

INF = math.inf


@dataclass(frozen=True)
class SolveStats:
    """One stage of a solve: what HiGHS found and how far from proven optimal it is."""

    stage: str
    status: str  # "optimal", "time_limit", "infeasible", "interrupted", ...
    objective: float | None
    bound: float | None  # the dual bound: no solution can be better than this
    gap: float | None  # relative MIP gap |objective − bound| / |objective| (0 when proven)
    seconds: float
    nodes: int
    columns: int
    rows: int

    @property
    def solved(self) -> bool:
        return self.objective is not None

    def to_dict(self) -> dict[str, Any]:
        return {"stage": self.stage, "status": self.status, "objective": self.objective,
                "bound": self.bound, "gap": self.gap, "seconds": round(self.seconds, 3),
                "nodes": self.nodes, "columns": self.columns, "rows": self.rows}


class LinearModel:
    """Columns and rows, accumulated in plain lists and handed to HiGHS in one go."""

    def __init__(self) -> None:
        self.col_lower: list[float] = []
        self.col_upper: list[float] = []
        self.col_integer: list[bool] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.row_index: list[np.ndarray] = []
        self.row_value: list[np.ndarray] = []

    @property
    def n_cols(self) -> int:
        return len(self.col_lower)

    @property
    def n_rows(self) -> int:
        return len(self.row_lower)

    def add_vars(self, n: int, lower: float = 0.0, upper: float = INF,
                 integer: bool = False) -> np.ndarray:
        """Add ``n`` columns with the same bounds; returns their indices."""
        start = self.n_cols
        self.col_lower += [lower] * n
        self.col_upper += [upper] * n
        self.col_integer += [integer] * n
        return np.arange(start, start + n, dtype=np.int32)

    def add_var(self, lower: float = 0.0, upper: float = INF, integer: bool = False) -> int:
        return int(self.add_vars(1, lower, upper, integer)[0])

    def set_upper(self, col: int, upper: float) -> None:
        self.col_upper[col] = upper

    def add_row(self, index: Sequence[int] | np.ndarray, value: Sequence[float] | np.ndarray,
                lower: float = -INF, upper: float = INF) -> int:
        """lower ≤ Σ value·x[index] ≤ upper; duplicate indices are summed."""
        idx = np.asarray(index, dtype=np.int32)
        val = np.asarray(value, dtype=np.float64)
        if len(idx) != len(np.unique(idx)):
            merged: dict[int, float] = {}
            for i, v in zip(idx.tolist(), val.tolist(), strict=True):
                merged[i] = merged.get(i, 0.0) + v
            idx = np.fromiter(merged, dtype=np.int32)
            val = np.fromiter(merged.values(), dtype=np.float64)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        self.row_index.append(idx)
        self.row_value.append(val)
        return self.n_rows - 1


@dataclass(frozen=True)
class SolverSettings:
    time_limit: float = 60.0  # seconds for the whole staged solve
    mip_rel_gap: float = 1e-4  # HiGHS stops a stage once proven within this relative gap
    threads: int = 2
    seed: int = 0
    log: bool = False


# Who wants to hear that a solver stage starts (a web worker reports it as progress). A context
# variable, so a plan made in a thread reports to its own task and the engine keeps no globals.
STAGE_LISTENER: ContextVar[Callable[[str], None] | None] = ContextVar("youjun_stage_listener", default=None)


class StagedSolver:
    """Solve one model under several objectives in turn, each holding the previous ones."""

    def __init__(self, model: LinearModel, settings: SolverSettings) -> None:
        self.model = model
        self.settings = settings
        self.started = time.perf_counter()
        self.highs = _new_highs()
        h = self.highs
        h.setOptionValue("output_flag", settings.log)
        h.setOptionValue("threads", settings.threads)
        h.setOptionValue("random_seed", settings.seed)
        h.setOptionValue("mip_rel_gap", settings.mip_rel_gap)
        n = model.n_cols
        h.addVars(n, np.asarray(model.col_lower, dtype=np.float64),
                  np.asarray(model.col_upper, dtype=np.float64))
        integer = np.asarray(model.col_integer, dtype=bool)
        if integer.any():
            cols = np.flatnonzero(integer).astype(np.int32)
            h.changeColsIntegrality(len(cols), cols,
                                    np.full(len(cols), highspy.HighsVarType.kInteger.value,
                                            dtype=np.uint8))
        self._push_rows(range(model.n_rows))
        self.has_integers = bool(integer.any())
        self.solution: np.ndarray | None = None

    def _push_rows(self, rows: Iterable[int]) -> None:
        m = self.model
        rows = list(rows)
        if not rows:
            return
        starts = np.zeros(len(rows), dtype=np.int32)
        total = 0
        for k, r in enumerate(rows):
            starts[k] = total
            total += len(m.row_index[r])
        index = np.concatenate([m.row_index[r] for r in rows]).astype(np.int32)
        value = np.concatenate([m.row_value[r] for r in rows]).astype(np.float64)
        self.highs.addRows(len(rows), np.asarray([m.row_lower[r] for r in rows], dtype=np.float64),
                           np.asarray([m.row_upper[r] for r in rows], dtype=np.float64),
                           total, starts, index, value)

    def remaining(self) -> float:
        return max(0.0, self.settings.time_limit - (time.perf_counter() - self.started))

    def solve(self, stage: str, costs: dict[int, float] | tuple[np.ndarray, np.ndarray],
              offset: float = 0.0, time_share: float = 1.0, whole: bool = False) -> SolveStats:
        """Minimise Σ cost·x + offset; warm-started from the previous stage's solution.

        ``whole``: the objective takes whole-number values only (a count), so the stage is
        solved to proven optimality (absolute gap below 1) rather than to a relative gap.
        """
        listener = STAGE_LISTENER.get()
        if listener is not None:
            listener(stage)
        h = self.highs
        n = self.model.n_cols
        if n == 0:  # nothing to decide (e.g. no project is needed): HiGHS calls that model "empty"
            self.solution = np.zeros(0, dtype=np.float64)
            return SolveStats(stage, "optimal", float(offset), float(offset), 0.0, 0.0, 0, 0, self.highs.getNumRow())
        cost = np.zeros(n, dtype=np.float64)
        if isinstance(costs, dict):
            for i, c in costs.items():
                cost[i] += c
        else:
            np.add.at(cost, costs[0], costs[1])
        h.changeColsCost(n, np.arange(n, dtype=np.int32), cost)
        h.changeObjectiveOffset(offset)
        h.setOptionValue("time_limit", max(0.5, self.remaining() * time_share))
        h.setOptionValue("mip_rel_gap", 0.0 if whole else self.settings.mip_rel_gap)
        h.setOptionValue("mip_abs_gap", 0.999 if whole else 1e-6)
        if self.solution is not None and self.has_integers:
            h.setSolution(n, np.arange(n, dtype=np.int32), self.solution)
        t0 = time.perf_counter()
        h.run()
        seconds = time.perf_counter() - t0
        status = h.modelStatusToString(h.getModelStatus()).lower().replace(" ", "_")
        info = h.getInfo()
        has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
        objective = float(info.objective_function_value) if has_solution else None
        if self.has_integers:
            bound = float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else None
            gap = relative_gap(objective, bound)
        else:
            bound, gap = objective, (0.0 if objective is not None else None)
        if has_solution:
            self.solution = np.asarray(h.getSolution().col_value, dtype=np.float64)
        return SolveStats(stage, _status_name(status), objective, bound, gap, seconds,
                          int(info.mip_node_count) if self.has_integers else 0,
                          self.model.n_cols, self.highs.getNumRow())

    def hold(self, costs: dict[int, float] | tuple[np.ndarray, np.ndarray], upper: float) -> None:
        """Add Σ cost·x ≤ upper: the next stages keep what this one achieved."""
        if isinstance(costs, dict):
            idx = np.fromiter(costs, dtype=np.int32)
            val = np.fromiter(costs.values(), dtype=np.float64)
        else:
            idx, val = np.asarray(costs[0], dtype=np.int32), np.asarray(costs[1], dtype=np.float64)
        # Straight to HiGHS: the model itself stays as built, for other solves of it.
        self.highs.addRow(-INF, float(upper), len(idx), idx, val)

    def values(self) -> np.ndarray:
        if self.solution is None:
            raise RuntimeError("no solution yet")
        return self.solution


_BANNER_SHOWN = False


def _new_highs() -> highspy.Highs:
    """A HiGHS instance; its copyright banner (printed by C++ on the first one) goes to stderr.

    The banner would otherwise land in the middle of a command's JSON on stdout.
    """
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        return highspy.Highs()
    _BANNER_SHOWN = True
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        return highspy.Highs()
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def relative_gap(objective: float | None, bound: float | None) -> float | None:
    if objective is None or bound is None:
        return None
    diff = abs(objective - bound)
    if diff <= 1e-9 * max(1.0, abs(objective)):
        return 0.0
    return diff / max(abs(objective), 1e-9)


def _status_name(status: str) -> str:
    names = {"optimal": "optimal", "time_limit_reached": "time_limit", "infeasible": "infeasible",
             "interrupted_by_user": "interrupted"}
    return names.get(status, status)
