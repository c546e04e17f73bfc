"""The clean-school demo on the test world's district A: a campaign of 6 stages and 20 key points
all under way, 112 activities over the two full calendar years before this one, 120 publicity
issues, a few ethics cases and no handler; the overview reads 100+ and 120 over those years (and
so over its default, the last five full years); run twice, nothing changes."""

from __future__ import annotations

import datetime as dt
import random

from django.test import RequestFactory

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.integrity import demo, selectors
from youjun.web.apps.party.integrity.models import Activity, CaseHandler, EthicsCase
from youjun.web.apps.platform import extensions


def test_demo_seeds_a_campaign_activities_publicity_and_cases(pworld: PWorld) -> None:
    a = pworld.base.a
    today = dt.date(2026, 12, 1)
    out = demo.seed(a, today=today, rng=random.Random(3))
    assert out["stages"] == 6 and out["key_points"] == 20 and out["activities"] == 112
    assert out["publicity_issues"] == 120 and out["cases"] >= 3
    p = selectors.campaign_progress(selectors.campaigns(a)[0])
    assert p["covered"] == 20 and not p["without"] and all(n > 0 for _s, n in p["stages"])
    acts = Activity.objects.filter(district=a)
    assert {d.year for d in acts.values_list("held_on", flat=True)} == {2024, 2025}
    assert max(acts.values_list("held_on", flat=True)) <= today
    assert len(set(acts.values_list("layer", flat=True))) == 6
    assert acts.filter(school__isnull=True).exists() and acts.filter(school__isnull=False).exists()
    assert EthicsCase.objects.filter(district=a).count() == out["cases"] and not CaseHandler.objects.exists()
    assert all(c.closed_on is None or c.closed_on <= today for c in EthicsCase.objects.all())
    req = RequestFactory().get("/")
    req.user = pworld.user("bureau")
    figs = {f.key: f for f in extensions.district_figures(req, a, 2021, 2025)}
    assert figs["clean_school_activities"].value == 112 and figs["ethics_publicity_issues"].value == 120
    assert demo.seed(a, today=today, rng=random.Random(3)) == {"skipped": True}
