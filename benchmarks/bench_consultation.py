"""Load benchmark of the consultation platform beside the dashboard, in one run on one server:
the public pages (concern list, an item's timeline, statistics) as anonymous visitors, the
resident's submission form (GET the form, POST a concern), and the assessment dashboard.

    .venv/bin/python -m benchmarks.bench_consultation            # -> benchmarks/results/consultation.json
    .venv/bin/python -m benchmarks.bench_consultation --seconds 5 --clients 1,50

The database is SQLite seeded as the web benchmark seeds it (the S district assessed) plus the
consultation demo year (Rongchang's scale: ~215 activities, ~1,970 participants, ~240 solved).
Each phase runs closed-loop clients without think time (see benchmarks/bench_web.py) against
gunicorn's sync workers on loopback; client and server share the machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

from tests.web.live import ROOT, fresh_database, gunicorn, seed

from benchmarks.bench_web import _read_response, login, summarise

RESULTS = ROOT / "benchmarks" / "results" / "consultation.json"
MAX_REQUESTS = 100_000


def resident_session(base: str) -> tuple[str, str]:
    """A new resident account (the register page), signed in: (cookie header, CSRF token)."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(base + "/consult/register/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
    name = f"bench{random.randrange(10**9)}"
    data = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": name, "password1": "Bench-pass-2026x",
                                   "password2": "Bench-pass-2026x", "phone": "", "town": "昌元街道"}).encode()
    opener.open(urllib.request.Request(base + "/consult/register/", data=data,
                                       headers={"Referer": base + "/consult/register/"}), timeout=30).read()
    cookies = {c.name: c.value for c in jar}
    if "sessionid" not in cookies:
        raise RuntimeError("registering a bench resident did not sign them in")
    return "; ".join(f"{k}={v}" for k, v in cookies.items()), cookies.get("csrftoken", "")


async def _client(host: str, port: int, plan: list[tuple[str, str, str]], cookie: str, csrf: str,
                  stop_at: float, out: list[tuple[str, float, int]], budget: list[int], seed_: int,
                  body_fields: dict[str, str]) -> None:
    rnd = random.Random(seed_)
    reader, writer = await asyncio.open_connection(host, port)
    n = 0
    try:
        while time.perf_counter() < stop_at and budget[0] > 0:
            budget[0] -= 1
            kind, method, path = rnd.choice(plan)
            head = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/html\r\nConnection: keep-alive\r\n"
            if cookie and kind in ("form_get", "form_post", "dashboard"):
                head += f"Cookie: {cookie}\r\n"
            payload = b""
            if method == "POST":
                n += 1
                fields = dict(body_fields, csrfmiddlewaretoken=csrf, title=f"负载测试议题{seed_}-{n}")
                payload = urllib.parse.urlencode(fields).encode()
                head += (f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(payload)}\r\n"
                         f"Referer: http://{host}:{port}{path}\r\n")
            t0 = time.perf_counter()
            if writer.is_closing():
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(head.encode() + b"\r\n" + payload)
            await writer.drain()
            status, _size, keep = await _read_response(reader)
            ok = status == 200 or (method == "POST" and status == 302)
            out.append((kind, time.perf_counter() - t0, 200 if ok else status))
            if not ok:
                break
            if not keep:
                writer.close()
    except (asyncio.IncompleteReadError, ConnectionError):
        out.append(("error", 0.0, 0))
    finally:
        writer.close()


async def _load(url: str, plan: list[tuple[str, str, str]], sessions: list[tuple[str, str]], clients: int,
                seconds: float, body_fields: dict[str, str]) -> tuple[list[tuple[str, float, int]], float]:
    parts = urllib.parse.urlsplit(url)
    out: list[tuple[str, float, int]] = []
    budget = [MAX_REQUESTS]
    t0 = time.perf_counter()
    stop_at = t0 + seconds
    await asyncio.gather(*(_client(parts.hostname or "127.0.0.1", parts.port or 80, plan,
                                   sessions[i % len(sessions)][0], sessions[i % len(sessions)][1], stop_at, out,
                                   budget, i, body_fields) for i in range(clients)))
    return out, time.perf_counter() - t0


