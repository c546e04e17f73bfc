"""The vocational centre's demo, at the scale of Wansheng's centre (seeds 001 W5): one centre,
“永川区职业教育中心”, not linked to a compulsory school (the bureau keeps it), with ten majors of
which six pilot 1+X certificates (eight certificates, yearly candidates and passes for three
years) and three run modern apprenticeships; twelve partner enterprises with placements; 120
full-time teachers (and ten part-time) of whom 108 (90%) hold a double-qualified recognition at
the end of last year, 17 of them first recognised last year, each with an evidence image;
competition results as the page reports them; social training above 5,000 person-times in each
of the last three years; graduates' destinations. Bulk writes; run twice, it changes nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from youjun.web.apps.platform.models import District
from youjun.web.apps.vocational.models import (
    Centre,
    CertificatePilot,
    Competition,
    CompetitionResult,
    Destination,
    Major,
    Partner,
    PilotResult,
    Placement,
    Recognition,
    Training,
    VocTeacher,
)

NAME = "永川区职业教育中心"
# (code, name, started, apprenticeship partner or "", [(certificate, level, awarding organisation, from)])
MAJORS: tuple[tuple[str, str, int, str, list[tuple[str, str, str, int]]], ...] = (
    ("710207", "云计算技术应用", 2018, "重庆云数科技有限公司",
     [("云计算平台运维与开发", "middle", "华为技术有限公司", 2020)]),
    ("730701", "电子商务", 2014, "重庆渝快电商有限公司",
     [("网店运营推广", "junior", "中教畅享（北京）科技有限公司", 2019),
      ("直播电商", "middle", "中教畅享（北京）科技有限公司", 2022)]),
    ("660301", "汽车运用与维修", 2012, "重庆永力汽车服务有限公司",
     [("汽车运用与维修", "junior", "北京中车行高新技术有限公司", 2019)]),
    ("710201", "计算机应用", 2010, "",
     [("Web 前端开发", "junior", "工业和信息化部教育与考试中心", 2020),
      ("数字媒体交互设计", "middle", "凤凰新联合（北京）教育科技有限公司", 2021)]),
    ("740101", "旅游服务与管理", 2013, "", [("研学旅行策划与管理", "junior", "中国旅游协会", 2021)]),
    ("660103", "机电技术应用", 2011, "",
     [("工业机器人操作与运维", "middle", "北京新奥时代科技有限责任公司", 2020)]),
    ("770101", "护理", 2015, "", []),
    ("730301", "会计事务", 2010, "", []),
    ("750101", "工艺美术", 2016, "", []),
    ("720101", "服装设计与工艺", 2012, "", []),
)
PARTNERS = (
    ("重庆云数科技有限公司", "信息技术"), ("重庆渝快电商有限公司", "电子商务"),
    ("重庆永力汽车服务有限公司", "汽车服务"), ("永川区人民医院", "医疗卫生"),
    ("重庆茶竹旅游开发有限公司", "文化旅游"), ("重庆永创机电有限公司", "装备制造"),
    ("重庆乐和乐都旅游有限公司", "文化旅游"), ("重庆永川软件服务外包有限公司", "信息技术"),
    ("重庆红星美凯龙家居有限公司", "商贸服务"), ("重庆长城汽车零部件有限公司", "汽车制造"),
    ("重庆万达广场商业管理有限公司", "商贸服务"), ("重庆渝西会计师事务所", "财务服务"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "晓明华丽军平红伟芳敏静磊强洋艳勇杰娟涛超霞秀英鹏辉建国志宇欣怡佳琪子涵浩然思远雨婷俊杰文博嘉怡"
PROGRAMMES = ("电商直播助农培训", "农村实用技术培训", "退役军人职业技能培训", "企业职工岗位技能提升培训",
              "家政服务员培训", "养老护理员培训", "中式面点师培训", "电工职业技能等级培训")
N_FULL, N_PART, N_DQ, N_NEW = 120, 10, 108, 17


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (120, 80), (240, 236, 220)).save(out, format="JPEG", quality=70)
    return out.getvalue()


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def seed(district: District, *, today: dt.date, rng: random.Random) -> dict[str, Any]:
    if Centre.objects.filter(district=district).exists():
        return {"skipped": True}
    last = today.year - 1
    years = (last - 2, last - 1, last)
    with transaction.atomic():
        centre = Centre.objects.create(district=district, name=NAME)
        majors: list[Major] = []
        pilots: list[tuple[CertificatePilot, str]] = []
        for code, name, started, partner, certs in MAJORS:
            m = Major.objects.create(centre=centre, code=code, name=name, started=started,
                                     apprenticeship_partner=partner, apprenticeship_from=2021 if partner else None)
            majors.append(m)
            for cert, level, org, since in certs:
                pilots.append((CertificatePilot(major=m, certificate=cert, level=level, awarding_org=org,
                                                from_year=since), cert))
        made = CertificatePilot.objects.bulk_create([p for p, _ in pilots])
        results = []
        for p in made:
            for y in years:
                if y >= p.from_year:
                    cand = rng.randint(30, 90)
                    results.append(PilotResult(pilot=p, year=y, candidates=cand,
                                               passes=round(cand * rng.uniform(0.78, 0.96))))
        PilotResult.objects.bulk_create(results)
        partners = Partner.objects.bulk_create([
            Partner(centre=centre, name=n, sector=s, agreed_on=dt.date(2019 + i % 5, 3 + i % 6, 1))
            for i, (n, s) in enumerate(PARTNERS)])
        by_name = {m.apprenticeship_partner: m for m in majors if m.apprenticeship_partner}
        for i, p in enumerate(partners):
            p.majors.set([by_name.get(p.name) or majors[i % len(majors)]])
        Placement.objects.bulk_create([Placement(partner=p, year=y, pupils=rng.randint(8, 60))
                                       for p in partners for y in years])
        subjects = [m.name for m in majors] + ["语文", "数学", "英语", "思想政治", "体育与健康"]
        teachers = VocTeacher.objects.bulk_create(
            [VocTeacher(centre=centre, name=_name(rng), subject=rng.choice(subjects), full_time=True,
                        joined=dt.date(rng.randint(2000, last - 2), 9, 1)) for _ in range(N_FULL)]
            + [VocTeacher(centre=centre, name=_name(rng), subject=rng.choice(subjects), full_time=False,
                          joined=dt.date(rng.randint(2018, last), 9, 1)) for _ in range(N_PART)])
        full = [t for t in teachers if t.full_time]
        rng.shuffle(full)
        image = _jpeg()
        sha = hashlib.sha256(image).hexdigest()
        recs = []
        for i, t in enumerate(full[:N_DQ]):
            joined = t.joined or dt.date(2000, 9, 1)
            if i < N_NEW:  # first recognised last year
                on = dt.date(last, rng.randint(3, 11), rng.randint(1, 28))
            else:
                first = max(joined.year + 1, 2019)
                on = dt.date(rng.randint(first, last - 1), rng.randint(1, 12), rng.randint(1, 28))
            recs.append(Recognition(teacher=t, recognised_on=on, level=rng.choice(("junior", "middle", "senior")),
                                    basis=rng.choice(("practice", "qualification")), file_name="认定证书.jpg",
                                    file_content=image, file_type="image/jpeg", file_size=len(image),
                                    file_sha256=sha))
        Recognition.objects.bulk_create(recs)
        comps = [
            (Competition(centre=centre, name="全国职业院校技能大赛", level="national", year=last, entrants=3),
             [("pupil", "三等奖")]),
            (Competition(centre=centre, name="一带一路暨金砖国家技能发展与技术创新大赛", level="national", year=last,
                         entrants=12), [("teacher", "二等奖"), ("teacher", "二等奖")] + [("pupil", "二等奖")] * 3
             + [("pupil", "三等奖")] * 3),
            (Competition(centre=centre, name="重庆市职业院校班主任能力大赛", level="city", year=last, entrants=2),
             [("teacher", "二等奖")]),
            (Competition(centre=centre, name="永川区中等职业学校技能大赛", level="district", year=last - 1,
                         entrants=60),
             [("pupil", "一等奖")] * 4 + [("pupil", "二等奖")] * 8),
        ]
        Competition.objects.bulk_create([c for c, _ in comps])
        CompetitionResult.objects.bulk_create([CompetitionResult(competition=c, person=_name(rng), kind=k, prize=p)
                                               for c, prizes in comps for k, p in prizes])
        trainings = []
        for y in years:
            total = rng.randint(5_050, 5_600)
            shares = [rng.random() + 0.3 for _ in PROGRAMMES]
            counts = [int(total * s / sum(shares)) for s in shares]
            counts[0] += total - sum(counts)
            trainings += [Training(centre=centre, programme=p, year=y, trainees=n,
                                   hours=Decimal(rng.choice((8, 16, 24, 40))))
                          for p, n in zip(PROGRAMMES, counts, strict=True)]
        Training.objects.bulk_create(trainings)
        dests = []
        for y in years:
            grads = rng.randint(560, 640)
            further = round(grads * rng.uniform(0.55, 0.65))
            employed = round(grads * rng.uniform(0.30, 0.38))
            dests.append(Destination(centre=centre, year=y, further=further, employed=employed,
                                     matched=round(employed * rng.uniform(0.75, 0.88)),
                                     other=max(0, grads - further - employed)))
        Destination.objects.bulk_create(dests)
    return {"centre": centre.pk, "majors": len(majors), "pilot_majors": len({p.major_id for p in made}),
            "certificates": len(made), "apprenticeship_majors": len(by_name), "teachers": len(teachers),
            "double_qualified": len(recs), "new_last_year": N_NEW, "year": last,
            "trainees": {y: sum(t.trainees for t in trainings if t.year == y) for y in years}}
