"""What the handling pages' forms send, read and checked: each reader returns clean values or
raises ``services.StepRefused`` with the catalogue problem to show beside the form."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any

from youjun.core import consultation as rules
from youjun.web.apps.consultation import services
from youjun.web.dates import typed_date

FIELD_WORDS = {"raiser_name": ("群众姓名", "the resident's full name"), "title": ("标题", "the title"),
               "text": ("反映内容", "what the resident said")}
MOBILE = re.compile(r"^1\d{10}$")
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$")
CONSENT = {
    "zh": "已向群众说明：姓名和电话只供政协和承办部门联系办理使用，不会公开；本人同意由委员代为登记。",
    "en": "The resident was told that their name and phone are used only by the committee and the "
          "department to contact them and are never published; they agree to have the concern recorded for them.",
}


def text(data: Any, name: str, limit: int = 4000) -> str:
    return str(data.get(name, "") or "").strip()[:limit]


def due_date(value: str, number: str, today: dt.date) -> dt.date | None:
    """A deadline typed on the assign form: empty (the category's days), or today or later."""
    if not value.strip():
        return None
    day = typed_date(value)
    if day is None:
        raise services.refuse("E892", value=value, detail=("不是日期", "not a date"))
    if day < today:
        raise services.refuse("E892", value=value, detail=("早于今天", "before today"))
    return day


def milestone_fields(data: Any, number: str) -> tuple[str, dt.date | None]:
    title = text(data, "title", 120)
    raw = text(data, "due_on", 20)
    day = typed_date(raw) if raw else None
    if raw and day is None:
        raise services.refuse("E895", value=number, detail=(f"“{raw}”不是日期", f"'{raw}' is not a date"))
    if not title:
        raise services.refuse("E895", value=number, detail=("没有填写节点名称", "no title"))
    return title, day


def phone(value: str) -> str:
    """A phone as people type it (spaces, full-width digits): a mobile or a landline, or E897."""
    cleaned = re.sub(r"[\s()（）]", "", unicodedata.normalize("NFKC", value or ""))
    if cleaned and not (MOBILE.match(cleaned) or LANDLINE.match(cleaned)):
        raise services.refuse("E897", value=value, detail=(f"“{value}”不是电话号码",
                                                                   f"'{value}' is not a phone number"))
    return cleaned


def record_fields(data: Any) -> dict[str, Any]:
    """The assisted-entry form: the resident, the concern, the consent."""
    values: dict[str, Any] = {k: text(data, k, 4000 if k == "text" else 120) for k in
              ("title", "text", "category", "town", "village", "raiser_name", "raiser_phone")}
    missing = [k for k in ("raiser_name", "title", "text") if not values[k]]
    if missing:
        raise services.refuse("E897", value=values["title"], detail=(
            "未填写" + "、".join(FIELD_WORDS[k][0] for k in missing),
            "not filled in: " + ", ".join(FIELD_WORDS[k][1] for k in missing)))
    values["raiser_phone"] = phone(values["raiser_phone"])
    values["consent_noted"] = bool(data.get("consent"))
    return values


def venue(value: str, number: str) -> str:
    if value and value not in rules.VENUES:
        raise services.refuse("E898", value=number, detail=(f"没有“{value}”这个协商平台", f"unknown venue {value}"))
    return value
