"""Consultation hygiene: every /consult/ page of the URL conf, for every consultation role and
both languages, on the seeded Rongchang demo year (tests/web/hygiene.py decides what is wrong:
``None``/``nan``, reprs, identifiers such as ``in_progress``/``cross_border``/``lighting``, English on
Chinese pages or Chinese on English ones, numbers with too many decimals); then the error pages
people meet (each form posted empty or wrong) and the files they download (open data CSV and
JSON labels, the bulk-progress template, the survey's invitation sheet, the daily digest e-mail).

Routes and targets come from the permission matrix (test_access_matrix: its routes, ``fill`` and
the areas' target makers), so a new page joins by itself; the demo adds its own targets (a closed
item, a reopened one, one with agreed opinions, a merged one, a meeting of every venue with
residents, a survey in every state). Set YOUJUN_HYGIENE_REPORT=<file> to write every finding.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import time
from collections import defaultdict
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.web import hygiene
from tests.web.consultation.matrix import Objects, Target
from tests.web.consultation.photo_bytes import jpeg_bytes
from tests.web.consultation.test_access_matrix import RULES, consultation_routes, fill, targets
from tests.web.world import PASSWORD, World
from youjun.web.apps.consultation import bulk_progress, demo, digest, open_data, photos, services
from youjun.web.apps.consultation import services_survey as ss
from youjun.web.apps.consultation.access import mask_name
from youjun.web.apps.consultation.models import (
    Attendee,
    Body,
    Concern,
    Department,
    Event,
    Meeting,
    Participant,
    Studio,
    Survey,
    SurveyQuestion,
)
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import District, School, User

LANGS = ("zh", "en")
YEAR = "2025-2026"
# role -> user name: the demo's accounts, a resident with items and one without, the district
# bureau's administrator (the survey) and the platform's administrator
ROLES = {"anon": "", "resident": "resident", "resident_none": "nobody", "staff": "cppcc", "member": "member",
         "department": "town-dept", "department_edu": "edu-dept", "member_nj": "nj-member",
         "bureau": "bureau", "admin": "admin"}

ISO_DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])")
FULL_ROLES = ("anon", "resident", "staff", "member", "department", "bureau")


# --- the world --------------------------------------------------------------------------------

def _seed(world: World) -> dict[str, Any]:
    """The demo year on district A, a Neijiang member, a photo, surveys in every state."""
    demo.seed_demo(2025, district=world.a)
    rc, nj = Body.objects.get(code="rongchang"), Body.objects.get(code="neijiang")
    nj_user = platform_services.create_user(None, "nj-member", PASSWORD, full_name="内江市政协委员")
    services.add_participant(None, nj_user, nj, "member", sector="农业界")
    nj_item = services.raise_concern(nj_user, nj, title="隆昌至荣昌公路坑洼", text="路面破损，雨天积水。",
                                     category="roads", on_behalf=True, consent_noted=True, raiser_name="李四",
                                     channel="visit")
    items = Concern.objects.filter(body=rc)
    concern = items.filter(kind=Concern.Kind.CONCERN)
    closed = concern.filter(state="closed", reopen_count=0).order_by("number").first()
    picked: dict[str, Concern | None] = {
        "closed": closed,
        "reopened_closed": concern.filter(state="closed", reopen_count__gt=0).order_by("number").first(),
        "reopened_open": items.filter(reopen_count__gt=0).exclude(state="closed").order_by("number").first(),
        "with_opinions": concern.filter(children__isnull=False).distinct().order_by("number").first(),
        "opinion": items.filter(kind=Concern.Kind.OPINION).order_by("number").first(),
        "merged": items.filter(state="merged").order_by("number").first(),
        "declined": items.filter(state="declined").order_by("number").first(),
        "joint": items.filter(joint_bodies__isnull=False).order_by("number").first(),
        "school": items.filter(school__isnull=False).exclude(indicator="").order_by("number").first(),
    }
    for i, c in enumerate(Concern.objects.filter(raised_by__username="resident").exclude(state="closed")
                          .order_by("number")[:2]):
        picked[f"mine_{i}"] = c
    for state in sorted(set(items.values_list("state", flat=True))):  # an item in every state
        if not any(c is not None and c.state == state for c in picked.values()):
            picked[f"state_{state}"] = items.filter(state=state).order_by("-number").first()
    assert None not in picked.values(), [k for k, v in picked.items() if v is None]
    assert closed is not None
    photos.save_photos(None, closed, [photos.clean_photo(jpeg_bytes(), "x.jpg", photos.limits_of(rc))])
    meetings = {v: Meeting.objects.filter(body=rc, venue=v, attendees__kind=Attendee.Kind.RESIDENT)
                .order_by("held_on").first() for v in ("courtyard", "studio", "salon", "cross_border")}
    return {"rc": rc, "nj": nj, "nj_item": nj_item, "items": picked, "meetings": meetings,
            "surveys": _surveys(world)}


def _surveys(world: World) -> dict[str, Any]:
    """District A's surveys: a draft, one collecting, one closed, a final one; their codes."""
    bureau = world.users["bureau"]
    draft = ss.create_survey(bureau, world.a, school_year=YEAR, title="草稿调查", population=100_000)
    ss.load_default_questions(bureau, draft)
    live = ss.create_survey(bureau, world.a, school_year=YEAR, title="收集中调查", population=100_000)
    ss.load_default_questions(bureau, live)
    ss.open_survey(bureau, live)
    [(_g, code)] = ss.issue_invitations(bureau, live, {"parents": 1})
    closed = ss.create_survey(bureau, world.a, school_year=YEAR, title="已停止调查", population=100_000)
    q = ss.add_question(bureau, closed, text_zh="满意吗？", text_en="Satisfied?")
    ss.open_survey(bureau, closed)
    [(_g, used)] = ss.issue_invitations(bureau, closed, {"parents": 1})
    ss.respond(ss.usable_invitation(used), {str(q.pk): "satisfied"})
    ss.close_survey(bureau, closed)
    final = ss.create_survey(bureau, world.a, school_year=YEAR, title="定稿调查", population=100_000)
    q = ss.add_question(bureau, final, text_zh="满意吗？", text_en="Satisfied?")
    ss.open_survey(bureau, final)
    Survey.objects.filter(pk=final.pk).update(plan={**final.plan, "sample": 2})
    for _g2, c2 in ss.issue_invitations(bureau, final, {"parents": 1, "residents": 1}):
        ss.respond(ss.usable_invitation(c2), {str(q.pk): "satisfied"})
    ss.finalise(bureau, Survey.objects.get(pk=final.pk))
    other = ss.create_survey(bureau, world.b, school_year=YEAR, title="涪陵调查", population=100_000)
    return {"draft": draft, "open": live, "closed": closed, "final": final, "other": other,
            "code": code, "used_code": used}


