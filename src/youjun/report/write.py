"""All report formats of one result into one folder."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from youjun.report.canonical import render_json

FORMATS = ("html", "pdf", "xlsx", "json")


def write_reports(result: Mapping[str, Any], out_dir: str | Path, lang: str = "zh",
                  formats: Iterable[str] = FORMATS) -> dict[str, Path]:
    """Write ``report.<format>`` for each format into ``out_dir``; returns format → path."""
    wanted = list(dict.fromkeys(formats))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {unknown}; expected some of {FORMATS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    html = ""
    if {"html", "pdf"} & set(wanted):  # the renderers imported only when asked (a JSON run needs none)
        from youjun.report.htmlpage import render_html

        html = render_html(result, lang)
    for fmt in wanted:
        path = out / f"report.{fmt}"
        if fmt == "html":
            _write_whole(path, html)
        elif fmt == "pdf":
            from youjun.report.pdf import render_pdf

            render_pdf(html, path)
        elif fmt == "xlsx":
            from youjun.report.workbook import render_xlsx

            render_xlsx(result, path, lang)
        else:
            _write_whole(path, render_json(result))
        paths[fmt] = path
    return paths


def _write_whole(path: Path, text: str) -> None:
    """``text`` to ``path`` whole or not at all (a run interrupted while writing leaves a
    ``.part`` file, never a truncated report that reads as finished)."""
    part = path.with_name(path.name + ".part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)
