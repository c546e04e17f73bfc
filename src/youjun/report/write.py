"""All report formats of one result into one folder."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Mapping
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
                  formats: Iterable[str] = FORMATS, beside: Iterable[str] | None = None,
                  meanwhile: Callable[[], object] | None = None) -> dict[str, Path]:
    """Write ``report.<format>`` for each format into ``out_dir``; returns format → path.

    ``beside``: the names of all files the caller leaves in ``out_dir``, the only ones the
    report names; by default ``files_beside(formats)`` (the CLI's folder). ``meanwhile``: the
    caller's other files, written after these and before the PDF is waited for (Chromium prints
    it in its own processes meanwhile)."""
    wanted = list(dict.fromkeys(formats))
    files = list(beside) if beside is not None else files_beside(wanted)
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s) {unknown}; expected some of {FORMATS}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    printing = None
    if {"html", "pdf"} & set(wanted):  # the renderers imported only when asked (a JSON run needs none)
        from youjun.report.htmlpage import render_html

        if "pdf" in wanted:  # paper names the files but links none; started first, it prints aside
            printing = _Printing(render_html(result, lang, files, links=False), out / "report.pdf")
        if "html" in wanted:
            _write_whole(out / "report.html", render_html(result, lang, files))
    for fmt in wanted:
        path = out / f"report.{fmt}"
        if fmt == "xlsx":
            from youjun.report.workbook import render_xlsx

            render_xlsx(result, path, lang)
        elif fmt == "json":
            _write_whole(path, render_json_bytes(result))  # orjson's UTF-8 as it is (~2 ms a district)
        paths[fmt] = path
    if meanwhile is not None:
        meanwhile()
    if printing is not None:
        printing.wait()
    return paths


class _Printing:
    """The PDF printed on a thread of its own when Chromium prints it (the thread only waits for
    Chromium's answer, so this process writes the other files meanwhile); printed at once by
    WeasyPrint, whose work is this process's own."""

    def __init__(self, html: str, path: Path) -> None:
        from youjun.report.pdf import prints_aside, render_pdf

        self.error: BaseException | None = None
        self.thread: threading.Thread | None = None
        if not prints_aside():
            render_pdf(html, path)
            return
        self.thread = threading.Thread(target=self._print, args=(render_pdf, html, path),
                                       name="youjun-pdf", daemon=True)
        self.thread.start()

    def _print(self, render: Callable[[str, Path], Path], html: str, path: Path) -> None:
        try:
            render(html, path)
        except BaseException as exc:  # raised again by wait(), on the caller's thread
            self.error = exc

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
        if self.error is not None:
            raise self.error


def _write_whole(path: Path, text: str | bytes) -> None:
    """``text`` (or its UTF-8 bytes) to ``path`` whole or not at all (a run interrupted while
    writing leaves a ``.part`` file, never a truncated report that reads as finished)."""
    part = path.with_name(path.name + ".part")
    if isinstance(text, bytes):
        part.write_bytes(text)
    else:
        part.write_text(text, encoding="utf-8")
    os.replace(part, path)
