"""The full-time teacher roster: how many per school section, and each teacher's record.

Urban sections carry more pupils per teacher than village ones (small schools need a
teacher per class whatever their size), and each school draws its own share of key
teachers and PE/art specialists, so the per-100-pupil indicators spread across schools.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from youjun.core.schema import PE_ART_SUBJECTS, QUALIFICATIONS, SECTION_GRADES, TITLES

from .context import DistrictContext
from .draws import logit_normal, other_index, pick
from .frames import to_frame
from .schools import LOCATIONS, SchoolDraft

TEACHER_SECTIONS = ("primary", "junior", "senior", "special")

# Median pupils per teacher (urban, town, rural) and its spread, by section.
PUPILS_PER_TEACHER = {
    "primary": ((17.6, 15.3, 12.1), 0.13),
    "junior": ((13.0, 12.1, 10.7), 0.13),
    "senior": ((12.5, 12.0, 11.5), 0.10),
    "special": ((3.5, 3.5, 3.5), 0.15),
}
PRIVATE_PUPILS_PER_TEACHER = 1.12
# Fewest teachers per class a section can run with (the floor of small schools).
TEACHERS_PER_CLASS_FLOOR = {"primary": 1.3, "junior": 2.2, "senior": 2.5, "special": 1.2}
TEACHING_POINT_TEACHERS_PER_CLASS = 1.0

_Q = [c.code for c in QUALIFICATIONS]
# Probabilities over QUALIFICATIONS (lowest first), by section then (urban, town, rural).
QUALIFICATION_P = {
    "primary": ((0.002, 0.01, 0.17, 0.77, 0.048, 0.0), (0.004, 0.03, 0.25, 0.70, 0.016, 0.0),
                (0.01, 0.06, 0.33, 0.59, 0.01, 0.0)),
    "junior": ((0.0, 0.003, 0.06, 0.84, 0.097, 0.0), (0.0, 0.005, 0.10, 0.85, 0.045, 0.0),
               (0.0, 0.01, 0.15, 0.82, 0.02, 0.0)),
    "senior": ((0.0, 0.0, 0.01, 0.80, 0.18, 0.01), (0.0, 0.0, 0.02, 0.85, 0.13, 0.0),
               (0.0, 0.0, 0.02, 0.86, 0.12, 0.0)),
    "special": ((0.005, 0.03, 0.25, 0.68, 0.035, 0.0),) * 3,
}
_T = [c.code for c in TITLES]
TITLE_P = ((0.05, 0.01, 0.30, 0.40, 0.23, 0.01), (0.06, 0.02, 0.34, 0.40, 0.18, 0.0),
           (0.08, 0.03, 0.40, 0.37, 0.12, 0.0))
PRIVATE_TITLE_P = (0.25, 0.02, 0.35, 0.28, 0.10, 0.0)

SUBJECT_P: dict[str, dict[str, float]] = {
    "primary": {"chinese": .34, "math": .27, "foreign_language": .10, "morality_law": .05,
                "science": .08, "it": .04, "comprehensive": .04, "labour": .02,
                "mental_health": .02, "other": .04},
    "junior": {"chinese": .16, "math": .16, "foreign_language": .15, "morality_law": .07,
               "physics": .08, "chemistry": .05, "biology": .05, "history": .07,
               "geography": .05, "it": .04, "comprehensive": .02, "labour": .01,
               "mental_health": .02, "other": .03},
    "special": {"special_ed": .60, "chinese": .10, "math": .10, "labour": .05,
                "mental_health": .05, "other": .10},
}
SUBJECT_P["senior"] = SUBJECT_P["junior"]
PE_ART_SPLIT = (0.40, 0.30, 0.30)  # pe, music, art, beyond one post of each
PE_ART_SHARE = {"primary": (0.23, 0.23, 0.22), "junior": (0.19, 0.19, 0.18),
                "senior": (0.12, 0.12, 0.12), "special": (0.12, 0.12, 0.12)}
PE_ART_SPREAD = 0.15  # lognormal spread of a section's PE/art share around its centre
PE_ART_FULL_TIME = 0.95  # some PE/art teachers also teach other subjects

KEY_SHARE = (0.32, 0.30, 0.28)  # share of county-or-higher key teachers, urban, town, rural
KEY_SPREAD = 0.3  # logit-scale spread across school sections
PRIVATE_KEY_FACTOR = 0.5
SCHOOL_LEVEL_KEY_SHARE = 0.04  # recognised only by their school: not county key teachers
TIERS = ("key", "leader", "famous", "special_grade")
TIER_P = (0.75, 0.15, 0.07, 0.03)
LEVELS = ("county", "city", "province", "national")
LEVEL_P_BY_TIER = {
    "key": (0.78, 0.20, 0.02, 0.0), "leader": (0.60, 0.30, 0.10, 0.0),
    "famous": (0.0, 0.60, 0.40, 0.0), "special_grade": (0.0, 0.0, 0.90, 0.10),
}
CERTIFICATE_P = (0.997, 0.97)  # public, private
YEARS_AT_SCHOOL_MEAN = 7.5
MAX_YEARS_AT_SCHOOL = 40
ROTATION_ELIGIBLE_YEARS = 6  # rotation policies target teachers this long at one school
ROTATION_RATE = (0.10, 0.125)
ROTATION_KEY_WEIGHT = 1.3  # districts send key teachers slightly more often
TRAINING_5Y = (470.0, 50.0)  # mean, sd: a few teachers fall short of the usual 360 hours
TRAINING_YEAR = (95.0, 25.0)


@dataclass
class SectionStaff:
    """One row per (school, section) with pupils: the teacher headcount drawn for it."""

    school: np.ndarray
    section: np.ndarray
    teachers: np.ndarray


def _section_staff(draft: SchoolDraft, classes: np.ndarray,
                   rng: np.random.Generator) -> SectionStaff:
    schools, sections, counts = [], [], []
    loc = np.array([LOCATIONS.index(v) for v in draft.location])
    point = draft.types == "teaching_point"
    for section in TEACHER_SECTIONS:
        pupils = draft.section_pupils(section)
        if section == "special":
            n_classes = np.where(draft.types == "special", classes.sum(axis=1), 0)
        else:
            n_classes = classes[:, np.array(SECTION_GRADES[section]) - 1].sum(axis=1)
        rows = np.flatnonzero(pupils > 0)
        medians, sigma = PUPILS_PER_TEACHER[section]
        ratio = (np.array(medians)[loc[rows]] * np.exp(sigma * rng.standard_normal(len(rows)))
                 * np.where(draft.private[rows], PRIVATE_PUPILS_PER_TEACHER, 1.0))
        per_class = np.where(point[rows], TEACHING_POINT_TEACHERS_PER_CLASS,
                             TEACHERS_PER_CLASS_FLOOR[section])
        n = np.maximum(np.rint(pupils[rows] / ratio), np.ceil(n_classes[rows] * per_class))
        schools.append(rows)
        sections.append(np.full(len(rows), section, dtype=object))
        counts.append(np.maximum(n, 1).astype(np.int64))
    return SectionStaff(np.concatenate(schools), np.concatenate(sections),
                        np.concatenate(counts))


def _codes(table: list[str], idx: np.ndarray) -> np.ndarray:
    return np.array(table, dtype=object)[idx]


def _random_rank(rng: np.random.Generator, group: np.ndarray) -> np.ndarray:
    """Each row's rank (0, 1, …) within its group, in random order."""
    order = np.lexsort((rng.random(len(group)), group))
    sorted_groups = group[order]
    rank = np.empty(len(group), dtype=np.int64)
    rank[order] = np.arange(len(group)) - np.searchsorted(sorted_groups, sorted_groups)
    return rank


