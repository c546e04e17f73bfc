"""How the fitness pages say things, in the page's language: results as measured with their
units (8.9秒, 1分36秒), levels, BMI and vision categories, statuses, rates with their
denominators, and the short note on a pupil's weakest items. Numbers come from the core's
``Scored`` or the statistics; nothing is scored here."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from youjun.core.fitness import FitnessTables, ItemScore, Scored
from youjun.core.fitness.model import BMI_CATEGORY_NAMES, STATUS_NAMES
from youjun.web.apps.platform.templatetags.youjun import lang_code

STATUS = STATUS_NAMES
BMI = BMI_CATEGORY_NAMES
VISION = {"normal": ("视力正常", "normal"), "mild": ("轻度视力不良", "mild low vision"),
          "moderate": ("中度视力不良", "moderate low vision"), "severe": ("重度视力不良", "severe low vision")}
UNIT_EN = {"s": "s", "count": "", "ml": "ml", "cm": "cm", "kg/m²": "kg/m²"}
SEX = {"male": ("男", "boys"), "female": ("女", "girls"), "all": ("合计", "all")}
# A short, generic suggestion per item for parents: no medical claim, only everyday practice.
NOTES = {
    "vital_capacity": ("多参加跑、跳、游泳等有氧运动，练习深呼吸。",
                       "Running, skipping, swimming and other aerobic play; practise deep breathing."),
    "run_50m": ("多做短距离快跑、追逐游戏和起跑练习。", "Short sprints, chasing games and practising starts."),
    "sit_and_reach": ("每天做几分钟拉伸（坐位体前屈、压腿），动作要慢。",
                      "A few minutes of slow stretching every day (reaching to the toes, leg stretches)."),
    "rope_skip_1min": ("每天跳绳几组，先求连贯再求速度。", "Skip rope a few sets a day: smooth first, then faster."),
    "sit_up_1min": ("练习仰卧起坐、平板支撑等腰腹练习，循序渐进。",
                    "Sit-ups, planks and other core exercises, a little more each week."),
    "shuttle_run_50m_x8": ("多做慢跑和往返跑，逐步延长跑步时间。",
                           "Jogging and shuttle runs, running a little longer over time."),
    "standing_long_jump": ("多做跳跃游戏（跳格子、蛙跳），注意摆臂。",
                           "Jumping games (hopscotch, frog jumps), swinging the arms."),
    "pull_up": ("练习悬垂和斜身引体，逐步增加次数。", "Hanging and inclined pull-ups, adding one at a time."),
    "run_1000m": ("每周几次中长跑或慢跑，逐步提高速度。", "Jog or run a few times a week, slowly getting faster."),
    "run_800m": ("每周几次中长跑或慢跑，逐步提高速度。", "Jog or run a few times a week, slowly getting faster."),
}


def say(pair: tuple[str, str] | None, lang: str | None = None) -> str:
    if not pair:
        return ""
    return pair[0] if (lang or lang_code()) == "zh" else pair[1]


def level(key: str | None, t: FitnessTables, lang: str | None = None) -> str:
    return say(t.level_names.get(key or ""), lang)


def _num(value: Decimal) -> str:
    text = f"{value:,}"
    return text


def measure(key: str, value: Decimal, t: FitnessTables, lang: str | None = None) -> str:
    """A result as measured, with its unit: 8.9秒, 1分36秒, 1,520毫升, 15.8千克/米²."""
    lang = lang or lang_code()
    info = t.items[key]
    if info.min_sec:
        minutes, seconds = divmod(value, 60)
        sec = f"{seconds.normalize():f}" if seconds != seconds.to_integral() else f"{int(seconds)}"
        if lang == "zh":
            return f"{int(minutes)}分{sec}秒" if minutes else f"{sec}秒"
        return f"{int(minutes)}'{int(seconds):02d}\"" if seconds == seconds.to_integral() else f"{int(minutes)}'{sec}\""
    if lang == "zh":
        return f"{_num(value)}{info.unit_zh}"
    unit = UNIT_EN.get(info.unit, info.unit)
    return f"{_num(value)} {unit}".strip() if unit else _num(value)


ZH_SHOWN = {"bmi": "体重指数"}  # the tables' name adds "（BMI）", an English word on a Chinese page


def item_name(key: str, t: FitnessTables, lang: str | None = None) -> str:
    info = t.items[key]
    return ZH_SHOWN.get(key, info.zh) if (lang or lang_code()) == "zh" else info.en


def item_rows(s: Scored, t: FitnessTables) -> list[dict[str, Any]]:
    """Each item of a report card: name, result as measured, score, level, weight, bonus."""
    out = []
    for i in s.items:
        shown = measure(i.key, i.value, t)
        # BMI's grade word is its category (正常/低体重/超重/肥胖), never a score word
        word, key = ((say(BMI.get(s.bmi_category or "")), f"bmi-{s.bmi_category}") if i.key == "bmi"
                     else (level(i.level, t), i.level))
        out.append({"key": i.key, "name": item_name(i.key, t), "result": shown, "score": i.score,
                    "level": word, "level_key": key, "weight": f"{i.weight.normalize():f}",
                    "bonus": s.bonus.get(i.key, 0)})
    for key in s.missing:
        out.append({"key": key, "name": item_name(key, t), "result": "", "score": None, "level": "",
                    "level_key": "", "weight": "", "bonus": 0, "missing": True})
    return out


def raw_rows(parsed: dict[str, str | None], t: FitnessTables) -> list[dict[str, Any]]:
    """Results as measured without scores (a result not scored: junior tables not loaded)."""
    return [{"key": k, "name": item_name(k, t), "result": measure(k, Decimal(v), t), "score": None, "level": "",
             "level_key": "", "weight": "", "bonus": 0} for k, v in parsed.items() if v is not None and k in t.items]


def note_for(items: list[ItemScore], t: FitnessTables) -> list[dict[str, str]]:
    return [{"name": item_name(i.key, t), "note": say(NOTES.get(i.key))} for i in items if i.key in NOTES]


def share(part: int, whole: int) -> str:
    """part of whole in per cent, one decimal, rounded half up as the national documents do."""
    if not whole:
        return "—"
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}%"


def mean(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.1f}分" if lang_code() == "zh" else f"{value:.1f}"
