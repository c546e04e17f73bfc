"""The section navigation's tools, only for those who may use them, in a "更多" group so the
nav stays short on a phone: recognition surveys for whoever manages a district (platform
scoping), bulk progress for department handlers and staff, moderation for staff (their own
body's queue). Each link opens for the one who sees it."""

from __future__ import annotations

import re

from django.test import Client

from tests.web.consultation.cworld import CWorld

TOOLS = ("surveys", "bulk", "moderation")


def _nav(client: Client) -> tuple[dict[str, str], dict[str, list[str]]]:
    """(main links, tool links) of the nav on the public list: name -> hrefs."""
    page = client.get("/consult/").content.decode()
    nav = re.search(r'<nav class="c-nav[^>]*>(.*?)</nav>', page, re.S)
    assert nav is not None
    html = nav.group(1)
    more = re.search(r'<details class="c-nav-more"[^>]*>(.*?)</details>', html, re.S)
    tools: dict[str, list[str]] = {}
    for href, name in re.findall(r'<a href="([^"]+)" data-testid="c-nav-(\w+)"',
                                 more.group(1) if more else ""):
        tools.setdefault(name, []).append(href)
    main = dict((name, href) for href, name in re.findall(r'<a href="([^"]+)" data-testid="c-nav-(\w+)"',
                                                         html.replace(more.group(0), "") if more else html))
    return main, tools


def login(cw: CWorld, name: str) -> Client:
    c = Client()
    c.force_login(cw.users[name] if name in cw.users else cw.base.users[name])
    c.cookies["youjun_language"] = "zh"
    return c


def test_each_role_sees_the_tools_it_may_use_and_no_others(cworld: CWorld) -> None:
    expected = {
        "res_a": set(), "c_member": set(), "c_edu": {"bulk"}, "c_town": {"bulk"},
        "c_staff": {"bulk", "moderation", "body"}, "c_staff_nj": {"bulk", "moderation", "body"},
        "bureau": {"surveys"}, "admin": {"surveys", "bulk", "moderation", "body", "bodies"},
    }
    for name, tools in expected.items():
        c = login(cworld, name)
        main, got = _nav(c)
        assert set(got) == tools, name
        assert not set(main) & set(TOOLS), name  # the tools are in the group, not the main row
        for hrefs in got.values():
            for href in hrefs:
                assert c.get(href).status_code == 200, (name, href)
    assert set(_nav(Client())[1]) == set()


def test_staff_links_to_their_own_bodys_queue_and_the_group_is_a_details_element(cworld: CWorld) -> None:
    c = login(cworld, "c_staff")
    _main, tools = _nav(c)
    assert tools["moderation"] == ["/consult/b/rongchang/moderation/"]
    assert login(cworld, "c_staff_nj").get("/consult/").content.decode().count("/consult/b/neijiang/moderation/") == 1
    page = c.get("/consult/").content.decode()
    assert '<details class="c-nav-more"' in page and "<summary>更多</summary>" in page
    assert "内容审核" in page and "批量更新进度" in page
    en = login(cworld, "c_staff")
    en.cookies["youjun_language"] = "en"
    page = en.get("/consult/").content.decode()
    assert "<summary>More</summary>" in page and "Moderation" in page


def test_the_admin_gets_one_moderation_link_per_body(cworld: CWorld) -> None:
    _main, tools = _nav(login(cworld, "admin"))
    assert sorted(tools["moderation"]) == ["/consult/b/neijiang/moderation/", "/consult/b/rongchang/moderation/"]


def test_staff_find_their_committee_admin_and_the_admin_all_committees(cworld) -> None:  # type: ignore[no-untyped-def]
    """The body pages were reachable only by typing their address."""
    from django.test import Client

    staff = Client()
    staff.force_login(cworld.users["c_staff"])
    page = staff.get("/consult/").content.decode()
    assert "/consult/b/rongchang/" in page and "机构管理" in page
    assert "/consult/bodies/" not in page
    member = Client()
    member.force_login(cworld.users["c_member"])
    assert "机构管理" not in member.get("/consult/").content.decode()
    admin = Client()
    admin.force_login(cworld.base.users["admin"])
    assert "/consult/bodies/" in admin.get("/consult/").content.decode()
