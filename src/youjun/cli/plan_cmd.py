"""`youjun plan rotation|investment|seats|whatif DATA`, and `youjun plan rerun BUNDLE DATA`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import yaml

from youjun.cli.failures import non_negative_float, positive_float, positive_int

RAW = argparse.RawTextHelpFormatter
KINDS = {
    "rotation": ("教师交流轮岗方案（HiGHS 混合整数规划）", "teacher rotation plan (MILP on HiGHS)"),
    "investment": ("办学条件投入方案与最低投入", "investment plan and the minimum budget for compliance"),
    "seats": ("未来学位与班额预测", "seats and class sizes for the years ahead"),
    "whatif": ("情景模拟：改动数据后重新评估", "what-if: change the data, assess again"),
}


def register(subparsers: Any) -> None:
    plan = subparsers.add_parser(
        "plan", formatter_class=RAW,
        help="规划：交流轮岗、投入、学位、情景 / plans: rotation, investment, seats, what-if",
        description="由评估引擎检验的规划方案，输出 JSON、HTML、XLSX 及可复现的方案包\n"
                    "Plans judged by the assessment engine: JSON, HTML, XLSX and a reproducible bundle.")
    kinds = plan.add_subparsers(dest="plan_kind", metavar="KIND")
    for kind, (zh, en) in KINDS.items():
        p = kinds.add_parser(kind, formatter_class=RAW, help=f"{zh} / {en}", description=f"{zh}\n{en}")
        p.add_argument("data", nargs=None if kind == "whatif" else "?",
                       help="数据文件、目录或 .duckdb 数据库（默认 youjun.duckdb）/ data file, directory or database")
        if kind == "whatif":
            p.add_argument("scenario", help="情景 YAML 文件 / scenario YAML file")
        _common(p)
        _specific(kind, p)
        p.set_defaults(func=_run, kind=kind)
    r = kinds.add_parser("rerun", formatter_class=RAW, help="用方案包重新生成并核对 / rerun a saved bundle and compare",
                         description="用方案包记录的输入重新生成方案并与原方案比较\n"
                                     "Make a saved plan again from its bundle and compare.")
    r.add_argument("bundle", help="方案包目录 / bundle directory")
    r.add_argument("data", help="同一份数据 / the same data")
    r.add_argument("--snapshot", help="数据库快照编号 / snapshot id in a database")
    r.add_argument("--lang", choices=("zh", "en"), default="zh", help="语言 / language")
    r.set_defaults(func=_rerun)
    plan.set_defaults(func=lambda args: (plan.print_help(), 0)[1])


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rules", default="cn-2017", help="规则集 / rule set (cn-2017, cn-2012)")
    p.add_argument("--overlay", action="append", default=[], help="省级规则叠加文件 / province overlay file")
    p.add_argument("--out", help="输出目录（默认 plan-<类型>）/ output directory (default plan-<kind>)")
    p.add_argument("--district", help="区县代码（数据含多个区县时）/ district code, when the data holds several")
    p.add_argument("--snapshot", help="数据库快照编号 / snapshot id in a database")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="修改规划假设 / change a planning assumption (see src/youjun/plan/defaults)")
    p.add_argument("--options", help="规划假设 YAML/JSON 文件 / planning assumptions file")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="语言 / language")
    p.add_argument("--formats", default="json,html,xlsx", help="输出格式 / formats (json,html,xlsx)")


def _specific(kind: str, p: argparse.ArgumentParser) -> None:
    if kind == "rotation":
        p.add_argument("--frozen-teachers", help="不参与交流的教师编号文件（每行一个）/ file of teacher IDs that stay")
        p.add_argument("--frozen-schools", help="不参与交流的学校代码文件（每行一个）/ file of school codes that stay")
        p.add_argument("--greedy", action="store_true", help="用贪心法（对照）/ the greedy baseline instead")
        p.add_argument("--time-limit", type=positive_float, help="求解时限（秒）/ solver time limit (s)")
    elif kind == "investment":
        p.add_argument("--budget", type=non_negative_float,
                       help="预算（元）；不给则求全部达标的最低投入 / budget in yuan")
        p.add_argument("--costs", help="单位造价 YAML/JSON 文件 / unit-cost file")
    elif kind == "seats":
        p.add_argument("--years", type=positive_int, default=5, help="预测年数 / years ahead")
        p.add_argument("--births", help="出生人口 YAML：{镇街或*: {年份: 人数}} / births YAML {town or *: {year: n}}")
        p.add_argument("--trend", type=float, help="一年级入学人数年变化率 / yearly change of entrants")
        p.add_argument("--migration", type=positive_float,
                       help="年迁移系数（1.02 = 净流入2%%）/ yearly migration factor")


def _load(args: argparse.Namespace) -> tuple[dict[str, Any], str] | None:
    from youjun.cli.data_cmd import load_checked

    return load_checked(args.data, args.snapshot, args.lang,
                        ("数据有错误，未生成方案。", "The data has errors: no plan made."))


def _options(args: argparse.Namespace) -> dict[str, Any]:
    from youjun.plan.userfiles import read_user_text, read_user_yaml

    options: dict[str, Any] = {}
    for path, what in ((args.options, "options"), (getattr(args, "costs", None), "costs")):
        if path:
            data = read_user_yaml(path, what) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{path}: 应为“名称: 取值”的映射 / expected a mapping of option names to values")
            options.update(dict(data.get("values", data)))
    for item in args.set:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--set 须写作 名称=取值，而不是 {item!r} / --set needs KEY=VALUE, not {item!r}")
        options[key.strip()] = yaml.safe_load(value)
    if args.kind == "rotation":
        for name in ("frozen_teachers", "frozen_schools"):
            path = getattr(args, name)
            if path:
                options[name] = [line.strip() for line in read_user_text(path, "list").splitlines()
                                 if line.strip() and not line.startswith("#")]
        if args.greedy:
            options["method"] = "greedy"
        if args.time_limit:
            options["time_limit_s"] = args.time_limit
    elif args.kind == "investment" and args.budget is not None:
        options["budget"] = args.budget
    elif args.kind == "seats":
        options["years"] = args.years
        if args.births:
            options["births"] = read_user_yaml(args.births, "births")
        if args.trend is not None:
            options["entry_trend"] = args.trend
        if args.migration is not None:
            options["migration"] = args.migration
    elif args.kind == "whatif":
        from youjun.plan.scenario import load_scenario
        options["scenario"] = load_scenario(args.scenario)
    return options


def _run(args: argparse.Namespace) -> int:
    from youjun.assess.engine import census_date
    from youjun.cli.defaults import data_or_default
    from youjun.core.rules import load_ruleset
    from youjun.plan.bundle import save_bundle
    from youjun.plan.districts import district_codes
    from youjun.plan.render import write_plan
    from youjun.plan.run import make_plan

    args.data = data_or_default(args.data)
    loaded = _load(args)
    if loaded is None:
        return 1
    tables, source = loaded
    try:
        options = _options(args)
    except (ValueError, KeyError) as exc:
        return _cannot(exc, args.lang)
    params = load_ruleset(args.rules, overlays=args.overlay, as_of=census_date(tables))
    districts = [args.district] if args.district else district_codes(tables)
    out = Path(args.out or f"plan-{args.kind}")
    formats = [f.strip() for f in args.formats.split(",") if f.strip()]
    for code in districts:
        target = out if len(districts) == 1 else out / code
        try:
            plan, record = make_plan(args.kind, tables, params, district=code, options=options, source=source)
        except (ValueError, KeyError) as exc:
            return _cannot(exc, args.lang)
        save_bundle(target, record)
        paths = write_plan(plan, target, lang=args.lang, formats=formats, bundle=record)
        print(_summary(plan, args.lang), "→", paths.get("html") or next(iter(paths.values())))
    return 0


def _cannot(exc: Exception, lang: str) -> int:
    """E867 with the plan's own reason (already bilingual where the planner words it)."""
    from youjun.cli.failures import USER_ERROR, print_problems
    from youjun.core.errors import Location, problem

    reason = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    print_problems([problem("E867", Location(), reason, detail=reason, detail_en=reason)], lang)
    return USER_ERROR


