"""The fitness pages show the core's numbers: the statistics recomputed here by hand from the
stored rows, a report card equal to the core's score of the same input, masked record numbers
for parents, and every page read clean in both languages (page hygiene)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from tests.web import hygiene
from tests.web.evaluation.eworld import SECRET_ID, EWorld
from tests.web.evaluation.test_fitness_import import (
    GRADE3,
    GRADE5,
    YEAR,
    a1_rows,
    core_of,
    import_via_web,
    login,
    row,
    xlsx,
)
from youjun.ingest import fitness_workbook as fw
from youjun.web.apps.fitness import demo
from youjun.web.apps.fitness.models import Result
from youjun.web.apps.platform.models import District, School, User
from youjun.web.apps.pupils.access import mask_student_id
from youjun.web.apps.pupils.models import ClassGroup, Pupil


def _pct(part: int, whole: int) -> str:
    return f"{(Decimal(part) * 100 / Decimal(whole)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


def _shown(body: str, testid: str) -> str:
    m = re.search(rf'data-testid="{testid}">([^<]*)<', body)
    assert m, testid
    return m.group(1)


def test_school_and_class_statistics_are_the_rows_counted(eworld: EWorld) -> None:
    demo.seed(eworld.a1, YEAR, pupils=120, random_seed=7)
    rows = list(Result.objects.filter(school=eworld.a1, school_year=YEAR, counts=True))
    scored = [r for r in rows if r.status == "scored"]
    assert len(rows) >= 120 and scored
    body = login(eworld, "analyst").get(f"/fitness/s/{eworld.a1.code}/{YEAR}/").content.decode()
    assert _shown(body, "stat-pupils") == f"{len(rows):,}"
    assert _shown(body, "stat-scored") == f"{len(scored):,}"
    assert _shown(body, "stat-exempt") == str(sum(r.status == "exempt" for r in rows))
    assert _shown(body, "stat-excellent") == _pct(sum(r.level == "excellent" for r in scored), len(scored))
    assert _shown(body, "stat-good") == _pct(sum(r.level in ("excellent", "good") for r in scored), len(scored))
    assert _shown(body, "stat-pass") == _pct(sum(r.level != "fail" for r in scored), len(scored))
    mean = (sum((r.total for r in scored), Decimal(0)) / len(scored)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert _shown(body, "stat-mean") == f"{mean}分"
    assert "分母" in body  # the denominator is stated
    assert 'href="/fitness/s/' not in body or "scores.xlsx" not in body  # analysts get no pupil-level download
    # one grade × sex row
    g3m = [r for r in scored if r.grade == 3 and r.sex == "male"]
    m = re.search(r'data-grade="3" data-sex="male">(.*?)</tr>', body, re.S)
    assert m and f'<td class="num">{len(g3m)}</td>' in m.group(1)
    # a class: the same counting over the class's rows
    cg = ClassGroup.objects.filter(school=eworld.a1, school_year=YEAR, fitness_results__isnull=False).first()
    assert cg is not None
    crows = [r for r in rows if r.class_group_id == cg.pk and r.status == "scored"]
    cbody = login(eworld, "officer").get(f"/fitness/c/{cg.pk}/").content.decode()
    assert _shown(cbody, "stat-scored") == str(len(crows))
    assert _shown(cbody, "stat-pass") == _pct(sum(r.level != "fail" for r in crows), len(crows))
    assert cbody.count('data-testid="pupil-row"') == Pupil.objects.filter(enrolments__class_group=cg).count()
    # the district: every school's rates, sortable
    dbody = login(eworld, "bureau").get(f"/fitness/d/{eworld.base.a.code}/{YEAR}/?sort=-pass_rate").content.decode()
    assert eworld.a1.name in dbody and _shown(dbody, "stat-pass") == _pct(sum(r.level != "fail" for r in scored),
                                                                         len(scored))
    r = login(eworld, "bureau").get(f"/fitness/d/{eworld.base.a.code}/{YEAR}/schools.xlsx")
    assert r.status_code == 200 and r.content.startswith(b"PK")


def test_the_report_card_shows_the_cores_numbers(eworld: EWorld) -> None:
    pa2 = eworld.pupils["pa2"]
    import_via_web(eworld, xlsx([row(pa2.student_id, pa2.name, "female", 5, 1, GRADE5)]), code=eworld.a2.code,
                   role="officer2")
    expected = core_of(GRADE5, 5, "female", pa2.student_id)
    body = login(eworld, "officer2").get(f"/fitness/p/{pa2.pk}/{YEAR}/").content.decode()
    assert _shown(body, "card-total-value") == str(expected.total)
    scores = dict(re.findall(r'data-item="(\w+)">.*?data-testid="item-score">(\d*)<', body, re.S))
    assert scores == {i.key: str(i.score) for i in expected.items}
    assert "1分45秒" in body and "9.0秒" in body and "2,100毫升" in body
    assert f"{expected.bmi}" in body


def test_a_parent_sees_the_card_with_a_masked_record_number(eworld: EWorld) -> None:
    import_via_web(eworld, xlsx(a1_rows(eworld)))
    p1 = eworld.pupils["p1"]
    r = login(eworld, "parent").get(f"/fitness/p/{p1.pk}/")
    assert r.status_code == 302
    body = login(eworld, "parent").get(r["Location"]).content.decode()
    assert SECRET_ID not in body and mask_student_id(SECRET_ID) in body
    assert _shown(body, "card-total-value") == str(core_of(GRADE3, 3, "male", SECRET_ID).total)
    assert login(eworld, "parent").get(f"/fitness/p/{eworld.pupils['p2'].pk}/{YEAR}/").status_code == 404


def test_fitness_pages_read_clean_in_both_languages(eworld: EWorld) -> None:
    demo.seed(eworld.a1, YEAR, pupils=60, random_seed=3)
    import_via_web(eworld, xlsx(a1_rows(eworld)))  # the eworld's own pupils replace the demo's
    c1, p1 = eworld.classes["c1"], eworld.pupils["p1"]
    names = {str(x) for x in [*School.objects.values_list("name", flat=True),
                              *Pupil.objects.values_list("name", flat=True),
                              *[str(c) for c in ClassGroup.objects.all()], *fw.NATIONAL, *fw.EXTRA,
                              *User.objects.values_list("username", flat=True),
                              *District.objects.values_list("name", flat=True), "体测.xlsx"]}
    pages = [f"/fitness/s/{eworld.a1.code}/{YEAR}/", f"/fitness/s/{eworld.a1.code}/import/", f"/fitness/c/{c1.pk}/",
             f"/fitness/p/{p1.pk}/{YEAR}/", f"/fitness/d/{eworld.base.a.code}/{YEAR}/", f"/pupils/p/{p1.pk}/",
             f"/pupils/c/{c1.pk}/"]
    found: list[str] = []
    read = 0
    for lang in ("zh", "en"):
        for role in ("parent", "teacher", "officer", "bureau"):
            client = login(eworld, role, lang)
            for url in pages:
                r = client.get(url)
                if r.status_code != 200:
                    continue
                read += 1
                body = r.content.decode()
                assert not re.search(r"\sstyle=", body), url
                assert not re.search(r"<script(?![^>]*\bsrc=)", body), url
                found += [f"{lang} {role} {url}: {p}" for p in hygiene.problems(hygiene.shown_text(body), lang, names)]
    assert read >= 16
    assert not found, "\n".join(found[:60])
