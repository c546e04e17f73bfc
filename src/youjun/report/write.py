"""All report formats of one result into one folder."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from youjun.report.canonical import render_json_bytes

FORMATS = ("html", "pdf", "xlsx", "json")


def files_beside(formats: Iterable[str]) -> list[str]:
    """The files a run of ``formats`` leaves in a district's folder: ``report.<format>`` and the
    rectification list the CLI writes with the html (rectification.html) and the workbook
    (rectification.xlsx)."""
    wanted = list(dict.fromkeys(formats))
    rect = [f"rectification.{f}" for f in ("html", "xlsx") if f in wanted]
    return [f"report.{f}" for f in wanted] + rect


def write_reports(result: Mapping[str, Any], out_dir: str | Path, lang: str = "zh",
                  formats: Iterable[str] = FORMATS, beside: Iterable[str] | None = None) -> dict[str, Path]:
    """Write ``report.<format>`` for each format into ``out_dir``; returns format → path.

    ``beside``: the names of all files the caller leaves in ``out_dir``, the only ones the
    report names; by default ``files_beside(formats)`` (the CLI's folder)."""
    wanted = list(dict.fromkeys(formats))
    files = list(beside) if beside is not None else files_beside(wanted)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {unknown}; expected some of {FORMATS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    html = pdf_html = ""
    if {"html", "pdf"} & set(wanted):  # the renderers imported only when asked (a JSON run needs none)
        from youjun.report.htmlpage import render_html

        if "html" in wanted:
            html = render_html(result, lang, files)
        if "pdf" in wanted:  # paper names the files but links none
            pdf_html = render_html(result, lang, files, links=False)
    for fmt in wanted:
        path = out / f"report.{fmt}"
        if fmt == "html":
            _write_whole(path, html)
        elif fmt == "pdf":
            from youjun.report.pdf import render_pdf

            render_pdf(pdf_html, path)
        elif fmt == "xlsx":
            from youjun.report.workbook import render_xlsx

            render_xlsx(result, path, lang)
        else:
            _write_whole(path, render_json_bytes(result))  # orjson's UTF-8 as it is (~2 ms a district)
        paths[fmt] = path
    return paths


def _write_whole(path: Path, text: str | bytes) -> None:
    """``text`` (or its UTF-8 bytes) to ``path`` whole or not at all (a run interrupted while
    writing leaves a ``.part`` file, never a truncated report that reads as finished)."""
    part = path.with_name(path.name + ".part")
    if isinstance(text, bytes):
        part.write_bytes(text)
    else:
        part.write_text(text, encoding="utf-8")
    os.replace(part, path)
