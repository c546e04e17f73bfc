from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from youjun.report import write_reports


def test_writes_the_chosen_formats(tmp_path: Path, result: dict[str, Any]) -> None:
    paths = write_reports(result, tmp_path / "out", formats=("json", "html", "xlsx"))
    assert sorted(paths) == ["html", "json", "xlsx"]
    assert all(p.exists() and p.name == f"report.{f}" for f, p in paths.items())
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["district"]["code"] == "500118"
    assert "<html" in paths["html"].read_text(encoding="utf-8")


def test_writes_all_four_by_default(tmp_path: Path, result: dict[str, Any]) -> None:
    pytest.importorskip("weasyprint")
    paths = write_reports(result, tmp_path)
    assert sorted(paths) == ["html", "json", "pdf", "xlsx"]
    assert paths["pdf"].read_bytes().startswith(b"%PDF")


def test_unknown_format_is_refused(tmp_path: Path, result: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="docx"):
        write_reports(result, tmp_path, formats=("html", "docx"))
