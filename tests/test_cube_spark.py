"""The README's cube SQL, run by Spark itself: its cube gives the deck the raw rows and DuckDB's cube give.

Spark starts in local mode (one JVM, no cluster), bound to the loopback address with its UI off,
so nothing listens beyond this machine. It costs about half a minute (most of it the JVM start),
so it has its own mark: `pytest -m spark` runs it alone, `-m "not spark"` leaves it out. CI runs it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from storykit.cli import main as storykit
from tests.conftest import ROOT, require_module, require_tool
from tests.deck_outline import titles_charts_notes
from tests.test_cube_input import cube_from_sql, raw_csv, readme_sql, worklog

pytestmark = [pytest.mark.spark,  # pyspark 4 warns about pandas 3 on import; nothing here goes through pandas
              pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas:FutureWarning")]
pyspark = require_module("pyspark")

PROJECT = str(ROOT / "sample_data" / "project.json")
LOOPBACK = "127.0.0.1"


@pytest.fixture(scope="module")
def spark(tmp_path_factory):
    """A local Spark session that only ever binds to 127.0.0.1 and starts no web UI."""
    require_tool("java")
    from pyspark.sql import SparkSession

    before = {k: os.environ.get(k) for k in ("SPARK_LOCAL_IP", "PYSPARK_PYTHON")}
    os.environ["SPARK_LOCAL_IP"] = LOOPBACK  # read by the JVM when it starts
    os.environ["PYSPARK_PYTHON"] = sys.executable
    warehouse = tmp_path_factory.mktemp("spark-warehouse")
    session = (SparkSession.builder.master("local[1]").appName("storykit-cube-test")
               .config("spark.driver.host", LOOPBACK)
               .config("spark.driver.bindAddress", LOOPBACK)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "1")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.sql.warehouse.dir", str(warehouse))
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(path: Path, out: Path) -> list[tuple]:
    """`storykit build PATH -o OUT --project sample_data/project.json`, and the deck's outline."""
    assert storykit(["build", str(path), "-o", str(out), "--project", PROJECT]) == 0
    return titles_charts_notes(out.read_bytes())


def test_spark_runs_the_readme_sql_and_its_cube_builds_the_same_deck(spark, tmp_path):
    log = worklog(3_000, seed=11)
    fixture = tmp_path / "worklog.csv"
    log.to_csv(fixture, index=False)  # the worklog table as a warehouse would hold it
    table = spark.read.csv(str(fixture), header=True,
                           schema="person STRING, activity STRING, work_date DATE, hours DOUBLE")
    table.createOrReplaceTempView("worklog")
    assert table.count() == len(log)

    cube = spark.sql(readme_sql())  # the statement exactly as the README prints it
    assert cube.columns == ["person", "activity", "week", "hours", "first_day", "last_day"]
    written = tmp_path / "cube_by_spark"
    cube.repartition(2).write.parquet(str(written))  # what Spark writes: a folder of part files (and _SUCCESS)
    assert len(list(written.glob("part-*.parquet"))) == 2

    raw = tmp_path / "worklog_raw.csv"
    raw.write_bytes(raw_csv(log))
    duck = tmp_path / "cube_by_duckdb.parquet"
    cube_from_sql(log).to_parquet(duck, index=False)

    from_raw = build(raw, tmp_path / "raw.pptx")
    from_duckdb = build(duck, tmp_path / "duckdb.pptx")
    from_spark = build(written, tmp_path / "spark.pptx")  # the folder, as Spark left it
    assert from_spark == from_raw
    assert from_spark == from_duckdb
    assert len(from_spark) == 3 and all(title for title, *_ in from_spark)
