"""A district's one-page summary, ``<code>/summary.html``: what a province's roll-up links to for
a district without a full report (its report.json is English keys a statistician cannot read).

The page is made from the district's summary (``youjun.assess.rollup.district_summary``), the
roll-up's own record of the district, so the two cannot disagree: the district and school year,
the verdict, the schools assessed and those left out by the scope, the worst CV against its limit
in words, where to start (the vetoes, the requirements the schools put right one by one and those
with a finding at no school, the rectification list), the requirements not met by name with their
findings (each a link to its findings in the full report when that is beside it), every CV by
school section against its limit, the G and Q items' statuses in words, the data, method and
rules' version, a link back to the roll-up, the machine-readable result and how to get the full
report. Chinese first (``lang`` "zh"), English with "en"; one static file with its CSS inside and
no script (the report's own script opens the group a link names).

It is written for each district of a run (2,843 for the nation) in the worker processes: the
template is compiled once per process and a card renders in about a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, Template

from youjun.core.labels import ITEM_LABELS
from youjun.core.requirements import requirement_label
from youjun.report import numbers, view
from youjun.report.messages import district_kind
from youjun.report.rollup_render import ratio_value

TEMPLATE = "district_card.html.j2"
FILE_NAME = "summary.html"

WORDS = {
    "zh": {
        "lang": "zh-CN", "title": "{name}（{code}）评估摘要", "card": "区县评估摘要",
        "year": "{year}学年", "method_head": "评估方法", "method": "{title}（{document}）", "colon": "：",
        "verdict": "评估结论", "yes": "通过", "no": "未通过",
        "not_met_line": "未满足 {n} 项要求，共 {k} 处问题。", "all_met": "满足全部要求。",
        "schools": "参评学校 {n} 所（{k} 个学段）。", "sections": "参评学校学段 {k} 个。",
        "not_assessed": "数据中另有 {n} 所学校不参加学校指标评估：按评估范围规则，"
                        "{reasons}不参加。",
        "scope_special": "特殊教育学校", "scope_small_points": "在校生不足 {n} 人的教学点",
        "scope_points": "教学点", "scope_private": "民办学校", "scope_non_county": "非县属学校",
        "requirements": "未满足的要求", "requirement": "要求", "findings": "问题",
        "findings_unit": "{n} 处", "extent": "涉及与缺口",
        "requirements_note": "问题的计法与该区县的完整报告相同：资源配置各项按未达标的学校学段计，"
                             "其余各项按评估结论中列出的问题计。",
        "requirements_links": "点击要求名称，打开完整报告中该要求的问题明细。",
        "rooms_counted": "{n} 处：一所学校缺一类功能教室（如音乐教室）计 1 处；有的学校一类缺不止 1 间，"
                         "共缺 {rooms} 间。",
        "start": "从哪里入手",
        "start_veto": "先处理一票否决事项（{names}）：存在一票否决情形，其余各项全部满足也不能通过。",
        # the schools are where the shortfalls are, not who fixes them: teachers, rooms, equipment
        # and funds are the district's to provide (walk 35: "由各校逐校整改" sent G6 to the schools)
        "start_schools": "问题都落在具体学校的要求（由{district}逐校整改：师资、校舍、设备和经费由{district}配置，"
                         "整改清单按学校列出每校缺什么、缺多少）：{items}。",
        "start_schools_item": "{label}（{n} 所学校）",
        "start_county": "有问题不在某一学校的要求（按{district}统计或属{district}层面，由{district}统筹整改）："
                        "{items}。",
        "start_units": "各项缺口的单位不同（教师、面积、经费、教室），彼此不能比较大小，本页不据此排先后。",
        "start_rect": "整改清单把全部问题按学校归并（每所学校缺什么、缺多少），可直接分派到各校：",
        "start_rect_open": "打开整改清单",
        "start_rect_how": "整改清单（把全部问题按学校归并，可直接分派到各校）与完整报告一同生成，"
                          "生成方法见下方“相关文件”。",
        "rect": "整改清单", "rect_open": "打开整改清单", "rect_note": "（按学校列出全部问题与缺口）",
        "conditions": "社会认可度、前提条件与一票否决",
        "recognition": "社会认可度", "recognition_value": "{rate} / ≥{limit}",
        "preconditions": "前提条件", "preconditions_value": "{n} 项中 {k} 项达标",
        "vetoes": "一票否决事项", "vetoes_value": "{n} 项中 {k} 项经认定不存在",
        "veto_none": "无否决情形", "veto_one_applies": "存在否决情形",
        "veto_alert": "一票否决：{names}。存在一票否决情形的区县不能通过评估。",
        "veto_unknown": "（{n} 项缺少佐证材料）",
        # the worst CV said as a statistician reads it: the CV, its limit, and how far it is from it
        "worst_near": "离限值最近的差异系数", "worst_over": "超出限值最多的差异系数",
        "worst_value": "{level} {name} {cv}（限值 {limit}，为限值的 {share}）",
        "cvs": "校际差异系数", "cv_note": "差异系数为评估判定时与限值比较的值（保留 3 位小数）；不大于限值为达标。",
        "level": "学段", "indicator": "指标", "cv": "差异系数", "limit": "限值", "status": "结论",
        "cv_pass": "达标", "cv_fail": "未达标", "cv_unjudged": "不单独判定",
        "primary": "小学", "junior": "初中",
        "items_title": "政府保障程度与教育质量", "g": "政府保障程度", "q": "教育质量", "other": "其他要求",
        "item": "要求", "status_pass": "达标", "status_fail": "未达标", "status_evidence_missing": "缺少佐证材料",
        "status_not_applicable": "不适用", "status_unknown": "未评估",
        "items_line": "{n} 项中 {k} 项未达标或缺少佐证材料。",
        "sources": "数据与规则", "data": "数据", "rules_version": "规则版本", "overlays": "（另加 {names}）",
        "school_year": "学年",
        "files": "相关文件", "back": "返回区县评估汇总",
        "links_note": "本页放在评估输出文件夹的区县子文件夹（{code}）中时，以上链接有效。",
        "json": "机器可读的评估结果",
        "json_note": "（供程序读取，字段为英文）",
        "full": "完整报告", "full_open": "打开完整报告",
        "full_how": "（含各学校的问题清单）由持有全省数据（{data}）的单位生成：在存放 {data} 的文件夹中运行以下命令，"
                    "<文件夹> 为存放报告的文件夹。本区县没有全省数据，无法自行生成。",
        "folder": "<文件夹>", "data_placeholder": "<数据>",
        "sep": "、",
    },
    "en": {
        "lang": "en", "title": "{name} ({code}): assessment summary", "card": "District assessment summary",
        "year": "school year {year}", "method_head": "Method", "method": "{title} ({document})", "colon": ": ",
        "verdict": "Verdict", "yes": "passes", "no": "does not pass",
        "not_met_line": "{n} requirements not met, {k} findings in all.", "all_met": "Every requirement is met.",
        "schools": "{n} schools assessed ({k} school sections).", "sections": "{k} school sections assessed.",
        "not_assessed": "{n} more school{s} in the data are not assessed "
                        "on the school indicators: by the scope rules, {reasons} are left out.",
        "scope_special": "special-education schools", "scope_small_points": "teaching points under {n} pupils",
        "scope_points": "teaching points", "scope_private": "private schools",
        "scope_non_county": "schools not run by the county",
        "requirements": "Requirements not met", "requirement": "Requirement", "findings": "Findings",
        "findings_unit": "{n}", "extent": "Where and how much",
        "requirements_note": "Findings are counted as in the district's full report: for resources, each school "
                             "section short of the standard; for the others, each finding the verdict lists.",
        "requirements_links": "A requirement's name opens its findings in the full report.",
        "rooms_counted": "{n} findings: each kind of room a school lacks (a music room, say) is one finding; "
                         "some lack more than one room of a kind, {rooms} rooms in all.",
        "start": "Where to start",
        "start_veto": "First the vetoes ({names}): a district where a veto applies cannot pass, whatever else "
                      "it meets.",
        "start_schools": "Requirements whose findings are all at schools (the {district} puts them right school "
                         "by school, providing the staff, buildings, equipment and funds; the rectification list "
                         "says what each school lacks and how much): {items}.",
        "start_schools_item": "{label} ({n} school{s})",
        "start_county": "Requirements with a finding at no single school (counted over the {district} or the "
                        "{district}'s own to put right): {items}.",
        "start_units": "The shortfalls are in different units (teachers, area, money, rooms) and cannot be "
                       "weighed against each other: this page does not rank them.",
        "start_rect": "The rectification list gathers every finding by school (what each school lacks and how "
                      "much), ready to hand to the schools: ",
        "start_rect_open": "open the rectification list",
        "start_rect_how": "The rectification list (every finding gathered by school, ready to hand to the "
                          "schools) is made with the full report; how, under Files below.",
        "rect": "Rectification list", "rect_open": "Open the rectification list",
        "rect_note": " (every finding and shortfall, school by school)",
        "conditions": "Social recognition, preconditions and vetoes",
        "recognition": "Social recognition", "recognition_value": "{rate} / ≥{limit}",
        "preconditions": "Preconditions", "preconditions_value": "{k} of {n} met",
        "vetoes": "Vetoes", "vetoes_value": "{k} of {n} attested absent",
        "veto_none": "none", "veto_one_applies": "applies",  # short: the row fits a phone (390 px)
        "veto_alert": "Veto: {names}. A district where a veto applies cannot pass.",
        "veto_unknown": " ({n} without evidence)",
        "worst_near": "CV closest to its limit", "worst_over": "CV furthest over its limit",
        "worst_value": "{level} {name}: {cv} (limit {limit}; {share} of the limit)",
        "cvs": "Inter-school coefficients of variation (CV)",
        "cv_note": "Each CV as compared with its limit in the verdict (3 decimals); at most the limit passes.",
        "level": "Level", "indicator": "Indicator", "cv": "CV", "limit": "Limit", "status": "Result",
        "cv_pass": "pass", "cv_fail": "fail", "cv_unjudged": "not judged alone",
        "primary": "Primary", "junior": "Junior secondary",
        "items_title": "Government guarantee and education quality", "g": "Government guarantee",
        "q": "Education quality", "other": "Other requirements",
        "item": "Requirement", "status_pass": "pass", "status_fail": "fail",
        "status_evidence_missing": "evidence missing", "status_not_applicable": "not applicable",
        "status_unknown": "not assessed",
        "items_line": "{k} of {n} items fail or lack evidence.",
        "sources": "Data and rules", "data": "Data", "rules_version": "Rules version", "overlays": " (with {names})",
        "school_year": "School year",
        "files": "Files", "back": "Back to the roll-up of the districts",
        "links_note": "These links work while this page sits in its district's folder ({code}) "
                      "of the run's output folder.",
        "json": "The machine-readable result",
        "json_note": " (for programs; English keys)",
        "full": "Full report", "full_open": "Open the full report",
        "full_how": " (with each school's findings) is made by whoever holds the province's data ({data}): run this "
                    "command in the folder that holds {data}, <folder> being where to write the report. "
                    "The district does not have the province's data and cannot make it itself.",
        "folder": "<folder>", "data_placeholder": "<data>",
        "sep": ", ",
    },
}

LEVEL_ORDER = ("primary", "junior")
_NUMBERED_ITEM = re.compile(r"([gq])(\d{1,2})")


@lru_cache(maxsize=1)
def template() -> Template:
    """The card's template, compiled once per process (every district of a run reuses it)."""
    env = Environment(loader=PackageLoader("youjun.report", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    return env.get_template(TEMPLATE)


def _requirements(s: Mapping[str, Any], lang: str, w: Mapping[str, str],
                  full_report: str | None = None) -> list[dict[str, Any]]:
    """Each requirement not met: its findings, where they are in their units and the total
    shortfall, as the district's report words them (none where the report gives none); linked to
    its folded group of findings in the full report when that is beside the card (the report's
    script opens the group the address names)."""
    counts = s.get("requirement_counts") or {}
    texts, totals = s.get("requirement_count_texts") or {}, s.get("requirement_totals") or {}
    rooms = s.get("requirement_rooms") or {}
    return [{"label": requirement_label(key, lang, with_part=True),
             "href": f"{full_report}#{view.group_id(key)}" if full_report else "",
             "findings": w["findings_unit"].format(n=numbers.count(counts[key])) if key in counts else numbers.MISSING,
             "where": str((texts.get(key) or {}).get(lang) or ""),
             "total": str((totals.get(key) or {}).get(lang) or ""),
             # rooms are counted by the kind of room a school lacks, their shortfall in rooms: "47 处"
             # beside "缺 49 间" said, not left to look like a contradiction (nothing when they agree)
             "counted": (w["rooms_counted"].format(n=numbers.count(counts[key]), rooms=numbers.count(rooms[key]))
                         if key in counts and numbers.is_number(rooms.get(key)) and rooms[key] != counts[key]
                         else "")}
            for key in s.get("requirements") or []]


def _start(s: Mapping[str, Any], w: Mapping[str, str], lang: str, full_report: str | None,
           rectification: str | None) -> dict[str, Any]:
    """"从哪里入手", only facts of the summary: the vetoes first (one alone fails the district),
    then which requirements the schools put right school by school (every finding at a school:
    the rectification list hands them out) and which have a finding at no school (a rate over
    the district, a funding figure: the district's own), then the rectification list. Nothing is
    ranked: a requirement at few schools may be the hardest to fix (a school over the size cap),
    and the shortfalls are in units that do not compare (teachers, m², yuan)."""
    if not s.get("requirements"):
        return {}
    applying = (s.get("vetoes") or {}).get("applying") or []
    veto_names = [view.veto_row({"key": k, "applies": True}, lang)["title"] for k in applying]
    at_schools = s.get("requirement_schools") or {}

    def href(key: str) -> str:
        return f"{full_report}#{view.group_id(key)}" if full_report else ""

    schools, county = [], []
    for key in s.get("requirements") or []:
        n = at_schools.get(key)
        if numbers.is_number(n):
            schools.append({"text": w["start_schools_item"].format(
                label=requirement_label(key, lang), n=numbers.count(n), s="" if n == 1 else "s"), "href": href(key)})
        else:
            county.append({"text": requirement_label(key, lang), "href": href(key)})
    district = district_kind(str(s.get("name") or ""), lang)
    parts = []
    for name, items in (("start_schools", schools), ("start_county", county)):
        if items:
            head, _, tail = w[name].format(items="{items}", district=district).partition("{items}")
            parts.append({"id": name.replace("_", "-"), "head": head, "reqs": items, "tail": tail})
    return {"veto": w["start_veto"].format(names=w["sep"].join(veto_names)) if veto_names else "",
            "parts": parts, "units": w["start_units"] if len(s.get("requirements") or []) > 1 else "",
            "rectification": rectification or ""}


def _conditions(s: Mapping[str, Any], w: Mapping[str, str], lang: str) -> list[dict[str, Any]]:
    """Social recognition (rate against its minimum), the preconditions and the vetoes, each with
    whether it holds, as the report's scorecard says them."""
    out = []
    rec = s.get("recognition") or {}
    if rec:
        status = str(rec.get("status") or "")
        out.append({"name": w["recognition"], "fails": status in ("fail", "evidence_missing"),
                    "value": w["recognition_value"].format(
                        rate=rec.get("rate_text") or numbers.percent(rec.get("rate"), measured=True,
                                                                     below=rec.get("limit")),
                        limit=numbers.percent(rec.get("limit"))),
                    "status": w.get(f"status_{status}", w["status_unknown"])})
    pre = s.get("preconditions") or {}
    if pre:
        out.append({"name": w["preconditions"], "fails": bool(pre.get("not_met")) or pre["passing"] < pre["total"],
                    "value": w["preconditions_value"].format(k=pre["passing"], n=pre["total"]),
                    "status": w["status_pass"] if pre["passing"] == pre["total"] else w["status_fail"]})
    vetoes = s.get("vetoes") or {}
    if vetoes:
        applying = vetoes.get("applying") or []
        out.append({"name": w["vetoes"], "fails": bool(applying) or bool(vetoes.get("unknown")),
                    "value": w["vetoes_value"].format(k=vetoes["clear"], n=vetoes["total"])
                    + (w["veto_unknown"].format(n=vetoes["unknown"]) if vetoes.get("unknown") else ""),
                    # a veto is not "met": it applies or it does not, as the report's scorecard says
                    "status": w["veto_one_applies"] if applying else w["veto_none"] if not vetoes.get("unknown")
                    else w["status_evidence_missing"]})
    return out


def _veto_alert(s: Mapping[str, Any], w: Mapping[str, str], lang: str) -> str:
    applying = (s.get("vetoes") or {}).get("applying") or []
    names = [view.veto_row({"key": k, "applies": True}, lang)["title"] for k in applying]
    return w["veto_alert"].format(names=w["sep"].join(names)) if names else ""


def _worst(s: Mapping[str, Any], w: Mapping[str, str], lang: str) -> dict[str, str]:
    """The worst CV against its limit (the roll-up's "最大差异系数/限值" ranks by it), said so
    that no one reads the ratio as a CV: "离限值最近的差异系数：初中 R7 … 0.272（限值 0.45，为限值的
    60.4%）", or "超出限值最多" when it is over."""
    worst = s.get("worst_cv") or {}
    ratio = ratio_value({"worst_cv_ratio": s.get("worst_cv_ratio"), "cv_over_limit": s.get("cv_over_limit")})
    if ratio is None or not worst:
        return {}
    level, _, ind = str(worst.get("key") or "").partition(".")
    c = (s.get("cvs") or {}).get(worst.get("key")) or {}
    name = f"{ind.split('_', 1)[0].upper()} {c.get('name_en' if lang == 'en' else 'name_zh') or ind}"
    over = bool(s.get("cv_over_limit"))
    return {"head": w["worst_over" if over else "worst_near"],
            "text": w["worst_value"].format(level=w.get(level, level), name=name, cv=numbers.cv(worst.get("cv")),
                                            limit=numbers.cv_limit(worst.get("limit")),
                                            share=share_of_limit(ratio, over))}


def share_of_limit(ratio: float, over: bool) -> str:
    """A CV's ratio to its limit in per cent, one decimal, never on the wrong side of 100%: a CV
    over its limit is not "100.0%" (more decimals), one within it not rounded up to 100.0%."""
    pct = ratio * 100
    if not over:
        return numbers.percent(pct, measured=True, below=100 if pct < 100 else None)
    d = 1
    while d < 6 and float(f"{pct:.{d}f}") <= 100:
        d += 1
    return f"{numbers.fixed(pct, d)}%"


def _cvs(s: Mapping[str, Any], w: Mapping[str, str], lang: str) -> list[dict[str, Any]]:
    """The CVs by school section (primary first), each in indicator order: the CV as judged, its
    limit and whether it passes."""
    by_level: dict[str, list[tuple[str, Mapping[str, Any]]]] = {}
    for key, c in (s.get("cvs") or {}).items():
        level, _, ind = key.partition(".")
        by_level.setdefault(level, []).append((ind, c))
    levels = sorted(by_level, key=lambda lv: (LEVEL_ORDER.index(lv) if lv in LEVEL_ORDER else 9, lv))
    out = []
    for level in levels:
        rows = []
        for ind, c in sorted(by_level[level]):
            judged = c.get("cv_judged", c.get("cv"))
            binding = c.get("binding", True)
            passes = bool(c.get("passes"))
            short = ind.split("_", 1)[0].upper()
            rows.append({"name": f"{short} {c.get('name_en' if lang == 'en' else 'name_zh') or ind}",
                         "cv": numbers.cv(judged), "limit": numbers.cv_limit(c.get("limit")),
                         "status": w["cv_unjudged"] if not binding else w["cv_pass"] if passes else w["cv_fail"],
                         "fails": binding and not passes})
        out.append({"level": w.get(level, level), "rows": rows})
    return out


def _item_key(key: str) -> tuple[int, int, str]:
    m = _NUMBERED_ITEM.fullmatch(key)
    return (0 if key.startswith("g") else 1, int(m.group(2)), key) if m else (2, 0, key)


def _items(s: Mapping[str, Any], w: Mapping[str, str], lang: str) -> list[dict[str, Any]]:
    """The G and Q items (then any other the result assessed), each with its status in words."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(s.get("items") or {}, key=_item_key):
        status = str(s["items"][key] or "")
        m = _NUMBERED_ITEM.fullmatch(key)
        if m:
            label = requirement_label(key.upper(), lang)
        else:  # a requirement the documents do not number (social recognition, a veto): its name
            zh_en = ITEM_LABELS.get(key)
            label = (zh_en[1] if lang == "en" else zh_en[0]) if zh_en else w["other"]
        groups.setdefault(m.group(1) if m else "other", []).append({
            "label": label, "status": w.get(f"status_{status}", w["status_unknown"]),
            "fails": status in ("fail", "evidence_missing")})
    return [{"part": w[part], "rows": rows,
             "line": w["items_line"].format(n=numbers.count(len(rows)),
                                            k=numbers.count(sum(r["fails"] for r in rows)))}
            for part, rows in groups.items()]


def card_view(summary: Mapping[str, Any], lang: str, data_name: str,
              full_report: str | None = None, rectification: str | None = None) -> dict[str, Any]:
    """What the card shows, every figure already written as the reports write it."""
    lang = "en" if lang == "en" else "zh"
    w = WORDS[lang]
    s = summary
    code, name = str(s["code"]), str(s.get("name") or s["code"])
    method = s.get("method") or {}
    title = str(method.get("title_en" if lang == "en" else "title_zh") or method.get("title_zh") or "")
    rules = s.get("rules") or {}
    overlays = [str(o) for o in rules.get("overlays") or []]
    data = data_name or str(s.get("source") or "") or w["data_placeholder"]
    return {
        "lang": w["lang"], "w": w, "code": code, "name": name, "province": str(s.get("province") or ""),
        "title": w["title"].format(name=name, code=code),
        "year": w["year"].format(year=s["school_year"]) if s.get("school_year") else "",
        "school_year": str(s.get("school_year") or ""),
        "method": (w["method"].format(title=title, document=method["document"]) if title and method.get("document")
                   else title),
        "passes": bool(s.get("passes")), "verdict": w["yes"] if s.get("passes") else w["no"],
        "not_met_line": (w["not_met_line"].format(n=numbers.count(s.get("requirements_not_met") or 0),
                                                  k=numbers.count(s.get("findings") or 0))
                         if s.get("requirements") else w["all_met"]),
        "schools": _schools(s, w), "not_assessed": _not_assessed(s, w),
        "conditions": _conditions(s, w, lang), "veto_alert": _veto_alert(s, w, lang), "worst": _worst(s, w, lang),
        "cv_over": bool(s.get("cv_over_limit")),
        "start": _start(s, w, lang, full_report, rectification),
        "requirements": _requirements(s, lang, w, full_report), "cvs": _cvs(s, w, lang),
        "item_groups": _items(s, w, lang),
        "data": data_name or str(s.get("source") or ""),
        "rules_version": (str(rules.get("version") or "")
                          + (w["overlays"].format(names=w["sep"].join(overlays)) if overlays else "")),
        "full_report": full_report, "rectification": rectification, "full_how": w["full_how"].format(data=data),
        "links_note": w["links_note"].format(code=code),
        "command": f"youjun assess {_quoted(data)} --reports {code} --out {w['folder']}",
    }


def _schools(s: Mapping[str, Any], w: Mapping[str, str]) -> str:
    """"参评学校 175 所（200 个学段）": schools by code, and school sections (a nine-year school
    is assessed as a primary and a junior section)."""
    sections, schools = s.get("schools"), s.get("school_count")
    if not numbers.is_number(sections):
        return ""
    if not numbers.is_number(schools):  # a summary written before schools were counted
        return w["sections"].format(k=numbers.count(sections))
    return w["schools"].format(n=numbers.count(schools), k=numbers.count(sections))


def _not_assessed(s: Mapping[str, Any], w: Mapping[str, str]) -> str:
    """"数据中另有 11 所学校不参加学校指标评估：按评估范围规则，特殊教育学校、在校生不足 50 人的教学点不参加。":
    the district's schools in its data that are not assessed on the indicators, and the scope
    rules it was assessed by that leave schools out (the result does not say which rule left out
    which school, so no count by reason is made up); nothing when there are none."""
    n = s.get("schools_not_assessed")
    if not numbers.is_number(n) or n <= 0:
        return ""
    scope = s.get("scope") or {}
    reasons = [w["scope_special"]]  # never in the indicators (judged in G7 and Q2)
    if scope.get("include_teaching_points") is False:
        reasons.append(w["scope_points"])
    elif numbers.is_number(scope.get("teaching_point_min_students")):
        reasons.append(w["scope_small_points"].format(n=numbers.count(scope["teaching_point_min_students"])))
    if scope.get("include_private") is False:
        reasons.append(w["scope_private"])
    if scope.get("include_non_county_run") is False:
        reasons.append(w["scope_non_county"])
    return w["not_assessed"].format(n=numbers.count(n), s="" if n == 1 else "s", reasons=w["sep"].join(reasons))


def _quoted(name: str) -> str:
    """The data's name as typed in a shell: quoted when it holds a space or a shell character."""
    return name if re.fullmatch(r"[\w./#:+-]+", name) else "'" + name.replace("'", "'\\''") + "'"


def render_district_card(summary: Mapping[str, Any], lang: str = "zh", data_name: str = "",
                         full_report: str | None = None, rectification: str | None = None) -> str:
    return template().render(v=card_view(summary, lang, data_name, full_report, rectification))


def write_district_card(summary: Mapping[str, Any], target_folder: Path, lang: str, data_name: str,
                        *, full_report: str | None = None, rectification: str | None = None) -> Path:
    """``target_folder/summary.html``: the district's card (``summary``: ``district_summary`` of
    its result; ``data_name``: the data's file or folder name, for the command of the full report;
    ``full_report`` and ``rectification``: the file names of its full report and rectification
    list beside it, each linked when given — the caller that wrote them names them)."""
    target_folder.mkdir(parents=True, exist_ok=True)
    path = target_folder / FILE_NAME
    path.write_text(render_district_card(summary, lang, data_name, full_report, rectification), encoding="utf-8")
    return path
