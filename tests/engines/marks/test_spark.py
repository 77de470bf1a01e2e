"""The Spark engine runs the same screening as the local engine (PySpark in local mode, about 20 s)."""

import csv
import importlib.util
import os
import shutil

import pytest

from zhichan.engines.marks.cli import main

pytestmark = [pytest.mark.slow, pytest.mark.spark]


def test_spark_engine_gives_the_local_alerts(tmp_path):
    if importlib.util.find_spec("pyspark") is None or shutil.which("java") is None:
        pytest.skip("the Spark engine needs pyspark and a Java runtime")
    protected = tmp_path / "p.csv"
    protected.write_text("id,mark,classes\nP1,康师傅,30\nP2,雪碧,3202\nP3,王老吉,\nP4,华为,9\n", encoding="utf-8")
    filings = tmp_path / "f.csv"
    filings.write_text("id,mark\nF1,康帅傅\nF2,雷碧\nF3,加多宝\nF4,广州王老吉凉茶\nF5,HUAWEI\n", encoding="utf-8")
    outputs = {}
    names = ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON", "ZHICHAN_SPARK_MASTER")
    environment = {name: os.environ.get(name) for name in names}
    for engine in ("local", "spark"):
        out = tmp_path / f"{engine}.csv"
        args = ["screen", "--protected", str(protected), "--filings", str(filings), "--out", str(out)]
        assert main([*args, "--engine", engine, "--workers", "2"]) == 0
        outputs[engine] = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert outputs["spark"] == outputs["local"]
    # The workers' interpreter is set on the session, not in os.environ (PySpark sets SPARK_* itself).
    assert {name: os.environ.get(name) for name in names} == environment
    assert [row[:2] for row in outputs["spark"][1:]] == [
        ["F1", "P1"],
        ["F2", "P2"],
        ["F4", "P3"],
        ["F5", "P4"],
    ]
