"""The party-building brands' demo, on a district's existing schools (seeds 001 W2: Wansheng's 30
brands and 19 brand schools).

``seed(district, *, today, rng)`` gives 30 schools an approved brand each (a distinct name, a
small emblem drawn with Pillow and re-encoded as an upload is, a meaning, the dated steps
draft → submitted → under review → approved over the last three calendar years), accepts 19 of
them as brand schools with scores against the criteria in force (all above the pass mark), and
leaves 2 applications in the review queue and 1 returned with the bureau's reasons. A district
of fewer than 33 schools gets as many as it has room for. Bulk writes; run twice, it changes
nothing (a district with brands is left as it is).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from PIL import Image, ImageDraw

from youjun.core import party_brands as rules
from youjun.web.apps.party.brands.models import Acceptance, Brand, BrandStep
from youjun.web.apps.party.brands.services import clean_emblem
from youjun.web.apps.platform.models import District, School

N_APPROVED = 30
N_ACCEPTED = 19
NAMES = ("红烛先锋", "向阳花开", "红魂铸绿梦", "三真先锋", "星火燎原", "初心映童心", "党旗领航", "红色引擎",
         "先锋铸魂", "薪火相传", "润心育人", "红石榴", "青松挺立", "红烛映初心", "强基固本", "红心向党",
         "溪畔红烛", "书香党建", "先锋绿洲", "红帆远航", "匠心筑梦", "同心圆", "山花烂漫", "红领巾心向党",
         "红色基因代代传", "立德树人先锋岗", "清风廉韵", "红梅傲雪", "党员先锋岗", "红韵书香", "阳光党建",
         "晨曦先锋", "红土育苗")
COLOURS = ("#c8102e", "#d4351c", "#b22222", "#e0a100", "#a4161a", "#9d0208")


class _Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name
        self.size = len(data)


def emblem_png(rng: random.Random, size: int = 160) -> bytes:
    """A small emblem: a ring, a five-pointed star and a band, in party red and gold."""
    import math

    img = Image.new("RGB", (size, size), "white")
    d = ImageDraw.Draw(img)
    red, gold = rng.choice(COLOURS), "#f2c230"
    d.ellipse((6, 6, size - 6, size - 6), outline=red, width=10)
    cx, cy, r_out = size / 2, size / 2 - 8, size * 0.28
    turn = rng.uniform(-0.3, 0.3)
    pts = []
    for i in range(10):
        r = r_out if i % 2 == 0 else r_out * 0.42
        a = -math.pi / 2 + turn + i * math.pi / 5
        pts.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    d.polygon(pts, fill=gold, outline=red)
    d.rectangle((size * 0.22, size * 0.7, size * 0.78, size * 0.8), fill=red)
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def _day_in(year: int, rng: random.Random, today: dt.date) -> dt.date:
    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(20, 300))
    return min(day, today)


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    if Brand.objects.filter(district=district).exists():
        return {"skipped": True, "brands": Brand.objects.filter(district=district).count()}
    schools = list(School.objects.filter(district=district).order_by("code"))
    pending = min(3, max(0, len(schools) - 1))
    n_approved = min(N_APPROVED, len(schools) - pending)
    n_accepted = min(N_ACCEPTED, n_approved)
    picked = rng.sample(schools, n_approved + pending)
    crits = rules.criteria(today)
    mark = rules.pass_mark(today)
    first_year = today.year - 4  # approvals and acceptances all before the last full year ends
    brands: list[Brand] = []
    steps: list[tuple[int, str, str, str, dt.date, bool, str]] = []  # (index, action, from, to, on, bureau, comment)
    for i, school in enumerate(picked):
        name = NAMES[i % len(NAMES)]
        content, ctype, sha = clean_emblem(_Upload(emblem_png(rng), f"{name}.png"))
        meaning = (f"“{name}”：坚持党建引领，把党的教育方针融入{school.name}的办学理念和学校特色，"
                   "以党员教师示范岗、主题党日和志愿服务为载体，做到一支部一品牌、一品牌一特色。")
        if i < n_approved:
            submitted = _day_in(first_year + i % 3, rng, today)
        else:  # the returned one and the queue: this autumn's applications
            submitted = today - dt.timedelta(days=rng.randrange(3, 20))
        b = Brand(district=district, school=school, name=name, meaning=meaning, year=submitted.year,
                  emblem=content, emblem_type=ctype, emblem_sha256=sha, submitted_on=submitted)
        steps.append((i, "submit", "draft", "submitted", submitted, False, ""))
        if i < n_approved:
            reviewed = min(submitted + dt.timedelta(days=rng.randrange(5, 20)), today)
            approved = min(reviewed + dt.timedelta(days=rng.randrange(10, 40)), today)
            b.state, b.approved_on = "approved", approved
            steps += [(i, "review", "submitted", "under_review", reviewed, True, ""),
                      (i, "approve", "under_review", "approved", approved, True, "经审核，同意命名为党建品牌")]
        elif i == n_approved:  # one returned with the bureau's reasons
            b.state = "returned"
            back = min(submitted + dt.timedelta(days=2), today)
            steps += [(i, "review", "submitted", "under_review", back, True, ""),
                      (i, "return", "under_review", "returned", back, True,
                       "品牌释义与学校办学理念结合不够，请补充活动载体和佐证材料后重新提交")]
        elif i == n_approved + 1:
            b.state = "submitted"
        else:
            b.state = "under_review"
            steps.append((i, "review", "submitted", "under_review", min(submitted + dt.timedelta(days=2), today),
                          True, ""))
        brands.append(b)
    with transaction.atomic():
        Brand.objects.bulk_create(brands)
        BrandStep.objects.bulk_create([BrandStep(brand=brands[i], action=a, from_state=f, to_state=t, on=on,
                                                 by_bureau=bur, comment=c) for i, a, f, t, on, bur, c in steps])
        accs = []
        for b in brands[:n_accepted]:
            assert b.approved_on is not None
            applied = min(b.approved_on + dt.timedelta(days=rng.randrange(30, 120)), today)
            decided = min(applied + dt.timedelta(days=rng.randrange(10, 40)), today)
            scores = {c.key: Decimal(rng.randrange(820, 980)) / 10 for c in crits}
            total = rules.total(scores, crits)
            accs.append(Acceptance(brand=b, school=b.school, state=Acceptance.State.ACCEPTED, applied_on=applied,
                                   scores=[{"key": c.key, "score": str(scores[c.key]), "note": ""} for c in crits],
                                   total=total, pass_mark=mark, decided_on=decided, note="验收合格"))
            assert rules.passed(total, mark)
        Acceptance.objects.bulk_create(accs)
    return {"brands": len(brands), "approved": n_approved, "brand_schools": n_accepted,
            "in_review": max(0, pending - 1), "returned": 1 if pending else 0}
