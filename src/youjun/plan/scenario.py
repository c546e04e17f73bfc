"""What-if scenarios: a YAML list of changes applied to a district's tables.

    name: 方案A：新建教学楼并合并村小
    changes:
      - move_teachers: {teachers: [T001, T002], to: "5001180001"}      # rotated: true by default
      - build: {school: "5001180001", teaching_area_m2: 1200, sports_area_m2: 800,
                gym_area_m2: 0, equipment_yuan: 500000, multimedia_classrooms: 6,
                music_rooms: 1, art_rooms: 1}
      - enrolment: {school: "5001180001", grade: 1, students: 120}     # or factor: 1.1; grade and
                                                                        # classes (how many) optional
      - close: {school: "5001180077", merge_into: "5001180001"}         # pupils, classes, teachers move
      - rotation_plan: rotation/plan.json                               # the moves of a saved plan

Every change names what it touches; the changed tables are validated again like an import,
so a scenario that makes the data inconsistent is refused with the import's messages.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from youjun.core.params import AssessmentParams
from youjun.core.schema import GRADES, TYPE_GRADES, TYPE_SECTIONS, grade_column
from youjun.plan.rotation_apply import apply_moves
from youjun.plan.rotation_pool import reset_rotations

Change = Mapping[str, Any]


class ScenarioError(ValueError):
    """A change that cannot be applied (unknown school, teacher, grade the school lacks...)."""


def load_scenario(path: str | Path) -> dict[str, Any]:
    from youjun.plan.userfiles import read_user_yaml

    data = read_user_yaml(path, "scenario") or {}
    if not isinstance(data, dict) or not isinstance(data.get("changes"), list):
        raise ScenarioError(f"{path}: 情景文件需要 changes 列表 / a scenario needs a 'changes:' list")
    data.setdefault("name", Path(path).stem)
    for change in data["changes"]:
        if isinstance(change, dict) and "rotation_plan" in change and not isinstance(change["rotation_plan"], Mapping):
            change["rotation_plan"] = str(_find_beside(Path(path), str(change["rotation_plan"])))
    return data


def _find_beside(scenario: Path, name: str) -> Path:
    """A file a scenario names: beside the scenario first (as it was written), then from the
    current folder (as a person typing a path expects); E863 names both places if neither."""
    from youjun.plan.userfiles import missing

    given = Path(name)
    for candidate in ((scenario.parent / given), given):
        if candidate.is_file():
            return candidate.resolve()
        if candidate.is_dir() and (candidate / "plan.json").is_file():
            return (candidate / "plan.json").resolve()
    raise missing(name, "rotation_plan", [scenario.parent.absolute(), Path.cwd()])


Applied = dict[str, str]  # what one change did, {"zh": ..., "en": ...}: a page shows one language


def apply_scenario(tables: dict[str, pd.DataFrame], scenario: Mapping[str, Any],
                   params: AssessmentParams) -> tuple[dict[str, pd.DataFrame], list[Applied]]:
    """(changed tables, one line per change saying what was done, in each language)."""
    out = {k: v.copy() for k, v in tables.items()}
    log: list[Applied] = []
    for i, change in enumerate(scenario.get("changes", []), 1):
        if not isinstance(change, Mapping) or len(change) != 1:
            raise ScenarioError(f"第 {i} 项改动：每个列表项只写一种改动，例如“- build: {{...}}” / change {i}: write "
                                f"one change per list item, e.g. '- build: {{...}}'")
        kind, spec = next(iter(change.items()))
        handler = HANDLERS.get(kind)
        if handler is None:
            raise ScenarioError(f"第 {i} 项改动：没有“{kind}”这种改动，可用：{'、'.join(HANDLERS)} / change {i}: "
                                f"unknown change '{kind}'; known: {', '.join(HANDLERS)}")
        zh, en = handler(out, spec, params)
        log.append({"zh": f"{i}. {zh}", "en": f"{i}. {en}"})
    return out, log


def _school(tables: dict[str, pd.DataFrame], code: Any) -> pd.Series:
    schools = tables["schools"]
    row = schools[schools["school_code"].astype(str) == str(code)]
    if row.empty:
        raise ScenarioError(f"school {code} is not in the data / 数据中没有学校 {code}")
    return row.iloc[0]


def _move_teachers(tables: dict[str, pd.DataFrame], spec: Mapping[str, Any],
                   params: AssessmentParams) -> tuple[str, str]:
    dest = _school(tables, spec["to"])
    ids = [str(t) for t in spec.get("teachers", [])]
    teachers = tables["teachers"]
    roster = teachers.set_index(teachers["teacher_id"].astype(str))
    unknown = [t for t in ids if t not in roster.index]
    if unknown:
        shown = "、".join(unknown[:5]) + ("……" if len(unknown) > 5 else "")
        raise ScenarioError(f"数据中没有这些教师：{shown} / teachers not in the data: {shown}")
    sections = TYPE_SECTIONS[str(dest["school_type"])]
    wrong = [t for t in ids if roster.at[t, "section"] not in sections]
    if wrong:
        shown = "、".join(wrong[:5]) + ("……" if len(wrong) > 5 else "")
        raise ScenarioError(f"{dest['school_name']}没有这些教师任教的学段：{shown} / {dest['school_name']} has no "
                            f"section for teachers {shown}")
    moves = pd.DataFrame({"teacher_id": ids, "to_school": str(dest["school_code"])})
    tables["teachers"] = apply_moves(teachers, moves, rotated=bool(spec.get("rotated", True)))
    n, name = len(ids), dest["school_name"]
    return f"调动教师 {n} 人至{name}", f"{n} {'teacher' if n == 1 else 'teachers'} moved to {name}"


def _move_plan(tables: dict[str, pd.DataFrame], spec: Any, params: AssessmentParams) -> tuple[str, str]:
    """The moves of a saved rotation plan: a path to its plan.json, or the plan itself (a mapping,
    as the web platform passes a stored plan: no file path comes from a user there)."""
    if isinstance(spec, Mapping):
        plan, name = spec, str(spec.get("name") or "")
    else:
        plan, name = json.loads(Path(str(spec)).read_text(encoding="utf-8")), str(spec)
    if not isinstance(plan.get("moves"), list):
        raise ScenarioError(f"rotation plan {name}: no 'moves' list / 交流轮岗方案缺少 moves 列表")
    moves = pd.DataFrame(plan.get("moves", []), columns=["teacher_id", "to_school"])
    if plan.get("options", {}).get("existing_rotations") == "reset":
        tables["teachers"] = reset_rotations(tables["teachers"])
    tables["teachers"] = apply_moves(tables["teachers"], moves)
    n, named = len(moves), f" {name}" if name else ""
    return f"交流轮岗方案{named}：调动 {n} 人", f"rotation plan{named}: {n} {'move' if n == 1 else 'moves'}"


BUILD_COLUMNS = {"teaching_area_m2": ("teaching_aux_area_m2", "building_area_m2"),
                 "sports_area_m2": ("outdoor_sports_area_m2",), "gym_area_m2": ("gym_area_m2", "building_area_m2"),
                 "multimedia_classrooms": ("multimedia_classrooms",), "computers": ("computers",),
                 "books": ("books",)}


# What a build item adds, as a line says it: (zh, en, unit zh, unit en).
BUILD_WORDS = {"teaching_area_m2": ("教学及辅助用房", "teaching and auxiliary rooms", "平方米", "m²"),
               "sports_area_m2": ("体育运动场地", "sports grounds", "平方米", "m²"),
               "gym_area_m2": ("体育馆", "gymnasium", "平方米", "m²"),
               "equipment_yuan": ("教学仪器设备", "teaching equipment", "元", "yuan"),
               "multimedia_classrooms": ("网络多媒体教室", "multimedia classrooms", "间", ""),
               "computers": ("计算机", "computers", "台", ""), "books": ("图书", "books", "册", ""),
               "music_rooms": ("音乐专用教室", "music rooms", "间", ""),
               "art_rooms": ("美术专用教室", "art rooms", "间", "")}


def _build(tables: dict[str, pd.DataFrame], spec: Mapping[str, Any], params: AssessmentParams) -> tuple[str, str]:
    school = _school(tables, spec["school"])
    fac = tables["facilities"].copy()
    rows = fac.index[fac["school_code"].astype(str) == str(school["school_code"])]
    done = []
    for key, value in spec.items():
        if key == "school":
            continue
        if key == "equipment_yuan":
            fac.loc[rows, "equipment_value_10k_yuan"] += float(value) / params.equipment_unit_yuan
        elif key in BUILD_COLUMNS:
            for column in BUILD_COLUMNS[key]:
                fac.loc[rows, column] += int(value) if column in ("multimedia_classrooms", "computers", "books") \
                    else float(value)
        elif key in ("music_rooms", "art_rooms"):
            kind = key.removesuffix("_rooms")
            area = float(spec.get(f"{kind}_room_m2", params.items.get("g3", {}).get(f"{kind}_room_min_m2", 100)))
            new = pd.DataFrame([{"school_code": str(school["school_code"]), "room_type": kind,
                                 "room_no": f"情景{kind}-{k + 1}", "area_m2": area} for k in range(int(value))])
            tables["rooms"] = pd.concat([tables["rooms"], new], ignore_index=True)
        elif key.endswith("_room_m2"):
            continue
        else:
            known = [*BUILD_COLUMNS, "equipment_yuan", "music_rooms", "art_rooms"]
            raise ScenarioError(f"build：没有“{key}”这一项，可用：{'、'.join(known)} / build: unknown item "
                                f"'{key}'; known: {', '.join(known)}")
        zh, en, unit_zh, unit_en = BUILD_WORDS[key]
        done.append((f"{zh} {value}{unit_zh}", f"{en} {value}{' ' + unit_en if unit_en else ''}"))
    tables["facilities"] = fac
    name = school["school_name"]
    return (f"{name}建设：{'、'.join(zh for zh, _ in done)}",
            f"build at {name}: {', '.join(en for _, en in done)}")


def _enrolment(tables: dict[str, pd.DataFrame], spec: Mapping[str, Any],
               params: AssessmentParams) -> tuple[str, str]:
    school = _school(tables, spec["school"])
    code = str(school["school_code"])
    grades = [int(spec["grade"])] if "grade" in spec else [g for g in TYPE_GRADES[str(school["school_type"])]]
    schools = tables["schools"].copy()
    pos = schools.index[schools["school_code"].astype(str) == code][0]
    for g in grades:
        if g not in TYPE_GRADES[str(school["school_type"])]:
            raise ScenarioError(f"{school['school_name']}没有 {g} 年级 / {school['school_name']} has no grade {g}")
        now = int(schools.at[pos, grade_column(g)] or 0)
        new = int(spec["students"]) if "students" in spec else round(now * float(spec.get("factor", 1.0)))
        schools.at[pos, grade_column(g)] = new
        tables["classes"] = _resize_classes(tables["classes"], code, g, new, spec.get("classes"))
    tables["schools"] = schools
    name, listed = school["school_name"], "、".join(map(str, grades))
    if "students" in spec:
        what_zh, what_en = f"学生数调为 {spec['students']} 人", f"set to {spec['students']} pupils"
    else:
        what_zh = what_en = f"×{spec.get('factor', 1.0)}"
    grades_en = f"grade{'s' if len(grades) > 1 else ''} {', '.join(map(str, grades))}"
    return f"调整学生数：{name} {listed}年级 {what_zh}", f"enrolment at {name}, {grades_en}: {what_en}"


MAX_CLASS = 150  # the data contract's largest class (classes.students maximum)


def _resize_classes(classes: pd.DataFrame, code: str, grade: int, total: int, n_classes: int | None = None
                    ) -> pd.DataFrame:
    """Spread a grade's new total over its classes (as many as before unless ``n_classes`` says;
    never more than the data contract's largest class), sizes as even as whole pupils allow."""
    mine = (classes["school_code"].astype(str) == code) & (classes["grade"] == grade)
    rest, part = classes[~mine], classes[mine]
    if total <= 0:
        return rest.reset_index(drop=True)
    n = max(int(n_classes or len(part) or 1), math.ceil(total / MAX_CLASS))
    names = part["class_name"].astype(str).tolist()
    names += [f"情景{k + 1}班" for k in range(n - len(names))]
    base, extra = divmod(total, n)
    new = pd.DataFrame({"school_code": code, "grade": grade, "class_name": names[:n],
                        "students": [base + (1 if k < extra else 0) for k in range(n)]})
    return pd.concat([rest, new.astype({c: classes[c].dtype for c in new.columns if c in classes})],
                     ignore_index=True)


