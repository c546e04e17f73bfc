"""The history page's reads: audit events filtered by who, what and when, shown in words.

An event's ``before``/``after`` are stored as JSON for the record; a person reads them as a
list of fields — each field named in words, its value before and after — never as a dict.
Log-ins and account security are listed apart from changes to data (``SIGN_IN_ACTIONS``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from youjun.core.labels import AUDIT_ACTIONS, SIGN_IN_ACTIONS, code_label, option_label
from youjun.web.apps.platform.models import AuditEvent, Role

KINDS = ("changes", "signins", "all")
MAX_LIST_SHOWN = 5  # a list value shows its first items and its length


@dataclass(frozen=True)
class Filters:
    kind: str = "changes"
    user: str = ""
    action: str = ""
    since: dt.date | None = None
    until: dt.date | None = None
    district: str = ""

    def query(self) -> str:
        """The filters as a query string (for the pager's links)."""
        from urllib.parse import urlencode

        pairs = {"kind": self.kind, "user": self.user, "action": self.action, "district": self.district,
                 "since": self.since.isoformat() if self.since else "",
                 "until": self.until.isoformat() if self.until else ""}
        return urlencode({k: v for k, v in pairs.items() if v})


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text or "").strip()[:10])
    except ValueError:
        return None


def filters_from(params: Mapping[str, str]) -> Filters:
    kind = params.get("kind", "changes")
    action = params.get("action", "").strip()
    return Filters(kind=kind if kind in KINDS else "changes", user=params.get("user", "").strip()[:150],
                   action=action if action in AUDIT_ACTIONS else "", since=_date(params.get("since")),
                   until=_date(params.get("until")), district=params.get("district", "").strip()[:12])


def apply(events: QuerySet[AuditEvent], f: Filters) -> QuerySet[AuditEvent]:
    if f.kind == "changes":
        events = events.exclude(action__in=SIGN_IN_ACTIONS)
    elif f.kind == "signins":
        events = events.filter(action__in=SIGN_IN_ACTIONS)
    if f.user:
        events = events.filter(actor_name=f.user)
    if f.action:
        events = events.filter(action=f.action)
    if f.since:
        events = events.filter(at__date__gte=f.since)
    if f.until:
        events = events.filter(at__date__lte=f.until)
    if f.district:
        events = events.filter(district__code=f.district)
    return events


def action_choices(kind: str, lang: str) -> list[tuple[str, str]]:
    """The actions the filter offers for a tab, in words."""
    codes = [a for a in AUDIT_ACTIONS if kind == "all" or (a in SIGN_IN_ACTIONS) == (kind == "signins")]
    return [(a, code_label("audit_action", a, lang)) for a in codes]


def actors(events: QuerySet[AuditEvent], limit: int = 200) -> list[str]:
    return [n for n in events.order_by().values_list("actor_name", flat=True).distinct()[:limit] if n]


# -- an event in words -------------------------------------------------------------------------

def _field_label(key: str, lang: str) -> str:
    from youjun.core.schema import TABLES, TABLES_BY_KEY

    if key in TABLES_BY_KEY:  # a count of rows per table
        t = TABLES_BY_KEY[key]
        return t.zh if lang == "zh" else t.en
    from youjun.plan.render import label as plan_label

    words = option_label(key, lang)
    if words != key:
        return words
    words = plan_label(key, lang)  # a plan's headline figures, as the plan page names them
    if words != key:
        return words
    for table in TABLES:
        if key in table.by_key:
            f = table.by_key[key]
            return f.zh if lang == "zh" else f.en
    return key


_VALUE_KINDS = {"role": None, "kind": None, "status": "status", "subject": "subject", "location": "location",
                "school_type": "school_type", "ownership": "ownership", "method": None,
                "existing_rotations": None}


