"""The district report printed to PDF by headless Chromium, spoken to over its DevTools pipe.

Why: WeasyPrint lays out a district's ~5,000 table cells in Python (~5–6 s for sample S's
41 pages); Chromium lays out and prints the same HTML and the same print stylesheet in ~1 s,
in its own processes, so the rest of a run's files are written meanwhile on the other core
(ADR 0014). No browser driver is needed: Chromium is started with ``--remote-debugging-pipe``
and given JSON commands on file descriptor 3, answering on 4.

What Chromium lacks is CSS ``target-counter``, with which the contents give the page each part
starts on. The page numbers are therefore written in afterwards (``number_contents``): the
PDF's named destinations say which page each part is on, the contents' link annotations where
its line is.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import logging
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

# Searched in this order when YOUJUN_CHROMIUM does not name one.
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--remote-debugging-pipe", "--disable-gpu", "--no-first-run",
         "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--disable-extensions", "--mute-audio", "--hide-scrollbars")
TIMEOUT_S = 120.0
CLOSED = "Chromium closed its DevTools pipe (it stopped)"

# Chromium has no target-counter: the contents' lines end in a dotted leader up to a space
# kept free for the page number, which ``number_contents`` writes in.
PRINT_CSS = """<style>@media print {
  nav.contents a { display: flex; align-items: baseline; padding-right: 7mm; color: #1f3550; }
  nav.contents a::after { content: ""; flex: 1; margin: 0 0 0 1.5mm; border-bottom: 0.7pt dotted #8a8f98; }
}</style>"""


OPEN_DETAILS = "document.querySelectorAll('details:not([open])').forEach(d => d.open = true)"


class ChromiumError(RuntimeError):
    """Chromium could not be started, or did not print."""


def chromium_executable() -> str | None:
    """The Chromium to print with: ``YOUJUN_CHROMIUM`` (empty: none, WeasyPrint prints), else
    the first of ``NAMES`` on PATH; None when there is none."""
    named = os.environ.get("YOUJUN_CHROMIUM")
    if named is not None:
        return named if named and Path(named).exists() else None
    return next((found for name in NAMES if (found := shutil.which(name))), None)


class _Pipe:
    """One Chromium and its DevTools pipe: commands sent, answers read in order."""

    def __init__(self, executable: str) -> None:
        to_child = _high_pipe()  # (read, write): Chromium reads commands on its fd 3
        from_child = _high_pipe()  # Chromium writes answers on its fd 4
        flags = [*FLAGS, *(["--no-sandbox"] if os.geteuid() == 0 else [])]  # root: no sandbox
        devnull = os.open(os.devnull, os.O_RDWR)
        try:
            self.pid = os.posix_spawn(executable, [executable, *flags, "about:blank"], os.environ, file_actions=[
                (os.POSIX_SPAWN_DUP2, devnull, 0), (os.POSIX_SPAWN_DUP2, devnull, 1),
                (os.POSIX_SPAWN_DUP2, devnull, 2), (os.POSIX_SPAWN_DUP2, to_child[0], 3),
                (os.POSIX_SPAWN_DUP2, from_child[1], 4)])
        finally:
            for fd in (devnull, to_child[0], from_child[1]):
                os.close(fd)
        self.write_fd, self.read_fd = to_child[1], from_child[0]
        self.buffer = b""
        self.next_id = 0

    def call(self, method: str, params: dict[str, Any] | None = None, session: str | None = None,
             deadline: float | None = None) -> dict[str, Any]:
        """Send one command and wait for its answer (events in between are skipped)."""
        self.next_id += 1
        message: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        try:
            while data:
                data = data[os.write(self.write_fd, data):]
        except BrokenPipeError as exc:  # it stopped before reading: said as when it stops after
            raise ChromiumError(CLOSED) from exc
        end = deadline or time.monotonic() + TIMEOUT_S
        while True:
            answer = self._message(end)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise ChromiumError(f"{method}: {answer['error'].get('message', answer['error'])}")
                return dict(answer.get("result") or {})

    def _message(self, deadline: float) -> dict[str, Any]:
        import select

        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChromiumError(f"no answer from Chromium within {TIMEOUT_S:g} s")
            ready, _, _ = select.select([self.read_fd], [], [], left)
            if ready:
                chunk = os.read(self.read_fd, 1 << 20)
                if not chunk:
                    raise ChromiumError(CLOSED)
                self.buffer += chunk
        text, _, self.buffer = self.buffer.partition(b"\0")
        return dict(json.loads(text))

    def close(self) -> None:
        with contextlib.suppress(ChromiumError, OSError):
            self.call("Browser.close", deadline=time.monotonic() + 5)
        for fd in (self.write_fd, self.read_fd):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


def _high_pipe() -> tuple[int, int]:
    """A pipe whose ends are above 4 and closed on exec, so that placing Chromium's ends on its
    fds 3 and 4 never overwrites one of them."""
    ends = []
    for fd in os.pipe():
        ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(fd)
    return ends[0], ends[1]


@dataclass
class ChromiumPrinter:
    """A started Chromium that prints HTML to PDF, one document at a time; kept for the life of
    a process that prints many (a worker of a nation run)."""

    executable: str

    def __post_init__(self) -> None:
        # Started, not waited for: it starts while the caller goes on (a run reads and assesses
        # first); a Chromium that does not start is an error of the first print.
        self.lock = threading.Lock()
        self.pipe = _Pipe(self.executable)

    def print_pdf(self, html: str, path: str | Path) -> Path:
        """``html`` (a whole document, its stylesheet inside) printed to ``path`` as A4 with the
        page size and margins of its own ``@page`` rule; the contents numbered."""
        target = Path(path)
        with self.lock:
            pdf = self._print(_with_print_css(html))
        target.parent.mkdir(parents=True, exist_ok=True)
        part = target.with_name(target.name + ".part")
        part.write_bytes(number_contents(pdf, contents_targets(html), contents_titles(html)))
        os.replace(part, target)
        return target

    def _print(self, html: str) -> bytes:
        call = self.pipe.call
        target = call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        try:
            frame = call("Page.getFrameTree", session=session)["frameTree"]["frame"]["id"]
            call("Page.setDocumentContent", {"frameId": frame, "html": html}, session=session)
            # Chromium prints a closed <details> folded; WeasyPrint, and paper, whole
            call("Runtime.evaluate", {"expression": OPEN_DETAILS}, session=session)
            printed = call("Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True,
                                               "generateTaggedPDF": False}, session=session)
            return base64.b64decode(printed["data"])
        finally:
            call("Target.closeTarget", {"targetId": target})

    def close(self) -> None:
        self.pipe.close()


def _with_print_css(html: str) -> str:
    head = html.find("</head>")
    return html if head < 0 else html[:head] + PRINT_CSS + html[head:]


_SHARED: dict[str, ChromiumPrinter] = {}
_FAILED: set[str] = set()
_SHARED_LOCK = threading.Lock()


def shared_printer(executable: str) -> ChromiumPrinter:
    """This process's printer (started on first use). Not closed at exit: a process that ends
    closes the pipe, and Chromium ends with it. Raises ``ChromiumError`` once it has failed in
    this process (each district of a run is not made to wait for it again)."""
    with _SHARED_LOCK:
        if executable in _FAILED:
            raise ChromiumError(f"{executable} failed earlier in this process")
        printer = _SHARED.get(executable)
        if printer is None:
            printer = _SHARED[executable] = ChromiumPrinter(executable)
        return printer


def forget_printer(executable: str) -> None:
    """The printer of ``executable`` failed: closed, and not used again by this process."""
    with _SHARED_LOCK:
        _FAILED.add(executable)
        printer = _SHARED.pop(executable, None)
    if printer is not None:
        printer.close()


# --- the contents' page numbers --------------------------------------------------------------

_CONTENTS = re.compile(r'<nav[^>]*class="contents"[^>]*>(.*?)</nav>', re.S)
_HREF = re.compile(r'<a href="#([^"]+)"')
NUMBER_PT = 9.5  # the report's body size (report.css: html { font-size: 9.5pt })
HELVETICA_DIGIT = 0.556  # every digit of Helvetica is 556/1000 of the size wide


def contents_targets(html: str) -> list[str]:
    """The ids the report's contents link to, in order."""
    found = _CONTENTS.search(html)
    return _HREF.findall(found.group(1)) if found else []


def contents_titles(html: str) -> dict[str, str]:
    """Each contents line's words by the id it links to (the PDF's bookmarks)."""
    import html as html_lib

    found = _CONTENTS.search(html)
    return {ident: html_lib.unescape(re.sub(r"<[^>]+>", "", text)).strip()
            for ident, text in _ENTRY.findall(found.group(1))} if found else {}


_ENTRY = re.compile(r'<a href="#([^"]+)">(.*?)</a>', re.S)


def number_contents(pdf: bytes, targets: list[str], titles: dict[str, str] | None = None) -> bytes:
    """``pdf`` with the page each of ``targets`` starts on written at the end of its line in the
    contents (right-aligned in the space ``PRINT_CSS`` keeps free); unchanged when it has no
    contents. The page is that of the target's named destination; the line is the widest link
    annotation to it on the contents' page (a link in running text is narrower). ``titles``: the
    words of each line, made the PDF's bookmarks (each to its part's page)."""
    if not targets:
        return pdf
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream, DictionaryObject, NameObject

    reader = PdfReader(io.BytesIO(pdf))
    found = {str(name).lstrip("/"): reader.get_destination_page_number(dest)
             for name, dest in reader.named_destinations.items()}
    pages = {name: index + 1 for name, index in found.items() if index is not None}
    wanted = {t for t in targets if t in pages}
    lines = _contents_lines(reader, wanted)
    if not lines:
        return pdf
    page_index, rects = lines
    writer = PdfWriter(clone_from=reader)
    page = writer.pages[page_index]
    resources = page.setdefault(NameObject("/Resources"), DictionaryObject()).get_object()
    fonts = resources.setdefault(NameObject("/Font"), DictionaryObject()).get_object()
    # the digits in the font the contents are printed in (embedded: a print shop needs no font
    # of its own), else in Helvetica (one of the PDF's standard fonts, not embedded)
    content = page.get_contents()
    digits = _digits_font(fonts, content.get_data() if content is not None else b"")
    if digits is None:
        font_name, glyphs = "/YJNum", {d: (d.encode("ascii").hex(), HELVETICA_DIGIT * 1000) for d in "0123456789"}
        helvetica = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
        fonts[NameObject(font_name)] = writer._add_object(helvetica)
    else:
        font_name, glyphs = digits
    ops = [f"BT {font_name} {NUMBER_PT:g} Tf 0.114 0.114 0.122 rg"]
    for name, (_, y0, x1, y1) in rects.items():
        text = str(pages[name])
        x = x1 - sum(glyphs[d][1] for d in text) / 1000 * NUMBER_PT
        y = y0 + (y1 - y0 - NUMBER_PT) / 2 + 0.22 * NUMBER_PT  # the baseline of the line's text
        ops.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm <{''.join(glyphs[d][0] for d in text)}> Tj")
    ops.append("ET")
    stream = ContentStream(None, writer)
    stream.set_data(("q " + "\n".join(ops) + " Q").encode("ascii"))
    _append_content(writer, page, stream)
    # the contents again as the PDF's bookmarks, for a reader's side panel (walk 36: none)
    marked = [(titles[t], pages[t] - 1) for t in targets if titles and t in pages and titles.get(t)]
    for title, index in marked:
        writer.add_outline_item(title=title, page_number=index)
    if marked:
        writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _digits_font(fonts: Any, content: bytes) -> tuple[str, dict[str, tuple[str, float]]] | None:
    """(its resource name, each digit's code as hex and width in 1000ths of the size) of the
    page's embedded Identity-H font that has all ten digits and sets the most text on the page
    (Chromium embeds a subset of each face it uses; the contents' lines are in the body face)."""
    best: tuple[int, str, dict[str, tuple[str, float]]] | None = None
    for name, ref in fonts.items():
        font = ref.get_object()
        if font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H" or "/ToUnicode" not in font:
            continue
        try:
            codes = _digit_codes(font["/ToUnicode"].get_object().get_data())
            if len(codes) < 10:
                continue
            widths = _widths(font["/DescendantFonts"][0].get_object())
        except (KeyError, IndexError, ValueError, TypeError):
            continue
        uses = len(re.findall(rb"/" + re.escape(str(name)[1:].encode()) + rb"\s+[-\d.]+\s+Tf", content))
        glyphs = {d: (f"{code:04x}", widths(code)) for d, code in codes.items()}
        if best is None or uses > best[0]:
            best = (uses, str(name), glyphs)
    return None if best is None else (best[1], best[2])


_HEX = rb"<([0-9A-Fa-f]+)>"


def _digit_codes(cmap: bytes) -> dict[str, int]:
    """The two-byte code of each ASCII digit in a ToUnicode CMap (its bfchar and bfrange)."""
    found: dict[str, int] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(_HEX + rb"\s*" + _HEX, block):
            if dst.upper() in _DIGIT_UNICODES:
                found.setdefault(chr(int(dst, 16)), int(src, 16))
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        for lo, hi, dst in re.findall(_HEX + rb"\s*" + _HEX + rb"\s*" + _HEX, block):
            first, last, start = int(lo, 16), int(hi, 16), int(dst, 16)
            for code in range(first, last + 1):
                char = start + code - first
                if 0x30 <= char <= 0x39:
                    found.setdefault(chr(char), code)
    return found


_DIGIT_UNICODES = {f"{c:04X}".encode() for c in range(0x30, 0x3A)}


def _widths(cid_font: Any) -> Any:
    """A CID's advance in 1000ths of the size, from the font's /W array (its /DW otherwise)."""
    default = float(cid_font.get("/DW", 1000))
    table: dict[int, float] = {}
    items = list(cid_font.get("/W") or [])
    i = 0
    while i < len(items):
        first = int(items[i])
        nxt = items[i + 1].get_object() if hasattr(items[i + 1], "get_object") else items[i + 1]
        if isinstance(nxt, list):
            table.update({first + k: float(w) for k, w in enumerate(nxt)})
            i += 2
        else:
            table.update({c: float(items[i + 2]) for c in range(first, int(nxt) + 1)})
            i += 3
    return lambda code: table.get(code, default)


def _append_content(writer: Any, page: Any, stream: Any) -> None:
    """``stream`` drawn over ``page`` in the page's own coordinates: Chromium's content changes
    the coordinate system (a scale and flip) outside any save/restore, so its content is
    wrapped in one first."""
    from pypdf.generic import ArrayObject, ContentStream, NameObject

    def raw(data: bytes) -> Any:
        part = ContentStream(None, writer)
        part.set_data(data)
        return writer._add_object(part)

    contents = page.get(NameObject("/Contents"))
    existing = contents.get_object() if contents is not None else []
    parts = ArrayObject([raw(b"q\n")])
    parts.extend(existing if isinstance(existing, list) else [contents])
    parts.extend([raw(b"\nQ\n"), writer._add_object(stream)])
    page[NameObject("/Contents")] = parts


def _contents_lines(reader: Any, wanted: set[str]) -> tuple[int, dict[str, tuple[float, ...]]] | None:
    """The page of the contents (the one with the most links to ``wanted``) and, for each
    target linked from it, the rectangle of its widest link there."""
    best: tuple[int, dict[str, tuple[float, ...]]] | None = None
    for index, page in enumerate(reader.pages):
        rects: dict[str, tuple[float, ...]] = {}
        for annot in page.get("/Annots") or []:
            link = annot.get_object()
            dest = link.get("/Dest")
            if dest is None and link.get("/A") is not None:
                dest = link["/A"].get_object().get("/D")
            name = str(dest).lstrip("/") if dest is not None else ""
            if name not in wanted:
                continue
            rect = tuple(float(v) for v in link["/Rect"])
            if name not in rects or rect[2] - rect[0] > rects[name][2] - rects[name][0]:
                rects[name] = rect
        if rects and (best is None or len(rects) > len(best[1])):
            best = (index, rects)
    return best
