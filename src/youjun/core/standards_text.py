"""Standards, rule values and options in words with units, in Chinese and English.

Every figure is read from ``AssessmentParams`` (the rule files); this module only knows how
to *say* a kind of standard ("每12个班配音乐、美术教室各1间，音乐≥96平方米、美术≥90平方米"), never
the number itself. Renderers (reports, web) and the findings (``youjun.core.findings``) call:

- ``standard_text(requirement, params, lang, level=None)`` — the standard of one requirement:
  an indicator key or code ("r1_qualified_teachers_per100" / "R1"), "CV", "school" (the
  per-school 6-of-7 rule), an item key ("g3" / "G3", "social_recognition" / "SR",
  "pre_basic_balance", "veto_*"). ``level`` ("primary" / "junior") narrows a per-level
  standard to that level. Unknown requirements give "" — never a Python repr.
- ``option_name_text(name, lang)`` and ``option_value_text(name, value, lang)`` — an option
  ([U] value) as a reader names it and its value in force.
- ``rule_name_text(path, lang)`` and ``rule_value_text(path, value, lang)`` — one value path
  of the rule set ("thresholds.r1_qualified_teachers_per100.primary") and its value in words.
- ``value_words(value, lang)`` — any rule value (bool, number, code, list, mapping) in words.

Pure: the standard library and ``youjun.core`` only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from youjun.core.labels import INDICATOR_LABELS, ITEM_LABELS
from youjun.core.params import AssessmentParams
from youjun.core.schema import (
    AWARD_LEVELS,
    LOCATION,
    QUALIFICATIONS,
    ROOM_TYPES,
    SCHOOL_TYPES,
    TITLES,
)

LANGS = ("zh", "en")
LEVEL_WORDS = {"primary": ("小学", "primary"), "junior": ("初中", "junior"),
               "senior": ("高中", "senior")}
# Short names of school types for standards ("九年一贯制" rather than "九年一贯制学校").
TYPE_WORDS = {"primary": ("小学", "primary schools"), "junior": ("初中", "junior schools"),
              "complete_middle": ("完全中学", "complete middle schools"),
              "nine_year": ("九年一贯制", "nine-year schools"),
              "twelve_year": ("十二年一贯制", "twelve-year schools"),
              "teaching_point": ("教学点", "teaching points"),
              "special": ("特殊教育学校", "special-education schools")}
# Units of the per-school indicators: (zh, en), rates as labels.INDICATOR_LABELS says them (one
# source). Words only; the figures come from the rules.
INDICATOR_UNITS: dict[str, tuple[str, str]] = {k: (v[2], v[3]) for k, v in INDICATOR_LABELS.items()}
# Codes a rule value may hold, in words.
_CODES: dict[str, tuple[str, str]] = {
    **{c.code: (c.zh, c.en.lower()) for c in (*QUALIFICATIONS, *AWARD_LEVELS, *TITLES,
                                              *LOCATION, *ROOM_TYPES, *SCHOOL_TYPES)},
    **TYPE_WORDS, **LEVEL_WORDS,
    "each": ("各项指标分别计算", "each indicator separately"),
    "composite": ("各项指标差异系数的平均值", "the mean of the indicators' CVs"),
    "rounded": ("先四舍五入再与上限比较", "rounded before it is compared with the limit"),
    "unrounded": ("不修约，直接与上限比较", "compared with the limit unrounded"),
}


def _pick(zh: str, en: str, lang: str) -> str:
    return zh if lang == "zh" else en


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


# --- numbers --------------------------------------------------------------------------------

def num(x: Any) -> str:
    """A rule figure as the documents write it: thousands grouped, no trailing zeros."""
    if isinstance(x, bool) or not isinstance(x, int | float):
        return str(x)
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{float(x):,.6f}".rstrip("0").rstrip(".")


def cv_num(x: Any) -> str:
    """A CV limit as the documents write it: 0.50, 0.45."""
    return f"{float(x):.2f}" if isinstance(x, int | float) and not isinstance(x, bool) else str(x)


def _join(parts: Sequence[str], lang: str, sep_zh: str = "，") -> str:
    parts = [p for p in parts if p]
    return (sep_zh if lang == "zh" else "; ").join(parts)


def _grouped(by_key: Mapping[str, Any], fmt: Callable[[Any], str], names: Mapping[str, tuple[str, str]],
             lang: str) -> str:
    """{'primary': 2000, 'junior': 2000, 'nine_year': 2500} → '小学、初中≤2000人，九年一贯制≤2500人'
    (equal values share one clause; ``fmt`` writes the value with its comparison)."""
    groups: dict[str, list[str]] = {}
    for key, value in by_key.items():
        name = names.get(key, (key, key))
        groups.setdefault(fmt(value), []).append(_pick(*name, lang))
    if lang == "zh":
        return "，".join("、".join(n) + v for v, n in groups.items())
    return "; ".join(", ".join(n) + " " + v for v, n in groups.items())


# --- standards ------------------------------------------------------------------------------

def _normal(requirement: str, params: AssessmentParams | None) -> str:
    """'R1' → 'r1_qualified_teachers_per100' (of this rule set); 'G3' → 'g3'; 'SR' → …"""
    key = requirement.strip()
    low = key.lower()
    if low in ("sr", "social_recognition"):
        return "social_recognition"
    if low in ("cv", "school", "vetoes", "pre_basic_balance") or low.startswith("veto_"):
        return low
    if low[:1] in ("r", "b") and low[1:].isdigit():
        known = params.indicators if params else tuple(INDICATOR_LABELS)
        return next((k for k in known if k.split("_")[0] == low), low)
    return low


def indicator_standard(key: str, params: AssessmentParams, lang: str, level: str | None = None) -> str:
    """'≥4.2 人/百名学生' for one level; '小学≥4.2、初中≥5.3 人/百名学生' for both."""
    unit = _pick(*INDICATOR_UNITS.get(key, ("", "")), lang)
    by_level = params.thresholds.get(key) or {}
    if level is not None:
        value = by_level.get(level)
        return "" if value is None else f"≥{num(value)} {unit}".strip()
    if not by_level:
        return ""
    parts = [f"{_pick(*LEVEL_WORDS.get(lv, (lv, lv)), lang)}{'' if lang == 'zh' else ' '}≥{num(v)}"
             for lv, v in by_level.items()]
    return (("、" if lang == "zh" else ", ").join(parts) + f" {unit}").strip()


def cv_standard(params: AssessmentParams, lang: str, level: str | None = None) -> str:
    limits = {lv: v for lv, v in params.cv_limits.items() if level is None or lv == level}
    body = _grouped(limits, lambda v: f"≤{cv_num(v)}", LEVEL_WORDS, lang)
    if params.cv_mode == "composite":
        return _pick(f"综合差异系数：{body}", f"composite CV: {body}", lang)
    return _pick(f"校际差异系数{body}（各项指标分别计算）",
                 f"inter-school CV {body} (each indicator)", lang)


def school_standard(params: AssessmentParams, lang: str) -> str:
    n = len(params.indicators)
    need, floor = params.school_min_met, params.school_floor_ratio
    if need is None:
        return _pick(f"{n}项指标均达到标准", f"all {n} indicators meet their standard", lang)
    rest = n - need
    if floor is None:
        return _pick(f"{n}项指标中至少{need}项达到标准", f"at least {need} of {n} indicators meet their standard", lang)
    pct = num(round(floor * 100, 6))
    return _pick(f"{n}项指标中至少{need}项达到标准，其余{rest}项不低于标准的{pct}%",
                 f"at least {need} of {n} indicators meet their standard, the other{'s' if rest > 1 else ''}"
                 f" at least {pct}% of it", lang)


def _evidence_only(lang: str) -> str:
    return _pick("经认定达到要求（以佐证材料为准）", "met when attested by evidence", lang)


def _pct(x: Any) -> str:
    return f"{num(x)}%"


def _item_standard(key: str, p: Mapping[str, Any], lang: str, level: str | None) -> str:
    """Each G/Q item's standard; the wording is the documents', the figures the rules'."""
    z = lang == "zh"
    if key == "g3":
        c, m, a = num(p.get("classes_per_room")), num(p.get("music_room_min_m2")), num(p.get("art_room_min_m2"))
        return (f"每{c}个班配音乐、美术教室各1间，音乐≥{m}平方米、美术≥{a}平方米" if z else
                f"one music and one art room per {c} classes; music room ≥ {m} m², art room ≥ {a} m²")
    if key == "g4":
        limits = dict(p.get("max_students") or {})
        return _grouped(limits, lambda v: f"≤{num(v)}人" if z else f"≤ {num(v)} pupils", TYPE_WORDS, lang)
    if key == "g5":
        limits = {lv: v for lv, v in dict(p.get("max_class") or {}).items() if level in (None, lv)}
        if z:
            return "，".join(f"{LEVEL_WORDS.get(lv, (lv, lv))[0]}每班≤{num(v)}人" for lv, v in limits.items())
        return "; ".join(f"{LEVEL_WORDS.get(lv, (lv, lv))[1]} classes ≤ {num(v)} pupils" for lv, v in limits.items())
    if key == "g6":
        n = num(p.get("funded_as_students"))
        return (f"不足{n}名学生的村小学和教学点按{n}名学生核定公用经费" if z else
                f"village schools and teaching points below {n} pupils funded as {n} pupils")
    if key == "g7":
        return (f"特殊教育学校生均公用经费≥{num(p.get('min_per_pupil_yuan'))}元" if z else
                f"special-education public funds ≥ {num(p.get('min_per_pupil_yuan'))} yuan per pupil")
    if key == "g8":
        ratio = p.get("min_pay_ratio")
        times = "" if ratio in (None, 1, 1.0) else (f"的{_pct(ratio * 100)}" if z else f" × {num(ratio)}")
        return (f"教师平均工资收入不低于当地公务员平均工资收入{times}，绩效工资核定到位（佐证）" if z else
                f"teachers' average pay ≥ civil servants' average pay{times}; performance pay set (evidence)")
    if key == "g9":
        return (f"教师5年培训≥{num(p.get('min_hours_5y'))}学时，完成率≥{_pct(p.get('min_share_percent'))}" if z else
                f"{_pct(p.get('min_share_percent'))} of teachers with ≥ {num(p.get('min_hours_5y'))} "
                "training hours in 5 years")
    if key == "g11":
        r, k = _pct(p.get("min_rotation_percent")), _pct(p.get("min_key_share_percent"))
        y = num(p.get("eligible_min_years"))
        return (f"每年交流轮岗教师≥符合交流条件教师的{r}，其中骨干教师≥{k}（同校任教满{y}年为符合条件）" if z else
                f"each year ≥ {r} of eligible teachers rotate, ≥ {k} of them key teachers "
                f"(eligible: {y} years at one school)")
    if key == "g12":
        return (f"专任教师持证上岗率≥{_pct(p.get('min_certified_percent'))}" if z else
                f"≥ {_pct(p.get('min_certified_percent'))} of teachers certified")
    if key == "g13":
        by = p.get("min_percent")
        by = {lv: v for lv, v in by.items() if level in (None, lv)} if isinstance(by, Mapping) else {"": by}
        body = _grouped(by, lambda v: f"≥{_pct(v)}" if z else f"≥ {_pct(v)}", LEVEL_WORDS, lang)
        return f"就近划片入学比例：{body}" if z else f"nearest-zone enrolment: {body}"
    if key == "g14":
        return (f"优质高中招生名额分配比例≥{_pct(p.get('min_percent'))}，并向农村初中倾斜" if z else
                f"≥ {_pct(p.get('min_percent'))} of quality senior-high places allocated, "
                "favouring rural junior schools")
    if key == "g15":
        return (f"随迁子女在公办学校和政府购买学位就读比例≥{_pct(p.get('min_migrant_public_percent'))}；"
                "留守儿童关爱体系健全（佐证）" if z else
                f"≥ {_pct(p.get('min_migrant_public_percent'))} of migrant children in public or bought places; "
                "left-behind care in place (evidence)")
    if key == "q1":
        return (f"初中三年巩固率≥{_pct(p.get('min_percent'))}" if z else
                f"three-year junior retention ≥ {_pct(p.get('min_percent'))}")
    if key == "q2":
        return (f"残疾儿童少年入学率≥{_pct(p.get('min_percent'))}" if z else
                f"disabled children's enrolment ≥ {_pct(p.get('min_percent'))}")
    if key == "q4":
        return (f"教师培训经费≥学校年度公用经费预算的{_pct(p.get('min_training_share_percent'))}" if z else
                f"teacher training ≥ {_pct(p.get('min_training_share_percent'))} of the public-funds budget")
    if key == "q9":
        lv = p.get("min_level")
        roman = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ"}.get(lv, num(lv)) if isinstance(lv, int) else num(lv)
        return (f"学业水平达到{roman}级以上，校际差异率<{num(p.get('diff_rate_below'))}" if z else
                f"attainment at level {roman} or above; inter-school difference rate < {num(p.get('diff_rate_below'))}")
    if key == "social_recognition":
        return (f"社会认可度≥{_pct(p.get('min_percent'))}" if z else
                f"social recognition ≥ {_pct(p.get('min_percent'))}")
    if key == "pre_basic_balance":
        return (f"通过基本均衡发展认定≥{num(p.get('min_years_since'))}年（佐证）" if z else
                f"recognised as basically balanced ≥ {num(p.get('min_years_since'))} years ago (evidence)")
    if key == "vetoes" or key.startswith("veto_"):
        return _pick("经认定不存在该情形", "attested absent", lang)
    if p.get("evidence"):
        return _evidence_only(lang)
    return ""


