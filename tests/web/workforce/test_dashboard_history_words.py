"""#11 of the bureau's walk: the change history (/history/) names the workforce fields and values the
appraisal and growth services record — never “类型：self”, “criteria：5”, “交流至：advancing”, “panel：…”."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from tests.web.workforce.wfworld import WFWorld
from youjun.web.apps.platform.models import AuditEvent
from youjun.web.apps.workforce.appraisal import services as appraisal
from youjun.web.apps.workforce.growth import services as growth

pytestmark = pytest.mark.django_db


def _history(w: WFWorld) -> str:
    c = Client()
    c.force_login(w.user("admin"))
    resp = c.get("/history/")
    assert resp.status_code == 200
    return resp.content.decode()


def test_appraisal_and_growth_changes_read_in_words(wfworld: WFWorld) -> None:
    w = wfworld
    off = w.user("officer")
    round_ = appraisal.open_round(off, w.a1, school_year="2025-2026", term="1", title="秋季评价")
    p = appraisal.add_participant(off, round_, staff_id=w.teachers["t1"].staff_id, track_code="beginner")
    appraisal.add_rater(off, p, kind="peer", username="teacher2")
    growth.set_panel(None, w.base.a, ["bureau"])
    growth.record_stage(None, w.teachers["t2"], "advancing", since=dt.date(2025, 9, 1))
    assert AuditEvent.objects.filter(action__startswith="workforce_appraisal").exists()
    html = _history(w)
    text = re.sub(r"<[^>]+>", "", html)
    for raw in ("类型：self", "类型：peer", "advancing", "panel：", "criteria：", "交流至"):
        assert raw not in text, raw
    assert "评价主体：同伴" in text
    assert "评审组：— → bureau" in text
    assert "成长阶段：— → 升格" in text
