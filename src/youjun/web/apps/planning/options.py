"""From a plan form's fields to the plain options a plan (and its bundle) records.

Every field is checked before a plan is queued: an option the planner would refuse is a
form problem (E810) naming the field, never a failed background run. The option names and
defaults are those of ``youjun.plan.defaults`` (local planning assumptions, not law).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import yaml

from youjun.core.errors import Location
from youjun.plan.defaults import load_default
from youjun.plan.investment_options import InvestmentOptions
from youjun.plan.rotation_options import RotationOptions
from youjun.plan.scenario import HANDLERS
from youjun.plan.seats import SeatsOptions
from youjun.web.apps.planning import whatif_form
from youjun.web.errors import web_problem

KINDS = ("rotation", "investment", "seats", "whatif")
UNIT_COSTS = ("building_yuan_per_m2", "sports_ground_yuan_per_m2", "multimedia_classroom_yuan",
              "equipment_yuan_per_yuan", "music_room_yuan", "art_room_yuan")
MAX_TIME_LIMIT_S = 300.0  # a browser user waits; the command line has no such cap
MAX_YEARS = 10
MAX_LIST = 20_000  # frozen teachers or schools one form may name
WEB_CHANGES = tuple(k for k in HANDLERS if k != "rotation_plan")  # a saved plan is chosen from the list instead


# The form's fields as its labels name them (zh, en): a problem names the field a person sees,
# never its option key ("years", "migration"). Unit costs are named by ``youjun.plan.render.label``.
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "years": ("预测年数", "Years ahead"),
    "entry_trend": ("一年级入学人数年变化率", "Yearly change of grade-1 entrants"),
    "migration": ("年迁移系数", "Yearly migration factor"),
    "budget": ("预算", "Budget"),
    "max_distance_km": ("最远交流距离", "Longest move"),
    "time_limit_s": ("求解时限", "Solver time limit"),
    "frozen_teachers": ("不参与交流的教师", "Teachers that do not move"),
    "frozen_schools": ("不参与交流的学校", "Schools that take part in no move"),
    "advanced": ("其他假设", "Other assumptions"),
    "costs": ("单位造价", "Unit costs"),
    "births": ("出生人口", "Births"),
    "scenario": ("改动", "Changes"),
    "rotation_plan": ("交流轮岗方案", "Rotation plan"),
}


def field_name(field: str) -> tuple[str, str]:
    """(zh, en) name of a form field; a field of neither list keeps its key."""
    if field in FIELD_NAMES:
        return FIELD_NAMES[field]
    from youjun.plan.render import label

    return label(field, "zh"), label(field, "en")


class OptionsError(Exception):
    """The form's problems, each a problem dict (E810) with the field as its column."""

    def __init__(self, problems: list[dict[str, Any]]):
        self.problems = problems
        super().__init__("; ".join(p["message"]["en"] for p in problems))


def defaults(kind: str) -> dict[str, Any]:
    """The default local assumptions a form starts from (``rotation`` or ``investment``)."""
    return dict(load_default(kind)["values"])


