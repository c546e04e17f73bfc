"""Who may see and change a studio, on top of ``workforce.access``:

- the district's readers see every studio of the district; the bureau (and the platform
  administrator) writes everything: sets studios up, edits them, reviews their years;
- the host (the teacher linked to the account) writes their studio's members, plans and outputs;
- a member (current or past) sees their studio;
- a school's data officer sees the studios whose host or a current member works at the school;
- anyone else: 404. Names are shown as ``workforce.access.name_for`` says, teacher by teacher.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from youjun.web.apps.platform import scoping
from youjun.web.apps.workforce import access
from youjun.web.apps.workforce.studios.models import Member, Studio


@dataclass(frozen=True)
class StudioReach:
    sees: bool = False
    host: bool = False  # writes members, plans and outputs
    bureau: bool = False  # sets up, edits and reviews


def _is_host(user: Any, studio: Studio) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and studio.host.user_id == user.pk


def studio_reach(user: Any, studio: Studio) -> StudioReach:
    if not getattr(user, "is_authenticated", False):
        return StudioReach()
    district = access.district_reach(user, studio.district)
    if district.bureau:
        return StudioReach(True, True, True)
    if _is_host(user, studio):
        return StudioReach(True, True, False)
    if district.sees or studio.members.filter(teacher__user=user).exists():
        return StudioReach(sees=True)
    own = scoping.scope_of(user).own_schools
    if own and (studio.host.school_id in own
                or studio.members.filter(left__isnull=True, teacher__school_id__in=own).exists()):
        return StudioReach(sees=True)
    return StudioReach()


def studio_or_404(user: Any, pk: int | str) -> tuple[Studio, StudioReach]:
    studio = Studio.objects.select_related("district__province", "host__school", "base_school").filter(pk=pk).first()
    if studio is None:
        raise Http404("studio")
    reach = studio_reach(user, studio)
    if not reach.sees:
        raise Http404("studio")
    return studio, reach


def school_studios(school: Any) -> QuerySet[Studio]:
    """The studios whose host or a current member works at ``school`` now."""
    # by id, so that counts annotated later run over every member, not only the school's own
    current = Member.objects.filter(left__isnull=True, teacher__school=school).values("studio_id")
    return Studio.objects.filter(Q(host__school=school) | Q(pk__in=current), district_id=school.district_id)
