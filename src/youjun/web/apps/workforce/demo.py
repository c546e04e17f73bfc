"""The career records' demo: honours and contest results (赛课、基本功大赛、优秀教师…) for the
district's existing teachers, at the sources' proportions (Fenghuanghu: 13 teachers entered a
contest, 11 won district first prizes, 3 municipal first prizes; Xuanhua: 187 of 402 staff key or
famous teachers). Teachers, posts, rotations, titles and key tiers come from the workbook and
``demo_scale``; this adds only what they do not. ``bulk_create``: a second or so for 9,300
teachers; one audit event."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from youjun.web.apps.platform import audit
from youjun.web.apps.platform.models import District
from youjun.web.apps.workforce.models import Honour, Teacher

CONTESTS = ("优质课大赛", "教学基本功大赛", "说课比赛", "微课比赛", "班主任基本功大赛")
HONOURS = ("优秀教师", "优秀班主任", "师德标兵", "教书育人楷模", "优秀教育工作者")
PRIZES = ("一等奖", "二等奖", "三等奖")
# level, share of teachers with a result at that level in the last five years (seeding only)
CONTEST_LEVELS = (("school", 0.20), ("county", 0.10), ("city", 0.025), ("province", 0.005))
HONOUR_LEVELS = (("school", 0.10), ("county", 0.05), ("city", 0.01))
BATCH = 2_000


def _day(rng: random.Random, today: dt.date) -> dt.date:
    return today - dt.timedelta(days=rng.randrange(30, 5 * 365))


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    """Honours and contest results for the district's active teachers (replacing the demo's own)."""
    ids = list(Teacher.objects.filter(district=district, active=True).values_list("pk", flat=True))
    rows: list[Honour] = []
    for pk in ids:
        for level, share in CONTEST_LEVELS:
            if rng.random() < share:
                prize = PRIZES[min(int(rng.random() * 3), 2)]
                rows.append(Honour(teacher_id=pk, kind=Honour.Kind.CONTEST, name=rng.choice(CONTESTS), level=level,
                                   prize=prize, awarded_on=_day(rng, today)))
        for level, share in HONOUR_LEVELS:
            if rng.random() < share:
                rows.append(Honour(teacher_id=pk, kind=Honour.Kind.HONOUR, name=rng.choice(HONOURS), level=level,
                                   awarded_on=_day(rng, today)))
    with transaction.atomic():
        Honour.objects.filter(teacher__district=district, evidence__isnull=True).delete()
        Honour.objects.bulk_create(rows, batch_size=BATCH)
        contests = sum(1 for r in rows if r.kind == Honour.Kind.CONTEST)
        audit.record(None, "workforce_honour_add", district, district=district,
                     after={"source": "demo", "contests": contests, "honours": len(rows) - contests})
    return {"honours": len(rows) - contests, "contest_results": contests}
