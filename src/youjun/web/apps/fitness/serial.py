"""The core's ``Scored`` as JSON and back, losslessly: decimals as text, problems as their
code, value, rule, location and context. One shape, stored in ``Result.scored``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from youjun.core.errors import Location, Problem
from youjun.core.fitness import ItemScore, Scored, Status
from youjun.web.apps.platform.audit import jsonable


def _d(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _D(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


def problem_to_json(p: Problem) -> dict[str, Any]:
    return {"code": p.code, "value": p.value, "rule": p.rule, "location": p.location.to_dict(),
            "context": [[k, jsonable(v)] for k, v in p.context]}


def problem_from_json(d: dict[str, Any]) -> Problem:
    return Problem(d["code"], Location(**d.get("location", {})), d.get("value", ""), d.get("rule", ""),
                   tuple((k, v) for k, v in d.get("context", [])))


def scored_to_json(s: Scored) -> dict[str, Any]:
    return {
        "status": s.status.value, "grade": s.grade, "sex": s.sex,
        "items": [{"key": i.key, "raw": i.raw, "value": str(i.value), "score": i.score, "level": i.level,
                   "weight": str(i.weight), "weighted": str(i.weighted)} for i in s.items],
        "standard": _d(s.standard), "bonus": dict(s.bonus), "total": _d(s.total), "level": s.level,
        "bmi": _d(s.bmi), "bmi_category": s.bmi_category, "missing": list(s.missing),
        "problems": [problem_to_json(p) for p in s.problems], "exempt_reason": s.exempt_reason,
        "retest": s.retest, "pupil_id": s.pupil_id,
    }


def scored_from_json(d: dict[str, Any]) -> Scored:
    return Scored(
        status=Status(d["status"]), grade=int(d["grade"]), sex=d["sex"],
        items=tuple(ItemScore(i["key"], i["raw"], Decimal(i["value"]), int(i["score"]), i["level"],
                              Decimal(i["weight"]), Decimal(i["weighted"])) for i in d.get("items", [])),
        standard=_D(d.get("standard")), bonus={k: int(v) for k, v in d.get("bonus", {}).items()},
        total=_D(d.get("total")), level=d.get("level"), bmi=_D(d.get("bmi")), bmi_category=d.get("bmi_category"),
        missing=tuple(d.get("missing", [])), problems=tuple(problem_from_json(p) for p in d.get("problems", [])),
        exempt_reason=d.get("exempt_reason", ""), retest=bool(d.get("retest")), pupil_id=d.get("pupil_id", ""),
    )