class _Form:
    def __init__(self, data: Mapping[str, Any]):
        self.data = data
        self.problems: list[dict[str, Any]] = []

    def fail(self, field: str, en: str, zh: str, value: Any = "") -> None:
        problem = web_problem("E810", value=value, rule=f"plan.{field}", detail=en, location=Location(column=field))
        problem["message"]["zh"] = web_problem("E810", detail=zh)["message"]["zh"]
        # the field as the page names it (the column stays the form key: the form places it)
        named = field in FIELD_NAMES or field in UNIT_COSTS
        problem["field"] = dict(zip(("zh", "en"), field_name(field), strict=True)) if named else {}
        self.problems.append(problem)

    def text(self, field: str) -> str:
        return str(self.data.get(field) or "").strip()

    def flag(self, field: str) -> bool:
        return self.text(field).lower() in ("1", "on", "true", "yes")

    def number(self, field: str, low: float, high: float, *, integer: bool = False) -> float | None:
        raw = self.text(field).replace(",", "").replace("，", "")
        if not raw:
            return None
        name_zh, name_en = field_name(field)
        try:
            value = float(raw)
        except ValueError:
            self.fail(field, f"{name_en} must be a number", f"{name_zh}须为数字", raw)
            return None
        if not math.isfinite(value) or not low <= value <= high or (integer and not value.is_integer()):
            kind = "a whole number" if integer else "a number"
            zh_kind = "整数" if integer else "数"
            self.fail(field, f"{name_en} must be {kind} from {low:g} to {high:g}",
                      f"{name_zh}须为 {low:g} 至 {high:g} 之间的{zh_kind}", raw)
            return None
        return int(value) if integer else value

    def lines(self, field: str) -> list[str]:
        items = [s.strip() for s in self.text(field).replace(",", "\n").replace("，", "\n").splitlines()]
        items = [s for s in items if s and not s.startswith("#")]
        if len(items) > MAX_LIST:
            self.fail(field, f"at most {MAX_LIST} items", f"最多 {MAX_LIST} 项", len(items))
        return items

    def yaml_mapping(self, field: str) -> dict[str, Any]:
        raw = self.text(field)
        if not raw:
            return {}
        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            first = str(exc).splitlines()[0]
            self.fail(field, f"not valid YAML: {first}", f"不是有效的 YAML：{first}", raw[:80])
            return {}
        if not isinstance(data, dict):
            self.fail(field, "write name: value pairs", "请写成“名称: 值”", raw[:80])
            return {}
        return data


def parse(kind: str, data: Mapping[str, Any], *, rotation_plan: Mapping[str, Any] | None = None,
          school_year: str = "") -> dict[str, Any]:
    """The options of a ``kind`` plan from form ``data``; raises OptionsError with every problem.

    ``rotation_plan``: for a what-if, the stored rotation plan the user chose (its moves are
    applied first); it must have been made for ``school_year``.
    """
    if kind not in KINDS:
        raise OptionsError([web_problem("E810", value=kind, rule="plan.kind", detail=f"unknown plan kind {kind}")])
    form = _Form(data)
    if kind == "whatif":
        options = _whatif(form, rotation_plan, school_year)
    else:
        options = {"rotation": _rotation, "investment": _investment, "seats": _seats}[kind](form)
    if form.problems:
        raise OptionsError(form.problems)
    return options


def _rotation(form: _Form) -> dict[str, Any]:
    options: dict[str, Any] = form.yaml_mapping("advanced")
    if form.text("method") == "greedy":
        options["method"] = "greedy"
    existing = form.text("existing_rotations") or "reset"
    options["existing_rotations"] = existing
    options["same_town"] = form.flag("same_town")
    options["include_private"] = form.flag("include_private")
    distance = form.number("max_distance_km", 0.1, 1000)
    if distance is not None:
        options["max_distance_km"] = distance
    limit = form.number("time_limit_s", 1, MAX_TIME_LIMIT_S)
    if limit is not None:
        options["time_limit_s"] = limit
    elif float(options.get("time_limit_s") or 0) > MAX_TIME_LIMIT_S:
        form.fail("time_limit_s", f"at most {MAX_TIME_LIMIT_S:g} s in the browser",
                  f"网页中最多 {MAX_TIME_LIMIT_S:g} 秒")
    teachers, schools = form.lines("frozen_teachers"), form.lines("frozen_schools")
    if teachers:
        options["frozen_teachers"] = teachers
    if schools:
        options["frozen_schools"] = schools
    overrides = {k: v for k, v in options.items() if k not in ("frozen_teachers", "frozen_schools", "method")}
    try:
        RotationOptions.build(overrides, frozen_teachers=teachers, frozen_schools=schools)
    except (KeyError, ValueError, TypeError) as exc:
        text = str(exc).strip("'\"")
        form.fail("advanced", text, f"未知的规划假设或取值有误：{text}")
    return options


