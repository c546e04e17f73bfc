"""The result dict turned into what the HTML template shows, in one language.

Tolerant by design: any key may be missing or null (the engine's result grows over time),
and a missing figure is printed as '—', never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import PurePath
from typing import Any

from markupsafe import Markup, escape

from youjun.core.citations import article_text, citation_text
from youjun.core.evidence_rows import in_quotes
from youjun.core.findings import RequirementGroup, count_text, group_findings, rooms_short, rooms_text
from youjun.core.labels import ITEM_LABELS
from youjun.core.requirements import shown_code, veto_case
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
from youjun.report.item_text import (
    attested_records,
    figure_rows,
    finding_subject,
    item_failing_rows,
    school_names,
)
from youjun.report.messages import around_links, check_lang, label, level_name, pick, ruleset_words
from youjun.report.rectification import build_rectification
from youjun.report.view_levels import level_view, ordered_levels, status_class

Obj = Mapping[str, Any]
MAX_FAILING_SHOWN = 8
STATUS_CSS = {"pass": "ok", "fail": "bad", "evidence_missing": "na"}


def build_view(result: Obj, lang: str = "zh", files: Collection[str] | None = None,
               links: bool = True) -> dict[str, Any]:
    """``files``: the names of the files written beside this page (``report.xlsx``,
    ``rectification.html``…); the page names only those, and none when unknown (the web
    renders a page to download alone). ``links``: name them as relative links (HTML) or as
    plain names (PDF)."""
    check_lang(lang)
    beside = FilesBeside(files or (), links)
    head = header(result, lang)
    levels = result.get("levels") or {}
    schools = result.get("schools") or []
    items = result.get("items") or {}
    names = school_names(schools)
    findings = (result.get("verdict") or {}).get("findings") or []
    rules = {str(r.get("key")): r.get("value") for r in (result.get("provenance") or {}).get("rules") or []}
    options = [option_row(o, lang) for o in result.get("options") or []]
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
        "verdict": verdict(result.get("verdict") or {}, lang) | {"why": barring_vetoes(result, lang)},
        "levels": [level_view(k, levels[k] or {}, schools, lang, rules) for k in ordered_levels(levels)],
        "summary": summary(findings, levels, items, lang),
        "finding_groups": finding_groups(findings, levels, items, lang),
        "findings_total": findings_total(findings, lang, build_rectification(result)["counts"], beside),
        "items_note": items_note(result, lang),
        "g_items": [item_row(i, names, lang, beside) for i in g_items],
        "q_items": [item_row(i, names, lang, beside) for i in q_items],
        "recognition": recognition(result.get("recognition") or {}, lang),
        "preconditions": [item_row(i, names, lang, beside) for i in result.get("preconditions") or []],
        "vetoes": [veto_row(v, lang, str((result.get("district") or {}).get("code") or ""))
                   for v in result.get("vetoes") or []],
        "options": options,
        # a column empty in every row says nothing: left out
        "options_described": any(o["description"] for o in options),
        "cv_rounding": rounding_statement(result, lang),
        "provenance": provenance(result, lang),
        # the way back to the district's summary and the run's roll-up (a run of many districts
        # names them in ``files``); paper links nothing
        "around": around_links(files or (), lang, "report.html") if links else [],
        "paper": not links,  # the PDF: every group of findings printed open (Chromium prints a closed one folded)
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
        "generated_at": beijing_time(run.get("generated_at"), lang),
    }


def beijing_time(stamp: Any, lang: str) -> str:
    """'2026-12-03 22:12（北京时间）': the zone said, as the roll-up says it."""
    shown = num.local_time(stamp)
    return shown if shown == num.MISSING else f"{shown}{label('beijing_time', lang)}"


def scorecard(levels: Obj, schools: Sequence[Obj], g_items: Sequence[Obj],
              q_items: Sequence[Obj], result: Obj, lang: str) -> list[dict[str, str]]:
    """One line per condition of the verdict (§7): how many of its parts hold."""
    rows = []
    for key in ordered_levels(levels):
        mine = [s for s in schools if s.get("level") == key]
        rows.append(_card(f"{level_name(key, lang)} · {label('cond_schools', lang)}",
                          [s.get("compliant") for s in mine], label("unit_sections", lang)))
        inds = list(((levels[key] or {}).get("indicators") or {}).values())
        composite = (levels[key] or {}).get("composite")
        judged = [composite] if composite else [i for i in inds if i.get("passes") is not None]
        rows.append(_card(f"{level_name(key, lang)} · {label('cond_cv', lang)}",
                          [i.get("passes") for i in judged], label("unit_items", lang)))
    for name, group in (("g_items", g_items), ("q_items", q_items)):
        statuses = [i.get("status") for i in group]
        rows.append(_card(label(name, lang), [None if s == "evidence_missing" else s == "pass"
                                              for s in statuses], label("unit_items", lang)))
    rec = result.get("recognition") or {}
    if rec:
        rows.append({"name": label("recognition", lang),
                     "figure": f"{_rate(rec)} / ≥{num.percent(rec.get('limit'))}", "unit": "",
                     "css": STATUS_CSS.get(rec.get("status", ""), "na")})
    pre = result.get("preconditions") or []
    if pre:
        rows.append(_card(label("preconditions", lang),
                          [None if p.get("status") == "evidence_missing" else p.get("status") == "pass"
                           for p in pre], label("unit_items", lang)))
    vetoes = result.get("vetoes") or []
    if vetoes:
        absent = [None if v.get("applies") is None else not v["applies"] for v in vetoes]
        css = _overall(absent)
        # a veto is not "met": it applies or it does not (walk 35: "达标" beside 一票否决事项);
        # one not attested bars recognition as surely (walk 38: it read as a neutral "—")
        mark = {"ok": "veto_none", "bad": "veto_one_applies"}.get(css, "veto_unattested_mark")
        rows.append({"name": label("vetoes", lang),
                     "figure": label("vetoes_clear", lang, clear=sum(1 for a in absent if a),
                                     total=len(vetoes)), "unit": "", "css": "bad" if css == "na" else css,
                     "mark": label(mark, lang)})
    for row in rows:
        row.setdefault("mark", label({"ok": "status_pass", "bad": "status_fail"}.get(row["css"], "undecided_mark"),
                                     lang))
    return rows


def _card(name: str, findings: Sequence[bool | None], unit: str = "") -> dict[str, str]:
    """'passed/total' and what is counted ('个学段', '项'), red if any part fails, grey if some
    are undecided, else green."""
    passed = sum(1 for f in findings if f is True)
    return {"name": name, "figure": f"{passed}/{len(findings)}", "unit": unit,
            "css": _overall(findings)}


def _overall(findings: Sequence[bool | None]) -> str:
    if any(f is False for f in findings):
        return "bad"
    return "ok" if findings and all(f is True for f in findings) else "na"


def _rate(rec: Obj) -> str:
    """A measured recognition rate against its minimum: "89.1%" (one decimal, never rounded up
    to the minimum it falls short of)."""
    return num.percent(rec.get("rate"), measured=True, below=rec.get("limit"))


def barring_vetoes(result: Obj, lang: str) -> str:
    """The vetoes that bar recognition, in a sentence ("一票否决事项“违规择校”缺少认定，不予认定"),
    or "": said in the verdict's box (walk 41: it said only 未通过, the veto in the table's last
    row, below a phone's first screen) and on `youjun assess`'s verdict line."""
    said = []
    for veto in result.get("vetoes") or []:
        if veto.get("applies") is False:
            continue
        title = veto_case(str(veto.get("key", "")), lang)
        if lang == "zh":
            said.append(f"{in_quotes(str(title))}{'缺少认定' if veto.get('applies') is None else '经认定存在'}")
        else:
            said.append(f"'{title}' {'not attested' if veto.get('applies') is None else 'attested as arising'}")
    if not said:
        return ""
    return (f"一票否决事项{'、'.join(said)}，不予认定" if lang == "zh"
            else f"The {'veto' if len(said) == 1 else 'vetoes'} {', '.join(said)}: not recognised")


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
    """The verdict of the engine's typed findings: the box and a note; the requirements not met
    are summed up under it (``summary``) and every finding is listed in its own section
    (``finding_groups``), so that a phone does not scroll past hundreds of rows to the contents."""
    passes = v.get("passes")
    findings = v.get("findings") or []
    groups = group_findings(findings)
    return {
        "passes": passes, "css": status_class(passes),
        "word": label("verdict_pass" if passes else "verdict_fail", lang),
        "note": (label("verdict_pass_note", lang) if passes and not findings
                 else label("verdict_findings_note", lang, n=len(groups), k=f"{len(findings):,}")),
        "reasons": [],
        "figures_css": "words",
    }


def group_id(requirement: str) -> str:
    """The anchor of a requirement's findings ("req-g9"): the summary row links to it."""
    return "req-" + re.sub(r"[^a-z0-9]+", "-", requirement.lower()).strip("-")


