"""Demo school building works at the sources' scale (seed Y2, 永川区): 128 schools built or
enlarged with their projects completed over 2019–2023, +38,000 seats, +900,000 m² of land,
+600,000 m² of floor area, 1,150 teacher flats and ¥3.196 bn (319,600 万元) of construction —
so the overview over 2019–2023 reads exactly those figures; the default range (the last five
full years) shows part of them. Most works are at the district's schools, some at new schools
not yet in the register; two more projects are still being built (no completion date)."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from youjun.web.apps.overview.models import SchoolWork
from youjun.web.apps.platform.models import District, School

SCHOOLS = 128
NEW_SCHOOLS = 18
SEATS, LAND, FLOOR, FLATS, INVESTMENT = 38_000, 900_000, 600_000, 1_150, 319_600  # 万元
FIRST, LAST = 2019, 2023
NEW_NAMES = ("凤凰湖", "兴龙湖", "萱花", "红河", "胜利路", "卫星湖", "南大街", "中山路", "茶山竹海", "青峰",
             "双石", "临江", "大安", "陈食", "来苏", "板桥", "宝峰", "仙龙")


def _split(total: int, n: int, rng: random.Random) -> list[int]:
    """``n`` positive-ish parts of ``total`` that sum to it exactly."""
    weights = [rng.uniform(0.4, 1.6) for _ in range(n)]
    s = sum(weights)
    parts = [int(total * w / s) for w in weights]
    parts[-1] += total - sum(parts)
    return parts


def _new_names(district: District, registered: set[str], n: int) -> list[str]:
    """``n`` distinct names of new schools, none a registered school's name (a new school named
    as a registered one would be counted twice: 永川区青峰小学 is in the register)."""
    out: list[str] = []
    k = len(NEW_NAMES)
    i = 0
    while len(out) < n:
        name = f"{district.name}{NEW_NAMES[i % k]}{'' if i < 2 * k else i // (2 * k) + 1}" \
               f"{'小学' if (i // k) % 2 == 0 else '中学'}"
        if name not in registered and name not in out:
            out.append(name)
        i += 1
    return out


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    if SchoolWork.objects.filter(district=district).exists():
        return {"skipped": True}
    schools = list(School.objects.filter(district=district).order_by("code"))
    existing = schools[:SCHOOLS - NEW_SCHOOLS]
    new_names = _new_names(district, {s.name for s in schools}, SCHOOLS - len(existing))
    seats, land, floor = _split(SEATS, SCHOOLS, rng), _split(LAND, SCHOOLS, rng), _split(FLOOR, SCHOOLS, rng)
    flats, money = _split(FLATS, SCHOOLS, rng), _split(INVESTMENT * 100, SCHOOLS, rng)  # in 元 hundreds: exact
    works = []
    for i in range(SCHOOLS):
        year = FIRST + i % (LAST - FIRST + 1)
        completed = dt.date(year, rng.randint(6, 12), rng.randint(1, 28))
        started = completed - dt.timedelta(days=rng.randint(300, 700))
        school = existing[i] if i < len(existing) else None
        name = school.name if school else new_names[i - len(existing)]
        kind = SchoolWork.Kind.ENLARGED if school else SchoolWork.Kind.NEW
        project = f"{name}{'改扩建工程' if school else '新建工程'}"
        works.append(SchoolWork(district=district, school=school, new_school_name="" if school else name, kind=kind,
                                project=project, started=started, completed=completed, seats_added=seats[i],
                                land_m2=land[i], floor_m2=floor[i], teacher_flats=flats[i],
                                investment=Decimal(money[i]) / 100, source="演示数据"))
    for i, school in enumerate(existing[:2]):  # being built: counted nowhere yet
        works.append(SchoolWork(district=district, school=school, kind=SchoolWork.Kind.ENLARGED,
                                project=f"{school.name}二期工程", started=dt.date(today.year, 3, 1 + i),
                                seats_added=600, floor_m2=5_000, investment=Decimal(3000), source="演示数据"))
    SchoolWork.objects.bulk_create(works)
    return {"works": len(works), "schools": SCHOOLS, "new_schools": SCHOOLS - len(existing), "seats": SEATS,
            "land_m2": LAND, "floor_m2": FLOOR, "teacher_flats": FLATS, "investment": INVESTMENT,
            "years": f"{FIRST}–{LAST}"}
