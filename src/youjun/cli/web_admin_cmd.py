"""`youjun web-move-school`: a platform administrator moves a school to another district.

Uploads never move schools between districts (a school code registered elsewhere refuses the
upload, E815); after a boundary change (区划调整) the platform admin moves the school here,
with a reason kept in the audit log of both districts, then the new district uploads its file.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from youjun.cli.serve_cmd import RAW, add_web_options, setup_web


def register(subparsers: Any) -> None:
    m = subparsers.add_parser(
        "web-move-school", formatter_class=RAW,
        help="把学校划转到另一区县（平台管理员）/ move a school to another district",
        description="平台管理员把学校划转到另一区县，原因写入两个区县的操作记录\n"
                    "A platform administrator moves a school to another district; the reason is kept in the "
                    "audit log of both districts.")
    add_web_options(m)
    m.add_argument("school", help="学校标识码 / school code")
    m.add_argument("--to", required=True, help="目标区县代码 / code of the district to move it to")
    m.add_argument("--reason", required=True,
                   help="原因（如区划调整文件号）/ reason (e.g. the boundary-change document)")
    m.add_argument("--by", required=True, help="执行操作的平台管理员用户名 / username of the platform admin")
    m.set_defaults(func=_move)


def _move(args: argparse.Namespace) -> int:
    setup_web(args)
    from youjun.web.apps.platform import services as platform_services
    from youjun.web.apps.platform.models import District, School, User

    actor = User.objects.filter(username=args.by, is_active=True).first()
    school = School.objects.select_related("district").filter(code=args.school).first()
    target = District.objects.filter(code=args.to).first()
    missing = [what for what, obj in (("user --by", actor), ("school", school), ("district --to", target))
               if obj is None]
    if missing:
        print(f"找不到 / not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    assert actor is not None and school is not None and target is not None
    source = school.district
    try:
        platform_services.move_school(actor, school, target, args.reason)
    except PermissionError:
        print("只有平台管理员可以划转学校 / only a platform administrator may move a school", file=sys.stderr)
        return 3
    except ValueError as exc:
        print(f"未划转 / not moved: {exc}", file=sys.stderr)
        return 2
    print(f"已划转 / moved: {school.code} {school.name}: "
          f"{source.name}（{source.code}）→ {target.name}（{target.code}）")
    return 0
