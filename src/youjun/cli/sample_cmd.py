"""`youjun sample S|M|L`: write a seeded synthetic district, province or nation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from youjun.core.schema import GRADES, grade_column
from youjun.sample import DEFAULT_SEED, generate, n_districts, write_partitioned

RAW = argparse.RawTextHelpFormatter
FORMATS = ("xlsx", "csv", "parquet")
SCENARIO_ZH = {"S": "区县", "M": "省份", "L": "全国"}


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "sample", formatter_class=RAW,
        help="生成示例区县数据 / generate sample district data",
        description=(
            "生成可复现的示例数据：S 一个区县（约180所学校），M 一个省（38个区县），"
            "L 全国（2843个区县）。\n"
            "Generate reproducible sample data: S one district (~180 schools), "
            "M a province (38 districts), L the nation (2,843 districts).\n"
            "M、L 按区县分区写入 Parquet / M and L are written as partitioned Parquet:\n"
            "  OUT/<table>/district=<code>/part-0.parquet"
        ),
    )
    p.add_argument("scenario", type=str.upper, choices=("S", "M", "L"),
                   help="规模 / scale: S | M | L")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED,
                   help=f"随机种子，相同种子数据相同 / random seed (default {DEFAULT_SEED})")
    p.add_argument("--out", required=True, type=Path,
                   help="输出文件（.xlsx）或目录 / output .xlsx file or directory")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="格式，默认按扩展名；M、L 只能为 parquet / format, by default from "
                        "the extension; M and L are parquet only")
    p.add_argument("--districts", type=int, default=None, metavar="N",
                   help="只生成前 N 个区县（M、L）/ generate only the first N districts (M, L)")
    p.add_argument("--scale", type=float, default=1.0,
                   help="区县规模系数（测试用）/ district size factor (for tests)")
    p.add_argument("--overwrite", action="store_true",
                   help="覆盖已有的 Parquet 表目录 / replace existing Parquet table folders")
    p.set_defaults(func=run)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    suffix = args.out.suffix.lower().lstrip(".")
    return suffix if suffix in ("xlsx", "csv") else "parquet"


def run(args: argparse.Namespace) -> int:
    fmt = _format(args)
    if args.scenario != "S" and fmt != "parquet":
        print(f"错误：{args.scenario} 规模只能写为 Parquet（--format parquet）\n"
              f"error: scenario {args.scenario} is written as Parquet only (--format parquet)",
              file=sys.stderr)
        return 2
    if args.districts is not None and args.districts < 1:
        print("错误：--districts 至少为 1 / error: --districts must be at least 1",
              file=sys.stderr)
        return 2
    try:
        summary = _write_parquet(args) if fmt == "parquet" else _write_tables(args, fmt)
    except FileExistsError as exc:
        print(f"错误：输出目录已有数据，可加 --overwrite\nerror: {exc}", file=sys.stderr)
        return 2
    _report(args, fmt, summary)
    return 0


def _write_parquet(args: argparse.Namespace) -> dict[str, Any]:
    total = n_districts(args.scenario)
    count = total if args.districts is None else min(args.districts, total)
    step = max(1, count // 20)

    def progress(done: int, of: int) -> None:
        if of > 1 and (done % step == 0 or done == of):
            print(f"  {done}/{of} 个区县 / districts", file=sys.stderr, flush=True)

    return write_partitioned(args.scenario, args.out, args.seed, count, scale=args.scale,
                             overwrite=args.overwrite, progress=progress)


def _write_tables(args: argparse.Namespace, fmt: str) -> dict[str, Any]:
    from youjun.ingest.writers import write_tables  # the lead's writer, loaded when needed

    tables = generate(args.scenario, args.seed, scale=args.scale)
    write_tables(tables, args.out, fmt)
    grades = [grade_column(g) for g in GRADES]
    return {"districts": len(tables["districts"]), "schools": len(tables["schools"]),
            "teachers": len(tables["teachers"]),
            "pupils": int(tables["schools"][grades].sum().sum())}


def _report(args: argparse.Namespace, fmt: str, summary: dict[str, Any]) -> None:
    d, s, t, p = (summary[k] for k in ("districts", "schools", "teachers", "pupils"))
    print(f"已生成{SCENARIO_ZH[args.scenario]}示例数据（{args.scenario}，种子 {args.seed}，"
          f"{fmt}）：{args.out}\n"
          f"  {d:,} 个区县，{s:,} 所学校，{t:,} 名专任教师，{p:,} 名学生")
    print(f"Wrote sample data for scenario {args.scenario} (seed {args.seed}, {fmt}): "
          f"{args.out}\n"
          f"  {d:,} {'district' if d == 1 else 'districts'}, {s:,} schools, {t:,} full-time teachers, {p:,} pupils")
