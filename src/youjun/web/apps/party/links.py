"""What the party app adds to the district's page (counts and links to the tree and the
compliance view) and to a school's page (its organisation and whether its posts are split),
the latter only where the school has party records."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from youjun.web.apps.platform import extensions, reach


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    from youjun.web.apps.party import selectors
    from youjun.web.apps.party.models import PartyOrganisation, PostHolding

    if not reach.district_reach(request.user, district).sees:
        return None
    c = selectors.counts(selectors.posts_on(district, timezone.localdate()))
    return extensions.Panel("party_district", "party/panels/district.html", {
        "organisations": c["organisations"], "split": c["split"], "full_deputies": c["full_deputies"],
        "url": reverse("party:district", args=[district.code]),
        "compliance_url": reverse("party:compliance", args=[district.code]),
        # nothing in the register (no organisation, no post recorded): 暂无记录, not "0 organisations"
        "has_records": (PartyOrganisation.objects.filter(district=district).exists()
                        or PostHolding.objects.filter(school__district=district).exists()),
    })


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    from youjun.web.apps.party import selectors, views
    from youjun.web.apps.party.models import PartyOrganisation, PostHolding

    if not reach.school_reach(request.user, school).sees:
        return None
    if not (PartyOrganisation.objects.filter(school=school).exists()
            or PostHolding.objects.filter(school=school).exists()):
        return None
    posts = selectors.posts_on(school.district, timezone.localdate(), [school])[0]
    return extensions.Panel("party_school", "party/panels/school.html", {
        "posts": posts, "status": views.status_word(posts.status), "kind": views.org_kind(posts.organisation),
        "url": reverse("party:school", args=[school.code]),
    })


def register() -> None:
    from youjun.web.apps.party import figures

    extensions.register_district_panel(district_panel)
    extensions.register_school_panel(school_panel)
    extensions.register_district_figures(figures.district_figures)
