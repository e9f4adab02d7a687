"""Past one machine: the README's SQL run on DuckDB gives a cube whose deck is the raw rows' deck.

The SQL is read from the README itself, so the statement users copy is the one tested.
"""

from __future__ import annotations

import datetime as dt
import io
import re

import duckdb
import numpy as np
import pandas as pd
import pytest
from pptx import Presentation

import storykit as sk
from storykit.errors import FormatError
from tests.conftest import ROOT

PEOPLE = ["Ana Silva", "Ben Okafor", "Chloe Martin", "Dev Patel", "Emma Novak"]
LABELS = ["Customer tickets", "Live chat", "Phone overflow", "IT escalations", "Invoice queries", "Lunch break"]


def readme_sql() -> str:
    text = (ROOT / "README.md").read_text()
    block = re.search(r"```sql\n(.*?)```", text, re.DOTALL)
    assert block, "the README has no ```sql block"
    return block.group(1).strip().rstrip(";")


def worklog(rows: int = 2_000, seed: int = 4) -> pd.DataFrame:
    """A typical worklog table: one row per entry (person, activity, work_date, hours)."""
    rng = np.random.default_rng(seed)
    days = [d for d in pd.date_range("2026-03-04", "2026-05-13").date if d.weekday() < 5]  # Wed to Wed
    return pd.DataFrame({
        "person": np.array(PEOPLE)[rng.integers(0, len(PEOPLE), rows)],
        "activity": np.array(LABELS)[rng.integers(0, len(LABELS), rows)],
        "work_date": np.array(days)[rng.integers(0, len(days), rows)],
        "hours": rng.integers(1, 16, rows) * 0.25,
    })


def raw_csv(log: pd.DataFrame) -> bytes:
    out = log.rename(columns={"person": "User", "activity": "Activity", "work_date": "Date", "hours": "Hours"})
    return out.to_csv(index=False).encode()


def cube_from_sql(log: pd.DataFrame) -> pd.DataFrame:
    con = duckdb.connect()
    con.register("worklog", log)
    return con.sql(readme_sql()).df()


def outline(story: sk.Story) -> list[tuple]:
    """What the deck shows: each slide's title and its chart's categories and values."""
    prs = Presentation(io.BytesIO(sk.build_deck(story)))
    out = []
    for slide in prs.slides:
        title = next(s for s in slide.shapes if s.name == "Title").text_frame.text
        chart = next(s for s in slide.shapes if s.has_chart).chart
        series = tuple((s.name, tuple(s.values)) for s in chart.plots[0].series)
        out.append((title, tuple(chart.plots[0].categories), series))
    return out


@pytest.fixture(scope="module")
def project() -> sk.Project:
    return sk.Project.from_json((ROOT / "sample_data" / "project.json").read_text())


@pytest.mark.parametrize("kind", ["csv", "csv.gz", "parquet"])
def test_readme_sql_cube_gives_the_same_deck_as_the_raw_rows(kind, project):
    log = worklog()
    raw = sk.load(("worklog.csv", raw_csv(log)))
    cube = cube_from_sql(log)
    assert len(cube) < len(log)  # it is an aggregate, not the rows again
    if kind == "parquet":
        buf = io.BytesIO()
        cube.to_parquet(buf, index=False)
        data, name = buf.getvalue(), "cube.parquet"
    else:
        data, name = cube.to_csv(index=False).encode(), "cube.csv"
        if kind == "csv.gz":
            import gzip

            data, name = gzip.compress(data), "cube.csv.gz"
    from_cube = sk.load((name, data))
    assert from_cube.sources[0].format == "cube"
    assert from_cube.date_range == raw.date_range
    assert from_cube.total_hours == pytest.approx(raw.total_hours)
    expected = sk.build_story(raw, project)
    got = sk.build_story(from_cube, project)
    assert [a.title for a in got.acts] == [a.title for a in expected.acts]
    assert outline(got) == outline(expected)


def test_cube_weeks_may_be_iso_week_names_and_need_no_day_columns():
    text = "Person,Activity,Week,Hours\nAna,Phone overflow,2026-W10,7.5\nAna,Tickets,2026-W11,30\n"
    log = sk.load(("cube.csv", text.encode()))
    assert log.date_range == (dt.date(2026, 3, 2), dt.date(2026, 3, 9))
    assert log.total_hours == 37.5
    assert not log.flagged  # a 30-hour cell is a week's sum, not a suspicious entry


def test_bad_cube_rows_are_listed_not_dropped():
    text = "person,activity,week,hours\nAna,Tickets,2026-03-02,7\nAna,Tickets,someday,3\nBen,Chat,2026-03-02,x\n"
    log = sk.load(("cube.csv", text.encode()))
    assert log.total_hours == 7
    assert [(s.row, s.reason.split(":")[0]) for s in log.skipped] == [(3, "cube row"), (4, "cube row")]


def test_a_parquet_file_that_is_neither_a_cube_nor_a_log_says_so():
    """A Parquet file that is not a cube is read as a raw log (tests/test_large_input.py); this one is neither."""
    buf = io.BytesIO()
    pd.DataFrame({"user": ["Ana"], "hours": [1.0]}).to_parquet(buf)
    with pytest.raises(FormatError, match=r"^rows\.parquet: .*no dates"):
        sk.load(("rows.parquet", buf.getvalue()))


def test_sql_runs_unchanged_on_duckdb_and_uses_only_portable_functions():
    sql = readme_sql()
    # date_trunc(unit, value), CAST, SUM/MIN/MAX and GROUP BY: the same in DuckDB and Spark SQL
    assert "date_trunc('week', work_date)" in sql
    assert not re.search(r"::|strftime|date_part|isoweek|EXTRACT", sql, re.IGNORECASE)
    cube = cube_from_sql(worklog(200))
    assert list(cube.columns) == ["person", "activity", "week", "hours", "first_day", "last_day"]
    assert (pd.to_datetime(cube["week"]).dt.day_of_week == 0).all()  # ISO weeks start on Monday
