"""`youjun assess DATA --rules cn-2017 --out DIR`: the verdict and its reports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

RAW = argparse.RawTextHelpFormatter
FORMATS = ("html", "pdf", "xlsx", "json")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "assess", formatter_class=RAW,
        help="评估区县并生成报告 / assess districts and write the reports",
        description="按国家评估办法评估区县并生成报告（HTML、PDF、XLSX、JSON）\n"
                    "Assess the districts in DATA by a national method and write the reports.",
    )
    p.add_argument("data", help="数据文件、目录或 .duckdb 数据库 / data file, directory or .duckdb database")
    p.add_argument("--rules", default="cn-2017", help="规则集（cn-2017 或 cn-2012）/ rule set")
    p.add_argument("--overlay", action="append", default=[], help="省级规则叠加文件 / province overlay file")
    p.add_argument("--out", required=True, help="报告输出目录 / output directory")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="报告语言 / report language")
    p.add_argument("--formats", default=",".join(FORMATS),
                   help="输出格式，逗号分隔 / formats, comma-separated (html,pdf,xlsx,json)")
    p.add_argument("--snapshot", help="数据库中的快照编号（默认最新）/ snapshot id in a database (default latest)")
    p.set_defaults(func=_assess)


def _load(args: argparse.Namespace) -> tuple[dict[str, Any], str] | None:
    from youjun.cli.data_cmd import load_checked

    return load_checked(args.data, args.snapshot, args.lang,
                        ("数据有错误，未评估。", "The data has errors: nothing assessed."))


def _assess(args: argparse.Namespace) -> int:
    from youjun.assess import assess_tables
    from youjun.report import write_reports

    loaded = _load(args)
    if loaded is None:
        return 1
    tables, source = loaded
    results = assess_tables(tables, args.rules, overlays=args.overlay, source=source)
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    unknown = set(formats) - set(FORMATS)
    if unknown:
        print(f"未知格式 / unknown formats: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    out = Path(args.out)
    for result in results:
        target = out if len(results) == 1 else out / result["district"]["code"]
        paths = write_reports(result, target, lang=args.lang, formats=formats)
        d, v = result["district"], result["verdict"]
        main = paths.get("html") or next(iter(paths.values()))
        if args.lang == "zh":
            word = "达到" if v["passes"] else "未达到"
            print(f"{d['name']}（{d['code']}）{d['school_year']}：{word}{result['method']['title_zh']}标准，"
                  f"未达标原因 {len(v['reasons'])} 项；报告：{main}")
        else:
            word = "PASSES" if v["passes"] else "DOES NOT PASS"
            print(f"{d['name']} ({d['code']}) {d['school_year']}: {word} {result['method']['key']}, "
                  f"{len(v['reasons'])} reasons; report: {main}")
    return 0