def _objects(world: World, seeded: dict[str, Any]) -> Objects:
    """The matrix's objects, taken from the demo (its target makers then work unchanged)."""
    items, meetings, surveys = seeded["items"], seeded["meetings"], seeded["surveys"]
    ids: dict[str, Any] = {
        "rc_item": items["closed"], "joint": items["joint"], "nj_item": seeded["nj_item"],
        "rc_meeting": meetings["courtyard"], "nj_meeting": meetings["cross_border"],
        "cworld": SimpleNamespace(base=world),
        "survey_a": surveys["open"], "survey_b": surveys["other"], "survey_code": surveys["code"]}
    return Objects(ids)


def _targets(kind: str, objs: Objects, seeded: dict[str, Any]) -> list[Target]:
    out = list(targets(kind, objs)) if kind != "photo" else []
    if kind in ("item", "public_item"):
        seen = {t.args["pk"] for t in out}
        out += [Target({"pk": str(c.pk), "number": c.number}, c.body.code) for c in seeded["items"].values()
                if str(c.pk) not in seen]
    elif kind == "meeting":
        seen = {t.args["pk"] for t in out}
        out += [Target({"pk": str(m.pk)}, "rongchang") for m in seeded["meetings"].values() if str(m.pk) not in seen]
    elif kind == "survey":
        s = seeded["surveys"]
        out += [Target({"pk": str(s[k].pk)}, "A") for k in ("draft", "closed", "final")]
    elif kind == "survey_code":
        s = seeded["surveys"]
        out += [Target({"code": s["used_code"]}), Target({"code": "NOPE1-NOPE2"})]
    elif kind == "body":
        out.append(Target({"code": "luzhou"}, "luzhou"))
    elif kind == "photo":
        from youjun.web.apps.consultation.models import Photo
        out += [Target({"pk": str(p.pk)}) for p in Photo.objects.order_by("pk")[:1]]
    return out


# what the forms below type wrongly, shown back as typed so that a person finds it
TYPED = ("no_such_category", "no_such_venue", "no_such_step", "nope", "xml", "people", "abc", "后天", "明天", "昨天",
         "RC-1999-0001", "RC-1999-9999", "nowhere")

