"""The engines the indicators run on, and everything that differs between them, in one place.

``duckdb`` (the default): an in-memory DuckDB per run; data is read from local paths by
youjun's own readers. ``spark``: a Spark session — ``local[2]`` by default, a cluster URL
(``spark://host:7077``, ``yarn``, ``k8s://…``) or Spark Connect (``sc://host:15002``, through
``SparkSession.builder.remote``). What differs:

* loading a table: DuckDB gets a temporary table; Spark has none, so a temporary view of a
  DataFrame made from Arrow itself (Ibis's own path goes through pandas, where pandas 3 turns a
  missing text into the string "NaN");
* reading: an object-store or HDFS URI (``s3a://``, ``hdfs://``, ``abfss://``, ``gs://``,
  ``file://``) is read by Spark (``spark.read.parquet(URI/<table>)``) and brought to Arrow for
  validation; DuckDB reads local paths only;
* the session settings (``SPARK_SETTINGS``): the tests use the same ones.
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # only for names: which engine a path names is asked before pyarrow is needed
    import pyarrow as pa

ENGINES = ("duckdb", "spark")
DEFAULT_MASTER = "local[2]"
# The session settings of every youjun Spark session (and of the tests' session).
SPARK_SETTINGS: dict[str, str] = {
    "spark.sql.shuffle.partitions": "2",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
}
# Local sessions only: bind to loopback (no hostname warning, nothing listening outside).
LOCAL_SETTINGS: dict[str, str] = {"spark.driver.host": "127.0.0.1"}
URI_RE = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*)://")
_MASTER_RE = re.compile(
    r"^(local(\[(\d+|\*)(,\d+)?\])?|local-cluster\[\d+,\d+,\d+\]|yarn|"
    r"(spark|mesos|k8s|sc)://\S+)$")
INSTALL_HINT = ("请安装 spark 扩展：pip install 'youjun[spark]'，并安装 Java 17（scripts/install-system-deps.sh）",
                "install the spark extra: pip install 'youjun[spark]', and Java 17 "
                "(scripts/install-system-deps.sh)")


class EngineUnavailable(Exception):
    """The engine asked for cannot be used here; ``zh``/``en`` say why and what to do.
    ``argument`` names the option at fault (--engine, --master or the data)."""

    def __init__(self, argument: str, value: str, zh: str, en: str) -> None:
        super().__init__(en)
        self.argument, self.value, self.zh, self.en = argument, value, zh, en


def uri_scheme(data: str) -> str | None:
    """The scheme of a URI (``s3a``, ``hdfs``…), None for a local path."""
    m = URI_RE.match(str(data))
    return m.group(1).lower() if m else None


def check_master(master: str) -> None:
    """A master URL Spark understands, refused before a JVM is started."""
    if not _MASTER_RE.match(master):
        raise EngineUnavailable(
            "--master", master,
            "不是 Spark 的 master 地址（可用 local[2]、spark://主机:7077、yarn、k8s://…，"
            "或 Spark Connect 的 sc://主机:15002）",
            "it is not a Spark master URL (use local[2], spark://host:7077, yarn, k8s://…, "
            "or Spark Connect's sc://host:15002)")


def under_spark_submit() -> bool:
    """Whether this process is a driver started by ``spark-submit`` (its JVM is already
    running, with the master and settings given to spark-submit)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


