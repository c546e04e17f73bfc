"""Figures in reason texts: as the documents print them, and never rounded up onto the limit."""

from __future__ import annotations

from youjun.core.findings import figure_text, figure_text_below


def test_reason_figures_have_at_most_two_decimals() -> None:
    assert figure_text(0.6787) == "0.68" and figure_text(75.4148) == "75.41"
    assert figure_text(1979.74) == "1979.74" and figure_text(0.9) == "0.9" and figure_text(85.0) == "85"
    assert figure_text(0.505) == "0.51"  # half up, as the published tables
    assert figure_text(0.5124, 3) == "0.512" and figure_text(12000) == "12,000"


def test_a_figure_short_of_its_limit_does_not_read_as_the_limit() -> None:
    assert figure_text_below(99.4963, 100) == "99.5"
    assert figure_text_below(84.9961, 100 * 0.85) == "84.99"  # not "85% … below 85%"
    assert figure_text_below(99.99999, 100) == "99.99"