# pages read with a query as people reach them from the pages' own links and filters
EXTRA_PAGES = ("/consult/?state=in_progress", "/consult/?category=lighting&town=昌元街道", "/consult/?q=路灯",
               "/consult/?page=2", "/consult/?body=neijiang", "/consult/work/?clock=overdue",
               "/consult/work/?clock=due_soon", "/consult/stats/?year=2025", "/consult/stats/?year=2025&body=rongchang",
               "/consult/stats/?year=1999", "/consult/stats/?body=nowhere", "/consult/stats/?year=abc",
               "/consult/raise/?body=neijiang",
               "/consult/open-data/?format=xml", "/consult/open-data/?dataset=people", "/no/such/consult/page/")


def _names(world: World) -> set[str]:
    """The proper names and free text of the data: shown as they are, in either language."""
    found: set[str] = set()
    for model, fields in ((Body, ("name", "region")), (Department, ("name",)), (Studio, ("name", "theme")),
                          (School, ("name", "town")), (District, ("name",)),
                          (User, ("username", "full_name")), (Participant, ("sector", "neighbourhood")),
                          (Concern, ("title", "text", "town", "village", "raiser_name", "answer", "consent_text")),
                          (Meeting, ("title", "place", "town", "minutes")), (Attendee, ("name", "organisation")),
                          (Event, ("note",)), (Survey, ("title",)), (SurveyQuestion, ("text_zh",))):
        names = [f.name for f in model._meta.get_fields()]
        for field in fields:
            if field in names:
                found.update(str(v) for v in model.objects.values_list(field, flat=True).distinct() if v)
    from youjun.web.apps.consultation.models import Milestone, Rating
    found.update(str(v) for v in Rating.objects.values_list("comment", flat=True) if v)
    found.update(str(v) for v in Milestone.objects.values_list("title", flat=True) if v)
    # a person's name masked for those who may not see it whole (张** · 138****5678) is still a name
    people = [*Concern.objects.values_list("raiser_name", flat=True), *Attendee.objects.values_list("name", flat=True),
              *User.objects.values_list("full_name", flat=True)]
    found.update(mask_name(n) for n in people if n)
    # the platform's proper name, written in Chinese on purpose; the data's dates written in its text
    found.update({"渝事好商量", YEAR, "教督〔2017〕6号", "教督〔2012〕3号"})
    # the bulk template's column names are Chinese in the file itself: its English guide and the
    # English problems name them as written there
    found.update(bulk_progress.HEADERS)
    found.update(TYPED)
    return {n for n in found if n.strip()}


class _NameIndex:
    """The names a text holds, found quickly: thousands of names, over a thousand pages."""

    def __init__(self, names: set[str]) -> None:
        self.by_start: dict[str, list[str]] = defaultdict(list)
        for n in names:
            self.by_start[n[:2]].append(n)

    def within(self, text: str) -> set[str]:
        out: set[str] = set()
        for start in {text[i:i + 2] for i in range(len(text) - 1)} & self.by_start.keys():
            out.update(n for n in self.by_start[start] if n in text)
        return out


class Findings:
    def __init__(self, index: _NameIndex) -> None:
        self.index = index
        self.by_kind: dict[str, list[str]] = defaultdict(list)
        self.rows: list[tuple[str, str]] = []
        self.checked = 0

    def text(self, where: str, text: str, lang: str) -> None:
        self.checked += 1
        for f in hygiene.problems(text, lang, self.index.within(text)):
            self.by_kind[f.split(":")[0]].append(f"{where}: {f}")
            self.rows.append((where, f))

    def page(self, where: str, content: bytes, lang: str) -> None:
        text = hygiene.shown_text(content.decode())
        self.text(where, text, lang)
        if lang == "zh":  # a Chinese page writes its dates in words (2026年12月2日)
            for m in ISO_DATE.finditer(text):
                around = text[max(0, m.start() - 6):m.end() + 4]
                if "例如" in around or "写成" in around or "这样" in around:
                    continue  # an example of how to type a date in a form field
                self.by_kind["date not in words"].append(f"{where}: …{text[max(0, m.start() - 30):m.end() + 30]}…")
                self.rows.append((where, f"date not in words: {m.group(0)}"))

    def report(self) -> str:
        lines = [f"{kind}: {len(items)}" for kind, items in sorted(self.by_kind.items())]
        for kind, items in sorted(self.by_kind.items()):
            lines.append(f"== {kind} ({len(items)})")
            lines += sorted(set(items))[:300]
        return "\n".join(lines)