def standard_text(requirement: str, params: AssessmentParams, lang: str = "zh",
                  level: str | None = None) -> str:
    """The standard of ``requirement`` in words with units, from the rule values in ``params``.

    >>> standard_text("g3", load_ruleset("cn-2017"))          # doctest: +SKIP
    '每12个班配音乐、美术教室各1间，音乐≥96平方米、美术≥90平方米'
    >>> standard_text("R1", load_ruleset("cn-2017"), "en", level="primary")  # doctest: +SKIP
    '≥4.2 teachers per 100 pupils'
    """
    _check(lang)
    key = _normal(requirement, params)
    if key == "cv":
        return cv_standard(params, lang, level)
    if key == "school":
        return school_standard(params, lang)
    if key in params.thresholds or key in INDICATOR_UNITS:
        return indicator_standard(key, params, lang, level)
    figures = params.items.get("vetoes" if key.startswith("veto_") else key)
    if figures is None:
        return ""
    return _item_standard(key, figures, lang, level)


def standard_words(requirement: str, params: AssessmentParams, level: str | None = None) -> dict[str, str]:
    """``{"zh": …, "en": …}``: ``standard_text`` in both languages."""
    return {lang: standard_text(requirement, params, lang, level) for lang in LANGS}


# --- any rule value -------------------------------------------------------------------------

