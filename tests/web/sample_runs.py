"""Finished runs whose result is the real engine's answer for sample S, stored for the test
world's district A; a signed-in client; a page's visible text."""

from __future__ import annotations

import copy
import functools
import re
from typing import Any

from django.test import Client
from django.utils import timezone

from tests.web.world import World
from youjun.web.apps.assessment.models import AssessmentRun
from youjun.web.apps.platform.models import School


@functools.cache
def _s_result() -> dict[str, Any]:
    from youjun.assess import assess_tables
    from youjun.sample import generate

    return assess_tables(generate("S", 2023))[0]


def s_result() -> dict[str, Any]:
    """The engine's result for sample S (a copy: a test may change it)."""
    return copy.deepcopy(_s_result())


def make_run(world: World, result: dict[str, Any], year: str = "2025-2026", district: Any = None) -> AssessmentRun:
    """A done run of ``district`` (default A) holding ``result``; the result's schools exist."""
    d = district or world.a
    for s in result["schools"]:
        School.objects.get_or_create(code=s["code"], defaults={"name": s["name"], "district": world.a})
    return AssessmentRun.objects.create(
        district=d, snapshot=world.snapshots[d.code], school_year=year, status="done",
        progress=100, stage="done", result=result, passes=result["verdict"]["passes"],
        finished_at=timezone.now())


def login(world: World, name: str = "bureau") -> Client:
    c = Client()
    c.force_login(world.users[name])
    return c


def visible_text(html: str) -> str:
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
