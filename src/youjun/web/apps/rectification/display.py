"""The comparison as the page shows it: every number rounded as the reports round it, with
its unit, and every label in the page's language."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from youjun.report.compare import COUNT_NAMES, floor_words, reconcile_line, warning_lines
from youjun.report.numbers import cv, cv_limit, fixed, is_number, limit, value

STATUS_CSS = {"newly_failing": "bad", "still_failing": "bad", "newly_passing": "ok", "still_passing": "ok",
              "new": "", "gone": ""}
SHOWN_ON_DISTRICT = ("newly_failing", "newly_passing", "new", "gone")


def _with_unit(text: str, unit: str) -> str:
    return text if text == "—" or not unit else f"{text} {unit}"


def _signed(x: Any, fmt: Any) -> str:
    if not is_number(x):
        return "—"
    if float(x) == 0:
        return "0"
    return ("+" if float(x) > 0 else "−") + fmt(abs(float(x)))


def page(c: dict[str, Any], sections: list[dict[str, Any]], lang: str, run_pk: int | None,
         whole_school: bool) -> dict[str, Any]:
    zh = lang == "zh"
    shown = sections if whole_school else [s for s in sections if s["status"] in SHOWN_ON_DISTRICT]
    out_sections = []
    for s in shown:
        rows = []
        for i in s["indicators"]:
            unit = i["unit_zh" if zh else "unit_en"]
            decimals = i["change_decimals"]
            rows.append(i | {
                "name": i["name_zh" if zh else "name_en"],
                "earlier_text": _with_unit(value(i["earlier"]), unit),
                "current_text": _with_unit(value(i["current"]), unit),
                # the difference of the two values as shown, with the finer of their decimals
                "change_text": _with_unit(_signed(i["change"], lambda x, d=decimals: fixed(x, d)), unit),
                "threshold_text": _with_unit(limit(i["threshold"]), unit),
            })
        link = (reverse("assessment:school", args=[run_pk, s["code"]])
                if run_pk and s["status"] != "gone" else "")
        out_sections.append(s | {"indicators": rows, "level_name": s["level_zh" if zh else "level_en"],
                                 "status_name": s["status_zh" if zh else "status_en"],
                                 "css": STATUS_CSS[s["status"]], "link": link,
                                 "anchor": f"c-{s['code']}-{s['level']}"})
    # What a reader wants first: which schools changed verdict, and on which indicators.
    # Only the indicators whose standing changed; when none did, why the verdict changed in words.
    rule = (c.get("rule") or {}).get(lang, "")
    flips = [s | {"what": ("；" if zh else "; ").join(
                 f"{i['name']} {i['earlier_text']} → {i['current_text']}" for i in s["indicators"] if i["explains"])
                 or floor_words(s, rule, lang, c.get("floor_ratio"))}
             for s in out_sections if s["status"] in ("newly_failing", "newly_passing")]
    counts = [k | {"name": COUNT_NAMES[k["key"]][0 if zh else 1],
                   "earlier_text": _met_of(k["met_earlier"], k["total_earlier"]),
                   "current_text": _met_of(k["met_current"], k["total_current"]),
                   "change_text": _signed(k["change"], lambda x: f"{x:,.0f}")} for k in c["counts"]]
    cvs = [r | {"name": r["name_zh" if zh else "name_en"], "level_name": r["level_zh" if zh else "level_en"],
                "earlier_text": cv(r["earlier"]), "current_text": cv(r["current"]),
                "change_text": _signed(r["change"], lambda x: f"{x:.3f}"), "limit_text": cv_limit(r["limit"])}
           for r in c["cvs"]]
    items = [{"code": r["key"].upper(), "title": r["title_zh" if zh else "title_en"],
              "then": r["earlier_zh" if zh else "earlier_en"], "now": r["current_zh" if zh else "current_en"]}
             for r in c["items"] if r["changed"]]
    # What to check before trusting the comparison; on a school's page only its own code's.
    codes = {s["code"] for s in sections}
    trimmed = c if not whole_school else c | {
        "identity_changed": [x for x in c.get("identity_changed") or [] if x["code"] in codes]}
    return {"sections_shown": out_sections, "flips": flips, "counts": counts, "cvs": cvs, "items": items,
            "reconcile_line": reconcile_line(c, lang) if "reconcile" in c else "",
            "warnings": [{"text": w.strip(), "detail": w.startswith(" ")} for w in warning_lines(trimmed, lang)]}


def finding_anchor(key: str) -> str:
    """The id of a finding's row on the list, where a save of its office and deadline returns."""
    return "f-" + key.replace(":", "")


def _met_of(met: Any, total: Any) -> str:
    return f"{fixed(met, 0) if is_number(met) else '—'}/{fixed(total, 0) if is_number(total) else '—'}"
