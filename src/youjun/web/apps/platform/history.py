"""The history page's reads: audit events filtered by who, what and when, shown in words.

An event's ``before``/``after`` are stored as JSON for the record; a person reads them as a
list of fields — each field named in words, its value before and after — never as a dict.
Log-ins and account security are listed apart from changes to data (``SIGN_IN_ACTIONS``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from youjun.core.labels import AUDIT_ACTION_ALIASES, AUDIT_ACTIONS, SIGN_IN_ACTIONS, code_label, option_label
from youjun.web.apps.platform.models import AuditEvent, Role
from youjun.web.dates import typed_date

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


def canonical_action(code: str) -> str:
    """The action a stored code stands for (a code an earlier version wrote → today's)."""
    return AUDIT_ACTION_ALIASES.get(code, code)


def _codes_of(action: str) -> list[str]:
    """Every stored code of one action: its own and the older ones."""
    return [action, *(old for old, new in AUDIT_ACTION_ALIASES.items() if new == action)]


def filters_from(params: Mapping[str, str]) -> Filters:
    kind = params.get("kind", "changes")
    action = canonical_action(params.get("action", "").strip())
    return Filters(kind=kind if kind in KINDS else "changes", user=params.get("user", "").strip()[:150],
                   action=action if action in AUDIT_ACTIONS else "", since=typed_date(params.get("since")),
                   until=typed_date(params.get("until")), district=params.get("district", "").strip()[:12])


def apply(events: QuerySet[AuditEvent], f: Filters) -> QuerySet[AuditEvent]:
    if f.kind == "changes":
        events = events.exclude(action__in=SIGN_IN_ACTIONS)
    elif f.kind == "signins":
        events = events.filter(action__in=SIGN_IN_ACTIONS)
    if f.user:
        events = events.filter(actor_name=f.user)
    if f.action:
        events = events.filter(action__in=_codes_of(f.action))
    if f.since:
        events = events.filter(at__date__gte=f.since)
    if f.until:
        events = events.filter(at__date__lte=f.until)
    if f.district:
        events = events.filter(district__code=f.district)
    return events


def action_choices(kind: str, lang: str, events: QuerySet[AuditEvent] | None = None,
                   current: str = "") -> list[tuple[str, str]]:
    """The actions the filter offers for a tab, in words: of ``events`` (the history the user
    may read), only the actions found there (and the one chosen)."""
    found = None if events is None else (
        {canonical_action(a) for a in events.order_by().values_list("action", flat=True).distinct()} | {current})
    codes = [a for a in AUDIT_ACTIONS if (kind == "all" or (a in SIGN_IN_ACTIONS) == (kind == "signins"))
             and (found is None or a in found)]
    return [(a, code_label("audit_action", a, lang)) for a in codes]


def actors(events: QuerySet[AuditEvent], limit: int = 200) -> list[str]:
    return [n for n in events.order_by().values_list("actor_name", flat=True).distinct()[:limit] if n]


# -- an event in words -------------------------------------------------------------------------

# Fields an audit records under another name than the one labelled ("office" of a finding).
_FIELD_ALIASES = {"office": "owner"}


def _field_label(key: str, lang: str) -> str:
    from youjun.core.schema import TABLES, TABLES_BY_KEY

    key = _FIELD_ALIASES.get(key, key)
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
                "existing_rotations": None, "state": "consultation_state", "category": "consultation_category",
                "satisfaction": "consultation_satisfaction", "fixed": "consultation_fixed",
                "channel": "consultation_channel", "venue": "consultation_venue",
                "self_level": "schooleval_level", "review_level": "schooleval_level", "op": "schooleval_op",
                "source": "schooleval_source", "evaluators": "schooleval_evaluator",
                "methods": "schooleval_method", "confidence": "schooleval_confidence",
                "mode": "fitness_import_mode", "training_level": "training_level", "hour_type": "hour_type",
                "rater_kind": "appraisal_rater_kind", "to_stage": "growth_stage", "growth_stage": "growth_stage",
                "pi_kind": "integrity_kind", "pi_layer": "integrity_layer", "pi_who": "integrity_who",
                "pi_step": "integrity_step", "pi_source": "integrity_source"}

