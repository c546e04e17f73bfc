"""`youjun fitness score | sample`: the national student physical-fitness standard (docs/fitness.md)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from youjun.analytics.fitness_stats import COLUMNS_ZH, SCOPE_ZH, SEX_ZH, StatRecord, statistics
from youjun.cli.failures import positive_int, print_problems
from youjun.core.errors import Location, Problem, problem
from youjun.core.fitness import FitnessError, FitnessTables, Scored, Status, load_tables, score_pupil, year_result
from youjun.ingest.fitness_workbook import BMI_ZH, STATUS_ZH, PupilRow, read_workbook, sample_rows, write_workbook

RAW = argparse.RawTextHelpFormatter
SCHEMA_VERSION = 1
ITEM_KEYS = (
    "bmi",
    "vital_capacity",
    "run_50m",
    "sit_and_reach",
    "rope_skip_1min",
    "sit_up_1min",
    "shuttle_run_50m_x8",
    "standing_long_jump",
    "pull_up",
    "run_1000m",
    "run_800m",
)


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "fitness",
        formatter_class=RAW,
        help="学生体质健康标准评分 / national student fitness standard",
        description="《国家学生体质健康标准（2014年修订）》评分、统计与示例数据\n"
        "Score the national student fitness standard (2014), statistics, sample data.",
    )
    sub = p.add_subparsers(dest="fitness_command", metavar="SUBCOMMAND", required=True)
    s = sub.add_parser(
        "score",
        formatter_class=RAW,
        help="按上报模板评分 / score an upload workbook",
        description="读取《国家学生体质健康标准》数据上报表，写出每名学生的单项得分、加分、总分、等级和统计。\n"
        "Read a national upload workbook; write every pupil's item scores, bonus, total, level, "
        "and the statistics:\n  DIR/scores.csv, scores.json, statistics.csv, statistics.json, "
        "scores.xlsx (the upload layout with scores)",
    )
    s.add_argument("path", type=Path, help="上报表 .xlsx / the upload workbook")
    s.add_argument("--out", required=True, type=Path, help="输出目录 / output folder")
    s.add_argument("--lang", choices=("zh", "en"), default="zh", help="问题提示语言 / language of problems")
    s.add_argument(
        "--tables",
        type=Path,
        default=None,
        metavar="OVERLAY.yaml",
        help="初中评分表覆盖文件 / junior tables overlay (docs/fitness.md)",
    )
    s.add_argument("--sheet", default=None, help="工作表名称，默认第一个 / sheet name (default: the first)")
    s.add_argument("--school", default="", help="学校名称或代码（写入统计）/ school name or code for the statistics")
    s.add_argument(
        "--format", choices=("text", "json"), default="text", help="问题的输出格式 / how problems are printed"
    )
    s.set_defaults(func=run_score)
    m = sub.add_parser(
        "sample",
        formatter_class=RAW,
        help="生成示例上报表 / write a sample upload workbook",
        description="生成虚构学生的上报表（1–6年级；--junior 含7–9年级）。\n"
        "Write a made-up upload workbook (grades 1–6; --junior adds 7–9).",
    )
    m.add_argument("--pupils", type=positive_int, default=600, help="学生人数 / number of pupils")
    m.add_argument("--out", required=True, type=Path, help="输出 .xlsx / output .xlsx")
    m.add_argument("--seed", type=int, default=2014, help="随机种子 / random seed")
    m.add_argument("--junior", action="store_true", help="含初中 / include grades 7–9")
    m.set_defaults(func=run_sample)


def _refuse(problems: list[Problem], args: argparse.Namespace, source: str) -> int:
    if getattr(args, "format", "text") == "json":
        json.dump(
            {"source": source, "ok": False, "problems": [p.to_dict() for p in problems]},
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
    else:
        print_problems(problems, args.lang)
    return 1


def _year_results(rows: list[PupilRow], tables: FitnessTables) -> tuple[list[PupilRow], list[Scored], list[Problem]]:
    """Each pupil's year: the first test, or its retest when the first failed (E1027 otherwise)."""
    kept: dict[str, int] = {}
    out_rows: list[PupilRow] = []
    out_scored: list[Scored] = []
    problems: list[Problem] = []
    for row in rows:
        s = score_pupil(row.result, tables)
        if not row.result.retest:
            kept[row.result.pupil_id] = len(out_rows)
            out_rows.append(row)
            out_scored.append(s)
            continue
        i = kept[row.result.pupil_id]
        try:
            out_scored[i] = year_result(out_scored[i], s, tables)
            out_rows[i] = row
        except FitnessError as exc:
            problems.extend(_at(p, row) for p in exc.problems)
    return out_rows, out_scored, problems


