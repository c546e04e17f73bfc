"""The HTML report printed to PDF, with a CJK font that really is installed: by headless Chromium
where it is installed (``youjun.report.chromium_pdf``, ~1 s for sample S, ADR 0014), else by
WeasyPrint (``YOUJUN_PDF_ENGINE=weasyprint`` chooses it; ``layout`` is always WeasyPrint, whose
boxes the tests and the web's one-page PDFs read).

WeasyPrint's costs (sample district S, 35 pages, about 7,000 table cells, 16 M Python calls):
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
import os
from pathlib import Path
from typing import Any

from youjun.report.fonts import FONT_STACK, require_cjk_font

ENGINE_ENV = "YOUJUN_PDF_ENGINE"  # "weasyprint" to print by WeasyPrint where Chromium is installed too
log = logging.getLogger(__name__)


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
    Chromium prints when it is installed; if it cannot (it does not start or answer), WeasyPrint
    prints the same page and the reason is logged.
    """
    require_cjk_font()
    target = Path(path)
    printer = _chromium()
    if printer is not None:
        from youjun.report.chromium_pdf import ChromiumError, forget_printer, shared_printer

        try:
            return shared_printer(printer).print_pdf(html, target)
        except (ChromiumError, OSError) as exc:
            forget_printer(printer)
            log.warning("Chromium could not print %s (%s); WeasyPrint prints it", target, exc)
    target.parent.mkdir(parents=True, exist_ok=True)
    layout(html, target.parent).write_pdf(target)
    return target


def prints_aside() -> bool:
    """Whether a PDF is printed by another process (Chromium), so that a caller can write its
    other files meanwhile; WeasyPrint's is this process's own Python work."""
    return _chromium() is not None


def _chromium() -> str | None:
    if os.environ.get(ENGINE_ENV, "").strip().lower() == "weasyprint":
        return None
    from youjun.report.chromium_pdf import chromium_executable

    return chromium_executable()


def warm() -> None:
    """Start this process's printer once, so that the first district it prints does not wait for
    it: Chromium started (~0.25 s), or WeasyPrint imported with the report's fonts (regular and
    bold, CJK and Latin) loaded. Nothing is raised: a printer that cannot start is reported by
    the first render."""
    printer = _chromium()
    if printer is not None:
        from youjun.report.chromium_pdf import shared_printer

        try:
            shared_printer(printer)
            return
        except Exception as exc:  # said again, with its reason, by render_pdf
            log.debug("Chromium did not start: %s", exc)
    html = (f'<html style="font-family: {FONT_STACK}"><body><p>永川区 Yongchuan 0.123 '
            "<b>未达标 fails</b></p></body></html>")
    try:
        layout(html).write_pdf()
    except Exception as exc:  # no CJK font: each district's render says so
        log.debug("WeasyPrint not warmed: %s", exc)