def requirement_name(requirement: str, levels: Obj, items: Obj, lang: str) -> str:
    """'配备县级以上骨干教师' for R2, the item's title for G5: the requirement in words."""
    key = requirement.lower()
    case = veto_case(key, lang)
    if case:
        # a veto by its case as the document words it, as its table names it (walk 39: "无违规择校"
        # here, "违规择校" there)
        return label("veto_named", lang, case=case)
    for level in levels.values():
        for ind_key, ind in ((level or {}).get("indicators") or {}).items():
            if ind_key.split("_")[0] == key:
                return pick(ind, "name", lang) or requirement
    item = items.get(key) or {}
    title = pick(item, "title", lang)
    if title:
        return title
    names = ITEM_LABELS.get(key)
    if names:
        return names[0] if lang == "zh" else names[1]
    return label("recognition", lang) if requirement == "SR" else requirement


# Gap units whose gaps add up to a total worth saying ("共缺 1,234.5 平方米"): what is missing,
# counted in the same unit at every place. Gaps over a limit (pupils over a class size) and
# gaps in percentage points do not add up to anything a district could act on.
TOTAL_UNITS: dict[str, tuple[str, str, int]] = {
    "teachers": ("名教师", "teachers", 0),
    "m2": ("平方米", "m²", 1),
    "yuan": ("元", "yuan", 0),
    "rooms": ("间", "rooms", 0),
    "hours": ("学时", "training hours", 0),
}


