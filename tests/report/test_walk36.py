"""Walk 36 (a district statistician printing the report for the inspection team): the verdict's
conditions have their own line in the contents, and the appendix is headed as the contents
call it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from youjun.report.htmlpage import render_html


def _part(page: str, ident: str) -> str:
    start = page.index(f'<section id="{ident}"')
    return page[start:page.index("</section>", start)]


@pytest.mark.parametrize("links", [True, False])  # the page and the PDF's variant
def test_the_conditions_are_in_the_contents_and_the_appendix_is_headed(s_result: dict[str, Any], links: bool) -> None:
    page = render_html(s_result, "zh", links=links)
    nav = page[page.index('<nav id="contents"'):page.index("</nav>")]
    entries = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav)
    assert ("conditions", "社会认可度、前提条件与一票否决") in entries
    assert [e[0] for e in entries][-2:] == ["conditions", "annex"]
    conditions = _part(page, "conditions")
    for heading in ("社会认可度", "前提条件", "一票否决事项"):
        assert f"<h2>{heading}</h2>" in conditions
    annex = _part(page, "annex")
    assert annex.split(">", 1)[1].lstrip().startswith("<h2>附录：规则与数据来源</h2>")
    assert "社会认可度" not in annex.split("</h2>", 1)[0]
