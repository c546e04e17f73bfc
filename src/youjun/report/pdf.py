"""The HTML report printed to PDF by WeasyPrint, with a CJK font that really is installed."""

from __future__ import annotations

import logging
from pathlib import Path

from youjun.report.fonts import require_cjk_font


def render_pdf(html: str, path: str | Path) -> Path:
    """Write ``html`` (from ``render_html``) as an A4 PDF at ``path``; returns the path.

    Raises ``MissingFontError`` when no CJK font is installed, rather than printing boxes.
    """
    require_cjk_font()
    # Imported here: WeasyPrint is heavy to import and needs Pango; HTML, xlsx and JSON
    # reports must work on a machine without it.
    from weasyprint import HTML

    # WeasyPrint reports unsupported CSS at WARNING level; the report's CSS is known, and
    # the noise would bury real messages in the CLI output.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=str(target.parent)).write_pdf(target)
    return target
