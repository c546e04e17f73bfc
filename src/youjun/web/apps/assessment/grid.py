"""The dashboard's school × indicator grid as a person searches it: search by name or code,
filters (学段, 城乡, 镇街, 达标/未达标, fails indicator Rk), sort by any column, paging.

Everything is a GET parameter, so it works without JavaScript and the URL keeps the state.
The search, filter, sort and paging helpers are the school register's
(``schools.register``); only the grid's own columns are said here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page

from youjun.core.schema import LOCATION
from youjun.web.apps.schools import register

PER_PAGE = 50
FILTERS = ("level", "location", "town", "status", "fails")
DEFAULT_SORT = "standing"
BASE_SORTS = ("standing", "name", "code", "town", "met")
STANDING = {False: 0, None: 1, True: 2}


@dataclass(frozen=True)
class GridQuery:
    """The grid's search, filters and sort; one page number per level (two grids on one page)."""

    q: str = ""
    filters: Mapping[str, str] = field(default_factory=dict)
    sort: str = DEFAULT_SORT
    desc: bool = False
    pages: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_params(cls, params: Mapping[str, str], levels: Sequence[str], columns: Sequence[str]) -> GridQuery:
        sorts = BASE_SORTS + tuple(c.lower() for c in columns)
        sort, desc = register.parse_sort(params.get("sort", DEFAULT_SORT), sorts, DEFAULT_SORT)
        return cls(q=params.get("q", "").strip()[:64], filters=register.clean_params(params, FILTERS),
                   sort=sort, desc=desc, pages={lv: params.get(f"page_{lv}", "1")[:8] for lv in levels})

    def get(self, key: str) -> str:
        return self.filters.get(key, "")

    def params(self, **change: Any) -> dict[str, str]:
        return register.query_params({"q": self.q, **self.filters}, (self.sort, self.desc, DEFAULT_SORT), change)

    def link(self, **change: Any) -> str:
        return urlencode(self.params(**change))

    @property
    def active(self) -> bool:
        return bool(self.q or any(self.filters.values()) or self.sort != DEFAULT_SORT)


def _location_labels(lang: str) -> dict[str, str]:
    return {c.code: (c.zh if lang == "zh" else c.en) for c in LOCATION}


def rows_of(level_view: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The grid's rows with the fields the filters and sorts read."""
    out = []
    for r in level_view["grid"]["rows"]:
        out.append({**r, "level": level_view["key"],
                    "status": "met" if r["compliant"] is True else ("not_met" if r["compliant"] is False else ""),
                    "fails": " ".join(c["short"] for c in r["cells"] if c["meets"] is False)})
    return out


def _sort_key(sort: str) -> Any:
    if sort == "standing":  # the default: schools that do not comply first, then by indicators met
        return lambda r: (STANDING.get(r["compliant"] if isinstance(r["compliant"], bool) else None, 1),
                          r["met_count"] or 0, str(r["code"]))
    if sort in ("name", "code", "town"):
        return lambda r: (str(r.get(sort) or "").casefold(), str(r["code"]))
    if sort == "met":
        return lambda r: None if r["met_count"] is None else (r["met_count"], str(r["code"]))

    def value(r: dict[str, Any]) -> Any:
        v = next((c["value"] for c in r["cells"] if c["short"].lower() == sort), None)
        return None if v is None else (v, str(r["code"]))
    return value


def select(rows: list[dict[str, Any]], query: GridQuery) -> list[dict[str, Any]]:
    """The rows matching the search and filters, in the asked order."""
    plain = {k: v for k, v in query.filters.items() if k != "fails"}
    found = register.search_and_filter(rows, query.q, plain)
    if query.get("fails"):
        wanted = query.get("fails").upper()
        found = [r for r in found if wanted in r["fails"].split()]
    return register.sorted_rows(found, _sort_key(query.sort), query.desc)


def build(levels: Sequence[Mapping[str, Any]], params: Mapping[str, str], lang: str) -> dict[str, Any]:
    """The grids of the dashboard for the asked search, filters, sort and pages."""
    columns = [c["short"] for c in (levels[0]["columns"] if levels else [])]
    query = GridQuery.from_params(params, [lv["key"] for lv in levels], columns)
    locations = _location_labels(lang)
    all_rows = {lv["key"]: rows_of(lv) for lv in levels}
    every = [r for rows in all_rows.values() for r in rows]
    options = {
        "level": [(lv["key"], lv["name"]) for lv in levels],
        "location": [(c.code, locations[c.code]) for c in LOCATION if any(r.get("location") == c.code for r in every)],
        "town": sorted({str(r["town"]) for r in every if r.get("town")}),
        "fails": [(c, next((n for s, n in levels[0]["indicator_names"] if s == c), c)) for c in columns]
        if levels else [],
    }
    grids = []
    for lv in levels:
        if query.get("level") and query.get("level") != lv["key"]:
            continue
        found = select(all_rows[lv["key"]], query)
        page: Page = register.paginate(found, query.pages.get(lv["key"], "1"), PER_PAGE)
        for r in found:
            r["location_label"] = locations.get(str(r.get("location") or ""), "")
        grids.append({
            "level": lv, "page": page, "found": len(found), "total": len(all_rows[lv["key"]]),
            # every matching row, those of other pages printed only: printing prints the whole grid
            "rows": register.with_page_flags(found, page),
            "met": sum(1 for r in found if r["compliant"] is True),
            "not_met": sum(1 for r in found if r["compliant"] is False),
            "headers": [{"key": k, "label": label, "unit": unit, "title": title, "sorted": query.sort == k,
                         "link": query.link(sort=register.next_sort(k, query.sort, query.desc))}
                        for k, label, unit, title in _headers(lv)],
            "page_param": f"page_{lv['key']}", "page_link": query.link(),
        })
    return {"query": query, "options": options, "grids": grids, "per_page": PER_PAGE}


def _headers(lv: Mapping[str, Any]) -> list[tuple[str, str, str, str]]:
    """(sort key, label, unit, full name) of each sortable column; labels are set in the template."""
    return ([("name", "", "", ""), ("town", "", "", "")]
            + [(c["short"].lower(), c["short"], c["unit"], c["name"]) for c in lv["columns"]]
            + [("met", "", "", ""), ("standing", "", "", "")])
