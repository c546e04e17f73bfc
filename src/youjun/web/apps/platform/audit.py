"""The one audit helper: every write in every app calls ``record`` inside its transaction."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from collections.abc import Mapping
from typing import Any

from django.db import models

from youjun.web.apps.platform.models import AuditEvent, District, School, User

MAX_JSON_ITEMS = 200  # a list longer than this is summarised, so an audit row stays small


def jsonable(value: Any) -> Any:
    """A JSON-safe copy of ``value`` (dates as ISO text, NaN as null, long lists summarised)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = list(value)
        if len(items) > MAX_JSON_ITEMS:
            return {"count": len(items), "first": [jsonable(v) for v in items[:5]]}
        return [jsonable(v) for v in items]
    if isinstance(value, models.Model):
        return str(value)
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return None
    except ImportError:  # pragma: no cover
        pass
    if hasattr(value, "item"):  # numpy scalars
        return jsonable(value.item())
    return str(value)


def model_state(obj: models.Model, fields: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The concrete field values of a model instance (foreign keys as ids)."""
    out: dict[str, Any] = {}
    for f in obj._meta.concrete_fields:
        if fields is not None and f.name not in fields:
            continue
        out[f.attname] = jsonable(getattr(obj, f.attname))
    return out


def record(actor: User | None, action: str, obj: models.Model | None = None, *,
           before: Any = None, after: Any = None, district: District | None = None,
           school: School | None = None, object_type: str = "", object_id: str = "",
           object_repr: str = "", ip: str = "", actor_name: str = "") -> AuditEvent:
    """Write one audit event: who (``actor``), what (``action`` on ``obj``), before and after."""
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)
        if district is None and isinstance(obj, District):
            district = obj
        if school is None and isinstance(obj, School):
            school = obj
    if district is None and school is not None:
        district = school.district
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_name=actor_name or (actor.get_username() if actor is not None else ""),
        action=action, object_type=object_type, object_id=object_id,
        object_repr=object_repr[:255], district=district, school=school,
        before=jsonable(before), after=jsonable(after), ip=ip[:64],
    )


def client_ip(request: Any) -> str:
    return str(request.META.get("REMOTE_ADDR", "")) if request is not None else ""
