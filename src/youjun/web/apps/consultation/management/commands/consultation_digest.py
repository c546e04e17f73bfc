"""``manage.py consultation_digest [--date YYYY-MM-DD] [--dry-run]``: mark overdue items and
e-mail the day's digests (see ``youjun.web.apps.consultation.digest``). Run it once a day,
e.g. from cron at 08:00; running it twice the same day sends nothing twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from youjun.web.apps.consultation import digest
from youjun.web.errors import web_problem


def parse_day(text: str) -> dt.date:
    """A YYYY-MM-DD date, or E924 (in both languages) as a CommandError."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        p = web_problem("E924", value=text, rule="consultation.digest")
        raise CommandError(f"{p['code']} {p['message']['zh']}；{p['hint']['zh']}\n"
                           f"{p['message']['en']}. {p['hint']['en']}") from None


class Command(BaseCommand):
    help = ("标记逾期议题并发送每日提醒邮件 / mark overdue items and e-mail the daily digests "
            "(--date YYYY-MM-DD, --dry-run)")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", default="",
                            help="按这一天计算（默认今天，北京时间）/ the day (default today)")
        parser.add_argument("--dry-run", action="store_true",
                            help="只统计，不写通知、不发邮件 / count only: no notices, no mail")

    def handle(self, *args: Any, **options: Any) -> None:
        day = parse_day(options["date"]) if options["date"] else timezone.localdate()
        dry = bool(options["dry_run"])
        notices = digest.mark_overdue(day, dry_run=dry)
        digests = digest.send_digests(day, dry_run=dry)
        counts = digest.by_outcome(digests)
        verb = ("将" if dry else "已", "would be" if dry else "")
        mailed, empty, failed = counts.get("sent", 0) + counts.get("ready", 0), counts.get("empty", 0), \
            counts.get("failed", 0)
        self.stdout.write(f"{day:%Y-%m-%d}：逾期通知{verb[0]}新建 {notices} 条；每日提醒{verb[0]}发送 {mailed} 封，"
                          f"无内容不发 {empty} 人，失败 {failed} 封")
        self.stdout.write(f"{day:%Y-%m-%d}: {notices} overdue notices {verb[1] or 'created'}; "
                          f"{mailed} digests {verb[1] or 'sent'}, {empty} with nothing to send, {failed} failed")
        for d in digests:
            if d.problem:
                p = d.problem
                self.stderr.write(f"{p['code']} {p['message']['zh']}\n    {p['message']['en']}\n"
                                  f"    {p['hint']['zh']}\n    {p['hint']['en']}")
        if counts.get("failed"):
            raise CommandError("部分提醒邮件未能发出 / some digests could not be sent (E925)")