def by_kind(samples: list[tuple[str, float, int]], elapsed: float) -> dict[str, Any]:
    summary = summarise(samples, elapsed)
    summary.pop("dashboard", None)
    summary.pop("school", None)
    for kind in sorted({s[0] for s in samples if s[0] != "error"}):
        part = summarise([s for s in samples if s[0] == kind], elapsed)
        summary[kind] = {k: part[k] for k in ("requests", "p50_ms", "p95_ms", "p99_ms", "mean_ms", "max_ms")
                         if k in part}
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", default="1,50")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    levels = [int(x) for x in args.clients.split(",")]
    with tempfile.TemporaryDirectory(prefix="youjun-bench-consult-") as tmp:
        data_dir = Path(tmp)
        database_url = fresh_database("", "youjun_bench", data_dir)
        os.environ["YOUJUN_REPORTS_AT_RUN"] = "json"
        t0 = time.perf_counter()
        env, info = seed(data_dir, database_url, "--assess-year", "2025-2026")
        demo = subprocess.run([sys.executable, "-m", "django", "consultation_demo"], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=900)
        if demo.returncode != 0:
            raise SystemExit(f"seeding the consultation demo failed:\n{demo.stdout}\n{demo.stderr}")
        seed_s = time.perf_counter() - t0
        env["YOUJUN_LOG_LEVEL"] = "WARNING"
        env["YOUJUN_LOGIN_IP_FAILURES"] = "100000"
        with gunicorn(env, workers=args.workers, threads=1) as url:
            numbers = re.findall(r'href="/consult/c/([A-Z]+-\d{4}-\d{4})/"',
                                 urllib.request.urlopen(url + "/consult/", timeout=60).read().decode())
            if not numbers:
                raise SystemExit("the public list shows no concern: is the consultation demo seeded?")
            run = info["run"]
            bureau = login(url, "bureau", info["password"])
            residents = [resident_session(url) for _ in range(8)]
            public = [("list", "GET", "/consult/"), ("stats", "GET", "/consult/stats/")] + \
                [("item", "GET", f"/consult/c/{n}/") for n in numbers]
            public = [p for p in public if p[0] != "item"] * (len(numbers) // 2 or 1) + \
                [p for p in public if p[0] == "item"]
            form_html = urllib.request.urlopen(urllib.request.Request(
                url + "/consult/raise/", headers={"Cookie": residents[0][0]}), timeout=60).read().decode()
            body_code = (re.search(r'name="body"[^>]*>.*?<option value="([^"]+)"', form_html, re.S) or [None, ""])[1]
            category = (re.search(r'name="category"[^>]*>.*?<option value="([^"]+)"', form_html, re.S)
                        or [None, "other"])[1]
            fields = {"body": body_code, "text": "负载测试：这是一条由基准测试提交的议题。", "category": category,
                      "town": "昌元街道"}
            phases: dict[str, Any] = {}
            scenarios = {
                "public_pages": (public, [("", "")]),
                "submission_form": ([("form_get", "GET", "/consult/raise/"), ("form_post", "POST", "/consult/raise/")],
                                    residents),
                "dashboard": ([("dashboard", "GET", f"/runs/{run}/")], [(bureau, "")]),
            }
            for name, (plan, sessions) in scenarios.items():
                asyncio.run(_load(url, plan, sessions, max(levels), min(3.0, args.seconds), fields))  # warm up
                phases[name] = {}
                for n in levels:
                    load_before = os.getloadavg()[0]
                    samples, elapsed = asyncio.run(_load(url, plan, sessions, n, args.seconds, fields))
                    phases[name][str(n)] = by_kind(samples, elapsed) | {"load_average_before": round(load_before, 2)}
                    p = phases[name][str(n)]
                    print(f"{name:>16} {n:>3} clients: {p['throughput_rps']:>7} req/s  p50 {p.get('p50_ms')} ms  "
                          f"p95 {p.get('p95_ms')} ms  errors {p['errors']}", flush=True)
    report = {
        "benchmark": "consultation platform under load beside the dashboard (issue 12)",
        "method": ("closed-loop clients without think time on gunicorn sync workers (as `youjun serve` runs them), "
                   "loopback, SQLite; public pages as anonymous visitors (list, item timelines, statistics); "
                   "the submission form as signed-in residents (half GET of the form, half POST of a new concern, "
                   "each POST a real write with its event and audit rows); the assessment dashboard of the S "
                   "district as the bureau; a warm-up phase before each scenario"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    "when": datetime.now(UTC).isoformat(timespec="seconds")},
        "server": {"gunicorn_workers": args.workers, "worker_class": "sync", "database": "sqlite"},
        "data": {"seed_seconds": round(seed_s, 1), "public_items_probed": len(numbers)},
        "results": phases,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n")
    print(f"-> {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
