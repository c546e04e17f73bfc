"""Reads of the schooleval app: a tree in words, an evaluation's rows and roll-up, a district's overview."""

from __future__ import annotations

from typing import Any

from youjun.core import schooleval as rules
from youjun.web.apps.platform.models import District, School
from youjun.web.apps.schooleval import services
from youjun.web.apps.schooleval.models import Evaluation


def _w(node: dict[str, Any], lang: str) -> str:
    return str(node.get("en") or node.get("zh")) if lang == "en" else str(node.get("zh") or "")


def words(lang: str) -> dict[str, Any]:
    """Labels of evaluators, methods, levels and states in the page's language."""
    g = rules.guide()
    wf = rules.workflow()
    return {
        "evaluators": {k: _w(v, lang) for k, v in g["evaluators"].items()},
        "methods": {k: _w(v, lang) for k, v in g["evidence_methods"].items()},
        "levels": {k: v.label(lang) for k, v in rules.levels().items()},
        "states": {k: _w(v, lang) for k, v in wf["states"].items()},
    }


def _guide_items() -> dict[str, dict[str, Any]]:
    """The guide's own indicators and considerations by code (the seed tree), to show beside a
    district's edited wording."""
    out: dict[str, dict[str, Any]] = {}
    for a in rules.seed_tree()["areas"]:
        for i in a["indicators"]:
            out[i["code"]] = i
            for c in i["considerations"]:
                out[c["code"]] = c
    return out


def tree_rows(tree: dict[str, Any], lang: str, *, retired: bool = True) -> list[dict[str, Any]]:
    """The tree as nested rows with words, for the pages: each consideration with its source
    (the guide, the guide's item edited by the district — with the guide's wording — or local)."""
    w = words(lang)
    guide_items = _guide_items()
    out = []
    for a in tree["areas"]:
        inds = []
        for i in a["indicators"]:
            cons = []
            for c in i["considerations"]:
                if not retired and c.get("retired"):
                    continue
                original = guide_items.get(c["code"]) if c.get("source") == "guide_edited" else None
                cons.append({**c, "name": _w(c, lang),
                             "evaluator_words": [w["evaluators"].get(e, e) for e in c["evaluators"]],
                             "method_words": [w["methods"].get(m, m) for m in c.get("methods") or []],
                             "local": c.get("source") in ("local", "guide_edited"),
                             "national": c.get("source") in ("guide", "guide_edited"),
                             "guide_name": _w(original, lang) if original and _w(original, lang) != _w(c, lang)
                             else "",
                             "guide_evidence": original.get("evidence", "") if original
                             and original.get("evidence", "") != c.get("evidence", "") else "",
                             "evidence_word": (c.get("evidence_en") or c.get("evidence", "")) if lang == "en"
                             else c.get("evidence", "")})
            inds.append({**i, "name": _w(i, lang), "cons": cons})
        out.append({**a, "name": _w(a, lang), "inds": inds})
    return out


def _weight_text(value: Any) -> str:
    if value is None:
        return ""
    return f"{float(value):,.2f}".rstrip("0").rstrip(".")


def weight_values(tree: dict[str, Any]) -> dict[str, str]:
    """Every node's stored LOCAL weight as the form shows it (code -> text, "" for none)."""
    out: dict[str, str] = {}
    for a in tree["areas"]:
        out[a["code"]] = _weight_text(a.get("weight"))
        for i in a["indicators"]:
            out[i["code"]] = _weight_text(i.get("weight"))
            for c in i["considerations"]:
                out[c["code"]] = _weight_text(c.get("weight"))
    return out