def value_words(value: Any, lang: str) -> str:
    """A rule value in words: 是/否, numbers grouped, codes named, lists and mappings joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _pick("是", "yes", lang) if value else _pick("否", "no", lang)
    if isinstance(value, int | float):
        return num(value)
    if isinstance(value, str):
        if value in _CODES:
            return _pick(*_CODES[value], lang)
        if value in EVIDENCE_WORDS:
            return _pick(*EVIDENCE_WORDS[value], lang)
        if value in ITEM_LABELS:
            return _item_code(value) or _pick(*ITEM_LABELS[value], lang)
        return value
    if isinstance(value, Mapping):
        return _join([f"{_key_words(str(k), lang)}{'' if lang == 'zh' else ' '}{value_words(v, lang)}"
                      for k, v in value.items()], lang, "；")
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ", ").join(value_words(v, lang) for v in value)
    return str(value)


def _key_words(key: str, lang: str) -> str:
    if key in _CODES:
        return _pick(*_CODES[key], lang)
    if key in PARAM_WORDS:
        return _pick(*PARAM_WORDS[key][:2], lang)
    return key


# Item and measurement parameters: (zh name, en name, zh unit, en unit).
PARAM_WORDS: dict[str, tuple[str, str, str, str]] = {
    "classes_per_room": ("每间专用教室对应班级数", "classes per special room", "个班", "classes"),
    "music_room_min_m2": ("音乐教室最小面积", "smallest music room", "平方米", "m²"),
    "art_room_min_m2": ("美术教室最小面积", "smallest art room", "平方米", "m²"),
    "every_room_must_meet_area": ("每间专用教室均须达到面积标准", "every special room must meet the area", "", ""),
    "max_students": ("学校规模上限", "largest school", "人", "pupils"),
    "max_class": ("班额上限", "largest class", "人", "pupils"),
    "funded_as_students": ("按学生数核定公用经费", "funded as pupils", "人", "pupils"),
    "locations": ("适用城乡类别", "locations", "", ""),
    "school_types": ("适用学校类型", "school types", "", ""),
    "min_per_pupil_yuan": ("生均公用经费下限", "least funds per pupil", "元", "yuan"),
    "min_pay_ratio": ("教师工资与公务员工资之比下限", "least pay ratio to civil servants", "倍", "×"),
    "min_hours_5y": ("5年培训学时下限", "least training hours in 5 years", "学时", "hours"),
    "min_share_percent": ("完成率下限", "least share", "%", "%"),
    "min_rotation_percent": ("交流轮岗比例下限", "least rotation share", "%", "%"),
    "min_key_share_percent": ("骨干教师占比下限", "least key-teacher share", "%", "%"),
    "eligible_min_years": ("符合交流条件的任教年限", "years at one school before rotating", "年", "years"),
    "min_certified_percent": ("持证上岗率下限", "least certified share", "%", "%"),
    "min_percent": ("比例下限", "least share", "%", "%"),
    "min_migrant_public_percent": ("随迁子女公办就读比例下限", "least share of migrant children in public places",
                                   "%", "%"),
    "min_training_share_percent": ("培训经费占比下限", "least training share", "%", "%"),
    "min_level": ("学业水平下限（级）", "least attainment level", "级", ""),
    "diff_rate_below": ("校际差异率上限（低于）", "difference rate below", "", ""),
    "min_years_since": ("通过认定年限下限", "least years since recognition", "年", "years"),
    "evidence": ("佐证材料", "evidence", "", ""),
    "per_school": ("逐校认定", "attested school by school", "", ""),
    "residents_per_mille": ("抽样比例（常住人口）", "sample of residents", "‰", "‰"),
    "min_sample": ("最少样本", "least sample", "份", "responses"),
    "min_sample_below_population": ("适用最少样本的人口上限", "population below which the least sample applies",
                                    "人", "people"),
    "parents_min_percent": ("家长占比下限", "least share of parents", "%", "%"),
    "valid_return_min_percent": ("有效问卷回收率下限", "least valid return", "%", "%"),
    "min_met": ("至少达标指标数", "least indicators met", "项", "indicators"),
    "floor_ratio": ("其余指标不低于标准的比例", "floor of the others", "", ""),
    "mode": ("差异系数计算方式", "how CVs are judged", "", ""),
    "decimals": ("差异系数保留小数位数", "decimals of a published CV", "位", "decimals"),
    "compare": ("差异系数与上限的比较方式", "how a CV is compared with its limit", "", ""),
    "include_private": ("民办学校计入评估", "private schools counted", "", ""),
    "include_non_county_run": ("非县属学校计入评估", "schools not run by the county counted", "", ""),
    "include_teaching_points": ("教学点计入评估", "teaching points counted", "", ""),
    "teaching_point_min_students": ("教学点计入的最低学生数", "least pupils for a teaching point to count",
                                    "人", "pupils"),
    "teaching_area_includes_gym": ("室内体育馆计入教学及辅助用房面积", "indoor gym counted in the teaching area",
                                   "", ""),
    "qualification_min": ("“高于规定学历”的最低学历", "least qualification counted as above the requirement", "", ""),
    "key_teacher_min_level": ("骨干教师最低认定级别", "lowest key-teacher award level", "", ""),
    "mid_title_min": ("中级职称的最低职级", "lowest title counted as intermediate", "", ""),
    "equipment_unit_yuan": ("仪器设备值换算（统计报表单位→元）", "equipment value: report unit in yuan", "元", "yuan"),
    "cv_decimals": ("差异系数保留小数位数", "decimals of a published CV", "位", "decimals"),
    "split_weights": ("一贯制学校、完全中学资源分摊权重", "weights sharing a combined school's resources", "", ""),
    "sampling": ("社会认可度调查抽样方案", "sampling plan of the recognition survey", "", ""),
}
# Evidence codes that are not an item's own key.
EVIDENCE_WORDS = {"g8_performance_pay": ("绩效工资核定到位", "performance pay set"),
                  "g15_care_system": ("留守儿童关爱体系", "left-behind children's care system")}
_ROOT_WORDS = {"split_weights": ("资源分摊权重", "resource-sharing weights"),
               "thresholds": ("每校标准", "per-school standard"), "cv_limits": ("差异系数上限", "CV limit"),
               "school_compliance": ("学校达标规则", "school compliance rule"),
               "scope": ("参评范围", "scope"), "measurement": ("计量口径", "measurement"),
               "options": ("选项", "option"), "social_recognition": ("社会认可度", "social recognition"),
               "ruleset": ("规则集", "rule set")}


_ITEM_GROUPS = {"vetoes": ("一票否决事项", "vetoes")}


def _item_code(key: str) -> str:
    return key.upper() if key[:1] in ("g", "q") and key[1:].isdigit() else ""


def rule_name_text(path: str, lang: str) -> str:
    """A value path in words: 'items.g3.music_room_min_m2' → 'G3 音乐教室最小面积'."""
    _check(lang)
    parts = path.split(".")
    root = parts[0]
    if root == "items" and len(parts) >= 2:
        item = parts[1]
        title = _item_code(item) or _pick(*ITEM_LABELS.get(item, _ITEM_GROUPS.get(item, (item, item))), lang)
        rest = [_key_words(p, lang) for p in parts[2:]]
        return f"{title} " + " · ".join(rest) if rest else title
    if root == "thresholds" and len(parts) >= 2:
        key = parts[1]
        code = key.split("_")[0].upper()
        label = INDICATOR_LABELS.get(key)
        name = _pick(label[0], label[1], lang) if label else key
        level = " · " + _pick(*LEVEL_WORDS[parts[2]], lang) if len(parts) > 2 and parts[2] in LEVEL_WORDS else ""
        return f"{code} {name}{level}"
    head = _pick(*_ROOT_WORDS.get(root, (root, root)), lang)
    rest = [_key_words(p, lang) for p in parts[1:]]
    if not rest:
        return head
    return f"{head} · " + (" · ".join(rest))


def rule_value_text(path: str, value: Any, lang: str) -> str:
    """A rule value in words with its unit: 'thresholds.r1_….primary', 4.2 → '≥4.2 人/百名学生'."""
    _check(lang)
    parts = path.split(".")
    if value is None:
        return ""
    if parts[0] == "thresholds" and len(parts) >= 2 and isinstance(value, int | float):
        return f"≥{num(value)} {_pick(*INDICATOR_UNITS.get(parts[1], ('', '')), lang)}".strip()
    if parts[0] == "cv_limits" and isinstance(value, int | float) and not isinstance(value, bool):
        return f"≤{cv_num(value)}"
    if parts[0] == "school_compliance" and parts[-1] == "floor_ratio" and isinstance(value, int | float):
        return f"{num(round(value * 100, 6))}%"
    if parts[-1] == "diff_rate_below" and isinstance(value, int | float):
        return f"<{num(value)}"
    if parts[0] == "split_weights" and len(parts) == 3 and isinstance(value, int | float):
        return num(value)
    words = value_words(value, lang)
    unit = next((PARAM_WORDS[p] for p in reversed(parts) if p in PARAM_WORDS), None)
    if unit and isinstance(value, int | float) and not isinstance(value, bool):
        u = _pick(unit[2], unit[3], lang)
        if u in ("%", "‰"):
            return f"{words}{u}"
        return f"{words} {u}".strip()
    return words


# --- options --------------------------------------------------------------------------------

def option_name_text(name: str, lang: str) -> str:
    """An option's name in words: 'g11.eligible_min_years' → 'G11 符合交流条件的任教年限'."""
    _check(lang)
    parts = name.split(".")
    item = _item_code(parts[0]) if len(parts) > 1 else ""
    rest = parts[1:] if item or parts[0] in ("social_recognition", "cv_decimals") else parts
    if parts[0] in ("social_recognition", "cv_decimals"):
        item = ""
    words = [_key_words(p, lang) for p in rest]
    if parts[0] == "g4" and len(parts) == 3:  # g4.max_students.complete_middle
        type_words = TYPE_WORDS.get(parts[2], (parts[2], parts[2]))
        words = [_pick(f"{type_words[0]}规模上限", f"size limit of {type_words[1]}", lang)]
    text = " · ".join(words)
    return f"{item} {text}".strip() if item else text


