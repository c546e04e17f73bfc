"""The report as one self-contained HTML page (inline CSS and SVG, a few lines of script that
only open a folded group a link points to, no network)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from youjun.report.messages import check_lang, label
from youjun.report.view import build_view

TEMPLATE = "report.html.j2"


@lru_cache(maxsize=1)
def environment() -> Environment:
    # StrictUndefined: a misspelt field in the template fails loudly instead of printing ''.
    return Environment(loader=PackageLoader("youjun.report", "templates"), autoescape=True,
                       undefined=StrictUndefined, trim_blocks=False, lstrip_blocks=False,
                       keep_trailing_newline=True)


def render_html(result: Mapping[str, Any], lang: str = "zh", files: Collection[str] | None = None,
                links: bool = True) -> str:
    """The report of one assessment result, in Chinese (``zh``, default) or English (``en``).

    ``files``: the names of the files written beside it, the only ones it names (none when
    not given); ``links=False`` names them without linking (the PDF)."""
    check_lang(lang)
    view = build_view(result, lang, files, links)

    def t(key: str, **values: Any) -> str:
        return label(key, lang, **values)

    return environment().get_template(TEMPLATE).render(v=view, t=t)