def mark_missing(rows: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """Mark (``missing``) and list the considerations of an evaluation page not yet judged in
    ``field`` ("self_level" or "review_level"), in the tree's order."""
    out = []
    for a in rows:
        for i in a["inds"]:
            for c in i["cons"]:
                if not (c.get("j") is not None and getattr(c["j"], field)):
                    c["missing"] = True
                    out.append(c)
    return out


def school_years(school: School, lang: str) -> list[dict[str, Any]]:
    """A school's school years: each year it has an evaluation, the district's tree years and
    the current year, newest first, with the evaluation's state in words."""
    from youjun.web.apps.schooleval.models import TreeVersion

    states = words(lang)["states"]
    evs = {e.school_year: e for e in Evaluation.objects.filter(school=school)}
    years = set(evs) | set(TreeVersion.objects.filter(district=school.district_id)
                           .values_list("school_year", flat=True)) | {services.current_year()}
    return [{"year": y, "state": evs[y].state if y in evs else "",
             "state_word": states.get(evs[y].state, "") if y in evs else ""} for y in sorted(years, reverse=True)]


def tree_page(district: District, year: str, lang: str) -> dict[str, Any]:
    version = services.stored_tree(district, year)
    if version is not None:
        tree, source = version.tree, version.seeded_from
    else:
        tree, source = services.draft_tree(district, year)
    g = rules.guide()
    return {
        "version": version, "tree": tree, "rows": tree_rows(tree, lang), "source": source,
        "in_use": version is not None and services.tree_in_use(version),
        "weighted": rules.uses_weights(tree),
        "levels_of_guide": [{"code": k, "name": _w(v, lang), "areas": [_w(a, lang) for a in v["areas"]]}
                            for k, v in g["levels"].items()],
        "methods": [_w(m, lang) for m in g["methods"]],
        "chain": [_w(c, lang) for c in g["chain"]],
        "prohibitions": [_w(p, lang) for p in g["prohibitions"]],
        "reference": rules.reference("guide"),
        "years": list(district_years(district, year)),
        "n_indicators": sum(len(a["indicators"]) for a in tree["areas"]),
        "n_considerations": len(rules.considerations(tree)),
    }


def district_years(district: District, year: str) -> list[str]:
    from youjun.web.apps.schooleval.models import TreeVersion

    years = set(TreeVersion.objects.filter(district=district).values_list("school_year", flat=True))
    years.add(year)
    years.add(services.current_year())
    return sorted(years, reverse=True)


def result_of(ev: Evaluation | None, tree: dict[str, Any], lang: str) -> dict[str, Any]:
    """Self and review roll-ups: per area and key indicator, the level (words) and LOCAL score."""
    judgements = list(ev.judgements.all()) if ev is not None else []
    mine = {j.code: j.self_level for j in judgements if j.self_level}
    theirs = {j.code: j.review_level for j in judgements if j.review_level}
    lv = rules.levels()

    def words_of(rolled: dict[str, rules.Rolled]) -> dict[str, dict[str, Any]]:
        return {k: {"level": r.level, "word": lv[r.level].label(lang) if r.level else "", "judged": r.judged,
                    "total": r.total, "score": r.score,
                    "mean": f"{r.mean:.2f}".rstrip("0").rstrip(".") if r.mean is not None else ""}
                for k, r in rolled.items()}

    return {"self": words_of(rules.roll_up(tree, mine)), "review": words_of(rules.roll_up(tree, theirs))}


def evaluation_page(school: School, year: str, lang: str) -> dict[str, Any]:
    ev = services.evaluation_of(school, year)
    if ev is not None:
        tree = ev.tree.tree
    else:
        version = services.stored_tree(school.district, year)
        tree = version.tree if version is not None else services.draft_tree(school.district, year)[0]
    judgements = {j.code: j for j in ev.judgements.all()} if ev is not None else {}
    files: dict[str, list[Any]] = {}
    if ev is not None:
        for f in ev.evidence.only("id", "code", "filename", "size", "at"):
            files.setdefault(f.code, []).append(f)
    rows = tree_rows(tree, lang, retired=False)
    for a in rows:
        for i in a["inds"]:
            for c in i["cons"]:
                c["j"] = judgements.get(c["code"])
                c["files"] = files.get(c["code"], [])
    return {"evaluation": ev, "tree": tree, "rows": rows, "result": result_of(ev, tree, lang),
            "weighted": rules.uses_weights(tree), "state": ev.state if ev is not None else "",
            "state_word": words(lang)["states"].get(ev.state, "") if ev is not None else ""}


SORTS = ("code", "name", "state", "self", "review", "score")
_BUREAU_FINAL = ("教育局复核（已确定）", "the bureau's (final)")
_SCHOOL_OWN = ("学校自评", "the school's own")


def overview(district: District, year: str, lang: str, sort: str = "code") -> dict[str, Any]:
    """Every school of the district with its evaluation's state and results for ``year``."""
    evs = {e.school_id: e for e in Evaluation.objects.filter(school__district=district, school_year=year)
           .select_related("tree").prefetch_related("judgements")}
    w = words(lang)
    version = services.stored_tree(district, year)
    base_tree = version.tree if version is not None else services.draft_tree(district, year)[0]
    areas = [{"code": a["code"], "name": _w(a, lang)} for a in base_tree["areas"]]
    order = {code: n for n, code in enumerate(rules.workflow()["states"])}
    rows = []
    for s in School.objects.filter(district=district).order_by("code"):
        ev = evs.get(s.id)
        res = result_of(ev, ev.tree.tree if ev else base_tree, lang)
        final = ev is not None and ev.state == "final"
        shown = res["review"] if final else res["self"]
        source_word = "" if ev is None or not any(x["word"] for x in shown.values()) else \
            (_BUREAU_FINAL[lang == "en"] if final else _SCHOOL_OWN[lang == "en"])
        rows.append({"source_word": source_word,
            "school": s, "evaluation": ev, "state": ev.state if ev else "",
            "state_word": w["states"].get(ev.state, "") if ev else "",
            "self": res["self"][""], "review": res["review"][""], "final": final,
            "areas": [{**shown.get(a["code"], {}), "name": a["name"]} for a in areas], "score": shown[""]["score"],
            "_state_order": order.get(ev.state, -1) if ev else -1,
        })
    points = {k: v.points for k, v in rules.levels().items()}
    keys = {
        "code": lambda r: r["school"].code, "name": lambda r: r["school"].name,
        "state": lambda r: (r["_state_order"], r["school"].code),
        "self": lambda r: (-points.get(r["self"]["level"] or "", 0), r["school"].code),
        "review": lambda r: (-points.get(r["review"]["level"] or "", 0), r["school"].code),
        "score": lambda r: (-(r["score"] if r["score"] is not None else -1), r["school"].code),
    }
    rows.sort(key=keys.get(sort, keys["code"]))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["state"] or "none"] = counts.get(r["state"] or "none", 0) + 1
    return {"rows": rows, "areas": areas, "sort": sort if sort in keys else "code", "counts": counts,
            "weighted": rules.uses_weights(base_tree)}


def latest_for_panel(school: School) -> Evaluation | None:
    return (Evaluation.objects.filter(school=school).select_related("tree").prefetch_related("judgements")
            .order_by("-school_year").first())