def _investment(form: _Form) -> dict[str, Any]:
    options: dict[str, Any] = {}
    budget = form.number("budget", 0, 1e13)
    if budget is not None:
        options["budget"] = budget
    for key in UNIT_COSTS:
        value = form.number(key, 0, 1e9)
        if value is not None:
            options[key] = value
    options["include_private"] = form.flag("include_private")
    try:
        InvestmentOptions.build({k: v for k, v in options.items() if k != "budget"})
    except (KeyError, ValueError, TypeError) as exc:
        text = str(exc).strip("'\"")
        form.fail("costs", text, f"单位造价有误：{text}")
    return options


def _seats(form: _Form) -> dict[str, Any]:
    years = form.number("years", 1, MAX_YEARS, integer=True)
    options: dict[str, Any] = {"years": int(years) if years is not None else 5}
    trend = form.number("entry_trend", -0.5, 0.5)
    if trend is not None:
        options["entry_trend"] = trend
    migration = form.number("migration", 0.5, 1.5)
    if migration is not None:
        options["migration"] = migration
    births = form.yaml_mapping("births")
    births.update(whatif_form.births(form.data, form.fail))  # the births table; a town in both: the table
    if births:
        options["births"] = births
    try:
        SeatsOptions.from_mapping(options)
    except (KeyError, ValueError, TypeError, AttributeError) as exc:
        form.fail("births", f"births are {{town or *: {{year: births}}}}: {exc}",
                  f"出生人口应写成 {{镇街或*: {{年份: 人数}}}}：{exc}")
    return options


def _whatif(form: _Form, plan: Mapping[str, Any] | None, year: str) -> dict[str, Any]:
    raw = form.text("scenario")
    changes: list[Any] = []
    name = form.text("title")
    if raw:
        try:
            data = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            first = str(exc).splitlines()[0]
            form.fail("scenario", f"not valid YAML: {first}", f"不是有效的 YAML：{first}", raw[:80])
            data = None
        if isinstance(data, dict):
            name = name or str(data.get("name") or "")
            data = data.get("changes")
        if data is not None and not isinstance(data, list):
            form.fail("scenario", "a scenario is a list of changes (- build: {...})",
                      "情景须为改动列表（- build: {...}）", raw[:80])
        for i, change in enumerate(data or [], 1):
            if not isinstance(change, dict) or len(change) != 1:
                form.fail("scenario", f"change {i}: one change per item, e.g. '- build: {{...}}'",
                          f"第 {i} 项：每项写一个改动，如“- build: {{...}}”")
                continue
            what = next(iter(change))
            if what not in WEB_CHANGES:  # the keys one may write are listed under the YAML box
                form.fail("scenario", f"change {i}: {what!r} is not a change one can write (see the list under "
                                      "the YAML box; a saved rotation plan is chosen from the list)",
                          f"第 {i} 项：“{what}”不是可写的改动（可写的改动列在 YAML 输入框下方；"
                          "已保存的交流轮岗方案请从列表中选择）", what)
                continue
            if not isinstance(change[what], dict):
                form.fail("scenario", f"change {i}: {what} needs its fields, e.g. {{school: ...}}",
                          f"第 {i} 项：{what} 缺少字段，如 {{school: ...}}", what)
                continue
            changes.append(change)
    changes += whatif_form.changes(form.data, form.fail)  # the form's rows, after any YAML
    if plan is not None and year and plan.get("school_year") and plan["school_year"] != year:
        form.fail("rotation_plan", f"rotation plan #{plan.get('id')} was made for {plan['school_year']}, not {year}",
                  f"交流轮岗方案 #{plan.get('id')} 是按 {plan['school_year']} 学年数据制定的，不是 {year} 学年",
                  plan.get("id", ""))
        plan = None
    if plan is not None:
        moves = [{"teacher_id": m["teacher_id"], "to_school": m["to_school"]} for m in plan.get("moves", [])]
        existing = (plan.get("options") or {}).get("existing_rotations", "reset")
        changes.insert(0, {"rotation_plan": {"name": f"#{plan.get('id', '')}", "moves": moves,
                                             "options": {"existing_rotations": existing}}})
    if not changes and not form.problems:  # a refused row already says what is wrong
        form.fail("scenario", "write at least one change, or choose a saved rotation plan",
                  "请至少写一项改动，或选择一个已保存的交流轮岗方案")
    return {"scenario": {"name": name or "情景", "changes": changes}}
