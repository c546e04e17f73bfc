"""The options of a rotation plan: defaults from ``defaults/rotation.yaml`` plus the bureau's own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from youjun.plan.defaults import coerce_value, load_default, merged
from youjun.plan.milp import SolverSettings

EXISTING_ROTATIONS = ("reset", "count")


@dataclass(frozen=True)
class RotationOptions:
    existing_rotations: str = "reset"
    include_private: bool = False
    max_in_share: float = 0.2
    max_out_share: float = 0.2
    max_net_loss_share: float = 0.05
    min_keep_per_subject: int = 1
    max_distance_km: float | None = None
    same_town: bool = False
    group_penalty_km: float = 5.0
    cv_tolerance: float = 0.01
    cv_squared_max: float | None = None
    max_candidates: int | None = None
    time_limit_s: float = 60.0
    mip_rel_gap: float = 0.001
    threads: int = 2
    seed: int = 0
    frozen_teachers: frozenset[str] = field(default_factory=frozenset)
    frozen_schools: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.existing_rotations not in EXISTING_ROTATIONS:
            raise ValueError(f"existing_rotations 只能是 {'、'.join(EXISTING_ROTATIONS)} / existing_rotations must be "
                             f"one of {', '.join(EXISTING_ROTATIONS)}")
        for name in ("max_in_share", "max_out_share", "max_net_loss_share"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(f"{name} 须在 0 到 1 之间 / {name} must be between 0 and 1")
        if self.cv_tolerance < 0:
            raise ValueError("cv_tolerance 不能为负数 / cv_tolerance must not be negative")

    @classmethod
    def build(cls, overrides: Mapping[str, Any] | None = None, *,
              frozen_teachers: Iterable[str] = (), frozen_schools: Iterable[str] = ()) -> RotationOptions:
        """Defaults from the YAML file, then ``overrides`` (unknown names are refused)."""
        values = merged("rotation", overrides)
        known = {f.name: f for f in fields(cls)}
        kwargs = {k: coerce_value(v, str(known[k].type)) for k, v in values.items() if k in known}
        return cls(**kwargs, frozen_teachers=frozenset(map(str, frozen_teachers)),
                   frozen_schools=frozenset(map(str, frozen_schools)))

    def solver(self) -> SolverSettings:
        return SolverSettings(time_limit=float(self.time_limit_s), mip_rel_gap=float(self.mip_rel_gap),
                              threads=int(self.threads), seed=int(self.seed))

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["frozen_teachers"] = sorted(self.frozen_teachers)
        out["frozen_schools"] = sorted(self.frozen_schools)
        return out

    @staticmethod
    def label() -> dict[str, str]:
        return dict(load_default("rotation")["label"])
