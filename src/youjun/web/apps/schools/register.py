"""The district's school register as a person searches it: one row per school of a year's
data (name, code, 学段, 城乡, 镇街, 公办/民办, education group, pupils, classes) with its standing
in the latest finished assessment of that year; search, filters, sorting and paging.

Rows come from the stored snapshot (the register of record for that year), not from the
platform's school table alone, which does not hold ownership or enrolment.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.core.paginator import Page, Paginator

from youjun.core.schema import LOCATION, OWNERSHIP, SCHOOL_TYPES
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.schools.models import Snapshot

PER_PAGE = 25
SORTS = ("code", "name", "type", "location", "town", "ownership", "group", "pupils", "classes", "status")
FILTERS = ("type", "location", "town", "ownership", "status", "group")


# -- search, filters, sort and paging of any table of rows (the register, the dashboard's grid) --

def clean_params(params: Mapping[str, str], keys: tuple[str, ...]) -> dict[str, str]:
    """The asked values of ``keys``, trimmed and bounded (an unknown value just matches nothing)."""
    return {k: params.get(k, "").strip()[:64] for k in keys}


def parse_sort(raw: str, sorts: tuple[str, ...], default: str) -> tuple[str, bool]:
    """``"-pupils"`` -> ``("pupils", True)``; an unknown column falls back to ``default``."""
    desc = raw.startswith("-")
    key = raw.lstrip("-")
    return (key, desc) if key in sorts else (default, False)


def query_params(values: Mapping[str, str], sort: tuple[str, bool, str],
                 change: Mapping[str, Any]) -> dict[str, str]:
    """A query string's parameters with some keys changed; empty values and the default sort left out.

    ``sort`` is (column, descending, the default column)."""
    key, desc, default_sort = sort
    out = {**values, "sort": ("-" if desc else "") + key}
    out.update({k: str(v) for k, v in change.items()})
    return {k: v for k, v in out.items() if v and not (k == "sort" and v == default_sort)}


def next_sort(key: str, sort: str, desc: bool) -> str:
    """The sort a column header asks for: a second click on the sorted column reverses it."""
    return ("-" if sort == key and not desc else "") + key


def sorted_rows(rows: list[dict[str, Any]], key: Any, desc: bool) -> list[dict[str, Any]]:
    """Rows in ``key`` order; rows whose key is None (a missing figure) come last either way."""
    known = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    return sorted(known, key=key, reverse=desc) + missing


def search_and_filter(rows: list[dict[str, Any]], needle: str, filters: Mapping[str, str],
                      fields: tuple[str, ...] = ("name", "code")) -> list[dict[str, Any]]:
    """Rows whose name or code holds ``needle`` and whose every filtered field equals its value."""
    needle = needle.casefold()
    return [r for r in rows
            if (not needle or any(needle in str(r.get(f) or "").casefold() for f in fields))
            and all(not v or str(r.get(k) or "") == v for k, v in filters.items())]


def paginate(rows: list[dict[str, Any]], page: str, per_page: int = 25) -> Page:
    """One page of rows (``page="all"``: every row on one page, for printing)."""
    if page == "all":
        return Paginator(rows, max(1, len(rows))).get_page(1)
    return Paginator(rows, per_page).get_page(page)


def with_page_flags(rows: list[dict[str, Any]], page: Page) -> list[tuple[dict[str, Any], bool]]:
    """Every row with whether it is on the shown page: the others are in the HTML for printing
    only (hidden on screen by app.css), so a printed list has every row the filters match."""
    shown = {id(r) for r in page.object_list}
    return [(r, id(r) in shown) for r in rows]


@dataclass(frozen=True)
class Query:
    """What the person asked for, cleaned: unknown values are ignored, never an error."""

    q: str = ""
    type: str = ""
    location: str = ""
    town: str = ""
    ownership: str = ""
    status: str = ""  # "met", "not_met", "unknown"
    group: str = ""
    sort: str = "code"
    desc: bool = False
    page: str = "1"

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Query:
        sort, desc = parse_sort(params.get("sort", "code"), SORTS, "code")
        return cls(q=params.get("q", "").strip()[:64], **clean_params(params, FILTERS),
                   sort=sort, desc=desc, page=params.get("page", "1")[:8])

    def params(self, **change: Any) -> dict[str, str]:
        """The query string of this query with some keys changed (links of headers and pages)."""
        return query_params({"q": self.q, **{k: getattr(self, k) for k in FILTERS}},
                            (self.sort, self.desc, "code"), change)


def _labels(choices: Any, lang: str) -> dict[str, str]:
    return {c.code: (c.zh if lang == "zh" else c.en) for c in choices}


def school_rows(tables: dict[str, pd.DataFrame], run_result: dict[str, Any] | None,
                lang: str) -> list[dict[str, Any]]:
    """Every school of the year's data with its labels and its standing (None: not assessed)."""
    schools = tables["schools"]
    classes = tables["classes"]
    n_classes = classes.groupby("school_code").size().to_dict() if not classes.empty else {}
    pupils = classes.groupby("school_code")["students"].sum().to_dict() if not classes.empty else {}
    standing: dict[str, bool] = {}
    for sec in (run_result or {}).get("schools") or []:
        code = str(sec.get("code"))
        ok = sec.get("compliant") is True
        standing[code] = standing.get(code, True) and ok  # every section of a school must pass
    types, locs, owns = _labels(SCHOOL_TYPES, lang), _labels(LOCATION, lang), _labels(OWNERSHIP, lang)
    out = []
    for r in schools.to_dict("records"):
        code = str(r["school_code"])
        group = r.get("education_group")
        out.append({
            "code": code, "name": str(r["school_name"]),
            "type": str(r["school_type"]), "type_label": types.get(str(r["school_type"]), str(r["school_type"])),
            "location": str(r["location"]), "location_label": locs.get(str(r["location"]), str(r["location"])),
            "town": str(r["town"]),
            "ownership": str(r["ownership"]), "ownership_label": owns.get(str(r["ownership"]), str(r["ownership"])),
            "group": "" if group is None or pd.isna(group) else str(group),
            "pupils": int(pupils.get(code, 0)), "classes": int(n_classes.get(code, 0)),
            "status": "unknown" if run_result is None or code not in standing
            else ("met" if standing[code] else "not_met"),
        })
    return out


