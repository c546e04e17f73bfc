"""What the clean-school area adds to the district's page (activities, publicity, the campaign's
progress), to a school's page (its activities, where it has some; always for those who record
them) and to the navigation of a granted case handler (the cases of the districts they handle)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from youjun.web.apps.platform import extensions


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    from youjun.web.apps.party.integrity import selectors
    from youjun.web.apps.party.integrity.models import Activity, PublicityIssue
    from youjun.web.apps.platform import reach

    if not reach.district_reach(request.user, district).sees:
        return None
    acts = Activity.objects.filter(district=district)
    camps = selectors.campaigns(district)
    return extensions.Panel("integrity_district", "party_integrity/panels/district.html", {
        "n_activities": acts.count(), "n_year": acts.filter(held_on__year=timezone.localdate().year).count(),
        "n_publicity": PublicityIssue.objects.filter(district=district).count(),
        "progress": selectors.campaign_progress(camps[0]) if camps else None,
        # no activity and no publicity recorded: 暂无记录, not "0 activities (0 this year)"
        "has_records": acts.exists() or PublicityIssue.objects.filter(district=district).exists(),
        "url": reverse("party_integrity:district", args=[district.code])})


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    from youjun.web.apps.party.integrity.models import Activity
    from youjun.web.apps.platform import reach

    r = reach.school_reach(request.user, school)
    if not r.sees:
        return None
    acts = Activity.objects.filter(school=school)
    n = acts.count()
    if not n and not r.manages:  # the school's officer always finds the way in, even before a first record
        return None
    return extensions.Panel("integrity_school", "party_integrity/panels/school.html", {
        "n": n, "last": acts.order_by("-held_on", "-id").first(), "manages": r.manages,
        "url": reverse("party_integrity:school", args=[school.code])})


def nav_links(request: Any) -> list[tuple[str, str, str]]:
    from django.utils.translation import gettext

    from youjun.web.apps.party.integrity import selectors

    return [(gettext("Teacher-ethics cases · %(d)s") % {"d": d.name},
             reverse("party_integrity:cases", args=[d.code]), f"integrity-cases-{d.code}")
            for d in selectors.handled_districts(request.user)]


def register() -> None:
    extensions.register_district_panel(district_panel)
    extensions.register_school_panel(school_panel)
    extensions.register_nav_links(nav_links)
