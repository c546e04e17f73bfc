"""The school evaluation's panel on a school's page (schools:school), through
``platform.extensions`` (the schools app never imports this one): the latest year's state and
the judgement per focus area — the bureau's once finalised, the school's own before — with a
link; and on a district's page, links to its indicator tree and the schools' evaluations with the
year's counts. Whoever sees the page sees the panel: those pages already enforce their scope."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from youjun.web.apps.platform import extensions
from youjun.web.apps.platform.templatetags.youjun import lang_code
from youjun.web.apps.schooleval import selectors


def school_panel(request: Any, school: Any) -> extensions.Panel | None:
    ev = selectors.latest_for_panel(school)
    if ev is None:
        return None
    lang = lang_code()
    res = selectors.result_of(ev, ev.tree.tree, lang)
    final = ev.state == "final"
    shown = res["review"] if final else res["self"]
    areas = [{"code": a["code"], "name": a["en"] if lang == "en" and a.get("en") else a["zh"],
              "word": shown.get(a["code"], {}).get("word", "")} for a in ev.tree.tree["areas"]]
    return extensions.Panel("schooleval_school", "schooleval/panels/school.html", {
        "year": ev.school_year, "state": ev.state,
        "state_word": selectors.words(lang)["states"].get(ev.state, ev.state),
        "final": final, "areas": areas, "url": reverse("schooleval:school", args=[school.code, ev.school_year]),
    })


def district_panel(request: Any, district: Any) -> extensions.Panel | None:
    """Links to the district's indicator tree and the schools' evaluations, with the year's counts."""
    from youjun.web.apps.platform.panel_years import panel_year
    from youjun.web.apps.schooleval import services

    year = services.current_year()
    lang = lang_code()
    counts = selectors.overview(district, year, lang)["counts"]
    states = selectors.words(lang)["states"]
    return extensions.Panel("schooleval_district", "schooleval/panels/district.html", {
        "year": year, "counts": [(states[k], counts.get(k, 0)) for k in states], "py": panel_year(district, year),
        "not_started": counts.get("none", 0), "unit": "" if lang == "en" else " 所",
        "tree_url": reverse("schooleval:tree", args=[district.code]),
        "overview_url": reverse("schooleval:overview", args=[district.code, year]),
    })


def register() -> None:
    extensions.register_school_panel(school_panel)
    extensions.register_district_panel(district_panel)


register()