def options(rows: list[dict[str, Any]], lang: str) -> dict[str, list[tuple[str, str]]]:
    """The values each filter offers: those present in the data, labelled."""
    def present(key: str, label: str | None = None) -> list[tuple[str, str]]:
        seen = {r[key]: r[label or key] for r in rows if r[key]}
        return sorted(seen.items(), key=lambda kv: kv[0])

    return {"type": present("type", "type_label"), "location": present("location", "location_label"),
            "town": present("town"), "ownership": present("ownership", "ownership_label"),
            "group": present("group")}


_STATUS_ORDER = {"not_met": 0, "met": 1, "unknown": 2}


def apply(rows: list[dict[str, Any]], query: Query) -> list[dict[str, Any]]:
    """The rows that match the search and every filter, in the asked order."""
    out = search_and_filter(rows, query.q, {k: getattr(query, k) for k in FILTERS})

    def key(r: dict[str, Any]) -> Any:
        if query.sort == "status":
            return (_STATUS_ORDER[r["status"]], r["code"])
        if query.sort in ("pupils", "classes"):
            return (r[query.sort], r["code"])
        return (r[query.sort].casefold() if query.sort in ("name", "town", "group") else r[query.sort], r["code"])

    return sorted_rows(out, key, query.desc)


def page_of(rows: list[dict[str, Any]], query: Query) -> Page:
    return paginate(rows, query.page, PER_PAGE)


def latest_run_result(snapshot: Snapshot) -> dict[str, Any] | None:
    """The result of the latest finished assessment of the snapshot's year on this very data."""
    from youjun.web.apps.assessment.selectors import result_of

    run = (AssessmentRun.objects.filter(district=snapshot.district, school_year=snapshot.school_year,
                                        status=AssessmentRun.Status.DONE, snapshot=snapshot)
           .defer("result").order_by("-finished_at", "-id").first())
    return result_of(run) if run is not None else None
