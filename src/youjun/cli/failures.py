"""The command line never ends in a traceback.

Three guards, from the outside in:

* ``BilingualParser`` — argparse's own errors (a missing argument, a wrong choice) in Chinese
  with English, as catalogued problem E865, exit status 2.
* argument types (``positive_int``, ``non_negative_float`` …) — a value that cannot be right
  (``--years 0``, ``--budget -5``) refused before any work, E864.
* ``run_guarded`` — what a command raises is turned into catalogued problems: the catalogue's
  own ``YoujunError``, a rule-set error (R1xx), a database that cannot be opened (E860), a file
  that is missing (E863). Anything else is a defect in youjun: one line (E869) naming a log file
  that holds the traceback, exit status 70, so a person is never shown Python internals.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

from youjun.core.errors import Location, Problem, YoujunError, problem

USER_ERROR = 2  # the person can fix it
INTERNAL_ERROR = 70  # EX_SOFTWARE: a defect in youjun

# argparse's English messages -> Chinese (the English is kept beside it)
_ARGPARSE_ZH: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), z) for p, z in (
    (r"^the following arguments are required: (.+)$", r"缺少必需的参数：\1"),
    (r"^unrecognized arguments: (.+)$", r"无法识别的参数：\1"),
    (r"^argument (\S+): invalid choice: (.+?) \(choose from (.+)\)$", r"参数 \1 的取值 \2 无效（可选：\3）"),
    (r"^argument (\S+): invalid int value: (.+)$", r"参数 \1 的取值 \2 不是整数"),
    (r"^argument (\S+): invalid float value: (.+)$", r"参数 \1 的取值 \2 不是数字"),
    (r"^argument (\S+): expected one argument$", r"参数 \1 后面需要一个取值"),
    (r"^argument (\S+): (.+) / (.+)$", r"参数 \1：\2"),  # our own types: "zh / en"
    (r"^argument (\S+): (.+)$", r"参数 \1：\2"),
))


def argparse_zh(message: str) -> str:
    for pattern, zh in _ARGPARSE_ZH:
        if pattern.match(message):
            return pattern.sub(zh, message)
    return message


def _english(message: str) -> str:
    """Our own type errors say "zh / en": keep the English half for the English line."""
    m = re.match(r"^(argument \S+: ).+ / (.+)$", message)
    return m.group(1) + m.group(2) if m else message


class BilingualParser(argparse.ArgumentParser):
    """argparse with its errors said in Chinese and English through the catalogue (E865)."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        p = problem("E865", Location(), message, detail=argparse_zh(message), detail_en=_english(message),
                    command=self.prog)
        print_problems([p], _lang_from_argv(), stream=sys.stderr)
        raise SystemExit(USER_ERROR)


def _lang_from_argv() -> str:
    argv = sys.argv[1:]
    for i, a in enumerate(argv):
        if a == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1] == "en" else "zh"
        if a.startswith("--lang="):
            return "en" if a == "--lang=en" else "zh"
    return "zh"


# --- argument types: each message is "zh / en" (argparse shows it after "argument --x: ")

_MULTIPLIERS = (("亿元", 1e8), ("万元", 1e4), ("亿", 1e8), ("万", 1e4), ("元", 1.0))


def _number(text: str, kind: Callable[[float], Any], zh: str, en: str) -> Any:
    """A number as people type it: thousands separators, full-width digits, "200万", "1.5亿元"."""
    import unicodedata

    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    factor = 1.0
    for suffix, times in _MULTIPLIERS:
        if cleaned.endswith(suffix) and len(cleaned) > len(suffix):
            cleaned, factor = cleaned[: -len(suffix)], times
            break
    try:
        value = float(cleaned) * factor
        if kind is int:
            if not value.is_integer():
                raise ValueError(text)
            return int(value)
        return kind(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是{zh} / '{text}' is not {en}") from None


def positive_int(text: str) -> int:
    value = int(_number(text, int, "整数", "a whole number"))
    if value < 1:
        raise argparse.ArgumentTypeError(f"须为正整数（至少 1），不能是 {value} / must be at least 1, not {value}")
    return value


def non_negative_int(text: str) -> int:
    value = int(_number(text, int, "整数", "a whole number"))
    if value < 0:
        raise argparse.ArgumentTypeError(f"不能为负数（{value}） / cannot be negative ({value})")
    return value


def non_negative_float(text: str) -> float:
    value = float(_number(text, float, "数字", "a number"))
    if not value >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"不能为负数（{text}） / cannot be negative ({text})")
    return value


def positive_float(text: str) -> float:
    value = float(_number(text, float, "数字", "a number"))
    if not value > 0:
        raise argparse.ArgumentTypeError(f"须大于 0（{text}） / must be more than 0 ({text})")
    return value


# --- printing