def _at(p: Problem, row: PupilRow) -> Problem:
    return Problem(p.code, Location(p.location.file, p.location.sheet, row.row, "补测", ""), p.value, p.rule, p.context)


def _score_dict(row: PupilRow, s: Scored) -> dict[str, Any]:
    return {
        "row": row.row,
        "student_number": row.values.get("学籍号", ""),
        "name": row.values.get("姓名", ""),
        "grade_code": row.values.get("年级编号", ""),
        "class_code": row.values.get("班级编号", ""),
        "class_name": row.values.get("班级名称", ""),
        "grade": s.grade,
        "sex": s.sex,
        "status": s.status.value,
        "items": {
            i.key: {
                "raw": i.raw,
                "value": str(i.value),
                "score": i.score,
                "level": i.level,
                "weight": str(i.weight),
                "weighted": str(i.weighted),
            }
            for i in s.items
        },
        "bmi": str(s.bmi) if s.bmi is not None else None,
        "bmi_category": s.bmi_category,
        "standard": str(s.standard) if s.standard is not None else None,
        "bonus": dict(s.bonus),
        "bonus_total": s.bonus_total if s.status is Status.SCORED else None,
        "total": str(s.total) if s.total is not None else None,
        "level": s.level,
        "retest": s.retest,
        "exempt_reason": s.exempt_reason,
        "missing": list(s.missing),
        "problems": [p.to_dict() for p in s.problems],
    }


SCORE_CSV = (
    ("row", "行号"),
    ("student_number", "学籍号"),
    ("name", "姓名"),
    ("grade_code", "年级编号"),
    ("class_code", "班级编号"),
    ("class_name", "班级名称"),
    ("sex", "性别"),
    ("status", "评分状态"),
    ("bmi", "BMI"),
    ("bmi_category", "BMI分类"),
    *(
        (f"{k}_score", f"{zh}得分")
        for k, zh in zip(
            ITEM_KEYS,
            (
                "体重指数",
                "肺活量",
                "50米跑",
                "坐位体前屈",
                "一分钟跳绳",
                "一分钟仰卧起坐",
                "50米×8往返跑",
                "立定跳远",
                "引体向上",
                "1000米跑",
                "800米跑",
            ),
            strict=True,
        )
    ),
    ("standard", "标准分"),
    ("bonus_total", "附加分"),
    ("total", "总分"),
    ("level", "等级"),
    ("retest", "补测"),
    ("missing", "缺项"),
)


def _in_chinese(row: dict[str, Any], tables: FitnessTables) -> dict[str, Any]:
    """One scores.csv row with its codes in Chinese words (性别 男/女, 等级 优秀…, 缺项 by item name)."""
    levels = {k: v[0] for k, v in tables.level_names.items()}
    missing = [tables.items[k].zh if k in tables.items else ("身高体重" if k == "bmi" else k)
               for k in str(row.get("missing") or "").split()]
    return {
        **row,
        "sex": {"male": "男", "female": "女"}.get(row["sex"], row["sex"]),
        "status": STATUS_ZH.get(row["status"], row["status"]),
        "bmi_category": BMI_ZH.get(row["bmi_category"] or "", ""),
        "level": levels.get(row["level"] or "", ""),
        "retest": "是" if row["retest"] else "否",
        "missing": "、".join(missing),
    }


def _csv_safe(value: Any) -> Any:
    text = "" if value is None else str(value)
    return (
        "'" + text
        if text.startswith(("=", "+", "@", "\t", "\r"))
        or (text.startswith("-") and not text[1:].replace(".", "").isdigit())
        else text
    )