def _close(tables: dict[str, pd.DataFrame], spec: Mapping[str, Any], params: AssessmentParams) -> tuple[str, str]:
    gone, into = _school(tables, spec["school"]), _school(tables, spec["merge_into"])
    g_code, i_code = str(gone["school_code"]), str(into["school_code"])
    offered = TYPE_GRADES[str(into["school_type"])]
    lacking = [g for g in GRADES if int(gone[grade_column(g)] or 0) > 0 and g not in offered]
    if lacking:
        grades = "、".join(str(g) for g in lacking)
        raise ScenarioError(f"{into['school_name']}没有{gone['school_name']}的 {grades} 年级，无法接收 / "
                            f"{into['school_name']} cannot take grades {grades} of {gone['school_name']}")
    schools = tables["schools"].copy()
    pos = schools.index[schools["school_code"].astype(str) == i_code][0]
    for g in GRADES:
        schools.at[pos, grade_column(g)] = int(schools.at[pos, grade_column(g)] or 0) + int(gone[grade_column(g)] or 0)
    if "central_school_code" in schools.columns:
        points = schools["central_school_code"].astype("string") == g_code
        schools.loc[points, "central_school_code"] = i_code
    tables["schools"] = schools[schools["school_code"].astype(str) != g_code].reset_index(drop=True)
    classes = tables["classes"].copy()
    moved = classes["school_code"].astype(str) == g_code
    classes.loc[moved, "class_name"] = f"{gone['school_name']}-" + classes.loc[moved, "class_name"].astype(str)
    classes.loc[moved, "school_code"] = i_code
    tables["classes"] = classes
    teachers = tables["teachers"].copy()
    wrong = teachers[(teachers["school_code"].astype(str) == g_code)
                     & ~teachers["section"].isin(TYPE_SECTIONS[str(into["school_type"])])]
    if len(wrong):
        raise ScenarioError(f"{into['school_name']}没有{gone['school_name']} {len(wrong)} 名教师任教的学段 / "
                            f"{into['school_name']} has no section for {len(wrong)} teacher(s) "
                            f"of {gone['school_name']}")
    teachers.loc[teachers["school_code"].astype(str) == g_code, "school_code"] = i_code
    tables["teachers"] = teachers
    keep_campus = bool(spec.get("keep_campus", False))
    for key in ("facilities", "rooms", "school_finance", "evidence"):
        frame = tables.get(key)
        if frame is None or "school_code" not in frame.columns:
            continue
        mine = frame["school_code"].astype("string") == g_code
        if keep_campus and key == "facilities":
            tables[key] = _merge_facilities(frame, g_code, i_code)
        elif keep_campus and key == "rooms":
            frame = frame.copy()
            frame.loc[mine, "room_no"] = f"{gone['school_name']}-" + frame.loc[mine, "room_no"].astype(str)
            frame.loc[mine, "school_code"] = i_code
            tables[key] = frame
        else:
            tables[key] = frame[~mine.fillna(False)].reset_index(drop=True)
    return (f"撤并{gone['school_name']}，学生和教师并入{into['school_name']}",
            f"close {gone['school_name']}, pupils and teachers to {into['school_name']}")


def _merge_facilities(frame: pd.DataFrame, gone: str, into: str) -> pd.DataFrame:
    numbers = [c for c in frame.columns if c != "school_code"]
    g = frame[frame["school_code"].astype(str) == gone][numbers].sum()
    out = frame[frame["school_code"].astype(str) != gone].reset_index(drop=True)
    pos = out.index[out["school_code"].astype(str) == into][0]
    for c in numbers:
        out.at[pos, c] = out.at[pos, c] + g[c]
    return out


HANDLERS: dict[str, Callable[[dict[str, pd.DataFrame], Any, AssessmentParams], tuple[str, str]]] = {
    "move_teachers": _move_teachers, "rotation_plan": _move_plan, "build": _build, "enrolment": _enrolment,
    "close": _close,
}
