"""From validated tables to one assessment result per district (the report.json shape).

The heavy lifting is elsewhere: ``youjun.analytics`` computes indicators, CVs and the
diagnosis; ``youjun.core`` judges them against the rule set. This module wires the two and
lays the answer out as one plain, JSON-ready dict per district — the single input of every
report renderer, the web dashboard and the planner.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from youjun import __version__
from youjun.analytics import compute_indicators_pandas, diagnose
from youjun.assess.figures import clean_evidence_records, district_figures, evidence_frame, records
from youjun.assess.findings import cv_findings, school_findings, veto_findings
from youjun.core.findings import Finding
from youjun.core.items import judge_all
from youjun.core.judging import PASS, ItemResult, Reason
from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS, count_unit
from youjun.core.params import LEVELS, AssessmentParams
from youjun.core.rules import load_ruleset, value_at
from youjun.core.schema import COMBINED_TYPES, SCHEMA_VERSION
from youjun.core.standards_text import option_value_text, standard_text
from youjun.core.verdict import cv_checks, overall_verdict, required_elements, school_compliance
from youjun.ingest.store import data_hash, district_data_hashes, district_row_counts, school_districts

TOP_DRIVERS = 5
# The tables the indicator expressions read (``analytics.indicators.indicator_tables``); only
# these are loaded into the backend.
INDICATOR_TABLES = ("schools", "teachers", "facilities")
# The parts of ``analytics.diagnosis.Diagnosis`` a result reports.
DIAGNOSIS_PARTS = ("gaps", "drivers", "if_thresholds_met", "inequality", "theil")
Rows = list[dict[str, Any]]
SECTION_LABELS = {"primary": ("小学部", "primary section"), "junior": ("初中部", "junior section")}


def assess_tables(tables: dict[str, pd.DataFrame], ruleset: str = "cn-2017",
                  overlays: Sequence[str | Path] = (), source: str = "",
                  as_of: str | None = None, engine: str = "pandas",
                  con: Any = None) -> list[dict[str, Any]]:
    """Assess every district in ``tables`` (canonical, validated) under one rule set.

    The rules are those in force on ``as_of``; by default the school year's census date
    (``statistical_date``, else 1 September of its first year), so a rerun next year of this
    year's data gives the same answer.
    """
    params = load_ruleset(ruleset, overlays=overlays, as_of=as_of or census_date(tables))
    return assess_with_params(tables, params, source=source, engine=engine, con=con)


def assess_with_params(tables: dict[str, pd.DataFrame], params: AssessmentParams,
                       source: str = "", engine: str = "pandas", con: Any = None,
                       own_hashes: bool = False) -> list[dict[str, Any]]:
    """``engine``: "pandas" (the indicators computed in memory on ``tables``: the default, ADR 0012)
    or "ibis" (the indicator expressions on ``con``, an Ibis backend: an in-memory DuckDB when
    None, or Spark). ``own_hashes``: each
    district's result names the hash of its own rows (a batch of a province or nation run, so
    that a district's report.json does not depend on the districts read beside it), not the
    hash of all of ``tables``."""
    return list(iter_assess(tables, params, source, engine, con, own_hashes))


def iter_assess(tables: dict[str, pd.DataFrame], params: AssessmentParams,
                source: str = "", engine: str = "pandas", con: Any = None,
                own_hashes: bool = False) -> Iterator[dict[str, Any]]:
    """``assess_with_params`` one district at a time: the indicators of every district are
    computed together first, then each district's result is built when asked for, so that a
    caller can write one while the next is built."""
    hashes = district_data_hashes(tables) if own_hashes else {}
    digest = "" if own_hashes else data_hash(tables)
    if engine == "pandas" and con is None:  # a backend given (Spark) is always used
        indicators = compute_indicators_pandas(tables, params)
    else:
        from youjun.analytics import compute_indicators, connect_tables  # Ibis: imported only when used

        needed = {key: tables[key] for key in INDICATOR_TABLES if key in tables}
        indicators = compute_indicators(connect_tables(needed, con), params)
    # Only the first TOP_DRIVERS of each CV are reported (the drivers come sorted by cv_change).
    found = diagnose(indicators, params, top_drivers=TOP_DRIVERS)
    run = {
        "data_hash": digest,
        "rules": {"name": params.method, "version": params.version, "as_of": params.as_of,
                  "overlays": [str(o) for o in params.overlays]},
        "software_version": __version__, "schema_version": SCHEMA_VERSION,
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"), "source": source,
    }
    districts = tables["districts"].drop_duplicates("district_code")
    # Every frame of the batch turned into rows once and dealt out by district: per district, a
    # frame's cuts and conversions cost more than its few hundred rows (a nation run: ~3 ms each).
    units, disp = _by_district(indicators.units), _by_district(indicators.dispersion)
    diag = {name: _by_district(getattr(found, name)) for name in DIAGNOSIS_PARTS}
    rows = records(districts)
    scope = {row["district_code"]: sorted({u["school_code"] for u in units.get(row["district_code"], [])})
             for row in rows}
    figures = district_figures(tables, scope, params)
    local = _local_parts(tables, list(scope))
    fixed = _RunParts.of(params)
    for row in rows:
        code = row["district_code"]
        yield _district_result(
            row, local[code], units.get(code, []), disp.get(code, []),
            {name: diag[name].get(code, []) for name in DIAGNOSIS_PARTS}, figures(code), params,
            run | {"data_hash": hashes[code]} if own_hashes else run, fixed)


def _by_district(frame: pd.DataFrame) -> dict[str, list[dict[str, Any]]]:
    """The frame's rows (``records``) by district code, each district's in the frame's order."""
    out: dict[str, list[dict[str, Any]]] = {}
    for record in records(frame):
        out.setdefault(record["district_code"], []).append(record)
    return out


