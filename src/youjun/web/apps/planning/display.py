"""A plan's options and solver stages as a person reads them: words from ``youjun.core.labels``,
rounded numbers, and objectives with the sign the stage means (a count of compliant schools is
maximised by minimising its negative; the page shows the count)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from youjun.core.labels import PLAN_OPTION_VALUES, code_label, option_label

MAX_NAMES_SHOWN = 10


def _value(key: str, value: Any, lang: str) -> str:
    from youjun.plan.render import fmt

    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, str):
        words = PLAN_OPTION_VALUES.get(value)
        return value if words is None else words[0 if lang == "zh" else 1]
    if isinstance(value, list):
        shown = "、".join(map(str, value[:MAX_NAMES_SHOWN]))
        if len(value) > MAX_NAMES_SHOWN:
            shown += f" 等 {len(value)} 项" if lang == "zh" else f" and {len(value) - MAX_NAMES_SHOWN} more"
        return shown
    if isinstance(value, Mapping):
        sep = "；" if lang == "zh" else "; "
        return sep.join(f"{'全区' if k == '*' and lang == 'zh' else ('whole district' if k == '*' else k)}："
                        f"{_value(str(k), v, lang)}" for k, v in value.items())
    return fmt(value)


def options_rows(options: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """The options a plan was made with, one row each; a what-if's changes are counted (the page
    lists them under "changes applied")."""
    rows: list[dict[str, str]] = []
    for key, value in options.items():
        if key == "scenario" and isinstance(value, Mapping):
            changes = value.get("changes") or []
            rows.append({"label": option_label("name", lang), "value": str(value.get("name") or "—")})
            rows.append({"label": option_label("changes", lang),
                         "value": f"{len(changes)} 项" if lang == "zh" else f"{len(changes)}"})
            continue
        rows.append({"label": option_label(str(key), lang), "value": _value(str(key), value, lang)})
    return rows


def stage_rows(stages: list[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    from youjun.plan.render import shown_stages

    return [{**s, "status_words": code_label("solver_status", s.get("status"), lang)} for s in shown_stages(stages)]


def stage_labels(lang: str) -> list[tuple[str, str]]:
    """(``stage_<name>``, words) of every solver stage, for the progress page."""
    from youjun.plan.render import LABELS

    return [(k, v[0 if lang == "zh" else 1]) for k, v in LABELS.items() if k.startswith("stage_")]


def elapsed_seconds(started: Any) -> int | None:
    if started is None:
        return None
    from django.utils import timezone

    return max(0, int((timezone.now() - started).total_seconds()))


def duration_text(seconds: int, lang: str) -> str:
    m, s = divmod(int(seconds), 60)
    if lang == "zh":
        return f"{m} 分 {s} 秒" if m else f"{s} 秒"
    return f"{m} min {s} s" if m else f"{s} s"
