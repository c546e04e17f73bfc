"""The province page's table of districts (``/p/<code>/``) and its XLSX export.

One row per district the user sees in the province, from its latest finished run (the latest
school year, then the latest finished): the verdict, the requirements not met and their
findings (counted as the report and the roll-up count them: ``youjun.assess.rollup``), the
worst CV of each level against its limit, the CVs over the limit and the G/Q items not met.
The table is sorted, filtered and searched on the server (links with ``?sort=``; a form), the
export holds exactly the rows shown, and the "map" lays the districts out as tiles by
prefecture (the first four digits of the six-digit code). The district column sorts by the
administrative district code (the order of statistical tables, not the names' code points); a
column of counts or of the worst CV sorts worst first on its first click.

A finished run never changes, so the few figures a row needs are kept per run (small dicts)
and a page of 40 districts does not parse 40 results again.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _l
from django.utils.translation import pgettext_lazy

from youjun.assess.rollup import NOT_MET, district_summary
from youjun.core.findings import requirement_order
from youjun.core.labels import ITEM_LABELS
from youjun.core.requirements import requirement_label, requirement_words
from youjun.report.numbers import partial_decimals
from youjun.report.rollup_render import PARTS
from youjun.web.apps.assessment.dashboard import (
    finite,
    indicator_rows,
    level_name,
    ordered_levels,
    pick,
    short_key,
    verdict_summary,
    why_not,
)
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.lru import BoundedCache
from youjun.web.apps.platform.models import District, Province
from youjun.web.apps.platform.scoping import Scope
from youjun.web.apps.platform.templatetags.youjun import share_of
from youjun.web.apps.schools.register import parse_sort, query_params, search_and_filter, sorted_rows

LEVELS = ("primary", "junior")
SORTS = ("code", "name", "year", "verdict", "sections", "requirements", "findings", "worst_primary", "worst_junior",
         "items", "why")
# columns of counts and of the worst CV against its limit: the worst (largest) first on the first click
WORST_FIRST = ("requirements", "findings", "worst_primary", "worst_junior", "items")
STATUSES = ("pass", "fail", "undecided", "none")  # "none": not assessed
VERDICT_ORDER = {"pass": 0, "undecided": 1, "fail": 2}
# a few hundred bytes each: every district of the largest province many times over
_FIGURES: BoundedCache[dict[str, Any]] = BoundedCache(4096)


# -- one run's figures ---------------------------------------------------------------------------

def _item_order(key: str) -> tuple[str, int]:
    digits = key[1:]
    return (key[:1], int(digits) if digits.isdigit() else 0)


def run_figures(result: Mapping[str, Any]) -> dict[str, Any]:
    """What a row shows of one result (both languages' names kept: the cache is not per language)."""
    summary = district_summary(result)
    verdict = result.get("verdict") or {}
    passes = verdict.get("passes")
    levels = result.get("levels") or {}
    worst: dict[str, dict[str, Any]] = {}
    failing_indicators = []
    for level in ordered_levels(levels):
        indicators = (levels[level] or {}).get("indicators") or {}
        best: dict[str, Any] | None = None
        over = 0
        for key, ind in sorted(indicators.items()):
            ind = ind or {}
            if ind.get("passes") is False:
                over += 1
                failing_indicators.append(f"{level}.{key}")
            cv, limit = finite(ind.get("cv")), finite(ind.get("limit"))
            if cv is None or not limit:
                continue
            ratio = cv / limit
            if best is None or ratio > best["ratio"]:
                best = {"key": key, "short": short_key(key), "name_zh": pick(ind, "name", "zh"),
                        "name_en": pick(ind, "name", "en"), "ratio": ratio,
                        # shown as the report shows it: the CV as rounded for the verdict
                        "cv": finite(ind.get("cv_rounded", cv)), "limit": limit, "passes": ind.get("passes")}
        worst[level] = {"worst": best, "over": over, "checked": len(indicators)}
    charts = {}
    for level in ordered_levels(levels):
        zh, en = (indicator_rows(level, levels[level] or {}, lang) for lang in ("zh", "en"))
        charts[level] = {"categories": [r["short"] for r in zh], "names_zh": [r["name"] for r in zh],
                         "names_en": [r["name"] for r in en], "cv": [r["cv"] for r in zh],
                         "limit": [r["limit"] for r in zh]}
    sections: dict[str, list[int]] = {}  # level -> [compliant, total] school sections
    for sec in result.get("schools") or []:
        counted = sections.setdefault(str(sec.get("level")), [0, 0])
        counted[0] += 1 if sec.get("compliant") is True else 0
        counted[1] += 1
    items = result.get("items") or {}
    return {
        "charts": charts, "sections": {k: tuple(sections[k]) for k in ordered_levels(sections)},
        "why": {lang: why_not(verdict_summary(result, lang), lang) for lang in ("zh", "en")},
        "passes": passes if isinstance(passes, bool) else None,
        "school_year": str((result.get("district") or {}).get("school_year") or ""),
        "requirements_not_met": summary["requirements_not_met"], "findings": summary["findings"],
        "worst_cv_ratio": summary["worst_cv_ratio"], "levels": worst,
        "failing_indicators": failing_indicators,
        # the requirements the verdict names (R1–R7, CV, G, Q, SR, …: as the report groups them)
        "requirements": list(summary["requirements"]),
        "failing_items": sorted((k for k, v in items.items() if (v or {}).get("status") in NOT_MET), key=_item_order),
        "item_titles": {k: (pick(v, "title", "zh"), pick(v, "title", "en")) for k, v in items.items()},
        "indicator_names": {f"{level}.{key}": (pick(ind, "name", "zh"), pick(ind, "name", "en"))
                            for level in levels
                            for key, ind in ((levels[level] or {}).get("indicators") or {}).items()},
    }


def _cached_figures(run: AssessmentRun) -> dict[str, Any]:
    return _FIGURES.get_or_build(run.frozen_key, lambda: run_figures(run.stored_result()))


def latest_runs(districts: list[District]) -> dict[int, AssessmentRun]:
    """Each district's latest finished run (latest school year, then latest finished), one query."""
    out: dict[int, AssessmentRun] = {}
    for run in (AssessmentRun.objects.filter(district__in=districts, status=AssessmentRun.Status.DONE)
                .defer("result").order_by("district_id", "-school_year", "-finished_at", "-id")):
        out.setdefault(run.district_id, run)
    return out


# -- the rows ------------------------------------------------------------------------------------

def _status(passes: bool | None, assessed: bool) -> str:
    if not assessed:
        return "none"
    return "pass" if passes is True else "fail" if passes is False else "undecided"


def district_rows(scope: Scope, province: Province, lang: str) -> list[dict[str, Any]]:
    """Every district of the province the scope sees, with its latest run's figures (or none).

    A code ending in 00 is never a county-level unit (GB/T 2260: the county part is 01-99): such
    a record names a prefecture and is not a row."""
    districts = [d for d in scoping.districts(scope).filter(province=province).order_by("code")
                 if not d.code.endswith("00")]
    latest = latest_runs(districts)
    zh = lang == "zh"
    rows = []
    for d in districts:
        run = latest.get(d.id)
        f = _cached_figures(run) if run is not None else None
        row: dict[str, Any] = {"code": d.code, "name": d.name, "district": d, "run": run,
                               "status": _status(f["passes"] if f else None, f is not None)}
        if f is not None:
            levels = {}
            for level in LEVELS:
                lv = f["levels"].get(level)
                w = (lv or {}).get("worst")
                levels[level] = None if lv is None else {
                    "over": lv["over"], "checked": lv["checked"],
                    "worst": None if w is None else {**w, "name": w["name_zh"] if zh else w["name_en"]}}
            row.update({
                "year": run.school_year if run is not None else f["school_year"], "passes": f["passes"],
                "requirements": f["requirements_not_met"], "findings": f["findings"], "levels": levels,
                "items": [k.upper() for k in f["failing_items"]],
                # each with its name, as the export's sources name them (the result's title, else the label)
                "item_names": [{"code": k.upper(), "name": item_name(f, k, lang)} for k in f["failing_items"]],
                "fails": {*f["failing_items"], *f["failing_indicators"], *_requirement_keys(f)},
                "sections": [{"level": k, "name": level_name(k, lang), "compliant": c, "total": t}
                             for k, (c, t) in f["sections"].items()],
                "why": f["why"]["zh" if zh else "en"],
            })
        rows.append(row)
    return rows


def _requirement_keys(figures: Mapping[str, Any]) -> list[str]:
    """The requirements a run does not meet that are not G/Q items (those are filtered by their item
    key, "g3"): R1–R7 (schools below the school standard), CV, SR, the vetoes, the precondition."""
    return [r for r in figures.get("requirements") or () if requirement_words(r)["part"] not in ("g", "q")]


def item_name(figures: Mapping[str, Any], key: str, lang: str) -> str:
    """A G/Q item's name in ``lang`` from a run's figures (the result's title), else the labels'."""
    names = figures["item_titles"].get(key) or ITEM_LABELS.get(key) or ("", "")
    return str(names[0 if lang == "zh" else 1] or names[0] or "")


def _sort_value(key: str) -> Any:
    def value(r: Mapping[str, Any]) -> Any:
        if key in ("code", "name"):  # the district column: in administrative code order
            return r["code"]
        if r["run"] is None:
            return None  # not assessed: last whichever way
        if key == "year":
            return r["year"]
        if key == "verdict":
            return VERDICT_ORDER[r["status"]]
        if key == "items":
            return len(r["items"])
        if key == "sections":  # the share of school sections meeting the standard
            total = sum(s["total"] for s in r["sections"])
            return sum(s["compliant"] for s in r["sections"]) / total if total else None
        if key.startswith("worst_"):
            lv = r["levels"].get(key[len("worst_"):])
            return None if lv is None or lv["worst"] is None else lv["worst"]["ratio"]
        return r[key]

    return lambda r: (value(r), r["code"]) if value(r) is not None else None


@dataclass(frozen=True)
class Query:
    """What the person asked for, cleaned: unknown values are ignored, never an error."""

    q: str = ""
    status: str = ""
    # a CV of a level ("primary.r2_key_teachers_per100"), a G/Q item ("g3") or another requirement
    # the verdict names ("R2": a school below the school standard R2; "CV": some CV over its limit)
    fails: str = ""
    sort: str = "code"
    desc: bool = False

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> Query:
        sort, desc = parse_sort(str(params.get("sort", "code"))[:32], SORTS, "code")
        sort = "code" if sort == "name" else sort  # the district column sorts by code (older links)
        status = str(params.get("status", "")).strip()
        return cls(q=str(params.get("q", "")).strip()[:64], status=status if status in STATUSES else "",
                   fails=str(params.get("fails", "")).strip()[:64], sort=sort, desc=desc)

    def params(self, **change: Any) -> dict[str, str]:
        return query_params({"q": self.q, "status": self.status, "fails": self.fails},
                            (self.sort, self.desc, "code"), change)

    def apply(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        found = search_and_filter(rows, self.q, {"status": self.status})
        if self.fails:
            found = [r for r in found if self.fails in (r.get("fails") or ())]
        return sorted_rows(found, _sort_value(self.sort), self.desc)


def _fail_part(key: str) -> str:
    """Which part of the rules a filter key belongs to (the roll-up's parts: school, cv, g, q, …)."""
    if "." in key:
        return "cv"
    if key[:1] in ("g", "q") and key[1:].isdigit():
        return key[:1]
    return requirement_words(key)["part"]


def fail_choices(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The requirements, CVs and items any shown district does not meet, for the 'failing …'
    filter, grouped by part of the rules as the roll-up groups them (R1–R7 school compliance, the
    CVs, G, Q, then the rest): every requirement the 未满足要求 count counts can be filtered on."""
    names: dict[str, tuple[str, str]] = {}
    for r in rows:
        if r["run"] is None:
            continue
        f = _cached_figures(r["run"])
        for key in _requirement_keys(f):
            names.setdefault(key, (requirement_label(key, "zh", with_part=True),
                                   requirement_label(key, "en", with_part=True)))
        for key in f["failing_indicators"]:
            names.setdefault(key, f["indicator_names"].get(key, (key, key)))
        for key in f["failing_items"]:
            names.setdefault(key, f["item_titles"].get(key) or ITEM_LABELS.get(key, (key, key)))
    i = 0 if lang == "zh" else 1

    def order(key: str) -> tuple[int, int, int, str]:
        if "." in key:  # a level's CV: after the CV requirement itself
            level, ind = key.split(".", 1)
            return (1, 1, LEVELS.index(level) if level in LEVELS else len(LEVELS), ind)
        if _fail_part(key) in ("g", "q"):
            kind, n = _item_order(key)
            return (2 if kind == "g" else 3, n, 0, key)
        rank, n, _ = requirement_order(key)
        return (rank, n, 0, key)

    parts = PARTS["en" if lang == "en" else "zh"]
    groups: dict[str, dict[str, Any]] = {}
    for key in sorted(names, key=order):
        if "." in key:
            level, ind = key.split(".", 1)
            label = f"{level_name(level, lang)} {short_key(ind)} {names[key][i] or names[key][0]}"
        elif _fail_part(key) in ("g", "q"):
            label = f"{key.upper()} {names[key][i] or names[key][0]}"
        elif key == "CV":
            label = "任一项差异系数超过限值" if lang == "zh" else "Any CV over its limit"
        else:
            label = names[key][i] or names[key][0]
        part = _fail_part(key)
        group = groups.setdefault(part, {"label": parts.get(part, parts["other"]), "choices": []})
        group["choices"].append({"key": key, "label": label})
    return list(groups.values())


# -- the prefecture "map" -------------------------------------------------------------------------

def prefecture_names(prefixes: list[str]) -> dict[str, str]:
    """Names of prefectures the platform holds a record of: a province or district row whose code
    is the prefecture's own six-digit code (its four digits and 00)."""
    codes = [p + "00" for p in prefixes]
    found: dict[str, str] = {}
    for model in (Province, District):
        for code, name in model.objects.filter(Q(code__in=codes)).values_list("code", "name"):
            found.setdefault(code[:4], name)
    return found


# the four municipalities directly under the central government (GB/T 2260): their districts are
# coded under xx01 (市辖区) and their counties under xx02 (县), not under a prefecture
MUNICIPALITIES = ("11", "12", "31", "50")
MUNICIPAL_PARTS = {"01": ("市辖区", "districts"), "02": ("县", "counties")}


def municipal_part_name(province: Province | None, prefix: str, lang: str) -> str:
    """A municipality's 市辖区 / 县 group named after the municipality ("重庆市市辖区", "重庆市县"),
    "" for a prefecture of a province or a part without such a name."""
    if province is None or province.code[:2] not in MUNICIPALITIES or prefix[:2] != province.code[:2]:
        return ""
    part = MUNICIPAL_PARTS.get(prefix[2:4])
    if part is None:
        return ""
    return f"{province.name}{part[0]}" if lang == "zh" else f"{province.name} ({part[1]})"


def tile_groups(rows: list[dict[str, Any]], province: Province | None = None, lang: str = "zh") -> list[dict[str, Any]]:
    """Districts as tiles grouped by prefecture, each with its counts (code order). A group's name
    is the prefecture's record, else a municipality's 市辖区 / 县; "" when neither is known (the
    page then says "the districts under code …")."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in sorted(rows, key=lambda r: r["code"]):
        groups.setdefault(r["code"][:4], []).append(r)
    names = prefecture_names(list(groups))
    return [{"prefix": p, "code": p + "00", "name": names.get(p) or municipal_part_name(province, p, lang),
             "tiles": tiles,
             "passing": sum(1 for t in tiles if t["status"] == "pass"),
             "failing": sum(1 for t in tiles if t["status"] == "fail"),
             "assessed": sum(1 for t in tiles if t["run"] is not None)}
            for p, tiles in groups.items()]


# -- the page ------------------------------------------------------------------------------------

COLUMNS = (("code", _l("District")), ("year", _l("School year")), ("verdict", _l("Verdict")),
           ("sections", pgettext_lazy("province", "School sections meeting the standard")),
           ("requirements", _l("Requirements not met")),
           ("findings", _l("Findings")),
           # walk 29: the indicator whose CV is largest, with its CV and its limit (not a ratio: the
           # roll-up's 最大差异系数/限值 is one)
           ("worst_primary", _l("Primary: indicator with the largest CV (CV / limit)")),
           ("worst_junior", _l("Junior secondary: indicator with the largest CV (CV / limit)")),
           ("items", _l("Items not met")),
           ("why", _l("Main reasons")))
COLUMN_TITLES = {
    "code": _l("Sorted by administrative district code"),
    "sections": _l("Counts school sections, not schools: a nine-year school counts once among primary "
                   "sections and once among junior secondary sections."),
}


# the words of each direction in the 排序方式 select (walk 29: on a phone the headers are hidden)
SORT_WORDS = {
    "code": (_l("by code, ascending"), _l("by code, descending")),
    "year": (_l("earliest first"), _l("latest first")),
    "verdict": (_l("passing first"), _l("not passing first")),
    "sections": (_l("lowest share first"), _l("highest share first")),
    "why": (_l("in text order"), _l("in reverse text order")),
}
COUNT_WORDS = (_l("fewest first"), _l("most first"))
CV_WORDS = (_l("smallest first"), _l("largest first"))


def sort_choices(query: Query) -> list[dict[str, Any]]:
    """The sorts a column header offers, as options of a select (the same ``sort`` values: "key"
    ascending, "-key" descending), each column's first-click direction first."""
    out = []
    for key, label in COLUMNS:
        asc, desc = SORT_WORDS.get(key) or (CV_WORDS if key.startswith("worst_") else COUNT_WORDS)
        pairs = [(key, asc), ("-" + key, desc)]
        for value, words in (pairs[::-1] if key in WORST_FIRST else pairs):
            out.append({"value": value, "label": f"{label} · {words}",
                        "selected": value == ("-" if query.desc else "") + query.sort})
    return out


def column_sort(key: str, query: Query) -> str:
    """The sort a column header asks for: a second click on the sorted column reverses it; a
    first click sorts counts and CVs worst (largest) first, the other columns ascending."""
    if query.sort == key:
        return ("" if query.desc else "-") + key
    return ("-" if key in WORST_FIRST else "") + key


def export_name(code: str, query: Query) -> str:
    """The workbook's file name, saying which rows it holds when the table is filtered or searched
    (ASCII only: the filter values, a searched code; searched words just as "search")."""
    parts = [f"province-{code}-districts"]
    if query.status:
        parts.append("not-assessed" if query.status == "none" else query.status)
    if query.fails:
        parts.append("failing-" + (re.sub(r"[^a-z0-9]+", "-", query.fails.lower()).strip("-")[:40] or "item"))
    if query.q:
        parts.append(f"code-{query.q}" if re.fullmatch(r"[0-9]{1,6}", query.q) else "search")
    return "-".join(parts) + ".xlsx"


def page(scope: Scope, province: Province, lang: str, params: Mapping[str, str]) -> dict[str, Any]:
    rows = district_rows(scope, province, lang)
    query = Query.from_params(params)
    shown = query.apply(rows)
    columns = [{"key": k, "label": str(label), "title": str(COLUMN_TITLES.get(k, "")),
                "link": _urlencode(query.params(sort=column_sort(k, query))),
                "sorted": "descending" if query.sort == k and query.desc else "ascending" if query.sort == k else ""}
               for k, label in COLUMNS]
    return {
        "rows": shown, "query": query, "columns": columns, "levels": LEVELS,
        # each cell's label on a phone, where the rows read as cards (walk 28: the table scrolled sideways)
        "col_labels": {**{k: str(label) for k, label in COLUMNS},
                       **{level: str(label) for k, label in COLUMNS if k.startswith("worst_")
                          for level in LEVELS if k == "worst_" + level}},
        "sort_label": next((str(label) for k, label in COLUMNS if k == query.sort), ""),  # said above the table
        "counts": {"districts": len(rows), "assessed": sum(1 for r in rows if r["run"] is not None),
                   "passing": sum(1 for r in rows if r["status"] == "pass"),
                   "failing": sum(1 for r in rows if r["status"] == "fail"),
                   "not_assessed": sum(1 for r in rows if r["run"] is None), "shown": len(shown)},
        "fail_choices": fail_choices(rows, lang),
        "sort_choices": sort_choices(query),
        "tiles": tile_groups(rows, province, lang),
        # the passing share of the districts assessed (a partial share never reads 100.0% or 0.0%)
        "passing_share": share_of(sum(1 for r in rows if r["status"] == "pass"),
                                  sum(1 for r in rows if r["run"] is not None)),
        # said when it keeps two decimals (one would read a partial share as 100.0% or 0.0%)
        "share_more_decimals": _more_decimals(sum(1 for r in rows if r["status"] == "pass"),
                                              sum(1 for r in rows if r["run"] is not None)),
        "charts": cv_charts(shown, lang),
        "export_query": _urlencode(query.params()),
        "sections_title": str(COLUMN_TITLES["sections"]),
    }


def _more_decimals(part: int, whole: int) -> bool:
    return bool(whole) and partial_decimals(100 * part / whole, 1) > 1


def cv_charts(rows: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The CV of each indicator per level, a bar per shown district (the figures as the dashboard
    charts them: the CV as rounded for the verdict, against each indicator's limit)."""
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["run"] is None:
            continue
        for level, c in _cached_figures(r["run"])["charts"].items():
            chart = out.setdefault(level, {"name": level_name(level, lang), "categories": c["categories"],
                                           "names": c["names_zh" if lang == "zh" else "names_en"],
                                           "limit": c["limit"], "series": []})
            if c["categories"] == chart["categories"]:
                chart["series"].append({"name": r["name"], "data": c["cv"]})
    ordered = [out[k] for k in ordered_levels(out)]
    for i, c in enumerate(ordered, 1):
        c["chart_id"] = f"compare-{i}"
    return ordered


def _urlencode(params: Mapping[str, str]) -> str:
    from urllib.parse import urlencode

    return urlencode(params)


# -- the export ----------------------------------------------------------------------------------

HEAD = {
    "zh": ("区县代码", "区县", "学年", "结论", "小学达标学校学段（个）", "小学学校学段（个）",
           "初中达标学校学段（个）", "初中学校学段（个）",
           "未满足要求（项）", "问题（处）",
           # walk 29: the indicator whose CV is largest, then its CV and its limit (the roll-up's
           # 最大差异系数/限值 is a ratio: these are two figures of one indicator)
           "小学差异系数最大的指标", "小学该指标差异系数", "小学该指标差异系数限值", "小学超限指标（项）",
           "初中差异系数最大的指标", "初中该指标差异系数", "初中该指标差异系数限值", "初中超限指标（项）",
           "未达到的政府保障与教育质量指标", "主要原因"),
    "en": ("District code", "District", "School year", "Verdict", "Primary school sections meeting the standard",
           "Primary school sections", "Junior school sections meeting the standard", "Junior school sections",
           "Requirements not met", "Findings",
           "Primary: indicator with the largest CV", "Primary: its CV", "Primary: its CV limit",
           "Primary: CVs over the limit",
           "Junior: indicator with the largest CV", "Junior: its CV", "Junior: its CV limit",
           "Junior: CVs over the limit",
           "Government and quality items not met", "Main reasons"),
}
SECTIONS_NOTE = {"zh": "按学校学段计数，不是学校数：九年一贯制学校在小学学段、初中学段各计一次。",
                 "en": "Counts school sections, not schools: a nine-year school counts once among primary "
                       "sections and once among junior secondary sections."}
# the number format of each column (1-based) holding a number: counts, CVs to 3 decimals, limits to 2
NUMBER_FORMATS = {**dict.fromkeys((5, 6, 7, 8, 9, 10, 14, 18), "0"), 12: "0.000", 16: "0.000", 13: "0.00", 17: "0.00"}
# what the columns mean, on a second sheet (walk 29: 学校学段 and the codes explained beside the table)
NOTES = {
    "zh": ("说明",
           ("学校学段：按学校学段计数，不是按学校数；九年一贯制学校在小学学段、初中学段各计一次；"
            "“达标学校学段”为达到学校标准的学校学段数。"),
           ("差异系数最大的指标：该学段各项指标中差异系数与其限值之比最大的一项；"
            "其后两列为该指标的差异系数（保留三位小数）与限值（保留两位小数），不是比值。"),
           "未达到的政府保障与教育质量指标：G 为政府保障程度、Q 为教育质量，每项写出其编号与名称。",
           "超限指标：差异系数超过限值的指标项数。",
           "未满足要求：按区县评估报告的分组计数（R1–R7 学校达标、校际差异系数、G、Q 等）。"),
    "en": ("Notes",
           ("School sections: counted as school sections, not schools; a nine-year school counts once among "
            "primary sections and once among junior secondary sections; "
            "those meeting the standard are the sections meeting the school standards."),
           ("Indicator with the largest CV: of the level's indicators, the one whose CV is largest against its "
            "limit; the next two columns are its CV (3 decimals) and its limit (2 decimals), not a ratio."),
           "Government and quality items not met: G items are government guarantee, Q items education quality; "
           "each is written as its number and name.",
           "CVs over the limit: how many indicators' CVs are over their limits.",
           "Requirements not met: counted as the district's report groups them (R1–R7 school compliance, the "
           "inter-school CV, G, Q and others)."),
}
VERDICT_WORDS = {"zh": {"pass": "通过", "fail": "未通过", "undecided": "待定", "none": "未评估"},
                 "en": {"pass": "passes", "fail": "does not pass", "undecided": "undecided", "none": "not assessed"}}
UNDECIDED_NOTE = {"zh": "待定：该次评估结果中没有通过或未通过的结论（未能判定），请核对数据后重新运行评估。",
                  "en": "Undecided: the assessment result holds no pass or fail verdict (it could not be judged); "
                        "check the data and run the assessment again."}


def export_xlsx(rows: list[dict[str, Any]], lang: str) -> bytes:
    """The rows shown, as a workbook: the page's columns, numbers as numbers shown as the page
    rounds them (CVs to 3 decimals, limits to 2, counts whole), district codes as text."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    lang = "en" if lang == "en" else "zh"
    wb = Workbook()
    ws = wb.active
    ws.title = "区县" if lang == "zh" else "Districts"
    ws.append(list(HEAD[lang]))
    for r in rows:
        line: list[Any] = [r["code"], r["name"], r.get("year") or None, VERDICT_WORDS[lang][r["status"]]]
        sections = {s["level"]: s for s in r.get("sections") or []}
        for level in LEVELS:
            sec = sections.get(level)
            line += [None, None] if sec is None else [sec["compliant"], sec["total"]]
        line += [r.get("requirements"), r.get("findings")]
        for level in LEVELS:
            lv = (r.get("levels") or {}).get(level)
            w = (lv or {}).get("worst")
            line += [None if w is None else f"{w['short']} {w['name']}",
                     None if w is None or w["cv"] is None else round(w["cv"], 3), None if w is None else w["limit"],
                     None if lv is None else lv["over"]]
        # each item with its name, as the roll-up lists them ("G3 …；G4 …"), not bare codes
        named = [f"{it['code']} {it['name']}".strip() for it in r.get("item_names") or []]
        line.append(("；" if lang == "zh" else "; ").join(named) or None)
        line.append(r.get("why") or None)
        ws.append(line)
        for i, cell in enumerate(ws[ws.max_row], 1):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a name starting with "=" stays text, never a formula
            if i == 1:
                cell.number_format = "@"  # the district code: text, its leading digits kept
            elif i in NUMBER_FORMATS and isinstance(cell.value, int | float):
                cell.number_format = NUMBER_FORMATS[i]
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for i in (5, 6, 7, 8):
        ws.cell(row=1, column=i).comment = Comment(SECTIONS_NOTE[lang], "youjun")
    if any(r["status"] == "undecided" for r in rows):
        ws.cell(row=1, column=4).comment = Comment(UNDECIDED_NOTE[lang], "youjun")
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions
    widths = (10, 16, 11, 9, 9, 9, 9, 9, 10, 10, 24, 10, 10, 10, 24, 10, 10, 10, 40, 40)
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    notes = wb.create_sheet(NOTES[lang][0])
    for text in NOTES[lang][1:]:
        notes.append([text])
        notes.cell(row=notes.max_row, column=1).data_type = "s"
    notes.column_dimensions["A"].width = 120
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