def _client(world: World, role: str, lang: str) -> Client:
    c = Client()
    if ROLES[role]:
        c.force_login(User.objects.get(username=ROLES[role]))
    c.cookies["youjun_language"] = lang
    return c


# --- the checks -------------------------------------------------------------------------------

def _pages(world: World, seeded: dict[str, Any], found: Findings) -> int:
    objs = _objects(world, seeded)
    kinds: dict[str, list[Target]] = {}
    n = 0
    for lang in LANGS:
        for role in ROLES:
            c = _client(world, role, lang)
            for name, route in sorted(consultation_routes().items()):
                rule = RULES[name]
                if not rule.get:
                    continue
                if rule.targets not in kinds:
                    kinds[rule.targets] = _targets(rule.targets, objs, seeded)
                refused: set[int] = set()  # one page of each refusal per route is enough
                # the demo's extra objects for the roles that see them; the others (who see the
                # same pages as one of these, or 404) read the matrix's own targets (time)
                chosen = kinds[rule.targets] if role in FULL_ROLES else kinds[rule.targets][:3]
                for t in chosen:
                    url = fill(route, t.args)
                    r = c.get(url)
                    n += 1
                    if r.status_code in (301, 302) or "html" not in r.get("Content-Type", ""):
                        continue  # a redirect or a file (the files are read below)
                    if r.status_code != 200:
                        if r.status_code in refused:
                            continue
                        refused.add(r.status_code)
                    found.page(f"{lang} {role} GET {url} {r.status_code}", r.content, lang)
            for url in EXTRA_PAGES:
                r = c.get(url)
                n += 1
                if "html" in r.get("Content-Type", "") and r.status_code not in (301, 302):
                    found.page(f"{lang} {role} GET {url} {r.status_code}", r.content, lang)
    return n


