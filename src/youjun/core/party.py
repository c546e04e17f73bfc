"""School party organisation, pure: the words read from ``rules/party/*.yaml`` (the four kinds of
三重一大 items, the kinds of school meeting, the seven items of a group's 七联七化 community, the
evidence limits) and the few definitions the pages and the overview count by. Nothing here knows
Django.

Definitions (口径):

- a holding (a person in a post) is *in force* on a day when start ≤ day and (no end or day ≤ end);
- a school's posts are *split* (书记、校长分设) on a day when the secretary of the school's party
  organisation and the school's principal in force that day are different people, *combined*
  (一肩挑) when they are the same person, *unknown* when either post has nobody recorded. Two
  holdings are the same person when both link a teacher's record and the records are the same;
  when either has no link, when their names (spaces removed) are the same;
- a 三重一大 decision *lacks a prior study* when it was taken at a meeting whose kind needs one
  (the principal's meeting) and the party organisation did not study it before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from youjun.core.rule_errors import RulesError
from youjun.core.rules import read_yaml, rules_root

FOLDER = "party"
SPLIT, COMBINED, UNKNOWN = "split", "combined", "unknown"


@dataclass(frozen=True)
class Word:
    code: str
    zh: str
    en: str

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class MeetingKind(Word):
    party: bool = False  # the party organisation's own meeting: its decisions count as studied by it
    needs_prior: bool = False  # a 三重一大 item here needs the party organisation's prior study


@dataclass(frozen=True)
class CommunityItem(Word):
    aim_zh: str = ""
    aim_en: str = ""
    confidence: str = ""
    aim_confidence: str = ""

    def aim(self, lang: str) -> str:
        return self.aim_en if lang == "en" else self.aim_zh


@dataclass(frozen=True)
class Person:
    """Who holds a post: the linked teacher's record (its pk) if any, and the name as recorded."""

    teacher_id: int | None
    name: str


def _in_force(raw: Mapping[str, Any], as_of: dt.date, name: str) -> dict[str, Any]:
    found = None
    for effective, entry in sorted((dt.date.fromisoformat(str(k)), v) for k, v in raw["values"].items()):
        if effective <= as_of:
            found = entry["value"]
    if found is None:
        raise ValueError(f"rules/party/{name}.yaml has no value in force on {as_of.isoformat()}")
    return dict(found)


@lru_cache(maxsize=32)
def _raw(name: str, rules_dir: str | None) -> dict[str, Any]:
    return dict(read_yaml(rules_root(rules_dir) / FOLDER / f"{name}.yaml"))


def rule_value(name: str, as_of: dt.date, rules_dir: str | None = None) -> dict[str, Any]:
    return _in_force(_raw(name, rules_dir), as_of, name)


def reference(name: str, rules_dir: str | None = None) -> dict[str, Any]:
    """The file's reference (document, number, article, confidence, local, note)."""
    return dict(_raw(name, rules_dir).get("reference") or {})


def is_local(name: str, rules_dir: str | None = None) -> bool:
    return bool(reference(name, rules_dir).get("local"))


def major_kinds(as_of: dt.date, rules_dir: str | None = None) -> tuple[Word, ...]:
    return tuple(Word(str(k["code"]), str(k["zh"]), str(k["en"]))
                 for k in rule_value("major-decisions", as_of, rules_dir)["kinds"])


def meeting_kinds(as_of: dt.date, rules_dir: str | None = None) -> tuple[MeetingKind, ...]:
    return tuple(MeetingKind(str(k["code"]), str(k["zh"]), str(k["en"]), bool(k.get("party", False)),
                             bool(k.get("needs_prior", False)))
                 for k in rule_value("meeting-kinds", as_of, rules_dir)["kinds"])


def community_items(as_of: dt.date, rules_dir: str | None = None) -> tuple[CommunityItem, ...]:
    return tuple(CommunityItem(str(i["code"]), str(i["zh"]), str(i["en"]), str(i.get("aim_zh", "")),
                               str(i.get("aim_en", "")), str(i.get("confidence", "")),
                               str(i.get("aim_confidence", "")))
                 for i in rule_value("community-items", as_of, rules_dir)["items"])


def evidence_limits(as_of: dt.date, rules_dir: str | None = None) -> dict[str, Any]:
    return rule_value("evidence", as_of, rules_dir)


def word(words: tuple[Word, ...], code: str, lang: str) -> str:
    for w in words:
        if w.code == code:
            return w.label(lang)
    return code


def in_force(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    return start <= day and (end is None or day <= end)


def _name_key(name: str) -> str:
    return "".join((name or "").split())


def same_person(a: Person, b: Person) -> bool:
    if a.teacher_id is not None and b.teacher_id is not None:
        return a.teacher_id == b.teacher_id
    return bool(_name_key(a.name)) and _name_key(a.name) == _name_key(b.name)


def post_status(secretary: Person | None, principal: Person | None) -> str:
    """``split``, ``combined`` or ``unknown`` (see the module's definitions)."""
    if secretary is None or principal is None:
        return UNKNOWN
    return COMBINED if same_person(secretary, principal) else SPLIT


def lacks_prior_study(kind: MeetingKind | None, major: str, prior: bool) -> bool:
    """A 三重一大 item (``major`` a kind's code) decided at a meeting that needs the party
    organisation's prior study, without one."""
    return bool(major) and kind is not None and kind.needs_prior and not kind.party and not prior


def year_end(year: int, today: dt.date) -> dt.date:
    """The day a stock is counted on for ``year``: 31 December, or today when that is sooner."""
    return min(dt.date(year, 12, 31), today)


# -- the audit trail: coded values recorded as "party_<domain>_<code>" and their words ----------

POSTS = {"secretary": ("书记", "party secretary"), "principal": ("校长", "principal"),
         "full_deputy": ("专职副书记", "full-time deputy secretary"), "deputy": ("副书记", "deputy secretary")}
ORG_KINDS = {"committee": ("党委", "party committee"), "general_branch": ("党总支", "general party branch"),
             "branch": ("党支部", "party branch")}


def audit_code(domain: str, code: str) -> str:
    """A code as the audit trail records it (``post``, ``kind``, ``meeting``, ``major``, ``item``),
    so its words never collide with another area's code of the same spelling."""
    return f"party_{domain}_{code}" if code else ""


def audit_words() -> dict[str, tuple[str, str]]:
    """Every recorded code's words (zh, en): the posts and kinds, and the rule files' words."""
    out = {audit_code("post", k): v for k, v in POSTS.items()}
    out |= {audit_code("kind", k): v for k, v in ORG_KINDS.items()}
    try:
        today = dt.date.today()
        for domain, words in (("meeting", meeting_kinds(today)), ("major", major_kinds(today)),
                              ("item", community_items(today))):
            out |= {audit_code(domain, w.code): (w.zh, w.en) for w in words}
    except (OSError, ValueError, KeyError, RulesError):  # no rule files at hand: the codes stay as recorded
        pass
    return out
