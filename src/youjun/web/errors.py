"""Problems of the web and API shells, in the one JSON shape of ``youjun.core.errors``.

The E8xx codes (sign-in, permission, upload, run) are entries of the core catalogue
(``youjun.core.errors``), rendered in the same ``Problem.to_dict`` layout as data problems.
"""

from __future__ import annotations

from typing import Any

from youjun.core.errors import CATALOGUE, ErrorSpec, Location, Problem

WEB_CATALOGUE: dict[str, ErrorSpec] = {
    code: spec for code, spec in CATALOGUE.items() if code.startswith("E8")
}



class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def spec(code: str) -> ErrorSpec:
    return CATALOGUE.get(code) or WEB_CATALOGUE[code]


def web_problem(code: str, *, value: Any = "", rule: str = "", location: Location | None = None,
                **context: Any) -> dict[str, Any]:
    """A problem dict in exactly the shape of ``Problem.to_dict()``.

    ``detail=(zh, en)`` is said in each language as {detail_zh} and {detail_en} ({detail} is the
    English); a one-string detail reads the same in both (a number, a file name)."""
    detail = context.get("detail")
    if detail is not None:
        zh, en = detail if isinstance(detail, tuple) else (str(detail), str(detail))
        context.setdefault("detail_zh", zh)
        context.setdefault("detail_en", en)
        context["detail"] = en
    if code in CATALOGUE:
        return Problem(code, location or Location(), "" if value is None else str(value), rule,
                       tuple(sorted(context.items()))).to_dict()
    s = WEB_CATALOGUE[code]
    ctx = _Blank(context)
    ctx.setdefault("value", "" if value is None else str(value))
    return {
        "code": code,
        "severity": str(s.severity),
        "location": (location or Location()).to_dict(),
        "value": ctx["value"],
        "rule": rule,
        "message": {"zh": s.message_zh.format_map(ctx), "en": s.message_en.format_map(ctx)},
        "hint": {"zh": s.hint_zh.format_map(ctx), "en": s.hint_en.format_map(ctx)},
    }


def error_body(*problems: dict[str, Any]) -> dict[str, Any]:
    """The API's error response: ``{"ok": false, "problems": [...]}``."""
    return {"ok": False, "problems": list(problems)}


class Refused(Exception):
    """A write refused before anything was written; ``problems`` are catalogue problem dicts
    (the one refusal of the domain apps: a view shows ``problems`` in the page's language)."""

    def __init__(self, problems: list[dict[str, Any]]):
        self.problems = problems
        self.problem = problems[0]
        super().__init__("; ".join(p["message"]["en"] for p in problems[:3]))


def refuse(code: str, *, value: Any = "", rule: str = "", location: Location | None = None,
           **context: Any) -> Refused:
    """The refusal ``code``; a ``detail=(zh, en)`` context is said in the page's language."""
    return Refused([web_problem(code, value=value, rule=rule, location=location, **context)])


def shown_problem(p: dict[str, Any], lang: str) -> dict[str, Any]:
    """A catalogue problem as a page shows it: code, where (row and column), message, hint."""
    loc = p.get("location") or {}
    row, column = loc.get("row"), loc.get("column") or ""
    if row and column:
        place = f"第{row}行 {column}列" if lang == "zh" else f"row {row}, column {column}"
    elif row:
        place = f"第{row}行" if lang == "zh" else f"row {row}"
    else:
        place = ""
    return {"code": p["code"], "place": place, "cell": loc.get("cell") or "",
            "message": (p.get("message") or {}).get(lang, ""), "hint": (p.get("hint") or {}).get(lang, "")}
