"""Permission rules of the survey's routes (audience "survey": the district's bureau
administrator and the platform admin; see matrix.py)."""

from __future__ import annotations

from collections.abc import Iterator

from tests.web.consultation.matrix import Objects, Rule, Target, TargetMaker

RULES: dict[str, Rule] = {
    "consultation:surveys": Rule("survey_home", get="survey", post="survey"),
    "consultation:survey": Rule("survey", get="survey", post="survey"),
    "consultation:survey_invitations": Rule("survey", get="survey", post="survey"),
    "consultation:survey_paper": Rule("survey", get="survey", post="survey"),
    "consultation:survey_result": Rule("survey", get="survey"),
    "consultation:survey_finalise": Rule("survey", post="survey"),
    "consultation:survey_respond": Rule("survey_code", get="public", post="public"),
    "consultation:survey_enter": Rule("none", get="public"),
}


def _surveys(objs: Objects) -> dict[str, object]:
    """A survey of district A (open, one question, one parents' code) and one of district B."""
    if "survey_a" not in objs.ids:
        from youjun.web.apps.consultation import services_survey as ss

        world = objs.ids["cworld"].base
        a = ss.create_survey(None, world.a, school_year="2025-2026", title="永川调查", population=100_000)
        ss.add_question(None, a, text_zh="您是否满意？")
        ss.open_survey(None, a)
        [(_group, code)] = ss.issue_invitations(None, a, {"parents": 1})
        b = ss.create_survey(None, world.b, school_year="2025-2026", title="涪陵调查", population=100_000)
        objs.ids.update({"survey_a": a, "survey_b": b, "survey_code": code})
    return objs.ids


def survey_targets(kind: str, objs: Objects) -> Iterator[Target] | None:
    if kind == "survey_home":
        return iter([Target({}, "A")])
    if kind == "survey":
        o = _surveys(objs)
        return iter([Target({"pk": str(o["survey_a"].pk)}, "A"),  # type: ignore[attr-defined]
                     Target({"pk": str(o["survey_b"].pk)}, "B")])  # type: ignore[attr-defined]
    if kind == "survey_code":
        return iter([Target({"code": str(_surveys(objs)["survey_code"])})])
    return None


TARGETS: list[TargetMaker] = [survey_targets]