def problem_line(p: Problem, lang: str) -> str:
    """One problem as the CLI prints it: code, where (工作表“学校”单元格 B5（第5行，“学校名称”列）
    for a cell of a sheet), what, and what to do. The one line of every command (data and others)."""
    from youjun.ingest.places import file_name, where

    loc = p.location
    message = p.message(lang)
    place = where(loc, p.rule, lang)
    if loc.file and not loc.sheet and loc.row is None and file_name(loc.file) in message:
        place = ""  # the message names its file already (E101, E107, E860 …)
    elif loc.row is not None and not loc.sheet and not loc.cell and (
            f"第{loc.row}行" in message or f"line {loc.row}" in message):
        place = where(Location(file=loc.file if loc.file not in message else "", column=loc.column), p.rule, lang)
    sev = {"error": ("错误", "ERROR"), "warning": ("警告", "WARNING")}[str(p.severity)]
    label = sev[0] if lang == "zh" else sev[1]
    colon = "：" if lang == "zh" else ": "
    head = f"[{p.code} {label}] " + (place + colon if place else "") + message
    todo = ("  → 怎么办：" if lang == "zh" else "  → what to do: ") + p.hint(lang)
    return f"{head}\n{todo}"


def print_problems(problems: list[Problem], lang: str, stream: Any = None) -> None:
    out = stream or sys.stderr
    for p in problems:
        print(problem_line(p, lang), file=out)


# --- the guard around every command

def _database_arg(args: argparse.Namespace) -> str:
    for name in ("db", "data", "path"):
        value = getattr(args, name, None)
        if value:
            return str(value)
    return ""


_DUCKDB_REASONS = (
    ("not a valid DuckDB database", "不是 DuckDB 数据库文件", "it is not a DuckDB database file"),
    ("Is a directory", "这是一个文件夹，不是数据库文件", "it is a folder, not a database file"),
    ("database does not exist", "文件不存在", "the file does not exist"),
    ("Conflicting lock", "数据库正被另一个程序使用（已加锁）", "another program is using it (locked)"),
    ("Could not set lock", "数据库正被另一个程序使用（已加锁）", "another program is using it (locked)"),
    ("Permission denied", "没有读写权限", "permission denied"),
)


def database_problem(exc: Exception, path: str) -> Problem:
    text = str(exc)
    for needle, zh, en in _DUCKDB_REASONS:
        if needle in text:
            return problem("E860", Location(file=path), path, file=path, detail=zh + f"（{en}）")
    first = text.splitlines()[0] if text else type(exc).__name__
    return problem("E860", Location(file=path), path, file=path, detail=first)


def _rules_problem(exc: Any) -> list[str]:
    return [f"[{exc.code} 错误] {exc.message('zh')}\n  → 怎么办：{exc.hint('zh')}",
            f"[{exc.code} ERROR] {exc.message('en')}\n  → what to do: {exc.hint('en')}"]


def _internal(exc: BaseException) -> Problem:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    log = Path(tempfile.gettempdir()) / f"youjun-error-{stamp}.log"
    try:
        log.write_text("youjun " + " ".join(sys.argv[1:]) + "\n\n" + "".join(traceback.format_exception(exc)),
                       encoding="utf-8")
        where = str(log)
    except OSError:
        where = "—"
    detail = type(exc).__name__
    return problem("E869", Location(), detail, detail=detail, file=where)


def _duckdb_errors() -> tuple[type[Exception], ...]:
    """DuckDB's error class once a command has loaded DuckDB (none can be raised before): so
    that a command that never opens a database does not import it (~65 ms of start-up)."""
    duckdb = sys.modules.get("duckdb")
    return (duckdb.Error,) if duckdb is not None else ()


BROKEN_PIPE = 141  # 128 + SIGPIPE, what a command killed by the signal exits with


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush of what the closed pipe
    did not take does not fail again at exit."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def run_guarded(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command; every failure ends as catalogued problems on stderr and an exit status."""
    from youjun.core.rule_errors import RulesError

    lang = getattr(args, "lang", None) or "zh"
    try:
        return int(func(args))
    except YoujunError as exc:
        print_problems(exc.problems, lang)
        return USER_ERROR
    except RulesError as exc:
        for line in _rules_problem(exc):
            print(line, file=sys.stderr)
        return USER_ERROR
    except _duckdb_errors() as exc:
        print_problems([database_problem(exc, _database_arg(args))], lang)
        return USER_ERROR
    except FileNotFoundError as exc:
        from youjun.plan.userfiles import missing
        print_problems(missing(exc.filename or str(exc), "").problems, lang)
        return USER_ERROR
    except KeyboardInterrupt:
        print("已中断" if lang == "zh" else "interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of the output left (`youjun validate F | head`): not a defect
        _quiet_stdout()
        return BROKEN_PIPE
    except Exception as exc:  # a defect: say so plainly, keep the traceback in a file
        print_problems([_internal(exc)], lang)
        return INTERNAL_ERROR