def _bad_xlsx() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "进度更新"
    ws.append(["编号", "标题", "当前进度(%)", "办理期限", "进度(%)", "进展说明", "答复(可选)"])
    ws.append(["RC-1999-0001", "不存在", 0, "", 150, "", ""])
    ws.append(["", "", "", "", "abc", "说明", ""])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _forms(world: World, seeded: dict[str, Any], found: Findings) -> None:
    """Each form posted empty or wrong: the error page a person meets."""
    items, surveys = seeded["items"], seeded["surveys"]
    rc = Concern.objects.filter(body=seeded["rc"], kind=Concern.Kind.CONCERN).order_by("-number")
    raised, assigned, answered = (rc.filter(state=s).first() for s in ("raised", "assigned", "answered"))
    town = Participant.objects.get(user__username=ROLES["department"]).department
    in_progress = Concern.objects.filter(department=town).exclude(state__in=("closed", "answered")).first() or \
        rc.filter(state="in_progress").first()
    assert None not in (raised, assigned, answered, in_progress)
    assert raised and assigned and answered and in_progress
    meeting = seeded["meetings"]["courtyard"]
    posts: list[tuple[str, str, dict[str, Any]]] = [
        ("resident", "/consult/raise/", {}),
        ("resident", "/consult/raise/", {"title": "x" * 300, "text": "", "category": "no_such_category",
                                         "town": "昌元街道", "school": "nope"}),
        ("anon", "/consult/register/", {}),
        ("anon", "/consult/register/", {"username": "a b", "password1": "123", "password2": "456",
                                        "phone": "12", "town": ""}),
        ("anon", "/consult/register/", {"username": "resident", "password1": PASSWORD, "password2": PASSWORD,
                                        "phone": "13800001111", "town": "昌元街道"}),
        ("staff", f"/consult/work/{raised.pk}/", {}),
        ("staff", f"/consult/work/{raised.pk}/", {"action": "no_such_step"}),
        ("staff", f"/consult/work/{raised.pk}/", {"action": "select", "venue": "no_such_venue"}),
        ("staff", f"/consult/work/{raised.pk}/", {"action": "decline", "reason": ""}),
        ("staff", f"/consult/work/{raised.pk}/", {"action": "merge", "into": "RC-1999-9999"}),
        ("staff", f"/consult/work/{raised.pk}/", {"action": "assign", "department": "0", "due_on": "明天"}),
        ("staff", f"/consult/work/{raised.pk}/", {"action": "answer", "text": ""}),
        ("staff", f"/consult/work/{raised.pk}/", {"action": "close", "note": ""}),
        ("staff", f"/consult/work/{assigned.pk}/", {"action": "assign", "department": "0", "due_on": "2020-01-01"}),
        ("department", f"/consult/work/{in_progress.pk}/", {"action": "progress", "percent": "abc", "note": ""}),
        ("department", f"/consult/work/{in_progress.pk}/", {"action": "progress", "percent": "150", "note": "x"}),
        ("department", f"/consult/work/{in_progress.pk}/", {"action": "answer", "text": ""}),
        ("department", f"/consult/work/{in_progress.pk}/", {"action": "close", "note": ""}),
        ("staff", f"/consult/work/{answered.pk}/", {"action": "reopen", "reason": ""}),
        ("staff", f"/consult/work/{in_progress.pk}/milestones/", {}),
        ("staff", f"/consult/work/{in_progress.pk}/milestones/", {"title": "", "due_on": "后天"}),
        ("staff", "/consult/work/record/rongchang/", {}),
        ("staff", "/consult/work/templates/rongchang/", {}),
        ("staff", "/consult/b/rongchang/meetings/new/", {}),
        ("staff", "/consult/b/rongchang/meetings/new/", {"venue": "no_such_venue", "title": "x", "held_on": "昨天",
                                                         "place": ""}),
        ("staff", f"/consult/meetings/{meeting.pk}/", {}),
        ("staff", f"/consult/meetings/{meeting.pk}/", {"action": "person", "kind": "x", "name": ""}),
        ("staff", f"/consult/meetings/{meeting.pk}/", {"action": "consult", "number": "RC-1999-9999"}),
        ("staff", f"/consult/meetings/{meeting.pk}/", {"action": "opinion", "parent": "0", "title": ""}),
        ("staff", "/consult/b/rongchang/moderation/", {}),
        ("department", "/consult/bulk/", {}),
        ("department", "/consult/bulk/", {"file": _upload("进度.xlsx", b"this is not a workbook")}),
        ("department", "/consult/bulk/", {"file": _upload("进度.xlsx", _bad_xlsx())}),
        ("department", "/consult/bulk/", {"file": _upload("进度.csv", b"a,b\n1,2\n")}),
        ("department", "/consult/bulk/confirm/", {}),
        ("resident", f"/consult/c/{items['closed'].number}/report/", {}),
        ("resident", f"/consult/item/{items['mine_0'].pk}/", {}),
        ("resident", f"/consult/item/{items['mine_0'].pk}/", {"action": "rate", "satisfaction": "x"}),
        ("bureau", "/consult/surveys/", {}),
        ("bureau", "/consult/surveys/", {"district": world.a.code, "school_year": "2025", "title": "",
                                         "population": "-5"}),
        ("bureau", f"/consult/surveys/{surveys['draft'].pk}/", {"action": "add"}),
        ("bureau", f"/consult/surveys/{surveys['final'].pk}/", {"action": "open"}),
        ("bureau", f"/consult/surveys/{surveys['open'].pk}/invitations/", {"fmt": "pdf", "n_parents": "-1"}),
        ("bureau", f"/consult/surveys/{surveys['open'].pk}/paper/", {}),
        ("bureau", f"/consult/surveys/{surveys['open'].pk}/paper/", {"code": "X", "group": "parents"}),
        ("bureau", f"/consult/surveys/{surveys['draft'].pk}/paper/", {"code": "X", "group": "parents"}),
        ("bureau", f"/consult/surveys/{surveys['open'].pk}/finalise/", {}),
        ("anon", f"/consult/s/{surveys['code']}/", {}),
        ("anon", f"/consult/s/{surveys['used_code']}/", {}),
    ]
    for lang in LANGS:
        clients = {role: _client(world, role, lang) for role in ROLES}
        for role, url, data in posts:
            for v in data.values():
                if hasattr(v, "seek"):
                    v.seek(0)
            r = clients[role].post(url, data, follow=True)
            if "html" in r.get("Content-Type", ""):
                found.page(f"{lang} {role} POST {url} {sorted(data)} {r.status_code}", r.content, lang)


