"""The growth ladder's demo, on a district's existing teachers.

``seed(district, *, today, rng)`` puts every active teacher of the district at a stage of the
default ladder consistent with their career record: years of teaching (under 3: 入格), key-teacher
tier (a subject leader or key teacher of 8+ years: 升格; a famous or special-grade teacher of 15+
years: 风格), with the accepted items (open lessons, contest prizes, research, mentoring) their
stage asks for, so the pages' "what is missing" reads true. It names a promotion panel of three
demo accounts (password ``DEMO_PASSWORD``) and leaves some applications pending, one with a
decision already given. Bulk writes for the stages and items (fast at 9,300 teachers); the
panel and the applications go through ``services`` (audited).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import Q

from youjun.core import workforce_growth as core
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.models import District, User
from youjun.web.apps.workforce.growth import selectors, services
from youjun.web.apps.workforce.growth.models import Application, Item, TeacherStage
from youjun.web.apps.workforce.models import KeyTeacherAward, Teacher

DEMO_PASSWORD = "youjun-demo-2025"
PENDING = 12  # applications left pending
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TITLES = {
    "lessons": ("校级公开课", "区级公开课", "送教下乡示范课", "片区教研展示课"),
    "contest": ("优质课大赛", "基本功大赛", "赛课"),
    "research": ("区级课题结题", "论文发表", "市级课题结题"),
    "mentoring": ("青蓝工程师徒结对", "带教新入职教师"),
}


def _target(years: int, tier: str, rng: random.Random) -> str:
    if years < 3:
        return "entering"
    if tier in ("famous", "special_grade") and years >= 15:
        return "style"
    if tier in ("leader", "key") and years >= 8:
        return "advancing"
    if years >= 15 and rng.random() < 0.12:
        return "style"
    if years >= 8 and rng.random() < 0.35:
        return "advancing"
    return "qualified"


def _insert(model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Many rows at once (the ORM's bulk_create costs seconds per 10,000 rows of Python objects)."""
    opts = model._meta
    fields = [opts.get_field(c.removesuffix("_id")) for c in columns]
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {connection.ops.quote_name(opts.db_table)} ({names}) VALUES ({marks})"
    prepared = [tuple(f.get_db_prep_save(v, connection) if not f.is_relation else v for f, v in zip(fields, row,
                                                                                                    strict=True))
                for row in rows]
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(prepared), 5000):
            cursor.executemany(sql, prepared[start:start + 5000])


def _panel(district: District) -> list[User]:
    users = []
    for i in range(1, 4):
        name = f"growth-panel-{district.code}-{i}"
        user = User.objects.filter(username=name).first() or platform_services.create_user(None, name, DEMO_PASSWORD)
        users.append(user)
    return users


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    ladder = core.default_ladder(today)
    teachers = list(Teacher.objects.filter(district=district, active=True).only("id", "started_teaching"))
    tiers = dict(KeyTeacherAward.objects.filter(teacher__district=district)
                 .filter(Q(end__isnull=True) | Q(end__gte=today)).values_list("teacher_id", "tier"))
    TeacherStage.objects.filter(teacher__district=district).delete()
    Item.objects.filter(teacher__district=district, application__isnull=True).delete()
    stages: list[tuple[Any, ...]] = []
    items: list[tuple[Any, ...]] = []
    for t in teachers:
        years = core.years_of_teaching(t.started_teaching, today)
        code = _target(years, tiers.get(t.pk, ""), rng)
        target = ladder.stage(code)
        assert target is not None
        wanted = {c.kind: c for s in ladder.stages[: ladder.index(code) + 1] for c in s.criteria}
        for kind, c in wanted.items():
            if kind == "years":
                continue
            for _n in range(c.min + (rng.random() < 0.3)):
                day = today - dt.timedelta(days=rng.randint(30, 365 * max(min(years, 10), 1)))
                items.append((t.pk, kind, rng.choice(TITLES[kind]), day, c.level if kind == "contest" else "",
                              c.prize if kind == "contest" else "", True))
        reached = max(years - 3 * ladder.index(code), 0)
        since = dt.date(today.year - min(reached, rng.randint(0, 4)), 9, 1)
        stages.append((t.pk, code, min(since, today), "演示数据（按教龄与骨干称号）"))
    _insert(Item, ("teacher_id", "kind", "title", "day", "level", "prize", "accepted"), items)
    _insert(TeacherStage, ("teacher_id", "stage", "since", "note"), stages)
    panel = _panel(district)
    services.set_panel(None, district, [u.username for u in panel])
    # some applications pending: qualified teachers of 8+ years ask for 升格 with a research item
    pending = 0
    candidates = [t for t, s in zip(teachers, stages, strict=True) if s[1] == "qualified"
                  and core.years_of_teaching(t.started_teaching, today) >= 8]
    rng.shuffle(candidates)
    for t in candidates[:PENDING]:
        if Application.objects.filter(teacher=t, state=Application.State.PENDING).exists():
            continue
        teacher = Teacher.objects.select_related("district", "school").get(pk=t.pk)
        claim = services.ItemClaim("research", "区级课题《农村初中分层作业设计》结题", today - dt.timedelta(days=40),
                                   SimpleUploadedFile("结题证书.pdf", PDF, content_type="application/pdf"))
        app = services.apply(None, teacher, "advancing", [claim], statement="申请升格（演示）")
        if pending == 0:
            services.decide(panel[0], app, agree=True, reason="")
        pending += 1
    counts = selectors.stage_counts(district)
    return {"teachers": len(teachers), "items": len(items), "pending": pending,
            "panel": [u.username for u in panel], "stages": {c["label"]: c["teachers"] for c in counts}}
