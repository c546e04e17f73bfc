"""Reliability under load: pages and uploads together, with the server's memory watched.

    .venv/bin/python -m benchmarks.bench_reliability                 # -> benchmarks/results/reliability.json
    .venv/bin/python -m benchmarks.bench_reliability --seconds 20 --clients 50 --uploaders 2

The server runs as ``youjun serve --workers 4`` runs it (gunicorn sync workers on 127.0.0.1),
on SQLite, seeded with the S district assessed (as ``benchmarks.bench_web``). For ``--seconds``,
``--clients`` closed-loop clients ask for the district dashboard and school pages, and
``--uploaders`` of them instead upload the S workbook (a real 2025-2026 year of 186 schools)
through the API again and again, each validated in full as a bureau's would be. Every second
the resident memory of the server's whole process tree (master, workers and any child that
reads an upload) is sampled. The figures: p50/p95 per kind, errors (anything but the expected
status), memory at the start, the end and the peak, and the slope of memory over the run (a leak
shows as a steady climb). Beside them, the earlier page-only figures of ``web.json`` at the same
concurrency.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.web.live import ROOT, fresh_database, gunicorn, seed

from benchmarks.bench_web import _read_response, login, percentile

RESULTS = ROOT / "benchmarks" / "results" / "reliability.json"
WEB_RESULTS = ROOT / "benchmarks" / "results" / "web.json"
USERS = ("bureau", "analyst", "inspector", "admin")


# -- memory of the server's process tree -----------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _server_pid(port: int) -> int:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmd = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ")
            except OSError:
                continue
            if b"gunicorn" in cmd and f"127.0.0.1:{port}".encode() in cmd:
                return int(entry)
    raise RuntimeError("the server process was not found")


def tree_pids(root: int) -> list[int]:
    tree = _children()
    todo, seen = [root], []
    while todo:
        pid = todo.pop()
        seen.append(pid)
        todo.extend(tree.get(pid, []))
    return seen


async def _sample_memory(root: int, stop_at: float, out: list[tuple[float, float, int, float]], t0: float) -> None:
    """Each second: (time, MB of the whole tree, processes, MB of the master and workers alone).

    The workers live for the whole run (a leak shows in them); the readers of uploads are child
    processes that come and go, so the tree's total jumps with each upload."""
    workers = set(tree_pids(root))
    while time.perf_counter() < stop_at:
        pids = tree_pids(root)
        rss = {p: _rss_kb(p) / 1024 for p in pids}
        out.append((time.perf_counter() - t0, sum(rss.values()), len(pids),
                    sum(v for p, v in rss.items() if p in workers)))
        await asyncio.sleep(1.0)


# -- clients ---------------------------------------------------------------------------------------

async def _page_client(host: str, port: int, cookie: str, paths: list[tuple[str, str]], stop_at: float,
                       out: list[tuple[str, float, int]], seed_: int) -> None:
    rnd = random.Random(seed_)
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            kind, path = rnd.choice(paths)
            t0 = time.perf_counter()
            if writer.is_closing():
                reader, writer = await asyncio.open_connection(host, port)
            writer.write((f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nCookie: {cookie}\r\n"
                          "Accept: text/html\r\nConnection: keep-alive\r\n\r\n").encode())
            await writer.drain()
            status, _size, keep = await _read_response(reader)
            out.append((kind, time.perf_counter() - t0, status))
            if not keep:
                writer.close()
    except (asyncio.IncompleteReadError, ConnectionError) as exc:
        out.append((f"error:{type(exc).__name__}", 0.0, 0))
    finally:
        writer.close()