def group_count_text(g: RequirementGroup, lang: str) -> str:
    """How many places fall short, each kind in its own unit: '3 所学校（小学 2 所，初中 1 所）',
    '86 个班，涉及 3 所学校', '123 名教师，涉及 84 所学校；全县 1 项'."""
    every = [f for sg in g.schools for f in sg.findings]
    sep = "；" if lang == "zh" else "; "
    parts: list[str] = []
    placed = [f for f in every if f.get("school_code")]
    kinds = {str(f.get("subject_kind") or "district") for f in placed}
    if placed and kinds == {"school"} and all(f.get("level") for f in placed):
        # R1–R7: one finding per school section; a nine-year school may fall short at both
        by_level: dict[str, int] = {}
        for f in placed:
            by_level[str(f["level"])] = by_level.get(str(f["level"]), 0) + 1
        split = ("，" if lang == "zh" else ", ").join(
            (f"{label('level_short_' + lv, lang)} {n:,} 所" if lang == "zh"
             else f"{n:,} {label('level_short_' + lv, lang)}")
            for lv, n in by_level.items() if lv in ("primary", "junior"))
        schools = count_text(g.n_schools, "school", lang)
        head = schools if len(placed) == g.n_schools else (
            f"{schools}的 {count_text(len(placed), 'section', lang)}" if lang == "zh"
            else f"{count_text(len(placed), 'section', lang)} of {schools}")
        parts.append(f"{head}（{split}）" if lang == "zh" and split else
                     f"{head} ({split})" if split else head)
    elif placed:
        own = [kind for kind in g.kinds if kind not in ("school", "district")]
        pieces = []
        for kind in own:
            n = sum(1 for f in placed if f.get("subject_kind") == kind)
            rooms = rooms_short([f for f in placed if f.get("subject_kind") == "room"]) if kind == "room" else None
            pieces.append(rooms_text(rooms, lang) if rooms is not None else count_text(n, kind, lang))
        schools = count_text(g.n_schools, "school", lang)
        if not pieces:
            parts.append(schools)
        else:
            joined = ("，" if lang == "zh" else ", ").join(pieces)
            parts.append(f"{joined}，涉及 {schools}" if lang == "zh" else f"{joined} in {schools}")
    district = len(every) - len(placed)
    if district:
        parts.append(label("district_findings", lang, n=f"{district:,}"))
    return sep.join(parts)


