"""`youjun assess --engine spark` as a driver program started by spark-submit (as on a
cluster's edge node): the session is the one spark-submit configured, and the figures are
those of DuckDB."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import youjun.cli.main as cli_main
from youjun.cli.main import main

pytestmark = pytest.mark.slow
pytest.importorskip("pyspark.sql")
SPARK_SUBMIT = Path(sys.executable).with_name("spark-submit")


def _figures(out: Path) -> dict[str, object]:
    found = {}
    for path in sorted(out.glob("*/report.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        found[path.parent.name] = (result["verdict"]["passes"], result["levels"], result["run"]["data_hash"])
    return found


@pytest.mark.skipif(not SPARK_SUBMIT.exists() or not (shutil.which("java") or os.environ.get("JAVA_HOME")),
                    reason="spark-submit or Java is not installed")
def test_spark_submit_runs_the_command_on_its_own_session(tmp_path: Path) -> None:
    data = tmp_path / "m2"
    assert main(["sample", "M", "--districts", "2", "--scale", "0.1", "--out", str(data)]) == 0
    assert main(["assess", str(data), "--out", str(tmp_path / "duck"), "--formats", "json"]) == 0
    env = {**os.environ, "PYSPARK_PYTHON": sys.executable}
    done = subprocess.run(
        [str(SPARK_SUBMIT), "--master", "local[1]", "--conf", "spark.ui.enabled=false", cli_main.__file__,
         "assess", str(data), "--engine", "spark", "--out", str(tmp_path / "spark"), "--formats", "json"],
        env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    # spark-submit's master, not youjun's default local[2] (the driver's output reaches stdout)
    assert "计算引擎：Spark" in done.stdout and "（local[1]）" in done.stdout
    assert _figures(tmp_path / "spark") == _figures(tmp_path / "duck")
    assert len(_figures(tmp_path / "duck")) == 2
