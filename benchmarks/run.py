"""Run every benchmark (``make bench``): each ``benchmarks/bench_*.py`` in its own process with its
default cases, one after another (they time themselves side by side with their baselines and
floors and write ``benchmarks/results/<name>.json``). A failing benchmark does not stop the
others; the exit status says whether all of them ran.

    python -m benchmarks.run                 # all
    python -m benchmarks.run fitness plan    # only these (names without the bench_ prefix)
    python -m benchmarks.run --list
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def benchmarks() -> list[str]:
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def compile_bytecode() -> None:
    """The project's modules compiled once, as an installed package has them: the package is
    installed in editable mode, and where PYTHONDONTWRITEBYTECODE is set (containers, some CI)
    every `youjun` process would otherwise compile ~1 s of source before it starts."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "src")], check=True,
                   stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    known = benchmarks()
    if args.list:
        print("\n".join(known))
        return 0
    unknown = sorted(set(args.names) - set(known))
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(known)}")
    compile_bytecode()
    failed: list[str] = []
    for name in args.names or known:
        print(f"== bench_{name} ==", flush=True)
        began = time.perf_counter()
        code = subprocess.run([sys.executable, "-m", f"benchmarks.bench_{name}"], cwd=HERE.parent).returncode
        print(f"== bench_{name}: {'ok' if code == 0 else f'exit {code}'} in {time.perf_counter() - began:,.0f} s ==",
              flush=True)
        if code != 0:
            failed.append(name)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
