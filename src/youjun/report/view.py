"""The result dict turned into what the HTML template shows, in one language.

Tolerant by design: any key may be missing or null (the engine's result grows over time),
and a missing figure is printed as '—', never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from markupsafe import Markup

from youjun.core.citations import article_text, citation_text
from youjun.core.evidence import ITEM_NAMES
from youjun.core.findings import group_findings
from youjun.core.schema import TABLES_BY_KEY
from youjun.core.standards_text import (
    option_name_text,
    option_value_text,
    rule_name_text,
    rule_value_text,
)
from youjun.report import numbers as num
from youjun.report.cv_rounding import rounding_statement
from youjun.report.fonts import FONT_STACK
from youjun.report.item_text import failing_rows, figure_rows, school_names
from youjun.report.messages import check_lang, label, level_name, pick, ruleset_words
from youjun.report.view_levels import level_view, ordered_levels, status_class

Obj = Mapping[str, Any]
MAX_FAILING_SHOWN = 8
STATUS_CSS = {"pass": "ok", "fail": "bad", "evidence_missing": "na"}


def build_view(result: Obj, lang: str = "zh") -> dict[str, Any]:
    check_lang(lang)
    head = header(result, lang)
    levels = result.get("levels") or {}
    schools = result.get("schools") or []
    items = result.get("items") or {}
    names = school_names(schools)
    g_items = [items[k] for k in sorted(items, key=_item_order) if k.startswith("g")]
    q_items = [items[k] for k in sorted(items, key=_item_order) if k.startswith("q")]
    return {
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
        "font_stack": Markup(FONT_STACK),
        "page_counter": Markup(page_counter_css(label("page", lang, page="{page}", pages="{pages}"))),
        "running_head": Markup(css_string(" · ".join(
            x for x in (head["place"], head["title"]) if x))),
        "header": head,
        "scorecard": scorecard(levels, schools, g_items, q_items, result, lang),
        "verdict": verdict(result.get("verdict") or {}, lang),
        "levels": [level_view(k, levels[k] or {}, schools, lang) for k in ordered_levels(levels)],
        "g_items": [item_row(i, names, lang) for i in g_items],
        "q_items": [item_row(i, names, lang) for i in q_items],
        "recognition": recognition(result.get("recognition") or {}, lang),
        "preconditions": [item_row(i, names, lang) for i in result.get("preconditions") or []],
        "vetoes": [veto_row(v, lang) for v in result.get("vetoes") or []],
        "options": [option_row(o, lang) for o in result.get("options") or []],
        "cv_rounding": rounding_statement(result, lang),
        "provenance": provenance(result, lang),
    }


def _item_order(key: str) -> tuple[str, int, str]:
    """g2 before g10: the letter, then the number."""
    digits = "".join(ch for ch in key if ch.isdigit())
    return (key[:1], int(digits) if digits else 0, key)


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string (for ``content:``), safe inside a <style> element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return '"' + escaped.replace("<", "\\3c ") + '"'


def page_counter_css(template: str) -> str:
    """A CSS ``content`` value from a message holding {page} and {pages}."""
    parts = []
    for piece in re.split(r"(\{pages?\})", template):
        if piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def header(result: Obj, lang: str) -> dict[str, Any]:
    district = result.get("district") or {}
    method = result.get("method") or {}
    run = result.get("run") or {}
    rules = run.get("rules") or {}
    place = " ".join(x for x in (district.get("province"), district.get("name")) if x)
    return {
        "title": pick(method, "title", lang) or label("report", lang),
        "document": method.get("document", ""),
        "place": place,
        "district_code": district.get("code", ""),
        "school_year": district.get("school_year", ""),
        "rule_set": ruleset_words(str(rules.get("name") or method.get("key") or ""),
                                  str(rules.get("version") or method.get("version") or ""),
                                  pick(method, "title", lang), lang),
        "generated_at": num.local_time(run.get("generated_at")),
    }


def scorecard(levels: Obj, schools: Sequence[Obj], g_items: Sequence[Obj],
              q_items: Sequence[Obj], result: Obj, lang: str) -> list[dict[str, str]]:
    """One line per condition of the verdict (§7): how many of its parts hold."""
    rows = []
    for key in ordered_levels(levels):
        mine = [s for s in schools if s.get("level") == key]
        rows.append(_card(f"{level_name(key, lang)} · {label('cond_schools', lang)}",
                          [s.get("compliant") for s in mine]))
        inds = list(((levels[key] or {}).get("indicators") or {}).values())
        composite = (levels[key] or {}).get("composite")
        judged = [composite] if composite else [i for i in inds if i.get("passes") is not None]
        rows.append(_card(f"{level_name(key, lang)} · {label('cond_cv', lang)}",
                          [i.get("passes") for i in judged]))
    for name, group in (("g_items", g_items), ("q_items", q_items)):
        statuses = [i.get("status") for i in group]
        rows.append(_card(label(name, lang), [None if s == "evidence_missing" else s == "pass"
                                              for s in statuses]))
    rec = result.get("recognition") or {}
    if rec:
        rows.append({"name": label("recognition", lang),
                     "figure": f"{_rate(rec)} / ≥{num.percent(rec.get('limit'))}",
                     "css": STATUS_CSS.get(rec.get("status", ""), "na")})
    pre = result.get("preconditions") or []
    if pre:
        rows.append(_card(label("preconditions", lang),
                          [None if p.get("status") == "evidence_missing" else p.get("status") == "pass"
                           for p in pre]))
    vetoes = result.get("vetoes") or []
    if vetoes:
        absent = [None if v.get("applies") is None else not v["applies"] for v in vetoes]
        rows.append({"name": label("vetoes", lang),
                     "figure": label("vetoes_clear", lang, clear=sum(1 for a in absent if a),
                                     total=len(vetoes)),
                     "css": _overall(absent)})
    return rows


def _card(name: str, findings: Sequence[bool | None]) -> dict[str, str]:
    """'passed/total', red if any part fails, grey if some are undecided, else green."""
    passed = sum(1 for f in findings if f is True)
    return {"name": name, "figure": f"{passed}/{len(findings)}", "css": _overall(findings)}


def _overall(findings: Sequence[bool | None]) -> str:
    if any(f is False for f in findings):
        return "bad"
    return "ok" if findings and all(f is True for f in findings) else "na"


def _rate(rec: Obj) -> str:
    """A measured recognition rate against its minimum: "89.1%" (one decimal, never rounded up
    to the minimum it falls short of)."""
    return num.percent(rec.get("rate"), measured=True, below=rec.get("limit"))


def verdict(v: Obj, lang: str) -> dict[str, Any]:
    passes = v.get("passes")
    if v.get("findings"):
        return _verdict_from_findings(v, lang)
    reasons = []
    for n, r in enumerate(v.get("reasons") or [], start=1):
        # A CV is published to 3 decimals, its limit to 2; other figures to at most 2.
        is_cv = str(r.get("key", "")).startswith("cv.")
        fig = (lambda x: num.cv(x) if num.is_number(x) else _figure(x, lang)) if is_cv \
            else (lambda x: _figure(x, lang))
        reasons.append({"n": n, "heading": "", "text": pick(r, "", lang) or r.get("key", ""),
                        "figure": fig(r.get("figure")),
                        "limit": num.cv_limit(r.get("limit")) if is_cv else _figure(r.get("limit"), lang),
                        "gap": fig(r.get("gap"))})
    return {
        "passes": passes, "css": status_class(passes),
        "word": label("verdict_pass" if passes else "verdict_fail", lang),
        "note": (label("verdict_pass_note", lang) if passes and not reasons
                 else label("verdict_fail_note", lang, n=len(reasons))),
        "reasons": reasons,
        # figure and gap are numbers: right-aligned like every figure column
        "figures_css": "num",
    }


def _verdict_from_findings(v: Obj, lang: str) -> dict[str, Any]:
    """The reasons as the engine's typed findings, grouped by requirement then school, counted."""
    passes = v.get("passes")
    findings = v.get("findings") or []
    rows: list[dict[str, Any]] = []
    groups = group_findings(findings)
    for g in groups:
        rows.append({"heading": f"{g.requirement} · {g.headline_text(lang)}"})
        for school in g.schools:
            for f in school.findings:
                rows.append({"n": sum(1 for r in rows if not r["heading"]) + 1,
                             "heading": "", "text": finding_subject(f, lang),
                             "figure": pick(f.get("measured"), "", lang) or num.MISSING,
                             "limit": pick(f.get("standard"), "", lang) or num.MISSING,
                             "gap": pick(f.get("gap"), "", lang) or num.MISSING})
    return {
        "passes": passes, "css": status_class(passes),
        "word": label("verdict_pass" if passes else "verdict_fail", lang),
        "note": (label("verdict_pass_note", lang) if passes and not findings
                 else label("verdict_findings_note", lang, n=len(groups), k=len(findings))),
        "reasons": rows,
        # the engine's findings say figure and gap in words: text that wraps, left-aligned
        "figures_css": "words",
    }


