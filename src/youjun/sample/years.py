"""Other school years of a generated district: the same district, a year earlier or later.

A district is drawn once, for the reference school year (``DEFAULT_SCHOOL_YEAR``); every other
year is derived from it one year at a time, so two years of one (scenario, seed, index) hold
the same schools under the same codes, names, towns and types, and mostly the same teachers.
What changes is what changes in a year:

- pupils follow their cohorts: a school's grade 3 of one year is its grade 4 of the next, give
  or take a few moves; a section's entry grade follows the births six years before;
- classes keep their usual size, so their number follows the pupils;
- teachers who joined this year (0 years at the school) were not there the year before, and
  most of them replaced a teacher in the same post who left; a few posts were added or cut;
  everyone else has a year less at the school; this year's rotation is drawn again;
- equipment, computers and books grow a few per cent a year; a few schools opened a new
  teaching building, a multimedia classroom or a music or art room;
- funds follow the pupils and grow a little (small village schools stay funded at the floor);
- the district's rates keep their levels, counted on the year's pupils; attestations are dated
  in their own year.

Each step is seeded by (seed, scenario, index, year), so every year is reproducible on its own.
The reference year itself is never touched (its output stays byte-identical).
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from youjun.core.schema import GRADES, SECTION_GRADES, grade_column

from .classes import class_rows
from .context import births
from .facilities import ROOM_AREA, room_no
from .finance import SMALL_SCHOOL_ROLL, village_school
from .frames import to_frame
from .teachers import MAX_YEARS_AT_SCHOOL, TRAINING_YEAR, YEARS_AT_SCHOOL_MEAN, _rotation

GRADE_COLUMNS = [grade_column(g) for g in GRADES]
SECTION_OF_GRADE = {g: s for s, grades in SECTION_GRADES.items() for g in grades}
MOVE_NOISE = 0.03  # pupils moving in or out of a cohort in a year (lognormal spread)
REPLACED_SHARE = 0.9  # of teachers who joined: in a post someone left (the rest: a new post)
CUT_POSTS_SHARE = 0.1  # of school sections: one post more the year before (cut since)
EQUIPMENT_GROWTH = (1.0, 1.06)
STOCK_GROWTH = (1.0, 1.05)  # computers, books
FUNDS_GROWTH = (1.0, 1.03)
PAY_GROWTH = (1.02, 1.05)
NEW_BUILDING_SHARE = 0.03  # schools that opened a teaching building in a year
NEW_BUILDING_GAIN = (1.08, 1.25)
NEW_MULTIMEDIA_SHARE = 0.05
NEW_ROOM_SHARE = 0.03


def derive_year(tables: dict[str, pd.DataFrame], start_year: int, target_year: int,
                seed_key: tuple[int, ...]) -> dict[str, pd.DataFrame]:
    """``tables`` (of school year ``start_year``-…) moved to ``target_year``, a year at a time."""
    out = tables
    year = start_year
    while year != target_year:
        step = -1 if target_year < year else 1
        rng = np.random.default_rng(np.random.SeedSequence([*seed_key, 1, year + step]))
        out = _step(out, year, step, rng)
        year += step
    return out


def _step(t: dict[str, pd.DataFrame], year: int, step: int,
          rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    new_year = year + step
    schools = t["schools"].copy()
    old_pupils = schools[GRADE_COLUMNS].to_numpy(dtype=np.int64)
    pupils = _cohorts(old_pupils, year, step, rng)
    for i, col in enumerate(GRADE_COLUMNS):
        schools[col] = pd.array(pupils[:, i], dtype="Int64")
    codes = schools["school_code"].to_numpy(dtype=object)
    out = dict(t)
    out["districts"] = _districts(t["districts"], new_year)
    out["schools"] = schools
    out["classes"] = _classes(t["classes"], codes, old_pupils, pupils)
    out["teachers"] = _teachers(t["teachers"], codes, step, rng)
    out["facilities"] = _facilities(t["facilities"], step, rng)
    out["rooms"] = _rooms(t["rooms"], codes, step, rng)
    ratio = _funded(schools, pupils) / _funded(schools, old_pupils)
    out["school_finance"] = _school_finance(t["school_finance"], schools, ratio, step, rng)
    compulsory = _compulsory(pupils) / max(_compulsory(old_pupils), 1)
    out["district_finance"] = _district_finance(t["district_finance"], compulsory, step, rng)
    out["district_rates"] = _rates(t["district_rates"], compulsory, new_year)
    out["evidence"] = _evidence(t["evidence"], new_year)
    return {k: out[k] for k in t}


def _cohorts(old: np.ndarray, year: int, step: int, rng: np.random.Generator) -> np.ndarray:
    """Pupils per grade in ``year + step``: each cohort from the neighbouring grade of the same
    section; an entry (or leaving) grade scaled by the births of its new cohort."""
    new = np.zeros_like(old)
    noise = np.exp(MOVE_NOISE * rng.standard_normal(old.shape))
    for g in GRADES:
        i = g - 1
        src = g + 1 if step < 0 else g - 1  # earlier: grade g became grade g+1 a year later
        same = src in SECTION_OF_GRADE and SECTION_OF_GRADE[src] == SECTION_OF_GRADE[g]
        scaled = old[:, i] * (births(year + step - 5 - g) / births(year - 5 - g))
        if same:
            j = src - 1
            value = np.where(old[:, j] > 0, old[:, j], scaled)
        else:
            value = scaled
        new[:, i] = np.where(old[:, i] > 0, np.clip(np.rint(value * noise[:, i]), 1, 5000), 0)
    return new


def _districts(d: pd.DataFrame, new_year: int) -> pd.DataFrame:
    d = d.copy()
    d["school_year"] = f"{new_year}-{new_year + 1}"
    d["statistical_date"] = [date(new_year, 9, 1)] * len(d)
    return d


def _classes(c: pd.DataFrame, codes: np.ndarray, old: np.ndarray, new: np.ndarray) -> pd.DataFrame:
    """Classes of the usual size of each (school, grade): their number follows the pupils."""
    pos = {code: i for i, code in enumerate(codes)}
    counts = np.zeros_like(old)
    per = c.groupby(["school_code", "grade"]).size()
    for (code, grade), n in per.items():
        counts[pos[code], int(grade) - 1] = n
    size = np.where(counts > 0, old / np.maximum(counts, 1), 1.0)
    planned = np.where(new > 0, np.maximum(1, np.rint(new / size)), 0).astype(np.int64)
    return class_rows(codes, new, planned)


def _new_ids(ids: pd.Series, k: int) -> list[str]:
    prefix = str(ids.iloc[0])[:7]
    start = int(ids.str[7:].astype(int).max()) + 1
    return [f"{prefix}{i:07d}" for i in range(start, start + k)]


def _clones(rows: pd.DataFrame, ids: list[str], years: np.ndarray) -> pd.DataFrame:
    out = rows.copy()
    out["teacher_id"] = ids
    out["years_at_school"] = pd.array(years, dtype="Int64")
    return out


def _emptied(post: pd.Series, going: np.ndarray) -> np.ndarray:
    """The teachers going from a post (school section) that would otherwise have none left:
    a school section always keeps its staff."""
    left = pd.Series(~going).groupby(post.to_numpy()).transform("sum").to_numpy()
    return going & (left == 0)


def _teachers(tr: pd.DataFrame, codes: np.ndarray, step: int, rng: np.random.Generator) -> pd.DataFrame:
    tr = tr.reset_index(drop=True)
    years = tr["years_at_school"].to_numpy(dtype=np.int64)
    post = tr["school_code"].astype(str) + "/" + tr["section"].astype(str)
    if step < 0:  # the year before: this year's joiners were not there; whom they replaced was
        joined = years == 0
        stay = tr[~joined].copy()
        stay["years_at_school"] = stay["years_at_school"] - 1
        replaced = tr[joined & (rng.random(len(tr)) < REPLACED_SHARE) | _emptied(post, joined)]
        sections = post.drop_duplicates()
        cut = tr.loc[sections.index[rng.random(len(sections)) < CUT_POSTS_SHARE]]
        gone = pd.concat([replaced, cut])
        gone_years = np.minimum(np.floor(rng.exponential(YEARS_AT_SCHOOL_MEAN, len(gone))),
                                MAX_YEARS_AT_SCHOOL).astype(np.int64)
    else:  # the year after: some leave, most of their posts are filled, a few posts are new
        leaving = rng.random(len(tr)) < (1 - np.exp(-1 / YEARS_AT_SCHOOL_MEAN))
        stay = tr[~leaving].copy()
        stay["years_at_school"] = np.minimum(stay["years_at_school"] + 1, MAX_YEARS_AT_SCHOOL)
        replaced = tr[leaving & (rng.random(len(tr)) < REPLACED_SHARE) | _emptied(post, leaving)]
        sections = post.drop_duplicates()
        added = tr.loc[sections.index[rng.random(len(sections)) < CUT_POSTS_SHARE]]
        gone = pd.concat([replaced, added])
        gone_years = np.zeros(len(gone), dtype=np.int64)
    others = _clones(gone, _new_ids(tr["teacher_id"], len(gone)), gone_years)
    out = pd.concat([stay, others], ignore_index=True)
    out = out.sort_values(["school_code", "teacher_id"], ignore_index=True)
    # this year's rotation, drawn again on the year's roster
    pos = {code: i for i, code in enumerate(codes)}
    school = out["school_code"].map(pos).to_numpy(dtype=np.int64)
    rotated_from = _rotation(rng, school, out["years_at_school"].to_numpy(dtype=np.int64),
                             out["key_teacher_tier"].to_numpy(dtype=object), len(codes))
    rotated = rotated_from >= 0
    from_code = np.full(len(out), None, dtype=object)
    from_code[rotated] = codes[rotated_from[rotated]]
    out["rotated_this_year"] = pd.array(rotated, dtype="boolean")
    out["rotated_from_school_code"] = from_code
    hours = np.clip(np.rint(rng.normal(*TRAINING_YEAR, size=len(out))), 0, 400)
    out["training_hours_year"] = hours.astype(float)
    return to_frame("teachers", {k: out[k].to_numpy(dtype=object) for k in out.columns}, len(out))


def _grow(rng: np.random.Generator, bounds: tuple[float, float], n: int, step: int) -> np.ndarray:
    """A year's growth factor per row, applied forwards (step +1) or undone (step -1)."""
    return rng.uniform(*bounds, size=n) ** step