def option_value_text(name: str, value: Any, lang: str, params: AssessmentParams | None = None) -> str:
    """An option's value in words; the CV comparison names its decimals when ``params`` is given."""
    _check(lang)
    if name.endswith("cv_decimals.compare") or name == "cv_decimals.compare":
        decimals = params.cv_decimals if params is not None else None
        if value == "rounded" and decimals is not None:
            return _pick(f"先四舍五入到{decimals}位小数，再与上限比较",
                         f"rounded half up to {decimals} decimals, then compared with the limit", lang)
        return value_words(value, lang)
    if name == "split_weights" and isinstance(value, Mapping):
        parts = []
        for school_type, weights in value.items():
            sections = ":".join(LEVEL_WORDS.get(sec, (sec, sec))[0 if lang == "zh" else 1] for sec in weights)
            ratio = ":".join(num(w) for w in weights.values())
            type_words = TYPE_WORDS.get(school_type, (school_type, school_type))
            parts.append(f"{_pick(type_words[0], type_words[1], lang)} {sections} = {ratio}")
        return _join(parts, lang, "；")
    if isinstance(value, Mapping):  # e.g. the survey's sampling plan: each figure with its unit
        sep = "" if lang == "zh" else " "
        return _join([f"{_key_words(str(k), lang)}{sep}{rule_value_text(f'{name}.{k}', v, lang)}"
                      for k, v in value.items()], lang, "；")
    return rule_value_text(name if "." in name else f"options.{name}", value, lang)
