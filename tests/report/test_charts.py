from __future__ import annotations

import re

import pytest

from youjun.report.charts import Bar, axis_max, bar_chart, nice_step, text_width, wrap


@pytest.mark.parametrize(("span", "step"), [(0.55, 0.1), (1.2, 0.25), (2750, 500), (7, 2)])
def test_nice_step(span: float, step: float) -> None:
    assert nice_step(span) == pytest.approx(step)


def test_axis_leaves_room_above_the_largest_value() -> None:
    top, step = axis_max([0.51, 0.5, 0.067])
    assert top == pytest.approx(0.6) and step == pytest.approx(0.1)
    assert axis_max([])[0] > 0


def test_wrap_breaks_cjk_anywhere_and_latin_at_spaces() -> None:
    assert all(text_width(line) <= 60 for line in wrap("每百名学生拥有高于规定学历教师数", 60, 9))
    assert wrap("Teachers above the required qualification", 160) == [
        "Teachers above the", "required qualification"]
    assert wrap("一二三四五六七八九十", 36, 2)[-1].endswith("…")


def _chart(bars: list[Bar]) -> str:
    return bar_chart(bars, axis_title="CV", limit_label=lambda v: f"limit {v:.2f}",
                     value_label=lambda v: f"{v:.3f}", font_family="WenQuanYi Zen Hei")


def test_bars_start_at_zero_and_are_proportional() -> None:
    svg = _chart([Bar("a", 0.25, 0.5, True, "tip a"), Bar("b", 0.5, 0.5, True, "tip b")])
    rects = re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="16.0"', svg)
    (x_a, w_a), (x_b, w_b) = rects
    assert x_a == x_b  # every bar starts on the zero line
    assert float(w_b) == pytest.approx(2 * float(w_a), rel=0.01)
    assert ">0.0</text>" in svg  # the axis is labelled from zero


def test_limit_is_one_line_values_labelled_tooltips_present() -> None:
    svg = _chart([Bar("a", 0.62, 0.5, False, "tip a"), Bar("b", 0.3, 0.5, True, "tip b"),
                  Bar("c", None, 0.5, None, "tip c")])
    assert svg.count('stroke-dasharray') == 1
    assert "limit 0.50" in svg and "0.620" in svg and "0.300" in svg
    assert svg.count("<title>tip a</title>") == 2  # on the bar and on its value
    assert "<title>tip c</title>" in svg and "—" in svg
    assert "<script" not in svg and "http://www.w3.org/2000/svg" in svg


def test_labels_are_escaped() -> None:
    svg = _chart([Bar("<b>&", 0.1, None, True, "a<b")])
    assert "<b>&" not in svg and "&lt;b&gt;&amp;" in svg
