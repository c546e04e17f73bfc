"""Overdue alerts and the daily digest: one overdue notice per handler and staff member per
item and deadline; one e-mail per person (Chinese subject, English below) listing their
department's or body's overdue and due-soon items, new assignments and unread notices;
nothing when empty; not twice the same day; the command and the CLI."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import digest, services
from youjun.web.apps.consultation.models import Concern, Notification, Participant
from youjun.web.apps.platform.models import AuditEvent


@pytest.fixture(autouse=True)
def _locmem(settings) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _emails(cw: CWorld) -> None:
    for name, user in cw.users.items():
        user.email = f"{name}@example.org"
        user.save(update_fields=["email"])


def _overdue_item(cw: CWorld, title: str = "路灯不亮", department=None) -> Concern:
    c = cw.concern(title=title)
    services.assign(cw.users["c_staff"], c, department or cw.town)
    c.refresh_from_db()
    return c


def test_overdue_notices_once_per_person_item_and_deadline(cworld: CWorld) -> None:
    c = _overdue_item(cworld)
    assert c.due_on is not None
    assert digest.mark_overdue(c.due_on) == 0  # due today: not overdue yet
    late = c.due_on + dt.timedelta(days=1)
    assert digest.mark_overdue(late) == 2  # the town's handler and Rongchang's staff
    got = Notification.objects.filter(kind="overdue", concern=c)
    assert sorted(n.user.username for n in got) == ["c_staff", "c_town"]
    assert "已逾期1天" in got[0].text_zh and "1 day overdue" in got[0].text_en
    assert digest.mark_overdue(late) == 0  # idempotent the same day
    assert digest.mark_overdue(late + dt.timedelta(days=1)) == 0  # and the next: once per deadline
    assert AuditEvent.objects.filter(action="consultation_overdue").count() == 1
    assert not Notification.objects.filter(kind="overdue", user__username__in=["c_edu", "c_member", "res_a"])


def test_an_answered_item_is_not_overdue(cworld: CWorld) -> None:
    c = _overdue_item(cworld)
    services.answer(cworld.users["c_town"], c, "已修复")
    assert c.due_on is not None
    assert digest.mark_overdue(c.due_on + dt.timedelta(days=3)) == 0


def test_daily_digest_to_each_person_with_their_items(cworld: CWorld) -> None:
    _emails(cworld)
    late = _overdue_item(cworld, "路灯不亮")
    soon = _overdue_item(cworld, "学校围墙破损", cworld.edu)
    assert late.due_on is not None
    day = late.due_on + dt.timedelta(days=2)
    Concern.objects.filter(pk=soon.pk).update(due_on=day + dt.timedelta(days=3))
    Concern.objects.filter(pk=late.pk).update(title="=路灯<不亮>")  # sent as text, not escaped
    digest.mark_overdue(day)
    digests = digest.send_digests(day)
    by_to = {m.to[0]: m for m in mail.outbox}
    # res_a and the Neijiang people have nothing; c_member has only its notices (none)
    assert sorted(by_to) == ["c_edu@example.org", "c_staff@example.org", "c_town@example.org"]
    town = by_to["c_town@example.org"]
    assert town.subject.startswith("【渝事好商量】每日提醒") and "逾期 1 件" in town.subject
    assert "Daily digest" in town.subject
    assert late.number in town.body and "=路灯<不亮>" in town.body and "已逾期 2 天" in town.body
    assert town.body.index("已逾期") < town.body.index("Overdue: 1")  # Chinese first, English below
    assert soon.number not in town.body  # not the town's department
    edu = by_to["c_edu@example.org"]
    assert "即将到期 1 件" in edu.subject and soon.number in edu.body and "还剩 3 天" in edu.body
    assert late.number not in edu.body
    staff = by_to["c_staff@example.org"]
    assert late.number in staff.body and soon.number in staff.body
    # the notices of assignment (made at assignment, unread) went out and are marked
    assert not Notification.objects.filter(user__username="c_town", emailed_at__isnull=True)
    assert sum(d.sent for d in digests) == 3
    # the same day again: nothing twice
    mail.outbox.clear()
    digest.send_digests(day)
    assert mail.outbox == []


def test_new_assignments_and_unread_notices_and_nothing_when_empty(cworld: CWorld) -> None:
    _emails(cworld)
    c = _overdue_item(cworld)
    today = c.assigned_at.astimezone(dt.timezone(dt.timedelta(hours=8))).date()
    digest.send_digests(today)
    town = next(m for m in mail.outbox if m.to == ["c_town@example.org"])
    assert "新交办 1 件" in town.subject and "Newly assigned since yesterday: 1" in town.body
    assert "未读通知 1 条" in town.subject and "新交办：" in town.body  # the assignment notice
    mail.outbox.clear()
    Participant.objects.filter(user__username="c_edu").update(digest=False)
    digest.send_digests(today + dt.timedelta(days=1))
    # a day later: the assignment is still "since yesterday"; the notice was already e-mailed
    town = next(m for m in mail.outbox if m.to == ["c_town@example.org"])
    assert "未读通知" not in town.subject
    mail.outbox.clear()
    digest.send_digests(today + dt.timedelta(days=2))
    assert [m.to for m in mail.outbox] == []  # nothing new, nothing overdue, nothing due soon (15 days)


def test_the_command_dry_run_and_a_wrong_date(cworld: CWorld, capsys: pytest.CaptureFixture[str]) -> None:
    _emails(cworld)
    c = _overdue_item(cworld)
    assert c.due_on is not None
    day = (c.due_on + dt.timedelta(days=1)).isoformat()
    call_command("consultation_digest", date=day, dry_run=True)
    out = capsys.readouterr().out
    assert "逾期通知将新建 2 条" in out and "2 overdue notices would be" in out
    assert mail.outbox == [] and not Notification.objects.filter(kind="overdue").exists()
    call_command("consultation_digest", date=day)
    assert Notification.objects.filter(kind="overdue").count() == 2 and len(mail.outbox) == 2
    with pytest.raises(CommandError, match="E924"):
        call_command("consultation_digest", date="2026-13-45")


def test_the_cli_subcommand(cworld: CWorld, capsys: pytest.CaptureFixture[str]) -> None:
    from youjun.cli.main import build_parser

    _emails(cworld)
    c = _overdue_item(cworld)
    assert c.due_on is not None
    args = build_parser().parse_args(["consult-digest", "--date", (c.due_on + dt.timedelta(days=1)).isoformat()])
    assert args.func(args) == 0
    assert len(mail.outbox) == 2
    args = build_parser().parse_args(["consult-digest", "--date", "tomorrow"])
    assert args.func(args) == 2
    assert "E924" in capsys.readouterr().err


def test_a_failing_mail_server_is_reported_and_nothing_marked(cworld: CWorld, settings) -> None:
    _emails(cworld)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    c = _overdue_item(cworld)
    assert c.due_on is not None
    digests = digest.send_digests(c.due_on + dt.timedelta(days=1))
    failed = [d for d in digests if d.problem]
    assert failed and failed[0].problem["code"] == "E925"  # type: ignore[index]
    assert not Notification.objects.filter(emailed_at__isnull=False).exists()
    assert not AuditEvent.objects.filter(action="consultation_digest").exists()
