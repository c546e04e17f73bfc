"""The overview's demo builds the seed's building works (Y2) over the district's schools: 128
schools built or enlarged over 2019–2023 with exactly the sources' totals, part of them inside
the default range, some at new schools; a second run does nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from tests.web.programmes.pworld import PWorld
from youjun.core.overview import default_range
from youjun.web.apps.overview import demo, selectors
from youjun.web.apps.overview.models import SchoolWork

pytestmark = pytest.mark.django_db


def test_the_demo_makes_the_sources_figures(pworld: PWorld) -> None:
    a = pworld.base.a
    today = dt.date(2026, 12, 1)
    made = demo.seed(a, today=today, rng=random.Random(11))
    assert made["schools"] == 128 and made["works"] == SchoolWork.objects.filter(district=a).count()
    t = selectors.totals(a, 2019, 2023)
    assert (t.schools, t.seats, t.land_m2, t.floor_m2, t.flats, t.investment) == (
        128, 38_000, 900_000, 600_000, 1_150, Decimal(319_600))
    assert SchoolWork.objects.filter(district=a, school__isnull=True).count() == made["new_schools"] > 0
    assert SchoolWork.objects.filter(district=a, completed__isnull=True).exists()  # being built: counted nowhere
    years = default_range(today)
    part = selectors.totals(a, years.first, years.last)
    assert 0 < part.schools < 128
    assert demo.seed(a, today=today, rng=random.Random(11)) == {"skipped": True}
    assert not SchoolWork.objects.filter(district=pworld.base.b).exists()