# fields one area records under a general name, named for that area (action prefix → field → key)
_ACTION_FIELDS: tuple[tuple[str, dict[str, str]], ...] = (
    ("workforce_growth_", {"to": "to_stage", "stage": "growth_stage"}),
    ("workforce_appraisal_", {"kind": "rater_kind"}),
    ("party_integrity_", {k: f"pi_{k}" for k in (
        "kind", "layer", "participants", "pupils", "teachers", "parents", "stage", "key_point", "files", "start",
        "end", "stages", "key_points", "activity", "link", "handler", "revoked_at", "case", "received_on",
        "published_on", "step", "source", "channel", "number")} | {"participant_kinds": "pi_who"}),
)


def _action_fields(action: str) -> dict[str, str]:
    return next((fields for prefix, fields in _ACTION_FIELDS if action.startswith(prefix)), {})


_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _numeric_field(key: str) -> bool:
    from youjun.core.schema import TABLES, FieldType

    return any(key in t.by_key and t.by_key[key].type in (FieldType.INTEGER, FieldType.NUMBER) for t in TABLES)


PlaceNames = Mapping[tuple[str, int], str]
PLACE_KEYS = ("district", "school", "province")  # a stored database key of these reads as its name


def value_text(key: str, value: Any, lang: str, names: PlaceNames | None = None) -> str:
    """One stored value as a reader sees it: words for codes, yes/no, short lists, rounded numbers.
    ``names``: the page's places by (kind, key), looked up once (``place_names``)."""
    from youjun.core.labels import PLAN_OPTION_VALUES

    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ("是" if value else "否") if lang == "zh" else ("yes" if value else "no")
    if isinstance(value, float):
        return f"{value:,.3f}".rstrip("0").rstrip(".")
    if isinstance(value, int) and key in PLACE_KEYS:  # a stored key: its name
        return (place_names([(key, value)]) if names is None else names).get((key, value), "—")
    if isinstance(value, int):
        return str(value) if key.endswith(("id", "plan", "run", "snapshot", "submission")) else f"{value:,}"
    if isinstance(value, list):
        shown = "、".join(value_text(key, v, lang, names) for v in value[:MAX_LIST_SHOWN])
        more = len(value) - MAX_LIST_SHOWN
        if more > 0:
            shown += f" 等 {len(value)} 项" if lang == "zh" else f" and {more} more"
        return shown
    if isinstance(value, Mapping):
        if set(value) == {"count", "first"}:  # a long list the audit summarised
            return f"{value['count']} 项" if lang == "zh" else f"{value['count']} items"
        return "；".join(f"{_field_label(str(k), lang)}：{value_text(str(k), v, lang, names)}"
                        for k, v in value.items()) \
            if lang == "zh" else "; ".join(f"{_field_label(str(k), lang)}: {value_text(str(k), v, lang, names)}"
                                           for k, v in value.items())
    text = str(value)
    if lang == "zh" and _ISO_DATE.match(text):  # a date the audit stored as ISO text, in words
        year, month, day = (int(x) for x in text[:10].split("-"))
        return f"{year}年{month}月{day}日"
    if _NUMBER.match(text) and _numeric_field(key):  # a figure as a form kept it: "10291.1" → "10,291.1"
        sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
        whole, _, part = digits.partition(".")
        return f"{sign}{int(whole):,}" + (f".{part}" if part else "")
    if key == "role":
        try:
            return str(Role(text).label)
        except ValueError:
            return code_label("consultation_role", text, lang)
    if text in PLAN_OPTION_VALUES:
        return PLAN_OPTION_VALUES[text][0 if lang == "zh" else 1]
    if key == "kind":
        from youjun.web.apps.planning.models import PlanRun

        try:
            return str(PlanRun.Kind(text).label)
        except ValueError:
            if text in ("concern", "opinion"):
                return code_label("consultation_kind", text, lang)
            if text in ("staff", "member", "department"):  # a committee role (Participant.kind)
                return code_label("consultation_role", text, lang)
            return code_label("district_kind", text, lang)
    table = _VALUE_KINDS.get(key)
    return code_label(table, text, lang) if table else text


def place_names(keys: Any) -> dict[tuple[str, int], str]:
    """Districts, schools and provinces recorded by their database key, by name: one query per
    kind for a whole page (a key no longer found is left out, and reads as "—")."""
    from youjun.web.apps.platform.models import District, Province, School

    models: dict[str, Any] = {"district": District, "school": School, "province": Province}
    wanted: dict[str, set[int]] = {}
    for kind, pk in keys:
        wanted.setdefault(kind, set()).add(pk)
    return {(kind, pk): str(name) for kind, pks in wanted.items()
            for pk, name in models[kind].objects.filter(pk__in=pks).values_list("pk", "name") if name}


