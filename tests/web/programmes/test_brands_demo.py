"""The brands demo on the test world's district A: approved brands with emblems and dated steps,
brand schools scored above the pass mark, two applications in the queue and one returned; the
overview's figures read what it made; run twice, it changes nothing."""

from __future__ import annotations

import io
import random

from django.test import RequestFactory
from django.utils import timezone
from PIL import Image

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.brands import demo, figures, selectors
from youjun.web.apps.party.brands.models import Acceptance, Brand, BrandStep
from youjun.web.apps.platform.models import School


def test_the_demo_makes_brands_brand_schools_and_a_queue(pworld: PWorld) -> None:
    a = pworld.base.a
    today = timezone.localdate()
    n_schools = School.objects.filter(district=a).count()
    made = demo.seed(a, today=today, rng=random.Random(7))
    approved = min(demo.N_APPROVED, n_schools - 3)
    accepted = min(demo.N_ACCEPTED, approved)
    assert made == {"brands": approved + 3, "approved": approved, "brand_schools": accepted, "in_review": 2,
                    "returned": 1}
    brands = Brand.objects.filter(district=a)
    assert brands.filter(state="approved").count() == approved
    assert brands.filter(state="approved").values("school").distinct().count() == approved
    assert len(set(brands.values_list("name", flat=True))) == brands.count()
    assert selectors.queue(a).count() == 2 and brands.filter(state="returned").count() == 1
    returned = brands.get(state="returned")
    assert BrandStep.objects.filter(brand=returned, action="return").exclude(comment="").exists()
    for b in brands.filter(state="approved"):
        steps = list(b.steps.values_list("to_state", "on"))
        assert [s for s, _ in steps] == ["submitted", "under_review", "approved"]
        assert [d for _, d in steps] == sorted(d for _, d in steps) and b.approved_on == steps[-1][1] <= today
    emblem = Image.open(io.BytesIO(bytes(brands.first().emblem)))
    assert emblem.format == "JPEG" and not emblem.getexif()
    accs = Acceptance.objects.filter(school__district=a)
    assert accs.count() == accepted and all(x.total >= x.pass_mark for x in accs)
    assert all(x.decided_on >= x.brand.approved_on for x in accs)
    req = RequestFactory().get("/")
    req.user = pworld.user("bureau")
    # the overview's default: the last five full years (stocks at the end of last year)
    got = {f.key: f.value for f in figures.district_figures(req, a, today.year - 5, today.year - 1)}
    assert got == {"party_brands": approved, "party_brand_schools": accepted,
                   "party_brands_approved_in_period": approved}
    assert demo.seed(a, today=today, rng=random.Random(7))["skipped"] is True
    assert Brand.objects.filter(district=a).count() == approved + 3


def test_thirty_names_and_emblems_are_distinct_enough() -> None:
    assert len(set(demo.NAMES)) == len(demo.NAMES) >= 33
    png = demo.emblem_png(random.Random(1))
    assert Image.open(io.BytesIO(png)).size == (160, 160)
