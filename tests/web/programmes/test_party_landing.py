"""/party/ and /party/integrity/ lead each user to their own place: a school's officer to the
school's page, the bureau to the district's, a granted case handler to the cases, anyone with
several places to a list, and someone with none to words. The party school page links to the
school's clean-school records."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.party.integrity import services as integrity


def client(w: PWorld, role: str) -> Client:
    c = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    c.force_login(w.user(role))
    return c


def test_the_party_root_leads_to_the_users_place(pworld: PWorld) -> None:
    w = pworld
    root = reverse("party:index")
    assert client(w, "officer").get(root)["Location"] == reverse("party:school", args=[w.wf.a1.code])
    assert client(w, "bureau").get(root)["Location"] == reverse("party:district", args=[w.base.a.code])
    page = client(w, "admin").get(root)
    assert page.status_code == 200 and reverse("party:district", args=[w.base.b.code]) in page.content.decode()
    none = client(w, "ethics").get(root).content.decode()
    assert 'data-testid="party-index-none"' in none and "党建" in none


def test_the_clean_school_root_leads_a_handler_to_the_cases(pworld: PWorld) -> None:
    w = pworld
    root = reverse("party_integrity:index")
    assert client(w, "officer").get(root)["Location"] == reverse("party_integrity:school", args=[w.wf.a1.code])
    assert client(w, "bureau").get(root)["Location"] == reverse("party_integrity:district", args=[w.base.a.code])
    assert 'data-testid="integrity-index-none"' in client(w, "ethics").get(root).content.decode()
    integrity.grant_handler(w.user("bureau"), w.base.a, username="ethics", start=timezone.localdate())
    assert client(w, "ethics").get(root)["Location"] == reverse("party_integrity:cases", args=[w.base.a.code])


def test_the_party_school_page_links_to_its_clean_school_records(pworld: PWorld) -> None:
    w = pworld
    page = client(w, "officer").get(reverse("party:school", args=[w.wf.a1.code])).content.decode()
    assert f'href="{reverse("party_integrity:school", args=[w.wf.a1.code])}"' in page and "本校清廉学校记录" in page


def test_the_decisions_list_downloads_as_xlsx_with_texts_kept_as_text(pworld: PWorld) -> None:
    import io

    from openpyxl import load_workbook

    from youjun.web.apps.party import services as party

    w = pworld
    day = timezone.localdate()
    party.record_meeting(None, w.wf.a1, kind="principal_meeting", title="=校长办公会", held_on=day,
                         decisions=[('=HYPERLINK("http://x","点我")', "large_funds", False),
                                    ("采购课桌椅", "major_project", True)])
    url = reverse("party:decisions", args=[w.base.a.code])
    page = client(w, "analyst").get(url).content.decode()
    export = reverse("party:decisions_export", args=[w.base.a.code])
    assert f'href="{export}?year={day.year}"' in page
    lacking = load_workbook(io.BytesIO(client(w, "analyst").get(f"{export}?year={day.year}").content)).active
    rows = list(lacking.iter_rows(values_only=True))
    assert rows[0][5] == "决策事项" and len(rows) == 2  # only the decision lacking a prior study
    assert rows[1][5] == '=HYPERLINK("http://x","点我")' and rows[1][6] == "大额资金使用" and rows[1][7] == "无"
    cell = next(lacking.iter_rows(min_row=2, max_row=2))[5]
    assert cell.data_type == "s"
    every = load_workbook(io.BytesIO(client(w, "analyst").get(f"{export}?year={day.year}&all=1").content)).active
    assert len(list(every.iter_rows(values_only=True))) == 3
    assert client(w, "bureau_b").get(export).status_code == 404