def finding_subject(f: Obj, lang: str) -> str:
    """'永川区和顺小学 · 1年级1班' — the school, then what in it falls short."""
    school = str(f.get("school_name") or f.get("school_code") or "")
    subject = pick(f.get("subject"), "", lang)
    return " · ".join(x for x in (school, subject) if x)


def finding_rows(findings: Sequence[Obj], lang: str) -> list[tuple[str, str]]:
    """(subject, 'measured；gap') per finding, for an item's failing column."""
    sep = "；" if lang == "zh" else "; "
    out = []
    for f in findings:
        detail = sep.join(x for x in (pick(f.get("measured"), "", lang), pick(f.get("gap"), "", lang))
                          if x and x != num.MISSING)
        out.append((finding_subject(f, lang), detail))
    return out


def _figure(x: Any, lang: str) -> str:
    return num.any_figure(x, label("yes", lang), label("no", lang))


def item_row(item: Obj, names: Mapping[str, str], lang: str) -> dict[str, Any]:
    status = item.get("status", "")
    failing = (finding_rows(item["findings"], lang) if item.get("findings")
               else failing_rows(item.get("failing"), names, lang))
    return {
        "key": str(item.get("key", "")).upper(), "title": pick(item, "title", lang),
        "css": STATUS_CSS.get(status, "na"),
        "status": label(f"status_{status}", lang) if status in STATUS_CSS else status,
        "figures": figure_rows(item.get("figures"), lang), "limit": pick(item, "limit", lang),
        # Hundreds of failing classes or teachers would swamp the page: the workbook has all.
        "failing": failing[:MAX_FAILING_SHOWN],
        "failing_more": (label("more_failing", lang, n=len(failing))
                         if len(failing) > MAX_FAILING_SHOWN else ""),
        "evidence": evidence_text(item.get("evidence"), status, lang),
        # where a figure the item reads came from when another system supplied it (G9's hours
        # from the training ledger): said in every report, as on the web page
        "source": pick(item, "source", lang),
    }