def _upload(name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def _downloads(world: World, seeded: dict[str, Any], found: Findings) -> None:
    for lang in LANGS:
        anon = _client(world, "anon", lang)
        for dataset in open_data.DATASETS:
            labels = [f.name for f in open_data.FIELDS[dataset] if f.name.endswith("_name") or f.name in (
                "title", "department", "town", "village")]
            r = anon.get(f"/consult/open-data/?dataset={dataset}&format=csv")
            assert r.status_code == 200, (dataset, r.status_code)
            for i, row in enumerate(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")))):
                for key in labels:  # the labels in words are Chinese (the codes beside them are codes)
                    found.text(f"open data {dataset}.csv row {i + 2} {key}", row[key], "zh")
            r = anon.get(f"/consult/open-data/?dataset={dataset}&format=json")
            assert r.status_code == 200, (dataset, r.status_code)
            doc = json.loads(r.content)
            for i, row in enumerate(doc["rows"]):
                for key in labels:
                    found.text(f"open data {dataset}.json rows[{i}].{key}", str(row[key] or ""), "zh")
            for where, label_lang, text in hygiene.json_labels(doc):
                found.text(f"open data {dataset}.json {where}", text, "zh" if label_lang == "?" else label_lang)
        for role in ("department", "department_edu", "staff"):
            r = _client(world, role, lang).get("/consult/bulk/template.xlsx")
            assert r.status_code == 200, (role, r.status_code)
            for cell, text in hygiene.xlsx_cells(r.content):
                if text.startswith("<number as text>"):
                    found.by_kind["number stored as text"].append(f"bulk template {cell}: {text}")
                    continue
                # the guide's second column is its English; every other cell is Chinese
                found.text(f"bulk template {role} {cell}", text, "en" if cell.startswith("填表说明!B") else "zh")
        bureau = _client(world, "bureau", lang)
        for fmt in ("xlsx", "csv"):
            r = bureau.post(f"/consult/surveys/{seeded['surveys']['open'].pk}/invitations/",
                            {"fmt": fmt, "n_parents": "2", "n_residents": "1"})
            assert r.status_code == 200 and "html" not in r["Content-Type"], (fmt, r.status_code)
            if fmt == "xlsx":
                for cell, text in hygiene.xlsx_cells(r.content):
                    if text.startswith("<number as text>"):
                        found.by_kind["number stored as text"].append(f"invitations {cell}: {text}")
                    elif cell.startswith("sheet name") or cell.endswith(("A1", "B1", "C1")) or "!A" in cell:
                        found.text(f"{lang} invitations.xlsx {cell}", text, lang)  # codes and links are codes
            else:
                for i, line in enumerate(csv.reader(io.StringIO(r.content.decode("utf-8-sig")))):
                    shown = line if i == 0 else line[:1]  # the header, then each group
                    found.text(f"{lang} invitations.csv row {i + 1}", " ".join(shown), lang)


def _digest(found: Findings, day: dt.date) -> int:
    """Everyone's digest of ``day`` in the locmem outbox: the Chinese part, then the English one."""
    for p in Participant.objects.filter(kind__in=("staff", "department")).select_related("user"):
        User.objects.filter(pk=p.user_id).update(email=f"{p.user.username}@example.org")
    digest.mark_overdue(day)
    mail.outbox = []
    digest.send_digests(day)
    for m in mail.outbox:
        zh_subject, _, en_subject = m.subject.partition(" / ")
        zh, _, en = m.body.partition("-" * 64)
        found.text(f"digest to {m.to[0]} subject", zh_subject, "zh")
        found.text(f"digest to {m.to[0]} subject", en_subject, "en")
        found.text(f"digest to {m.to[0]} (Chinese part)", zh, "zh")
        found.text(f"digest to {m.to[0]} (English part)", en, "en")
    return len(mail.outbox)


@pytest.mark.slow
def test_every_consultation_page_and_file_reads_clean(world: World, settings) -> None:
    settings.DEBUG = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    started = time.perf_counter()
    seeded = _seed(world)
    found = Findings(_NameIndex(_names(world)))
    seeded_at = time.perf_counter()
    pages = _pages(world, seeded, found)
    paged_at = time.perf_counter()
    sent = _digest(found, dt.date(2025, 12, 22))
    _downloads(world, seeded, found)
    _forms(world, seeded, found)
    took = {"seed": seeded_at - started, "pages": paged_at - seeded_at, "rest": time.perf_counter() - paged_at}
    assert pages > 500, pages
    assert sent > 3, sent
    if os.environ.get("YOUJUN_HYGIENE_REPORT"):  # every finding, for the people fixing them
        Path(os.environ["YOUJUN_HYGIENE_REPORT"]).write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in found.rows) + "\n"
            + json.dumps({"checked": found.checked, "requests": pages, "seconds": took}), encoding="utf-8")
    assert not found.by_kind, found.report()
