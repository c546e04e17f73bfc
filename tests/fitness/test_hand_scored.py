"""Twelve pupils scored BY HAND from the standard's text and the tables (working out per pupil).

Weights: grades 1–2 BMI 15, vital capacity 15, 50 m 20, sit-and-reach 30, rope 20; grades 3–4
BMI 15, VC 15, 50 m 20, S&R 20, rope 20, sit-ups 10; grades 5–6 BMI 15, VC 15, 50 m 20, S&R 10,
rope 10, sit-ups 20, 50 m×8 10. Item score = the highest level whose threshold is met.
Total = Σ score × weight + bonus, to one decimal half up (options.yaml); levels 90.0/80.0/60.0.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from youjun.core.fitness import FitnessError, PupilResult, Status, graduation_score, score_pupil, year_result

D = Decimal

# A — grade 3 girl. BMI 27/1.30² = 15.976 → 16.0, normal (13.6–18.6) → 100 × 15% = 15.00.
# VC 1250: ≥1220 (74), <1280 → 74 × 15% = 11.10. 50 m 10.5: ≤10.6 (74), >10.4 → 74 × 20% = 14.80.
# S&R 14.0: ≥13.2 (80), <14.9 → 80 × 20% = 16.00. Rope 140: ≥139 → 100 × 20% = 20.00; bonus
# (140−139)/2 → 0. Sit-ups 30: ≥30 (74) → 74 × 10% = 7.40. Sum 84.30 → 84.3 良好.
A = PupilResult(
    3,
    "female",
    "130",
    "27",
    {
        "vital_capacity": "1250",
        "run_50m": "10.5",
        "sit_and_reach": "14.0",
        "rope_skip_1min": "140",
        "sit_up_1min": "30",
    },
)
# B — grade 5 boy. BMI 55/1.50² = 24.44 → 24.4, obese (≥24.2) → 60 × 15% = 9.00. VC 2300: ≥2200 (80)
# → 12.00. 50 m 8.8 → 80 × 20% = 16.00. S&R 0.0: ≥−0.2 (64), <1.0 → 64 × 10% = 6.40. Rope 160: ≥148 →
# 100 × 10% = 10.00; bonus (160−148)/2 = 6. Sit-ups 38 → 80 × 20% = 16.00. 50 m×8 1'50" = 110 s:
# ≤111 (78), >108 → 78 × 10% = 7.80. Standard 77.20 + 6 = 83.2 良好.
B = PupilResult(
    5,
    "male",
    "150",
    "55",
    {
        "vital_capacity": "2300",
        "run_50m": "8.8",
        "sit_and_reach": "0.0",
        "rope_skip_1min": "160",
        "sit_up_1min": "38",
        "shuttle_run_50m_x8": "1'50\"",
    },
)
# C — grade 6 girl, the half-up case. BMI 40/1.5² = 17.78 → 17.8 normal → 15.00. VC 2200: ≥2200 (85) →
# 85 × 15% = 12.75. 50 m 9.3: ≤9.4 (76) → 15.20. S&R 16.0: ≥15.2 (85) → 8.50. Rope 130: ≥129 (78) →
# 7.80, no bonus. Sit-ups 40: ≥39 (80) → 16.00. 50 m×8 "1.55" (分.秒) = 115 s: ≤115 (76) → 7.60.
# Standard 82.85 → 82.9 良好 (half up).
C = PupilResult(
    6,
    "female",
    "150",
    "40",
    {
        "vital_capacity": "2200",
        "run_50m": "9.3",
        "sit_and_reach": "16.0",
        "rope_skip_1min": "130",
        "sit_up_1min": "40",
        "shuttle_run_50m_x8": "1.55",
    },
)
# D — grade 2 boy. BMI 26.568/1.20² = 18.45 exactly → 18.5 (half up): overweight (18.5–20.4) → 80 ×
# 15% = 12.00. VC 1500 (80) → 12.00. 50 m 10.0 (80) → 16.00. S&R 10.6 (80) → 80 × 30% = 24.00. Rope 121:
# ≥117 → 20.00; bonus (121−117)/2 = 2. Standard 84.00 + 2 = 86.0 良好.
D_ = PupilResult(
    2,
    "male",
    "120",
    "26.568",
    {"vital_capacity": "1500", "run_50m": "10.0", "sit_and_reach": "10.6", "rope_skip_1min": "121"},
)
# E — grade 6 girl, every item 100 (BMI 17.8 normal; VC 2600 ≥2500; 50 m 8.0 ≤8.2; S&R 20 ≥19.9; sit-ups
# 50 ≥49; 50 m×8 95 s ≤97) → standard 100; rope 210: (210−166)/2 = 22 → capped at 20. Total 120.0 优秀.
E = PupilResult(
    6,
    "female",
    "150",
    "40",
    {
        "vital_capacity": "2600",
        "run_50m": "8.0",
        "sit_and_reach": "20",
        "rope_skip_1min": "210",
        "sit_up_1min": "50",
        "shuttle_run_50m_x8": "95",
    },
)
# F — grade 4 boy, exempt on medical proof (免予执行): no score at all.
F = PupilResult(4, "male", exempt=True, exempt_reason="骨折（医院证明）")
# G — grade 3 girl without a sit-up result: incomplete, no total.
G = PupilResult(
    3,
    "female",
    "130",
    "27",
    {"vital_capacity": "1250", "run_50m": "10.5", "sit_and_reach": "14.0", "rope_skip_1min": "140"},
)
# H — grade 7 boy: the junior tables are not loaded → refused (E1020), not guessed.
H = PupilResult(
    7,
    "male",
    "160",
    "50",
    {
        "vital_capacity": "3000",
        "run_50m": "8.0",
        "sit_and_reach": "10",
        "standing_long_jump": "200",
        "pull_up": "5",
        "run_1000m": "4'10\"",
    },
)
# I — grade 5 boy failing: BMI 24.4 obese 60 → 9.00; VC 1300 (60) → 9.00; 50 m 11.0: ≤11.0 (50) → 10.00;
# S&R −2.6 (60) → 6.00; rope 56 (60) → 6.00, no bonus; sit-ups 18 (60) → 12.00; 50 m×8 138 s (60) → 6.00.
# Standard 58.0 不及格. Retest with 50 m 10.8 (60 → 12.00): 60.0 及格, and the year's result is the retest's.
I1 = PupilResult(
    5,
    "male",
    "150",
    "55",
    {
        "vital_capacity": "1300",
        "run_50m": "11.0",
        "sit_and_reach": "-2.6",
        "rope_skip_1min": "56",
        "sit_up_1min": "18",
        "shuttle_run_50m_x8": "2'18",
    },
)
I2 = PupilResult(5, "male", "150", "55", {**I1.items, "run_50m": "10.8"}, retest=True)
# K — grade 2 boy with a 50 m of 13.5 s: slower than the 10-point 13.0 → 0 points. BMI 120/22 kg → 15.3
# normal 15.00; VC 800 (60) 9.00; 50 m 0; S&R −0.4 (60) 18.00; rope 25 (60) 12.00 → 54.0 不及格.
K = PupilResult(
    2,
    "male",
    "120",
    "22",
    {"vital_capacity": "800", "run_50m": "13.5", "sit_and_reach": "-0.4", "rope_skip_1min": "25"},
)
# L — grade 5 boy with 50 m×8 written "1.5": 1'50" or 1'05"? Refused as ambiguous (E1024).
L = PupilResult(5, "male", "150", "40", {**B.items, "shuttle_run_50m_x8": "1.5"})

EXPECTED = [
    ("A", A, "84.3", "good", {}),
    ("B", B, "83.2", "good", {"rope_skip_1min": 6}),
    ("C", C, "82.9", "good", {}),
    ("D", D_, "86.0", "good", {"rope_skip_1min": 2}),
    ("E", E, "120.0", "excellent", {"rope_skip_1min": 20}),
    ("I1", I1, "58.0", "fail", {}),
    ("I2", I2, "60.0", "pass", {}),
    ("K", K, "54.0", "fail", {}),
]


@pytest.mark.parametrize(("name", "pupil", "total", "level", "bonus"), EXPECTED, ids=[e[0] for e in EXPECTED])
def test_hand_scored_totals(tables, name, pupil, total, level, bonus) -> None:
    s = score_pupil(pupil, tables)
    assert s.status is Status.SCORED, s.problems
    assert (str(s.total), s.level, dict(s.bonus)) == (total, level, bonus)


def test_hand_scored_items_of_c(tables) -> None:
    s = score_pupil(C, tables)
    assert [(i.key, i.score, str(i.weighted)) for i in s.items] == [
        ("bmi", 100, "15"),
        ("vital_capacity", 85, "12.75"),
        ("run_50m", 76, "15.2"),
        ("sit_and_reach", 85, "8.5"),
        ("rope_skip_1min", 78, "7.8"),
        ("sit_up_1min", 80, "16"),
        ("shuttle_run_50m_x8", 76, "7.6"),
    ]
    assert s.standard == D("82.85") and s.item("shuttle_run_50m_x8").value == 115


def test_exempt_incomplete_refused(tables) -> None:
    f, g, h, ell = (score_pupil(p, tables) for p in (F, G, H, L))
    assert (f.status, f.total, f.exempt_reason) == (Status.EXEMPT, None, "骨折（医院证明）")
    assert (g.status, g.missing, g.total) == (Status.INCOMPLETE, ("sit_up_1min",), None)
    assert (h.status, [p.code for p in h.problems]) == (Status.REFUSED, ["E1020"])
    assert "总分需要单项得分" in h.problems[0].message("zh") and "load" not in h.problems[0].message("zh")
    assert (ell.status, [p.code for p in ell.problems]) == (Status.REFUSED, ["E1024"])


def test_retest(tables) -> None:
    first, again = score_pupil(I1, tables), score_pupil(I2, tables)
    year = year_result(first, again, tables)
    assert (str(year.total), year.level, year.retest) == ("60.0", "pass", True)
    with pytest.raises(FitnessError) as passed:
        year_result(score_pupil(A, tables), again, tables)
    assert [p.code for p in passed.value.problems] == ["E1027"]
    with pytest.raises(FitnessError) as exempt:
        year_result(score_pupil(F, tables), again, tables)
    assert [p.code for p in exempt.value.problems] == ["E1028"]


def test_graduation_score(tables) -> None:
    # Graduation year C (82.9); other years A 84.3, D 86.0, B 83.2 and an exempt year (left out):
    # mean (84.3 + 86.0 + 83.2) / 3 = 84.5; 82.9 × 50% + 84.5 × 50% = 41.45 + 42.25 = 83.70 → 83.7 良好.
    years = [score_pupil(p, tables) for p in (A, D_, B, F)]
    g = graduation_score(score_pupil(C, tables), years, tables)
    assert (str(g.score), g.level, g.years_used, g.years_skipped) == ("83.7", "good", 3, 1)
    alone = graduation_score(score_pupil(C, tables), [], tables)
    assert str(alone.score) == "82.9"
    assert graduation_score(score_pupil(F, tables), years, tables).status is Status.EXEMPT
    with pytest.raises(FitnessError):
        graduation_score(score_pupil(G, tables), years, tables)
