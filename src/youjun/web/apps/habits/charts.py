"""Server-drawn SVG bar charts of completion rates: no JavaScript, no inline style.

One horizontal bar per row (a day, a week, a habit, a class) on an axis from 0 to 100 %, each
bar with its value written in a column right of the plot (so the dashed threshold line never runs
through a value) and a ``<title>`` for the tooltip; a row with nothing due
shows "—". Bars under the local struggle rate are drawn in the warning colour, with the
threshold as a dashed line. The same values are always printed in a table beside the chart.
The drawing is 360 units wide and scales with the page (``.h-chart`` in habits.css).
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from youjun.report import numbers
from youjun.report.charts import text_width
from youjun.web.apps.habits.forms import lang

WIDTH = 360.0
BAR_H = 13.0
PITCH = 19.0
FONT = 11.0
OK, LOW, GRID = "#2f6f9f", "#c0392b", "#e3e3e3"


def percent(value: float | None) -> str:
    """A measured rate (0–1) as the documents write one: one decimal ("87.5%"), "—" when nothing was due."""
    return "—" if value is None else numbers.percent(value * 100, measured=True)


def standard(value: float) -> str:
    """A local threshold (0–1) as a standard is written ("60%")."""
    return numbers.percent(value * 100)


def _fit(label: str, width: float) -> str:
    if text_width(label, FONT) <= width:
        return label
    while label and text_width(label + "…", FONT) > width:
        label = label[:-1]
    return label + "…"


def rate_chart(rows: Sequence[tuple[str, float | None]], *, title: str, axis_title: str,
               threshold: float | None = None, threshold_label: str = "") -> Markup:
    """Bars of ``rows`` [(label, rate 0–1 or None)] from 0 to 100 %."""
    label_w = min(max((text_width(label, FONT) for label, _ in rows), default=40.0) + 10, WIDTH * 0.4)
    value_w = text_width("100.0%", FONT) + 8
    x0, x1 = label_w, WIDTH - value_w
    top = 8.0
    plot_h = max(len(rows), 1) * PITCH
    height = top + plot_h + 40

    colon = ": " if lang() == "en" else "："  # a Chinese page has Chinese colons

    def x(v: float) -> float:
        return x0 + v * (x1 - x0)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="h-chart" viewBox="0 0 {WIDTH:.0f} {height:.0f}" '
           f'role="img" aria-label="{escape(title)}" font-size="{FONT:.0f}" fill="#222">',
           f"<title>{escape(title)}</title>"]
    for i in range(6):
        xv = x(i / 5)
        out.append(f'<line x1="{xv:.1f}" y1="{top:.1f}" x2="{xv:.1f}" y2="{top + plot_h:.1f}" stroke="{GRID}"/>')
        out.append(f'<text x="{xv:.1f}" y="{top + plot_h + 13:.1f}" text-anchor="middle" font-size="9">'
                   f"{i * 20}%</text>")
    out.append(f'<line x1="{x0:.1f}" y1="{top:.1f}" x2="{x0:.1f}" y2="{top + plot_h:.1f}" stroke="#555"/>')
    out.append(f'<text x="{(x0 + x1) / 2:.1f}" y="{top + plot_h + 30:.1f}" text-anchor="middle" font-size="10">'
               f"{escape(axis_title)}</text>")
    if threshold is not None:
        xt = x(threshold)
        out.append(f'<line x1="{xt:.1f}" y1="{top - 4:.1f}" x2="{xt:.1f}" y2="{top + plot_h:.1f}" stroke="{LOW}" '
                   f'stroke-dasharray="3 2"><title>{escape(threshold_label)}</title></line>')
    for i, (label, value) in enumerate(rows):
        mid = top + i * PITCH + PITCH / 2
        shown = percent(value)
        out.append(f"<g><title>{escape(label)}{colon}{escape(shown)}</title>")
        out.append(f'<text x="{x0 - 5:.1f}" y="{mid + 4:.1f}" text-anchor="end">{escape(_fit(label, x0 - 8))}</text>')
        if value is None:
            out.append(f'<text x="{x0 + 4:.1f}" y="{mid + 4:.1f}" fill="#777">—</text>')
        else:
            end = x(max(0.0, min(1.0, value)))
            fill = LOW if threshold is not None and value < threshold else OK
            out.append(f'<rect x="{x0:.1f}" y="{mid - BAR_H / 2:.1f}" width="{max(end - x0, 0.5):.1f}" '
                       f'height="{BAR_H:.1f}" fill="{fill}"/>')
            out.append(f'<text x="{WIDTH - 2:.1f}" y="{mid + 4:.1f}" text-anchor="end" font-weight="bold">'
                       f"{escape(shown)}</text>")
        out.append("</g>")
    out.append("</svg>")
    return Markup("".join(out))
