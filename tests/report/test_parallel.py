"""Many districts' reports in a pool of worker processes: the same files as one at a time,
and one district that fails (or kills its worker) named with its error while the others are
written."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from youjun.assess.engine import assess_tables
from youjun.report.parallel import write_reports_parallel
from youjun.report.write import write_reports
from youjun.sample import generate

pytest.importorskip("weasyprint", reason="WeasyPrint is not installed (see requirements.lock)")
if not shutil.which("pdftotext"):
    pytest.skip("poppler-utils missing: run scripts/install-system-deps.sh", allow_module_level=True)

pytestmark = pytest.mark.slow

FORMATS = ["html", "pdf", "xlsx", "json"]


@pytest.fixture(scope="module")
def districts() -> list[dict[str, Any]]:
    """Three real districts of the province scenario, assessed by the engine (small ones)."""
    results = assess_tables(generate("M", n_districts=3, scale=0.05))
    assert len({r["district"]["code"] for r in results}) == 3
    return results


def _pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _xlsx_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(path)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def _same_report(a: Path, b: Path, fmt: str) -> bool:
    if fmt == "pdf":
        return _pdf_text(a) == _pdf_text(b)
    if fmt == "xlsx":
        return _xlsx_values(a) == _xlsx_values(b)
    return a.read_bytes() == b.read_bytes()


def test_three_districts_on_two_workers_write_the_same_files_as_one_at_a_time(
        districts: list[dict[str, Any]], tmp_path: Path) -> None:
    for r in districts:
        write_reports(r, tmp_path / "seq" / r["district"]["code"], "zh", FORMATS)
    jobs = [(r, tmp_path / "par" / r["district"]["code"]) for r in districts]
    outcomes = write_reports_parallel(jobs, "zh", FORMATS, workers=2)

    assert [o.error for o in outcomes] == [None, None, None]
    assert [o.target for o in outcomes] == [target for _, target in jobs]
    assert [o.district for o in outcomes] == [
        f"{r['district']['code']} {r['district']['name']}" for r in districts]
    seq = sorted(p.relative_to(tmp_path / "seq") for p in (tmp_path / "seq").rglob("*"))
    par = sorted(p.relative_to(tmp_path / "par") for p in (tmp_path / "par").rglob("*"))
    assert seq == par and len([p for p in par if p.suffix]) == 3 * len(FORMATS)
    for outcome, r in zip(outcomes, districts, strict=True):
        assert set(outcome.paths) == set(FORMATS)
        for fmt, path in outcome.paths.items():
            twin = tmp_path / "seq" / r["district"]["code"] / path.name
            assert _same_report(twin, path, fmt), (outcome.district, fmt)
        assert json.loads(outcome.paths["json"].read_text("utf-8"))["district"] == r["district"]


class _KillsItsWorker(dict):  # type: ignore[type-arg]
    """A result that, once unpickled in a worker, ends the worker process at once (as the
    kernel's out-of-memory killer or a crash in C would)."""

    def __reduce__(self) -> tuple[Any, ...]:
        return (os._exit, (3,))


def test_a_failing_district_is_named_and_the_others_are_written(
        districts: list[dict[str, Any]], tmp_path: Path) -> None:
    broken = copy.deepcopy(districts[1])
    broken["items"] = 42  # not a list: the renderers fail on it
    killer = _KillsItsWorker(district={"code": "500199", "name": "测试区"})
    jobs = [(districts[0], tmp_path / "a"), (broken, tmp_path / "b"), (killer, tmp_path / "k"),
            (districts[2], tmp_path / "c")]
    outcomes = write_reports_parallel(jobs, "zh", ["html", "json"], workers=2)

    assert [o.ok for o in outcomes] == [True, False, False, True]
    assert outcomes[1].district == f"{broken['district']['code']} {broken['district']['name']}"
    assert outcomes[1].error is not None and outcomes[1].error.startswith("TypeError: ")
    assert outcomes[1].paths == {}
    assert outcomes[2].district == "500199 测试区"
    assert outcomes[2].error is not None and "BrokenProcessPool" in outcomes[2].error
    for i in (0, 3):
        assert sorted(p.name for p in outcomes[i].target.iterdir()) == ["report.html",
                                                                        "report.json"]


def test_an_unknown_format_is_refused_before_anything_is_written(
        districts: list[dict[str, Any]], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="docx"):
        write_reports_parallel([(districts[0], tmp_path / "a")], "zh", ["html", "docx"], 2)
    with pytest.raises(ValueError):
        write_reports_parallel([(districts[0], tmp_path / "a")], "fr", ["html"], 2)
    assert not (tmp_path / "a").exists()


def test_one_worker_renders_in_this_process(districts: list[dict[str, Any]],
                                            tmp_path: Path) -> None:
    outcomes = write_reports_parallel([(districts[0], tmp_path / "a")], "en", ["json"], 4)
    assert outcomes[0].ok and outcomes[0].paths["json"].exists()
