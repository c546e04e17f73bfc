"""The HTML report printed to PDF by WeasyPrint, with a CJK font that really is installed."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from youjun.report.fonts import require_cjk_font


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
