"""Inline SVG charts drawn in Python, so the HTML and the PDF show the same picture.

No JavaScript, no network. Axes start from zero, every bar carries its value, the limit is
a dashed line, and each row has a ``<title>`` for a hover tooltip. The font is named on the
root element because WeasyPrint draws inline SVG without the page's CSS.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import escape

PASS_FILL = "#3f8f4f"
FAIL_FILL = "#c0392b"
UNKNOWN_FILL = "#9e9e9e"
LIMIT_STROKE = "#7b1fa2"
GRID_STROKE = "#e3e3e3"
TEXT_FILL = "#222"

FONT_SIZE = 12.0
LINE_HEIGHT = 14.0
BAR_HEIGHT = 16.0
ROW_PAD = 10.0


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    limit: float | None
    passes: bool | None
    tooltip: str


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Estimated width: CJK and full-width characters one em, others a little over half."""
    return sum(size if _is_wide(ch) else size * 0.58 for ch in text)


def _is_wide(ch: str) -> bool:
    return ord(ch) >= 0x2E80 and not 0xFF61 <= ord(ch) <= 0xFFDC


def wrap(text: str, width: float, max_lines: int = 2) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` (at spaces for Latin, anywhere for
    CJK); the last line is cut with an ellipsis if the text is longer still."""
    lines: list[str] = []
    current = ""
    tokens = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    for token in tokens:
        candidate = f"{current}{joiner}{token}" if current else token
        if text_width(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = token
    lines.append(current)
    if len(lines) > max_lines:
        head, rest = lines[: max_lines - 1], joiner.join(lines[max_lines - 1:])
        while rest and text_width(rest + "…") > width:
            rest = rest[:-1]
        lines = [*head, rest + "…"]
    return lines


def nice_step(span: float, target_ticks: int = 5) -> float:
    """The round tick step (1, 2, 2.5 or 5 × 10ⁿ) giving closest to ``target_ticks`` intervals."""
    magnitude = 10 ** math.floor(math.log10(span / target_ticks))
    steps = [f * magnitude for f in (1, 2, 2.5, 5, 10)]
    return min(steps, key=lambda step: (abs(span / step - target_ticks), -step))


def axis_max(values: Sequence[float]) -> tuple[float, float]:
    """(top of the axis, tick step): room above the largest value or limit for its label."""
    top = max([v for v in values if v > 0], default=1.0) * 1.08
    step = nice_step(top)
    return math.ceil(top / step - 1e-9) * step, step


def _decimals(step: float) -> int:
    """Decimals needed to write every multiple of ``step`` exactly (0.25 → 2, 500 → 0)."""
    return next((d for d in range(6) if abs(round(step, d) - step) < 1e-9), 6)


def bar_chart(bars: Sequence[Bar], *, axis_title: str, limit_label: Callable[[float], str],
              value_label: Callable[[float], str], font_family: str, title: str = "",
              width: float = 680) -> str:
    """A horizontal bar chart of one value per row against its limit."""
    label_w = min(max((text_width(b.label) for b in bars), default=60) + 12, width * 0.4)
    wrapped = [wrap(b.label, label_w - 12) for b in bars]
    pitch = [max(BAR_HEIGHT, LINE_HEIGHT * len(lines)) + ROW_PAD for lines in wrapped]
    x0, x1 = label_w, width - 12
    top, y0 = 22.0, 22.0
    plot_h = sum(pitch)
    height = top + plot_h + 44
    numbers = [b.value for b in bars if b.value is not None]
    numbers += [b.limit for b in bars if b.limit is not None]
    ymax, step = axis_max(numbers)
    scale = (x1 - x0) / ymax

    def x(v: float) -> float:
        return x0 + v * scale

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width:.0f}" '
           f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
           f'aria-label="{escape(title or axis_title)}" font-family="{escape(font_family)}" '
           f'font-size="{FONT_SIZE:.0f}" fill="{TEXT_FILL}">']
    if title:
        out.append(f"<title>{escape(title)}</title>")
    out += _axis(x, x0, y0, plot_h, ymax, step, axis_title, width)
    # Bars, then the limit line over them, then the values on white plates over the line.
    shapes, labels = [], []
    y = y0
    for bar, lines, h in zip(bars, wrapped, pitch, strict=True):
        shape, text = _row(bar, lines, y, h, x, x0, value_label)
        shapes.append(shape)
        labels.append(text)
        y += h
    out += shapes
    out += _limit_lines(bars, pitch, y0, x, limit_label)
    out += labels
    out.append("</svg>")
    return "".join(out)


def _axis(x: Callable[[float], float], x0: float, y0: float, plot_h: float, ymax: float,
          step: float, axis_title: str, width: float) -> list[str]:
    parts = []
    decimals = _decimals(step)
    n = round(ymax / step)
    for i in range(n + 1):
        v = i * step
        xv = x(v)
        parts.append(f'<line x1="{xv:.1f}" y1="{y0:.1f}" x2="{xv:.1f}" y2="{y0 + plot_h:.1f}" '
                     f'stroke="{GRID_STROKE}" stroke-width="1"/>')
        parts.append(f'<text x="{xv:.1f}" y="{y0 + plot_h + 15:.1f}" text-anchor="middle" '
                     f'font-size="10">{v:.{decimals}f}</text>')
    # The zero line is the axis itself: drawn darker so the bars visibly start from it.
    parts.append(f'<line x1="{x0:.1f}" y1="{y0:.1f}" x2="{x0:.1f}" y2="{y0 + plot_h:.1f}" '
                 f'stroke="#555" stroke-width="1.2"/>')
    parts.append(f'<text x="{(x0 + x(ymax)) / 2:.1f}" y="{y0 + plot_h + 34:.1f}" '
                 f'text-anchor="middle" font-size="11">{escape(axis_title)}</text>')
    return parts


def _row(bar: Bar, lines: list[str], y: float, h: float, x: Callable[[float], float], x0: float,
         value_label: Callable[[float], str]) -> tuple[str, str]:
    """(the row's label and bar, its value label), each with the tooltip."""
    mid = y + h / 2
    first = mid - LINE_HEIGHT * (len(lines) - 1) / 2 + FONT_SIZE * 0.35
    tip = f"<title>{escape(bar.tooltip)}</title>"
    shape = [f"<g>{tip}"]
    for i, line in enumerate(lines):
        shape.append(f'<text x="{x0 - 8:.1f}" y="{first + i * LINE_HEIGHT:.1f}" '
                     f'text-anchor="end">{escape(line)}</text>')
    if bar.value is None:
        shape.append(f'<text x="{x0 + 4:.1f}" y="{mid + 4:.1f}" fill="#777">—</text></g>')
        return "".join(shape), ""
    fill = UNKNOWN_FILL if bar.passes is None else PASS_FILL if bar.passes else FAIL_FILL
    end = x(bar.value)
    shape.append(f'<rect x="{x0:.1f}" y="{mid - BAR_HEIGHT / 2:.1f}" '
                 f'width="{max(end - x0, 0.5):.1f}" height="{BAR_HEIGHT:.1f}" fill="{fill}"/></g>')
    text = value_label(bar.value)
    tw = text_width(text, 11)
    label = (f'<g>{tip}<rect x="{end + 2:.1f}" y="{mid - 7:.1f}" width="{tw + 4:.1f}" '
             f'height="14" fill="#fff" fill-opacity="0.9"/>'
             f'<text x="{end + 4:.1f}" y="{mid + 4:.1f}" font-size="11" font-weight="bold">'
             f"{escape(text)}</text></g>")
    return "".join(shape), label


def _limit_lines(bars: Sequence[Bar], pitch: Sequence[float], y0: float,
                 x: Callable[[float], float], limit_label: Callable[[float], str]) -> list[str]:
    """One dashed line per run of consecutive rows sharing a limit, labelled at its top."""
    parts: list[str] = []
    y = y0
    i = 0
    while i < len(bars):
        limit, start = bars[i].limit, y
        j = i
        while j < len(bars) and bars[j].limit == limit:
            y += pitch[j]
            j += 1
        if limit is not None:
            xl = x(limit)
            parts.append(f'<line x1="{xl:.1f}" y1="{start - 4:.1f}" x2="{xl:.1f}" y2="{y:.1f}" '
                         f'stroke="{LIMIT_STROKE}" stroke-width="1.6" stroke-dasharray="5 3"/>')
            parts.append(f'<text x="{xl:.1f}" y="{start - 8:.1f}" text-anchor="middle" '
                         f'font-size="11" fill="{LIMIT_STROKE}">'
                         f"{escape(limit_label(limit))}</text>")
        i = j
    return parts
