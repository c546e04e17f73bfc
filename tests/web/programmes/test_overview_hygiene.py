"""The overview's pages read clean in both languages: the district overview over the seeded works
(the sections this area supplies), the works list, a work, the form, the import page with a
refusal and a preview, the district's panel, and a refused year range."""

from __future__ import annotations

import datetime as dt
import io
import random
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.web import hygiene
from tests.web.programmes.pworld import PWorld
from youjun.web.apps.overview import demo, works_import
from youjun.web.apps.overview.models import SchoolWork
from youjun.web.apps.platform.models import District, School, User

LANGS = ("zh", "en")
OURS = ("facilities", "workforce", "groups")


def _names() -> set[str]:
    names = {s.name for s in School.objects.all()} | {u.username for u in User.objects.all()}
    names |= {d.name for d in District.objects.all()} | {w.project for w in SchoolWork.objects.all()}
    names |= {w.new_school_name for w in SchoolWork.objects.all() if w.new_school_name} | {"works.xlsx"}
    # the template's column names and kinds are the file's own words, quoted in a refusal; so are
    # the values a person typed into it
    return names | set(works_import.HEADERS) | {"学校标识码／新建学校名称", "新建", "改扩建", "装修", "明年"}


def _ours(page: str) -> str:
    """The overview page without the sections other areas supply (theirs to check)."""
    for key in ("party", "vocational", "courses"):
        page = re.sub(rf'<section class="card ov-section" data-testid="section-{key}">.*?</section>', "", page,
                      flags=re.S)
    return page


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = works_import.SHEET
    ws.append(list(works_import.HEADERS))
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_overview_pages_read_clean(pworld: PWorld) -> None:
    a = pworld.base.a
    demo.seed(a, today=dt.date(2026, 12, 1), rng=random.Random(3))
    work = SchoolWork.objects.filter(district=a, school__isnull=False).first()
    assert work is not None
    names = _names()
    found: list[str] = []
    good = ["5001180001", "", "改扩建", "风雨操场工程", "2022-03-01", "2023-08-20", 450, 3000, 6500, 10, 2600]
    bad = ["5001020001", "", "装修", "风雨操场工程", "明年", "", -1, 0, 0, 0, 0]
    for lang in LANGS:
        c = Client()
        c.force_login(pworld.user("bureau"))
        c.cookies["youjun_language"] = lang
        ov = reverse("overview:district", args=[a.code])
        answers = [(u, c.get(u)) for u in (ov + "?from=2019&to=2023", ov, ov + "?from=2025&to=2019",
                                           reverse("overview:works", args=[a.code]) + "?from=2019&to=2023&kind=new",
                                           reverse("overview:work", args=[work.pk]),
                                           reverse("overview:work_add", args=[a.code]),
                                           reverse("overview:works_import", args=[a.code]), f"/d/{a.code}/")]
        imp = reverse("overview:works_import", args=[a.code])
        answers.append(("refused import", c.post(imp, {"file": SimpleUploadedFile("works.xlsx", _xlsx([bad]))})))
        answers.append(("preview", c.post(imp, {"file": SimpleUploadedFile("works.xlsx", _xlsx([good]))})))
        answers.append(("refused form", c.post(reverse("overview:work_add", args=[a.code]), {
            "school": "", "kind": "new", "project": "新校区", "seats_added": "0", "land_m2": "0", "floor_m2": "0",
            "teacher_flats": "0", "investment": "0"})))
        for where, r in answers:
            assert r.status_code in (200, 400), (where, r.status_code)
            page = r.content.decode()
            if where.startswith("/d/"):
                start = page.index('data-testid="overview-district-panel"')
                page = page[start:page.index("</section>", start)]
            page = _ours(page)
            for p in hygiene.problems(hygiene.shown_text(page), lang, names):
                found.append(f"{lang} {where}: {p}")
    assert not found, "\n".join(found)
