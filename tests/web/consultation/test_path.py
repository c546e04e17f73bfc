"""The path of one concern through the services: every step checked against the body's
workflow, timestamped and attributed; progress rolled up; reopen on 'not fixed'."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.access import access_of, concern_or_404, visible_concerns
from youjun.web.apps.consultation.models import Concern, Event, Supporter
from youjun.web.apps.platform.models import AuditEvent


def test_whole_path_to_closure_and_a_reopen(cworld: CWorld) -> None:
    u = cworld.users
    c = cworld.concern()
    assert c.state == "raised" and c.number.startswith("RC-")
    services.select(u["c_staff"], c, venue="courtyard")
    services.investigate(u["c_member"], c, "走访了路口，确有两处路灯损坏")
    services.assign(u["c_staff"], c, cworld.town)
    assert c.due_on is not None and (c.due_on - timezone.localdate(c.assigned_at)).days == 15  # lighting: 15 days
    services.update_progress(u["c_town"], c, "60", "已采购灯具")
    services.answer(u["c_town"], c, "两处路灯已修复。")
    services.rate(u["res_a"], c, satisfaction="not", fixed="not_fixed", comment="只修了一处")
    c.refresh_from_db()
    assert c.state == "in_progress" and c.reopen_count == 1
    services.answer(u["c_town"], c, "第二处也已修复。")
    services.rate(u["res_a"], c, satisfaction="satisfied", fixed="fixed")
    services.close(u["c_staff"], c)
    c.refresh_from_db()
    assert c.state == "closed" and c.closed_at is not None
    actions = list(c.events.values_list("action", "actor_role"))
    assert actions == [("raise", "raiser"), ("select", "staff"), ("investigate", "member"), ("assign", "staff"),
                       ("progress", "department"), ("answer", "department"), ("rate", "raiser"),
                       ("reopen", "raiser"), ("answer", "department"), ("rate", "raiser"), ("close", "staff")]
    assert AuditEvent.objects.filter(object_type="consultation.Concern", object_id=str(c.pk)).count() == 11


def test_a_step_not_open_to_a_role_is_refused(cworld: CWorld) -> None:
    c = cworld.concern()
    with pytest.raises(services.StepRefused) as refused:
        services.assign(cworld.users["c_edu"], c, cworld.edu)  # a department cannot assign to itself
    assert refused.value.problem["code"] == "E875"
    with pytest.raises(services.StepRefused) as refused:
        services.close(cworld.users["c_staff"], c)  # not answered yet
    assert refused.value.problem["code"] == "E874"
    with pytest.raises(services.StepRefused) as refused:
        services.decline(cworld.users["c_staff"], c, "  ")
    assert refused.value.problem["code"] == "E877"
    assert Event.objects.filter(concern=c).count() == 1


def test_department_sees_only_its_items_and_residents_only_theirs(cworld: CWorld) -> None:
    u = cworld.users
    mine = cworld.concern()
    other = cworld.concern("res_b", title="操场积水")
    services.assign(u["c_staff"], mine, cworld.town)
    assert list(visible_concerns(access_of(u["c_town"]))) == [mine]
    assert list(visible_concerns(access_of(u["c_edu"]))) == []
    assert list(visible_concerns(access_of(u["res_b"]))) == [other]
    assert set(visible_concerns(access_of(u["c_member"]))) == {mine, other}
    assert list(visible_concerns(access_of(u["c_member_nj"]))) == []
    from django.http import Http404
    with pytest.raises(Http404):
        concern_or_404(access_of(u["res_b"]), mine.pk)


def test_a_joint_item_is_seen_by_both_bodies(cworld: CWorld) -> None:
    c = cworld.concern(title="跨界灌溉渠", category="water")
    c.joint_bodies.add(cworld.nj)
    for name in ("c_member_nj", "c_staff_nj", "c_member", "c_staff"):
        assert c in visible_concerns(access_of(cworld.users[name])), name
    services.assign(cworld.users["c_staff_nj"], c, cworld.nj_water)
    assert c.department == cworld.nj_water


def test_merge_keeps_every_supporter(cworld: CWorld) -> None:
    a = cworld.concern()
    b = cworld.concern("res_b")
    services.merge(cworld.users["c_staff"], b, a)
    b.refresh_from_db()
    assert b.state == "merged" and b.merged_into == a
    assert list(Supporter.objects.filter(concern=a).values_list("user__username", flat=True)) == ["res_b"]


def test_parent_progress_rolls_up_from_agreed_opinions(cworld: CWorld) -> None:
    u = cworld.users
    parent = cworld.concern()
    kids = [services.raise_concern(u["c_staff"], cworld.rc, title=f"意见{i}", text="…", category="lighting",
                                   kind=Concern.Kind.OPINION, parent=parent) for i in range(2)]
    for kid in kids:
        services.assign(u["c_staff"], kid, cworld.town)
    services.update_progress(u["c_town"], kids[0], 100)
    services.update_progress(u["c_town"], kids[1], 45)
    parent.refresh_from_db()
    assert parent.progress == 72  # (100 + 45) // 2, never rounded up to done
    assert services.progress_of(parent) == 72


def test_recording_for_a_resident_needs_consent(cworld: CWorld) -> None:
    with pytest.raises(services.StepRefused) as refused:
        cworld.concern("c_member", on_behalf=True, raiser_name="王大爷", channel="visit")
    assert refused.value.problem["code"] == "E879"
    c = cworld.concern("c_member", on_behalf=True, raiser_name="王大爷", raiser_phone="13800001111",
                       consent_noted=True, channel="visit")
    assert c.raised_by is None and c.recorded_by == cworld.users["c_member"]


def test_a_reopen_restores_the_last_reported_progress_and_tells_the_raiser(cworld: CWorld) -> None:
    """Found by a resident walking the site: after '未解决' the bar read 90% while the last update
    said 60%, the '请评价' notice stayed unread, and nothing said the item went back."""
    from youjun.web.apps.consultation.models import Notification

    u = cworld.users
    c = cworld.concern()
    services.assign(u["c_staff"], c, cworld.town)
    services.update_progress(u["c_town"], c, 60, "已采购灯具")
    services.answer(u["c_town"], c, "已修复。")
    assert Notification.objects.filter(user=u["res_a"], concern=c, kind="answered", read_at=None).count() == 1
    services.rate(u["res_a"], c, satisfaction="not", fixed="not_fixed", comment="没修好")
    c.refresh_from_db()
    assert c.progress == 60
    assert Notification.objects.filter(user=u["res_a"], concern=c, kind="answered", read_at=None).count() == 0
    back = Notification.objects.get(user=u["res_a"], concern=c, kind="reopened")
    assert "已退回昌元街道办事处重新办理" in back.text_zh and "年" in back.text_zh


def test_an_inactive_department_cannot_be_assigned_and_an_opinion_has_no_raiser(cworld: CWorld) -> None:
    """A deactivated department was still offered and accepted; the staff member who wrote an
    agreed opinion down became its 'raiser' (asked to rate it, able to reopen it as its raiser)."""
    from youjun.web.apps.consultation.access import roles_for
    from youjun.web.apps.consultation.selectors_handling import departments_for

    u = cworld.users
    cworld.town.active = False
    cworld.town.save()
    c = cworld.concern()
    with pytest.raises(services.StepRefused) as refused:
        services.assign(u["c_staff"], c, cworld.town)
    assert refused.value.problem["code"] == "E874" and "停用" in refused.value.problem["message"]["zh"]
    assert cworld.town not in departments_for({cworld.rc.pk})
    opinion = services.raise_concern(u["c_staff"], cworld.rc, title="意见", text="…", category="lighting",
                                     kind=Concern.Kind.OPINION, parent=c)
    assert opinion.raised_by is None and opinion.recorded_by == u["c_staff"]
    assert "raiser" not in roles_for(access_of(u["c_staff"]), opinion)


def test_a_parent_with_opinions_says_they_carry_it_on_its_public_page(cworld: CWorld) -> None:
    """The public page said 尚未交办 for a concern whose two agreed opinions were both assigned."""
    from django.test import Client

    u = cworld.users
    parent = cworld.concern()
    for i in range(2):
        kid = services.raise_concern(u["c_staff"], cworld.rc, title=f"意见{i}", text="…", category="lighting",
                                     kind=Concern.Kind.OPINION, parent=parent)
        services.assign(u["c_staff"], kid, cworld.town)
    c = Client()
    c.cookies["youjun_language"] = "zh"
    page = c.get(f"/consult/c/{parent.number}/").content.decode()
    assert "尚未交办" not in page and "2条协商意见" in page.replace(" ", "")
