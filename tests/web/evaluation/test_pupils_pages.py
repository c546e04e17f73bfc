"""What the data officer and the bureau read on the pupils pages: a Chinese-only roster template,
the school year chosen from plausible ones, a grade-1 class's accounts page that says when own
accounts start, and a school panel that says where its count of pupils comes from."""

from __future__ import annotations

import io
import re
from datetime import date

from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.web.evaluation.eworld import YEAR, EWorld
from tests.web.evaluation.test_pupils_roster import ROW_P1, filled_template, upload
from youjun.web.apps.pupils import access, roster_import, services
from youjun.web.apps.pupils.models import ClassGroup
from youjun.web.apps.pupils.services import RosterRow


def client(ew: EWorld, role: str) -> Client:
    c = Client()
    c.force_login(ew.user(role))
    return c


def test_the_roster_template_is_chinese_only() -> None:
    wb = load_workbook(io.BytesIO(roster_import.template_xlsx()))
    words = [str(cell.value) for ws in wb.worksheets for row in ws.iter_rows() for cell in row
             if cell.value is not None and re.search(r"[A-Za-z]{3,}", str(cell.value))]
    assert words == []


def test_the_school_year_is_chosen_from_plausible_years(eworld: EWorld) -> None:
    c = client(eworld, "officer")
    page = c.get(reverse("pupils:roster", args=[eworld.a1.code])).content.decode()
    select = re.search(r'<select name="school_year".*?</select>', page, re.S)
    assert select is not None
    now = access.school_year_of(date.today())
    start = int(now[:4])
    offered = re.findall(r'<option value="([^"]+)"', select.group(0))
    assert now in offered and f"{start - 1}-{start}" in offered and f"{start + 1}-{start + 2}" in offered
    assert YEAR in offered  # a year the school has classes in
    assert re.search(rf'<option value="{now}" selected', select.group(0))
    far = f"{start + 5}-{start + 6}"
    r = upload(c, eworld, filled_template([ROW_P1]), year=far)
    assert r.status_code == 400 and "roster-preview" not in r.content.decode()


def test_a_grade_1_class_says_own_accounts_start_at_grade_3(eworld: EWorld) -> None:
    services.upsert_roster(eworld.a1, YEAR, [RosterRow(
        student_id="G500118201801010077", name="周小一", sex="male", grade=1, class_number=1,
        class_name="1年级1班", birth_date=date(2018, 1, 1), ethnic_code="01")], None)
    c1 = ClassGroup.objects.get(school=eworld.a1, school_year=YEAR, grade=1, number=1)
    page = client(eworld, "officer").get(reverse("pupils:class_accounts", args=[c1.pk])).content.decode()
    assert "名学生还没有本人账号" not in page and "make-pupils" not in page
    assert "学生本人账号从3年级起开通" in page and "本地规则" in page
    # a grade-3 class still counts the missing own accounts
    page = client(eworld, "officer").get(
        reverse("pupils:class_accounts", args=[eworld.classes["c2"].pk])).content.decode()
    assert "名学生还没有本人账号" in page


def test_the_school_panel_says_where_its_pupils_come_from(eworld: EWorld) -> None:
    for role in ("officer", "bureau"):
        page = client(eworld, role).get(reverse("schools:school", args=[eworld.a1.code])).content.decode()
        panel = page[page.index('data-testid="pupils-panel"'):]
        panel = panel[:panel.index("</section>")]
        text = re.sub(r"<[^>]+>", "", panel)
        assert "已录入本平台的学生（来自名册或体质测试导入）" in text, text
        assert f"{YEAR}学年" in text and "3 人" in text and "2 个班级" in text
        assert "在校生数" in text  # says the district's statistics are another source
        assert 'class="app-links plain"' in panel  # the link buttons carry no list bullets
