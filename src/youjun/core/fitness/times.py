"""Results as people and devices write them: numbers, and run times in seconds or min'sec".

For the three runs timed in minutes (50 m × 8, 800 m, 1000 m) these are accepted:
``1'36"``, ``1′36″``, ``1'36``, ``1:36``, ``1分36秒``, ``3'05.2"`` (tenths), the seconds ``96``, and
the devices' 分.秒 ``1.36`` (two digits after the point). ``1.3`` is ambiguous (1'30" or 1'03"?)
and is refused, as is a seconds part of 60 or more, or a bare number under 20 that is neither.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from youjun.core.fitness.errors import FitnessError

_QUOTES = str.maketrans(
    {"′": "'", "’": "'", "‘": "'", "`": "'", "´": "'", "″": '"', "”": '"', "“": '"', "：": ":", "。": "."}
)
_MIN_SEC = re.compile(r"^(\d{1,2})(?:'|:|分)(\d{1,2}(?:\.\d+)?)(?:\"|''|秒)?$")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
SIXTY = Decimal(60)
MIN_SECONDS = Decimal(20)  # a bare number of 20 or more in a min'sec column is seconds


def _text(raw: Decimal | int | float | str) -> str:
    if isinstance(raw, bool):
        return str(raw)
    if isinstance(raw, float):
        return repr(raw)  # 3.05 stays "3.05": never the float's binary expansion
    text = unicodedata.normalize("NFKC", str(raw)).translate(_QUOTES)
    return re.sub(r"\s+", "", text)


def _ctx(item: str, zh: str, en: str) -> dict[str, Any]:
    return {"item_zh": zh, "item_en": en}


def _plain(text: str) -> bool:
    """ASCII digits with at most one inner point and an optional sign: what ``_NUMBER`` accepts,
    checked without a regular expression (the common case of a district's 130,000 rows)."""
    body = text[1:] if text[:1] in ("+", "-") else text
    return body.isascii() and body[:1].isdigit() and body[-1:].isdigit() and body.replace(".", "", 1).isdigit()


def parse_number(raw: Decimal | int | float | str, item: str = "", zh: str = "", en: str = "") -> Decimal:
    """A plain number (cm, ml, kg, counts, 50 m seconds) as an exact Decimal; E1023 if not one."""
    kind = type(raw)
    if kind is Decimal:  # already read: the same value back when it is a plain number
        if _plain(str(raw)):
            return raw  # type: ignore[return-value]
    elif kind is str or kind is int or kind is float:  # never bool (E1023 below)
        plain = raw if kind is str else (repr(raw) if kind is float else str(raw))
        if _plain(plain):  # type: ignore[arg-type]
            return Decimal(plain)
    text = _text(raw)
    for unit in ("厘米", "毫升", "千克", "公斤", "次", "秒", "cm", "ml", "kg", "s"):
        if text.endswith(unit) and _NUMBER.match(text[: -len(unit)]):
            text = text[: -len(unit)]
            break
    if isinstance(raw, bool) or not _NUMBER.match(text):
        raise FitnessError.of("E1023", text, **_ctx(item, zh or item, en or item))
    try:
        return Decimal(text)
    except InvalidOperation:
        raise FitnessError.of("E1023", text, **_ctx(item, zh or item, en or item)) from None


def parse_time(raw: Decimal | int | float | str, item: str = "", zh: str = "", en: str = "") -> Decimal:
    """A run time of a min'sec item in seconds (Decimal); E1023 / E1024 / E1025 when refused."""
    text = _text(raw)
    ctx = _ctx(item, zh or item, en or item)
    m = _MIN_SEC.match(text)
    if m:
        minutes, seconds = Decimal(m.group(1)), Decimal(m.group(2))
        if seconds >= SIXTY:
            raise FitnessError.of(
                "E1025",
                text,
                **ctx,
                detail_zh="秒数不能达到60",
                detail_en="the seconds reach 60",
                unit_zh="秒",
                unit_en="s",
            )
        return minutes * SIXTY + seconds
    if not _NUMBER.match(text) or isinstance(raw, bool):
        raise FitnessError.of("E1023", text, **ctx)
    value = Decimal(text)
    if value >= MIN_SECONDS:
        return value
    whole, _, frac = text.lstrip("+").partition(".")
    if value < 0:
        raise FitnessError.of(
            "E1025",
            text,
            **ctx,
            detail_zh="时间不能为负",
            detail_en="a time cannot be negative",
            unit_zh="秒",
            unit_en="s",
        )
    if len(whole) == 1 and len(frac) == 2:
        seconds = Decimal(frac)
        if seconds >= SIXTY:
            raise FitnessError.of(
                "E1025",
                text,
                **ctx,
                detail_zh=f"按分.秒读，秒数 {frac} 不能达到60",
                detail_en=f"read as minutes.seconds, the seconds {frac} reach 60",
                unit_zh="秒",
                unit_en="s",
            )
        return Decimal(whole) * SIXTY + seconds
    if len(whole) == 1 and len(frac) == 1:
        raise FitnessError.of(
            "E1024",
            text,
            **ctx,
            detail_zh=f"可能是{whole}分{frac}0秒，也可能是{whole}分0{frac}秒",
            detail_en=f"it may be {whole}'{frac}0\" or {whole}'0{frac}\"",
        )
    raise FitnessError.of(
        "E1024",
        text,
        **ctx,
        detail_zh="既不是“分.秒”写法，也不像秒数",
        detail_en="neither minutes.seconds nor a plausible number of seconds",
    )