def _quota(rng: np.random.Generator, headcount: np.ndarray, share: np.ndarray) -> np.ndarray:
    """How many of each group's teachers hold a role, given the group's share: schools
    staff to a plan, so the count is the share of the headcount, rounded either way."""
    expected = headcount * share
    return (np.floor(expected) + (rng.random(len(expected)) < expected % 1)).astype(np.int64)


def _key_teachers(rng: np.random.Generator, is_key: np.ndarray,
                  ) -> tuple[np.ndarray, np.ndarray]:
    n = len(is_key)
    tier = np.full(n, "none", dtype=object)
    level = np.full(n, None, dtype=object)
    tier_idx = rng.choice(len(TIERS), size=n, p=TIER_P)
    for i, name in enumerate(TIERS):
        rows = np.flatnonzero(is_key & (tier_idx == i))
        tier[rows] = name
        level[rows] = _codes(list(LEVELS), rng.choice(len(LEVELS), size=len(rows),
                                                      p=LEVEL_P_BY_TIER[name]))
    school_level = ~is_key & (rng.random(n) < SCHOOL_LEVEL_KEY_SHARE)
    tier[school_level] = "key"
    level[school_level] = "school"
    return tier, level


def _subjects(rng: np.random.Generator, section: np.ndarray, pe_art_rank: np.ndarray,
              ) -> tuple[np.ndarray, np.ndarray]:
    """Subjects by section; ``pe_art_rank`` >= 0 marks a school's PE/art posts in the order
    they are filled: a PE teacher first, then music, then art, then any of the three."""
    n = len(section)
    subject = np.empty(n, dtype=object)
    for name, shares in SUBJECT_P.items():
        rows = np.flatnonzero(section == name)
        p = np.array(list(shares.values()))
        subject[rows] = _codes(list(shares), rng.choice(len(p), size=len(rows), p=p / p.sum()))
    pe_art = pe_art_rank >= 0
    drawn = rng.choice(len(PE_ART_SUBJECTS), size=n, p=PE_ART_SPLIT)
    first_posts = np.clip(pe_art_rank, 0, len(PE_ART_SUBJECTS) - 1)
    choice = np.where(pe_art_rank < len(PE_ART_SUBJECTS), first_posts, drawn)
    subject[pe_art] = _codes(list(PE_ART_SUBJECTS), choice[pe_art])
    specialist = pe_art & (rng.random(n) < PE_ART_FULL_TIME)
    return subject, specialist


