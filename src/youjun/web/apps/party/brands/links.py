"""What the brands app adds to the district's page (its brands, brand schools and review queue)
and to a school's page (its brands and brand-school title, when it has any)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from youjun.web.apps.platform import extensions, reach


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    from youjun.web.apps.party.brands import selectors
    from youjun.web.apps.party.brands.models import Brand

    r = reach.district_reach(request.user, district)
    if not r.sees:
        return None
    today = timezone.localdate()
    return extensions.Panel("party_brands_district", "party_brands/panels/district.html", {
        "n_approved": selectors.approved_count(district, None, today),
        "n_schools": selectors.brand_school_count(district, today),
        "n_queue": selectors.queue(district).count(), "bureau": r.bureau,
        # no brand recorded at all (none applied for): 暂无记录, not "0 brands"
        "has_records": Brand.objects.filter(district=district).exists(),
        "url": reverse("party_brands:district", args=[district.code]),
        "schools_url": reverse("party_brands:schools", args=[district.code]),
        "queue_url": reverse("party_brands:queue", args=[district.code]),
    })


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    from youjun.core import party_brands as rules
    from youjun.web.apps.party.brands import selectors
    from youjun.web.apps.platform.templatetags.youjun import lang_code

    r = reach.school_reach(request.user, school)
    if not r.sees:
        return None
    brands = list(selectors.school_brands(school))
    if not brands and not r.manages:
        return None
    today = timezone.localdate()
    zh = lang_code() == "zh"
    return extensions.Panel("party_brands_school", "party_brands/panels/school.html", {
        "rows": [{"b": b, "state": rules.state_words(b.state, today)[0 if zh else 1],
                  "url": reverse("party_brands:brand", args=[b.pk])} for b in brands[:5]],
        "brand_school": selectors.is_brand_school(school, today),
        "url": reverse("party_brands:school", args=[school.code]),
    })


def register() -> None:
    from youjun.web.apps.party.brands.figures import district_figures

    extensions.register_district_panel(district_panel)
    extensions.register_school_panel(school_panel)
    extensions.register_district_figures(district_figures)
