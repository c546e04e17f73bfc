"""Who sees and does what on the consultation platform.

- committee staff: every item of their body (and items their body co-owns), every step;
- a member: the items of their body (co-owned too), personal data masked;
- a department handler: only the items assigned to their department;
- a resident (any signed-in user): their own items, in full, and the public pages;
- a platform administrator: everything.

An item out of reach answers 404, never 403, so numbers cannot be probed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from youjun.web.apps.consultation.models import Body, Concern, Participant


@dataclass(frozen=True)
class Access:
    user_id: int | None
    everything: bool = False
    staff_bodies: frozenset[int] = frozenset()
    member_bodies: frozenset[int] = frozenset()
    departments: frozenset[int] = frozenset()

    @property
    def is_authenticated(self) -> bool:
        return self.user_id is not None

    @property
    def works_here(self) -> bool:
        """Staff, member, department handler or administrator: has a work list."""
        return self.everything or bool(self.staff_bodies or self.member_bodies or self.departments)

    @property
    def bodies(self) -> frozenset[int]:
        return self.staff_bodies | self.member_bodies

    def is_staff_of(self, body_id: int) -> bool:
        return self.everything or body_id in self.staff_bodies


ANONYMOUS = Access(user_id=None)


def access_of(user: Any) -> Access:
    """The consultation roles of a user, computed once per request object."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_youjun_consultation_access", None)
    if cached is not None:
        return cached
    staff: set[int] = set()
    members: set[int] = set()
    departments: set[int] = set()
    for kind, body_id, department_id in Participant.objects.filter(user=user).values_list(
            "kind", "body_id", "department_id"):
        if kind == Participant.Kind.STAFF:
            staff.add(body_id)
        elif kind == Participant.Kind.MEMBER:
            members.add(body_id)
        elif kind == Participant.Kind.DEPARTMENT and department_id:
            departments.add(department_id)
    from youjun.web.apps.platform.scoping import scope_of  # a platform administrator (role or superuser)

    access = Access(user_id=user.pk, everything=scope_of(user).everything, staff_bodies=frozenset(staff),
                    member_bodies=frozenset(members), departments=frozenset(departments))
    user._youjun_consultation_access = access
    return access


def _owned_by(bodies: frozenset[int], prefix: str = "") -> Q:
    return Q(**{f"{prefix}body_id__in": bodies}) | Q(**{f"{prefix}joint_bodies__in": bodies})


def visible_concerns(access: Access) -> QuerySet[Concern]:
    """Every item ``access`` may open (its own, its body's, its department's)."""
    qs = Concern.objects.all()
    if access.everything:
        return qs
    if not access.is_authenticated:
        return qs.none()
    cond = Q(raised_by_id=access.user_id) | Q(recorded_by_id=access.user_id)
    if access.bodies:
        cond |= _owned_by(access.bodies)
    if access.departments:
        cond |= Q(department_id__in=access.departments)
    return qs.filter(pk__in=Concern.objects.filter(cond).values("pk"))


def work_concerns(access: Access) -> QuerySet[Concern]:
    """The items on someone's work list: their body's (staff, members) and their department's."""
    qs = Concern.objects.all()
    if access.everything:
        return qs
    cond = Q(pk__in=[])
    if access.bodies:
        cond |= _owned_by(access.bodies)
    if access.departments:
        cond |= Q(department_id__in=access.departments)
    return qs.filter(pk__in=Concern.objects.filter(cond).values("pk"))


def public_concerns() -> QuerySet[Concern]:
    """What anyone may see: not hidden by moderation."""
    return Concern.objects.filter(hidden=False)


def concern_or_404(access: Access, pk: int) -> Concern:
    found = visible_concerns(access).filter(pk=pk).select_related("body", "department", "school").first()
    if found is None:
        raise Http404("no such item")
    return found


def owning_bodies(concern: Concern) -> set[int]:
    return {concern.body_id, *concern.joint_bodies.values_list("pk", flat=True)}


def roles_for(access: Access, concern: Concern) -> set[str]:
    """The workflow roles ``access`` holds on ``concern`` (see rules/consultation/workflow.yaml)."""
    if not access.is_authenticated:
        return set()
    if access.everything:
        return {"staff", "member", "department"}
    roles: set[str] = set()
    owners = owning_bodies(concern)
    if owners & access.staff_bodies:
        roles.add("staff")
    if owners & access.member_bodies:
        roles.add("member")
    if concern.department_id is not None and concern.department_id in access.departments:
        roles.add("department")
    if access.user_id in (concern.raised_by_id,) and concern.raised_by_id is not None:
        roles.add("raiser")
    return roles


def sees_personal_data(access: Access, concern: Concern) -> bool:
    """The raiser's name and phone: the raiser, whoever recorded it for them, the owning staff."""
    if not access.is_authenticated:
        return False
    if access.everything or access.user_id in (concern.raised_by_id, concern.recorded_by_id):
        return True
    return bool(owning_bodies(concern) & access.staff_bodies)


def staff_body_or_404(access: Access, code: str) -> Body:
    body = Body.objects.filter(code=code).first()
    if body is None or not access.is_staff_of(body.pk):
        raise Http404("no such body")
    return body


def mask_name(name: str) -> str:
    """张三丰 → 张**; a Latin name keeps its first letter."""
    name = (name or "").strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


def mask_phone(phone: str) -> str:
    """13812345678 → 138****5678."""
    digits = (phone or "").strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "****" + digits[-4:]