def _place_keys(key: str, value: Any) -> Any:
    """(kind, key) of every place ``value_text`` would name in a stored value."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from _place_keys(str(k), v)
    elif isinstance(value, list):
        for v in value:
            yield from _place_keys(key, v)
    elif isinstance(value, int) and not isinstance(value, bool) and key in PLACE_KEYS:
        yield key, value


MAX_DEPTH = 3  # figures → table → field: each field of a submission reads as its own line


def _flatten(value: Any, prefix: str = "", depth: int = 0) -> dict[str, Any]:
    """A change's fields down to ``MAX_DEPTH`` (``options`` → its options, ``figures`` → each
    table's fields), so each reads as a line of its own, never as one block of text."""
    if not isinstance(value, Mapping) or set(value) == {"count", "first"}:
        return {prefix or "value": value}
    out: dict[str, Any] = {}
    for k, v in value.items():
        key = f"{prefix}.{k}" if prefix else str(k)
        if isinstance(v, Mapping) and v and depth + 1 < MAX_DEPTH and set(v) != {"count", "first"}:
            out.update(_flatten(v, key, depth + 1))
        else:
            out[key] = v
    return out


def changes(event: AuditEvent, lang: str, names: PlaceNames | None = None) -> list[dict[str, Any]]:
    """The fields an event changed or recorded: label, before, after (only fields that differ
    when both sides are known)."""
    before, after = _flatten(event.before) if event.before is not None else {}, \
        _flatten(event.after) if event.after is not None else {}
    rows = []
    named = _action_fields(event.action or "")
    for key in [*before, *(k for k in after if k not in before)]:
        b, a = before.get(key), after.get(key)
        if key in before and key in after and b == a:
            continue
        parts = [named.get(part, part) for part in key.split(".")]
        leaf = parts[-1]
        label = " · ".join(_field_label(part, lang) if part != "value" else ("取值" if lang == "zh" else "value")
                           for part in parts)
        rows.append({"field": label, "before": value_text(leaf, b, lang, names) if key in before else "",
                     "after": value_text(leaf, a, lang, names) if key in after else "",
                     "had_before": key in before, "colon": "：" if lang == "zh" else ": "})
    return rows


OBJECT_TYPES: dict[str, tuple[str, str]] = {  # objects whose stored description is a code, named anew
    "planrun": ("规划", "plan"), "assessmentrun": ("评估", "assessment"), "snapshot": ("数据版本", "data version"),
    "upload": ("上传文件", "upload"), "submission": ("填报", "submission"), "apitoken": ("接口令牌", "API token"),
    "membership": ("角色", "role"),
}


def _finding_text(e: AuditEvent, lang: str) -> str:
    """A finding of the rectification list in words: "永川区 2025-2026 · 某学校 · Q4 教师培训经费…".
    Its stored description is "<district code> <school year> <school code>:<requirement>[:<level>]"."""
    from youjun.report.rectification import LEVEL_NAMES, requirement_title

    parts = e.object_repr.split(" ")
    if len(parts) != 3 or ":" not in parts[2]:
        return e.object_repr
    _district, year, key = parts
    code, requirement, *level = key.split(":")
    zh = lang == "zh"
    where = e.district.name if e.district else _district
    who = (e.school.name if e.school and e.school.code == code
           else (("全区" if zh else "district-wide") if code == "district" else code))
    what = f"{requirement.upper()} {requirement_title(requirement, lang)}"
    if level and level[0] in LEVEL_NAMES:
        what += f" · {LEVEL_NAMES[level[0]][0 if zh else 1]}"
    return f"{where} {year} · {who} · {what}"


def object_text(e: AuditEvent, lang: str) -> str:
    if e.object_type.lower() == "rectification.assignment":
        return _finding_text(e, lang)
    words = OBJECT_TYPES.get(e.object_type.rsplit(".", 1)[-1].lower())
    if words is None or not e.object_id:
        return e.object_repr
    return f"{words[0 if lang == 'zh' else 1]} #{e.object_id}"


def rows(events: Any, lang: str) -> list[dict[str, Any]]:
    events = list(events)
    names = place_names(k for e in events for side in (e.before, e.after) for k in _place_keys("", side))
    return [{"event": e, "action": code_label("audit_action", canonical_action(e.action), lang),
             "object": object_text(e, lang),
             "signin": e.action in SIGN_IN_ACTIONS, "changes": changes(e, lang, names)} for e in events]
