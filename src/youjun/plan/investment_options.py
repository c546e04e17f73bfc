"""Unit costs and options of an investment plan: ``defaults/investment.yaml`` plus the bureau's own."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

from youjun.plan.defaults import coerce_value, load_default, merged
from youjun.plan.milp import SolverSettings


@dataclass(frozen=True)
class InvestmentOptions:
    building_yuan_per_m2: float = 3500.0
    sports_ground_yuan_per_m2: float = 400.0
    multimedia_classroom_yuan: float = 60000.0
    equipment_yuan_per_yuan: float = 1.0
    music_room_yuan: float = 420000.0
    art_room_yuan: float = 360000.0
    include_private: bool = False
    improve_compliant_schools: bool = False
    cv_tolerance: float = 0.01
    time_limit_s: float = 60.0
    mip_rel_gap: float = 0.001
    threads: int = 2
    seed: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, float) and value < 0:
                raise ValueError(f"{f.name} 不能为负数 / {f.name} must not be negative")

    @classmethod
    def build(cls, overrides: Mapping[str, Any] | None = None) -> InvestmentOptions:
        values = merged("investment", overrides)
        known = {f.name: f for f in fields(cls)}
        return cls(**{k: coerce_value(v, str(known[k].type)) for k, v in values.items() if k in known})

    def solver(self) -> SolverSettings:
        return SolverSettings(time_limit=float(self.time_limit_s), mip_rel_gap=float(self.mip_rel_gap),
                              threads=int(self.threads), seed=int(self.seed))

    def unit_costs(self) -> dict[str, float]:
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name.endswith(("_m2", "_yuan"))}

    def to_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @staticmethod
    def label() -> dict[str, str]:
        return dict(load_default("investment")["label"])