def _facilities(f: pd.DataFrame, step: int, rng: np.random.Generator) -> pd.DataFrame:
    f = f.copy()
    n = len(f)
    f["equipment_value_10k_yuan"] = np.round(f["equipment_value_10k_yuan"] * _grow(rng, EQUIPMENT_GROWTH, n, step), 2)
    for col in ("computers", "books"):
        f[col] = pd.array(np.rint(f[col].to_numpy(dtype=float) * _grow(rng, STOCK_GROWTH, n, step)).astype(np.int64),
                          dtype="Int64")
    rooms = f["multimedia_classrooms"].to_numpy(dtype=np.int64)
    f["multimedia_classrooms"] = pd.array(np.maximum(1, rooms + step * (rng.random(n) < NEW_MULTIMEDIA_SHARE)),
                                          dtype="Int64")
    built = rng.random(n) < NEW_BUILDING_SHARE
    teaching = f["teaching_aux_area_m2"].to_numpy(dtype=float)
    changed = np.round(np.where(built, teaching * rng.uniform(*NEW_BUILDING_GAIN, size=n) ** step, teaching), 1)
    f["building_area_m2"] = np.round(f["building_area_m2"] + (changed - teaching), 1)
    f["teaching_aux_area_m2"] = changed
    return f


def _rooms(r: pd.DataFrame, codes: np.ndarray, step: int, rng: np.random.Generator) -> pd.DataFrame:
    """A few schools opened a music or art room in a year (so had one fewer the year before)."""
    chosen = codes[rng.random(len(codes)) < NEW_ROOM_SHARE]
    kinds = np.array(list(ROOM_AREA), dtype=object)[rng.integers(0, len(ROOM_AREA), size=len(chosen))]
    r = r.copy()
    if step < 0:
        drop = []
        for code, kind in zip(chosen, kinds, strict=True):
            mine = r[(r["school_code"] == code) & (r["room_type"] == kind)]
            if len(mine):
                drop.append(mine["room_no"].idxmax())
        r = r.drop(index=drop)
    else:
        added = []
        for code, kind in zip(chosen, kinds, strict=True):
            n = int(((r["school_code"] == code) & (r["room_type"] == kind)).sum())
            usual = ROOM_AREA[str(kind)][0]
            added.append({"school_code": code, "room_type": kind, "room_no": room_no(str(kind), n),
                          "area_m2": round(max(float(rng.normal(*usual)), 20.0), 1)})
        if added:
            r = pd.concat([r, pd.DataFrame(added)], ignore_index=True)
    r = r.sort_values(["school_code", "room_type", "room_no"], ignore_index=True)
    return to_frame("rooms", {k: r[k].to_numpy(dtype=object) for k in r.columns}, len(r))


