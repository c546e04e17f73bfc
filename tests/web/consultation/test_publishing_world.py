"""A small year of consultation records for the publishing tests, made through the services
(the path's real writes), so the statistics and exports are computed from records.

What it holds (this calendar year, Beijing time):
- 6 lighting concerns in 昌元街道 assigned to the town government, answered and closed; raised
  ``SHIFT`` days ago, assigned 3 days ago; one answered after its deadline; raiser ratings: 4
  satisfied, 1 partly, and one first 'not' (reopened, answered again) then satisfied;
- 2 education concerns assigned to the education bureau: one answered then rated 'not' by its
  raiser (reopened), one overdue (deadline yesterday);
- 1 concern in 河包镇 raised with a secret name and phone, not assigned;
- 1 joint water concern of Rongchang and Neijiang;
- meetings: 2 courtyard visits in 昌元街道 (3 attendees each, one a named resident), 1 salon
  (2 attendees), 1 cross-border room of Neijiang with Rongchang (4 attendees).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Attendee, Concern, Meeting

SECRET_NAME, SECRET_PHONE, SECRET_RESIDENT = "张秘密", "13800009999", "王秘密"
HOSTILE_TITLE = "=HYPERLINK(\"http://x\")路灯"


@dataclass
class YearRecords:
    today: dt.date
    shift: int
    town_items: list[Concern]
    edu_overdue: Concern
    edu_reopened: Concern
    secret: Concern
    joint: Concern
    meetings: list[Meeting]


def build_year(cw: CWorld) -> YearRecords:
    u = cw.users
    today = timezone.localdate()
    shift = min(10, (today - dt.date(today.year, 1, 1)).days)  # stay inside this year
    town_items = []
    for i in range(6):
        title = HOSTILE_TITLE if i == 0 else f"路灯损坏{i}"
        c = cw.concern(title=title, town="昌元街道", village="河坝村" if i == 0 else "")
        services.select(u["c_staff"], c, venue="courtyard")
        services.assign(u["c_staff"], c, cw.town)
        town_items.append(c)
    Concern.objects.filter(pk__in=[c.pk for c in town_items]).update(
        created_at=F("created_at") - dt.timedelta(days=shift), assigned_at=F("assigned_at") - dt.timedelta(days=3))
    late = town_items[3]  # (item 5 is reopened: its deadline starts again)
    Concern.objects.filter(pk=late.pk).update(due_on=today - dt.timedelta(days=1))
    for i, c in enumerate(town_items):
        c.refresh_from_db()
        services.answer(u["c_town"], c, "路灯已修复。")
        if i == 4:
            services.rate(u["res_a"], c, satisfaction="partly", fixed="fixed")
        elif i == 5:
            services.rate(u["res_a"], c, satisfaction="not", fixed="not_fixed", comment="还是不亮")
            c.refresh_from_db()
            services.answer(u["c_town"], c, "已更换灯具。")
            services.rate(u["res_a"], c, satisfaction="satisfied", fixed="fixed")
        else:
            services.rate(u["res_a"], c, satisfaction="satisfied", fixed="fixed")
        c.refresh_from_db()
        services.close(u["c_staff"], c)
    edu_reopened = cw.concern(title="教室灯光太暗", category="education", town="昌元街道")
    services.assign(u["c_staff"], edu_reopened, cw.edu)
    services.answer(u["c_edu"], edu_reopened, "已调查。")
    services.rate(u["res_a"], edu_reopened, satisfaction="not", fixed="not_fixed", comment="没有改进")
    edu_overdue = cw.concern(title="操场积水", category="education", town="昌元街道")
    services.assign(u["c_staff"], edu_overdue, cw.edu)
    Concern.objects.filter(pk=edu_overdue.pk).update(due_on=today - dt.timedelta(days=1))
    secret = cw.concern("c_member", title="河包镇路面破损", category="roads", town="河包镇", on_behalf=True,
                        consent_noted=True, raiser_name=SECRET_NAME, raiser_phone=SECRET_PHONE, channel="visit")
    joint = cw.concern("res_b", title="跨界灌溉渠", category="water", town="清江镇")
    joint.joint_bodies.add(cw.nj)
    meetings = []
    for title, venue, town, body, n in (("路灯协商", "courtyard", "昌元街道", cw.rc, 3),
                                        ("路灯回访", "courtyard", "昌元街道", cw.rc, 3),
                                        ("教育沙龙", "salon", "", cw.rc, 2),
                                        ("灌溉协商", "cross_border", "清江镇", cw.nj, 4)):
        m = Meeting.objects.create(body=body, venue=venue, title=title, held_on=today, place="某地", town=town)
        kinds = ["member", "resident", "official", "member"][:n]
        for k in kinds:
            Attendee.objects.create(meeting=m, kind=k, name=SECRET_RESIDENT if k == "resident" else "委员甲")
        meetings.append(m)
    meetings[3].joint_bodies.add(cw.rc)
    meetings[0].concerns.add(*town_items[:2])
    for c in (*town_items, edu_overdue, edu_reopened, secret, joint):
        c.refresh_from_db()
    return YearRecords(today, shift, town_items, edu_overdue, edu_reopened, secret, joint, meetings)


def test_the_year_is_built_as_described(cworld: CWorld) -> None:
    year = build_year(cworld)
    assert [c.state for c in year.town_items] == ["closed"] * 6
    assert year.edu_reopened.state == "in_progress" and year.edu_reopened.reopen_count == 1
    assert year.edu_overdue.state == "assigned" and year.edu_overdue.due_on < year.today
    assert Attendee.objects.count() == 12