def _multipart(filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = "youjunbench" + os.urandom(8).hex()
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\n"
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n").encode()
    return head + content + f"\r\n--{boundary}--\r\n".encode(), boundary


async def _upload_client(host: str, port: int, token: str, district: str, workbook: Path, stop_at: float,
                         out: list[tuple[str, float, int]]) -> None:
    body, boundary = _multipart("upload.xlsx", workbook.read_bytes())
    while time.perf_counter() < stop_at:
        t0 = time.perf_counter()
        try:
            reader, writer = await asyncio.open_connection(host, port)
            writer.write((f"POST /api/districts/{district}/uploads HTTP/1.1\r\nHost: {host}:{port}\r\n"
                          f"Authorization: Bearer {token}\r\nContent-Length: {len(body)}\r\n"
                          f"Content-Type: multipart/form-data; boundary={boundary}\r\nConnection: close\r\n\r\n"
                          ).encode() + body)
            await writer.drain()
            status, _size, _keep = await _read_response(reader)
            writer.close()
        except (asyncio.IncompleteReadError, ConnectionError) as exc:
            out.append((f"error:{type(exc).__name__}", 0.0, 0))
            continue
        out.append(("upload", time.perf_counter() - t0, status))


async def _load(url: str, cookies: list[str], paths: list[tuple[str, str]], clients: int, uploaders: int,
                token: str, workbook: Path, seconds: float, server: int) -> tuple[list[Any], list[Any], float]:
    parts = urllib.parse.urlsplit(url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    samples: list[tuple[str, float, int]] = []
    memory: list[tuple[float, float, int, float]] = []
    t0 = time.perf_counter()
    stop_at = t0 + seconds
    jobs = [_sample_memory(server, stop_at, memory, t0)]
    jobs += [_upload_client(host, port, token, "500118", workbook, stop_at, samples) for _ in range(uploaders)]
    jobs += [_page_client(host, port, cookies[i % len(cookies)], paths, stop_at, samples, i)
             for i in range(clients - uploaders)]
    await asyncio.gather(*jobs)
    return samples, memory, time.perf_counter() - t0


# -- figures ---------------------------------------------------------------------------------------

EXPECTED = {"dashboard": 200, "school": 200, "upload": 201}


def _stats(ms: list[float]) -> dict[str, Any]:
    if not ms:
        return {"requests": 0}
    return {"requests": len(ms), "p50_ms": round(percentile(ms, 50), 1), "p95_ms": round(percentile(ms, 95), 1),
            "p99_ms": round(percentile(ms, 99), 1), "max_ms": round(max(ms), 1)}


def _slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope (MB per minute) of memory over time."""
    if len(points) < 3:
        return 0.0
    n = len(points)
    mx = sum(p[0] for p in points) / n
    my = sum(p[1] for p in points) / n
    var = sum((p[0] - mx) ** 2 for p in points)
    return 60 * sum((p[0] - mx) * (p[1] - my) for p in points) / var if var else 0.0


def summarise(samples: list[tuple[str, float, int]], memory: list[tuple[float, float, int, float]],
              elapsed: float) -> dict[str, Any]:
    errors: dict[str, int] = {}
    for kind, _t, status in samples:
        if EXPECTED.get(kind) != status:
            key = f"{kind}:{status}"
            errors[key] = errors.get(key, 0) + 1
    by_kind = {k: _stats([t * 1000 for kind, t, s in samples if kind == k and s == EXPECTED[k]]) for k in EXPECTED}
    pages = [t * 1000 for kind, t, s in samples if kind in ("dashboard", "school") and s == 200]
    mb = [m[1] for m in memory]
    workers = [m[3] for m in memory]
    # the first 10 % is the warm-up; the slope is judged on the rest, on the long-lived processes
    steady = [(t, w) for t, _m, _n, w in memory if t >= elapsed * 0.1]
    return {
        "seconds": round(elapsed, 1), "errors": sum(errors.values()), "errors_by_kind": errors,
        "pages": _stats(pages), **by_kind,
        "throughput_rps": round(len(pages) / elapsed, 1),
        "memory_mb": {
            "workers_start": round(workers[0], 1) if workers else None,
            "workers_end": round(workers[-1], 1) if workers else None,
            "workers_peak": round(max(workers), 1) if workers else None,
            "workers_slope_mb_per_min_after_warmup": round(_slope(steady), 1),
            # the per-process page cache fills during the first minute; a leak keeps climbing after
            "workers_slope_mb_per_min_second_half": round(_slope([(t, w) for t, _m, _n, w in memory
                                                                   if t >= elapsed / 2]), 1),
            "tree_peak_with_upload_readers": round(max(mb), 1) if mb else None,
            "processes_max": max((m[2] for m in memory), default=0), "samples": len(mb)},
    }


def earlier(clients: int) -> dict[str, Any]:
    """The page-only figures of the web benchmark at the same concurrency, for comparison."""
    try:
        data = json.loads(WEB_RESULTS.read_text())
        phase = data["results"]["sqlite"]["concurrency"][str(clients)]
        return {"when": data["machine"]["when"], "p50_ms": phase["p50_ms"], "p95_ms": phase["p95_ms"],
                "throughput_rps": phase["throughput_rps"], "errors": phase["errors"], "uploads": "none"}
    except (OSError, KeyError, ValueError):
        return {}


def _token(env: dict[str, str]) -> str:
    code = ("import django; django.setup()\n"
            "from youjun.web.apps.platform.models import User\n"
            "from youjun.web.apps.platform.services import create_token\n"
            "print(create_token(User.objects.get(username='bureau'), 'bench')[1])\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         check=True, timeout=120)
    return out.stdout.strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--uploaders", type=int, default=2, help="how many of the clients upload instead")
    parser.add_argument("--seconds", type=float, default=120.0, help="60 s is the aim; the second minute shows "
                        "whether memory settles once the page caches are full")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="youjun-bench-rel-") as tmp:
        data_dir = Path(tmp)
        os.environ["YOUJUN_REPORTS_AT_RUN"] = "json"
        env, info = seed(data_dir, fresh_database("", "", data_dir), "--assess-year", "2025-2026")
        env["YOUJUN_LOG_LEVEL"] = "WARNING"
        token = _token(env)
        workbook = Path(info["clean"])
        with gunicorn(env, workers=args.workers, threads=1) as url:
            port = urllib.parse.urlsplit(url).port or 80
            server = _server_pid(port)
            cookies = [login(url, u, info["password"]) for u in USERS]
            run = info["run"]
            result = json.loads(urllib.request.urlopen(urllib.request.Request(
                f"{url}/api/runs/{run}/result", headers={"Cookie": cookies[0]}), timeout=60).read())
            codes = sorted({s["code"] for s in result["schools"]})
            paths = [("dashboard", f"/runs/{run}/")] * len(codes) + [("school", f"/runs/{run}/s/{c}/") for c in codes]
            asyncio.run(_load(url, cookies, paths, 8, 0, token, workbook, 3.0, server))  # warm every worker
            samples, memory, elapsed = asyncio.run(_load(url, cookies, paths, args.clients, args.uploaders, token,
                                                         workbook, args.seconds, server))
    figures = summarise(samples, memory, elapsed)
    report = {
        "benchmark": "reliability under load: pages and uploads together, server memory watched (issue 9)",
        "aim": "0 errors, memory steady (no climb after warm-up) at 50 clients for 60 s with uploads",
        "method": (f"{args.clients} closed-loop clients for {args.seconds:.0f} s against gunicorn "
                   f"({args.workers} sync workers, SQLite): {args.clients - args.uploaders} on the dashboard and "
                   f"school pages of the assessed S district, {args.uploaders} uploading the S workbook "
                   f"({workbook.stat().st_size if workbook.exists() else 0} bytes) through the API, each upload "
                   "validated in full; memory = resident set of the server's whole process tree, sampled each second"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "when": datetime.now(UTC).isoformat(timespec="seconds")},
        "result": figures,
        "earlier_pages_only_same_clients": earlier(args.clients),
        "memory_timeline_mb": [[round(t, 1), round(w, 1), round(m, 1)] for t, m, _n, w in memory],
        "memory_timeline_columns": ["seconds", "master and workers MB", "whole tree MB (with upload readers)"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    r = figures
    print(f"pages p50 {r['pages'].get('p50_ms')} ms p95 {r['pages'].get('p95_ms')} ms; uploads "
          f"{r['upload'].get('requests')} p50 {r['upload'].get('p50_ms')} ms; errors {r['errors']} "
          f"{r['errors_by_kind']}; memory {r['memory_mb']}")
    print(f"-> {args.out}")


if __name__ == "__main__":
    main()
