"""The studios' demo at the sources' scale: 57 studios in term today hosted by key teachers, members
across schools, this year's outputs, last year's reviews; and the pages and the dashboard's
figures read what it made."""

from __future__ import annotations

import random

import pytest
from django.db.models import Count, F
from django.test import Client
from django.utils import timezone

from youjun.web.apps.workforce import demo_scale
from youjun.web.apps.workforce.models import KeyTeacherAward
from youjun.web.apps.workforce.studios import demo, selectors
from youjun.web.apps.workforce.studios.models import Member, Output, Review, Studio


@pytest.mark.django_db
def test_the_demo_seeds_57_studios(world) -> None:  # type: ignore[no-untyped-def]
    c = world.c
    today = timezone.localdate()
    demo_scale.seed_district(c, world.snapshots[c.code], today=today, rng=random.Random(3), scale=0.1, areas=False)
    made = demo.seed(c, today=today, rng=random.Random(5))
    counts = selectors.studio_counts(c, today)
    assert made["studios"] == 63 and counts["active"] == 57
    studios = Studio.objects.filter(district=c)
    hosts = set(studios.values_list("host_id", flat=True))
    assert len(hosts) == 63  # one studio per host
    keyed = set(KeyTeacherAward.objects.filter(teacher__district=c, end__isnull=True).values_list("teacher_id",
                                                                                                   flat=True))
    assert len(hosts & keyed) >= min(len(keyed), 57)  # key teachers host first
    per = studios.annotate(n=Count("members")).values_list("n", flat=True)
    assert min(per) >= 6 and max(per) <= 12
    schools = Member.objects.filter(studio__district=c, left__isnull=True).values("teacher__school").distinct().count()
    assert schools > 3  # members across schools
    assert not Member.objects.filter(studio__district=c, teacher_id=F("studio__host_id")).exists()
    assert counts["outputs_total"] == Output.objects.filter(studio__district=c, day__year=today.year).count() > 0
    assert counts["members"] > 57 * 4
    if today.month > 1:
        assert Review.objects.filter(studio__district=c, year=today.year - 1).exists()
    assert demo.seed(c, today=today, rng=random.Random(5))["created"] == 0  # seeded once
    client = Client()
    client.force_login(world.users["admin"])
    html = client.get(f"/workforce/studios/d/{c.code}/").content.decode().replace("\xa0", " ")
    assert "57 个工作室" in html and html.count('data-testid="studio-row"') == selectors.PAGE_SIZE
    s = studios.filter(end__gte=today).first()
    assert s is not None
    page = client.get(f"/workforce/studios/{s.pk}/").content.decode()
    assert page.count('data-testid="member-row"') == s.members.count()
