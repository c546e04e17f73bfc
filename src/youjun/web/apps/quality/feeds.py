"""What the comprehensive record reads from the other evaluation apps: a pupil's fitness result
of the school year (``fitness.selectors.year_summary``) and good-habits term summary
(``habits.selectors.term_summary``), each under the dimension the local rule
``rules/quality/feeds.yaml`` maps it to (fitness → 身心健康, habits → 思想品德).

The pupil page shows them in a panel "来自其他记录"; the class's head teacher adds each as a
record of the term with one click (``add_feed``): entered by the system (its source named) and
by the teacher who clicked, the figures in words as its description. Added once: a feed's
``source`` key (``fitness:<year>`` — one per school year; ``habits:<year>-<term>``) finds the
record it made; a second click with the same figures writes nothing ("already there"); with
changed figures it rewrites that record in place (its selection kept, audited before/after).
A withdrawn record is left as the objection's answer left it. The caller checks scope.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from youjun.core.fitness.model import BMI_CATEGORY_NAMES
from youjun.core.rules import read_yaml, rules_root
from youjun.report import numbers
from youjun.web.apps.fitness import selectors as fitness_selectors
from youjun.web.apps.habits import selectors as habits_selectors
from youjun.web.apps.platform.models import User
from youjun.web.apps.pupils.models import Pupil
from youjun.web.apps.quality import services
from youjun.web.apps.quality.models import Record

FEEDS_FILE = "feeds.yaml"
# the words of the fitness app's codes (as fitness.present says them; read here only as codes)
STATUS = {"scored": ("已评分", "scored"), "exempt": ("免测", "exempt"),
          "incomplete": ("缺项，未评分", "incomplete, not scored"), "refused": ("不予评分", "not scored")}
BMI = BMI_CATEGORY_NAMES


@dataclass(frozen=True)
class FeedRule:
    code: str
    dimension: str
    kind: str
    once_per: str  # "year" | "term"
    source_zh: str
    source_en: str

    def source_label(self, lang: str) -> str:
        return self.source_en if lang == "en" else self.source_zh


def feed_rules(as_of: dt.date | None = None) -> dict[str, FeedRule]:
    """The feeds in force on ``as_of`` (rules/quality/feeds.yaml, a LOCAL rule)."""
    raw = read_yaml(rules_root() / "quality" / FEEDS_FILE)
    day = as_of or timezone.localdate()
    value: Any = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= day:
            value = entry["value"]
    if value is None:
        raise services.refuse("E1105", value=FEEDS_FILE, rule="quality.feeds")
    return {f["code"]: FeedRule(f["code"], f["dimension"], f["kind"], f["once_per"], f["source_zh"], f["source_en"])
            for f in value["feeds"]}


@dataclass(frozen=True)
class Feed:
    """One figure set of another record, as the panel shows it and as a record would store it."""

    code: str
    rule: FeedRule
    dimension_label: str
    source_label: str
    figures: tuple[tuple[str, str], ...]  # (label, value) in the page's language
    link: str
    title: str  # stored in Chinese, as records are
    description: str
    day: dt.date
    source: str  # the key stored on Record.source
    record: Record | None  # the record it made, if any
    state: str  # "new" | "added" | "changed" | "withdrawn"


def _words(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def _year_day(school_year: str, today: dt.date) -> dt.date:
    start = int(school_year[:4])
    return min(max(today, dt.date(start, 9, 1)), dt.date(start + 1, 8, 31))


def _existing(pupil: Pupil, school_year: str, term: int, rule: FeedRule, source: str) -> Record | None:
    rows = Record.objects.filter(pupil=pupil, school_year=school_year, kind=rule.kind, source=source)
    if rule.once_per == "term":
        rows = rows.filter(term=term)
    return rows.select_related("entered_by").order_by("withdrawn", "pk").first()


def _state(record: Record | None, title: str, description: str) -> str:
    if record is None:
        return "new"
    if record.withdrawn:
        return "withdrawn"
    return "added" if (record.title, record.description) == (title[:120], description) else "changed"


def fitness_feed(pupil: Pupil, school_year: str, term: int, lang: str, rule: FeedRule,
                 today: dt.date | None = None) -> Feed | None:
    s = fitness_selectors.year_summary(pupil, school_year)
    if s is None:
        return None
    total = f"{numbers.fixed(float(s.total), 1)} 分" if s.total is not None else ""
    total_en = f"{numbers.fixed(float(s.total), 1)} points" if s.total is not None else ""
    status_zh, status_en = STATUS.get(s.status, (s.status, s.status))
    bmi_zh, bmi_en = BMI.get(s.bmi_category, ("", ""))
    parts = [f"{school_year}学年《国家学生体质健康标准》测试"]
    if s.status == "scored":
        parts.append(f"总分 {total}，等级{s.level_zh}")
    else:
        parts.append(status_zh)
    if bmi_zh:
        parts.append(f"体重指数{bmi_zh}")
    description = "：".join(parts[:2]) + ("，" + parts[2] if len(parts) > 2 else "") + "。"
    title = f"体质健康测试（{school_year}学年）：{s.level_zh if s.status == 'scored' else status_zh}"
    figures = [(_words(lang, "学年", "School year"), school_year)]
    if s.status == "scored":
        figures += [(_words(lang, "总分", "Total"), _words(lang, total, total_en)),
                    (_words(lang, "等级", "Level"), _words(lang, s.level_zh, s.level_en))]
    else:
        figures.append((_words(lang, "结果", "Result"), _words(lang, status_zh, status_en)))
    if bmi_zh:
        figures.append((_words(lang, "体重指数", "Body mass index"), _words(lang, bmi_zh, bmi_en)))
    source = f"fitness:{school_year}"
    record = _existing(pupil, school_year, term, rule, source)
    return Feed("fitness", rule, "", rule.source_label(lang), tuple(figures),
                reverse("fitness:pupil", args=[pupil.pk, school_year]), title, description,
                _year_day(school_year, today or timezone.localdate()), source, record,
                _state(record, title, description))


def _rate(value: float | None) -> str:
    return "—" if value is None else numbers.percent(value * 100, measured=True)


def habits_feed(pupil: Pupil, school_year: str, term: int, lang: str, rule: FeedRule,
                today: dt.date | None = None) -> Feed | None:
    s = habits_selectors.term_summary(pupil, school_year, term, today=today)
    if not s.due and not s.comment:
        return None
    term_zh, term_en = services.term_words(school_year, term)
    kept = "、".join(s.habits_kept)
    end = f"{s.end.month}月{s.end.day}日"
    parts = [f"{term_zh}习惯养成（统计至{end}）：完成率 {_rate(s.rate)}"
             f"（完成 {numbers.count(s.done)} 次，应完成 {numbers.count(s.due)} 次）"]
    parts.append(f"坚持良好的习惯：{kept}" if kept else "坚持良好的习惯：暂无")
    if s.praises:
        parts.append(f"受表扬 {numbers.count(s.praises)} 次")
    if s.comment:
        parts.append(f"教师评语：{s.comment}")
    description = "；".join(parts) + "。"
    title = f"习惯养成（{term_zh}）：完成率 {_rate(s.rate)}"
    figures = [(_words(lang, "学期", "Term"), _words(lang, term_zh, term_en)),
               (_words(lang, "完成率", "Completion rate"),
                _words(lang, f"{_rate(s.rate)}（{numbers.count(s.done)} 次 / {numbers.count(s.due)} 次）",
                       f"{_rate(s.rate)} ({numbers.count(s.done)} of {numbers.count(s.due)} times)")),
               (_words(lang, "坚持良好的习惯", "Habits kept"),
                kept or _words(lang, "暂无", "none yet"))]
    if s.praises:
        figures.append((_words(lang, "受表扬", "Praised"),
                        _words(lang, f"{numbers.count(s.praises)} 次", f"{numbers.count(s.praises)} times")))
    if s.comment:
        figures.append((_words(lang, "教师评语", "Teacher's comment"), s.comment))
    source = f"habits:{school_year}-{term}"
    record = _existing(pupil, school_year, term, rule, source)
    return Feed("habits", rule, "", rule.source_label(lang), tuple(figures),
                f"{reverse('habits:summary', args=[pupil.pk])}?year={school_year}&term={term}", title, description,
                s.end, source, record, _state(record, title, description))


MAKERS = {"fitness": fitness_feed, "habits": habits_feed}


def pupil_feeds(pupil: Pupil, school_year: str, term: int, lang: str, *,
                today: dt.date | None = None) -> list[Feed]:
    """The feeds with something to show for the pupil's year and term (none: an empty list)."""
    r = services.rules_for(pupil.school.district)
    labels = {d.code: d.label(lang) for d in r.dimensions}
    out = []
    for code, rule in feed_rules().items():
        make = MAKERS.get(code)
        feed = make(pupil, school_year, term, lang, rule, today) if make else None
        if feed is not None:
            out.append(replace(feed, dimension_label=labels.get(rule.dimension, rule.dimension)))
    return out


