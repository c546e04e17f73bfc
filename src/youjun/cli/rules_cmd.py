"""`youjun rules list | show NAME | test [NAME]` — the rule sets, their references and golden tests."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from youjun.core.golden import ERROR, FAILED, PASSED, SKIPPED, GoldenReport, run_golden
from youjun.core.rule_errors import RulesError
from youjun.core.rules import RuleValue, describe_ruleset, list_overlays, list_rulesets


def _common(parser: argparse.ArgumentParser, *, overlays: bool) -> None:
    parser.add_argument("--rules-dir", metavar="DIR",
                        help="规则目录（默认：$YOUJUN_RULES_DIR 或仓库 rules/）/ rules directory")
    if overlays:
        parser.add_argument("--overlay", action="append", default=[], metavar="FILE",
                            help="地方覆盖文件（可多次）/ overlay file or name (repeatable)")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules", help="规则集 / rule sets",
        description="规则集：列出、查看（含出处）、运行黄金测试 / rule sets: list, show with references, "
                    "run the golden tests")
    sub = parser.add_subparsers(dest="rules_command", metavar="ACTION")
    parser.set_defaults(func=lambda args: (parser.print_help(), 0)[1])

    p_list = sub.add_parser("list", help="列出规则集与地方覆盖 / list rule sets and overlays")
    _common(p_list, overlays=False)
    p_list.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p_list.set_defaults(func=cmd_list)

    p_show = sub.add_parser("show", help="显示每个取值及其出处 / show every value with its reference")
    p_show.add_argument("name", metavar="NAME", help="规则集名称或目录 / rule set name or directory")
    _common(p_show, overlays=True)
    p_show.add_argument("--as-of", metavar="DATE", help="取值日期，默认今天 / date of the values")
    p_show.add_argument("--json", action="store_true", help="输出 JSON / print JSON")
    p_show.set_defaults(func=cmd_show)

    p_test = sub.add_parser("test", help="运行黄金测试（有失败则退出码 1）/ run the golden tests "
                                         "(exit 1 on any failure)")
    p_test.add_argument("name", metavar="NAME", nargs="?",
                        help="规则集，默认全部 / rule set, default all")
    _common(p_test, overlays=True)
    p_test.add_argument("-v", "--verbose", action="store_true",
                        help="列出每个用例 / list every case")
    p_test.set_defaults(func=cmd_test)


def _fail(exc: RulesError) -> int:
    print(f"错误 [{exc.code}]：{exc.message('zh')}\n  {exc.hint('zh')}", file=sys.stderr)
    print(f"Error [{exc.code}]: {exc.message('en')}\n  {exc.hint('en')}", file=sys.stderr)
    return 2


def _dump(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def cmd_list(args: argparse.Namespace) -> int:
    try:
        rulesets = list_rulesets(args.rules_dir)
        overlays = list_overlays(args.rules_dir)
    except RulesError as exc:
        return _fail(exc)
    if args.json:
        _dump({"rulesets": [{"name": r.name, "title": {"zh": r.title_zh, "en": r.title_en},
                             "method": r.method, "version": r.version, "effective": r.effective,
                             "reference": r.reference.to_dict()} for r in rulesets],
               "overlays": [{"name": o.name, "title": {"zh": o.title_zh, "en": o.title_en},
                             "rulesets": list(o.rulesets), "path": str(o.path)} for o in overlays]})
        return 0
    print("规则集 / rule sets")
    for r in rulesets:
        print(f"  {r.name:<10} {r.title_zh}（{r.reference.number}）")
        print(f"  {'':<10} {r.title_en}")
        print(f"  {'':<10} 方法 method {r.method} · 生效 effective {r.effective} · "
              f"版本 version {r.version}")
    if overlays:
        print("地方覆盖 / overlays")
        for o in overlays:
            print(f"  {o.name:<18} {o.title_zh} / {o.title_en} → {', '.join(o.rulesets)}")
    return 0


def _value_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _print_value(v: RuleValue) -> None:
    ref = v.reference
    marks = []
    if v.option:
        marks.append(f"选项 option “{v.option}”")
    if v.overlay:
        marks.append(f"覆盖 overlay {v.overlay}")
    suffix = f"  [{'; '.join(marks)}]" if marks else ""
    print(f"  {v.path} = {_value_text(v.value)}{suffix}")
    print(f"      出处 ref: 《{ref.document}》{ref.number} {ref.article} · 生效 {ref.effective} · "
          f"可信度 {ref.confidence} · {ref.source_file}")
    if v.note:
        print(f"      说明 note: {v.note}")


def cmd_show(args: argparse.Namespace) -> int:
    try:
        d = describe_ruleset(args.name, overlays=args.overlay, as_of=args.as_of,
                             rules_dir=args.rules_dir)
    except RulesError as exc:
        return _fail(exc)
    if args.json:
        _dump({"name": d.info.name, "version": d.info.version, "as_of": d.as_of,
               "overlays": list(d.overlays), "options": d.options,
               "values": [{"path": v.path, "value": v.value, "reference": v.reference.to_dict(),
                           "description": {"zh": v.description_zh, "en": v.description_en},
                           "note": v.note, "option": v.option, "overlay": v.overlay}
                          for v in d.values]})
        return 0
    info = d.info
    print(f"规则集 {info.name} · {info.title_zh} / {info.title_en}")
    print(f"依据 reference: 《{info.reference.document}》{info.reference.number} · "
          f"生效 effective {info.effective} · 版本 version {info.version} · 取值日期 as of {d.as_of}")
    if d.overlays:
        print(f"地方覆盖 overlays: {', '.join(d.overlays)}")
    last_description = None
    for v in d.values:
        if v.description_zh != last_description:
            print(f"\n{v.description_zh}\n{v.description_en}")
            last_description = v.description_zh
        _print_value(v)
    print("\n选项（不确定 [U]，报告中须注明）/ options in force (uncertain [U], stated in reports):")
    for name, value in d.options.items():
        print(f"  {name} = {_value_text(value)}")
    return 0


def _print_report(report: GoldenReport, verbose: bool) -> None:
    passed, failed = report.count(PASSED), report.count(FAILED) + report.count(ERROR)
    skipped = report.count(SKIPPED)
    mark = "通过 ok" if report.ok else "失败 FAILED"
    overlays = f" + {', '.join(report.overlays)}" if report.overlays else ""
    print(f"{report.ruleset}{overlays}: {passed} 通过 passed, {failed} 失败 failed, "
          f"{skipped} 跳过 skipped — {mark}")
    for r in report.results:
        if r.status in (FAILED, ERROR) or verbose:
            print(f"  {r.status.upper():<7} {r.case.id}")
            if r.status != PASSED:
                for problem in r.problems:
                    print(f"          {problem}")


def cmd_test(args: argparse.Namespace) -> int:
    try:
        names = [args.name] if args.name else [r.name for r in list_rulesets(args.rules_dir)]
        overlays = args.overlay
        reports = []
        for name in names:
            # An overlay applies to the rule sets it changes; with all sets, skip the others.
            mine = [o for o in overlays if args.name or _covers(o, name, args.rules_dir)]
            reports.append(run_golden(name, overlays=mine, rules_dir=args.rules_dir))
    except RulesError as exc:
        return _fail(exc)
    for report in reports:
        _print_report(report, args.verbose)
    return 0 if all(r.ok for r in reports) else 1


def _covers(overlay: str, ruleset: str, rules_dir: str | None) -> bool:
    from youjun.core.rules import read_overlay

    return ruleset in read_overlay(overlay, rules_dir).changes
