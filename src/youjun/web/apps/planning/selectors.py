"""Reads of the planning app: plans (always through scoping) and the views of a finished plan."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from youjun.core.labels import INDICATOR_LABELS
from youjun.web.apps.planning import display
from youjun.web.apps.planning.models import PlanRun
from youjun.web.apps.platform import scoping
from youjun.web.apps.platform.models import District
from youjun.web.apps.platform.scoping import Scope

PAGE_ROWS = 200  # rows of a long table on the page; the workbook has them all
LEVELS = ("primary", "junior")
LEVEL_NAMES = {"primary": ("小学", "Primary"), "junior": ("初中", "Junior secondary")}


def plans(scope: Scope) -> QuerySet[PlanRun]:
    return scoping.scoped(scope, PlanRun.objects.defer("result", "bundle").select_related(
        "district__province", "snapshot", "created_by"))


def plan_or_404(scope: Scope, pk: int, *, full: bool = True) -> PlanRun:
    """A visible plan; ``full=False`` leaves its plan dict and bundle unread (status polls, lists)."""
    qs = PlanRun.objects.select_related("district__province", "snapshot", "created_by")
    found = scoping.scoped(scope, qs if full else qs.defer("result", "bundle")).filter(pk=pk).first()
    if found is None:
        raise Http404("plan")
    return found


def district_plans(district: District) -> QuerySet[PlanRun]:
    return PlanRun.objects.filter(district=district).defer("result", "bundle").select_related("created_by")


def rotation_plans(district: District) -> QuerySet[PlanRun]:
    """Finished rotation plans of a district: what a what-if may apply."""
    return district_plans(district).filter(kind=PlanRun.Kind.ROTATION, status=PlanRun.Status.DONE)


def rotation_plan_moves(district: District, pk: int) -> dict[str, Any] | None:
    """The moves and options of one finished rotation plan of ``district`` (None if there is none)."""
    found = (PlanRun.objects.filter(district=district, kind=PlanRun.Kind.ROTATION, status=PlanRun.Status.DONE, pk=pk)
             .only("id", "result", "school_year").first())
    if found is None or not found.result:
        return None
    return {"id": found.pk, "moves": found.result.get("moves", []), "options": found.result.get("options", {}),
            "school_year": found.school_year}


def _name(key: str, lang: str) -> str:
    names = INDICATOR_LABELS.get(key, (key, key))
    return names[0] if lang == "zh" else names[1]


def _short(key: str) -> str:
    return key.split("_", 1)[0].upper()


def cv_charts(cvs: list[dict[str, Any]], lang: str, labels: dict[str, str]) -> list[dict[str, Any]]:
    """Per level, a before/after chart of every CV the plan reports, with the limit."""
    out = []
    for level in LEVELS:
        rows = [c for c in cvs if c.get("level") == level]
        if not rows:
            continue
        name = LEVEL_NAMES[level][0 if lang == "zh" else 1]
        out.append({
            "key": level, "name": name, "chart_id": f"plan-cv-{level}",
            "chart": {"categories": [_short(c["indicator"]) for c in rows],
                      "names": [_name(c["indicator"], lang) for c in rows],
                      "series": [{"name": labels["before"], "data": [c.get("cv_before") for c in rows]},
                                 {"name": labels["after"], "data": [c.get("cv_after") for c in rows]}],
                      "limit": [c.get("limit") for c in rows]},
            "rows": [{**c, "name": _name(c["indicator"], lang), "short": _short(c["indicator"]),
                      "passes_before": _passes(c.get("cv_before"), c.get("limit"), c.get("passes_before")),
                      "passes_after": _passes(c.get("cv_after"), c.get("limit"), c.get("passes_after"))}
                     for c in rows],
        })
    return out


def _passes(cv: float | None, limit: float | None, given: Any) -> bool | None:
    if isinstance(given, bool):
        return given
    if cv is None or limit is None:
        return None
    return bool(cv <= limit + 1e-12)


SEATS_ROWS = ("extra_classes_needed", "seats_short", "classes_over_limit", "schools_over_size")


def seats_by_year(headline: dict[str, Any], lang: str) -> dict[str, Any]:
    """The seats headline as a table: one row per figure, one column per year (0 where none)."""
    from youjun.plan.render import label

    years = sorted({str(y) for key in SEATS_ROWS for y in (headline.get(key) or {})})
    rows = [{"key": key, "label": label(key, lang), "values": [(headline.get(key) or {}).get(y, 0) for y in years]}
            for key in SEATS_ROWS]
    return {"years": years, "rows": rows}


def seats_chart(plan: dict[str, Any], labels: dict[str, str]) -> dict[str, Any]:
    h = plan.get("headline") or {}
    years = sorted({*map(str, (h.get("extra_classes_needed") or {})), *map(str, (h.get("seats_short") or {}))})
    return {"categories": years,
            "series": [{"name": labels["extra_classes"],
                        "data": [(h.get("extra_classes_needed") or {}).get(y) for y in years]},
                       {"name": labels["classes_over_limit"],
                        "data": [(h.get("classes_over_limit") or {}).get(y, 0) for y in years]}],
            "limit": [None for _ in years], "axis": labels["classes_axis"]}


HEADLINE_ORDER = {
    "rotation": ("shortfall", "units_short", "moves", "key_moves", "rotation_passes", "distance_km", "gap",
                 "bound", "objective", "solve_seconds"),
    "investment": ("minimum_budget_full_compliance", "budget", "cost", "projects", "units_compliant", "units",
                   "g3_failing", "gap", "solve_seconds"),
    "seats": ("years", "extra_classes_needed", "seats_short", "classes_over_limit", "schools_over_size"),
    "whatif": ("verdict", "reasons", "compliant", "units", "cvs_failing", "items_changed"),
}
PAIRS: dict[str, tuple[str, str, bool | None]] = {  # key -> (zh, en, True when lower is better)
    "shortfall": ("r1–r3 缺口（人）", "r1–r3 shortfall (teachers)", True),
    "units_short": ("有缺口学段", "sections short of teachers", True),
    "units_compliant": ("达标学校学段", "compliant school sections", False),
    "g3_failing": ("G3 未达标学校", "schools failing G3", True),
    "verdict": ("县域结论达标", "county verdict passes", False),
    "reasons": ("未达标原因", "failing reasons", True),
    "compliant": ("达标学校学段", "compliant school sections", False),
    "units": ("评估学段", "assessed sections", None),  # a count, neither better nor worse
    "cvs_failing": ("超限差异系数", "CVs over the limit", True),
}


CARD_LABELS = {  # where a headline figure reads better on a card than under its table label
    "objective": ("目标值（末阶段）", "objective (last stage)"),
    "bound": ("界（末阶段）", "bound (last stage)"),
    "gap": ("与界的差距（末阶段）", "gap to the bound (last stage)"),
}


def headline_cards(kind: str, headline: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The headline as cards in a reading order: a figure, or a figure now → with the plan."""
    from youjun.plan.render import fmt, label, pct

    def show(key: str, value: Any) -> str:
        return pct(value) if key == "gap" and isinstance(value, int | float) else fmt(value)

    cards: list[dict[str, Any]] = []
    used: set[str] = set()
    for key in (*HEADLINE_ORDER.get(kind, ()), *sorted(headline)):
        if key in used:
            continue
        before, after = headline.get(f"{key}_before"), headline.get(f"{key}_after")
        if key in PAIRS and (f"{key}_before" in headline or f"{key}_after" in headline):
            zh, en, lower = PAIRS[key]
            used.update((key, f"{key}_before", f"{key}_after"))
            better = None
            if lower is not None and isinstance(before, int | float) and isinstance(after, int | float) \
                    and before != after:
                better = (after < before) == lower
            cards.append({"key": key, "label": zh if lang == "zh" else en, "before": show(key, before),
                          "after": show(key, after), "better": better, "pair": True})
        elif key in headline:
            used.add(key)
            name = CARD_LABELS[key][0 if lang == "zh" else 1] if key in CARD_LABELS else label(key, lang)
            cards.append({"key": key, "label": name, "value": show(key, headline[key]), "pair": False})
    return cards


