"""The command line imports only the module of the command it runs, and the list that says
which module registers which command is true (a command missing from it would be unknown)."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from youjun.cli.main import COMMANDS, build_parser, main, modules_for


@pytest.mark.parametrize("module", list(COMMANDS))
def test_each_module_registers_the_commands_listed_for_it(module: str) -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(module).register(sub)
    assert tuple(sub.choices) == COMMANDS[module]


def test_a_command_line_needs_only_its_module_and_help_needs_all() -> None:
    assert modules_for(["assess", "data", "--out", "x"]) == ("youjun.cli.assess_cmd",)
    assert modules_for(["web-user", "--help"]) == ("youjun.cli.serve_cmd",)
    assert modules_for(["--version"]) == ()
    for words in ([], ["--help"], ["asess"]):
        assert modules_for(words) == tuple(COMMANDS)


def test_the_full_parser_offers_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    parser = build_parser()
    choices = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    assert sorted(choices) == sorted(n for names in COMMANDS.values() for n in names)
    with pytest.raises(SystemExit):
        main(["asess"])  # a misspelt command is refused with the list of every command
    err = capsys.readouterr().err
    assert "assess" in err and "fitness" in err


def _modules_loaded_by(words: list[str]) -> list[str]:
    """The data libraries a fresh interpreter holds after ``youjun WORDS``."""
    code = ("import sys; from youjun.cli.main import main\n"
            f"try:\n    main({words!r})\nexcept SystemExit:\n    pass\n"
            "print('LOADED', *sorted(m for m in ('pandas', 'ibis', 'django', 'duckdb') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return out.rsplit("LOADED", 1)[1].split()


def test_version_imports_no_data_library() -> None:
    assert _modules_loaded_by(["--version"]) == []


def test_rules_list_runs_without_the_assessment_engine() -> None:
    assert "ibis" not in _modules_loaded_by(["rules", "list"])
