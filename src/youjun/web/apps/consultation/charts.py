"""Server-drawn SVG bar charts of the consultation statistics: no JavaScript, no inline style.

One horizontal bar per row (a venue, a town, a department, a body), starting from zero, each
bar with its value written beside it and a ``<title>`` for the tooltip; the axis has ticks and
its words (what is counted, in what unit). The drawing is narrow (360 units) and scales down
with the page (``.c-chart`` in consultation.css), so it reads at 390 px. The same values are
always printed in a table below the chart on the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from youjun.report.charts import axis_max, text_width, wrap

# Chinese place and office names break after these (重庆市|荣昌区|昌元街道|办事处): a label is
# wrapped between such words, never inside one; a word still too long is cut with "…" (the full
# name is in the bar's tooltip and in the table below the chart)
WORD_ENDS = ("省", "市", "区", "县", "镇", "乡", "街道", "社区", "村", "处", "局", "委员会", "政府", "政协",
             "院", "室", "站", "所", "科", "校", "中心", "公司", "办")
WORD_STARTS = ("人民政府", "办事处", "委员会")

BAR_FILL = "#2f6f9f"
GRID = "#e3e3e3"
WIDTH = 360.0
BAR_H = 14.0
LINE_H = 13.0
PAD = 8.0
FONT = 11.0


def _words(text: str) -> list[str]:
    """A Chinese label cut into words at the ends of place and office names."""
    words: list[str] = []
    current = ""
    i = 0
    while i < len(text):
        start = next((w for w in WORD_STARTS if text.startswith(w, i)), None)
        if start and current:
            words.append(current)
            current = ""
        if start:
            words.append(start)
            i += len(start)
            continue
        current += text[i]
        i += 1
        if current.endswith(WORD_ENDS) and len(current) >= 2:
            words.append(current)
            current = ""
    if current:
        words.append(current)
    return words


def wrap_label(text: str, width: float, max_lines: int = 2) -> list[str]:
    """``text`` in lines no wider than ``width``, broken between words (spaces in Latin text,
    place and office names in Chinese); what does not fit ends with "…"."""
    if " " in text or text_width(text) <= width:
        return wrap(text, width, max_lines=max_lines)
    lines: list[str] = []
    current = ""
    for word in _words(text):
        if current and text_width(current + word) > width:
            lines.append(current)
            current = word
        else:
            current += word
    lines.append(current)

    def cut(line: str) -> str:
        while line and text_width(line + "…") > width:
            line = line[:-1]
        return line + "…"

    more = len(lines) > max_lines
    lines = [line if text_width(line) <= width else cut(line) for line in lines[:max_lines]]
    if more and not lines[-1].endswith("…"):
        lines[-1] = cut(lines[-1]) if text_width(lines[-1] + "…") > width else lines[-1] + "…"
    return lines


def _decimals(step: float) -> int:
    return next((d for d in range(4) if abs(round(step, d) - step) < 1e-9), 3)


def bar_chart(rows: Sequence[tuple[str, float | None]], *, title: str, axis_title: str,
              value_label: Callable[[float], str], empty_label: str = "—", whole: bool = True) -> Markup:
    """A horizontal bar chart of ``rows`` [(label, value)]; a missing value shows as '—'.
    ``whole``: the values are counts, so the axis ticks are whole numbers."""
    label_w = min(max((text_width(label, FONT) for label, _ in rows), default=40.0) + 10, WIDTH * 0.38)
    wrapped = [wrap_label(label, label_w - 8, max_lines=2) for label, _ in rows]
    pitch = [max(BAR_H, LINE_H * len(lines)) + PAD for lines in wrapped]
    x0, x1 = label_w, WIDTH - 44  # room for the value beside the longest bar
    top = 8.0
    plot_h = sum(pitch) or BAR_H + PAD
    height = top + plot_h + 40
    values = [float(v) for _, v in rows if v is not None]
    ymax, step = axis_max(values or [1.0])
    if whole and step < 1:
        step, ymax = 1.0, float(max(1, math.ceil(ymax)))
    scale = (x1 - x0) / ymax

    def x(v: float) -> float:
        return x0 + v * scale

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="c-chart" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
           f'role="img" aria-label="{escape(title)}" font-size="{FONT:.0f}" fill="#222">',
           f"<title>{escape(title)}</title>"]
    decimals = _decimals(step)
    for i in range(round(ymax / step) + 1):
        xv = x(i * step)
        out.append(f'<line x1="{xv:.1f}" y1="{top:.1f}" x2="{xv:.1f}" y2="{top + plot_h:.1f}" stroke="{GRID}"/>')
        out.append(f'<text x="{xv:.1f}" y="{top + plot_h + 13:.1f}" text-anchor="middle" font-size="9">'
                   f"{i * step:,.{decimals}f}</text>")
    out.append(f'<line x1="{x0:.1f}" y1="{top:.1f}" x2="{x0:.1f}" y2="{top + plot_h:.1f}" stroke="#555"/>')
    out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{top + plot_h + 30:.1f}" text-anchor="middle" font-size="10">'
               f"{escape(axis_title)}</text>")
    y = top
    for (label, value), lines, h in zip(rows, wrapped, pitch, strict=True):
        mid = y + h / 2
        first = mid - LINE_H * (len(lines) - 1) / 2 + FONT * 0.35
        shown = value_label(float(value)) if value is not None else empty_label
        out.append(f"<g><title>{escape(label)}: {escape(shown)}</title>")
        for j, line in enumerate(lines):
            out.append(f'<text x="{x0 - 5:.1f}" y="{first + j * LINE_H:.1f}" text-anchor="end">{escape(line)}</text>')
        if value is None:
            out.append(f'<text x="{x0 + 4:.1f}" y="{mid + 4:.1f}" fill="#777">{escape(empty_label)}</text>')
        else:
            end = x(float(value))
            out.append(f'<rect x="{x0:.1f}" y="{mid - BAR_H / 2:.1f}" width="{max(end - x0, 0.5):.1f}" '
                       f'height="{BAR_H:.1f}" fill="{BAR_FILL}"/>')
            out.append(f'<text x="{end + 3:.1f}" y="{mid + 4:.1f}" font-weight="bold">{escape(shown)}</text>')
        out.append("</g>")
        y += h
    out.append("</svg>")
    return Markup("".join(out))
