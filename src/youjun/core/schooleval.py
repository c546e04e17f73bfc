"""School evaluation by the 2021 compulsory-education quality guide (教基〔2021〕3号), pure rules.

- the guide's three levels, methods, chain and prohibitions (``guide``), from
  ``rules/school-eval-2021/guide.yaml``;
- a district's indicator tree at the school level: focus area → key indicator → consideration,
  each consideration with its evaluators, methods and evidence (``seed_tree`` makes the first
  copy from the guide; ``validate_tree`` refuses a broken edited tree with catalogued codes);
- the judgement scale (``scale``: a LOCAL rule, the guide fixes none) and the roll-up of
  consideration judgements to key indicators and focus areas (``roll_up``); a numeric score
  only when the district has set LOCAL weights (summing to 100 at each level of the tree).

A tree is plain data (a dict), so that a year's evaluations keep the tree they used as stored:
``{"areas": [{"code", "zh", "en", "weight", "indicators": [{"code", "zh", "en", "weight",
"confidence", "considerations": [{"code", "zh", "en", "evaluators", "methods", "evidence", "evidence_en",
"weight", "retired", "source", "confidence"}]}]}]}``.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from youjun.core.rules import read_yaml, rules_root

RULES_SUBDIR = "school-eval-2021"
GUIDE_DATE = dt.date(2021, 3, 1)
CODE = re.compile(r"^[A-Z][0-9]{1,2}(\.[0-9]{1,2})?$")
YEAR = re.compile(r"^(\d{4})-(\d{4})$")
MAX_TEXT = 200  # a name or evidence line is at most this many characters
WEIGHT_TOTAL = 100


class TreeError(ValueError):
    """A tree, a judgement or a step that the rules refuse; ``code`` is a catalogue code (E113x)."""

    def __init__(self, code: str, value: str, detail_zh: str, detail_en: str) -> None:
        super().__init__(f"{code}: {value}: {detail_en}")
        self.code = code
        self.value = value
        self.detail_zh = detail_zh
        self.detail_en = detail_en


# --- the rule files ---------------------------------------------------------------------------

def _in_force(name: str, as_of: dt.date | None, rules_dir: Path | str | None) -> Any:
    raw = read_yaml(rules_root(rules_dir) / RULES_SUBDIR / f"{name}.yaml")
    day = as_of or dt.date.today()
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= day:
            found = entry["value"]
    if found is None:
        raise TreeError("E1136", name, f"{day.isoformat()} 没有有效的规则", f"no rule in force on {day.isoformat()}")
    return found


def reference(name: str, rules_dir: Path | str | None = None) -> dict[str, Any]:
    """The ``reference`` block of a rule file (document, number, confidence, note…)."""
    raw = read_yaml(rules_root(rules_dir) / RULES_SUBDIR / f"{name}.yaml")
    return dict(raw.get("reference") or {})


def guide(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> dict[str, Any]:
    """The guide's levels, methods, chain, prohibitions, evaluators and evidence methods."""
    return dict(_in_force("guide", as_of or GUIDE_DATE, rules_dir))


