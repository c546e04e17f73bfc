"""The `youjun` console command (thin: each subcommand calls into a shell package)."""

from __future__ import annotations

import argparse
import sys

from youjun import __version__

DESCRIPTION = """优均 youjun — 县域义务教育优质均衡评估与规划平台
youjun — quality-balanced compulsory education: assess, diagnose, plan."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="youjun", description=DESCRIPTION, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"youjun {__version__}")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 0
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
