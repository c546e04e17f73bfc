"""youjun.report — one assessment result rendered as HTML, PDF, xlsx and canonical JSON.

The renderers read only the plain result dict the engine produces (see
``tests/report/example_result.py`` for its shape) and tolerate extra keys and null figures.

- ``render_html(result, lang="zh") -> str``: self-contained page, inline CSS and SVG charts.
- ``render_pdf(html, path) -> Path``: A4 PDF by WeasyPrint (needs a CJK font).
- ``render_xlsx(result, path, lang="zh") -> Path``: the tables a bureau submits.
- ``render_json(result) -> str``: canonical JSON, byte-stable for the same data and rules.
- ``write_reports(result, out_dir, lang="zh", formats=...) -> dict[str, Path]``.
"""

from importlib import import_module
from typing import Any

# Each name is imported from its module when first used: a run that writes report.json alone
# (a nation's districts) or reads ``youjun.report.numbers`` needs neither Jinja nor xlsxwriter.
_HOMES = {"render_json": "canonical", "MissingFontError": "fonts", "render_html": "htmlpage",
          "render_pdf": "pdf", "render_xlsx": "workbook", "FORMATS": "write", "write_reports": "write"}

__all__ = ["FORMATS", "MissingFontError", "render_html", "render_json", "render_pdf",
           "render_xlsx", "write_reports"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(f"youjun.report.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'youjun.report' has no attribute {name!r}")
