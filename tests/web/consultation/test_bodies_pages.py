"""Running a body through its real pages: the administrator creates a body; staff add people
(accounts made with a password shown once), departments and studios (deactivated only without
open items), and change the settings; the administrator overrides the workflow after seeing
the change in words. Every write is audited without a district."""

from __future__ import annotations

import io
import re

import yaml
from django.test import Client

from tests.web.consultation.cworld import CWorld
from tests.web.world import PASSWORD
from youjun.web.apps.consultation import services
from youjun.web.apps.consultation.models import Body, Department, Meeting, Participant, Studio
from youjun.web.apps.platform.models import AuditEvent, User


def _client(cw: CWorld, name: str, lang: str = "zh") -> Client:
    c = Client()
    c.force_login(cw.users[name] if name in cw.users else cw.base.users[name])
    if lang == "en":
        c.cookies["youjun_language"] = "en"
    return c


def _audits(prefix: str = "consultation_") -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action__startswith=prefix).order_by("pk"))


# --- bodies --------------------------------------------------------------------------------

def test_administrator_creates_a_body_and_staff_see_only_their_own(cworld: CWorld) -> None:
    admin = _client(cworld, "admin")
    r = admin.post("/consult/bodies/", {"code": "luzhou", "name": "泸州市政协", "number_prefix": "lz",
                                        "region": "四川省泸州市", "district": ""})
    assert r.status_code == 302 and r["Location"] == "/consult/b/luzhou/", r.content.decode()[:2000]
    body = Body.objects.get(code="luzhou")
    assert body.number_prefix == "LZ" and body.region == "四川省泸州市" and body.district is None
    event = AuditEvent.objects.get(action="consultation_body_create")
    assert event.district is None and event.after["code"] == "luzhou"
    # a taken prefix is refused with the catalogue's words, nothing written
    r = admin.post("/consult/bodies/", {"code": "luzhou2", "name": "另一个", "number_prefix": "RC"})
    assert r.status_code == 400 and "E930" in r.content.decode() and "编号前缀已被其他政协使用" in r.content.decode()
    assert not Body.objects.filter(code="luzhou2").exists()
    # staff see their own body only, without the form; they cannot create one
    staff = _client(cworld, "c_staff")
    page = staff.get("/consult/bodies/").content.decode()
    assert "荣昌区政协" in page and "内江市政协" not in page and "泸州市政协" not in page
    assert 'data-testid="body-form"' not in page
    assert staff.post("/consult/bodies/", {"code": "x1", "name": "x", "number_prefix": "X"}).status_code == 403
    assert _client(cworld, "c_member").get("/consult/bodies/").status_code == 403
    # the overview counts the body's people, departments and items
    cworld.concern()
    page = staff.get("/consult/b/rongchang/").content.decode()
    assert "1 名委员" in page and "1 名工作人员" in page and "2 名承办部门人员" in page, page
    assert "1 件议题，1 件未办结" in page
    assert staff.get("/consult/b/neijiang/").status_code == 404


# --- people --------------------------------------------------------------------------------