def rotation_rule_text(rotation: dict[str, Any], lang: str) -> str:
    rule = rotation.get("rule") or {}
    if not rule:
        return ""
    v = {k: f"{float(rule.get(k) or 0):g}" for k in ("min_percent", "min_key_percent", "min_years")}
    n, e = rule.get("required_moves"), rule.get("eligible")
    if lang == "zh":
        return (f"要求：在校满 {v['min_years']} 年的 {e} 名教师中至少 {v['min_percent']}% 交流（至少 {n} 人），"
                f"其中骨干教师不低于交流人数的 {v['min_key_percent']}%（规则集 G11）。")
    return (f"Required: at least {v['min_percent']}% of the {e} teachers with {v['min_years']} or more years at "
            f"their school move (at least {n}), key teachers at least {v['min_key_percent']}% of those moved "
            f"(rule set, G11).")


def filter_moves(moves: list[dict[str, Any]], query: str, lang: str) -> list[dict[str, Any]]:
    """The moves whose teacher, schools (name or code) or subject (code or words) contain ``query``."""
    from youjun.core.labels import code_label

    q = query.strip().casefold()
    if not q:
        return moves
    keys = ("teacher_id", "from_name", "from_school", "to_name", "to_school", "subject")
    return [m for m in moves if any(q in str(m.get(k) or "").casefold() for k in keys)
            or q in code_label("subject", m.get("subject"), lang).casefold()]


