"""Every command given the bad arguments people really type ends in a catalogued message and
exit status 2 — never a Python traceback (issue: real-world input, §3).

Each case is the command line and the words its message must contain. The cases run in this
process through ``youjun.cli.main.main``; one runs the installed console script to prove the
same holds there.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.ingest.tiny_district import tiny_district
from youjun.cli.main import build_parser, main
from youjun.ingest.store import import_result
from youjun.ingest.validate import validate_tables
from youjun.ingest.writers import write_tables


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    result = validate_tables(tiny_district(), file="tiny.xlsx")
    assert result.ok
    import_result(result, d / "ok.duckdb", source="tiny.xlsx")
    write_tables(tiny_district(), d / "ok.xlsx")
    (d / "folder").mkdir()
    (d / "not-duckdb.duckdb").write_text("hello", encoding="utf-8")
    (d / "broken.yaml").write_text("changes:\n  - build: [1, 2\n", encoding="utf-8")
    (d / "tabs.yaml").write_text("changes:\n\t- close: 1\n", encoding="utf-8")
    (d / "binary.yaml").write_bytes(b"\x81\x30\xff\xfe\x00" * 3 + b"\xff")
    (d / "gbk-scenario.yaml").write_bytes("changes:\n  - close: {school: 不存在的学校}\n".encode("gbk"))
    (d / "utf16-scenario.yaml").write_bytes("changes:\n  - close: {school: 不存在的学校}\n".encode("utf-16"))
    (d / "no-plan.yaml").write_text("changes:\n  - rotation_plan: nowhere/plan.json\n", encoding="utf-8")
    (d / "bundle-less").mkdir()
    return d


# (arguments with {d} for the work folder, words the message must contain)
CASES: list[tuple[str, tuple[str, ...]]] = [
    ("import {d}/ok.xlsx --db {d}/not-duckdb.duckdb", ("E860", "不是 DuckDB 数据库文件")),
    ("import {d}/ok.xlsx --db {d}/folder", ("E860", "文件夹")),
    ("snapshots {d}/not-duckdb.duckdb", ("E860", "不是 DuckDB")),
    ("snapshots {d}/folder", ("E860", "文件夹")),
    ("assess {d}/missing.duckdb --out {d}/o", ("E860", "文件不存在")),
    ("assess {d}/ok.duckdb --out {d}/o --snapshot 1999-2000", ("没有学年或快照", "已存学年")),
    ("assess {d}/ok.duckdb --out {d}/o --snapshot 2025", ("没有学年或快照",)),
    ("assess {d}/ok.duckdb --out {d}/o --rules cn-2099", ("R102", "cn-2017")),
    ("assess {d}/ok.duckdb --out {d}/o --overlay nowhere.yaml", ("R110", "nowhere.yaml")),
    ("assess {d}/ok.duckdb", ("E865", "缺少必需的参数", "--out")),
    ("assess {d}/ok.duckdb --out {d}/o --lang fr", ("E865", "--lang", "无效（可选", "youjun assess --help")),
    ("assess {d}/ok.duckdb --out {d}/o --formats pdf,doc", ("未知格式", "doc")),
    # the output folder is checked before anything is assessed (a nation run ended unwritable)
    ("assess {d}/ok.duckdb --out /proc/youjun-out", ("E864", "--out", "无法在这里写出报告", "可以写入的文件夹")),
    ("assess {d}/ok.duckdb --out {d}/ok.xlsx/out", ("E864", "--out", "是文件而不是文件夹")),
    # a mistyped data path is not there (was E101 "cannot read the file … check it is .xlsx")
    ("assess {d}/ok.xlsxx --out {d}/o", ("E859", "找不到数据", "没有这个文件或文件夹", "相近的名称：ok.xlsx")),
    ("assess {d}/nowhere/data --out {d}/o", ("E859", "找不到数据", "该文件夹也不存在")),
    ("validate {d}/ok.duckdb --max-lines -3", ("E865", "不能为负数")),
    ("validate x.xlsx --max-lines many", ("E865", "不是整数")),
    ("plan investment {d}/ok.duckdb --out {d}/p --budget -5", ("E865", "--budget", "不能为负数")),
    ("plan investment {d}/ok.duckdb --out {d}/p --budget 两百万", ("E865", "不是数字")),
    ("plan investment {d}/ok.duckdb --out {d}/p --costs {d}/broken.yaml", ("E861", "第3行", "方括号")),
    ("plan investment {d}/ok.duckdb --out {d}/p --costs {d}/nothing.yaml", ("E863", "nothing.yaml")),
    ("plan rotation {d}/ok.duckdb --out {d}/p --rules cn-2099", ("R102",)),
    ("plan rotation {d}/ok.duckdb --out {d}/p --overlay nowhere.yaml", ("R110",)),
    ("plan rotation {d}/ok.duckdb --out {d}/p --options {d}/binary.yaml", ("E862",)),
    ("plan rotation {d}/ok.duckdb --out {d}/p --frozen-teachers {d}/none.txt", ("E863", "none.txt")),
    ("plan rotation {d}/ok.duckdb --out {d}/p --time-limit 0", ("E865", "须大于 0")),
    ("plan rotation {d}/ok.duckdb --out {d}/p --set nonsense", ("E867", "KEY=VALUE")),
    ("plan seats {d}/ok.duckdb --out {d}/p --years 0", ("E865", "须为正整数")),
    ("plan seats {d}/ok.duckdb --out {d}/p --births {d}/tabs.yaml", ("E861", "Tab")),
    ("plan whatif {d}/ok.duckdb {d}/broken.yaml --out {d}/p", ("E861", "broken.yaml")),
    ("plan whatif {d}/ok.duckdb {d}/missing.yaml --out {d}/p", ("E863", "情景", "missing.yaml")),
    ("plan whatif {d}/ok.duckdb {d}/gbk-scenario.yaml --out {d}/p", ("E867", "不存在的学校")),
    ("plan whatif {d}/ok.duckdb {d}/utf16-scenario.yaml --out {d}/p", ("E867", "不存在的学校")),
    ("plan whatif {d}/ok.duckdb {d}/no-plan.yaml --out {d}/p", ("E863", "交流轮岗方案", "nowhere/plan.json")),
    ("plan rerun {d}/no-such-bundle {d}/ok.duckdb", ("E866", "文件夹不存在")),
    ("plan rerun {d}/bundle-less {d}/ok.duckdb", ("E866", "bundle.json")),
    ("plan rerun {d}/broken.yaml {d}/ok.duckdb", ("E866", "不是 youjun 的方案包")),
    ("plan nonsense", ("E865", "nonsense", "rotation", "youjun plan --help")),
    ("nonsense", ("E865", "nonsense", "assess", "youjun --help")),
]


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    try:
        code = main(argv)
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(("line", "words"), CASES, ids=[c[0].replace("{d}/", "") for c in CASES])
def test_bad_arguments_end_in_a_catalogued_message(line: str, words: tuple[str, ...], work: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(work)
    code, text = _run(line.format(d=work).split(), capsys)
    assert "Traceback" not in text
    assert code == 2, text
    for w in words:
        assert w in text, f"{w!r} missing from:\n{text}"


def test_checking_the_output_folder_leaves_nothing_behind(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, text = _run(["assess", str(work / "missing.duckdb"), "--out", str(work / "new" / "deeper")], capsys)
    assert code == 2 and "E860" in text  # refused for its data, after the folder was found writable
    assert not (work / "new").exists()


def test_a_locked_database_is_named_as_in_use(work: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """DuckDB lets one process write: another process holding the file makes `import` say so."""
    db = work / "locked.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb,sys,time; c=duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(db)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        code, text = _run(["import", str(work / "ok.xlsx"), "--db", str(db)], capsys)
    finally:
        holder.kill()
        holder.wait()
    assert "Traceback" not in text and code == 2
    assert "E860" in text and "另一个程序" in text


def test_a_defect_is_one_line_and_a_log_file(work: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """An unexpected exception inside a command is youjun's fault: E869 with the log's path,
    exit 70; the traceback is in the file, not on the screen."""
    import youjun.cli.snapshots_cmd as snapshots_cmd

    def broken(_args: argparse.Namespace) -> int:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(snapshots_cmd, "_list", broken)
    code, text = _run(["snapshots", str(work / "ok.duckdb")], capsys)
    assert code == 70 and "E869" in text and "Traceback" not in text
    log = Path(text.split("已写入 ")[1].split("\n")[0].strip("）) "))
    assert "ZeroDivisionError: boom" in log.read_text(encoding="utf-8")
    log.unlink()


def _subcommands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    found = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found = True
                yield from _subcommands(sub, (*path, name))
    if not found:
        yield path


LEAVES = list(_subcommands(build_parser()))


@pytest.mark.parametrize("command", LEAVES, ids=" ".join)
@pytest.mark.parametrize("junk", [["--no-such-option"], ["--lang"], []], ids=["unknown-option", "no-value", "bare"])
def test_every_command_with_junk_arguments(command: tuple[str, ...], junk: list[str], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Every leaf command, with an unknown option, an option without its value, or nothing at
    all: a message, never a traceback (and nothing started: a bare `serve` is not run)."""
    if command in {("serve",), ("web-demo",)} and not junk:
        pytest.skip("runs a server / loads the demo: not a bad-argument case")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("YOUJUN_DATA_DIR", str(tmp_path / "web"))
    code, text = _run([*command, *junk], capsys)
    assert "Traceback" not in text
    assert code in (0, 1, 2), text


