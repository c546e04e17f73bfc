"""Default planning assumptions (YAML beside this file): local choices, never law.

Each file has ``label`` (zh/en, shown in every plan that uses it) and ``values``. Callers
overlay their own values with ``merged`` — unknown keys are refused so a typo cannot pass
silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml


def load_default(name: str) -> dict[str, Any]:
    """The parsed defaults file ``<name>.yaml`` (keys ``label`` and ``values``)."""
    text = resources.files(__package__).joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "values" not in data:
        raise ValueError(f"defaults file {name}.yaml needs a 'values' mapping")
    return data


def read_overrides(path: str | Path) -> dict[str, Any]:
    """A user's YAML or JSON file of values (either flat or under ``values:``)."""
    from youjun.plan.userfiles import read_user_yaml

    data = read_user_yaml(path, "options") or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of option names to values")
    values = data.get("values", data)
    return dict(values)


def merged(name: str, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults of ``name`` with ``overrides`` applied (nested mappings merged one level)."""
    values = dict(load_default(name)["values"])
    for key, value in (overrides or {}).items():
        if key not in values:
            raise KeyError(f"unknown {name} option {key!r}; known: {', '.join(sorted(values))}")
        if isinstance(values[key], dict) and isinstance(value, Mapping):
            values[key] = {**values[key], **value}
        else:
            values[key] = value
    return values


def coerce_value(value: Any, annotation: str) -> Any:
    """Values from YAML or the command line ("0.2", "true", "null") in the field's type."""
    if value is None or (isinstance(value, str) and value.strip().lower() in ("null", "none", "")):
        if "None" not in annotation:
            raise ValueError(f"a value is required (type {annotation})")
        return None
    if annotation.startswith("bool"):
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "y", "是")
        return bool(value)
    if annotation.startswith("int"):
        return int(value)
    if annotation.startswith("float"):
        return float(value)
    return value
