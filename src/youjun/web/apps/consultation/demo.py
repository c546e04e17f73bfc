"""The seeded demo year of Rongchang's "渝事好商量" platform, at the scale the source page reports
(215 consultation activities over the four venues, 1,967 participants, 239 problems solved,
295 members sent to the grassroots, 11 member studios, 26 problems solved with the neighbouring
Sichuan cities).

Every record is written the way the platform writes it: concerns through ``services``
(raise, select, investigate, consult, assign, progress, answer, rate, close, reopen, merge,
decline), so each has its events and audit rows; meetings and their attendees as rows (the
meetings' own services belong to their area), each with an audit row. The year is replayed in
time order on a simulated clock (``django.utils.timezone.now`` reads the replayed moment while
seeding), so every timestamp, deadline and overdue flag is the one the services computed on that
day. No total is stored anywhere: the figures are counted from the records (``figures``).

Deterministic: the same ``seed`` gives the same records (``random.Random(seed)``, schools and
users taken in a fixed order).
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from youjun.core import consultation as rules
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import (
    Attendee,
    Body,
    Concern,
    Department,
    Meeting,
    Participant,
    Studio,
)
from youjun.web.apps.platform import services as platform_services
from youjun.web.apps.platform.audit import record
from youjun.web.apps.platform.models import District, School, User

TZ = ZoneInfo("Asia/Shanghai")
DEFAULT_SEED = 12
DEMO_PASSWORD = "youjun-demo-2025"
# the demo's accounts that log in: user name, role (as web-demo prints it), name
DEMO_ACCOUNTS = (
    ("cppcc", "consult_staff", "荣昌区政协工作人员"),
    ("member", "consult_member", "荣昌区政协委员（昌元街道）"),
    ("edu-dept", "consult_dept", "荣昌区教育委员会承办人"),
    ("town-dept", "consult_dept", "昌元街道办事处承办人"),
    ("resident", "resident", "荣昌居民（有反映的问题）"),
)

# The scale of one year on the source page (荣昌 "渝事好商量", 2023): the generator's targets.
MEMBERS = 295
MEETINGS = {"courtyard": 118, "studio": 46, "salon": 27, "cross_border": 24}  # 215 activities
ATTENDEES = 1967
JOINT = {"neijiang": 16, "luzhou": 10}  # 26 problems solved with the neighbours

# The 6 streets and 15 towns of 荣昌区.
TOWNS = ("昌元街道", "昌州街道", "广顺街道", "安富街道", "峰高街道", "双河街道", "直升镇", "路孔镇", "清江镇",
         "仁义镇", "河包镇", "古昌镇", "吴家镇", "观胜镇", "铜鼓镇", "清流镇", "盘龙镇", "远觉镇", "清升镇",
         "荣隆镇", "龙集镇")
STREETS = TOWNS[:6]
BORDER_TOWNS = {"neijiang": ("双河街道", "清江镇", "河包镇", "古昌镇"), "luzhou": ("龙集镇", "荣隆镇", "吴家镇")}
# villages and compounds named in the source page, the rest made up from common place words
KNOWN_VILLAGES = {"安富街道": "普陀村", "清流镇": "邵家坝", "盘龙镇": "苗木村"}
_VILLAGE_FIRST = "白柏碑陈大高何黄金来林龙马七三石双太桃铁万五仙新杨永玉"
_VILLAGE_SECOND = "坝岗沟河湖湾岩院庄坪山桥塘"

SECTORS = ("中共", "民革", "民盟", "民建", "民进", "农工党", "九三学社", "无党派人士", "共青团", "工会", "妇联",
           "工商联", "科技界", "经济界", "农业界", "教育界", "文化艺术界", "医药卫生界", "体育界", "新闻出版界",
           "社会福利和社会保障界", "少数民族界", "特邀人士")

# 11 studios: 6 courtyard studios and themed ones (seeds-digest R1)
STUDIOS = (
    ("安富街道普陀村小院委员工作室", "基层治理", "安富街道"),
    ("清流镇邵家坝小院委员工作室", "基层治理", "清流镇"),
    ("盘龙镇苗木村小院委员工作室", "基层治理", "盘龙镇"),
    ("河包镇小院委员工作室", "基层治理", "河包镇"),
    ("直升镇小院委员工作室", "基层治理", "直升镇"),
    ("昌州街道小院委员工作室", "基层治理", "昌州街道"),
    ("“双昌”合作示范园区委员工作室", "川渝合作（与隆昌市政协共建）", "双河街道"),
    ("畜牧科技城委员工作室", "畜牧科技与生物医药", "昌州街道"),
    ("眼镜产业委员工作室", "眼镜产业", "广顺街道"),
    ("荣昌夏布委员工作室", "夏布文化与非遗", "昌元街道"),
    ("安陶小镇委员工作室", "陶瓷产业与文旅", "安富街道"),
)
DEPARTMENTS = (  # name, kind, categories it handles
    ("荣昌区教育委员会", "education", ("education",)),
    ("荣昌区交通运输委员会", "transport", ("roads",)),
    ("荣昌区水利局", "water", ("water",)),
    ("荣昌区住房和城乡建设委员会", "housing", ("lighting", "environment")),
    ("荣昌区卫生健康委员会", "health", ("health",)),
    ("荣昌区农业农村委员会", "agriculture", ("industry",)),
)
NEIGHBOURS = (  # code, name, region, prefix, departments
    ("neijiang", "内江市政协", "四川省内江市", "NJ", (("隆昌市水务局", "water"), ("隆昌市交通运输局", "transport"))),
    ("luzhou", "泸州市政协", "四川省泸州市", "LZ", (("泸县水务局", "water"), ("泸县交通运输局", "transport"))),
)
SALON_THEMES = ("眼镜产业发展经济沙龙", "生物医药产业沙龙", "数字产业沙龙", "历史文脉挖掘文化沙龙",
                "文物保护利用文化沙龙", "职业教育沙龙", "青少年心理健康教育沙龙")

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程魏苏吕丁任沈姚卢"
GIVEN = "建国华明丽芳军平红玉兰英秀云霞伟强勇敏静磊洋艳杰涛超斌琳娟文婷志刚德福海燕春梅晓东小林成"

# what residents raise, by category: (share of concerns, titles, text)
CATEGORIES: dict[str, tuple[int, tuple[str, ...], str]] = {
    "lighting": (14, ("{v}院坝路灯不亮", "{v}村道缺少路灯", "{t}{v}健身广场照明损坏"),
                 "天黑后出行不便，老人和孩子走夜路不安全，希望安装或修复路灯。"),
    "roads": (18, ("{v}生产便道年久失修", "{t}场镇至{v}公路坑洼", "{v}入户路泥泞难行", "{t}客运班次太少"),
              "雨天路面积水，农用车和摩托车通行困难，希望尽快硬化或修补。"),
    "water": (12, ("{v}农田灌溉用水不足", "{v}饮水管网老化经常停水", "{v}山坪塘渗漏"),
              "用水高峰期水量不够，影响生产生活，希望协调解决。"),
    "environment": (14, ("{v}垃圾收运不及时", "{t}{v}污水直排河沟", "{v}养殖粪污气味大"),
                    "影响周边居民生活，希望加强整治并建立长效机制。"),
    "health": (7, ("{t}卫生院缺少儿科医生", "{v}村卫生室药品不全", "{t}家庭医生签约服务不到位"),
               "看病要跑到城区，老人小孩很不方便。"),
    "elderly": (9, ("{v}缺少老年活动场所", "{t}高龄补贴办理流程繁琐", "{v}留守老人助餐点太少"),
                "老人多，活动和就餐都不方便，希望增设服务点。"),
    "industry": (8, ("{t}生猪养殖粪污处理难", "眼镜产业园招工难", "{t}夏布作坊缺少展销渠道", "{v}柑橘销售渠道窄"),
                 "产业发展遇到困难，希望相关部门帮助协调。"),
    "education": (12, ("{s}没有标准运动场", "{s}教学仪器老化不够用", "{s}放学时段校门口拥堵", "{s}多媒体教室不足",
                       "{s}教学用房紧张"),
                  "关系到孩子的学习和安全，家长们很关心，希望教委统筹解决。"),
    "other": (6, ("{t}便民服务中心排队时间长", "{v}快递进村不方便"), "群众办事不方便，希望改进。"),
}
# education titles -> the assessment indicator they concern (R4–R7 of the 2017 method)
EDUCATION_INDICATORS = {"没有标准运动场": "R5", "教学仪器": "R6", "多媒体教室": "R7", "教学用房": "R4"}

DECLINE_REASONS = ("属于个人纠纷，已引导通过人民调解解决", "不属于政协协商范围，已转12345热线办理",
                   "已列入区政府年度民生实事，正在实施")


# --- the simulated clock -------------------------------------------------------------------

class _Clock:
    def __init__(self) -> None:
        self.moment: dt.datetime | None = None
        self.real: Callable[[], dt.datetime] = timezone.now

    def now(self) -> dt.datetime:
        return self.moment if self.moment is not None else self.real()


@contextmanager
def replayed_time() -> Iterator[_Clock]:
    """While seeding, ``django.utils.timezone.now`` answers the replayed moment (``clock.moment``),
    so the services stamp events, deadlines and audit rows with the day they happened."""
    clock = _Clock()
    timezone.now = clock.now
    try:
        yield clock
    finally:
        timezone.now = clock.real


# --- plans ---------------------------------------------------------------------------------

@dataclass
class Step:
    at: dt.datetime
    kind: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass
class Plan:
    key: int
    category: str
    town: str
    village: str
    steps: list[Step] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    concern: Concern | None = None


@dataclass
class MeetingSpec:
    key: int
    venue: str
    held_on: dt.date
    town: str
    title: str
    place: str
    joint: str = ""  # code of the neighbouring body
    studio: int | None = None
    attendees: int = 0
    used: int = 0
    meeting: Meeting | None = None


@dataclass
class DemoResult:
    body: Body
    accounts: list[tuple[str, str, str]]  # username, role, name (DEMO_ACCOUNTS that exist)
    seconds: float
    created: bool
    figures: dict[str, int]


def _moment(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _phone(rng: random.Random) -> str:
    return rng.choice(("138", "139", "151", "177", "189")) + f"{rng.randrange(10 ** 8):08d}"


def _villages(rng: random.Random) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for town in TOWNS:
        names: list[str] = [KNOWN_VILLAGES[town]] if town in KNOWN_VILLAGES else []
        suffix = ("社区",) if town in STREETS else ("村", "村", "社区")
        while len(names) < 4:
            name = rng.choice(_VILLAGE_FIRST) + rng.choice(_VILLAGE_SECOND) + rng.choice(suffix)
            if name not in names:
                names.append(name)
        out[town] = names
    return out


class _Seeder:
    """One seeding run: the people, the plans, then the year replayed in time order."""

    def __init__(self, *, year: int, seed: int, district: District | None, password: str) -> None:
        self.year, self.rng, self.district, self.password = year, random.Random(seed), district, password
        self.start = dt.date(year, 1, 2)
        self.end = dt.date(year, 12, 30)
        self.villages = _villages(self.rng)
        self.plans: list[Plan] = []
        self.meetings: list[MeetingSpec] = []
        self.departments: dict[str, Department] = {}
        self.handlers: dict[int, User] = {}
        self.members_by_town: dict[str, list[Participant]] = {}
        self.members: list[Participant] = []
        self.residents: list[User] = []

    # --- people ---

    def _account(self, username: str) -> User:
        full_name = next(name for u, _, name in DEMO_ACCOUNTS if u == username)
        return platform_services.create_user(None, username, self.password, full_name=full_name)

    def _users(self, prefix: str, names: list[str]) -> list[User]:
        """Accounts without a password (people of the demo nobody logs in as)."""
        users = []
        for i, full_name in enumerate(names, 1):
            user = User(username=f"{prefix}{i:03d}", full_name=full_name)
            user.set_unusable_password()
            users.append(user)
        User.objects.bulk_create(users)
        return list(User.objects.filter(username__in=[u.username for u in users]).order_by("username"))

    def people(self) -> None:
        rng = self.rng
        self.rc = Body.objects.create(code="rongchang", name="荣昌区政协", district=self.district,
                                      region="重庆市荣昌区", number_prefix="RC")
        self.neighbours = {code: Body.objects.create(code=code, name=name, region=region, number_prefix=prefix)
                           for code, name, region, prefix, _ in NEIGHBOURS}
        self.studios = [Studio.objects.create(body=self.rc, name=n, theme=t) for n, t, _ in STUDIOS]
        for name, kind, cats in DEPARTMENTS:
            dept = Department.objects.create(body=self.rc, name=name, kind=kind,
                                             district=self.district if kind == "education" else None)
            for c in cats:
                self.departments[c] = dept
        self.town_departments = {
            t: Department.objects.create(body=self.rc, name=f"{t}办事处" if t in STREETS else f"{t}人民政府",
                                         kind="town")
            for t in TOWNS}
        self.neighbour_departments = {
            (code, kind): Department.objects.create(body=self.neighbours[code], name=n, kind=kind)
            for code, _, _, _, depts in NEIGHBOURS for n, kind in depts}

        self.staff = self._account("cppcc")
        services.add_participant(None, self.staff, self.rc, "staff")
        for code, body in self.neighbours.items():
            (user,) = self._users(f"cdemo-{code}-staff", ["内江市政协工作人员" if code == "neijiang"
                                                         else "泸州市政协工作人员"])
            services.add_participant(None, user, body, "staff")

        member = self._account("member")
        others = self._users("cdemo-m", [_name(rng) for _ in range(MEMBERS - 1)])
        for i, user in enumerate([member, *others]):
            town = "昌元街道" if i == 0 else TOWNS[i % len(TOWNS)]
            studio = self.studios[i % len(self.studios)] if i % 3 == 0 else None  # a third sit in a studio
            sector = "教育界" if i == 0 else rng.choice(SECTORS)
            p = services.add_participant(None, user, self.rc, "member", sector=sector, studio=studio,
                                         neighbourhood=town)
            self.members.append(p)
            self.members_by_town.setdefault(town, []).append(p)

        edu, town = self._account("edu-dept"), self._account("town-dept")
        services.add_participant(None, edu, self.rc, "department", department=self.departments["education"])
        services.add_participant(None, town, self.rc, "department", department=self.town_departments["昌元街道"])
        self.handlers[self.departments["education"].pk] = edu
        self.handlers[self.town_departments["昌元街道"].pk] = town
        rest = [d for d in (*dict.fromkeys(self.departments.values()), *self.town_departments.values(),
                            *self.neighbour_departments.values()) if d.pk not in self.handlers]
        for dept, user in zip(rest, self._users("cdemo-d", [f"{d.name}承办人" for d in rest]), strict=True):
            services.add_participant(None, user, dept.body, "department", department=dept)
            self.handlers[dept.pk] = user

        self.resident = self._account("resident")
        self.residents = [self.resident, *self._users("cdemo-r", [_name(rng) for _ in range(119)])]
        self.schools = list(School.objects.filter(district=self.district).order_by("code")) if self.district else []

    def load(self, body: Body) -> None:
        """The people of an already seeded demo (to add to it): bodies, departments and their
        handlers, members, residents and the district's schools, in a fixed order."""
        self.rc, self.district = body, body.district
        self.neighbours = {b.code: b for b in Body.objects.filter(code__in=[n[0] for n in NEIGHBOURS])}
        self.studios = list(Studio.objects.filter(body=body).order_by("pk"))
        by_name = {d.name: d for d in Department.objects.filter(body=body)}
        for name, _kind, cats in DEPARTMENTS:
            for c in cats:
                self.departments[c] = by_name[name]
        self.town_departments = {t: by_name[f"{t}办事处" if t in STREETS else f"{t}人民政府"] for t in TOWNS}
        for p in Participant.objects.filter(body=body, kind=Participant.Kind.DEPARTMENT).select_related(
                "user").order_by("pk"):
            if p.department_id is not None:
                self.handlers.setdefault(p.department_id, p.user)
        self.staff = User.objects.get(username="cppcc")
        for p in Participant.objects.filter(body=body, kind=Participant.Kind.MEMBER).select_related(
                "user").order_by("pk"):
            self.members.append(p)
            self.members_by_town.setdefault(p.neighbourhood, []).append(p)
        self.resident = User.objects.get(username="resident")
        self.residents = [self.resident, *User.objects.filter(username__startswith="cdemo-r").order_by("username")]
        self.schools = list(School.objects.filter(district=self.district).order_by("code")) if self.district else []

    # --- meetings ---

    def schedule(self) -> None:
        rng = self.rng
        days = (self.end - self.start).days
        key = 0
        for venue, count in MEETINGS.items():
            for i in range(count):
                day = self.start + dt.timedelta(days=int((i + rng.random()) * days / count))
                if day.weekday() == 6:
                    day -= dt.timedelta(days=1)
                joint = ""
                studio = None
                if venue == "courtyard":
                    town = rng.choice(TOWNS)
                    village = rng.choice(self.villages[town])
                    title, place = f"委员进小院·{town}{village}院坝协商", f"{town}{village}院坝"
                    size = rng.randint(6, 12)
                elif venue == "studio":
                    studio = rng.randrange(len(STUDIOS))
                    name, theme, town = STUDIOS[studio]
                    title, place, size = f"{name}履职活动（{theme}）", name, rng.randint(5, 10)
                elif venue == "salon":
                    town = rng.choice(STREETS)
                    theme = SALON_THEMES[i % len(SALON_THEMES)]
                    title, place, size = f"委员沙龙·{theme}", "荣昌区政协委员之家", rng.randint(9, 15)
                else:
                    joint = "neijiang" if i % 12 < 7 else "luzhou"
                    town = rng.choice(BORDER_TOWNS[joint])
                    room = "内荣农高区先行区协商室" if joint == "neijiang" else "泸荣毗邻地区协商议事室"
                    title = f"川渝毗邻地区协商·{room}"
                    place, size = room, rng.randint(10, 16)
                self.meetings.append(MeetingSpec(key, venue, day, town, title, place, joint, studio, size))
                key += 1
        # the participants of the year, as many as the source page counts, spread over the meetings
        total = sum(m.attendees for m in self.meetings)
        while total != ATTENDEES:
            m = rng.choice(self.meetings)
            if total < ATTENDEES:
                m.attendees += 1
                total += 1
            elif m.attendees > 5:
                m.attendees -= 1
                total -= 1
        self.meetings.sort(key=lambda m: (m.held_on, m.key))

    def meeting_for(self, venue: str, after: dt.date, *, joint: str = "", within: int = 40) -> MeetingSpec | None:
        found = [m for m in self.meetings if m.venue == venue and m.joint == joint
                 and after < m.held_on <= min(after + dt.timedelta(days=within), self.end)]
        if not found:
            return None
        best = min(found, key=lambda m: (m.used, m.held_on))
        best.used += 1
        return best

    # --- concerns ---

    def _category(self) -> str:
        cats = list(CATEGORIES)
        return self.rng.choices(cats, weights=[CATEGORIES[c][0] for c in cats])[0]

    def _venue(self, category: str) -> str:
        if category in ("industry",):
            return self.rng.choice(("studio", "salon"))
        if category in ("education", "health"):
            return self.rng.choice(("salon", "studio", "courtyard"))
        return "courtyard"

    def new_plan(self, raised: dt.date, *, category: str = "", town: str = "", raiser: str = "",
                 school: bool | None = None) -> Plan:
        rng = self.rng
        category = category or self._category()
        town = town or rng.choice(TOWNS)
        village = rng.choice(self.villages[town])
        titles = CATEGORIES[category][1]
        title = rng.choice(titles)
        fields: dict[str, Any] = {"category": category, "town": town, "village": village,
                                  "text": CATEGORIES[category][2]}
        if category == "education" and self.schools and school is not False:
            s = self.schools[len(self.plans) % len(self.schools)]
            if s.town in self.villages and s.town != town:  # a school of 荣昌区 itself: the concern is in its town
                town = s.town
                village = self.villages[town][len(self.plans) % len(self.villages[town])]
                fields.update(town=town, village=village)
            fields["school"] = s
            title = title.format(s=s.name, t=town, v=village)
            fields["indicator"] = next((code for words, code in EDUCATION_INDICATORS.items() if words in title), "")
        else:
            title = title.format(s=f"{town}中心小学", t=town, v=village)
        fields["title"] = title[:120]
        raiser = raiser or rng.choices(("web", "visit", "member"), weights=(45, 40, 15))[0]
        if raiser == "web":
            fields.update(channel="web", actor=rng.choice(self.residents))
        elif raiser == "visit":
            fields.update(channel="visit", actor=self._member(town).user, on_behalf=True, consent_noted=True,
                          consent_text="本人同意委员代为登记并用于办理联系", raiser_name=_name(rng),
                          raiser_phone=_phone(rng))
        else:
            fields.update(channel="member", actor=self._member(town).user)
        plan = Plan(len(self.plans), category, town, village, fields=fields)
        plan.steps.append(Step(_moment(raised, rng.randint(8, 20), rng.randrange(60)), "raise"))
        self.plans.append(plan)
        return plan

    def _member(self, town: str) -> Participant:
        return self.rng.choice(self.members_by_town.get(town) or self.members)

    def _after(self, at: dt.datetime, low: int, high: int) -> dt.datetime:
        """A moment ``low``–``high`` days after ``at`` in office hours, never past the year's
        end and never before ``at`` (steps of one item stay in order)."""
        day = at.date() + dt.timedelta(days=self.rng.randint(low, high))
        later = _moment(min(day, self.end), self.rng.randint(9, 17), self.rng.randrange(60))
        return max(later, at + dt.timedelta(minutes=20))

    def _through_consult(self, plan: Plan, *, consult: float, venue: str = "", joint: str = "",
                         investigate: float = 0.6) -> dt.datetime:
        """select → investigate? → consult? ; the time of the last step."""
        rng = self.rng
        at = self._after(plan.steps[-1].at, 1, 6)
        venue = venue or self._venue(plan.category)
        plan.steps.append(Step(at, "select", {"venue": venue}))
        if rng.random() < investigate:
            at = self._after(at, 2, 10)
            plan.steps.append(Step(at, "investigate", {"notes": f"委员到{plan.town}{plan.village}实地走访，"
                                                                 f"听取群众和村（社区）干部意见，核实情况属实。"}))
        if rng.random() < consult:
            m = self.meeting_for(venue, at.date(), joint=joint, within=60 if joint else 40)
            if m is not None:
                at = _moment(m.held_on, 15, rng.randrange(60))
                plan.steps.append(Step(at, "consult", {"meeting": m}))
        return at

    def _department(self, plan: Plan, joint: str = "") -> Department:
        if joint and self.rng.random() < 0.5:
            kind = "water" if plan.category == "water" else "transport"
            return self.neighbour_departments[(joint, kind)]
        if plan.category in ("elderly", "other") or (plan.category in ("lighting", "environment")
                                                      and plan.town not in STREETS):
            return self.town_departments[plan.town]
        return self.departments[plan.category]

    def _handle(self, plan: Plan, at: dt.datetime, *, dept: Department, late: bool, finish: str = "close",
                reopen: bool = False, rater: str = "") -> dt.datetime:
        """assign → progress → answer → rate → close (or stop earlier: ``finish``)."""
        rng = self.rng
        days = rules.sla_days(services.body_settings(self.rc)["sla"], plan.category)
        at = self._after(at, 1, 5)
        plan.steps.append(Step(at, "assign", {"department": dept}))
        assigned = at
        if finish == "assign":
            return at
        for pct in (30, 60)[: rng.randint(1, 2)]:
            at = self._after(at, 2, max(3, days // 3))
            plan.steps.append(Step(at, "progress", {"percent": pct, "note": f"已完成现场踏勘和方案制定，进度{pct}%。"}))
        if finish == "progress":
            return at
        due = assigned.date() + dt.timedelta(days=days)
        answer_day = due + dt.timedelta(days=rng.randint(3, 20)) if late else \
            assigned.date() + dt.timedelta(days=rng.randint(max(2, days // 3), days))
        at = max(_moment(min(answer_day, self.end), 16), at + dt.timedelta(hours=2))
        text = f"经现场核实并会同相关单位协商，{plan.fields['title']}的问题已办理完毕。"
        plan.steps.append(Step(at, "answer", {"text": text}))
        if finish == "answer":
            return at
        at = self._after(at, 1, 6)
        if reopen:
            plan.steps.append(Step(at, "rate", {"satisfaction": "not", "fixed": "not_fixed", "rater": "raiser",
                                                "comment": "现场看了，问题还没有彻底解决。"}))
            if finish == "reopen":
                return at
            at = self._after(at, 3, 10)
            plan.steps.append(Step(at, "progress", {"percent": 80, "note": "根据群众意见返工整改。"}))
            at = self._after(at, 3, 10)
            plan.steps.append(Step(at, "answer", {"text": "已按群众意见返工，经回访问题已解决。"}))
            at = self._after(at, 1, 5)
        # a raiser's 'not satisfied' or 'not fixed' reopens the item: that is the reopen plans' part
        satisfaction = rng.choices(("satisfied", "partly"), weights=(80, 20))[0]
        fixed = "fixed" if satisfaction == "satisfied" or rng.random() < 0.6 else "dont_know"
        plan.steps.append(Step(at, "rate", {"satisfaction": satisfaction, "fixed": fixed, "rater": rater or "auto"}))
        at = self._after(at, 1, 4)
        plan.steps.append(Step(at, "close", {"note": "群众评价后销号。"}))
        return at

    def plan_year(self) -> None:
        rng = self.rng
        span = (self.end - self.start).days

        def day(low: float, high: float) -> dt.date:
            return self.start + dt.timedelta(days=int(span * rng.uniform(low, high)))

        # the resident demo account's concerns: closed, reopened and closed, in progress, answered, raised
        mine = [self.new_plan(day(0.1, 0.5), raiser="web") for _ in range(5)]
        for p in mine:
            p.fields["actor"] = self.resident
        # 26 joint items with the neighbours, all solved
        for code, n in JOINT.items():
            for _ in range(n):
                p = self.new_plan(day(0.02, 0.6), category=rng.choice(("water", "roads", "environment", "industry")),
                                  town=rng.choice(BORDER_TOWNS[code]), raiser="visit")
                p.fields["joint"] = code
                at = self._through_consult(p, consult=1.0, venue="cross_border", joint=code)
                self._handle(p, at, dept=self._department(p, code), late=rng.random() < 0.15)
        # concerns whose agreed opinions are tracked as child items (10 concerns, 20 opinions)
        for _ in range(10):
            p = self.new_plan(day(0.02, 0.55), category=rng.choice(("roads", "environment", "elderly", "education")))
            at = self._through_consult(p, consult=1.0, venue=rng.choice(("courtyard", "salon")), investigate=0.3)
            if p.steps[-1].kind != "consult":
                m = self.meeting_for("courtyard", at.date(), within=120)
                assert m is not None
                at = _moment(m.held_on, 15)
                p.steps.append(Step(at, "consult", {"meeting": m}))
            p.fields["opinions"] = 2
            self._handle(p, at + dt.timedelta(days=1), dept=self._department(p), late=False, rater="member")
        # the resident's own: one of each fate
        at = self._through_consult(mine[0], consult=0.5)
        self._handle(mine[0], at, dept=self._department(mine[0]), late=False, rater="raiser")
        at = self._through_consult(mine[1], consult=0.5)
        self._handle(mine[1], at, dept=self._department(mine[1]), late=False, reopen=True, rater="raiser")
        # solved concerns (twelve of them reopened once on the raiser's 'not fixed' first)
        closed_target = 239 - 26 - 10 - 20 - 2
        for i in range(closed_target):
            reopen = i < 12
            p = self.new_plan(day(0.0, 0.66), raiser="web" if reopen else "")
            at = self._through_consult(p, consult=0.45)
            self._handle(p, at, dept=self._department(p), late=rng.random() < 0.15, reopen=reopen,
                         rater="raiser" if p.fields["channel"] == "web" else "member")
        # still open at the end of the year
        at = self._through_consult(mine[2], consult=0.0)
        self._handle(mine[2], at, dept=self._department(mine[2]), late=False, finish="progress")
        at = self._through_consult(mine[3], consult=0.0)
        self._handle(mine[3], at, dept=self._department(mine[3]), late=False, finish="answer")
        # (mine[4] stays as raised)
        for state, n in (("raised", 7), ("selected", 5), ("investigating", 4), ("consulted", 4), ("assigned", 6),
                         ("progress", 9), ("reopen", 3), ("answer", 7)):
            for i in range(n):
                school = state in ("assigned", "progress") and i < 2
                p = self.new_plan(day(0.74, 0.9), category="education" if school else "",
                                  raiser="web" if state == "reopen" else "")
                if state == "raised":
                    continue
                if state == "selected":
                    at = self._after(p.steps[-1].at, 1, 6)
                    p.steps.append(Step(at, "select", {"venue": self._venue(p.category)}))
                    continue
                if state == "investigating":
                    self._through_consult(p, consult=0.0, investigate=1.0)
                    continue
                at = self._through_consult(p, consult=1.0 if state == "consulted" else 0.4,
                                           venue="courtyard" if state == "consulted" else "", investigate=0.3)
                if state == "consulted":
                    continue
                finish = "assign" if state == "assigned" else state
                self._handle(p, at, dept=self._department(p), late=False, finish=finish, reopen=state == "reopen",
                             rater="raiser")
        # duplicates merged into an earlier concern, and concerns not taken up
        for _ in range(12):
            into = rng.choice(self.plans[:200])
            p = self.new_plan(into.steps[0].at.date() + dt.timedelta(days=rng.randint(1, 5)),
                              category=into.category, town=into.town, raiser="web")
            p.steps.append(Step(self._after(p.steps[-1].at, 1, 3), "merge", {"into": into}))
        for i in range(8):
            p = self.new_plan(day(0.05, 0.8))
            p.steps.append(Step(self._after(p.steps[-1].at, 2, 8), "decline",
                                {"reason": DECLINE_REASONS[i % len(DECLINE_REASONS)]}))

    # --- the present ---

    def plan_present(self, today: dt.date, first: dt.date) -> None:
        """About 25 concerns raised in the 60 days before ``today`` (none before ``first``), at
        every stage: some on time, some due soon, a few overdue, five of the demo resident's."""
        rng = self.rng
        sla = services.body_settings(self.rc)["sla"]
        soon = max(1, int(sla.get("due_soon_days") or 0))

        def ago(n: int, hour: int = 10) -> dt.datetime:
            return _moment(today - dt.timedelta(days=n), hour, rng.randrange(60))

        meetings = {
            "courtyard": MeetingSpec(-1, "courtyard", today - dt.timedelta(days=12), "昌元街道",
                                     "委员进小院·昌元街道院坝协商", "昌元街道宝城社区院坝", attendees=9),
            "salon": MeetingSpec(-2, "salon", today - dt.timedelta(days=24), "昌州街道",
                                 f"委员沙龙·{SALON_THEMES[-1]}", "荣昌区政协委员之家", attendees=11),
        }
        # (category, town, the resident's?, days ago raised, then (days ago, step) …); an assignment
        # written ("assign", k) is dated so that the deadline falls k days from today (k < 0: overdue)
        specs: list[tuple[str, str, bool, int, tuple[tuple[Any, ...], ...]]] = [
            ("lighting", "昌元街道", True, 2, ()),
            ("roads", "", True, 6, ()),
            ("water", "", False, 1, ()),
            ("environment", "", False, 4, ()),
            ("roads", "", False, 12, (("select", 9),)),
            ("health", "", False, 18, (("select", 15),)),
            ("elderly", "", False, 9, (("select", 6),)),
            ("water", "", False, 22, (("select", 19), ("investigate", 14))),
            ("industry", "", False, 28, (("select", 25), ("investigate", 20))),
            ("roads", "", False, 40, (("select", 36), ("consult", "courtyard"))),
            ("environment", "", False, 40, (("select", 34), ("consult", "salon"))),
            # on time
            ("education", "", False, 14, (("select", 11), ("assign", 26))),
            ("roads", "", False, 10, (("assign", 42),)),
            ("elderly", "昌元街道", False, 20, (("select", 17), ("assign", 18), ("progress", 6, 30))),
            # due soon
            ("education", "", True, 40, (("select", 37), ("assign", min(3, soon)), ("progress", 20, 30),
                                          ("progress", 8, 60))),
            ("environment", "昌元街道", False, 30, (("select", 27), ("assign", 1), ("progress", 10, 50))),
            ("lighting", "直升镇", False, 14, (("select", 12), ("assign", soon))),
            # overdue
            ("elderly", "昌元街道", False, 45, (("select", 41), ("assign", -4), ("progress", 20, 30))),
            ("environment", "路孔镇", False, 35, (("select", 31), ("assign", -7))),
            ("education", "", False, 52, (("select", 48), ("investigate", 44), ("assign", -8),
                                          ("progress", 25, 30))),
            # answered, waiting for the rating
            ("roads", "", True, 50, (("select", 46), ("assign", 5), ("progress", 25, 40), ("answer", 3))),
            ("lighting", "河包镇", False, 30, (("assign", -9), ("answer", 11))),
            # closed, and one reopened on the raiser's "not fixed"
            ("lighting", "", True, 44, (("select", 41), ("assign", -22), ("progress", 30, 50), ("answer", 26),
                                        ("rate", 22, "raiser"), ("close", 20))),
            ("water", "", False, 58, (("select", 55), ("investigate", 50), ("assign", -1), ("progress", 35, 40),
                                      ("answer", 15), ("rate", 12, "member"), ("close", 10))),
            ("roads", "", False, 55, (("select", 52), ("assign", -3), ("progress", 35, 50), ("answer", 12),
                                      ("reopen", 7))),
        ]
        for category, town, mine, raised, steps in specs:
            raised_on = today - dt.timedelta(days=raised)
            if raised_on < first:
                continue  # the window reaches back into the reported year: left out
            rated = any(x[0] in ("rate", "reopen") for x in steps)  # rated by whoever raised it online
            p = self.new_plan(raised_on, category=category, town=town,
                              raiser="web" if mine or rated or rng.random() < .4 else "")
            if mine:
                p.fields["actor"] = self.resident
            days = rules.sla_days(sla, category)
            consulted = next((str(x[1]) for x in steps if x[0] == "consult"), "")
            for step in steps:
                kind = step[0]
                if kind == "select":
                    venue = meetings[consulted].venue if consulted else self._venue(category)
                    p.steps.append(Step(ago(step[1]), "select", {"venue": venue}))
                elif kind == "investigate":
                    p.steps.append(Step(ago(step[1], 11), "investigate", {
                        "notes": f"委员到{p.town}{p.village}实地走访，听取群众和村（社区）干部意见，核实情况属实。"}))
                elif kind == "consult":
                    spec = meetings[step[1]]
                    spec.used += 1
                    p.steps.append(Step(_moment(spec.held_on, 15, rng.randrange(60)), "consult", {"meeting": spec}))
                elif kind == "assign":
                    assigned = days - step[1]  # days ago: the deadline falls step[1] days from today
                    p.steps.append(Step(ago(assigned, 9), "assign", {"department": self._department(p)}))
                elif kind == "progress":
                    p.steps.append(Step(ago(step[1], 14), "progress", {
                        "percent": step[2], "note": f"已完成现场踏勘和方案制定，进度{step[2]}%。"}))
                elif kind == "answer":
                    p.steps.append(Step(ago(step[1], 16), "answer", {
                        "text": f"经现场核实并会同相关单位协商，{p.fields['title']}的问题已办理完毕。"}))
                elif kind == "rate":
                    p.steps.append(Step(ago(step[1], 19), "rate", {"satisfaction": "satisfied", "fixed": "fixed",
                                                                   "rater": step[2]}))
                elif kind == "close":
                    p.steps.append(Step(ago(step[1], 11), "close", {"note": "群众评价后销号。"}))
                elif kind == "reopen":
                    p.steps.append(Step(ago(step[1], 20), "rate", {"satisfaction": "not", "fixed": "not_fixed",
                                                                   "rater": "raiser",
                                                                   "comment": "现场看了，问题还没有彻底解决。"}))
            p.steps.sort(key=lambda x: x.at)
        self.meetings = [m for m in meetings.values() if m.used and m.held_on >= first]

    # --- replay ---

    def _hold(self, spec: MeetingSpec) -> None:
        rng = self.rng
        body = self.rc
        meeting = Meeting.objects.create(
            body=body, venue=spec.venue, title=spec.title, held_on=spec.held_on, place=spec.place, town=spec.town,
            studio=self.studios[spec.studio] if spec.studio is not None else None, created_by=self.staff,
            minutes=f"{spec.held_on:%Y年%-m月%-d日}，{spec.title}。与会人员围绕群众反映的问题充分协商，形成一致意见，明确责任单位和办理时限。")
        if spec.joint:
            meeting.joint_bodies.add(self.neighbours[spec.joint])
        n_members = min(rng.randint(2, 4), spec.attendees - 3)
        n_officials = 1 if spec.attendees < 7 else rng.randint(1, 2)
        members = rng.sample(self.members_by_town.get(spec.town) or self.members, k=min(
            n_members, len(self.members_by_town.get(spec.town) or self.members)))
        rows = [Attendee(meeting=meeting, kind=Attendee.Kind.MEMBER, name=p.user.full_name, participant=p,
                         organisation="荣昌区政协") for p in members]
        if spec.joint:
            rows.append(Attendee(meeting=meeting, kind=Attendee.Kind.MEMBER, name=_name(rng),
                                 organisation=self.neighbours[spec.joint].name))
        organisation = (f"{spec.town}办事处" if spec.town in STREETS else f"{spec.town}人民政府")
        rows += [Attendee(meeting=meeting, kind=Attendee.Kind.OFFICIAL, name=_name(rng), organisation=organisation)
                 for _ in range(n_officials)]
        rows += [Attendee(meeting=meeting, kind=Attendee.Kind.RESIDENT, name=_name(rng))
                 for _ in range(spec.attendees - len(rows))]
        Attendee.objects.bulk_create(rows)
        record(self.staff, "consultation_meeting", meeting,
               after={"venue": spec.venue, "held_on": spec.held_on, "attendees": len(rows)})
        spec.meeting = meeting

    def _do(self, plan: Plan, s: Step) -> None:
        f = plan.fields
        c = plan.concern
        staff = self.staff
        if s.kind == "raise":
            parent = f.get("parent")
            plan.concern = services.raise_concern(
                f["actor"], self.rc, title=f["title"], text=f["text"], category=f["category"], town=f["town"],
                village=f["village"], school=f.get("school"), indicator=f.get("indicator", ""),
                channel=f["channel"], raiser_name=f.get("raiser_name", ""), raiser_phone=f.get("raiser_phone", ""),
                consent_noted=f.get("consent_noted", False), consent_text=f.get("consent_text", ""),
                on_behalf=f.get("on_behalf", False), kind="opinion" if parent else "concern",
                parent=parent.concern if parent else None, meeting=f.get("meeting"))
            if f.get("joint"):
                plan.concern.joint_bodies.add(self.neighbours[f["joint"]])
                record(staff, "consultation_joint", plan.concern,
                       after={"joint_bodies": [self.neighbours[f["joint"]].name]})
            return
        assert c is not None
        if s.kind == "select":
            services.select(staff, c, venue=s.args["venue"], note="小切口、大民生，列入协商议题。")
        elif s.kind == "investigate":
            services.investigate(self._member(plan.town).user, c, s.args["notes"])
        elif s.kind == "consult":
            spec: MeetingSpec = s.args["meeting"]
            assert spec.meeting is not None
            services.consult(staff, c, spec.meeting, note="经协商达成一致意见。")
            self._opinions(plan, spec)
        elif s.kind == "assign":
            services.assign(staff, c, s.args["department"], note="请按时限办理并反馈。")
        elif s.kind == "progress":
            services.update_progress(self.handlers[c.department_id], c, s.args["percent"], s.args["note"])
        elif s.kind == "answer":
            services.answer(self.handlers[c.department_id], c, s.args["text"])
        elif s.kind == "rate":
            by_raiser = s.args["rater"] in ("raiser", "auto") and c.raised_by is not None
            rater = c.raised_by if by_raiser else self._member(plan.town).user
            services.rate(rater, c, satisfaction=s.args["satisfaction"], fixed=s.args["fixed"],
                          comment=s.args.get("comment", ""))
            c.refresh_from_db()
        elif s.kind == "close":
            services.close(staff, c, note=s.args["note"])
        elif s.kind == "merge":
            into = s.args["into"].concern
            services.merge(staff, c, into, note=f"与 {into.number} 反映的是同一问题，合并办理。")
        elif s.kind == "decline":
            services.decline(staff, c, s.args["reason"])
        else:  # pragma: no cover
            raise ValueError(s.kind)

    def _opinions(self, plan: Plan, spec: MeetingSpec) -> None:
        """The meeting's agreed opinions on a concern, each a child item handled on its own."""
        n = plan.fields.get("opinions", 0)
        if not n or plan.concern is None:
            return
        assert spec.meeting is not None
        for i in range(n):
            title = f"协商意见{i + 1}：{plan.fields['title']}"[:120]
            child = Plan(len(self.plans), plan.category, plan.town, plan.village, fields={"title": title})
            child.concern = services.raise_concern(
                self.staff, self.rc, title=title,
                text="协商会议形成的意见，明确责任单位和时限。", category=plan.category, town=plan.town,
                village=plan.village, school=plan.fields.get("school"), indicator=plan.fields.get("indicator", ""),
                channel="meeting", kind="opinion", parent=plan.concern, meeting=spec.meeting)
            self.plans.append(child)
            at = _moment(spec.held_on, 17)
            dept = self.town_departments[plan.town] if i else self._department(plan)
            child.steps.append(Step(at, "raise"))
            self._handle(child, at, dept=dept, late=False, rater="member")
            # the child's handling joins the replay's queue
            self._pending.extend((s2.at, child, s2) for s2 in child.steps[1:])

    _pending: list[tuple[dt.datetime, Plan, Step]]


def _replay_all(seeder: _Seeder, clock: _Clock) -> None:
    """Replay meetings and steps in time order; child items made during the replay join the queue."""
    import heapq

    seeder._pending = []
    queue: list[tuple[dt.datetime, int, int, Any]] = []
    n = 0
    for m in seeder.meetings:
        queue.append((_moment(m.held_on, 9), 0, n, m))
        n += 1
    for plan in list(seeder.plans):
        for s in plan.steps:
            queue.append((s.at, 1, n, (plan, s)))
            n += 1
    heapq.heapify(queue)
    while queue:
        at, kind, _, what = heapq.heappop(queue)
        clock.moment = at
        if kind == 0:
            seeder._hold(what)
        else:
            seeder._do(*what)
        for at2, child, s2 in seeder._pending:
            heapq.heappush(queue, (max(at2, at), 1, n, (child, s2)))
            n += 1
        seeder._pending = []


# --- the district ------------------------------------------------------------------------

RONGCHANG = "500153"  # 荣昌区 in the sample's scenario M (district index 22)
RONGCHANG_SAMPLE = ("M", 22)


def rongchang_tables(tables: dict[str, Any]) -> dict[str, Any]:
    """The sample's 荣昌区 with the real streets and towns of 荣昌区 (``TOWNS``) in place of the
    generated names: each generated street becomes a real street, each town a real town (in a
    fixed order), and school and group names built on a town's name follow it. The rest of the
    tables is left as generated."""
    import re

    schools = tables["schools"].copy()
    old = sorted({str(t) for t in schools["town"].dropna()})
    streets = [t for t in old if t.endswith("街道")]
    towns = [t for t in old if not t.endswith("街道")]
    free_streets, free_towns = list(STREETS), [t for t in TOWNS if t not in STREETS]
    mapping: dict[str, str] = {}
    for t in streets:
        mapping[t] = free_streets.pop(0) if free_streets else free_towns.pop(0) if free_towns else t
    for t in towns:
        mapping[t] = free_towns.pop(0) if free_towns else free_streets.pop(0) if free_streets else t

    def stem(town: str) -> str:
        return town.removesuffix("街道").removesuffix("镇")

    stems = {stem(a): stem(b) for a, b in mapping.items() if stem(a) and stem(a) != stem(b)}
    pattern = re.compile("|".join(re.escape(k) for k in sorted(stems, key=len, reverse=True))) if stems else None

    def rename(value: Any) -> Any:
        if pattern is None or not isinstance(value, str):
            return value
        return pattern.sub(lambda m: stems[m.group(0)], value)

    schools["town"] = schools["town"].map(lambda t: mapping.get(t, t) if isinstance(t, str) else t)
    for column in ("school_name", "education_group"):
        schools[column] = schools[column].map(rename)
    return {**tables, "schools": schools}


# --- entry points --------------------------------------------------------------------------

def demo_district() -> District | None:
    """The district the demo's 荣昌区政协 serves: 荣昌区 (500153) when the platform holds it,
    otherwise the web demo's sample district (永川区, 500118), otherwise the first one."""
    return (District.objects.filter(code="500153").first() or District.objects.filter(code="500118").first()
            or District.objects.order_by("code").first())


def demo_accounts() -> list[tuple[str, str, str]]:
    """The demo's accounts that exist in the database."""
    there = set(User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).values_list("username", flat=True))
    return [a for a in DEMO_ACCOUNTS if a[0] in there]


def seed_survey(district: District, bureau: User, school_year: str) -> Any:
    """A draft social-recognition survey of ``district`` for ``school_year`` with the default
    questionnaire, created by the district's bureau administrator (none when it has one)."""
    from youjun.web.apps.consultation import services_survey
    from youjun.web.apps.consultation.models import Survey

    found = Survey.objects.filter(district=district, school_year=school_year).first()
    if found is not None:
        return found
    population = services_survey.default_population(district, school_year) or 500_000
    survey = services_survey.create_survey(bureau, district, school_year=school_year, population=population,
                                           title=f"{district.name}{school_year}学年义务教育优质均衡社会认可度调查")
    services_survey.load_default_questions(bureau, survey)
    return survey


def figures(body: Body, year: int | None = None) -> dict[str, int]:
    """The year's figures counted from the records (nothing stored): activities, participants,
    items solved (in a solved state), members, studios, joint items."""
    flow = services.workflow(body)
    meetings = Meeting.objects.filter(Q(body=body) | Q(joint_bodies=body)).distinct()
    items = Concern.objects.filter(Q(body=body) | Q(joint_bodies=body)).distinct()
    if year is not None:
        meetings = meetings.filter(held_on__year=year)
        items = items.filter(created_at__year=year)
    return {
        "activities": meetings.count(),
        "participants": Attendee.objects.filter(meeting__in=meetings).count(),
        "raised": items.filter(kind=Concern.Kind.CONCERN).count(),
        "solved": items.filter(state__in=flow.solved_states()).count(),
        "open": items.exclude(state__in=[c for c, s in flow.states.items() if s.terminal]).count(),
        "reopened": items.filter(reopen_count__gt=0).count(),
        "members": Participant.objects.filter(body=body, kind=Participant.Kind.MEMBER).count(),
        "studios": Studio.objects.filter(body=body).count(),
        "joint_items": items.filter(joint_bodies__isnull=False).distinct().count(),
        "school_items": items.filter(school__isnull=False).count(),
    }


def seed_demo(year: int = 2025, seed: int = DEFAULT_SEED, *, district: District | None = None,
              password: str = DEMO_PASSWORD, log: Callable[[str], Any] | None = None) -> DemoResult:
    """Seed 荣昌区政协's demo ``year`` (idempotent: a database that has it is left as it is).

    ``district``: the county 荣昌区政协 serves (default ``demo_district()``); its schools are
    the ones concerns are tagged to. The year must be over (its last day before today).
    """
    started = time.perf_counter()
    found = Body.objects.filter(code="rongchang").first()
    if found is not None:
        return DemoResult(found, demo_accounts(), time.perf_counter() - started, False, figures(found, year))
    if dt.date(year, 12, 31) >= timezone.localdate():
        raise ValueError(f"the demo replays a past year; {year} is not over yet")
    seeder = _Seeder(year=year, seed=seed, district=district or demo_district(), password=password)
    with transaction.atomic():
        seeder.people()
        seeder.schedule()
        seeder.plan_year()
        with replayed_time() as clock:
            _replay_all(seeder, clock)
        record(None, "consultation_demo", seeder.rc,
               after={"year": year, "seed": seed})
    seconds = time.perf_counter() - started
    result = DemoResult(seeder.rc, demo_accounts(), seconds, True, figures(seeder.rc, year))
    if log is not None:
        f = result.figures
        log(f"  荣昌区政协 {year}: {f['activities']} 场协商活动，{f['participants']} 人次参与，"
            f"解决 {f['solved']} 个问题，{f['members']} 名委员，{f['studios']} 个委员工作室，"
            f"{f['joint_items']} 件川渝联合办理（{seconds:.1f} 秒）")
    return result


@dataclass
class PresentResult:
    created: bool
    items: int  # concerns raised in the window
    seconds: float


PRESENT_DAYS = 60


def seed_present(body: Body | None = None, today: dt.date | None = None, seed: int = DEFAULT_SEED, *,
                 log: Callable[[str], Any] | None = None) -> PresentResult:
    """The demo's present: about 25 concerns raised in the ``PRESENT_DAYS`` days before ``today``
    (the machine's date by default), at every stage — on time, due soon, a few overdue, five of
    the demo resident's — so the work list, the overdue view and "my concerns" look like a live
    platform. Written through the services on the replayed clock like the demo year, which stays
    as reported (nothing falls in it). Idempotent: a demo that has its present is left as it is;
    deterministic given ``seed`` and ``today``."""
    from youjun.web.apps.platform.models import AuditEvent

    started = time.perf_counter()
    body = body or Body.objects.filter(code="rongchang").first()
    if body is None:
        raise ValueError("seed the demo year first (seed_demo)")
    if AuditEvent.objects.filter(action="consultation_demo_present", object_id=str(body.pk),
                                 object_type=Body._meta.label).exists():
        return PresentResult(False, 0, time.perf_counter() - started)
    today = today or timezone.localdate()
    reported = (AuditEvent.objects.filter(action="consultation_demo", object_id=str(body.pk))
                .values_list("after", flat=True).first() or {}).get("year")
    first = max(today - dt.timedelta(days=PRESENT_DAYS), dt.date(int(reported or today.year - 1) + 1, 1, 1))
    seeder = _Seeder(year=today.year, seed=seed, district=body.district, password="")
    seeder.rng = random.Random(f"present-{seed}-{today.isoformat()}")
    seeder.start, seeder.end = first, today - dt.timedelta(days=1)
    with transaction.atomic():
        seeder.load(body)
        seeder.plan_present(today, first)
        with replayed_time() as clock:
            _replay_all(seeder, clock)
        record(None, "consultation_demo_present", body,
               after={"today": today.isoformat(), "seed": seed, "items": len(seeder.plans)})
    result = PresentResult(True, len(seeder.plans), time.perf_counter() - started)
    if log is not None:
        log(f"  {body.name} 近{PRESENT_DAYS}天：{result.items} 件议题（各办理阶段，含即将到期和逾期）"
            f"（{result.seconds:.1f} 秒）")
    return result
