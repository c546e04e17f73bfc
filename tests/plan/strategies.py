"""Hypothesis strategies for the planning property tests: small random primary-school districts."""

from __future__ import annotations

from hypothesis import strategies as st

from tests.plan.handmade import School, T, code, district

SUBJECTS = ("chinese", "math", "foreign_language", "pe", "music")


@st.composite
def teachers(draw: st.DrawFn) -> T:
    return T(subject=draw(st.sampled_from(SUBJECTS)), qualified=draw(st.booleans() | st.just(True)),
             key=draw(st.integers(0, 4)) == 0, years=draw(st.integers(0, 14)))


@st.composite
def schools(draw: st.DrawFn, index: int) -> School:
    staff = draw(st.lists(teachers(), min_size=4, max_size=12))
    grades = {g: draw(st.integers(8, 45)) for g in range(1, 7)}
    return School(
        code(index), staff, quota=len(staff) + draw(st.integers(-1, 2)),
        lon=105.9 + draw(st.integers(0, 80)) / 1000, lat=29.35 + draw(st.integers(0, 80)) / 1000,
        town=draw(st.sampled_from(("甲镇", "乙镇"))), group=draw(st.sampled_from((None, "一集团"))),
        pupils=grades,
        teaching_m2=draw(st.floats(3.0, 7.0)) * sum(grades.values()),
        sports_m2=draw(st.floats(5.0, 12.0)) * sum(grades.values()),
        equipment_10k=draw(st.floats(0.12, 0.3)) * sum(grades.values()),
        multimedia=draw(st.integers(0, 8)),
        music_rooms=tuple(draw(st.lists(st.sampled_from((80.0, 100.0)), max_size=2))),
        art_rooms=tuple(draw(st.lists(st.sampled_from((80.0, 100.0)), max_size=2))),
    )


@st.composite
def districts(draw: st.DrawFn) -> dict:
    n = draw(st.integers(3, 5))
    return district([draw(schools(i + 1)) for i in range(n)])


@st.composite
def rotation_overrides(draw: st.DrawFn) -> dict:
    return {
        "time_limit_s": 10,
        "same_town": draw(st.booleans()),
        "max_distance_km": draw(st.sampled_from((None, None, 4.0))),
        "max_net_loss_share": draw(st.sampled_from((0.0, 0.05, 0.2))),
        "max_in_share": draw(st.sampled_from((0.2, 0.5))),
        "group_penalty_km": draw(st.sampled_from((0.0, 5.0))),
    }
