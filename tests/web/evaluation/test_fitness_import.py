"""The web import of a school's fitness results: a real .xlsx written here in the national upload
layout, uploaded by the school's data officer → the problems (row and column, zh/en) or a
preview → confirm → the roster and the year's results, scored by the core. Re-importing a year
replaces it; a pupil of another school is refused; junior rows are kept but never scored."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any

from django.test import Client

from tests.web.evaluation.eworld import SECRET_ID, SECRET_NAME, EWorld
from youjun.core.fitness import PupilResult, score_pupil, year_result
from youjun.ingest import fitness_workbook as fw
from youjun.web.apps.fitness import selectors, services
from youjun.web.apps.fitness.models import ImportBatch, Result
from youjun.web.apps.fitness.serial import scored_to_json
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.pupils.models import Pupil

YEAR = "2025-2026"
HEADER = [*fw.NATIONAL, *fw.EXTRA]
GRADE3 = {"身高": "131.2", "体重": "28.4", "肺活量": "1520", "50米跑": "9.8", "坐位体前屈": "12.5",
          "一分钟跳绳": "131", "一分钟仰卧起坐": "36"}
POOR3 = {"身高": "131.2", "体重": "28.4", "肺活量": "600", "50米跑": "13.5", "坐位体前屈": "-2.0",
         "一分钟跳绳": "20", "一分钟仰卧起坐": "5"}
GRADE5 = {"身高": "145.0", "体重": "36.0", "肺活量": "2100", "50米跑": "9.0", "坐位体前屈": "8.0",
          "一分钟跳绳": "140", "一分钟仰卧起坐": "38", "50米×8往返跑": "1'45\""}
GRADE7 = {"身高": "158.0", "体重": "47.0", "肺活量": "2800", "50米跑": "8.4", "坐位体前屈": "9.0",
          "立定跳远": "195", "引体向上": "4", "1000米跑": "4'10\""}
CODES = {3: "13", 5: "15", 7: "21"}


def row(sid: str, name: str, sex: str, grade: int, cls: int, results: dict[str, str] | None = None,
        **extra: str) -> dict[str, str]:
    base = {"年级编号": CODES[grade], "班级编号": f"{CODES[grade]}{cls:02d}", "班级名称": f"{grade}年级{cls}班",
            "学籍号": sid, "民族代码": "01", "姓名": name, "性别": "1" if sex == "male" else "2",
            "出生日期": f"{2025 - grade - 6}0301", "家庭住址": "重庆市永川区", "左眼裸眼视力": "5.0",
            "右眼裸眼视力": "4.8"}
    return {**base, **(results if results is not None else GRADE3), **extra}


def xlsx(rows: list[dict[str, str]], header: list[str] | None = None) -> bytes:
    head = header or HEADER
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "t.xlsx"
        fw.write_workbook(path, head, [[r.get(c, "") for c in head] for r in rows])
        return path.read_bytes()


def a1_rows(ew: EWorld, p1: dict[str, str] | None = None) -> list[dict[str, str]]:
    return [row(SECRET_ID, SECRET_NAME, "male", 3, 1, p1),
            row("G500118201602020022", "李小红", "female", 3, 1),
            row("G500118201603030033", "张小刚", "male", 3, 2, exempt="")]


def login(ew: EWorld, role: str, lang: str = "zh") -> Client:
    c = Client()
    c.cookies["youjun_language"] = lang
    c.force_login(ew.user(role))
    return c


def upload(client: Client, code: str, content: bytes, name: str = "体测.xlsx", year: str = YEAR) -> Any:
    f = io.BytesIO(content)
    f.name = name
    return client.post(f"/fitness/s/{code}/import/", {"school_year": year, "file": f})


def import_via_web(ew: EWorld, content: bytes, code: str | None = None, role: str = "officer") -> Any:
    client = login(ew, role)
    r = upload(client, code or ew.a1.code, content)
    assert r.status_code == 200, r.content.decode()[:3000]
    batch = ImportBatch.objects.filter(state="staged").latest("pk")
    return client, client.post(f"/fitness/s/{code or ew.a1.code}/import/confirm/", {"batch": batch.pk})


def core_of(values: dict[str, str], grade: int, sex: str, sid: str) -> Any:
    """The core's score of the same input, read by the core's own reader of the layout."""
    t = services.tables()
    items = {key: fw.parse_measure(key, values[col], t) for col, key in fw.ITEM_COLUMNS.items() if col in values}
    return score_pupil(PupilResult(grade, sex, values.get("身高"), values.get("体重"), items, pupil_id=sid), t)


def test_import_round_trip_through_the_web(eworld: EWorld) -> None:
    client = login(eworld, "officer")
    content = xlsx(a1_rows(eworld))
    r = upload(client, eworld.a1.code, content)
    body = r.content.decode()
    assert r.status_code == 200 and 'data-testid="fitness-preview"' in body
    assert Result.objects.count() == 0  # nothing written before the confirmation
    batch = ImportBatch.objects.get(state="staged")
    assert batch.counts["pupils"] == 3 and batch.counts["new"] == 0 and batch.counts["known"] == 3
    r = client.post(f"/fitness/s/{eworld.a1.code}/import/confirm/", {"batch": batch.pk})
    assert r.status_code == 302 and r["Location"] == f"/fitness/s/{eworld.a1.code}/{YEAR}/"
    batch.refresh_from_db()
    assert batch.state == "confirmed" and bytes(batch.content) == b"" and len(batch.file_hash) == 64
    assert Result.objects.filter(school=eworld.a1, school_year=YEAR, counts=True).count() == 3
    stored = Result.objects.get(pupil=eworld.pupils["p1"])
    expected = core_of(GRADE3, 3, "male", SECRET_ID)
    assert stored.scored == scored_to_json(expected)  # one typed shape: exactly the core's Scored
    assert stored.core() == expected
    assert stored.total == expected.total and stored.status == "scored" and stored.class_group == eworld.classes["c1"]
    assert stored.raw["50米跑"] == "9.8" and stored.vision_right is not None
    assert AuditEvent.objects.filter(action="fitness_import", school=eworld.a1).count() == 1
    assert AuditEvent.objects.filter(action="fitness_upload", school=eworld.a1).count() == 1
    # the national upload layout, exported and read back by the core's reader: the same rows
    r = client.get(f"/fitness/s/{eworld.a1.code}/{YEAR}/upload.xlsx")
    assert r.status_code == 200
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "back.xlsx"
        path.write_bytes(r.content)
        back = fw.read_workbook(path, services.tables())
    assert back.ok, [p.message("en") for p in back.problems]
    assert {x.values["学籍号"]: x.values["50米跑"] for x in back.rows}[SECRET_ID] == "9.8"
    assert sorted(x.values["学籍号"] for x in back.rows) == sorted(r["学籍号"] for r in a1_rows(eworld))
    # the scores workbook and CSV carry the same totals
    r = client.get(f"/fitness/s/{eworld.a1.code}/{YEAR}/scores.csv")
    assert r.status_code == 200 and str(expected.total) in r.content.decode("utf-8")


def _refused(eworld: EWorld, content: bytes, *words: str, lang: str = "zh", code: str | None = None) -> str:
    client = login(eworld, "officer" if code is None else "officer2", lang)
    r = upload(client, code or eworld.a1.code, content)
    body = r.content.decode()
    assert r.status_code == 400, body[:2000]
    assert 'data-testid="fitness-problems"' in body
    for w in words:
        assert w in body, (w, body[body.find("fitness-problems"):][:2000])
    assert Result.objects.count() == 0 and not ImportBatch.objects.exists()
    return body


def test_broken_workbooks_say_what_and_where(eworld: EWorld) -> None:
    _refused(eworld, b"not a workbook at all", "E1060", "不是 .xlsx 文件")
    _refused(eworld, b"not a workbook at all", "E1060", "it is not an .xlsx file", lang="en")
    header = [c for c in HEADER if c != "学籍号"]
    _refused(eworld, xlsx(a1_rows(eworld), header), "E1040", "学籍号")
    bad_time = a1_rows(eworld)
    bad_time[0]["50米跑"] = "九秒八"
    _refused(eworld, xlsx(bad_time), "E1023", "第2行", "50米跑")
    _refused(eworld, xlsx(bad_time), "E1023", "row 2", "50米跑", lang="en")
    no_class = a1_rows(eworld)
    no_class[1]["班级编号"], no_class[1]["班级名称"] = "", ""
    _refused(eworld, xlsx(no_class), "E1062", "第3行")
    junior_here = [*a1_rows(eworld), row("G500118201201010077", "周初一", "male", 7, 1, GRADE7)]
    _refused(eworld, xlsx(junior_here), "E1061", "不属于本校的学段", "第5行")
    no_name = a1_rows(eworld)
    no_name[2]["姓名"] = ""
    _refused(eworld, xlsx(no_name), "E1063", "没有填写姓名")
    _refused(eworld, xlsx([]), "E1049")


def test_a_pupil_of_another_school_is_refused(eworld: EWorld) -> None:
    pb = eworld.pupils["pb"]
    rows = [*a1_rows(eworld), row(pb.student_id, "钱小东", "male", 3, 1)]
    body = _refused(eworld, xlsx(rows), "E1000", pb.student_id)
    assert eworld.b1.name not in body.split('data-testid="fitness-problems"')[1]
    assert Pupil.objects.get(pk=pb.pk).school == eworld.b1


def test_reimporting_a_year_replaces_it_and_the_preview_says_so(eworld: EWorld) -> None:
    import_via_web(eworld, xlsx(a1_rows(eworld)))
    before = Result.objects.get(pupil=eworld.pupils["p1"]).total
    first_ids = set(Result.objects.values_list("pk", flat=True))
    rows = a1_rows(eworld, POOR3)[:2]  # p1 much weaker; p3 no longer in the file
    client = login(eworld, "officer")
    r = upload(client, eworld.a1.code, xlsx(rows))
    body = r.content.decode()
    assert r.status_code == 200 and 'data-testid="preview-replaced"' in body
    batch = ImportBatch.objects.get(state="staged")
    assert batch.counts["replaced"] == 2  # only the file's pupils; the third is "dropped"
    assert batch.counts["changed"] == 1 and batch.counts["dropped"] == 1
    after = core_of(POOR3, 3, "male", SECRET_ID).total
    assert f"{before:.1f}分" in body and f"{after:.1f}分" in body
    client.post(f"/fitness/s/{eworld.a1.code}/import/confirm/", {"batch": batch.pk, "mode": "replace"})
    assert not (set(Result.objects.values_list("pk", flat=True)) & first_ids)
    assert Result.objects.filter(school=eworld.a1, school_year=YEAR).count() == 2
    assert Result.objects.get(pupil=eworld.pupils["p1"]).total == after
    # a confirmed batch cannot be confirmed again
    r = client.post(f"/fitness/s/{eworld.a1.code}/import/confirm/", {"batch": batch.pk})
    assert r.status_code == 400 and "E1065" in r.content.decode()


def test_a_retest_is_the_years_result_and_keeps_the_first(eworld: EWorld) -> None:
    rows = a1_rows(eworld, POOR3)
    rows.insert(1, row(SECRET_ID, SECRET_NAME, "male", 3, 1, GRADE3, **{"补测": "是"}))
    import_via_web(eworld, xlsx(rows))
    first = Result.objects.get(pupil=eworld.pupils["p1"], retest=False)
    retest = Result.objects.get(pupil=eworld.pupils["p1"], retest=True)
    t = services.tables()
    expected = year_result(core_of(POOR3, 3, "male", SECRET_ID), core_of(GRADE3, 3, "male", SECRET_ID), t)
    assert retest.counts and not first.counts and retest.retest_of == first
    assert retest.core() == expected
    summary = selectors.year_summary(eworld.pupils["p1"], YEAR)
    assert summary is not None and summary.total == expected.total and summary.level == expected.level


def test_junior_rows_are_kept_but_not_scored(eworld: EWorld) -> None:
    rows = [row("G500118201201010077", "周初一", "male", 7, 1, GRADE7),
            row("G500118201404040044", "赵小花", "female", 5, 1, GRADE5)]
    client = login(eworld, "officer2")
    r = upload(client, eworld.a2.code, xlsx(rows))
    body = r.content.decode()
    assert r.status_code == 200 and 'data-testid="preview-junior-rows"' in body and "初中评分表未加载" in body
    batch = ImportBatch.objects.get(state="staged")
    assert batch.counts["junior"] == 1
    client.post(f"/fitness/s/{eworld.a2.code}/import/confirm/", {"batch": batch.pk})
    junior = Result.objects.get(pupil__student_id="G500118201201010077")
    assert junior.status == "refused" and junior.total is None and junior.level == ""
    assert junior.raw["1000米跑"] == "4'10\"" and str(junior.bmi) == "18.8"  # 47 / 1.58², kept as measured
    assert junior.parsed["run_1000m"] == "250"
    assert any(p["code"] == "E1020" for p in junior.scored["problems"])
    r = client.get(f"/fitness/p/{junior.pupil_id}/{YEAR}/")
    card = r.content.decode()
    assert r.status_code == 200 and 'data-testid="card-refused"' in card and "4分10秒" in card
    assert 'data-testid="card-total-value"' not in card