@dataclass
class _Local:
    """What a district's result reads of its own rows, beside its indicators and figures."""

    sizes: dict[str, int]  # table -> the district's rows
    evidence: Rows  # its evidence records (``evidence_records``)
    names: dict[str, str] = field(default_factory=dict)  # school code -> name
    rates: dict[str, dict[str, Any]] = field(default_factory=dict)  # rate key -> its first row


def _local_parts(tables: dict[str, pd.DataFrame], codes: list[str]) -> dict[str, _Local]:
    """Each district's ``_Local``, from one pass over each table of the batch (rows belong to a
    district by ``district_code``, or by their school's, each table cut by district)."""
    district_of = school_districts(tables).to_dict()
    local = {code: _Local(dict.fromkeys(tables, 0), []) for code in codes}
    for key, frame in tables.items():
        counts = district_row_counts(frame, district_of)
        if counts is None:
            continue
        for code, n in counts.items():
            if str(code) in local:
                local[str(code)].sizes[key] = int(n)
    for r in clean_evidence_records(evidence_frame(tables)):
        if r["district_code"] in local:
            local[r["district_code"]].evidence.append(r)
    schools = tables["schools"]
    for d, school, name in zip(*(schools[c].tolist() for c in ("district_code", "school_code", "school_name")),
                               strict=True):
        if d in local:
            local[d].names[school] = name
    rates = tables.get("district_rates")
    if rates is not None and "rate_key" in rates.columns:
        for r in records(rates):
            if r["district_code"] in local:
                local[r["district_code"]].rates.setdefault(r["rate_key"], r)
    return local


@dataclass(frozen=True)
class _RunParts:
    """The parts of a result that depend on the rule set only, built once per run (a nation run
    built them 2,843 times); each result gets its own copy of the outer dicts."""

    method: dict[str, Any]
    options: Rows
    rules: Rows  # provenance: each rule's value and reference

    @classmethod
    def of(cls, params: AssessmentParams) -> _RunParts:
        return cls(
            _method(params),
            [{"name": k, "value": _clean(v), "reference": _ref_text(params, f"options.{k}"),
              "text_zh": option_value_text(k, v, "zh", params), "text_en": option_value_text(k, v, "en", params)}
             for k, v in sorted(params.options.items())],
            [{"key": key, "value": _json_ready(value_at(params, key))} | ref.to_dict()
             for key, ref in sorted(params.references.items())])


