"""Rotation on hand-made districts whose optimum is worked out in the comments."""

from __future__ import annotations

import pytest

from tests.plan.handmade import School, T, code, district, standard_staff
from youjun.core.rules import load_ruleset
from youjun.plan import RotationOptions, plan_rotation, plan_rotation_greedy

A, B, C = code(1), code(2), code(3)


@pytest.fixture(scope="module")
def params():
    return load_ruleset("cn-2017", as_of="2025-09-01")


def opts(**kw):
    return RotationOptions.build({"time_limit_s": 20, **kw})


def stage(plan, name):
    return next(s for s in plan.stages if s.stage == name)


def test_one_swap_fixes_the_key_teacher_gap(params):
    # A has 2 key teachers, B none, C one (C's 10 teachers have 2 years: not eligible).
    # Each school has 100 pupils, so each needs exactly 1 key teacher (r2 ≥ 1.0 per 100).
    # Eligible: A 10 + B 10 = 20 → the rule needs 10% = 2 moves, ≥ 20% of them key.
    # No school has a free post (quota = staff), none may lose a teacher net (5% of 10 → 0),
    # so B's new key teacher must be paid for by one of B's teachers going back to A:
    #   A → B: a key Chinese teacher;  B → A: a qualified, non-key, non-PE teacher.
    # After: every school 10 teachers, 10 qualified, 1 key, 1 PE → every CV is 0.
    tables = district([School(A, standard_staff(key=2), lon=105.90),
                       School(B, standard_staff(key=0), lon=105.91),
                       School(C, standard_staff(key=1, years=2), lon=106.00)])
    plan = plan_rotation(tables, params, opts())
    moves = {(m.from_school, m.to_school): m for m in plan.moves.itertuples()}
    assert set(moves) == {(A, B), (B, A)}
    assert moves[(A, B)].key and moves[(A, B)].subject == "chinese"
    assert not moves[(B, A)].key and not moves[(B, A)].pe_art and moves[(B, A)].qualified
    assert plan.shortfall_after == 0
    assert stage(plan, "thresholds").objective == 0 and stage(plan, "thresholds").gap == 0
    assert stage(plan, "spread").objective == pytest.approx(0, abs=1e-12)
    assert stage(plan, "moves").objective == 2
    assert plan.rotation["after"]["status"] == "pass"
    assert plan.rotation["after"]["rotated"] == 2 and plan.rotation["after"]["rotated_key"] == 1
    assert plan.violations == []
    teacher_cvs = [c for c in plan.cvs if c["indicator"].startswith(("r1", "r2", "r3"))]
    assert all(c["cv_after"] == pytest.approx(0, abs=1e-12) for c in teacher_cvs)


def test_too_few_key_teachers_is_proven_by_the_bound(params):
    # One key teacher in the district (at A), three schools each needing one. A may not go
    # below its own threshold, so B and C stay 1 short each: the least total shortfall is 2,
    # and each alone is proven unfixable (its own bound is 1). The key share of the rule can
    # never be met either: 3 moves are needed (10% of 30) and no key teacher may move, so
    # the rotation stage's optimum is a key shortfall of 20% × 3 = 0.6 teachers.
    tables = district([School(A, standard_staff(key=1)), School(B, standard_staff(key=0), lon=105.91),
                       School(C, standard_staff(key=0), lon=105.92)])
    plan = plan_rotation(tables, params, opts())
    rule = stage(plan, "rotation_rule")
    assert rule.objective == pytest.approx(0.6) and rule.bound == pytest.approx(0.6)
    thresholds = stage(plan, "thresholds")
    assert thresholds.objective == 2 and thresholds.bound == pytest.approx(2)
    assert plan.shortfall_after == 2
    proven = {(u["school_code"], u["numerator"]) for u in plan.unfixable if u["proven_unfixable"]}
    assert proven == {(B, "key_teachers"), (C, "key_teachers")}
    assert all(u["reason"] == "bound" for u in plan.unfixable)
    assert plan.rotation["after"]["status"] == "fail"
    assert plan.violations == []


def test_the_nearer_donor_is_chosen(params):
    # A (10 km east) and C (1 km) each have 2 eligible key teachers; everyone else has 2 years.
    # Eligible: 4 → one move is needed, and it must be a key teacher (B has none).
    # B has one free post and a net loss of one teacher is allowed (10% of 10), so the single
    # move C → B is optimal:
    # the same CVs either way (all schools have 100 pupils), 1 km instead of 10.
    def staff(keys: int) -> list[T]:
        s = standard_staff(key=keys, years=2)
        for t in s:
            if t.key:
                t.years = 8
        return s
    tables = district([School(A, staff(2), lon=106.00), School(B, staff(0), lon=105.90, quota=11),
                       School(C, staff(2), lon=105.91)])
    plan = plan_rotation(tables, params, opts(max_net_loss_share=0.1))
    assert [(m.from_school, m.to_school) for m in plan.moves.itertuples()] == [(C, B)]
    assert plan.moves["distance_km"].iloc[0] == pytest.approx(0.97, abs=0.02)
    assert plan.violations == []


def test_frozen_school_and_teacher_are_left_alone(params):
    # As in the first test, but A's key teachers are frozen: no key teacher can reach B.
    tables = district([School(A, standard_staff(key=2), lon=105.90),
                       School(B, standard_staff(key=0), lon=105.91),
                       School(C, standard_staff(key=1, years=2), lon=106.00)])
    frozen = tables["teachers"].query("school_code == @A and key_teacher_tier == 'key'")["teacher_id"]
    plan = plan_rotation(tables, params, RotationOptions.build({"time_limit_s": 20}, frozen_teachers=frozen,
                                                               frozen_schools=[C]))
    assert not set(plan.moves["teacher_id"]) & set(frozen)
    assert C not in set(plan.moves["from_school"]) | set(plan.moves["to_school"])
    assert plan.shortfall_after == 1
    assert plan.violations == []


def test_greedy_baseline_keeps_the_rules(params):
    tables = district([School(A, standard_staff(key=2), lon=105.90),
                       School(B, standard_staff(key=0), lon=105.91),
                       School(C, standard_staff(key=1, years=2), lon=106.00)])
    plan = plan_rotation_greedy(tables, params, opts())
    assert plan.violations == []
    assert plan.shortfall_after == 0
    assert plan.rotation["after"]["status"] == "pass"
