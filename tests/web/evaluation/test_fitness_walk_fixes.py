"""What the user testers found on the fitness pages, each as the page or the file shows it:
BMI graded by its category, a re-import that updates only the pupils of the file unless told to
replace the year, the national export round trip (exempt and retest kept), hints in a user's
words, labels, statistics with their bases and a 全部年级 row, the district's coverage, the way
in (/fitness/ and the district panel), the exempt pupil's card and the import form."""

from __future__ import annotations

import io
import re

import openpyxl
from django.test import Client

from tests.web.evaluation.eworld import SECRET_ID, SECRET_NAME, EWorld
from tests.web.evaluation.test_fitness_import import (
    GRADE3,
    POOR3,
    YEAR,
    a1_rows,
    core_of,
    import_via_web,
    login,
    row,
    upload,
    xlsx,
)
from youjun.web.apps.fitness.models import ImportBatch, Result
from youjun.web.apps.platform.models import School

HEAVY3 = {**GRADE3, "体重": "40.0"}  # 40 / 1.312² = 23.2: an obese grade 3 boy


def _book(content: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content), read_only=True)


def _sheet_rows(ws: object) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]  # type: ignore[attr-defined]


def test_bmi_is_graded_by_its_category_on_the_card_and_in_the_exports(eworld: EWorld) -> None:
    import_via_web(eworld, xlsx(a1_rows(eworld, HEAVY3)))
    expected = core_of(HEAVY3, 3, "male", SECRET_ID)
    assert expected.bmi_category == "obese"
    client = login(eworld, "officer")
    card = client.get(f"/fitness/p/{eworld.pupils['p1'].pk}/{YEAR}/").content.decode()
    bmi_row = re.search(r'<tr data-testid="card-item" data-item="bmi">.*?</tr>', card, re.S)
    assert bmi_row, card
    assert "肥胖" in bmi_row.group(0)
    assert not any(w in bmi_row.group(0) for w in ("优秀", "良好", "及格"))
    rows = _sheet_rows(_book(client.get(f"/fitness/s/{eworld.a1.code}/{YEAR}/scores.xlsx").content).worksheets[0])
    head = rows[0]
    mine = next(r for r in rows[1:] if r[head.index("学籍号")] == SECRET_ID)
    assert mine[head.index("体重等级")] == "肥胖"
    others = {r[head.index("体重等级")] for r in rows[1:]}
    assert others <= {"正常", "低体重", "超重", "肥胖", None, ""}


def _reimport_small(eworld: EWorld) -> tuple[Client, str, ImportBatch]:
    import_via_web(eworld, xlsx(a1_rows(eworld)))
    client = login(eworld, "officer")
    r = upload(client, eworld.a1.code, xlsx([row(SECRET_ID, SECRET_NAME, "male", 3, 1, POOR3)]))
    assert r.status_code == 200
    return client, r.content.decode(), ImportBatch.objects.get(state="staged")


def test_a_small_correction_file_updates_only_its_pupils_by_default(eworld: EWorld) -> None:
    client, body, batch = _reimport_small(eworld)
    assert 'data-testid="mode-update"' in body and 'data-testid="mode-replace"' in body
    assert re.search(r'value="update"[^>]*checked', body)
    assert "只更新本文件中的学生" in body and "替换本学年全部成绩" in body
    warning = re.search(r'data-testid="replace-warning"[^>]*>(.*?)</', body, re.S)
    assert warning and "2" in warning.group(1)  # two pupils' results would be removed
    client.post(f"/fitness/s/{eworld.a1.code}/import/confirm/", {"batch": batch.pk, "mode": "update"})
    kept = Result.objects.filter(school=eworld.a1, school_year=YEAR, counts=True)
    assert kept.count() == 3
    assert Result.objects.get(pupil=eworld.pupils["p1"]).total == core_of(POOR3, 3, "male", SECRET_ID).total


def test_replacing_the_year_is_chosen_explicitly(eworld: EWorld) -> None:
    client, _body, batch = _reimport_small(eworld)
    client.post(f"/fitness/s/{eworld.a1.code}/import/confirm/", {"batch": batch.pk, "mode": "replace"})
    assert Result.objects.filter(school=eworld.a1, school_year=YEAR).count() == 1
    batch.refresh_from_db()
    assert batch.counts["mode"] == "replace" and batch.counts["removed"] == 2


def test_the_national_export_round_trips_exempt_and_retest(eworld: EWorld) -> None:
    rows = a1_rows(eworld)
    rows[2] = row("G500118201603030033", "张小刚", "male", 3, 2, {}, **{"免测": "是：医院证明"})
    rows[1] = row("G500118201602020022", "李小红", "female", 3, 1, POOR3)
    rows.insert(2, row("G500118201602020022", "李小红", "female", 3, 1, GRADE3, **{"补测": "是"}))
    client, _ = import_via_web(eworld, xlsx(rows))
    exported = client.get(f"/fitness/s/{eworld.a1.code}/{YEAR}/upload.xlsx")
    head = _sheet_rows(_book(exported.content).worksheets[0])[0]
    assert "免测" in head and "补测" in head
    r = upload(client, eworld.a1.code, exported.content, name="上报.xlsx")
    assert r.status_code == 200, r.content.decode()[:2000]
    batch = ImportBatch.objects.get(state="staged")
    assert batch.counts["changed"] == 0 and batch.counts["exempt"] == 1 and batch.counts["dropped"] == 0
    assert batch.counts["incomplete"] == 0