def census_date(tables: dict[str, pd.DataFrame]) -> str | None:
    districts = tables["districts"]
    dates = [d for d in districts.get("statistical_date", pd.Series(dtype=object)).dropna()]
    if dates:
        return str(min(dates))[:10]
    years = sorted(y for y in districts["school_year"].dropna())
    return f"{years[0][:4]}-09-01" if years else None


_PLAIN = frozenset({str, int, bool, type(None)})  # JSON-ready as they are


def _clean(value: Any) -> Any:
    """JSON-ready scalars: NaN -> None, numpy -> Python."""
    kind = type(value)  # the common exact types first: a result cleans thousands of values
    if kind is float:
        return value if value - value == 0 else None  # inf - inf, nan - nan: nan
    if kind in _PLAIN:
        return value
    if value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    return value


def _reason(r: Reason) -> dict[str, Any]:
    return {"key": r.key, "zh": r.zh, "en": r.en, "subject": r.subject,
            "figure": _clean(r.figure), "limit": _clean(r.limit), "gap": _clean(r.gap)}


def _district_result(district: dict[str, Any], local: _Local, units: Rows,
                     disp: Rows, found: dict[str, Rows], figures: dict[str, dict[str, Any]],
                     params: AssessmentParams, run: dict[str, Any], fixed: _RunParts) -> dict[str, Any]:
    """One district's result; every frame and row passed in is that district's only: ``units``
    and ``disp`` the rows of the indicators' units and dispersion, ``found`` those of each part
    of the diagnosis (``DIAGNOSIS_PARTS``), ``figures`` those of its G/Q items (``item_figures``);
    ``fixed`` the parts of the rule set's (``_RunParts``)."""
    code = district["district_code"]

    names = _SchoolNames(local.names)
    dicts = _FindingDicts(local.names)
    schools, compliance, r_findings = _schools(units, found["gaps"], params, dicts)
    levels = [d["level"] for d in disp]
    cvs = {level: {d["indicator"]: _clean(d["cv"]) for d in disp if d["level"] == level}
           for level in LEVELS if level in levels}
    checks = cv_checks(cvs, params)

    in_scope = sorted({u["school_code"] for u in units})
    items = judge_all(figures, local.evidence, params, schools=in_scope)
    verdict = overall_verdict(params, schools=compliance, cv=checks, items=items)
    findings = _findings(r_findings, compliance, checks, items, params, dicts)

    return {
        "run": run,
        "district": {"code": code, "name": district.get("district_name"),
                     "province": district.get("province_name"),
                     "school_year": district.get("school_year")},
        "method": dict(fixed.method),
        "options": [dict(o) for o in fixed.options],
        "levels": _levels(code, units, disp, checks, found, params),
        "schools": schools,
        "items": {r.key: names.name_item(_item(r, params)) | {"findings": dicts(r.findings)}
                  for r in items if not r.key.startswith("veto_")
                  and r.key not in ("social_recognition", "pre_basic_balance")},
        "recognition": _recognition(items, params) | _rate_source(local.rates.get("social_recognition")),
        "preconditions": [_item(r, params) for r in items if r.key == "pre_basic_balance"],
        "vetoes": [{"key": r.key, "title_zh": ITEM_LABELS.get(r.key, (r.key, r.key))[0],
                    "title_en": ITEM_LABELS.get(r.key, (r.key, r.key))[1],
                    "status": r.status,
                    "applies": None if r.status == "evidence_missing" else r.status == "fail",
                    # who attested it and when, as an item's (walk 37: the table said only 不存在)
                    "evidence": _veto_evidence(r)}
                   for r in items if r.key.startswith("veto_")],
        "verdict": {"passes": verdict.passes, "counts": verdict.counts,
                    "reasons": [names.name_reason(_reason(r)) for r in verdict.reasons],
                    "findings": findings["verdict"]},
        "findings": findings["all"],
        "provenance": {
            "rules": [dict(r) for r in fixed.rules],
            "data": {"data_hash": run["data_hash"],
                     "tables": local.sizes},
        },
    }


