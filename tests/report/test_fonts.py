from __future__ import annotations

from pathlib import Path

import pytest

from youjun.report import MissingFontError, fonts, render_pdf


def test_pdf_refuses_to_print_boxes_without_a_cjk_font(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "installed_cjk_families", lambda: ())
    with pytest.raises(MissingFontError, match=r"install-system-deps\.sh"):
        render_pdf("<p>永川区</p>", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_the_css_names_the_fonts_explicitly() -> None:
    assert fonts.FONT_STACK.startswith('"WenQuanYi Zen Hei", "Noto Sans CJK SC"')
