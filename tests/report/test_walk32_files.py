"""Walk 32: the district report names only the files written with it, and its links behave.

Sample district S through the engine and the real templates: the page names report.xlsx and
the rectification list only when they are written beside it (as relative links; in the PDF as
plain names), points to 问题明细 without 上文/下文 (it is above the items), and carries the
script that opens a folded requirement a link points to.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from youjun.report.htmlpage import render_html
from youjun.report.write import files_beside, write_reports


def _named_files(html: str) -> set[str]:
    return set(re.findall(r"\b((?:report|rectification)\.(?:xlsx|html|pdf|json))", html))


def test_no_files_known_names_none(s_result: dict[str, Any]) -> None:
    html = render_html(s_result, "zh")  # the web renders a page to download alone
    assert _named_files(html) == set()
    assert "整改清单把这些问题按学校和要求合并" in html
    # a long failing list still points to 问题明细 on the page, without saying above or below
    assert re.search(r'<a href="#req-[a-z0-9-]+">…… 共 \d+ 项，全部见“问题明细”</a></div>', html)
    assert "下文" not in html and "上文" not in html


def test_html_and_json_run_links_the_rectification_page_only(s_result: dict[str, Any]) -> None:
    html = render_html(s_result, "zh", files_beside(["json", "html"]))
    assert _named_files(html) == {"rectification.html"}
    assert '整改清单（<a href="rectification.html">rectification.html</a>）把这些问题' in html
    assert "（及" not in html


def test_with_the_workbook_both_workbooks_are_linked_outside_the_findings_link(s_result: dict[str, Any]) -> None:
    html = render_html(s_result, "zh", files_beside(["html", "xlsx"]))
    assert ('整改清单（<a href="rectification.html">rectification.html</a>、'
            '<a href="rectification.xlsx">rectification.xlsx</a>）') in html
    more = re.findall(r'<a href="#(req-[a-z0-9-]+)">…… 共 \d+ 项，全部见“问题明细”</a>'
                      r'（及 <a href="report.xlsx">report.xlsx</a>）</div>', html)
    assert more and all(f'id="{m}"' in html for m in more)


def test_english_names_the_same_files(s_result: dict[str, Any]) -> None:
    html = render_html(s_result, "en", files_beside(["json", "html"]))
    assert _named_files(html) == {"rectification.html"}
    assert 'The rectification list (<a href="rectification.html">rectification.html</a>) merges' in html
    assert re.search(r"… \d+ in all, every one under Findings</a></div>", html)
    assert "below (and" not in html


def test_write_reports_names_what_it_writes_and_the_pdf_does_not_link(s_result: dict[str, Any],
                                                                      tmp_path: Path) -> None:
    paths = write_reports(s_result, tmp_path, "zh", ("json", "html"))
    html = paths["html"].read_text(encoding="utf-8")
    assert _named_files(html) == {"rectification.html"}
    # a caller that leaves other files says so
    alone = write_reports(s_result, tmp_path / "alone", "zh", ("html",), beside=())
    assert _named_files(alone["html"].read_text(encoding="utf-8")) == set()
    nolinks = render_html(s_result, "zh", files_beside(["pdf", "xlsx"]), links=False)
    assert "（及 report.xlsx）" in nolinks and 'href="report.xlsx"' not in nolinks
    assert "整改清单（rectification.xlsx）" in nolinks


def test_the_page_opens_the_group_a_link_points_to(s_result: dict[str, Any]) -> None:
    html = render_html(s_result, "zh")
    script = html[html.index("<script>"):html.index("</script>")]
    assert 'closest("details")' in script and ".open = true" in script
    for event in ('"hashchange"', '"load"', '"click"'):
        assert event in script
    # the summary table's links point at the ids of the folded groups
    targets = re.findall(r'<a href="#(req-[a-z0-9-]+)"', html)
    assert targets and all(re.search(f'<details id="{t}" class="finding-group">', html) for t in targets)


def test_a_list_only_the_workbook_holds_says_so_only_when_it_is_written(result: dict[str, Any]) -> None:
    # the fixture's G9 fails 12 teachers without findings: the page shows 8
    alone = render_html(result, "zh")
    assert '<div class="sub">…… 共 12 项，此处列出前 8 项</div>' in alone
    assert "report.xlsx" not in alone
    with_book = render_html(result, "zh", files_beside(["html", "xlsx"]))
    assert '<div class="sub">…… 共 12 项，全部列于 <a href="report.xlsx">report.xlsx</a></div>' in with_book
    english = render_html(result, "en")
    assert '<div class="sub">… 12 in all; the first 8 shown here</div>' in english