def scale(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> dict[str, Any]:
    """The LOCAL judgement scale, roll-up bounds and evidence limits."""
    return dict(_in_force("scale", as_of or GUIDE_DATE, rules_dir))


def workflow(as_of: dt.date | None = None, rules_dir: Path | str | None = None) -> dict[str, Any]:
    return dict(_in_force("workflow", as_of or GUIDE_DATE, rules_dir))


# --- the tree ---------------------------------------------------------------------------------

def seed_tree(g: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A district's first tree: the guide's school level, every consideration marked "guide"."""
    g = g or guide()
    areas = []
    for a in g["levels"]["school"]["areas"]:
        indicators = []
        for i in a["indicators"]:
            cons = [{"code": c["code"], "zh": c["zh"], "en": c.get("en", ""),
                     "evaluators": list(c.get("evaluators") or []), "methods": list(c.get("methods") or []),
                     "evidence": c.get("evidence", ""), "evidence_en": c.get("evidence_en", ""),
                     "weight": None, "retired": False, "source": "guide",
                     "confidence": c.get("confidence", "R")} for c in i["considerations"]]
            indicators.append({"code": i["code"], "zh": i["zh"], "en": i.get("en", ""), "weight": None,
                               "confidence": i.get("confidence", "R"), "considerations": cons})
        areas.append({"code": a["code"], "zh": a["zh"], "en": a.get("en", ""), "weight": None,
                      "indicators": indicators})
    return {"level": "school", "areas": areas}


def _active(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [c for c in items if not c.get("retired")]


def considerations(tree: Mapping[str, Any], *, active_only: bool = True) -> list[dict[str, Any]]:
    """Every consideration of the tree in order (each with its area and indicator codes)."""
    out = []
    for a in tree["areas"]:
        for i in a["indicators"]:
            for c in i["considerations"]:
                if active_only and c.get("retired"):
                    continue
                out.append({**c, "area": a["code"], "indicator": i["code"]})
    return out


def uses_weights(tree: Mapping[str, Any]) -> bool:
    """True when the district set LOCAL weights (any weight anywhere in the tree)."""
    for a in tree["areas"]:
        if a.get("weight") is not None:
            return True
        for i in a["indicators"]:
            if i.get("weight") is not None or any(c.get("weight") is not None for c in _active(i["considerations"])):
                return True
    return False


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        try:
            value = float(str(value).strip())
        except ValueError as exc:
            raise TreeError("E1133", where, f"权重“{value}”不是数字", f"the weight '{value}' is not a number") from exc
    if value < 0 or value != value:
        raise TreeError("E1133", where, "权重不能为负数", "a weight cannot be negative")
    return float(value)


def _check_weights(group: list[dict[str, Any]], where_zh: str, where_en: str) -> None:
    weights = [g.get("weight") for g in group]
    if all(w is None for w in weights):
        raise TreeError("E1133", where_en, f"指标树其他部分设了权重，{where_zh}却没有设",
                        f"other parts of the tree have weights but {where_en} have none")
    missing = [g["code"] for g in group if g.get("weight") is None]
    if missing:
        raise TreeError("E1133", "、".join(missing), f"{where_zh}中这些项没有设权重",
                        f"these of {where_en} have no weight")
    total = sum(_number(g["weight"], g["code"]) for g in group)
    if abs(total - WEIGHT_TOTAL) > 1e-6:
        shown = f"{total:,.1f}".rstrip("0").rstrip(".")
        raise TreeError("E1132", where_en, f"{where_zh}的权重合计为{shown}，不是100",
                        f"the weights of {where_en} add up to {shown}, not 100")


def validate_tree(tree: Mapping[str, Any], g: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The tree as stored, or ``TreeError``: unique codes, every key indicator under exactly one
    focus area, names given, known evaluators and methods, at least one active consideration
    per key indicator, and LOCAL weights either absent or set at every level and summing to 100
    within each group (the focus areas; each area's indicators; each indicator's active
    considerations)."""
    g = g or guide()
    evaluators = set(g["evaluators"])
    methods = set(g["evidence_methods"])
    areas = list(tree.get("areas") or [])
    if not areas:
        raise TreeError("E1134", "", "指标树没有重点内容", "the tree has no focus area")
    seen: dict[str, str] = {}
    indicator_area: dict[str, str] = {}

    def claim(code: Any, kind_zh: str, kind_en: str) -> str:
        text = str(code or "").strip()
        if not CODE.match(text):
            raise TreeError("E1134", text, f"{kind_zh}编号应为字母加数字（如 B3 或 B3.2）",
                            f"a {kind_en} code is a letter and digits (e.g. B3 or B3.2)")
        if text in seen:
            raise TreeError("E1130", text, f"编号“{text}”重复（{seen[text]}和{kind_zh}）",
                            f"the code '{text}' is used twice")
        seen[text] = kind_zh
        return text

    def named(node: Mapping[str, Any], code: str) -> None:
        name = str(node.get("zh") or "").strip()
        if not name:
            raise TreeError("E1134", code, "没有填写中文名称", "no Chinese name")
        if len(name) > MAX_TEXT or len(str(node.get("en") or "")) > MAX_TEXT:
            raise TreeError("E1134", code, f"名称超过{MAX_TEXT}字", f"the name is longer than {MAX_TEXT} characters")

    for a in areas:
        acode = claim(a.get("code"), "重点内容", "focus area")
        named(a, acode)
        inds = list(a.get("indicators") or [])
        if not inds:
            raise TreeError("E1131", acode, "该重点内容下没有关键指标", "the focus area has no key indicator")
        for i in inds:
            icode = str(i.get("code") or "").strip()
            if icode in indicator_area:
                raise TreeError("E1131", icode, f"关键指标同时在{indicator_area[icode]}和{acode}之下",
                                f"the key indicator is under both {indicator_area[icode]} and {acode}")
            indicator_area[icode] = acode
            claim(icode, "关键指标", "key indicator")
            named(i, icode)
            cons = list(i.get("considerations") or [])
            if not _active(cons):
                raise TreeError("E1135", icode, "该关键指标下没有在用的考查要点",
                                "the key indicator has no consideration in use")
            for c in cons:
                ccode = claim(c.get("code"), "考查要点", "consideration")
                if not ccode.startswith(icode + "."):
                    raise TreeError("E1131", ccode, f"考查要点编号应以所属关键指标{icode}开头",
                                    f"a consideration's code starts with its key indicator's ({icode})")
                named(c, ccode)
                bad = [e for e in c.get("evaluators") or [] if e not in evaluators]
                if bad or not c.get("evaluators"):
                    raise TreeError("E1134", ccode, f"评价主体“{'、'.join(bad) or '（空）'}”不可用",
                                    f"evaluator '{', '.join(bad) or '(none)'}' is not known")
                bad = [m for m in c.get("methods") or [] if m not in methods]
                if bad:
                    raise TreeError("E1134", ccode, f"评价方法“{'、'.join(bad)}”不可用",
                                    f"method '{', '.join(bad)}' is not known")
                if max(len(str(c.get("evidence") or "")), len(str(c.get("evidence_en") or ""))) > MAX_TEXT:
                    raise TreeError("E1134", ccode, f"佐证材料说明超过{MAX_TEXT}字",
                                    f"the evidence line is longer than {MAX_TEXT} characters")
    if uses_weights(tree):
        _check_weights(areas, "各重点内容", "the focus areas")
        for a in areas:
            _check_weights(list(a["indicators"]), f"{a['code']}下各关键指标", f"the key indicators of {a['code']}")
            for i in a["indicators"]:
                _check_weights(_active(list(i["considerations"])), f"{i['code']}下各考查要点",
                               f"the considerations of {i['code']}")
    return copy.deepcopy(dict(tree))


def next_consideration_code(tree: Mapping[str, Any], indicator: str) -> str:
    """The next free code under a key indicator: B3.3 after B3.1 and B3.2 (retired ones count)."""
    for a in tree["areas"]:
        for i in a["indicators"]:
            if i["code"] == indicator:
                used = [int(c["code"].split(".")[1]) for c in i["considerations"] if "." in c["code"]]
                return f"{indicator}.{max(used, default=0) + 1}"
    raise TreeError("E1131", indicator, "没有这个关键指标", "no such key indicator")


def year_ok(year: str) -> bool:
    m = YEAR.match(year or "")
    return m is not None and int(m.group(2)) == int(m.group(1)) + 1


# --- judgements and the roll-up ---------------------------------------------------------------

@dataclass(frozen=True)
class Level:
    code: str
    zh: str
    en: str
    points: int

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def levels(sc: Mapping[str, Any] | None = None) -> dict[str, Level]:
    sc = sc or scale()
    return {lv["code"]: Level(lv["code"], lv["zh"], lv["en"], int(lv["points"])) for lv in sc["levels"]}


def check_level(code: str, sc: Mapping[str, Any] | None = None) -> str:
    if code not in levels(sc):
        raise TreeError("E1139", code, "不是可用的评价等级", "is not a judgement level")
    return code


def rollup_rule(lang: str, sc: Mapping[str, Any] | None = None) -> dict[str, str]:
    """The roll-up rule in words (scale.yaml ``rollup_rule``, LOCAL): ``text`` and ``short``."""
    rule = (sc or scale())["rollup_rule"]
    return {"text": str(rule["en" if lang == "en" else "zh"]),
            "short": str(rule["short_en" if lang == "en" else "short_zh"])}


def _level_of_mean(mean: float, sc: Mapping[str, Any]) -> str:
    bounds = sc["rollup_bounds"]
    for lv in sorted(sc["levels"], key=lambda x: -int(x["points"])):
        if mean >= float(bounds[lv["code"]]) - 1e-9:
            return str(lv["code"])
    return str(sc["levels"][-1]["code"])


@dataclass(frozen=True)
class Rolled:
    """A node's rolled-up judgement: ``level`` (None until every consideration under it is
    judged), how many are judged, and the LOCAL score (0–100) when weights are set."""

    code: str
    level: str | None
    judged: int
    total: int
    score: float | None
    mean: float | None = None  # the mean points the level was read from (None until complete)


def roll_up(tree: Mapping[str, Any], judgements: Mapping[str, str],
            sc: Mapping[str, Any] | None = None) -> dict[str, Rolled]:
    """Code -> Rolled for every key indicator and focus area, and "" for the whole school.

    A node's level is the level whose lower bound (scale.rollup_bounds) the mean points of its
    active considerations reach — unweighted, a LOCAL rule; the score, only with LOCAL weights,
    is the weighted share of full marks (4 points) in percent."""
    sc = sc or scale()
    pts = {k: v.points for k, v in levels(sc).items()}
    top = max(pts.values())
    weighted = uses_weights(tree)
    out: dict[str, Rolled] = {}
    all_points: list[int] = []
    total_n = 0
    school_score = 0.0
    for a in tree["areas"]:
        area_points: list[int] = []
        area_n = 0
        area_score = 0.0
        for i in a["indicators"]:
            cons = _active(list(i["considerations"]))
            got = [pts[judgements[c["code"]]] for c in cons if judgements.get(c["code"]) in pts]
            complete = len(got) == len(cons)
            score = None
            if weighted and complete:
                score = sum(float(c["weight"]) / WEIGHT_TOTAL * pts[judgements[c["code"]]] / top * 100 for c in cons)
            mean = sum(got) / len(got) if complete and got else None
            out[i["code"]] = Rolled(i["code"], _level_of_mean(mean, sc) if mean is not None else None,
                                    len(got), len(cons), score, mean)
            area_points += got
            area_n += len(cons)
            if score is not None:
                area_score += float(i["weight"]) / WEIGHT_TOTAL * score
        complete = len(area_points) == area_n
        a_score = area_score if weighted and complete and all(out[i["code"]].score is not None
                                                              for i in a["indicators"]) else None
        a_mean = sum(area_points) / area_n if complete and area_n else None
        out[a["code"]] = Rolled(a["code"], _level_of_mean(a_mean, sc) if a_mean is not None else None,
                                len(area_points), area_n, a_score, a_mean)
        all_points += area_points
        total_n += area_n
        if a_score is not None:
            school_score += float(a["weight"]) / WEIGHT_TOTAL * a_score
    complete = len(all_points) == total_n
    s_mean = sum(all_points) / total_n if complete and total_n else None
    out[""] = Rolled("", _level_of_mean(s_mean, sc) if s_mean is not None else None,
                     len(all_points), total_n,
                     school_score if weighted and complete and all(out[a["code"]].score is not None
                                                                  for a in tree["areas"]) else None, s_mean)
    return out


# --- the workflow -----------------------------------------------------------------------------

def step(wf: Mapping[str, Any], state: str, action: str, by: str) -> str:
    """The state after ``action`` by ``by`` ("school" or "bureau"), or ``TreeError`` E1137."""
    for t in wf["transitions"]:
        if t["action"] == action and state in t["source"]:
            if t["by"] != by:
                who = {"school": ("学校", "the school"), "bureau": ("教育局", "the bureau")}[t["by"]]
                raise TreeError("E1138", action, f"这一步只能由{who[0]}办理", f"only {who[1]} may take this step")
            return str(t["target"])
    label = wf["states"].get(state, {})
    raise TreeError("E1137", action, f"评价处于“{label.get('zh', state)}”状态，不能办理这一步",
                    f"the evaluation is '{label.get('en', state)}'; this step is not possible")


def school_edits(wf: Mapping[str, Any], state: str) -> bool:
    return bool(wf["states"].get(state, {}).get("school_edits"))


def bureau_reviews(wf: Mapping[str, Any], state: str) -> bool:
    return bool(wf["states"].get(state, {}).get("bureau_reviews"))


def school_withdraws(wf: Mapping[str, Any], state: str) -> bool:
    """True while the school may still withdraw its submission (the bureau has not begun)."""
    return bool(wf["states"].get(state, {}).get("school_withdraws"))


def next_year(year: str) -> str:
    """The school year after ``year`` ("2026-2027" → "2027-2028")."""
    start = int(year[:4]) + 1
    return f"{start}-{start + 1}"
