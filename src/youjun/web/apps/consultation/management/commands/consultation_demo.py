"""``manage.py consultation_demo [--year 2025] [--seed N]``: seed 荣昌区政协's demo year on the
consultation platform (see ``youjun.web.apps.consultation.demo``). ``youjun web-demo`` runs it
too. A database that already holds the demo is left as it is."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from youjun.web.apps.consultation import demo


class Command(BaseCommand):
    help = ("载入荣昌区政协“渝事好商量”演示年度数据 / seed Rongchang CPPCC's demo year of the consultation "
            "platform (--year, --seed)")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--year", type=int, default=2025,
                            help="演示年度（已结束的年份）/ the demo year (one that is over)")
        parser.add_argument("--seed", type=int, default=demo.DEFAULT_SEED,
                            help="随机种子：同一种子得到同样的数据 / the same seed gives the same records")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = demo.seed_demo(options["year"], options["seed"], log=self.stdout.write)
        except ValueError as exc:
            raise CommandError(f"演示年度须是已结束的年份 / the demo year must be over: {exc}") from None
        if not result.created:
            self.stdout.write("演示数据已存在，未改动 / the demo is already there: left as it is")
        f = result.figures
        self.stdout.write(f"{result.body.name}: {f['activities']} 场协商活动 / activities, {f['participants']} 人次 / "
                          f"participants, {f['solved']} 个已解决 / solved, {f['members']} 名委员 / members")
        for username, role, name in result.accounts:
            self.stdout.write(f"  {username:<10} {role}  {name}")