def test_the_console_script_shows_no_traceback(work: Path) -> None:
    exe = Path(sys.executable).with_name("youjun")
    done = subprocess.run([str(exe), "assess", str(work / "not-duckdb.duckdb"), "--out", str(work / "o")],
                          capture_output=True, text=True, timeout=120, env=os.environ | {"PYTHONWARNINGS": "ignore"})
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "E860" in done.stderr



def test_numbers_and_years_as_people_type_them(work: Path) -> None:
    from youjun.cli.failures import non_negative_float, positive_int
    from youjun.cli.snapshots_cmd import resolve, stored

    assert non_negative_float("200万") == 2_000_000 and non_negative_float("1.5亿元") == 150_000_000
    assert non_negative_float("２,５００") == 2500 and positive_int("５") == 5
    with pytest.raises(argparse.ArgumentTypeError):
        positive_int("2.5")
    year = stored(work / "ok.duckdb")[0]["school_year"]
    dashed = year.replace("-", "—")
    assert resolve(work / "ok.duckdb", dashed) == resolve(work / "ok.duckdb", year) is not None
    assert resolve(work / "ok.duckdb", year.replace("-", " 至 ")) is not None


def test_the_default_database(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --db or data, commands use youjun.duckdb here, or the db a youjun.toml names."""
    monkeypatch.chdir(tmp_path)
    write_tables(tiny_district(), tmp_path / "d.xlsx")
    code, text = _run(["snapshots"], capsys)
    assert code == 2 and "E860" in text and "默认数据库不存在" in text
    assert _run(["import", "d.xlsx"], capsys)[0] == 0 and (tmp_path / "youjun.duckdb").exists()
    code, text = _run(["assess", "--out", "o", "--formats", "json"], capsys)
    assert code == 0 and (tmp_path / "o" / "report.json").exists()
    (tmp_path / "youjun.toml").write_text('db = "数据/区县.duckdb"\n', encoding="utf-8")
    assert _run(["import", "d.xlsx"], capsys)[0] == 0
    assert (tmp_path / "数据" / "区县.duckdb").exists()
    code, text = _run(["snapshots"], capsys)
    assert code == 0 and "共 1 个快照" in text
    (tmp_path / "youjun.toml").write_text('db = "unterminated\n', encoding="utf-8")
    code, text = _run(["snapshots"], capsys)
    assert code == 2 and "E861" in text and "youjun.toml" in text
