"""`youjun web-demo` and `youjun web-user` on a fresh data directory (in a subprocess)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.web.live import ROOT, fresh_database


@pytest.mark.slow
def test_web_demo_loads_the_sample_and_prints_the_logins(tmp_path: Path) -> None:
    url = fresh_database(os.environ.get("DATABASE_URL", ""), "youjun_cli_demo", tmp_path)
    env = os.environ | {"YOUJUN_DATA_DIR": str(tmp_path), "DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src")}
    run = [sys.executable, "-m", "youjun.cli.serve_cmd"]
    out = subprocess.run([*run, "web-demo", "--no-assess"], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    assert "youjun-demo-2025" in out.stdout and "bureau" in out.stdout and "http://127.0.0.1:8000/" in out.stdout
    assert "永川区 2025-2026: 186 schools" in out.stdout
    # pupil and school evaluation at the officer's school: pupils, a head teacher and a parent
    assert "480 pupils with fitness results" in out.stdout and " teacher " in out.stdout and " parent " in out.stdout
    again = subprocess.run([*run, "web-demo", "--no-assess"], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=600)
    assert again.returncode == 0 and "schools," not in again.stdout  # idempotent: nothing loaded twice
    user = subprocess.run([*run, "web-user", "zhang", "--role", "district_analyst", "--district", "500118"],
                          cwd=ROOT, env=env | {"YOUJUN_PASSWORD": "a-long-password-1"}, capture_output=True,
                          text=True, timeout=120)
    assert user.returncode == 0 and "zhang" in user.stdout, user.stderr