def spark_session(master: str | None = None, app_name: str = "youjun") -> Any:
    """A Spark session on ``master`` (``local[2]`` by default; ``sc://`` is Spark Connect).
    Started by spark-submit and given no master, the session spark-submit configured."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineUnavailable("--engine", "spark", f"未安装 pyspark：{INSTALL_HINT[0]}",
                                f"pyspark is not installed: {INSTALL_HINT[1]}") from exc
    if master is None and under_spark_submit():
        session = SparkSession.builder.appName(app_name).getOrCreate()
        for key, value in SPARK_SETTINGS.items():
            if key.startswith("spark.sql."):  # runtime settings; the others are spark-submit's
                session.conf.set(key, value)
        return session
    master = master or DEFAULT_MASTER
    check_master(master)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # loopback only, and no hostname warning
    builder = SparkSession.builder.appName(app_name)
    builder = builder.remote(master) if master.startswith("sc://") else builder.master(master)
    settings = SPARK_SETTINGS | (LOCAL_SETTINGS if master.startswith("local") else {})
    for key, value in settings.items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # no Java, a cluster that does not answer, a refused connection
        text = " ".join(str(exc).split())[:300]
        if "JAVA_GATEWAY_EXITED" in text or "JAVA_HOME" in text or ("java" in text.lower() and "not found" in text):
            raise EngineUnavailable("--engine", "spark", f"无法启动 Java：{INSTALL_HINT[0]}",
                                    f"Java cannot be started: {INSTALL_HINT[1]}") from exc
        raise EngineUnavailable("--master", master, f"无法连接 Spark（{text}）",
                                f"Spark cannot be reached ({text})") from exc
    if hasattr(session, "sparkContext") and master.startswith("local"):
        session.sparkContext.setLogLevel("ERROR")
    return session


def connect(engine: str, master: str | None = None) -> Any:
    """An Ibis backend for ``engine``: None for DuckDB (each run makes its in-memory database)."""
    if engine == "duckdb":
        if master:
            raise EngineUnavailable("--master", master, "只用于 --engine spark",
                                    "it is used with --engine spark only")
        return None
    if engine == "spark":
        session = spark_session(master)
        import ibis

        return ibis.pyspark.connect(session)
    raise EngineUnavailable("--engine", engine, "可选 duckdb 或 spark", "choose duckdb or spark")


def load_table(backend: Any, name: str, arrow: pa.Table) -> Any:
    """``arrow`` registered under ``name``: a temporary table (DuckDB), a temporary view (Spark)."""
    if backend.name == "pyspark":
        backend._session.createDataFrame(arrow).createOrReplaceTempView(name)
        return backend.table(name)
    return backend.create_table(name, arrow, temp=True, overwrite=True)


def read_uri_tables(session: Any, uri: str, table_keys: list[str],
                    districts: list[str] | None = None) -> dict[str, pa.Table]:
    """Each table of a partitioned Parquet dataset at ``uri`` (``URI/<table>/district=CODE/``),
    read by Spark and brought to Arrow; only ``districts`` when given. A table whose folder is
    not there is left out (validation then says it is missing)."""
    from pyspark.sql import functions as F

    out: dict[str, pa.Table] = {}
    base = uri.rstrip("/")
    for key in table_keys:
        try:
            frame = session.read.parquet(f"{base}/{key}")
        except Exception as exc:  # Spark's AnalysisException: PATH_NOT_FOUND
            if "PATH_NOT_FOUND" in str(exc) or "does not exist" in str(exc):
                continue
            raise
        if "district" in frame.columns and districts is not None:
            frame = frame.where(F.col("district").cast("string").isin(list(districts)))
        out[key] = _to_arrow(frame)
    return out


def uri_districts(session: Any, uri: str) -> list[str]:
    """The district codes of a partitioned dataset at ``uri`` (its ``districts`` table)."""
    frame = session.read.parquet(f"{uri.rstrip('/')}/districts")
    column = "district" if "district" in frame.columns else "district_code"
    return sorted({str(r[0]) for r in frame.select(column).distinct().collect()})


def _to_arrow(frame: Any) -> pa.Table:
    if hasattr(frame, "toArrow"):  # Spark 4
        return frame.toArrow()
    import pyarrow as pa

    return pa.Table.from_pandas(frame.toPandas(), preserve_index=False)


__all__ = ["DEFAULT_MASTER", "ENGINES", "SPARK_SETTINGS", "EngineUnavailable", "check_master", "connect",
           "load_table", "read_uri_tables", "spark_session", "under_spark_submit", "uri_districts", "uri_scheme"]