def _write_csv(path: Path, keys: list[tuple[str, str]], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow([zh for _, zh in keys])
        w.writerow([k for k, _ in keys])  # the English key row (documented in docs/fitness.md)
        for r in rows:
            w.writerow([_csv_safe(r.get(k)) for k, _ in keys])


def _write_json(path: Path, head: dict[str, Any], key: str, items: Iterable[Any]) -> None:
    """``{**head, key: [items]}`` as compact JSON, one item a line, written as it goes (a district's
    130,000 pupils are never one string in memory)."""
    with path.open("w", encoding="utf-8") as f:
        opening = json.dumps({**head, key: []}, ensure_ascii=False, separators=(",", ":"))
        f.write(opening[:-2])  # the head up to the list's opening "["
        for i, item in enumerate(items):
            f.write(("\n" if i == 0 else ",\n") + json.dumps(item, ensure_ascii=False, separators=(",", ":")))
        f.write("\n]}\n")


def run_score(args: argparse.Namespace) -> int:
    source = str(args.path)
    try:
        tables = load_tables(overlay=args.tables)
    except FitnessError as exc:
        return _refuse(exc.problems, args, source)
    if not args.path.is_file():
        return _refuse(
            [
                problem(
                    "E101",
                    Location(file=source),
                    name=source,
                    detail_zh="文件不存在",
                    detail_en="the file does not exist",
                )
            ],
            args,
            source,
        )
    read = read_workbook(args.path, tables, sheet=args.sheet)
    if not read.ok:
        return _refuse(read.problems, args, source)
    rows, scored, problems = _year_results(read.rows, tables)
    del read  # the year's rows are all that is kept
    if problems:
        return _refuse(problems, args, source)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _refuse(
            [problem("E1050", Location(file=str(args.out)), str(args.out), detail_zh=str(exc), detail_en=str(exc))],
            args,
            source,
        )
    def pupils() -> Iterable[dict[str, Any]]:  # made as written, twice: never 130,000 dicts at once
        return (_score_dict(r, s) for r, s in zip(rows, scored, strict=True))

    flat: Iterable[dict[str, Any]] = (
        {
            **p,
            **{f"{k}_score": p["items"].get(k, {}).get("score") for k in ITEM_KEYS},
            "missing": " ".join(p["missing"]),
        }
        for p in pupils()
    )
    if args.lang == "zh":  # a Chinese table says its codes in words; the JSON keeps the documented codes
        flat = (_in_chinese(row, tables) for row in flat)
    _write_csv(args.out / "scores.csv", list(SCORE_CSV), flat)
    meta = {
        "schema": "youjun.fitness.scores",
        "version": SCHEMA_VERSION,
        "source": source,
        "rules": {
            "name": tables.name,
            "version": tables.version,
            "overlay": tables.overlay or None,
            "overlay_synthetic": tables.overlay_synthetic,
        },
    }
    _write_json(args.out / "scores.json", meta, "pupils", pupils())
    stats = statistics(
        (
            StatRecord(
                s,
                args.school,
                r.values.get("班级编号", ""),
                r.values.get("班级名称", ""),
                r.vision_left,
                r.vision_right,
            )
            for r, s in zip(rows, scored, strict=True)
        ),
        tables,
    )
    shown = [
        {
            **row,
            "scope": SCOPE_ZH[row["scope"]] if args.lang == "zh" else row["scope"],
            "sex": SEX_ZH[row["sex"]] if args.lang == "zh" else row["sex"],
        }
        for row in stats
    ]
    _write_csv(args.out / "statistics.csv", list(COLUMNS_ZH.items()), shown)
    _write_json(
        args.out / "statistics.json",
        {**meta, "schema": "youjun.fitness.statistics", "denominator": "scored pupils"},
        "rows",
        stats,
    )
    from youjun.ingest.fitness_workbook import export_header, iter_export_rows

    write_workbook(args.out / "scores.xlsx", export_header(), iter_export_rows(rows, scored, tables))
    counts = {st: sum(1 for s in scored if s.status is st) for st in Status}
    if args.lang == "zh":
        print(
            f"已评分 {counts[Status.SCORED]:,} 人，免测 {counts[Status.EXEMPT]:,} 人，"
            f"缺项 {counts[Status.INCOMPLETE]:,} 人，"
            f"不予评分 {counts[Status.REFUSED]:,} 人；输出：{args.out}"
        )
    else:
        print(
            f"Scored {counts[Status.SCORED]:,}, exempt {counts[Status.EXEMPT]:,}, incomplete "
            f"{counts[Status.INCOMPLETE]:,}, refused {counts[Status.REFUSED]:,}; written to {args.out}"
        )
    return 0


def run_sample(args: argparse.Namespace) -> int:
    tables = load_tables()
    header, lines = sample_rows(args.pupils, args.seed, tables, junior=args.junior)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(args.out, header, lines)
    print(f"已写出 {args.pupils:,} 名虚构学生：{args.out} / wrote {args.pupils:,} made-up pupils to {args.out}")
    return 0