def _summary(plan: dict[str, Any], lang: str) -> str:
    from youjun.plan.render import fmt, label

    h = plan.get("headline", {})
    shown = list(h.items())[:6]
    parts = [f"{label(k, lang)} {fmt(v)}" for k, v in shown]
    who = f"{plan.get('district_name') or ''}（{plan['district_code']}）{plan.get('school_year') or ''}"
    return f"{label('title_' + plan['kind'], lang)} {who}: " + ("；" if lang == "zh" else "; ").join(
        parts)


def _bundle(arg: str) -> dict[str, Any]:
    """The bundle in folder ``arg`` (or ``arg`` itself when it names bundle.json); E866 if it is
    not one."""
    from youjun.core.errors import Location, YoujunError, problem
    from youjun.plan.bundle import BUNDLE_FILE, load_bundle

    path = Path(arg)
    if not path.exists():
        zh, en = "文件夹不存在", "no such folder"
    elif path.is_dir() and not (path / BUNDLE_FILE).is_file():
        zh, en = f"文件夹中没有 {BUNDLE_FILE}", f"the folder holds no {BUNDLE_FILE}"
    else:
        try:
            return load_bundle(path)
        except (ValueError, OSError):
            zh, en = "内容不是 youjun 的方案包", "its content is not a youjun plan bundle"
    raise YoujunError([problem("E866", Location(file=arg), arg, file=arg, detail=zh, detail_en=en)])


def _rerun(args: argparse.Namespace) -> int:
    from youjun.plan.bundle import PLAN_FILE
    from youjun.plan.run import rerun_bundle

    bundle = _bundle(args.bundle)
    loaded = _load(args)
    if loaded is None:
        return 1
    tables, _source = loaded
    folder = Path(args.bundle)
    saved_path = (folder if folder.is_dir() else folder.parent) / PLAN_FILE
    saved = json.loads(saved_path.read_text(encoding="utf-8")) if saved_path.exists() else None
    result = rerun_bundle(bundle, tables, saved)
    zh = args.lang == "zh"
    yes, no = ("是", "否") if zh else ("yes", "no")
    print(("数据相同" if zh else "same data") + f": {yes if result['same_data'] else no}; "
          + ("规则相同" if zh else "same rules") + f": {yes if result['same_rules'] else no}; "
          + ("方案相同" if zh else "same plan") + f": {yes if result['same_plan'] else no}")
    for line in result["differences"]:
        print("  " + line)
    return 0 if result["same_data"] and result["same_plan"] else 3
