"""The resident side's writes: a resident account, and a concern raised with its photos. Each
is one transaction with its audit rows; everything is checked before anything is written."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from youjun.web.apps.consultation import moderation, photos, services
from youjun.web.apps.consultation.models import Body, Concern, Event, ResidentProfile, Supporter
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import School, User


def register_resident(username: str, password: str, *, phone: str = "", town: str = "", ip: str = "") -> User:
    """A resident account: the platform's user (password policy, E822) and its profile."""
    with transaction.atomic():
        user = platform_services.create_user(None, username, password)
        profile = ResidentProfile.objects.create(user=user, phone=phone.strip(), town=town.strip())
        record(user, "consultation_register", profile, ip=ip,
               after={"username": user.username, "town": profile.town, "phone_given": bool(profile.phone)})
    return user


def raise_with_photos(actor: User, body: Body, *, title: str, text: str, category: str, town: str = "",
                      village: str = "", school: School | None = None, indicator: str = "",
                      cleaned: Sequence[photos.CleanPhoto] = ()) -> Concern:
    """A resident's concern from the web form, with its already cleaned photos (see
    ``photos.clean_uploads``); a blocked account is refused (E884) before anything is written."""
    moderation.check_not_blocked(actor)
    limits = photos.limits_of(body)
    if len(cleaned) > limits.max_count:
        raise services.refuse("E883", value=len(cleaned), limit=limits.max_count, rule="consultation.photo")
    profile = ResidentProfile.objects.filter(user=actor).first()
    with transaction.atomic():  # the raiser's name and phone stay personal data of the item
        concern = services.raise_concern(actor, body, title=title, text=text, category=category, town=town,
                                         village=village, school=school, indicator=indicator, channel="web",
                                         raiser_name=actor.full_name or "",
                                         raiser_phone=profile.phone if profile else "")
        photos.save_photos(actor, concern, cleaned)
    return concern


def support(actor: User, concern: Concern, *, ip: str = "") -> Supporter:
    """附议 (FixMyStreet's "me too"): a signed-in resident supports someone else's open concern,
    once. A Supporter row, an event that is not public (it names the supporter) and an audit row;
    refused with E889 for one's own concern, a second time, or a concern no longer open."""
    flow = services.workflow(concern.body)
    state = flow.states.get(concern.state)
    if concern.raised_by_id == actor.pk:
        raise services.refuse("E889", value=concern.number, detail_zh="自己提出的议题",
                              detail_en="it is your own concern")
    if state is None or state.terminal or concern.hidden or concern.kind != Concern.Kind.CONCERN:
        raise services.refuse("E889", value=concern.number, detail_zh="议题已办结或不再办理",
                              detail_en="it is no longer open")
    with transaction.atomic():
        Concern.objects.select_for_update().filter(pk=concern.pk).first()
        if Supporter.objects.filter(concern=concern, user=actor).exists():
            raise services.refuse("E889", value=concern.number, detail_zh="已经附议过",
                                  detail_en="you already support it")
        now = timezone.now()
        row = Supporter.objects.create(concern=concern, user=actor, name=actor.full_name or "", at=now)
        Event.objects.create(concern=concern, at=now, actor=actor, actor_role="resident", action="support",
                             from_state=concern.state, to_state=concern.state, public=False, data={})
        record(actor, "consultation_support", concern, district=concern.body.district, ip=ip,
               after={"number": concern.number, "supporters": concern.supporters.count()})
    return row
