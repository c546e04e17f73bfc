"""The `youjun` console command (thin: each subcommand lives in its own module)."""

from __future__ import annotations

import argparse
import importlib
import sys

from youjun import __version__
from youjun.cli.failures import BilingualParser, run_guarded

DESCRIPTION = """优均 youjun — 县域义务教育优质均衡评估与规划平台
youjun — quality-balanced compulsory education: assess, diagnose, plan.

常用命令 / common commands:
  youjun template FILE.xlsx     生成填报模板 / write the data template
  youjun sample S --out F.xlsx  生成示例区县 / generate a sample district
  youjun validate PATH          校验数据 / validate a data file
  youjun import PATH --db F     校验并导入 / validate and import
  youjun assess DATA --out DIR  评估并生成报告 / assess and write the reports
  youjun serve                  启动网页平台 / start the web platform
"""

# Each module exposes register(subparsers); the subcommand sets `func(args) -> int`.
COMMAND_MODULES = (
    "youjun.cli.data_cmd",
    "youjun.cli.sample_cmd",
    "youjun.cli.rules_cmd",
    "youjun.cli.assess_cmd",
    "youjun.cli.serve_cmd",
    "youjun.cli.web_admin_cmd",
    "youjun.cli.backup_cmd",
    "youjun.cli.plan_cmd",
    "youjun.cli.snapshots_cmd",
    "youjun.cli.consult_cmd",
    "youjun.cli.fitness_cmd",
)


def build_parser() -> argparse.ArgumentParser:
    parser = BilingualParser(
        prog="youjun", description=DESCRIPTION, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"youjun {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command whose module is not in this build
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    return run_guarded(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
