"""`youjun assess` over a partitioned Parquet folder, a batch of districts at a time: the same
report.json and roll-up whatever the batch; a district whose data has errors named with the
problems `youjun validate` gives for the whole folder, the others assessed; the engine options
refused in words (a bogus Spark master, an object-store URI with DuckDB, no pyspark)."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.run_output import district_reports
from youjun.cli.main import main
from youjun.ingest.batches import PartitionedFolder, partitioned_tables
from youjun.ingest.validate import validate_path


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("m5") / "m5"
    assert main(["sample", "M", "--districts", "5", "--scale", "0.1", "--out", str(out)]) == 0
    return out


def test_batches_give_the_same_results_and_rollup_as_one_batch(province: Path, tmp_path: Path) -> None:
    assert main(["assess", str(province), "--out", str(tmp_path / "one"), "--formats", "json", "--batch", "5"]) == 0
    assert main(["assess", str(province), "--out", str(tmp_path / "two"), "--formats", "json", "--batch", "2"]) == 0
    one, two = district_reports(tmp_path / "one"), district_reports(tmp_path / "two")
    assert sorted(one) == ["500101", "500102", "500103", "500104", "500105"]
    assert one == two
    assert ((tmp_path / "one" / "rollup.json").read_text(encoding="utf-8")
            == (tmp_path / "two" / "rollup.json").read_text(encoding="utf-8"))
    # each district's data hash is its own: the same as when its partition is read alone
    alone = tmp_path / "alone"
    for key, folder in partitioned_tables(province).items():  # type: ignore[union-attr]
        shutil.copytree(folder / "district=500104", alone / key / "district=500104")
    assert main(["assess", str(alone), "--out", str(tmp_path / "a"), "--formats", "json"]) == 0
    own = json.loads((tmp_path / "a" / "report.json").read_text(encoding="utf-8"))
    assert one["500104"]["run"]["data_hash"] == own["run"]["data_hash"]
    assert one["500104"]["provenance"]["data"]["data_hash"] == own["run"]["data_hash"]


def _break(province: Path, tmp_path: Path) -> Path:
    """Two districts with errors: a teacher id repeated in 500103, a negative enrolment in 500105."""
    broken = tmp_path / "broken"
    shutil.copytree(province, broken)
    part = broken / "teachers" / "district=500103" / "part-0.parquet"
    t = pq.read_table(part)
    ids = t.column("teacher_id").to_pylist()
    ids[4] = ids[1]
    pq.write_table(t.set_column(0, "teacher_id", pa.array(ids, pa.string())), part)
    part = broken / "schools" / "district=500105" / "part-0.parquet"
    t = pq.read_table(part)
    i = t.column_names.index("students_g1")
    g1 = t.column(i).to_pylist()
    g1[2] = -40
    pq.write_table(t.set_column(i, "students_g1", pa.array(g1, pa.int64())), part)
    return broken


@pytest.mark.parametrize("how", [["--batch", "2", "--jobs", "1"], ["--jobs", "2"]], ids=["batches", "workers"])
def test_a_district_with_errors_is_named_and_the_others_assessed(province: Path, tmp_path: Path, how: list[str],
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    broken = _break(province, tmp_path)
    out = tmp_path / "o"
    assert main(["assess", str(broken), "--out", str(out), "--formats", "json", *how]) == 1
    said = capsys.readouterr()
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["500101", "500102", "500104"]
    assert "2 个区县的数据有错误，未评估：500103、500105" in said.out
    assert "区县 500103：数据有" in said.out and "区县 500105：数据有" in said.out
    rolled = json.loads((out / "rollup.json").read_text(encoding="utf-8"))
    assert rolled["districts"] == 3
    assert "区县 5/5" in said.err
    # the good districts' results are those of a run without the broken ones
    clean = district_reports(out)
    whole = tmp_path / "w"
    assert main(["assess", str(province), "--out", str(whole), "--formats", "json"]) == 0
    for result in clean.values():
        assert result["run"].pop("source") == str(broken)
    expected = {c: r for c, r in district_reports(whole).items() if c in clean}
    for result in expected.values():
        assert result["run"].pop("source") == str(province)
    assert clean == expected


def test_problems_of_a_batch_are_located_as_in_the_whole_folder(province: Path, tmp_path: Path) -> None:
    broken = _break(province, tmp_path)
    whole = validate_path(broken)
    assert not whole.ok
    folder = PartitionedFolder(broken)
    refused: dict[str, list[dict]] = {}
    for codes in folder.batches(2):
        for code, problems in folder.read(codes).refused.items():
            refused[code] = [p.to_dict() for p in problems]
    expected: dict[str, list[dict]] = {}
    for p in whole.errors:
        code = folder.district_of(p)
        assert code is not None
        expected.setdefault(code, []).append(p.to_dict())
    assert sorted(refused) == ["500103", "500105"]
    assert refused == expected
    rows = [p["location"]["row"] for p in refused["500105"]]
    assert min(rows) > folder.rows_of("schools", "500101")  # counted over the whole table


def test_a_bogus_spark_master_is_refused_in_words(province: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["assess", str(province), "--out", str(tmp_path / "o"), "--engine", "spark", "--master", "bogus"])
    err = capsys.readouterr().err
    assert code == 2
    assert "E864" in err and "--master" in err and "bogus" in err and "spark://" in err
    assert "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_master_without_spark_is_refused(province: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(province), "--out", str(tmp_path / "o"), "--master", "local[2]"]) == 2
    assert "--engine spark" in capsys.readouterr().err


@pytest.mark.parametrize("uri", ["s3a://bucket/province", "hdfs://namenode:8020/data/m", "gs://b/m"])
def test_an_object_store_uri_with_duckdb_says_to_use_spark(uri: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", uri, "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert "E864" in err and "--engine spark" in err and uri in err
    assert "Traceback" not in err


def test_spark_without_pyspark_says_what_to_install(province: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setitem(sys.modules, "pyspark", None)
    monkeypatch.setitem(sys.modules, "pyspark.sql", None)
    assert main(["assess", str(province), "--out", str(tmp_path / "o"), "--engine", "spark"]) == 2
    err = capsys.readouterr().err
    assert "youjun[spark]" in err and "pyspark" in err and "Traceback" not in err


def split_by_district(tables: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each table cut into one frame per district (school-level tables via their school): a
    district's rows as if it had been read alone."""
    from youjun.ingest.store import row_districts, school_districts

    district_of = school_districts(tables)
    out: dict[str, dict[str, Any]] = {}
    for key, frame in tables.items():
        keys = row_districts(frame, district_of)
        if keys is None:
            continue
        for code, part in frame.groupby(keys, sort=False):
            out.setdefault(str(code), {})[key] = part
    for parts in out.values():
        for key, frame in tables.items():
            parts.setdefault(key, frame.iloc[0:0])
    return out


