"""The vocational demo on the test world's district A builds Wansheng's centre at the source's
scale, and the district overview's figures read it back: 6 pilot majors, 3 apprenticeship
majors, 90% double-qualified, 17 new last year, 5,000+ trainees a year; a second run changes
nothing."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import translation

from tests.web.programmes.pworld import PWorld
from youjun.web.apps.platform import extensions
from youjun.web.apps.vocational import demo
from youjun.web.apps.vocational.models import Recognition, VocTeacher


def test_the_demo_reads_six_three_ninety_seventeen_five_thousand(pworld: PWorld) -> None:
    a = pworld.base.a
    today = dt.date(2026, 12, 2)
    made = demo.seed(a, today=today, rng=random.Random(7))
    assert made["pilot_majors"] == 6 and made["apprenticeship_majors"] == 3 and made["double_qualified"] == 108
    assert all(n > 5000 for n in made["trainees"].values()) and len(made["trainees"]) == 3
    assert VocTeacher.objects.filter(centre__district=a, full_time=True).count() == 120
    assert Recognition.objects.filter(teacher__centre__district=a).exclude(file_size=0).count() == 108
    request = type("R", (), {"user": pworld.user("bureau")})()
    with translation.override("zh-hans"):
        figs = {f.key: f for f in extensions.district_figures(request, a, 2025, 2025) if f.section == "vocational"}
    assert figs["vocational_certificate_pilots"].shown == "6 个"
    assert figs["vocational_apprenticeship_majors"].shown == "3 个"
    assert figs["vocational_double_qualified_share"].shown == "90.0%"
    assert "120 人中，持有效“双师型”认定的 108 人" in figs["vocational_double_qualified_share"].basis
    assert figs["vocational_new_double_qualified"].shown == "17 人"
    assert (figs["vocational_trainees"].value or 0) > 5000
    assert demo.seed(a, today=today, rng=random.Random(7)) == {"skipped": True}
