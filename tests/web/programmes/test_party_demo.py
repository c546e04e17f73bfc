"""The party demo on the test world's district A (4 schools; the demo's 99 / 24 scaled down to
what the district has): what ``seed`` promises is what the overview's figures and the compliance
view read from the records, fast, and a second run changes nothing."""

from __future__ import annotations

import random

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party import demo, selectors
from youjun.web.apps.party.models import CommunityItem, Decision, DutyList, PartyOrganisation
from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.models import EducationGroup, School


def _figures(w: PWorld, last: int) -> dict[str, object]:
    request = RequestFactory().get("/")
    request.user = w.user("bureau")
    return {f.key: f.value for f in extensions.district_figures(request, w.base.a, last - 2, last)}


def test_the_demo_makes_what_it_promises(pworld: PWorld, monkeypatch: pytest.MonkeyPatch) -> None:
    a = pworld.base.a
    today = timezone.localdate()
    eligible = School.objects.filter(district=a).exclude(school_type="teaching_point").count()
    assert eligible >= 3
    monkeypatch.setattr(demo, "N_ORGS", 3)  # 99 and 24 at the sources' scale; 3 and 1 here
    monkeypatch.setattr(demo, "N_SPLIT", 1)
    monkeypatch.setattr(demo, "N_COMMITTEES", 1)
    made = demo.seed(a, today=today, rng=random.Random(7))
    assert made["organisations"] == 3 and made["split"] == 1 and made["full_deputies"] == 3
    n_groups = min(2, EducationGroup.objects.filter(district=a).count())
    assert n_groups and made["group_committees"] == n_groups and made["decisions_lacking_prior_study"] == 1
    # the overview reads the same from the records, at the end of last year and now
    for last in (today.year - 1, today.year):
        figs = _figures(pworld, last)
        assert figs["party_split_posts"] == 1 and figs["party_full_time_deputies"] == 3
        assert figs["party_organisations"] == 3
    rows = selectors.posts_on(a, today)
    assert {r.status for r in rows if r.organisation} == {"split", "combined"}
    assert all(r.organisation is None or r.school.school_type != "teaching_point" for r in rows)
    kinds = sorted(PartyOrganisation.objects.filter(district=a, school__isnull=False).values_list("kind", flat=True))
    assert kinds == ["branch", "branch", "committee"]
    assert PartyOrganisation.objects.filter(district=a, education_group__isnull=False).count() == n_groups
    assert DutyList.objects.filter(school__district=a).exists()
    assert Decision.objects.filter(meeting__school__district=a).exclude(major="").exists()
    assert CommunityItem.objects.filter(group__district=a, done=True).exists()
    # the pages show it: the decision lacking a prior study, the counts
    c = Client()
    c.force_login(pworld.user("bureau"))
    page = c.get(reverse("party:decisions", args=[a.code])).content.decode()
    assert page.count('data-testid="decision-row"') == 1
    page = c.get(reverse("party:compliance", args=[a.code])).content.decode()
    assert 'data-testid="count-split"><strong>1&nbsp;' in page
    # idempotent
    again = demo.seed(a, today=today, rng=random.Random(8))
    assert again["skipped"] and PartyOrganisation.objects.filter(district=a, school__isnull=False).count() == 3