@transaction.atomic
def add_feed(actor: User, pupil: Pupil, school_year: str, term: int, code: str, *, ip: str = "",
             today: dt.date | None = None) -> tuple[Record | None, str]:
    """The head teacher's one click: (record, "added" | "refreshed" | "same" | "withdrawn" | "nothing").
    The caller checks that ``actor`` is the head teacher of the pupil's class that year."""
    Pupil.objects.select_for_update().filter(pk=pupil.pk).first()  # one click at a time per pupil
    rule = feed_rules().get(code)
    make = MAKERS.get(code)
    feed = make(pupil, school_year, term, "zh", rule, today) if rule and make else None
    if feed is None or rule is None:
        return None, "nothing"
    if feed.state in ("added", "withdrawn"):
        return feed.record, "same" if feed.state == "added" else "withdrawn"
    if feed.record is not None:
        return services.refresh_system_record(feed.record, title=feed.title, description=feed.description,
                                              day=feed.day, actor=actor, ip=ip), "refreshed"
    if code == "fitness":
        rec = services.add_fitness_record(pupil, school_year=school_year, term=term, title=feed.title, day=feed.day,
                                          source=feed.source, description=feed.description, actor=actor, ip=ip)
    else:
        rec = services.add_habits_record(pupil, school_year=school_year, term=term, dimension=rule.dimension,
                                         title=feed.title, day=feed.day, source=feed.source,
                                         description=feed.description, actor=actor, ip=ip)
    return rec, "added"