def group_total(g: RequirementGroup, lang: str) -> str:
    """'共缺 1,234.5 平方米' where every gap of the requirement is a shortfall in one unit that
    adds up; '' otherwise."""
    every = [f for sg in g.schools for f in sg.findings if f.get("school_code")]
    gaps = [f.get("gap") or {} for f in every]
    units = {str(x.get("unit") or "") for x in gaps}
    if not gaps or len(units) != 1 or next(iter(units)) not in TOTAL_UNITS:
        return ""
    values = [x.get("value") for x in gaps]
    if any("超" in str(x.get("zh") or "") for x in gaps):  # over a limit, not short of it
        return ""
    numbers = [float(x) for x in values if num.is_number(x)]
    if len(numbers) != len(values):
        return ""
    if set(g.kinds) == {"room"}:  # the count already says the rooms missing ("缺 51 间功能教室")
        return ""
    zh_u, en_u, decimals = TOTAL_UNITS[next(iter(units))]
    # the sum of the parts as printed (314.5 + 103.2 + 1,428.8 = 1,846.5), not of the unrounded
    # parts, so that a reader adding up the findings gets the total shown
    total = sum(num.as_printed(x, decimals) for x in numbers)
    figure = num.area_total(total) if decimals == 1 else num.fixed(total, decimals)
    return label("total_short", lang, amount=figure, unit=zh_u if lang == "zh" else en_u)


def summary(findings: Sequence[Obj], levels: Obj, items: Obj, lang: str) -> list[dict[str, str]]:
    """One row per requirement not met: its code and name, how many places fall short (in
    their units) and, where it adds up, the total shortfall; linked to its findings."""
    return [{"code": shown_code(g.requirement, lang), "id": group_id(g.requirement),
             "name": requirement_name(g.requirement, levels, items, lang),
             "count": _summary_count(g, lang),
             "total": group_total(g, lang)}
            for g in group_findings(findings)]


# a veto listed for want of its attestation, not because its case arose (walk 37: "无违规择校 ·
# 全区县 1 项" read as a finding of illegal school choice), or because it was attested as arising
# (walk 39: it said only "全区县 1 项")
_VETO_COUNT = {"evidence_missing": "veto_unattested", "fail": "veto_arises"}


def _summary_count(g: RequirementGroup, lang: str) -> str:
    word = _VETO_COUNT.get(_veto_status(g) or "")
    return label(word, lang) if word else group_count_text(g, lang)


def _veto_status(g: RequirementGroup) -> str | None:
    """The status every finding of a veto's group shares ("evidence_missing" or "fail"), else None."""
    every = {f.get("status") for sg in g.schools for f in sg.findings}
    return next(iter(every)) if g.requirement.startswith("VETO_") and len(every) == 1 else None


def finding_groups(findings: Sequence[Obj], levels: Obj, items: Obj, lang: str) -> list[dict[str, Any]]:
    """Every finding, by requirement then school, numbered through: the 问题明细 section."""
    out = []
    n = 0
    for g in group_findings(findings):
        rows = []
        for school in g.schools:
            for f in school.findings:
                n += 1
                rows.append({"n": n, "text": finding_subject(f, lang),
                             "figure": pick(f.get("measured"), "", lang) or num.MISSING,
                             "limit": pick(f.get("standard"), "", lang) or num.MISSING,
                             "gap": pick(f.get("gap"), "", lang) or num.MISSING})
        out.append({"code": shown_code(g.requirement, lang), "id": group_id(g.requirement),
                    "name": requirement_name(g.requirement, levels, items, lang),
                    "count": group_count_text(g, lang), "n": len(rows), "rows": rows})
    return out


