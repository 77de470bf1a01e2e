"""Runs a batch engine on Apache Spark: the same pure partition function on one machine or a cluster.

`run_partitions` starts a session (or uses the caller's), lets the caller build the input frame, runs
the engine's partition function over it with `mapInArrow` (Arrow batches in and out, no pandas) and
hands back the result rows: pulled partition by partition in constant memory (`stream=True`), or
collected at once, every partition in parallel. The master is `ZHICHAN_SPARK_MASTER` (default
`local[*]`: every core of this machine; needs Java 17). The Python workers run the interpreter zhichan
is installed in, unless PYSPARK_PYTHON names another: nothing here changes the process environment.
PySpark and PyArrow (the `spark` extra, `make install-spark`) are imported only when a run starts.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

DEFAULT_MASTER = "local[*]"


class SparkError(RuntimeError):
    """The Spark job itself failed (not a bad row): the message says why."""


def spark_available() -> str | None:
    """None when PySpark and Java can run a local Spark; otherwise why not, in Chinese."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "本安装未包含 PySpark"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and Path(java_home, "bin", "java").exists()) and not any(
        Path(folder, "java").exists() for folder in os.environ.get("PATH", "").split(os.pathsep) if folder
    ):
        return "找不到 Java（Spark 需要 Java 17 或以上）"
    return None


def spark_session(app_name: str, *, master: str | None = None, config: Mapping[str, str] | None = None) -> Any:
    """A session on `master` (default `ZHICHAN_SPARK_MASTER`, else every local core), without web UI."""
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master or os.environ.get("ZHICHAN_SPARK_MASTER") or DEFAULT_MASTER)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
    )
    for key, value in (config or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    if not os.environ.get("PYSPARK_PYTHON"):
        # The Python workers must run this interpreter (the one zhichan is installed in), not `python3`:
        # PySpark takes the workers' interpreter from this attribute when it wraps a function.
        session.sparkContext.pythonExec = sys.executable
    return session


def run_partitions(
    source: Callable[[Any], Any],
    partition: Callable[[Iterator[Any]], Iterator[Any]],
    schema: str,
    *,
    app_name: str,
    stream: bool = False,
    session: Any = None,
    config: Mapping[str, str] | None = None,
) -> Iterator[Any]:
    """The rows `partition` makes over the frame that `source(session)` builds, as Spark rows.

    `partition` receives a partition's Arrow record batches and yields record batches of `schema` (a
    Spark DDL string). With `stream`, partitions are computed and pulled one after another
    (`toLocalIterator`, constant memory on the driver); without, all at once (`collect`). A session
    started here is stopped when the rows are exhausted or the iterator is closed; one passed in is
    left running. Any failure of the job is raised as SparkError with its first line.
    """
    own = session is None
    spark = spark_session(app_name, config=config) if own else session
    try:
        frame = source(spark).mapInArrow(partition, schema)
        yield from (frame.toLocalIterator() if stream else frame.collect())
    except Exception as exc:  # Py4J and PySpark raise many types; the first line says what failed
        raise SparkError(f"Spark 作业失败：{str(exc).strip().splitlines()[0][:300]}") from exc
    finally:
        if own:
            spark.stop()