def test_staff_add_a_member_with_a_new_account_password_shown_once(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff")
    r = staff.post("/consult/b/rongchang/people/", {
        "kind": "member", "username": "", "new_username": "rc-wangjh", "full_name": "王建华", "sector": "教育界",
        "studio": cworld.studio.pk, "neighbourhood": "昌元街道", "phone": "13812345678"})
    page = r.content.decode()
    assert r.status_code == 200, page[:3000]
    password = re.search(r'data-testid="initial-password">([^<]+)<', page)
    assert password is not None
    user = User.objects.get(username="rc-wangjh")
    assert user.full_name == "王建华" and user.must_change_password and user.check_password(password.group(1))
    p = Participant.objects.get(user=user, body=cworld.rc)
    assert (p.kind, p.sector, p.studio, p.neighbourhood) == ("member", "教育界", cworld.studio, "昌元街道")
    assert user.resident_profile.phone == "13812345678"
    # the list shows the phone masked, never whole, and no password any more
    listing = staff.get("/consult/b/rongchang/people/").content.decode()
    assert "王建华" in listing and "138****5678" in listing and "13812345678" not in listing
    assert password.group(1) not in listing
    role_add = AuditEvent.objects.get(action="consultation_role_add", object_id=str(p.pk))
    assert role_add.district is None and role_add.school is None and role_add.after["user"] == "rc-wangjh"
    assert "13812345678" not in str(role_add.after)


def test_roles_of_existing_accounts_and_the_refusals(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff")
    url = "/consult/b/rongchang/people/"
    # a department handler needs one of the body's departments: another body's is not offered
    r = staff.post(url, {"kind": "department", "username": "res_b", "department": cworld.nj_water.pk})
    assert r.status_code == 400 and not Participant.objects.filter(user=cworld.users["res_b"]).exists()
    r = staff.post(url, {"kind": "department", "username": "res_b", "department": ""})
    assert r.status_code == 400 and "E931" in r.content.decode()
    r = staff.post(url, {"kind": "department", "username": "RES_B", "department": cworld.edu.pk})
    assert r.status_code == 302
    assert Participant.objects.get(user=cworld.users["res_b"]).department == cworld.edu
    # no such account; an account made in a refused step is not kept
    r = staff.post(url, {"kind": "staff", "username": "nobody-here"})
    assert r.status_code == 400 and "没有这个用户名的有效账号" in r.content.decode()
    r = staff.post(url, {"kind": "department", "new_username": "rc-new", "full_name": "新人", "department": ""})
    assert r.status_code == 400 and not User.objects.filter(username="rc-new").exists()
    r = staff.post(url, {"kind": "member", "new_username": "c_member", "full_name": "重名"})
    assert r.status_code == 400 and "E932" in r.content.decode()
    # edit a member's details
    member = Participant.objects.get(user=cworld.users["c_member"])
    other = Studio.objects.create(body=cworld.rc, name="眼镜产业委员工作室")
    r = staff.post(f"/consult/b/rongchang/people/{member.pk}/", {
        "action": "save", "full_name": "张委员", "sector": "经济界", "studio": other.pk, "neighbourhood": "广顺街道",
        "phone": "139 0000", "digest": "on"})
    assert r.status_code == 400 and "E935" in r.content.decode()
    r = staff.post(f"/consult/b/rongchang/people/{member.pk}/", {
        "action": "save", "full_name": "张委员", "sector": "经济界", "studio": other.pk, "neighbourhood": "广顺街道",
        "phone": "13900001111"})
    assert r.status_code == 302
    member.refresh_from_db()
    assert (member.sector, member.studio, member.neighbourhood, member.digest) == ("经济界", other, "广顺街道", False)
    edit_page = staff.get(f"/consult/b/rongchang/people/{member.pk}/").content.decode()
    assert "139****1111" in edit_page and "13900001111" not in edit_page  # never whole, not even in the form
    r = staff.post(f"/consult/b/rongchang/people/{member.pk}/", {"action": "save", "sector": "经济界", "phone": ""})
    assert r.status_code == 302 and member.user.resident_profile.phone == "13900001111"  # empty keeps it
    assert member.user.full_name == "张委员"
    edit = AuditEvent.objects.filter(action="consultation_role_edit").order_by("pk").first()
    assert edit is not None
    assert edit.district is None and edit.before["sector"] == "教育界" and edit.after["sector"] == "经济界"
    # the body's only staff member cannot be removed; a member's role can
    only = Participant.objects.get(user=cworld.users["c_staff"])
    r = staff.post(f"/consult/b/rongchang/people/{only.pk}/", {"action": "remove"})
    assert r.status_code == 400 and "唯一的工作人员" in r.content.decode()
    assert staff.post(f"/consult/b/rongchang/people/{member.pk}/", {"action": "remove"}).status_code == 302
    assert not Participant.objects.filter(pk=member.pk).exists()
    assert AuditEvent.objects.get(action="consultation_role_remove").district is None
    # another body's person is not found
    nj_member = Participant.objects.get(user=cworld.users["c_member_nj"])
    assert staff.get(f"/consult/b/rongchang/people/{nj_member.pk}/").status_code == 404


# --- departments and studios ---------------------------------------------------------------

def test_departments_added_edited_and_deactivated_only_without_open_items(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff")
    r = staff.post("/consult/b/rongchang/departments/", {"name": "荣昌区水利局", "kind": "water",
                                                         "email": "water@example.org"})
    assert r.status_code == 302
    water = Department.objects.get(body=cworld.rc, name="荣昌区水利局")
    assert water.kind == "water" and water.active
    r = staff.post("/consult/b/rongchang/departments/", {"name": "荣昌区水利局", "kind": "water"})
    assert r.status_code == 400 and "E930" in r.content.decode()
    page = staff.get("/consult/b/rongchang/departments/").content.decode()
    assert "水利水务" in page and ">water<" not in page  # the kind in words
    item = cworld.concern(category="water")
    services.assign(cworld.users["c_staff"], item, water)
    url = f"/consult/b/rongchang/departments/{water.pk}/"
    r = staff.post(url, {"action": "deactivate"})
    assert r.status_code == 400 and "E938" in r.content.decode() and "还有1件未办结的议题" in r.content.decode()
    water.refresh_from_db()
    assert water.active
    services.answer(cworld.users["c_staff"], item, "已修复")
    services.close(cworld.users["c_staff"], item)
    assert staff.post(url, {"action": "deactivate"}).status_code == 302
    water.refresh_from_db()
    assert not water.active
    # no longer offered for a new handler
    assert str(water.pk) not in re.findall(r'<option value="(\d+)"', staff.get("/consult/b/rongchang/people/")
                                            .content.decode())
    r = staff.post(url, {"action": "save", "name": "荣昌区水务局", "kind": "water", "email": ""})
    assert r.status_code == 302
    water.refresh_from_db()
    assert water.name == "荣昌区水务局"
    actions = [e.action for e in _audits("consultation_department")]
    assert actions == ["consultation_department_add", "consultation_department_active",
                       "consultation_department_edit"]
    assert all(e.district is None for e in _audits("consultation_department"))
    assert staff.get(f"/consult/b/rongchang/departments/{cworld.nj_water.pk}/").status_code == 404


def test_studio_deactivated_only_without_open_items_from_its_meetings(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff")
    item = cworld.concern()
    services.select(cworld.users["c_staff"], item)
    meeting = Meeting.objects.create(body=cworld.rc, venue="studio", studio=cworld.studio, title="路灯",
                                     held_on=item.created_at.date(), place="工作室")
    services.consult(cworld.users["c_staff"], item, meeting)
    url = f"/consult/b/rongchang/studios/{cworld.studio.pk}/"
    r = staff.post(url, {"action": "deactivate"})
    assert r.status_code == 400 and "E938" in r.content.decode()
    services.assign(cworld.users["c_staff"], item, cworld.town)
    services.answer(cworld.users["c_town"], item, "已修复")
    services.close(cworld.users["c_staff"], item)
    assert staff.post(url, {"action": "deactivate"}).status_code == 302
    cworld.studio.refresh_from_db()
    assert not cworld.studio.active
    r = staff.post("/consult/b/rongchang/studios/", {"name": "畜牧科技城委员工作室", "theme": "畜牧科技"})
    assert r.status_code == 302 and Studio.objects.filter(body=cworld.rc, theme="畜牧科技").exists()


# --- settings ------------------------------------------------------------------------------

def _settings_post(**changes: str) -> dict[str, str]:
    data = {"action": "save", **{f"days__{k}": str(v["days"]) for k, v in
                                 services.categories(Body.objects.get(code="rongchang")).items()},
            "due_soon_days": "5", "min_items_for_department_times": "5", "auto_hide_after_reports": "3",
            "photo_max_bytes": "8000000", "photo_max_count": "4", "photo_max_pixels": "40000000",
            "photo_longest_side": "1600"}
    data.update(changes)
    return data


def test_settings_change_days_add_a_category_and_refuse_bad_numbers(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff")
    page = staff.get("/consult/b/rongchang/settings/").content.decode()
    assert "路灯与公共设施" in page and "已提出 → 已选题：选题，由政协工作人员执行" in page
    assert 'data-testid="workflow-override"' not in page  # staff see the workflow, do not change it
    r = staff.post("/consult/b/rongchang/settings/", _settings_post(
        days__lighting="10", new_zh="文化体育", new_en="Culture and sport", new_days="25", due_soon_days="3",
        auto_hide_after_reports="5"))
    assert r.status_code == 302, r.content.decode()[:3000]
    rc = Body.objects.get(pk=cworld.rc.pk)
    cats = services.categories(rc)
    assert cats["lighting"]["days"] == 10 and cats["culture_and_sport"] == {"zh": "文化体育", "en": "Culture and sport",
                                                                           "days": 25}
    s = services.body_settings(rc)
    assert s["sla"]["due_soon_days"] == 3 and s["publication"]["auto_hide_after_reports"] == 5
    assert s["publication"]["photo_max_count"] == 4  # unchanged: still the platform's
    assert "photo_max_count" not in rc.settings.get("publication", {})
    event = AuditEvent.objects.get(action="consultation_body_settings")
    assert event.district is None and event.after["sla"]["categories"]["lighting"]["days"] == 10
    # the new category can be chosen when raising a concern
    cworld.rc.refresh_from_db()
    item = cworld.concern(category="culture_and_sport")
    assert item.category == "culture_and_sport"
    for bad, words in (({"days__roads": "0"}, "须为1到365之间的整数"),
                       ({"due_soon_days": "abc"}, "“abc”须为0到60之间的整数"),
                       ({"new_zh": "教育", "new_en": "Schools", "new_days": "30"}, "已有同名的类别"),
                       ({"new_zh": "只有中文", "new_days": "30"}, "须填写中文和英文名称")):
        r = staff.post("/consult/b/rongchang/settings/", _settings_post(**bad))
        assert r.status_code == 400 and "E939" in r.content.decode() and words in r.content.decode(), bad
    assert AuditEvent.objects.filter(action="consultation_body_settings").count() == 1
    en = _client(cworld, "c_staff", "en").get("/consult/b/rongchang/settings/").content.decode()
    assert "Raised → Selected: select, by committee staff" in en


def _default_workflow() -> dict[str, object]:
    return dict(services.body_settings(Body.objects.get(code="rongchang"))["workflow"])


def _yaml_file(data: object, name: str = "workflow.yaml") -> io.BytesIO:
    f = io.BytesIO(yaml.safe_dump(data, allow_unicode=True).encode())
    f.name = name
    return f


def test_administrator_overrides_the_workflow_after_seeing_the_change(cworld: CWorld) -> None:
    admin = _client(cworld, "admin")
    url = "/consult/b/rongchang/settings/"
    flow = _default_workflow()
    assert _client(cworld, "c_staff").post(url, {"action": "workflow_check"}).status_code == 403
    # a workflow that cannot be completed is refused with E873, nothing kept
    broken = {**flow, "transitions": [t for t in flow["transitions"] if t["to"] != "closed"]}  # type: ignore[attr-defined]
    r = admin.post(url, {"action": "workflow_check", "file": _yaml_file(broken)})
    assert r.status_code == 400 and "E873" in r.content.decode()
    r = admin.post(url, {"action": "workflow_check", "file": _yaml_file({"states": {}})})
    assert r.status_code == 400 and "E939" in r.content.decode()
    unknown_role = {**flow, "transitions": [*flow["transitions"],  # type: ignore[misc]
                                            {"from": "raised", "to": "selected", "by": ["mayor"], "action": "x"}]}
    r = admin.post(url, {"action": "workflow_check", "file": _yaml_file(unknown_role)})
    assert r.status_code == 400 and "E872" in r.content.decode()
    # staff may no longer assign straight from raised: the change is shown in words, then saved
    stricter = {**flow, "transitions": [t for t in flow["transitions"]  # type: ignore[attr-defined]
                                        if not (t["from"] == "raised" and t["action"] == "assign")]}
    r = admin.post(url, {"action": "workflow_check", "file": _yaml_file({"workflow": stricter})})
    page = r.content.decode()
    assert r.status_code == 200 and "删除步骤：已提出 → 已交办：交办，由政协工作人员执行" in page, page[:3000]
    assert "workflow" not in Body.objects.get(pk=cworld.rc.pk).settings
    assert admin.post(url, {"action": "workflow_save"}).status_code == 302
    rc = Body.objects.get(pk=cworld.rc.pk)
    assert not any(t.source == "raised" and t.action == "assign" for t in services.workflow(rc).transitions)
    cworld.rc.refresh_from_db()
    item = cworld.concern()
    try:
        services.assign(cworld.users["c_staff"], item, cworld.town)
    except services.StepRefused as exc:
        assert exc.problem["code"] == "E874"
    else:  # pragma: no cover
        raise AssertionError("assign from raised should be refused now")
    assert AuditEvent.objects.get(action="consultation_body_workflow").district is None
    assert admin.post(url, {"action": "workflow_reset"}).status_code == 302
    assert "workflow" not in Body.objects.get(pk=cworld.rc.pk).settings


def test_settings_pages_in_english_and_no_password_for_existing_accounts(cworld: CWorld) -> None:
    staff = _client(cworld, "c_staff", "en")
    for url in ("/consult/b/rongchang/", "/consult/b/rongchang/people/", "/consult/b/rongchang/roster/",
                "/consult/b/rongchang/departments/", "/consult/b/rongchang/studios/",
                "/consult/b/rongchang/settings/", f"/consult/b/rongchang/departments/{cworld.edu.pk}/",
                f"/consult/b/rongchang/studios/{cworld.studio.pk}/"):
        r = staff.get(url)
        assert r.status_code == 200, url
        assert "<title>" in r.content.decode()
    assert PASSWORD not in staff.get("/consult/b/rongchang/people/").content.decode()