def findings_total(findings: Sequence[Obj], lang: str, listed: Obj | None = None,
                   beside: FilesBeside | None = None) -> Markup:
    """'235 处：30 处学段指标缺口（18 个学段）、10 所学校、82 个班……': the places counted, each
    kind in its unit, so that a teacher and a school are not summed unsaid; an indicator short
    in a section is one place (a section short on two counts twice), so the sections are said
    apart. ``listed``: the rectification list's counts, to say how its 项 relate to these 处."""
    kinds: dict[str, int] = {}
    sections: set[tuple[str, str]] = set()
    for f in findings:
        kind = str(f.get("subject_kind") or "district")
        if kind == "school" and f.get("level") and str(f.get("requirement", "")).startswith(("R", "B")):
            kind = "section"
            sections.add((str(f.get("school_code") or ""), str(f.get("level"))))
        kinds[kind] = kinds.get(kind, 0) + 1
    order = ("section", "school", "class", "teacher", "room", "district")
    parts = [label("section_shortfalls", lang, n=f"{kinds[k]:,}", sections=f"{len(sections):,}") if k == "section"
             else count_text(kinds[k], k, lang) if k != "district"
             else label("district_findings", lang, n=f"{kinds[k]:,}")
             for k in order if k in kinds]
    sep = "、" if lang == "zh" else ", "
    text = escape(label("findings_total", lang, n=f"{len(findings):,}", parts=sep.join(parts)))
    if listed and findings:
        # the list's files named only when written beside this page
        files = (beside or FilesBeside(())).names(("rectification.html", "rectification.xlsx"), lang)
        words = label("findings_vs_list", lang).format(
            files=Markup("（{}）" if lang == "zh" else " ({})").format(files) if files else "",
            schools=f"{listed['schools']:,}", entries=f"{listed['findings']:,}")
        text += Markup(("" if lang == "zh" else " ") + words)
    return Markup(text)


def items_note(result: Obj, lang: str) -> str:
    """Why the items' school counts differ from each other and from the schools imported."""
    tables = ((result.get("provenance") or {}).get("data") or {}).get("tables") or {}
    imported = tables.get("schools")
    if isinstance(imported, list):
        imported = len(imported)
    if not num.is_number(imported):
        return ""
    return label("items_schools_note", lang, n=f"{int(imported):,}")


class FilesBeside:
    """The files written in the same folder as the page, named as links or as plain names."""

    def __init__(self, files: Collection[str], links: bool = True) -> None:
        self.files = frozenset(files)
        self.links = links

    def names(self, wanted: Sequence[str], lang: str) -> Markup:
        """Those of ``wanted`` written, joined ('' when none): links relative to the page."""
        shown = [Markup('<a href="{0}">{0}</a>').format(f) if self.links else escape(f)
                 for f in wanted if f in self.files]
        return Markup("、" if lang == "zh" else ", ").join(shown)


def more_failing(has_findings: bool, n: int, lang: str, beside: FilesBeside) -> dict[str, Any]:
    """What follows the first failing rows of an item: how many in all and where all are.
    ``failing_more`` is the text of the link to 问题明细 (an item with findings has every one
    there), ``failing_also`` the workbook when written (outside that link: no link in a link)."""
    if n <= MAX_FAILING_SHOWN:
        return {"failing_more": "", "failing_also": ""}
    xlsx = beside.names(("report.xlsx",), lang)
    if has_findings:
        also = label("failing_also_in", lang) if xlsx else ""
        return {"failing_more": label("failing_more_findings", lang, n=f"{n:,}"),
                "failing_also": Markup(also).format(files=xlsx) if also else ""}
    if xlsx:
        return {"failing_more": "",
                "failing_also": Markup(label("failing_all_in", lang)).format(n=f"{n:,}", files=xlsx)}
    return {"failing_more": "", "failing_also": label(
        "failing_first_shown", lang, n=f"{n:,}", k=MAX_FAILING_SHOWN)}


def _figure(x: Any, lang: str) -> str:
    return num.any_figure(x, label("yes", lang), label("no", lang))


