"""`youjun template`, `youjun validate`, `youjun import`: data in, never half-written."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from youjun.cli.failures import non_negative_int, problem_line
from youjun.core.schema import TABLES
from youjun.ingest.isolated import validate_guarded

# pandas is behind validate, store and writers: they are imported where used, so that a
# workbook's reading (a child process) overlaps the caller's own imports
if TYPE_CHECKING:
    from youjun.ingest.validate import ValidationResult

RAW = argparse.RawTextHelpFormatter


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "template", formatter_class=RAW,
        help="生成数据填报模板 / write the data template",
        description="生成数据填报模板（Excel 或 CSV）\nWrite the data template (Excel workbook or CSV files).",
    )
    p.add_argument("path", help="输出文件（.xlsx）或目录（CSV）/ output .xlsx file or directory for CSV")
    p.add_argument("--format", choices=("xlsx", "csv"), default=None,
                   help="格式，默认按扩展名 / format, by default from the extension")
    p.add_argument("--from", dest="from_db", metavar="DB",
                   help="从 DuckDB 数据库最新学年预填区县、下一学年和上一年的学校\n"
                        "pre-fill the district, the next school year and last year's schools from a DuckDB database")
    p.set_defaults(func=_template)

    for name, help_text, func in (
        ("validate", "校验数据，列出全部问题 / validate data, list every problem", _validate),
        ("import", "校验并导入（有错误则不写入）/ validate and import (nothing written on error)", _import),
    ):
        q = subparsers.add_parser(name, help=help_text, description=help_text, formatter_class=RAW)
        q.add_argument("path", help="数据文件或目录（.xlsx / .csv / .parquet）/ data file or directory")
        q.add_argument("--lang", choices=("zh", "en"), default="zh", help="语言 / language")
        q.add_argument("--format", choices=("text", "json"), default="text",
                       help="输出格式 / output format")
        q.add_argument("--max-lines", type=non_negative_int, default=200,
                       help="文本输出最多显示的问题数（JSON 总是完整）/ problems shown as text (JSON is complete)")
        if name == "import":
            q.add_argument("--db", help="DuckDB 数据库文件（默认当前文件夹的 youjun.duckdb，或 youjun.toml 中的 db）\n"
                                        "DuckDB database file (default: youjun.duckdb here, or db in youjun.toml)")
            q.add_argument("--replace", action="store_true",
                           help="该学年已导入时以本次数据为准（原快照保留）/ supersede a stored school year "
                                "(the earlier snapshot is kept)")
        q.add_argument("--report", metavar="ERRORS.xlsx",
                       help="另存错误工作簿：原文件副本标出每个问题单元格，另附“问题清单”\n"
                            "write an error workbook: a copy of the file with every problem cell marked, "
                            "and a problem list")
        q.set_defaults(func=func)


def _template(args: argparse.Namespace) -> int:
    path = Path(args.path)
    fmt = args.format or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
    prefill = None
    if args.from_db:
        from youjun.ingest.writers import prefill_from_db

        try:
            filled = prefill_from_db(args.from_db)
        except LookupError as exc:
            print(exc, file=sys.stderr)
            return 2
        prefill = filled.tables
        print(filled.line())
    from youjun.ingest.writers import write_template

    write_template(path, fmt, prefill)
    print(f"已生成模板 / template written: {path}")
    return 0


def report_json(result: ValidationResult, source: str) -> dict[str, Any]:
    """The documented machine-readable validation report (docs/errors.md)."""
    return {
        "source": source,
        "ok": result.ok,
        "summary": result.summary(),
        "problems": [p.to_dict() for p in result.problems],
    }


RECOGNITION_WARNINGS = frozenset({"W507"})  # warnings whose district cannot be recognised as it stands


def print_report(result: ValidationResult, source: str, lang: str, max_lines: int) -> None:
    shown = result.problems
    if len(shown) > max_lines:  # cut short: the errors first (walk 41: three warnings hid the one error)
        shown = [p for p in shown if p.severity == "error"] + [p for p in shown if p.severity != "error"]
    for p in shown[:max_lines]:
        print(problem_line(p, lang))
    hidden = len(result.problems) - max_lines
    if hidden > 0:
        print(f"……另有 {hidden:,} 个问题未显示（用 --format json 查看全部）" if lang == "zh"
              else f"... {_count(hidden, 'more problem')} not shown (use --format json for all)")
    s = result.summary()
    # a warning the district cannot be recognised with (W507: an attestation missing) is said on
    # the verdict line too (walk 37: "校验通过" read as all clear for a workbook without its
    # 违规择校 row)
    barring = sum(1 for p in result.problems if p.code in RECOGNITION_WARNINGS)
    if lang == "zh":
        # walk 41: "校验通过" over a district that cannot be recognised read as all clear
        verdict = ("通过（数据可以导入，但该区县尚不能认定）" if barring else "通过") if result.ok else "未通过"
        extra = f"（其中 {barring} 个缺少认定所需的佐证材料，补齐前不予认定）" if barring else ""
        print(f"校验{verdict}：{source}，错误 {s['errors']} 个，警告 {s['warnings']} 个{extra}。")
    else:
        verdict = ("passed (the data can be imported, but the district cannot be recognised yet)" if barring
                   else "passed") if result.ok else "failed"
        extra = (f" ({barring} of them an attestation the recognition needs: not recognised until it is added)"
                 if barring else "")
        print(f"Validation {verdict}: {source}, {_count(s['errors'], 'error')}, "
              f"{_count(s['warnings'], 'warning')}{extra}.")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _validate(args: argparse.Namespace) -> int:
    # Workbooks are read in a bounded child process: a hostile file ends as error E118, not
    # as this process aborting (docs/limits.md).
    _check_report(args)
    result = validate_guarded(args.path)
    _write_report(args, result)
    if args.format == "json":
        json.dump(report_json(result, args.path), sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(result, args.path, args.lang, args.max_lines)
        _print_totals(result, args.lang)
    return 0 if result.ok else 1


def _print_totals(result: ValidationResult, lang: str) -> None:
    from youjun.ingest.totals import totals_lines

    if result.tables:
        for line in totals_lines(result.tables, lang):
            print(line)


def _import(args: argparse.Namespace) -> int:
    from youjun.cli.defaults import default_db

    args.db = args.db or default_db()
    _check_report(args)
    result = validate_guarded(args.path)
    _write_report(args, result)
    if not result.ok:
        if args.format == "json":
            out = report_json(result, args.path) | {"imported": False}
            json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
            print()
        else:
            print_report(result, args.path, args.lang, args.max_lines)
            print("有错误，未导入任何数据。" if args.lang == "zh" else "Errors found: nothing was imported.")
        return 1
    from youjun.ingest.store import import_result

    snap = import_result(result, args.db, source=str(args.path), replace=args.replace)
    if args.format == "json":
        out = report_json(result, args.path) | {
            "imported": not snap.unchanged, "unchanged": snap.unchanged,
            "snapshot_id": snap.snapshot_id, "data_hash": snap.data_hash,
            "rows": snap.rows, "db": str(args.db)}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        if result.warnings:
            print_report(result, args.path, args.lang, args.max_lines)
        _print_totals(result, args.lang)
        zh = args.lang == "zh"
        if snap.unchanged:
            print(f"数据与已导入的快照 {snap.snapshot_id} 相同，未重复写入。" if zh
                  else f"The same data is already stored as snapshot {snap.snapshot_id}: nothing written.")
            return 0
        names = {t.key: (t.zh if zh else t.en) for t in TABLES}
        rows = ("，" if zh else ", ").join(f"{names.get(k, k)} {v:,}" for k, v in snap.rows.items())
        print(f"已导入：快照 {snap.snapshot_id} → {args.db}（{rows} 行）" if zh
              else f"Imported: snapshot {snap.snapshot_id} → {args.db} ({rows} rows)")
    return 0


__all__ = ["register", "report_json"]


def load_checked(data_arg: str, snapshot: str | None, lang: str, refused: tuple[str, str],
                 meanwhile: Callable[[], None] | None = None) -> tuple[dict[str, Any], str] | None:
    """The validated tables of a data file, folder or ``.duckdb`` snapshot, and its source name;
    None (every problem printed, then ``refused`` in the language) when the data has errors.
    ``meanwhile`` runs while a workbook is read in its child process (else before reading)."""
    data = Path(data_arg)
    if data.suffix == ".duckdb":
        # Imported here: pandas (~0.3 s) is for ``meanwhile`` to import while a workbook is read.
        from youjun.ingest.store import load_snapshot
        from youjun.ingest.validate import validate_tables

        if meanwhile is not None:
            meanwhile()
        snap, tables = load_snapshot(data, snapshot)
        result = validate_tables(tables, file=str(data))
        source = f"{data}#{snap.snapshot_id}"
    else:
        result = validate_guarded(data, meanwhile=meanwhile)
        source = str(data)
    if not result.ok:
        print_report(result, source, lang, 50)
        print(refused[0] if lang == "zh" else refused[1])
        return None
    return result.tables, source


def _check_report(args: argparse.Namespace) -> None:
    """--report names a new .xlsx, never the data file itself (E864, before any work)."""
    from youjun.core.errors import Location, YoujunError, problem

    if not args.report:
        return
    out, data = Path(args.report), Path(args.path)
    if out.suffix.lower() != ".xlsx":
        expected = ("须为 .xlsx 文件", "it must be an .xlsx file")
    elif out.exists() and data.exists() and out.resolve() == data.resolve():
        expected = ("不能是数据文件本身（会覆盖它）", "it is the data file itself, which it would overwrite")
    elif out.is_dir():
        expected = ("这是一个文件夹", "it is a folder")
    else:
        return
    raise YoujunError([problem("E864", Location(), "--report", detail=args.report,
                               expected=expected[0], expected_en=expected[1])])


def _write_report(args: argparse.Namespace, result: ValidationResult) -> None:
    """The error workbook (youjun.ingest.error_workbook), said in one line (stderr under JSON)."""
    from youjun.core.errors import Location, YoujunError, problem
    from youjun.ingest.error_workbook import write_error_workbook

    if not args.report:
        return
    try:
        written = write_error_workbook(args.path, result.problems, args.report)
    except OSError as exc:
        raise YoujunError([problem("E864", Location(), "--report", detail=args.report,
                                   expected=f"无法写入（{exc.strerror or exc}）",
                                   expected_en=f"it cannot be written ({exc.strerror or exc})")]) from exc
    print(written.line(args.lang), file=sys.stderr if args.format == "json" else sys.stdout)