def test_each_district_hash_is_the_hash_of_its_own_rows(province: Path) -> None:
    from youjun.ingest.store import data_hash, district_data_hashes

    tables = PartitionedFolder(province).read(["500101", "500102", "500103", "500104", "500105"]).tables
    hashes = district_data_hashes(tables)
    alone = split_by_district(tables)
    assert sorted(hashes) == sorted(alone) == ["500101", "500102", "500103", "500104", "500105"]
    assert {code: data_hash(mine) for code, mine in alone.items()} == hashes
    assert len(set(hashes.values())) == 5


def test_the_indicator_database_sums_in_one_order() -> None:
    """A parallel DuckDB adds floats in the order its threads finish: the last bits of a CV
    (and the roll-up's quantiles) would change between two runs of the same data."""
    import pandas as pd

    from youjun.analytics.tables import connect_tables

    table = connect_tables({"districts": pd.DataFrame({"district_code": ["500101"]})})["districts"]
    threads = table._find_backend().raw_sql("SELECT current_setting('threads')").fetchone()[0]
    assert int(threads) == 1


@pytest.mark.slow
def test_the_rollup_page_and_the_pdfs_of_several_districts(province: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "r"
    assert main(["assess", str(province), "--out", str(out), "--formats", "json,pdf",
                 "--reports", "500102,500104", "--jobs", "2", "--batch", "3"]) == 0
    page = (out / "rollup.html").read_text(encoding="utf-8")
    assert "5&nbsp;个" in page or "5 个" in page
    for code in ("500102", "500104"):
        assert (out / code / "report.pdf").read_bytes()[:5] == b"%PDF-"
    assert not (out / "500101" / "report.pdf").exists()
    assert "rollup.html" in capsys.readouterr().out


@pytest.mark.parametrize("how", [[], ["--jobs", "2"]], ids=["one-process", "workers"])
def test_a_report_that_cannot_be_written_is_named_and_the_others_written(
        province: Path, tmp_path: Path, how: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "w"
    out.mkdir()
    (out / "500103").write_text("a file where the district's folder should be", encoding="utf-8")
    assert main(["assess", str(province), "--out", str(out), "--formats", "json", *how]) == 1
    err = capsys.readouterr().err
    assert "500103" in err and "报告未能写出" in err
    assert sorted(p.parent.name for p in out.glob("*/report.json")) == ["500101", "500102", "500104", "500105"]
    assert json.loads((out / "rollup.json").read_text(encoding="utf-8"))["districts"] == 5


def test_several_processes_give_the_same_results_and_rollup_as_one(province: Path, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assess", str(province), "--out", str(tmp_path / "one"), "--formats", "json", "--jobs", "1"]) == 0
    capsys.readouterr()
    assert main(["assess", str(province), "--out", str(tmp_path / "two"), "--formats", "json", "--jobs", "2",
                 "--batch", "2"]) == 0
    assert "区县 5/5" in capsys.readouterr().err  # the workers' progress reaches the bar
    one, two = district_reports(tmp_path / "one"), district_reports(tmp_path / "two")
    assert sorted(two) == ["500101", "500102", "500103", "500104", "500105"]
    assert one == two
    assert ((tmp_path / "one" / "rollup.json").read_text(encoding="utf-8")
            == (tmp_path / "two" / "rollup.json").read_text(encoding="utf-8"))


def test_a_batch_whose_worker_dies_is_run_again_in_the_main_process(province: Path, tmp_path: Path) -> None:
    from tests.cli.dying_folder import DyingFolder
    from youjun.cli.assess_parallel import BatchJob, chunks, run_parallel
    from youjun.core.rules import load_ruleset

    folder = DyingFolder(province, deadly="500103")
    job = BatchJob(folder, load_ruleset("cn-2017", as_of="2025-09-01"), str(province), tmp_path,
                   frozenset(), ("json",), "zh")
    steps: list[int] = []
    batches = chunks(folder.codes, 2, 2)
    assert batches == [["500101", "500102"], ["500103"], ["500104"], ["500105"]]
    outcomes = run_parallel(job, batches, 2, steps.append)
    codes = [s["code"] for o in outcomes for s in o.summaries]
    assert codes == ["500101", "500102", "500103", "500104", "500105"]  # all, in order
    assert sorted(p.parent.name for p in tmp_path.glob("*/report.json")) == codes
    assert sum(steps) >= 5


def test_batches_are_a_multiple_of_the_workers_and_even() -> None:
    from youjun.cli.assess_parallel import chunks

    codes = [f"{i:06d}" for i in range(2843)]
    nation = chunks(codes, 200, 2)
    assert len(nation) == 16 and {len(b) for b in nation} == {177, 178}  # not 15: one worker alone at the end
    assert [c for b in nation for c in b] == codes  # every district once, in order
    assert [len(b) for b in chunks(codes[:38], 200, 2)] == [19, 19]  # a province: one batch per worker
    assert [len(b) for b in chunks(codes[:7], 200, 1)] == [7]
    assert [len(b) for b in chunks(codes[:3], 2, 4)] == [1, 1, 1]  # never an empty batch
    assert chunks([], 200, 2) == []
    for n in range(1, 60):
        for batch in (1, 3, 7, 200):
            for workers in (1, 2, 3):
                got = chunks(codes[:n], batch, workers)
                assert [c for b in got for c in b] == codes[:n]
                assert max(map(len, got)) <= batch and max(map(len, got)) - min(map(len, got)) <= 1
                assert len(got) % workers == 0 or len(got) == n


def test_how_many_workers_a_run_uses() -> None:
    from youjun.cli.assess_parallel import workers_for

    assert workers_for(38, None, 2) == 2  # a province on two cores
    assert workers_for(12, None, 2) == 1  # too few districts to pay for a second process
    assert workers_for(5, 2, 2) == 2  # asked for
    assert workers_for(1, 4, 8) == 1  # never more than the districts


@pytest.mark.slow
def test_ctrl_c_stops_a_run_on_several_processes_at_once(tmp_path: Path) -> None:
    """Interrupted, the run stops within seconds: the batches not begun are not begun (the pool
    would otherwise run every one of them before the command returns)."""
    import signal
    import subprocess
    import time

    data = tmp_path / "m24"
    assert main(["sample", "M", "--districts", "24", "--scale", "0.2", "--out", str(data)]) == 0
    cmd = [sys.executable, "-m", "youjun.cli.main", "assess", str(data), "--out", str(tmp_path / "o"),
           "--formats", "json", "--jobs", "2", "--batch", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 120
    while not list((tmp_path / "o").glob("*/report.json")) and time.monotonic() < deadline:
        time.sleep(0.2)  # the workers are writing districts
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
    began = time.monotonic()
    _, err = proc.communicate(timeout=60)
    assert time.monotonic() - began < 10
    assert proc.returncode == 130 and "已中断" in err
    written = list((tmp_path / "o").glob("*/report.json"))
    told = re.search(r"24 个区县中 (\d+) 个已评估", err)
    assert told and int(told.group(1)) <= len(written)  # a district is told once its report is written
    assert "汇总（rollup.html、rollup.xlsx、rollup.json）未生成" in err
    assert not (tmp_path / "o" / "rollup.json").exists()
    assert len(written) < 12  # the workers ended, not left to finish the batches queued to them
    for path in written:  # each whole: a report being written when its worker ended is a .part file
        assert json.loads(path.read_text(encoding="utf-8"))["district"]["code"] == path.parent.name


def test_the_time_left_is_reckoned_from_the_pace_after_the_first_district(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import time

    from youjun.cli.assess_cmd import Progress

    # the first district done 30 s after the start (start-up, reading), then one every 2 s
    clock = iter([130.0, 132.0, 134.0, 148.0])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    progress = Progress(10, "zh")
    progress.tty = True  # every step shown
    for _ in range(3):
        progress.step()
    progress.step(7)
    lines = capsys.readouterr().err.split("\r")
    assert "区县 1/10，正在估算剩余时间" in lines[1]
    assert "区县 2/10，剩余约 16 秒" in lines[2]  # 2 s a district since the first, 8 left (not 65 s each)
    assert "区县 10/10，完成" in lines[-1]


@pytest.mark.parametrize(("seconds", "zh", "en"), [
    (0.2, "剩余不到 1 秒", "under a second left"), (0.5, "剩余约 1 秒", "about 1 s left"),
    (99.4, "剩余约 99 秒", "about 99 s left"), (99.5, "剩余约 2 分钟", "about 2 min left"),
    (3412, "剩余约 57 分钟", "about 57 min left")])
def test_the_time_left_is_said_as_a_person_says_it(seconds: float, zh: str, en: str) -> None:
    from youjun.cli.assess_cmd import _time_left

    assert _time_left(seconds, True) == "，" + zh
    assert _time_left(seconds, False) == ", " + en
