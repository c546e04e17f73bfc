"""`youjun serve`, `youjun web-demo`, `youjun web-user`: the web platform from the command line."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path
from typing import Any

RAW = argparse.RawTextHelpFormatter
DEMO_PASSWORD = "youjun-demo-2025"
DEMO_YEARS = ("2023-2024", "2025-2026")  # 2024-2025 left out: the trend shows the gap


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve", formatter_class=RAW, help="启动网页平台 / start the web platform",
        description="迁移数据库并启动网页平台（默认 SQLite；设置 DATABASE_URL 使用 PostgreSQL）\n"
                    "Migrate the database and start the web platform (SQLite by default; "
                    "PostgreSQL when DATABASE_URL is set).")
    add_web_options(p)
    p.add_argument("--host", default="127.0.0.1", help="监听地址 / address to listen on")
    p.add_argument("--port", type=int, default=8000, help="端口 / port")
    p.add_argument("--workers", type=int, default=0,
                   help="gunicorn 工作进程数；0 为开发服务器 / gunicorn workers; 0 runs Django's server")
    p.add_argument("--no-migrate", action="store_true", help="不执行数据库迁移 / skip migrations")
    p.set_defaults(func=_serve)

    d = subparsers.add_parser(
        "web-demo", formatter_class=RAW, help="载入示例区县与演示账户 / load the sample district and demo accounts",
        description="把示例区县（永川区两个学年、涪陵区、荣昌区）载入内置数据库，创建演示账户并打印登录方式\n"
                    "Load the sample districts (永川区 for two school years, 涪陵区, 荣昌区) into the embedded "
                    "database, create demo accounts and print how to log in.")
    add_web_options(d)
    d.add_argument("--no-assess", action="store_true", help="不运行评估 / do not run the assessment")
    d.add_argument("--serve", action="store_true", help="载入后启动服务 / start the server afterwards")
    d.add_argument("--port", type=int, default=8000)
    d.set_defaults(func=_demo)

    u = subparsers.add_parser(
        "web-user", formatter_class=RAW, help="创建用户并授予角色 / create a user with a role",
        description="创建网页平台用户 / create a user of the web platform")
    add_web_options(u)
    u.add_argument("username")
    u.add_argument("--role", required=True, choices=("platform_admin", "district_admin", "district_analyst",
                                                      "school_officer", "inspector"))
    u.add_argument("--province", default="", help="省级代码（督学）/ province code (inspector)")
    u.add_argument("--district", default="", help="区县代码 / district code")
    u.add_argument("--school", default="", help="学校标识码（学校数据员）/ school code (school officer)")
    u.add_argument("--password", default="",
                   help="密码（默认读取 YOUJUN_PASSWORD）/ password (default $YOUJUN_PASSWORD)")
    u.set_defaults(func=_user)


def add_web_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", default="", help="数据目录（默认 build/web）/ data directory (default build/web)")
    p.add_argument("--database-url", default="", help="数据库（默认 SQLite）/ DATABASE_URL (default SQLite)")


def setup_web(args: argparse.Namespace) -> None:
    if args.data_dir:
        os.environ["YOUJUN_DATA_DIR"] = str(Path(args.data_dir).resolve())
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    from youjun.web import setup

    setup()


def _migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def _serve(args: argparse.Namespace) -> int:
    setup_web(args)
    if not args.no_migrate:
        _migrate()
    from youjun.web.apps.platform import tasks

    reaped = tasks.reap_all()  # runs and plans of a server that died: failed now, not "running" for ever
    if reaped:
        print(f"已将 {reaped} 个中断的后台任务标记为失败 / {reaped} interrupted background tasks marked failed",
              flush=True)
    from django.conf import settings

    print(f"优均 youjun: http://{args.host}:{args.port}/  (data: {settings.DATA_DIR}, "
          f"db: {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})", flush=True)
    if args.workers > 0:
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or shutil.which("gunicorn")
        if gunicorn is None:
            print("gunicorn is not installed / 未安装 gunicorn", file=sys.stderr)
            return 2
        cmd = [gunicorn, "youjun.web.config.wsgi:application", "--workers", str(args.workers),
               "--bind", f"{args.host}:{args.port}", "--access-logfile", "-", "--timeout", "120"]
        sys.stdout.flush()
        os.execve(gunicorn, cmd, os.environ.copy())  # gunicorn takes over this process and its signals
    from django.core.management import call_command

    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, use_threading=True)
    return 0


def load_demo(*, assess: bool = True, log: Any = print) -> dict[str, Any]:
    """Load the sample districts and demo accounts into the configured database (idempotent)."""
    from youjun.sample import generate, generate_district
    from youjun.web.apps.consultation import demo as consultation_demo
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import District, Province, School, User
    from youjun.web.apps.schools import selectors as school_selectors
    from youjun.web.apps.schools import services as school_services

    datasets = [(f"sample S {y}", generate("S", 2023, school_year=y)) for y in DEMO_YEARS]
    datasets.append(("sample M #1", generate_district("M", 2023, 1, scale=0.3, school_year=DEMO_YEARS[-1])))
    # 荣昌区 itself (M #22), with its real streets and towns: the district 荣昌区政协 serves
    scenario, index = consultation_demo.RONGCHANG_SAMPLE
    datasets.append((f"sample {scenario} #{index}", consultation_demo.rongchang_tables(
        generate_district(scenario, 2023, index, scale=0.5, school_year=DEMO_YEARS[-1]))))
    stored = []
    for source, tables in datasets:
        row = tables["districts"].iloc[0]
        province, _ = Province.objects.get_or_create(code=str(row["province_code"]),
                                                     defaults={"name": str(row["province_name"])})
        district = District.objects.filter(code=str(row["district_code"])).first() or District.objects.create(
            code=str(row["district_code"]), name=str(row["district_name"]), province=province)
        from youjun.ingest.store import data_hash

        current = school_selectors.current_snapshot(district, str(row["school_year"]))
        if current is None or current.data_hash != data_hash(tables):
            school_services.store_snapshot(None, district, tables, source=source, note="youjun web-demo")
            log(f"  {district.name} {row['school_year']}: {len(tables['schools'])} schools, "
                f"{len(tables['teachers'])} teachers")
        stored.append((district, str(row["school_year"])))
    main = stored[0][0]
    other = stored[2][0]
    rongchang = stored[3][0]
    officer_school = _demo_officer_school(main)
    accounts = [
        ("admin", "平台管理员", "platform_admin", {}),
        ("bureau", "永川区教委管理员", "district_admin", {"district": main}),
        ("analyst", "永川区数据分析员", "district_analyst", {"district": main}),
        ("inspector", "重庆市督学", "inspector", {"province": main.province}),
        ("officer", "学校数据员", "school_officer", {"school": School.objects.get(code=officer_school)}),
        ("bureau2", f"{other.name}教委管理员", "district_admin", {"district": other}),
    ]
    for username, name, role, where in accounts:
        if User.objects.filter(username=username).exists():
            continue
        user = platform_services.create_user(None, username, DEMO_PASSWORD, full_name=name, role=role, **where)
        if role == "platform_admin":
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
    runs = []
    if assess:
        runs = _demo_runs(stored, log)
    accounts += _consultation_demo(rongchang, log)
    accounts += _evaluation_demo(main, officer_school, log)
    from youjun.web.apps.workforce import demo_scale  # the teachers at the sources' scale (issue 14)

    demo_scale.seed_demo(main, log=log)
    from youjun.web.apps.platform.models import School, User

    linked = demo_scale.link_demo_teacher(User.objects.filter(username="teacher").first(),
                                          School.objects.get(code=officer_school))
    if linked is not None:
        log(f"  teacher: {linked.name}（{linked.staff_id}）, {linked.school.name}")
    _programmes_demo(main, log)
    return {"accounts": accounts, "officer_school": officer_school, "districts": stored, "runs": runs}


PROGRAMME_DEMOS = ("party", "party.brands", "party.integrity", "vocational", "courses", "overview")


def _programmes_demo(district: Any, log: Any) -> dict[str, Any]:
    """Party work, clean schools, the vocational centre, courses and building works of the demo
    district at the sources' scale (issue 15): each app's ``demo.seed(district, today=, rng=)``,
    after the workforce (posts, teachers and groups are read by some of them)."""
    import importlib
    import random
    import time

    from django.utils import timezone

    made: dict[str, Any] = {}
    for name in PROGRAMME_DEMOS:
        began = time.perf_counter()
        seed = importlib.import_module(f"youjun.web.apps.{name}.demo").seed
        made[name] = seed(district, today=timezone.localdate(), rng=random.Random(2023))
        log(f"  {district.name} {name}: {time.perf_counter() - began:.1f}s")
    return made


def _evaluation_demo(district: Any, officer_school: str, log: Any) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Pupil and school evaluation at the demo officer's school, this school year: a fitness test
    (which brings the pupils and classes), a head teacher and a parent of its first class, habits
    with four weeks of check-ins, comprehensive quality records through publication, and the
    district's school evaluation by the 2021 guide."""
    from django.utils import timezone

    from youjun.web.apps.fitness import demo as fitness_demo
    from youjun.web.apps.habits import demo as habits_demo
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import School, User
    from youjun.web.apps.pupils import services as pupil_services
    from youjun.web.apps.pupils.access import school_year_of
    from youjun.web.apps.pupils.models import ClassGroup, ClassTeacher, Enrolment, Guardian
    from youjun.web.apps.quality import demo as quality_demo
    from youjun.web.apps.schooleval import demo as schooleval_demo

    school = School.objects.get(code=officer_school)
    year = school_year_of(timezone.localdate())
    officer = User.objects.filter(username="officer").first()
    if not ClassGroup.objects.filter(school=school, school_year=year).exists():
        fitness_demo.seed(school, year, officer, pupils=480, classes_per_grade=2)  # classes of 40
    first = next(c for c in ClassGroup.objects.filter(school=school, school_year=year).order_by("grade", "number")
                 if Enrolment.objects.filter(class_group=c).count() >= 2)
    teacher = User.objects.filter(username="teacher").first() or platform_services.create_user(
        None, "teacher", DEMO_PASSWORD, full_name=f"{first}班主任")
    if not ClassTeacher.objects.filter(class_group=first, kind=ClassTeacher.Kind.HEAD).exists():
        pupil_services.assign_teacher(first, teacher, None, kind=ClassTeacher.Kind.HEAD)
    child = Enrolment.objects.filter(class_group=first).order_by("pupil__student_id").first().pupil
    parent = User.objects.filter(username="parent").first() or platform_services.create_user(
        None, "parent", DEMO_PASSWORD, full_name=f"{child.name[:1]}家长")
    if not Guardian.objects.filter(pupil=child).exists():
        pupil_services.add_guardian(child, parent, None, relation="母亲")
    habits_demo.seed(school, year)
    quality_demo.seed(school, year, password=DEMO_PASSWORD)
    schooleval_demo.seed(district)
    log(f"  {school.name} {year}: {Enrolment.objects.filter(class_group__school=school, school_year=year).count()} "
        f"pupils with fitness results, habits and quality records; teacher and parent of {first}")
    return [("teacher", f"{first}班主任", "head_teacher", {}), ("parent", f"{child.name[:1]}家长", "guardian", {})]


