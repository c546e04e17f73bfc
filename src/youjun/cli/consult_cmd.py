"""`youjun consult-digest`: the consultation platform's daily overdue alerts and e-mail digest
(the same as `manage.py consultation_digest`; run it once a day, e.g. from cron)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from youjun.cli.serve_cmd import RAW, _migrate, add_web_options, setup_web


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "consult-digest", formatter_class=RAW,
        help="协商平台：标记逾期并发送每日提醒 / consultation: overdue alerts and the daily digest",
        description="标记逾期议题（通知承办部门和政协工作人员），并给开启每日提醒的人发邮件；同一天重复运行不会重复发送。\n"
                    "邮件设置见 docs/web.md（YOUJUN_EMAIL_BACKEND：console、file 或 smtp）。\n"
                    "Mark overdue items (notifying departments and committee staff) and e-mail the daily digest to "
                    "everyone who has it on; running it twice the same day sends nothing twice.\n"
                    "Mail settings: docs/web.md (YOUJUN_EMAIL_BACKEND: console, file or smtp).")
    add_web_options(p)
    p.add_argument("--date", default="",
                   help="按这一天计算 YYYY-MM-DD（默认今天，北京时间）/ the day (default today)")
    p.add_argument("--dry-run", action="store_true",
                   help="只统计，不写通知、不发邮件 / count only: no notices, no mail")
    p.set_defaults(func=_digest)


def _digest(args: argparse.Namespace) -> int:
    setup_web(args)
    _migrate()  # a data folder no one has served yet has no tables: an empty digest, not E869
    from django.core.management import call_command
    from django.core.management.base import CommandError

    try:
        call_command("consultation_digest", date=args.date, dry_run=args.dry_run)
    except CommandError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 0