def _small_village(schools: pd.DataFrame) -> np.ndarray:
    return village_school(schools["location"].to_numpy(dtype=object), schools["school_type"].to_numpy(dtype=object))


def _funded(schools: pd.DataFrame, pupils: np.ndarray) -> np.ndarray:
    """Pupils a school is funded for: small village schools at least the floor's roll."""
    total = pupils.sum(axis=1).astype(float)
    return np.where(_small_village(schools), np.maximum(total, SMALL_SCHOOL_ROLL), total)


def _school_finance(fin: pd.DataFrame, schools: pd.DataFrame, ratio: np.ndarray, step: int,
                    rng: np.random.Generator) -> pd.DataFrame:
    fin = fin.copy()
    grow = np.where(_small_village(schools), 1.0, _grow(rng, FUNDS_GROWTH, len(fin), step))
    factor = ratio * grow
    budget = np.round(fin["public_funds_budget_yuan"].to_numpy(dtype=float) * factor, -2)
    fin["public_funds_budget_yuan"] = budget
    fin["public_funds_allocated_yuan"] = np.round(fin["public_funds_allocated_yuan"] * factor, -2)
    training = np.floor(fin["teacher_training_spend_yuan"].to_numpy(dtype=float) * factor / 100) * 100
    fin["teacher_training_spend_yuan"] = np.minimum(training, budget)
    return fin