def _consultation_demo(district: Any, log: Any) -> list[tuple[str, str, str, dict[str, Any]]]:
    """荣昌区政协's demo year on the consultation platform, serving ``district`` (荣昌区), its
    present (the last 60 days), the bureau account of 荣昌区 and its draft recognition survey."""
    from youjun.web.apps.consultation import demo
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import User

    bureau_name = f"{district.name}教委管理员"
    bureau = User.objects.filter(username="rongchang-bureau").first() or platform_services.create_user(
        None, "rongchang-bureau", DEMO_PASSWORD, full_name=bureau_name, role="district_admin", district=district)
    result = demo.seed_demo(district=district, password=DEMO_PASSWORD, log=log)
    demo.seed_present(result.body, log=log)
    demo.seed_survey(district, bureau, DEMO_YEARS[-1])
    return [("rongchang-bureau", bureau_name, "district_admin", {"district": district}),
            *[(username, name, role, {}) for username, role, name in result.accounts]]


def _demo_officer_school(district: Any) -> str:
    from youjun.web.apps.platform.models import School

    school = School.objects.filter(district=district, school_type="primary").order_by("code").first()
    return (school or School.objects.filter(district=district).order_by("code").first()).code


def _demo_runs(stored: list[tuple[Any, str]], log: Any) -> list[Any]:
    from django.conf import settings

    from youjun.web.apps.assessment import selectors as assessment_selectors
    from youjun.web.apps.assessment import services as assessment_services

    settings.YOUJUN_TASKS = "eager"
    out = []
    for district, year in stored:
        if year in assessment_selectors.latest_runs_by_year(district):
            continue
        run = assessment_services.start_run(None, district, year)
        run.refresh_from_db()
        if run.status != run.Status.DONE:
            run = assessment_services.execute(run.pk)
        msg = (run.error or {}).get("message", {}).get("zh", "") if run.status == "failed" else ""
        log(f"  评估 / assessment {district.name} {year}: {run.status} {msg}")
        out.append(run)
    return out


