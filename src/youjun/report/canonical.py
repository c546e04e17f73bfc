"""The result as canonical JSON: the same data and rules give the same bytes.

Keys sorted, Chinese kept as characters, floats rounded to 6 decimals (so that summation
order in the engine cannot change the last digits), NaN and infinities written as null.
Only ``run.generated_at`` differs between two runs.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from typing import Any

DECIMALS = 6
_PLAIN = frozenset({str, int, bool, type(None)})  # written as they are


def canonical(x: Any) -> Any:
    """``x`` as plain JSON values: dicts with string keys, lists, str, int, float, bool, None."""
    # The exact built-in types first, by one type look-up: a district's result is ~100,000
    # values and this walk is on a nation run's path (see docs/scale.md). Dicts and lists
    # settle their plain members in place (``_dict``, ``_list``): a call per leaf was half the walk.
    kind = type(x)
    if kind is dict:
        return _dict(x, {})
    if kind is list:
        return _list(x, {})
    if kind in _PLAIN:
        return x
    if kind is float:
        return _number(x)
    return _canonical_other(x)


# ``seen``: a dict listed in several places of one value (a result lists each finding by its
# item or school, in ``findings`` and in the verdict's: ``assess.engine._FindingDicts``) is
# walked once. Keyed by id, with the dict kept, for the length of one ``canonical`` call.
Seen = dict[int, tuple[Any, dict[str, Any]]]


def _dict(d: dict[Any, Any], seen: Seen) -> dict[str, Any]:
    out = {}
    for k, v in d.items():
        kind = type(v)
        if kind in _PLAIN:
            pass
        elif kind is float:  # ``_number``, inline: a result has thousands
            v = (round(v, DECIMALS) or 0.0) if v - v == 0 else None
        elif kind is dict:
            v = _dict(v, seen)
        elif kind is list:
            v = _list(v, seen)
        else:
            v = _canonical_other(v)
        out[k if type(k) is str else str(k)] = v
    return out


def _list(items: list[Any], seen: Seen) -> list[Any]:
    out = []
    for v in items:
        kind = type(v)
        if kind in _PLAIN:
            pass
        elif kind is dict:
            done = seen.get(id(v))
            if done is None:
                done = seen[id(v)] = (v, _dict(v, seen))
            v = done[1]
        elif kind is float:  # ``_number``, inline: a result has thousands
            v = (round(v, DECIMALS) or 0.0) if v - v == 0 else None
        elif kind is list:
            v = _list(v, seen)
        else:
            v = _canonical_other(v)
        out.append(v)
    return out


def _canonical_other(x: Any) -> Any:
    """Subclasses and the other types ``canonical`` accepts."""
    if isinstance(x, bool | str):
        return x
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float | Decimal):
        return _number(float(x))
    if isinstance(x, Mapping):
        return {str(k): canonical(v) for k, v in x.items()}
    if isinstance(x, list | tuple | set | frozenset):
        items = [canonical(v) for v in x]
        return sorted(items, key=json.dumps) if isinstance(x, set | frozenset) else items
    if isinstance(x, datetime | date):
        return x.isoformat()
    if isinstance(x, PurePath):
        return str(x)
    if hasattr(x, "item"):  # numpy and pandas scalars, without importing either
        return canonical(x.item())
    raise TypeError(f"cannot write {type(x).__name__} as JSON: {x!r}")


def _number(f: float) -> float | None:
    if not math.isfinite(f):
        return None
    r = round(f, DECIMALS)
    return 0.0 if r == 0 else r  # no "-0.0"


def render_json(result: Mapping[str, Any]) -> str:
    """Canonical JSON of the result (sorted keys, indent 2, ending with a newline).

    Written by orjson (in C: the standard library's encoder is pure Python as soon as it
    indents, and was as long as building the result on a nation run); an integer beyond 64
    bits, which orjson refuses, falls back to the standard library with the same layout."""
    return render_json_bytes(result).decode()


def render_json_bytes(result: Mapping[str, Any]) -> bytes:
    """``render_json(result)`` encoded as UTF-8, for a caller that writes it to a file: orjson
    writes UTF-8, and decoding a district's ~0.7 MB to text only to encode it again costs more
    than writing it (~1 ms each way)."""
    import orjson

    plain = canonical(result)
    try:
        return orjson.dumps(plain, option=orjson.OPT_SORT_KEYS | orjson.OPT_INDENT_2) + b"\n"
    except orjson.JSONEncodeError:
        return (json.dumps(plain, ensure_ascii=False, sort_keys=True, indent=2, allow_nan=False) + "\n").encode()
