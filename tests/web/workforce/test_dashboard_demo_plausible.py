"""#17 and #13/#14 of the bureau's walk: the demo's teachers have careers that fit one life, its
groups are named after their lead schools, and not every lead is a quality school."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from tests.web.world import World
from youjun.web.apps.groups import demo as groups_demo
from youjun.web.apps.groups import selectors as group_selectors
from youjun.web.apps.groups.models import GroupMembership
from youjun.web.apps.workforce import demo_scale
from youjun.web.apps.workforce.models import Assignment, Teacher

pytestmark = pytest.mark.django_db


def test_demo_careers_fit_retirement_ages(world: World) -> None:
    c = world.c
    today = timezone.localdate()
    demo_scale.seed_district(c, world.snapshots[c.code], today=today, rng=random.Random(7), scale=0.05,
                             areas=False)
    teachers = list(Teacher.objects.filter(district=c))
    assert teachers
    first = {}
    for tid, year in Assignment.objects.filter(teacher__district=c).values_list("teacher_id", "start__year"):
        first[tid] = min(year, first.get(tid, year))
    for t in teachers:
        age = today.year - t.birth_year
        assert age < (60 if t.sex == "male" else 55), (t.staff_id, t.birth_year, t.sex)
        assert 21 <= t.started_teaching - t.birth_year <= 25
        assert first[t.pk] >= t.started_teaching, (t.staff_id, first[t.pk], t.started_teaching)


def test_demo_groups_named_after_their_leads_and_coverage_below_full(world: World) -> None:
    c = world.c
    today = timezone.localdate()
    groups_demo.seed(c, today=today, rng=random.Random(7))
    leads = GroupMembership.objects.filter(group__district=c, role="lead", end__isnull=True).select_related(
        "group", "school")
    assert leads
    for m in leads:
        assert m.school.name in m.group.name or m.group.name.startswith(m.school.name[:2]), (m.group.name,
                                                                                                m.school.name)
    cov = group_selectors.coverage(c, today)
    assert cov["percent"] is not None and cov["percent"] < 100
