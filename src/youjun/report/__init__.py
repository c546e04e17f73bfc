"""youjun.report — one assessment result rendered as HTML, PDF, xlsx and canonical JSON.

The renderers read only the plain result dict the engine produces (see
``tests/report/example_result.py`` for its shape) and tolerate extra keys and null figures.

- ``render_html(result, lang="zh") -> str``: self-contained page, inline CSS and SVG charts.
- ``render_pdf(html, path) -> Path``: A4 PDF by WeasyPrint (needs a CJK font).
- ``render_xlsx(result, path, lang="zh") -> Path``: the tables a bureau submits.
- ``render_json(result) -> str``: canonical JSON, byte-stable for the same data and rules.
- ``write_reports(result, out_dir, lang="zh", formats=...) -> dict[str, Path]``.
"""

from youjun.report.canonical import render_json
from youjun.report.fonts import MissingFontError
from youjun.report.htmlpage import render_html
from youjun.report.pdf import render_pdf
from youjun.report.workbook import render_xlsx
from youjun.report.write import FORMATS, write_reports

__all__ = ["FORMATS", "MissingFontError", "render_html", "render_json", "render_pdf",
           "render_xlsx", "write_reports"]
