"""The `youjun` console command (thin: each subcommand lives in its own module)."""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys

from youjun import __version__
from youjun.cli.failures import BROKEN_PIPE, BilingualParser, run_guarded

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


# Commands whose process may end without the interpreter's teardown (``entry``): they return
# only when everything they wrote is closed, they leave no thread or child running, and they
# hold no database open for writing.
QUICK_EXIT = frozenset({"assess", "validate"})


def entry() -> None:
    """The console script: ``main``, then the process ends. After an assessment the interpreter's
    own teardown (freeing the objects of pandas, Arrow and DuckDB one by one, module by module)
    took ~0.15 s of a one-district run's ~1 s: the commands of QUICK_EXIT skip it once their
    output is flushed. Any other command, and any exception or exit on the way, ends as usual."""
    words = sys.argv[1:]
    quick = bool(words) and words[0] in QUICK_EXIT
    if quick:
        # A district's result is ~100,000 small objects with hardly a reference cycle among them:
        # the cyclic collector's passes over them (and over pandas and Arrow once imported) were
        # ~0.1 s of a one-district run. A run of many districts collects once per batch instead
        # (``assess_cmd._assess_batches``, ``assess_parallel.run_batch``).
        gc.disable()
    code = main(words)
    if quick:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # the reader left while the last lines were in the buffer
            code = code or BROKEN_PIPE
        logging.shutdown()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()