def _rotation(rng: np.random.Generator, school: np.ndarray, years: np.ndarray,
              tier: np.ndarray, n_schools: int) -> np.ndarray:
    """Mark a share of long-serving teachers as rotated in from another school.

    Rotated teachers keep the years that made them eligible, so the share rotated is the
    same whether it is read against all eligible teachers or against the whole roster.
    Returns the index of the school each teacher rotated from, -1 for those who did not.
    """
    rotated_from = np.full(len(school), -1, dtype=np.int64)
    eligible = np.flatnonzero(years >= ROTATION_ELIGIBLE_YEARS)
    if n_schools < 2 or len(eligible) == 0:
        return rotated_from
    k = int(np.ceil(rng.uniform(*ROTATION_RATE) * len(eligible)))
    weights = np.where(tier[eligible] != "none", ROTATION_KEY_WEIGHT, 1.0)
    chosen = rng.choice(eligible, size=k, replace=False, p=weights / weights.sum())
    rotated_from[chosen] = other_index(rng, school[chosen], n_schools)
    return rotated_from


def _posts(rng: np.random.Generator, draft: SchoolDraft, staff: SectionStaff,
           staff_loc: np.ndarray, staff_sec: np.ndarray,
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Key and PE/art posts: a share of each school section's headcount, filled by its
    teachers in random order. Returns key tier, key level and the PE/art rank (-1: none)."""
    group = np.repeat(np.arange(len(staff.school)), staff.teachers)
    rank = _random_rank(rng, group)
    key_centre = np.array(KEY_SHARE)[staff_loc] * np.where(draft.private[staff.school],
                                                           PRIVATE_KEY_FACTOR, 1.0)
    key_share = logit_normal(rng, key_centre, KEY_SPREAD, len(staff.school))
    key_count = _quota(rng, staff.teachers, key_share)
    tier, level = _key_teachers(rng, rank < key_count[group])
    pe_art_centre = np.array([PE_ART_SHARE[s] for s in TEACHER_SECTIONS])[staff_sec, staff_loc]
    pe_art_share = pe_art_centre * np.exp(PE_ART_SPREAD * rng.standard_normal(len(staff_loc)))
    pe_art_count = _quota(rng, staff.teachers, np.clip(pe_art_share, 0, 0.6))
    pe_art_rank = rank - (staff.teachers[group] - pe_art_count[group])
    return tier, level, np.maximum(pe_art_rank, -1)


def draft_teachers(ctx: DistrictContext, draft: SchoolDraft, classes: np.ndarray,
                   rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    """The teachers table and the headcount per school."""
    staff = _section_staff(draft, classes, rng)
    staff_loc = np.array([LOCATIONS.index(v) for v in draft.location])[staff.school]
    staff_sec = np.array([TEACHER_SECTIONS.index(s) for s in staff.section], dtype=np.int64)
    school = np.repeat(staff.school, staff.teachers)
    section = np.repeat(staff.section, staff.teachers)
    loc = np.repeat(staff_loc, staff.teachers)
    sec_idx = np.repeat(staff_sec, staff.teachers)
    private = draft.private[school]
    n = len(school)

    q_table = np.array([QUALIFICATION_P[s] for s in TEACHER_SECTIONS])
    qualification = _codes(_Q, pick(rng, q_table[sec_idx, loc]))
    title_p = np.where(private[:, None], np.array(PRIVATE_TITLE_P)[None, :],
                       np.array(TITLE_P)[loc])
    title = _codes(_T, pick(rng, title_p))
    tier, level, pe_art_rank = _posts(rng, draft, staff, staff_loc, staff_sec)
    subject, specialist = _subjects(rng, section, pe_art_rank)

    certificate = rng.random(n) < np.where(private, CERTIFICATE_P[1], CERTIFICATE_P[0])
    years = np.minimum(np.floor(rng.exponential(YEARS_AT_SCHOOL_MEAN, size=n)), MAX_YEARS_AT_SCHOOL)
    rotated_from = _rotation(rng, school, years, tier, len(draft))
    rotated = rotated_from >= 0
    from_code = np.full(n, None, dtype=object)
    from_code[rotated] = draft.codes[rotated_from[rotated]]
    hours_5y = np.clip(np.rint(rng.normal(*TRAINING_5Y, size=n)), 60, 1500)
    hours_year = np.clip(np.rint(rng.normal(*TRAINING_YEAR, size=n)), 0, 400)

    ids = np.array([f"T{ctx.identity.code}{i:07d}" for i in range(1, n + 1)], dtype=object)
    columns = {
        "teacher_id": ids, "school_code": draft.codes[school], "section": section,
        "subject": subject, "qualification": qualification, "title": title,
        "key_teacher_tier": tier, "key_teacher_level": level,
        "pe_art_specialist": specialist, "has_certificate": certificate,
        "years_at_school": years.astype(np.int64), "rotated_this_year": rotated,
        "rotated_from_school_code": from_code, "training_hours_year": hours_year,
        "training_hours_5y": hours_5y,
    }
    per_school = np.bincount(school, minlength=len(draft))
    return to_frame("teachers", columns, n), per_school