def _demo(args: argparse.Namespace) -> int:
    setup_web(args)
    _migrate()
    print("载入示例数据 / loading the sample districts …", flush=True)
    info = load_demo(assess=not args.no_assess)
    url = f"http://127.0.0.1:{args.port}/"
    print(f"\n打开 / open: {url}   (youjun serve --port {args.port})")
    print(f"演示账户密码 / demo password: {DEMO_PASSWORD}")
    for username, name, role, _where in info["accounts"]:
        print(f"  {username:<16} {role:<17} {name}")
    if args.serve:
        args.host, args.workers, args.no_migrate = "127.0.0.1", 0, True
        return _serve(args)
    return 0


def _user(args: argparse.Namespace) -> int:
    setup_web(args)
    _migrate()
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import District, Province, School

    password = args.password or os.environ.get("YOUJUN_PASSWORD", "")
    if not password:
        print("请用 --password 或 YOUJUN_PASSWORD 提供密码 / give --password or YOUJUN_PASSWORD", file=sys.stderr)
        return 2
    where: dict[str, Any] = {}
    if args.province:
        where["province"] = Province.objects.get(code=args.province)
    if args.district:
        where["district"] = District.objects.get(code=args.district)
    if args.school:
        where["school"] = School.objects.get(code=args.school)
    try:
        user = platform_services.create_user(None, args.username, password, role=args.role, **where)
    except platform_services.PasswordRefused as exc:  # the same policy as every other path
        p = exc.problem
        print(f"{p['code']} {p['message']['zh']} {p['hint']['zh']}\n{p['code']} {p['message']['en']} "
              f"{p['hint']['en']}", file=sys.stderr)
        return 2
    if args.role == "platform_admin":
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    print(f"已创建 / created: {user.username} ({args.role})")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m youjun.cli.serve_cmd serve|web-demo|web-user …`` (the same as ``youjun …``)."""
    parser = argparse.ArgumentParser(prog="youjun", formatter_class=RAW)
    register(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
