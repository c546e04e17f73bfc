"""A district's one-page summary, ``<code>/summary.html``: what a province's roll-up links to for
a district without a full report (its report.json is English keys a statistician cannot read).

The page is made from the district's summary (``youjun.assess.rollup.district_summary``), the
roll-up's own record of the district, so the two cannot disagree: the district and school year,
the verdict, the requirements not met by name with their findings, every CV by school section
against its limit, the G and Q items' statuses in words, the data, method and rules' version, a
link back to the roll-up, the machine-readable result and how to get the full report. Chinese
first (``lang`` "zh"), English with "en"; one static file with its CSS inside and no script.

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
from youjun.report.rollup_render import RATIO_DECIMALS, ratio_value

TEMPLATE = "district_card.html.j2"
FILE_NAME = "summary.html"

WORDS = {
    "zh": {
        "lang": "zh-CN", "title": "{name}（{code}）评估摘要", "card": "区县评估摘要",
        "year": "{year}学年", "method_head": "评估方法", "method": "{title}（{document}）", "colon": "：",
        "verdict": "评估结论", "yes": "通过", "no": "未通过",
        "not_met_line": "未满足 {n} 项要求，共 {k} 处问题。", "all_met": "满足全部要求。",
        "schools": "参评学校 {n} 所（{k} 个学段）。", "sections": "参评学校学段 {k} 个。",
        "requirements": "未满足的要求", "requirement": "要求", "findings": "问题",
        "findings_unit": "{n} 处", "extent": "涉及与缺口",
        "requirements_note": "问题的计法与该区县的完整报告相同：资源配置各项按未达标的学校学段计，"
                             "其余各项按评估结论中列出的问题计。",
        "conditions": "社会认可度、前提条件与一票否决",
        "recognition": "社会认可度", "recognition_value": "{rate} / ≥{limit}",
        "preconditions": "前提条件", "preconditions_value": "{n} 项中 {k} 项达标",
        "vetoes": "一票否决事项", "vetoes_value": "{n} 项中 {k} 项经认定不存在",
        "veto_alert": "一票否决：{names}。存在一票否决情形的区县不能通过评估。",
        "veto_unknown": "（{n} 项缺少佐证材料）",
        "worst": "最大差异系数/限值", "worst_value": "{ratio}（{level} {name}：{cv} / {limit}）",
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
        "requirements": "Requirements not met", "requirement": "Requirement", "findings": "Findings",
        "findings_unit": "{n}", "extent": "Where and how much",
        "requirements_note": "Findings are counted as in the district's full report: for resources, each school "
                             "section short of the standard; for the others, each finding the verdict lists.",
        "conditions": "Social recognition, preconditions and vetoes",
        "recognition": "Social recognition", "recognition_value": "{rate} / ≥{limit}",
        "preconditions": "Preconditions", "preconditions_value": "{k} of {n} met",
        "vetoes": "Vetoes", "vetoes_value": "{k} of {n} attested absent",
        "veto_alert": "Veto: {names}. A district where a veto applies cannot pass.",
        "veto_unknown": " ({n} without evidence)",
        "worst": "Worst CV / limit", "worst_value": "{ratio} ({level} {name}: {cv} / {limit})",
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


def _requirements(s: Mapping[str, Any], lang: str, w: Mapping[str, str]) -> list[dict[str, Any]]:
    """Each requirement not met: its findings, where they are in their units and the total
    shortfall, as the district's report words them (none where the report gives none)."""
    counts = s.get("requirement_counts") or {}
    texts, totals = s.get("requirement_count_texts") or {}, s.get("requirement_totals") or {}
    return [{"label": requirement_label(key, lang, with_part=True),
             "findings": w["findings_unit"].format(n=numbers.count(counts[key])) if key in counts else numbers.MISSING,
             "where": str((texts.get(key) or {}).get(lang) or ""),
             "total": str((totals.get(key) or {}).get(lang) or "")}
            for key in s.get("requirements") or []]


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
                    "status": w["status_fail"] if applying else w["status_pass"] if not vetoes.get("unknown")
                    else w["status_evidence_missing"]})
    return out


def _veto_alert(s: Mapping[str, Any], w: Mapping[str, str], lang: str) -> str:
    applying = (s.get("vetoes") or {}).get("applying") or []
    names = [view.veto_row({"key": k, "applies": True}, lang)["title"] for k in applying]
    return w["veto_alert"].format(names=w["sep"].join(names)) if names else ""


def _worst(s: Mapping[str, Any], w: Mapping[str, str], lang: str) -> str:
    """The worst CV against its limit, as the roll-up's "最大差异系数/限值" column gives it."""
    worst = s.get("worst_cv") or {}
    ratio = ratio_value({"worst_cv_ratio": s.get("worst_cv_ratio"), "cv_over_limit": s.get("cv_over_limit")})
    if ratio is None or not worst:
        return ""
    level, _, ind = str(worst.get("key") or "").partition(".")
    c = (s.get("cvs") or {}).get(worst.get("key")) or {}
    name = f"{ind.split('_', 1)[0].upper()} {c.get('name_en' if lang == 'en' else 'name_zh') or ind}"
    return w["worst_value"].format(ratio=numbers.fixed(ratio, RATIO_DECIMALS), level=w.get(level, level),
                                   name=name, cv=numbers.cv(worst.get("cv")),
                                   limit=numbers.cv_limit(worst.get("limit")))


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
              full_report: str | None = None) -> dict[str, Any]:
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
        "schools": _schools(s, w),
        "conditions": _conditions(s, w, lang), "veto_alert": _veto_alert(s, w, lang), "worst": _worst(s, w, lang),
        "cv_over": bool(s.get("cv_over_limit")),
        "requirements": _requirements(s, lang, w), "cvs": _cvs(s, w, lang), "item_groups": _items(s, w, lang),
        "data": data_name or str(s.get("source") or ""),
        "rules_version": (str(rules.get("version") or "")
                          + (w["overlays"].format(names=w["sep"].join(overlays)) if overlays else "")),
        "full_report": full_report, "full_how": w["full_how"].format(data=data),
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


def _quoted(name: str) -> str:
    """The data's name as typed in a shell: quoted when it holds a space or a shell character."""
    return name if re.fullmatch(r"[\w./#:+-]+", name) else "'" + name.replace("'", "'\\''") + "'"


def render_district_card(summary: Mapping[str, Any], lang: str = "zh", data_name: str = "",
                         full_report: str | None = None) -> str:
    return template().render(v=card_view(summary, lang, data_name, full_report))


def write_district_card(summary: Mapping[str, Any], target_folder: Path, lang: str, data_name: str,
                        *, full_report: str | None = None) -> Path:
    """``target_folder/summary.html``: the district's card (``summary``: ``district_summary`` of
    its result; ``data_name``: the data's file or folder name, for the command of the full report;
    ``full_report``: the file name of its full report beside it, linked when given)."""
    target_folder.mkdir(parents=True, exist_ok=True)
    path = target_folder / FILE_NAME
    path.write_text(render_district_card(summary, lang, data_name, full_report), encoding="utf-8")
    return path