class _FindingDicts:
    """``[f.named(names).to_dict() for f in findings]``, each finding's dict built once per
    district: a finding is listed by its item or school, in ``findings`` and often in the
    verdict's, and the result holds the one dict in each place (report.json's writer rounds
    it once, ``report.canonical``)."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.built: dict[int, tuple[Finding, dict[str, Any]]] = {}  # the finding kept: its id stays its own

    def __call__(self, findings: Iterable[Finding], *, unnamed: bool = False) -> Rows:
        """``unnamed``: as ``f.to_dict()`` (a school's list): the shared dict only where naming
        changes nothing."""
        out = []
        for f in findings:
            named = not f.school_name and f.school_code and f.school_code in self.names
            if unnamed and named:
                out.append(f.to_dict())
                continue
            done = self.built.get(id(f))
            if done is None:
                d = f.to_dict()
                if named:
                    d["school_name"] = str(self.names[f.school_code])
                done = self.built[id(f)] = (f, d)
            out.append(done[1])
        return out


def _findings(r_findings: list[list[Finding]], compliance: list[Any], checks: list[Any],
              items: list[ItemResult], params: AssessmentParams,
              dicts: _FindingDicts) -> dict[str, Rows]:
    """Every finding of the district, and those that keep the verdict from passing.

    Order: R by school section, CVs, then items, recognition, vetoes and preconditions in
    the rule set's order. A compliant school's short indicator (within the floor) is a
    finding of the school, not a reason of the verdict.
    """
    labels = {k: (v[0], v[1]) for k, v in INDICATOR_LABELS.items()}
    cv = cv_findings(checks, labels)
    required = set(required_elements(params))
    every, binding = [], []
    for found, c in zip(r_findings, compliance, strict=True):
        every += found
        if not c.compliant:
            binding += found
    every += cv
    binding += cv
    for r in items:
        own = list(r.findings) or (veto_findings([r]) if r.key.startswith("veto_") else [])
        every += own
        if r.key in required and r.status != PASS:
            binding += own
    return {"all": dicts(every), "verdict": dicts(binding)}


class _SchoolNames:
    """Puts a school's name before its bare 10-digit code in reason texts (data stays code-keyed)."""

    CODE = re.compile(r"(?<![（(\d])(\d{10})(?!\d)")

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def _sub(self, text: str) -> str:
        return self.CODE.sub(lambda m: f"{self.names[m.group(1)]}（{m.group(1)}）"
                             if m.group(1) in self.names else m.group(1), text)

    def name_reason(self, reason: dict[str, Any]) -> dict[str, Any]:
        return reason | {"zh": self._sub(reason["zh"]), "en": self._sub(reason["en"])}

    def name_item(self, item: dict[str, Any]) -> dict[str, Any]:
        return item | {"reasons": [self.name_reason(r) for r in item["reasons"]]}


def _method(params: AssessmentParams) -> dict[str, Any]:
    ref = next(iter(params.references.values()), None)
    titles = {
        "cn-2017": ("县域义务教育优质均衡发展督导评估", "County quality-balanced compulsory education assessment"),
        "cn-2012": ("县域义务教育均衡发展督导评估", "County basic-balanced compulsory education assessment"),
    }
    zh, en = titles.get(params.method, (params.method, params.method))
    return {"key": params.method, "version": params.version, "title_zh": zh, "title_en": en,
            "document": ref.number if ref else "",
            # when a school complies, in words from the rule values (shown above every grid)
            "school_rule_zh": standard_text("school", params, "zh"),
            "school_rule_en": standard_text("school", params, "en")}


def _ref_text(params: AssessmentParams, prefix: str) -> str:
    for key, ref in params.references.items():
        if key.startswith(prefix) or key.endswith(prefix.split(".", 1)[-1]):
            return f"{ref.number} {ref.article}（{ref.confidence}）"
    return ""


def _schools(units: Rows, gap_rows: Rows, params: AssessmentParams, dicts: _FindingDicts
             ) -> tuple[list[dict[str, Any]], list[Any], list[list[Finding]]]:
    gaps = _bucket(gap_rows, ("school_code", "level"))
    limits: dict[str, dict[str, Any]] = {}  # per level, the same for every school
    out, compliance, findings = [], [], []
    for u in units:
        level = u["level"]
        values = {k: _clean(u.get(k)) for k in params.indicators}
        named = f"{u['school_name']}（{u['school_code']}）"
        section_zh, section_en = SECTION_LABELS[level] if u["school_type"] in COMBINED_TYPES else ("", "")
        # one subject per language: the section's name is Chinese in one, English in the other
        c = school_compliance(values, level, params, school=f"{named}{section_zh}",
                              school_en=f"{named}, {section_en}" if section_en else named)
        compliance.append(c)
        mine = gaps.get((u["school_code"], level), [])
        section_findings = school_findings(c, str(u["school_code"]), str(u["school_name"]),
                                           {g["indicator"]: g for g in mine})
        findings.append(section_findings)
        out.append({
            "code": u["school_code"], "name": u["school_name"], "level": level,
            "type": u["school_type"], "town": u["town"], "location": u["location"],
            "education_group": _clean(u.get("education_group")), "ownership": u.get("ownership"),
            "pupils": int(u["pupils"]), "values": values,
            "thresholds": dict(limits.get(level) or limits.setdefault(level, {
                k: _clean(params.thresholds.get(k, {}).get(level)) for k in params.indicators})),
            "meets": c.meets, "met_count": c.met_count, "compliant": c.compliant,
            "short": ({"indicator": c.short_indicator, "ratio": _clean(c.short_ratio)}
                      if c.short_indicator else None),
            "gaps": [_gap(g) for g in mine],
            "findings": dicts(section_findings, unnamed=True),
        })
    return out, compliance, findings


def _gap(g: dict[str, Any]) -> dict[str, Any]:
    key = g["indicator"]
    zh, en, _rate_zh, _rate_en = INDICATOR_LABELS.get(key, (key, key, "", ""))
    missing = _clean(g.get("gap"))
    plain = count_unit(key)  # a gap is counted in things (人, 平方米, 元, 间), not in the rate
    return {"indicator": key, "value": _clean(g.get("value")), "threshold": _clean(g.get("threshold")),
            "ratio": _clean(g.get("ratio")), "missing": missing,
            "unit_zh": g.get("unit_zh") or plain.zh, "unit_en": g.get("unit_en") or plain.en,
            "what_zh": zh, "what_en": en}


def _levels(code: str, units: Rows, disp: Rows, checks: list[Any], found: dict[str, Rows],
            params: AssessmentParams) -> dict[str, Any]:
    out: dict[str, Any] = {}
    by_check = {(c.level, c.indicator): c for c in checks}
    keys = ("level", "indicator")
    drivers_of, met_of = _bucket(found["drivers"], keys), _bucket(found["if_thresholds_met"], keys)
    ineq_of, theil_of = _bucket(found["inequality"], keys), _bucket(found["theil"], keys)
    failing = {k: len(v) for k, v in _bucket(found["gaps"], keys).items()}
    for level in LEVELS:
        lunits = [u for u in units if u["level"] == level]
        if not lunits:
            continue
        indicators = {}
        for row in (d for d in disp if d["level"] == level):
            key = row["indicator"]
            check = by_check.get((level, key))
            zh, en, unit_zh, unit_en = INDICATOR_LABELS.get(key, (key, key, "", ""))
            drivers = sorted(drivers_of.get((level, key), []), key=lambda d: d["cv_change"])[:TOP_DRIVERS]
            met = met_of.get((level, key), [])
            indicators[key] = {
                "name_zh": zh, "name_en": en, "unit_zh": unit_zh, "unit_en": unit_en,
                "mean": _clean(row["mean"]), "cv": _clean(row["cv"]),
                "cv_rounded": _clean(check.rounded if check else row["cv_published"]),
                "limit": _clean(check.limit if check else None),
                "passes": (check.passes if check and check.binding else None),
                "threshold": _clean(params.thresholds.get(key, {}).get(level)),
                "n_schools": int(row["n_schools"]),
                "n_failing": failing.get((level, key), 0),
                "cv_if_failing_met": _clean(met[0]["cv_if_met"]) if met else None,
                "drivers": [{"code": d["school_code"], "name": d["school_name"], "value": _clean(d["value"]),
                             "delta_cv": _clean(d["cv_change"])} for d in drivers],
                "inequality": _inequality(ineq_of.get((level, key), []), theil_of.get((level, key), [])),
            }
        composite = by_check.get((level, "composite"))
        out[level] = {
            "n_schools": len({u["school_code"] for u in lunits}), "pupils": int(sum(u["pupils"] for u in lunits)),
            "composite": ({"cv": _clean(composite.rounded), "limit": composite.limit,
                           "passes": composite.passes} if composite else None),
            "indicators": indicators,
        }
    return out


def _bucket(rows: Rows, keys: tuple[str, ...]) -> dict[tuple[Any, ...], list[dict[str, Any]]]:
    """Rows grouped by ``keys`` in one pass (per-group boolean filters are quadratic)."""
    out: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for record in rows:
        out.setdefault(tuple(record[k] for k in keys), []).append(record)
    return out


def _inequality(ineq: list[dict[str, Any]], theil: list[dict[str, Any]]) -> dict[str, Any]:
    if not ineq:
        return {}
    row = ineq[0]
    between = {}
    for t in theil:
        between[str(t.get("grouping"))] = _clean(t.get("between"))
    return {"gini": _clean(row.get("gini")), "theil": _clean(row.get("theil_t")),
            "theil_between": between, "mcloone": _clean(row.get("mcloone")),
            "range_ratio": _clean(row.get("range_ratio"))}


def _limit_text(key: str, params: AssessmentParams) -> str:
    """The item's figures in force, as the rule set states them (for the reader, not for judging)."""
    figures = params.items.get(key, {})
    parts = [f"{name}={_json_ready(value)}" for name, value in figures.items()
             if name not in ("evidence", "description", "per_school")
             and not isinstance(value, dict | list)]
    parts += [f"{name}={_json_ready(value)}" for name, value in figures.items() if isinstance(value, dict)]
    return "; ".join(parts)


def _item(r: ItemResult, params: AssessmentParams) -> dict[str, Any]:
    zh, en = ITEM_LABELS.get(r.key, (r.key, r.key))
    limit = _limit_text(r.key, params)
    attestation = r.attestations[0] if r.attestations else None
    return {
        "key": r.key, "title_zh": zh, "title_en": en, "status": r.status,
        "limit_zh": standard_text(r.key, params, "zh") or limit,
        "limit_en": standard_text(r.key, params, "en") or limit,
        "figures": {k: _json_ready(v) for k, v in r.figures.items()},
        "failing": [{k: _json_ready(v) for k, v in f.items()} for f in r.failing],
        "reasons": [_reason(x) for x in r.reasons],
        "evidence": _attested(attestation) if attestation else None,
        "attestations": [{k: _json_ready(v) for k, v in a.items()} for a in r.attestations],
    }


def _veto_evidence(r: ItemResult) -> dict[str, Any] | None:
    """A veto's attestation: the one saying it applies when one does, else the first."""
    if not r.attestations:
        return None
    chosen = next((a for a in r.attestations if a.get("status") == "not_met"), r.attestations[0])
    return _attested(chosen, "note")


def _attested(attestation: Mapping[str, Any], *more: str) -> dict[str, Any]:
    """What a result says of an attestation: its finding, who, when, the attachment (and ``more``)."""
    return {k: _json_ready(attestation.get(k))
            for k in ("status", "attested_by", "attested_on", "attachment_ref", *more)}


def _json_ready(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is float:
        return value if value - value == 0 else None
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_ready(v) for v in value]
    value = _clean(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def _rate_source(row: dict[str, Any] | None) -> dict[str, Any]:
    """Where a district rate came from, as its (first) ``district_rates`` row says: the source in
    words (the workbook's, or the platform's final survey's) and the date it holds for."""
    if row is None:
        return {"source": "", "as_of": None}
    source, as_of = row.get("source"), row.get("as_of")
    return {"source": "" if source is None or pd.isna(source) else str(source),
            "as_of": None if as_of is None or pd.isna(as_of) else str(as_of)[:10]}


def _recognition(items: list[ItemResult], params: AssessmentParams) -> dict[str, Any]:
    r = next((i for i in items if i.key == "social_recognition"), None)
    limit = params.items.get("social_recognition", {}).get("min_percent")
    if r is None:
        return {"status": None, "rate": None, "limit": limit}
    return {"status": r.status, "rate": _clean(r.figures.get("rate_percent")),
            "limit": limit, "reasons": [_reason(x) for x in r.reasons]}