def evidence_text(evidence: Obj | None, status: str, lang: str) -> dict[str, str]:
    if evidence:
        text = label("attested", lang, by=evidence.get("attested_by") or num.MISSING,
                     on=evidence.get("attested_on") or num.MISSING)
        ref = evidence.get("attachment_ref") or ""
        return {"text": text, "ref": ref, "css": "" if evidence.get("attested_by") else "na"}
    if status == "evidence_missing":
        return {"text": label("status_evidence_missing", lang), "ref": "", "css": "na"}
    return {"text": label("computed", lang), "ref": "", "css": "muted"}


def recognition(rec: Obj, lang: str) -> dict[str, str] | None:
    if not rec:
        return None
    status = rec.get("status", "")
    return {"rate": _rate(rec), "limit": f"≥{num.percent(rec.get('limit'))}",
            "css": STATUS_CSS.get(status, "na"),
            "status": label(f"status_{status}", lang) if status in STATUS_CSS else str(status)}


def veto_row(v: Obj, lang: str) -> dict[str, str]:
    applies = v.get("applies")
    if applies is None:
        word, css = "veto_unknown", "na"
    else:
        word, css = ("veto_applies", "bad") if applies else ("veto_not_applies", "ok")
    # The table says the case ("以考试方式招生") and whether it exists ("不存在"): the result's
    # title is worded as the requirement ("无以考试方式招生") and would read double beside it.
    case = ITEM_NAMES.get(str(v.get("key", "")))
    title = (case[0] if lang == "zh" else case[1].capitalize()) if case else (
        pick(v, "title", lang) or v.get("key", ""))
    return {"title": title, "status": label(word, lang), "css": css}


def option_row(o: Obj, lang: str) -> dict[str, str]:
    """An option said in words (its name and value from the rule files, never a dict)."""
    name = str(o.get("name", ""))
    value = pick(o, "text", lang) or option_value_text(name, o.get("value"), lang)
    return {"name": option_name_text(name, lang), "value": value,
            "description": pick(o, "", lang),
            "reference": citation_text(str(o.get("reference") or ""), lang)}


def provenance(result: Obj, lang: str) -> dict[str, Any]:
    run = result.get("run") or {}
    rules = run.get("rules") or {}
    prov = result.get("provenance") or {}
    data = prov.get("data") or {}
    facts = [
        (label("data_hash", lang), data.get("data_hash") or run.get("data_hash") or num.MISSING),
        (label("rule_set", lang), " ".join(str(x) for x in (rules.get("name"),
                                                            rules.get("version")) if x)),
        (label("overlays", lang), "、".join(rules.get("overlays") or []) or num.MISSING),
        (label("software_version", lang), run.get("software_version") or num.MISSING),
        (label("schema_version", lang), run.get("schema_version") or num.MISSING),
        (label("source", lang), run.get("source") or num.MISSING),
        (label("generated_at", lang), num.local_time(run.get("generated_at"))),
    ]
    rule_rows = [{
        "key": rule_name_text(str(r.get("key", "")), lang),
        "value": rule_value_text(str(r.get("key", "")), r.get("value"), lang) or num.MISSING,
        "document": r.get("document", ""), "number": r.get("number", ""),
        "article": article_text(str(r.get("article") or ""), lang), "effective": r.get("effective", ""),
        "confidence": _confidence(r.get("confidence"), lang),
    } for r in prov.get("rules") or []]
    tables = [(_table_name(name, lang), _figure(rows if not isinstance(rows, list) else len(rows), lang))
              for name, rows in (data.get("tables") or {}).items()]
    return {"facts": facts, "rules": rule_rows, "tables": tables}


def _table_name(key: str, lang: str) -> str:
    """A data table as the template names it (its sheet name), not its key."""
    table = TABLES_BY_KEY.get(key)
    return key if table is None else (table.zh if lang == "zh" else table.en)


def _confidence(code: Any, lang: str) -> str:
    if code in ("C", "M", "U"):
        return f"{code} {label('confidence_' + code, lang)}"
    return str(code or num.MISSING)