def item_row(item: Obj, names: Mapping[str, str], lang: str,
             beside: FilesBeside | None = None) -> dict[str, Any]:
    status = item.get("status", "")
    failing = item_failing_rows(item, names, lang)
    return {
        "key": str(item.get("key", "")).upper(), "title": pick(item, "title", lang),
        "css": STATUS_CSS.get(status, "na"),
        "status": label(f"status_{status}", lang) if status in STATUS_CSS else status,
        "figures": figure_rows(item.get("figures"), lang), "limit": pick(item, "limit", lang),
        # Hundreds of failing classes or teachers would swamp the page: the workbook has all.
        "failing": failing[:MAX_FAILING_SHOWN],
        **more_failing(bool(item.get("findings")), len(failing), lang, beside or FilesBeside(())),
        "failing_href": ("#" + group_id(str(item.get("key", "")).upper())
                         if item.get("findings") and len(failing) > MAX_FAILING_SHOWN else ""),
        "evidence": evidence_text(item.get("evidence"), status, lang, item.get("attestations")),
        # where a figure the item reads came from when another system supplied it (G9's hours
        # from the training ledger): said in every report, as on the web page
        "source": pick(item, "source", lang),
    }


def evidence_text(evidence: Obj | None, status: str, lang: str,
                  records: Sequence[Obj] | None = None) -> dict[str, str]:
    many = attested_records(records, lang)
    if many is not None:
        text = f"{many['count']}{'：' if lang == 'zh' else ': '}" + label("attested_span", lang, by=many["by"],
                                                                           on=many["on"] or num.MISSING)
        return {"text": text, "html": escape(text), "ref": many["ref"], "css": ""}
    if evidence:
        by, on = evidence.get("attested_by") or num.MISSING, evidence.get("attested_on") or num.MISSING
        text = label("attested", lang, by=by, on=on)
        # on a page the date never breaks ("2025-" / "12-12认定" on a phone, walk 37); the
        # attester's name is uploaded text, escaped
        html = Markup(label("attested", lang, by=escape(by), on=Markup('<span class="date">%s</span>') % on))
        ref = evidence.get("attachment_ref") or ""
        return {"text": text, "html": html, "ref": ref, "css": "" if evidence.get("attested_by") else "na"}
    text = label("status_evidence_missing" if status == "evidence_missing" else "computed", lang)
    return {"text": text, "html": escape(text), "ref": "", "css": "na" if status == "evidence_missing" else "muted"}


def recognition(rec: Obj, lang: str) -> dict[str, str] | None:
    if not rec:
        return None
    status = rec.get("status", "")
    return {"rate": _rate(rec), "limit": f"≥{num.percent(rec.get('limit'))}",
            "css": STATUS_CSS.get(status, "na"),
            "status": label(f"status_{status}", lang) if status in STATUS_CSS else str(status)}


def veto_row(v: Obj, lang: str, district: str = "") -> dict[str, Any]:
    """A veto's row of the 一票否决事项 table; ``district``: its code, for the row to add when the
    case is not attested."""
    applies = v.get("applies")
    if applies is None:
        word, css = "veto_unknown", "na"
    else:
        word, css = ("veto_applies", "bad") if applies else ("veto_not_applies", "ok")
    # The table says the case ("以考试方式招生") and whether it exists ("不存在"): the result's
    # title is worded as the requirement ("无以考试方式招生") and would read double beside it.
    title = veto_case(str(v.get("key", "")), lang) or pick(v, "title", lang) or v.get("key", "")
    evidence = v.get("evidence")
    code = shown_code(str(v.get("key", "")).upper(), lang)  # 否决1–6, as the lists of findings number it
    if applies is None and not evidence:
        # not attested: the evidence cell says which row to add (walk 38: it said 缺少佐证材料
        # again beside the status); the item is named as the evidence sheet's drop-down names it
        name = ITEM_LABELS.get(str(v.get("key", "")), (title, title))
        text = label("veto_row_to_add", lang, item=in_quotes(name[0]) if lang == "zh" else f"'{name[0]}' ({name[1]})",
                     district=district or num.MISSING)
        # in the cell's ordinary text, not the grey of a missing figure (walk 39: the least visible
        # words of the row were the ones to act on)
        return {"code": code, "title": title, "status": label(word, lang), "css": "bad",
                "evidence": {"text": text, "html": escape(text), "ref": "", "css": "todo", "note": ""}}
    return {"code": code, "title": title, "status": label(word, lang), "css": css,
            "evidence": evidence_text(evidence, "evidence_missing" if applies is None else "", lang)
            | {"note": str((evidence or {}).get("note") or "")}}


