"""The last re-walk (a resident, committee staff, the bureau): each finding as it showed on the
real pages."""

from __future__ import annotations

import datetime as dt
import re

from django.test import Client
from django.utils import timezone

from tests.web.consultation.cworld import CWorld
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation import services_meetings as sm
from youjun.web.apps.consultation import services_survey as ss
from youjun.web.apps.consultation.models import Concern, Notification, Supporter

YEAR = "2025-2026"


def _c(user: object, lang: str = "zh-hans") -> Client:
    c = Client()
    c.force_login(user)  # type: ignore[arg-type]
    c.cookies["youjun_language"] = lang
    return c


def _text(r) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.content.decode()))


def _overdue(cworld: CWorld, days: int = 510) -> Concern:
    c = cworld.concern()
    services.select(cworld.users["c_staff"], c)
    services.assign(cworld.users["c_staff"], c, cworld.town)
    Concern.objects.filter(pk=c.pk).update(due_on=timezone.localdate() - dt.timedelta(days=days))
    c.refresh_from_db()
    return c


def test_1_the_district_page_shows_the_bureau_its_survey(cworld: CWorld) -> None:
    w = cworld.base
    url = f"/d/{w.a.code}/"
    page = _text(_c(w.users["bureau"]).get(url))
    assert "新建社会认可度调查" in page
    survey = ss.create_survey(w.users["bureau"], w.a, school_year=YEAR, title="2025学年认可度调查", population=100_000)
    html = _c(w.users["bureau"]).get(url).content.decode()
    assert f'href="/consult/surveys/{survey.pk}/"' in html
    page = _text(_c(w.users["bureau"]).get(url))
    assert "2025学年认可度调查" in page and "准备中" in page and "已发放问卷 0 份，有效问卷 0 份" in page
    assert "consultation-survey-panel" not in _c(w.users["inspector"]).get(url).content.decode()


def test_2_an_overdue_item_says_it_is_overdue_not_answer_by_a_past_day(cworld: CWorld) -> None:
    c = _overdue(cworld)
    for url in (f"/consult/item/{c.pk}/", "/consult/mine/"):
        page = _text(_c(cworld.users["res_a"]).get(url))
        assert "已超过答复期限 510 天，政协工作人员正在督办" in page, url
        assert "须在答复期限" not in page
    en = _text(_c(cworld.users["res_a"], "en").get(f"/consult/item/{c.pk}/"))
    assert "510 days past the answer deadline" in en


def test_3_merge_tells_the_raiser_and_links_the_target(cworld: CWorld) -> None:
    u = cworld.users
    into = cworld.concern()
    dup = cworld.concern("res_b", title="校门口太黑")
    services.merge(u["c_staff"], dup, into)
    note = Notification.objects.get(user=u["res_b"], concern=dup)
    assert note.text_zh == f"您反映的 {dup.number} 与 {into.number} 相同，已合并办理，您已成为该议题的附议人"
    link = f'href="/consult/c/{into.number}/"'
    assert link in _c(u["res_b"]).get(f"/consult/item/{dup.pk}/").content.decode()
    assert link in Client().get(f"/consult/c/{dup.number}/").content.decode()
    mine = cworld.concern(title="路灯又坏了")
    services.merge(u["c_staff"], mine, into)  # res_a raised both
    assert not Supporter.objects.filter(concern=into, user=u["res_a"]).exists()
    assert Supporter.objects.filter(concern=into, user=u["res_b"]).count() == 1


def test_4_the_public_ratings_show_the_raisers_latest_and_the_history(cworld: CWorld) -> None:
    u = cworld.users
    c = cworld.concern()
    services.select(u["c_staff"], c)
    services.assign(u["c_staff"], c, cworld.town)
    services.answer(u["c_town"], c, "已修复。")
    services.rate(u["res_a"], c, satisfaction="not", fixed="not_fixed")
    services.answer(u["c_town"], c, "第二处也已修复。")
    services.rate(u["res_a"], c, satisfaction="partly", fixed="fixed")
    page = _text(Client().get(f"/consult/c/{c.number}/"))
    assert "提出人最新评价：基本满意（计入满意率）" in page
    assert "满意 0 次" not in page and "不满意" in page  # the first rating, as history