def _compulsory(pupils: np.ndarray) -> float:
    return float(pupils[:, :9].sum())


def _district_finance(df: pd.DataFrame, compulsory: float, step: int, rng: np.random.Generator) -> pd.DataFrame:
    df = df.copy()
    students = df["special_ed_students"].to_numpy(dtype=float)
    new_students = np.maximum(1, np.rint(students * compulsory))
    per = df["special_ed_public_funds_yuan"].to_numpy(dtype=float) / np.maximum(students, 1)
    df["special_ed_students"] = pd.array(new_students.astype(np.int64), dtype="Int64")
    df["special_ed_public_funds_yuan"] = np.round(new_students * per, -2)
    pay = _grow(rng, PAY_GROWTH, len(df), step)
    for col in ("avg_teacher_pay_yuan", "civil_servant_avg_pay_yuan"):
        df[col] = np.round(df[col] * pay, -2)
    return df


def _rates(rates: pd.DataFrame, compulsory: float, new_year: int) -> pd.DataFrame:
    """The same levels, counted on the year's pupils."""
    rates = rates.copy()
    counted = rates["numerator"].notna() & rates["denominator"].notna()
    num = np.rint(rates.loc[counted, "numerator"] * compulsory)  # rounding keeps num <= den
    den = np.maximum(np.rint(rates.loc[counted, "denominator"] * compulsory), 1)
    rates.loc[counted, "numerator"] = num
    rates.loc[counted, "denominator"] = den
    rates.loc[counted, "value"] = np.round(rates.loc[counted, "numerator"] / den * 100, 2)
    rates["as_of"] = [date(new_year, 9, 1)] * len(rates)
    return rates


def _evidence(ev: pd.DataFrame, new_year: int) -> pd.DataFrame:
    ev = ev.copy()
    ev["attested_on"] = [d.replace(year=new_year + (d.year - int(str(ref).split("-")[1])))
                         for d, ref in zip(ev["attested_on"], ev["attachment_ref"], strict=True)]
    ev["attachment_ref"] = [f"DD-{new_year}-{str(ref).split('-')[-1]}" for ref in ev["attachment_ref"]]
    return ev