def test_import_hints_name_the_grades_items_and_units(eworld: EWorld) -> None:
    bad = a1_rows(eworld)
    bad[0] = row(SECRET_ID, SECRET_NAME, "male", 3, 1, {**GRADE3, "1000米跑": "4'10\""})
    bad[1] = row("G500118201602020022", "李小红", "female", 3, 1, {**GRADE3, "身高": "一米三"})
    client = login(eworld, "officer")
    body = upload(client, eworld.a1.code, xlsx(bad)).content.decode()
    assert "docs/fitness.md" not in body
    assert "肺活量" in body and "一分钟仰卧起坐" in body  # the items grade 3 is tested on
    height = re.search(r"<li data-testid=\"fitness-problem\">(?:(?!</li>).)*身高(?:(?!</li>).)*</li>", body, re.S)
    assert height and "厘米" in height.group(0) and "跑" not in height.group(0)


def test_labels_and_the_statistics_bases(eworld: EWorld) -> None:
    rows = a1_rows(eworld)
    rows[2] = row("G500118201603030033", "张小刚", "male", 3, 2, {}, **{"免测": "是"})
    import_via_web(eworld, xlsx(rows))
    client = login(eworld, "officer")
    school = client.get(f"/fitness/s/{eworld.a1.code}/{YEAR}/").content.decode()
    assert "各班情况" in school and "班级数" not in school
    assert 'data-grade="all" data-sex="all"' in school and "全部年级" in school
    body = school.split('data-testid="fitness-body"')[1].split("</section>")[0]
    assert "%" in body and "免测" in body  # rates, and the note on the bases (vision counts exempt pupils)
    cls = client.get(f"/fitness/c/{eworld.classes['c1'].pk}/").content.decode()
    assert "在校生数" not in cls and "姓名" in cls
    r = upload(client, eworld.a1.code, xlsx([row(SECRET_ID, SECRET_NAME, "male", 3, 1, POOR3)]))
    preview = r.content.decode()
    assert "保存时间" not in preview and "名称" not in preview.split('data-testid="fitness-upload"')[0]


def test_the_district_page_says_how_many_schools_have_results(eworld: EWorld) -> None:
    import_via_web(eworld, xlsx(a1_rows(eworld)))
    district = eworld.a1.district
    n = School.objects.filter(district=district).count()
    assert n > 1
    client = login(eworld, "analyst")
    body = client.get(f"/fitness/d/{district.code}/{YEAR}/").content.decode()
    assert re.search(rf'data-testid="coverage"[^>]*>[^<]*1\s*/\s*{n}', body), body[:3000]
    assert "已导入学校合计" in body and "各校情况" in body and "学校数" not in body
    untested = re.findall(r'data-testid="school-row-untested"', body)
    assert len(untested) == n - 1 and "未测" in body
    assert eworld.a2.name in body
    r = client.get(f"/fitness/d/{district.code}/{YEAR}/schools.xlsx")
    assert "%E4%BD%93%E8%B4%A8" in r["Content-Disposition"] and district.code not in r["Content-Disposition"]
    book = _book(r.content)
    assert len(book.sheetnames) == 3 and "总体" in book.sheetnames and "按年级和性别" in book.sheetnames
    schools = _sheet_rows(book.worksheets[0])
    assert district.name in str(schools[0][0]) and YEAR in str(schools[0][0])
    names = [str(x[1]) for x in schools]
    assert eworld.a2.name in names and any("未测" in str(x) for x in schools)


def test_the_way_in_and_the_district_panel(eworld: EWorld) -> None:
    import_via_web(eworld, xlsx(a1_rows(eworld)))
    d = eworld.a1.district
    for role, target in (("analyst", f"/fitness/d/{d.code}/"), ("bureau", f"/fitness/d/{d.code}/"),
                         ("officer", f"/fitness/s/{eworld.a1.code}/"), ("teacher", "/pupils/me/"),
                         ("parent", "/pupils/me/")):
        r = login(eworld, role).get("/fitness/")
        assert r.status_code == 302 and r["Location"].startswith(target), (role, r.get("Location"))
    assert login(eworld, "nobody").get("/fitness/").status_code == 404
    page = login(eworld, "analyst").get(f"/d/{d.code}/").content.decode()
    assert 'data-testid="fitness-district-panel"' in page and f"/fitness/d/{d.code}/{YEAR}/" in page
    body = login(eworld, "analyst").get(f"/fitness/d/{d.code}/{YEAR}/").content.decode()
    assert 'data-testid="breadcrumb"' in body and 'data-testid="year-switch"' in body


def test_the_exempt_card_and_the_import_form(eworld: EWorld) -> None:
    rows = a1_rows(eworld)
    rows[0] = row(SECRET_ID, SECRET_NAME, "male", 3, 1, {}, **{"免测": "是：医院证明"})
    import_via_web(eworld, xlsx(rows))
    card = login(eworld, "parent").get(f"/fitness/p/{eworld.pupils['p1'].pk}/{YEAR}/").content.decode()
    assert 'data-testid="card-items"' not in card and "不计入任何比率" not in card
    assert 'data-testid="card-imported"' in card
    form = login(eworld, "officer").get(f"/fitness/s/{eworld.a1.code}/import/").content.decode()
    assert re.search(r'<select name="school_year"', form)
    content = login(eworld, "officer").get(f"/fitness/s/{eworld.a1.code}/{YEAR}/upload.xlsx").content
    ws = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    col = [c.value for c in ws[1]].index("学籍号") + 1
    assert (ws.column_dimensions[openpyxl.utils.get_column_letter(col)].width or 0) >= 20