def value_text(key: str, value: Any, lang: str) -> str:
    """One stored value as a reader sees it: words for codes, yes/no, short lists, rounded numbers."""
    from youjun.core.labels import PLAN_OPTION_VALUES

    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, int):
        return str(value) if key.endswith(("id", "plan", "run", "snapshot", "submission")) else f"{value:,}"
    if isinstance(value, list):
        shown = "、".join(value_text(key, v, lang) for v in value[:MAX_LIST_SHOWN])
        more = len(value) - MAX_LIST_SHOWN
        if more > 0:
            shown += f" 等 {len(value)} 项" if lang == "zh" else f" and {more} more"
        return shown
    if isinstance(value, Mapping):
        if set(value) == {"count", "first"}:  # a long list the audit summarised
            return f"{value['count']} 项" if lang == "zh" else f"{value['count']} items"
        return "；".join(f"{_field_label(str(k), lang)}：{value_text(str(k), v, lang)}" for k, v in value.items()) \
            if lang == "zh" else "; ".join(f"{_field_label(str(k), lang)}: {value_text(str(k), v, lang)}"
                                           for k, v in value.items())
    text = str(value)
    if key == "role":
        try:
            return str(Role(text).label)
        except ValueError:
            return text
    if text in PLAN_OPTION_VALUES:
        return PLAN_OPTION_VALUES[text][0 if lang == "zh" else 1]
    if key == "kind":
        from youjun.web.apps.planning.models import PlanRun

        try:
            return str(PlanRun.Kind(text).label)
        except ValueError:
            return code_label("district_kind", text, lang)
    table = _VALUE_KINDS.get(key)
    return code_label(table, text, lang) if table else text


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """A change's fields one level deep (``options`` → its options), so each reads as a row."""
    if not isinstance(value, Mapping) or set(value) == {"count", "first"}:
        return {prefix or "value": value}
    out: dict[str, Any] = {}
    for k, v in value.items():
        key = f"{prefix}.{k}" if prefix else str(k)
        if isinstance(v, Mapping) and not prefix and set(v) != {"count", "first"}:
            out.update(_flatten(v, key))
        else:
            out[key] = v
    return out


def changes(event: AuditEvent, lang: str) -> list[dict[str, str]]:
    """The fields an event changed or recorded: label, before, after (only fields that differ
    when both sides are known)."""
    before, after = _flatten(event.before) if event.before is not None else {}, \
        _flatten(event.after) if event.after is not None else {}
    rows = []
    for key in [*before, *(k for k in after if k not in before)]:
        b, a = before.get(key), after.get(key)
        if key in before and key in after and b == a:
            continue
        leaf = key.rsplit(".", 1)[-1]
        label = " · ".join(_field_label(part, lang) if part != "value" else ("取值" if lang == "zh" else "value")
                           for part in key.split("."))
        rows.append({"field": label, "before": value_text(leaf, b, lang) if key in before else "",
                     "after": value_text(leaf, a, lang) if key in after else ""})
    return rows


OBJECT_TYPES: dict[str, tuple[str, str]] = {  # objects whose stored description is a code, named anew
    "planrun": ("规划", "plan"), "assessmentrun": ("评估", "assessment"), "snapshot": ("数据版本", "data version"),
    "upload": ("上传文件", "upload"), "submission": ("填报", "submission"), "apitoken": ("接口令牌", "API token"),
    "membership": ("角色", "role"),
}


def object_text(e: AuditEvent, lang: str) -> str:
    words = OBJECT_TYPES.get(e.object_type.rsplit(".", 1)[-1].lower())
    if words is None or not e.object_id:
        return e.object_repr
    return f"{words[0 if lang == 'zh' else 1]} #{e.object_id}"


def rows(events: Any, lang: str) -> list[dict[str, Any]]:
    return [{"event": e, "action": code_label("audit_action", e.action, lang), "object": object_text(e, lang),
             "signin": e.action in SIGN_IN_ACTIONS, "changes": changes(e, lang)} for e in events]
