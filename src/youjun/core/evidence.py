"""Judging items on attested evidence: evidence items, vetoes and the precondition.

An evidence record says who attested what and when (table ``evidence`` of the data
contract): ``item_key``, optional ``school_code``, ``status`` ("met" | "not_met"),
``attested_by``, ``attested_on``, ``attachment_ref``, ``note``. A finding of ``not_met``
fails the item; no finding at all leaves it ``evidence_missing``, which never passes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from youjun.core.judging import FAIL, PASS, ItemResult, Reason, combine_status
from youjun.core.params import AssessmentParams
from youjun.core.rule_errors import RulesError

MET = "met"
NOT_MET = "not_met"
Record = Mapping[str, Any]

ITEM_NAMES: dict[str, tuple[str, str]] = {
    "g1": ("学校规划布局合理", "school layout planning is sound"),
    "g2": ("城乡统一标准", "one city–countryside standard"),
    "g8_performance_pay": ("绩效工资核定到位", "performance pay fully approved"),
    "g10": ("教职工编制统筹配置", "posts allocated within approved totals"),
    "g15_care_system": ("留守儿童关爱体系健全", "left-behind children care system"),
    "q3": ("学校章程与管理信息化", "school charter and digitised management"),
    "q5": ("信息技术应用", "ICT used well"),
    "q6": ("德育与校园文化", "moral education and campus culture"),
    "q7": ("课程开齐开足与教学秩序", "full curriculum and orderly teaching"),
    "q8": ("无过重课业负担", "no excessive homework burden"),
    "veto_exam_admission": ("以考试方式招生", "admission by examination"),
    "veto_school_choice": ("违规择校", "school choice against the rules"),
    "veto_key_schools": ("设立重点学校或重点班", "key schools or key classes"),
    "veto_staffing": ("“有编不补”或长期聘用编外教师", "unfilled posts or long-term off-book hiring"),
    "veto_safety": ("教育系统发生重大安全责任事故和严重违纪违规事件",
                    "a major safety accident or a serious breach of discipline in the education system"),
    "veto_falsified": ("弄虚作假", "falsified data"),
    "pre_basic_balance": ("通过基本均衡认定满规定年限", "basic balance passed long enough ago"),
}


def item_param(params: AssessmentParams, item: str, name: str) -> Any:
    """A figure of an item from the rule set; a missing one is a rule-set error, not a 0."""
    value = params.items.get(item, {}).get(name)
    if value is None:
        path = item if item == "social_recognition" else f"items.{item}"
        raise RulesError("R111", file=params.method, path=f"{path}.{name}")
    return value


def _school_of(record: Record) -> str:
    return str(record.get("school_code") or "").strip()


def attestation(record: Record) -> dict[str, Any]:
    return {k: record.get(k) for k in ("item_key", "school_code", "status", "attested_by",
                                       "attested_on", "attachment_ref", "note")
            if record.get(k) not in (None, "")}


def _name(code: str) -> tuple[str, str]:
    return ITEM_NAMES.get(code, (code, code))


def check_evidence(code: str, records: Iterable[Record], *, item: str,
                   schools: Sequence[str] | None = None) -> tuple[bool, bool, list[Reason],
                                                                  list[dict[str, Any]]]:
    """(failed, missing, reasons, attestations) for one evidence code.

    With ``schools`` the code is attested per school and every school needs its finding;
    without, any finding counts and all findings must be ``met``.
    """
    mine = [r for r in records if r.get("item_key") == code]
    zh, en = _name(code)
    reasons: list[Reason] = []
    failed = missing = False
    for r in mine:
        if r.get("status") == NOT_MET:
            failed = True
            who = _school_of(r)
            reasons.append(Reason(
                f"{item}.not_met", f"{zh}：认定为未达标（{r.get('attested_by') or '—'}，"
                f"{r.get('attested_on') or '—'}）",
                f"{en}: attested as not met ({r.get('attested_by') or '—'}, "
                f"{r.get('attested_on') or '—'})", subject=who or code, figure=NOT_MET, limit=MET))
    if schools is not None:
        attested = {_school_of(r) for r in mine}
        absent = [s for s in schools if s not in attested]
        for school in absent:
            missing = True
            reasons.append(Reason(f"{item}.evidence_missing", f"{zh}：学校 {school} 缺少认定材料",
                                  f"{en}: no finding for school {school}", subject=school))
    elif not mine:
        missing = True
        reasons.append(Reason(f"{item}.evidence_missing", f"{zh}：缺少认定材料",
                              f"{en}: no finding has been recorded", subject=code))
    return failed, missing, reasons, [attestation(r) for r in mine]


def judge_evidence_item(key: str, evidence: Iterable[Record], params: AssessmentParams, *,
                        schools: Sequence[str] | None = None) -> ItemResult:
    """An item judged on evidence only (g1, g2, g10, q3, q5–q8).

    Items the rule set marks ``per_school`` need a finding for every in-scope school in
    ``schools`` (when given).
    """
    records = list(evidence)
    per_school = bool(params.items.get(key, {}).get("per_school", False))
    failed = missing = False
    reasons: list[Reason] = []
    attestations: list[dict[str, Any]] = []
    for code in item_param(params, key, "evidence"):
        f, m, r, a = check_evidence(code, records, item=key,
                                    schools=schools if per_school else None)
        failed, missing = failed or f, missing or m
        reasons += r
        attestations += a
    figures = {"findings": len(attestations),
               "not_met": sum(1 for a in attestations if a.get("status") == NOT_MET)}
    if per_school and schools is not None:
        figures["schools"] = len(schools)
    failing = [a for a in attestations if a.get("status") == NOT_MET]
    return ItemResult(key, combine_status(failed, missing), figures, failing, reasons,
                      attestations)


def judge_vetoes(evidence: Iterable[Record], params: AssessmentParams) -> list[ItemResult]:
    """One result per veto: ``met`` means the veto does not apply; ``not_met`` means it does."""
    records = list(evidence)
    results = []
    for code in item_param(params, "vetoes", "evidence"):
        zh, en = _name(code)
        mine = [r for r in records if r.get("item_key") == code]
        attestations = [attestation(r) for r in mine]
        applies = [r for r in mine if r.get("status") == NOT_MET]
        if applies:
            reasons = [Reason("veto.applies", f"一票否决：存在“{zh}”（{r.get('attested_by') or '—'}，"
                              f"{r.get('attested_on') or '—'}）",
                              f"Veto: {en} ({r.get('attested_by') or '—'}, "
                              f"{r.get('attested_on') or '—'})", subject=code) for r in applies]
            results.append(ItemResult(code, FAIL, {"applies": True}, attestations[:], reasons,
                                      attestations))
        elif not mine:
            results.append(ItemResult(code, "evidence_missing", {"applies": None}, [], [Reason(
                "veto.evidence_missing", f"否决项“{zh}”：缺少“不存在该情形”的认定",
                f"Veto '{en}': no finding that it does not apply", subject=code)], []))
        else:
            results.append(ItemResult(code, PASS, {"applies": False}, [], [], attestations))
    return results


def judge_precondition(evidence: Iterable[Record], params: AssessmentParams) -> ItemResult:
    """The precondition: basic balance passed at least ``min_years_since`` years earlier."""
    years = item_param(params, "pre_basic_balance", "min_years_since")
    records = list(evidence)
    failed = missing = False
    reasons: list[Reason] = []
    attestations: list[dict[str, Any]] = []
    for code in item_param(params, "pre_basic_balance", "evidence"):
        f, m, r, a = check_evidence(code, records, item="precondition")
        failed, missing = failed or f, missing or m
        attestations += a
        reasons += [Reason(x.key, f"前提条件：通过基本均衡认定满{years}年——{x.zh}",
                           f"Precondition: basic balance passed {years}+ years ago — {x.en}",
                           x.subject, x.figure, x.limit, x.gap) for x in r]
    return ItemResult("pre_basic_balance", combine_status(failed, missing),
                      {"min_years_since": years}, [], reasons, attestations)