def option_row(o: Obj, lang: str) -> dict[str, str]:
    """An option said in words (its name and value from the rule files, never a dict)."""
    name = str(o.get("name", ""))
    value = pick(o, "text", lang) or option_value_text(name, o.get("value"), lang)
    return {"name": option_name_text(name, lang), "value": value,
            "description": pick(o, "", lang),
            "reference": confidence_words(citation_text(str(o.get("reference") or ""), lang), lang)}


_CONFIDENCE_MARK = re.compile(r"\s*[（(]([CMU])[）)]")


def confidence_words(text: str, lang: str) -> str:
    """A citation's confidence mark "（U）" said in words: "（出处不确定，为可选口径）"."""
    left, right = ("（", "）") if lang == "zh" else (" (", ")")
    return _CONFIDENCE_MARK.sub(lambda m: f"{left}{label('confidence_' + m.group(1), lang)}{right}", text)


def provenance(result: Obj, lang: str) -> dict[str, Any]:
    run = result.get("run") or {}
    rules = run.get("rules") or {}
    prov = result.get("provenance") or {}
    data = prov.get("data") or {}
    facts = [
        (label("data_hash", lang), data.get("data_hash") or run.get("data_hash") or num.MISSING),
        (label("rule_set", lang), header(result, lang)["rule_set"]),
        (label("overlays", lang), "、".join(rules.get("overlays") or []) or num.MISSING),
        (label("software_version", lang), run.get("software_version") or num.MISSING),
        (label("schema_version", lang), run.get("schema_version") or num.MISSING),
        # the folder or file the data came from, not the server's path to it
        (label("source", lang), PurePath(str(run.get("source"))).name if run.get("source") else num.MISSING),
        (label("generated_at", lang), beijing_time(run.get("generated_at"), lang)),
    ]
    rule_rows = [{
        "key": rule_label(str(r.get("key", "")), lang),
        "value": rule_value_text(str(r.get("key", "")), r.get("value"), lang) or num.MISSING,
        "document": r.get("document", ""), "number": r.get("number", ""),
        "article": article_text(str(r.get("article") or ""), lang), "effective": r.get("effective", ""),
        "confidence": _confidence(r.get("confidence"), lang),
    } for r in natural_order(prov.get("rules") or [])]
    tables = [(_table_name(name, lang), _figure(rows if not isinstance(rows, list) else len(rows), lang))
              for name, rows in (data.get("tables") or {}).items()]
    return {"facts": facts, "rules": rule_rows, "tables": tables}


def _natural_key(text: str) -> list[Any]:
    """'items.g2' before 'items.g10': the digits compared as numbers."""
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text) if p]


def natural_order(rules: Sequence[Obj]) -> list[Obj]:
    """The rules by key in natural order (G1, G2 … G10), as a reader looks them up."""
    return sorted(rules, key=lambda r: _natural_key(str(r.get("key") or "")))


# Groups whose name is not that of every member: measurement.cv_decimals holds the decimals and
# how a CV is compared, so its name would double ("差异系数保留小数位数 · 差异系数保留小数位数").
_NAMELESS_GROUPS = ("measurement.cv_decimals.",)


def rule_label(key: str, lang: str) -> str:
    """A rule's name, without a group name that repeats or misnames its member."""
    text = rule_name_text(key, lang)
    parts = text.split(" · ")
    if key.startswith(_NAMELESS_GROUPS) and len(parts) >= 3:
        parts = parts[:1] + parts[2:]
    out = [p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1]]
    return " · ".join(out)


def _table_name(key: str, lang: str) -> str:
    """A data table as the template names it (its sheet name), not its key."""
    table = TABLES_BY_KEY.get(key)
    return key if table is None else (table.zh if lang == "zh" else table.en)


def _confidence(code: Any, lang: str) -> str:
    if code in ("C", "M", "U"):  # the words alone: a letter code means nothing to a reader
        return label("confidence_" + code, lang)
    return str(code or num.MISSING)
