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

# Each module exposes register(subparsers); the subcommand sets `func(args) -> int`. The
# commands each module registers (tests/cli/test_commands.py keeps this list true): a run
# imports only its command's module — importing all of them (pandas, Ibis, Django…) took
# ~1 s before `youjun --version` could answer.
COMMANDS = {
    "youjun.cli.data_cmd": ("template", "validate", "import"),
    "youjun.cli.sample_cmd": ("sample",),
    "youjun.cli.rules_cmd": ("rules",),
    "youjun.cli.assess_cmd": ("assess",),
    "youjun.cli.serve_cmd": ("serve", "web-demo", "web-user"),
    "youjun.cli.web_admin_cmd": ("web-move-school",),
    "youjun.cli.backup_cmd": ("backup", "restore"),
    "youjun.cli.plan_cmd": ("plan",),
    "youjun.cli.snapshots_cmd": ("snapshots",),
    "youjun.cli.consult_cmd": ("consult-digest",),
    "youjun.cli.fitness_cmd": ("fitness",),
}
COMMAND_MODULES = tuple(COMMANDS)


def modules_for(argv: list[str]) -> tuple[str, ...]:
    """The one module a command line needs; none for --version; every one for help or an unknown word."""
    first = argv[0] if argv else None  # the command is the first word (the only global options are help and version)
    if first == "--version":
        return ()
    for module, names in COMMANDS.items():
        if first in names:
            return (module,)
    return COMMAND_MODULES


def build_parser(modules: tuple[str, ...] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = BilingualParser(
        prog="youjun", description=DESCRIPTION, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"youjun {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in modules:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue  # a command whose module is not in this build
        module.register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    parser = build_parser(modules_for(words))
    args = parser.parse_args(words)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    return run_guarded(args.func, args)


if __name__ == "__main__":
    sys.exit(main())