def plan_view(plan: PlanRun, lang: str, *, query: str = "", page: int = 1) -> dict[str, Any]:
    """What the plan page shows, from the stored plan dict (labels from ``youjun.plan.render``)."""
    from youjun.plan.render import label

    result: dict[str, Any] = plan.result or {}
    t = {k: label(k, lang) for k in ("before", "after", "extra_classes", "classes_over_limit")}
    t["classes_axis"] = "班" if lang == "zh" else "classes"
    kind = plan.kind
    view: dict[str, Any] = {"kind": kind, "headline": headline_cards(kind, result.get("headline") or {}, lang),
                            "assumptions": (result.get("assumptions") or {}).get(lang),
                            "violations": result.get("violations") or [],
                            "stages": display.stage_rows(result.get("stages") or [], lang),
                            "options": display.options_rows(plan.options or {}, lang),
                            "labels": t, "page_rows": PAGE_ROWS}
    if kind == "rotation":
        all_moves = result.get("moves") or []
        moves = filter_moves(all_moves, query, lang)
        pages = max(1, -(-len(moves) // PAGE_ROWS))
        page = min(max(1, page), pages)
        short = [u for u in result.get("units") or [] if u.get("shortfall_before") or u.get("shortfall_after")]
        view.update(moves=moves[(page - 1) * PAGE_ROWS: page * PAGE_ROWS], moves_total=len(all_moves),
                    moves_found=len(moves), moves_page=page, moves_pages=pages, moves_query=query,
                    rotation=result.get("rotation") or {},
                    units=short,
                    unfixable=result.get("unfixable") or [], cv=cv_charts(result.get("cvs") or [], lang, t),
                    method=result.get("method"), rule_text=rotation_rule_text(result.get("rotation") or {}, lang))
    elif kind == "investment":
        judged, projects = result.get("judged") or {}, result.get("projects") or []
        view.update(projects=projects[:PAGE_ROWS], projects_total=len(projects),
                    ranked=(result.get("ranked") or [])[:PAGE_ROWS], judged=judged,
                    unfixable=result.get("unfixable") or [], cv=cv_charts(judged.get("cvs") or [], lang, t),
                    full_stages=result.get("full_compliance_stages") or [], greedy=result.get("greedy"))
    elif kind == "seats":
        over = sorted(result.get("classes_over_limit") or [], key=lambda r: (
            r.get("year", 0), str(r.get("school_code")), r.get("grade", 0), str(r.get("class_name"))))
        view["headline"] = [c for c in view["headline"] if c["key"] == "years"]
        view.update(by_year=seats_by_year(result.get("headline") or {}, lang),
                    towns=[r for r in result.get("towns") or [] if r.get("extra_classes") or r.get("seats_short")],
                    towns_total=len(result.get("towns") or []), over=over[:PAGE_ROWS], over_total=len(over),
                    big=result.get("schools_over_size") or [], chart=seats_chart(result, t),
                    base_year=result.get("base_year"), trend=result.get("entry_trend_used"))
    elif kind == "whatif":
        diff = result.get("diff") or {}
        # a line per change in each language; a plan stored before that has one bilingual string
        applied = [x if isinstance(x, dict) else {"zh": str(x), "en": str(x)} for x in result.get("applied") or []]
        view.update(applied=applied, diff=diff, cv=cv_charts(diff.get("cvs") or [], lang, t),
                    schools=(diff.get("schools") or [])[:PAGE_ROWS], schools_total=len(diff.get("schools") or []),
                    verdict_before=(result.get("before") or {}).get("verdict") or {},
                    verdict_after=(result.get("after") or {}).get("verdict") or {},
                    scenario=result.get("scenario") or {})
    return view
