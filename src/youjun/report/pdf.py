"""The HTML report printed to PDF by WeasyPrint, with a CJK font that really is installed.

Where the time goes (sample district S, 35 pages, about 7,000 table cells, 16 M Python calls):
WeasyPrint's own Python work on the boxes — styles ~25 %, layout ~45 % (tables and line
breaking), drawing and writing ~20 % — in proportion to the cells printed. Font loading and
subsetting are small (HarfBuzz subsets the three fonts in ~20 ms; a render of a one-line page
takes ~30 ms warm). Sharing one ``FontConfiguration`` between renders was measured and did
not make them faster (slightly slower in 7 pairs of 8), so each render makes its own, as
WeasyPrint does by default. What a worker printing many districts saves is the import of
WeasyPrint and the first loading of the fonts (``warm``); many districts are printed side by
side by ``youjun.report.parallel``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from youjun.report.fonts import FONT_STACK, require_cjk_font


def layout(html: str, base_url: str | Path | None = None) -> Any:
    """``html`` laid out as A4 pages: a ``weasyprint.Document`` (its pages and boxes can be
    checked before it is written with ``write_pdf``).

    Raises ``MissingFontError`` when no CJK font is installed, rather than printing boxes.
    """
    require_cjk_font()
    # Imported here: WeasyPrint is heavy to import and needs Pango; HTML, xlsx and JSON
    # reports must work on a machine without it.
    from weasyprint import HTML

    # WeasyPrint reports unsupported CSS at WARNING level; the report's CSS is known, and
    # the noise would bury real messages in the CLI output.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return HTML(string=html, base_url=None if base_url is None else str(base_url)).render()


def render_pdf(html: str, path: str | Path) -> Path:
    """Write ``html`` (from ``render_html``) as an A4 PDF at ``path``; returns the path.

    Raises ``MissingFontError`` when no CJK font is installed, rather than printing boxes.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    layout(html, target.parent).write_pdf(target)
    return target


def warm() -> None:
    """Import WeasyPrint and load the report's fonts (regular and bold, CJK and Latin) once,
    so that the first district a worker prints does not pay for them."""
    html = (f'<html style="font-family: {FONT_STACK}"><body><p>永川区 Yongchuan 0.123 '
            "<b>未达标 fails</b></p></body></html>")
    layout(html).write_pdf()