def test_5_the_work_list_keeps_state_and_town_whole_and_one_body_has_no_body_column(cworld: CWorld) -> None:
    cworld.concern(town="昌元街道")
    html = _c(cworld.users["c_staff"]).get("/consult/work/").content.decode()
    assert "<th>政协</th>" not in html and 'data-label="政协"' not in html
    assert re.search(r'data-label="状态" class="c-wt-nowrap"', html)
    assert re.search(r'data-label="镇街" class="c-wt-nowrap"', html)


def test_6_the_progress_form_leaves_checking_to_the_server(cworld: CWorld) -> None:
    c = cworld.concern()
    services.select(cworld.users["c_staff"], c)
    services.assign(cworld.users["c_staff"], c, cworld.town)
    html = _c(cworld.users["c_town"]).get(f"/consult/work/{c.pk}/").content.decode()
    forms = [f for f in re.findall(r'<form method="post"[^>]*>', html) if "/logout/" not in f and "/i18n/" not in f]
    assert any("multipart" in f for f in forms) and all("novalidate" in f for f in forms), forms


def test_7_the_meeting_form_offers_the_bodys_towns(cworld: CWorld) -> None:
    from youjun.web.apps.consultation.forms_resident import town_choices

    towns = town_choices(cworld.rc)
    assert towns
    html = _c(cworld.users["c_staff"]).get("/consult/b/rongchang/meetings/new/").content.decode()
    assert 'list="c-meeting-towns"' in html and f'<option value="{towns[0]}">' in html


def test_8_a_member_named_with_the_neighbourhood_is_listed_once(cworld: CWorld) -> None:
    u = cworld.users
    u["c_member"].full_name = "荣昌区政协委员（昌元街道）"
    u["c_member"].save()
    m = sm.create_meeting(u["c_staff"], cworld.rc, venue="courtyard", studio=None, title="院坝协商",
                          held_on=timezone.localdate(), place="昌元街道", town="昌元街道", joint_bodies=[])
    page = _text(_c(u["c_staff"]).get(f"/consult/meetings/{m.pk}/"))
    assert "荣昌区政协委员（昌元街道）" in page and "（昌元街道）（昌元街道）" not in page


def test_9_only_the_raiser_reads_my_on_the_public_page(cworld: CWorld) -> None:
    c = cworld.concern()
    member = _text(_c(cworld.users["c_member"]).get(f"/consult/c/{c.number}/"))
    assert "查看办理详情" in member and "查看我的办理详情" not in member
    assert "查看我的办理详情" in _text(_c(cworld.users["res_a"]).get(f"/consult/c/{c.number}/"))


def test_10_a_survey_with_nothing_issued_shows_no_ratio(cworld: CWorld) -> None:
    w = cworld.base
    survey = ss.create_survey(w.users["bureau"], w.a, school_year=YEAR, title="空", population=100_000)
    page = _text(_c(w.users["bureau"]).get(f"/consult/surveys/{survey.pk}/result/"))
    assert "0.0%" not in page and "—" in page


def test_11_a_withheld_department_row_says_so_once(cworld: CWorld) -> None:
    c = cworld.concern()
    services.select(cworld.users["c_staff"], c)
    services.assign(cworld.users["c_staff"], c, cworld.town)
    html = Client().get(f"/consult/stats/?year={timezone.localdate().year}").content.decode()
    table = html[html.index('data-testid="table-department"'):].split("</table>")[0]
    for row in re.findall(r"<tr>.*?</tr>", table, re.S):
        assert row.count("样本不足") <= 1, row
    assert "样本不足" in table


def test_12_needs_you_lists_overdue_items_for_staff(cworld: CWorld) -> None:
    c = _overdue(cworld, days=3)
    rows = re.findall(r'data-testid="needs-row">(.*?)</li>', _c(cworld.users["c_staff"]).get(
        "/consult/work/").content.decode(), re.S)
    row = next(r for r in rows if c.number in r)
    assert "逾期 3 天" in _text_of(row) and "昌元街道办事处" in _text_of(row)


def _text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_13_timelines_name_the_department_not_a_login(cworld: CWorld) -> None:
    c = cworld.concern()
    services.select(cworld.users["c_staff"], c)
    services.assign(cworld.users["c_staff"], c, cworld.town)
    services.update_progress(cworld.users["c_town"], c, "40", "已采购灯具")
    for user in ("c_staff", "c_town"):
        page = _text(_c(cworld.users[user]).get(f"/consult/work/{c.pk}/")).split("办理过程")[-1]
        assert "c_town" not in page and "承办部门 昌元街道办事处" in page, user
