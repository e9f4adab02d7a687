"""Raw logs beyond the in-memory row limit: reduced on DuckDB to the same story, skips and deck.

The real limit is 2,000,000 rows; here the reader's limit is 1,500 rows and the sample 400, so
a 3,000-row file takes the large-file path in milliseconds, exactly as a 20M-row one would (the
20M-row run is in benchmarks/). Every file is made here, from one seed.
"""

from __future__ import annotations

import dataclasses
import functools
import gzip
import inspect
import io
import zlib

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import storykit as sk
from storykit.cli import main as storykit_cli
from storykit.cube import cube_of
from storykit.errors import FormatError, LimitError, ReadError
from storykit.ingest import grid, large_log, large_plan, large_reduce, reader
from storykit.ingest.guard import Limits
from tests.deck_outline import titles_charts_notes
from tests.test_cube_input import outline, readme_sql

ROWS = 3_000
SMALL = Limits(rows=1_500)
AGENTS = ["Ana Silva", "Ben Okafor", "Chloe Martin", "Dev Patel", "Emma Novak", "Farid Haddad"]
ACTIVITIES = ["Customer tickets", "Live chat", "Phone overflow", "IT escalations", "Invoice queries", "Lunch break"]


@pytest.fixture(autouse=True)
def small_limits(monkeypatch):
    """The reader refuses over 1,500 rows (as it refuses over 2M); the sample is the first 400 rows."""
    monkeypatch.setattr(reader, "read_grids", functools.partial(grid.read_grids, limits=SMALL))
    monkeypatch.setattr(large_plan, "SAMPLE_ROWS", 400)


def activity_log(rows: int = ROWS, seed: int = 3) -> pd.DataFrame:
    """A contact centre's agent-state log, as a WFM tool exports it (sorted by day, like real ones)."""
    rng = np.random.default_rng(seed)
    days = pd.bdate_range("2026-03-02", "2026-04-24")
    day = np.sort(rng.integers(0, len(days), rows))
    start = 8 * 3600 + rng.integers(0, 9 * 3600, rows)
    seconds = rng.integers(60, 3 * 3600, rows)
    clock = pd.to_datetime(start, unit="s").strftime("%H:%M:%S")
    return pd.DataFrame({
        "Date": days[day].strftime("%d.%m.%Y"),  # day first: only later rows tell it from month first
        "Agent": np.array(AGENTS)[rng.integers(0, len(AGENTS), rows)],
        "Activity": np.array(ACTIVITIES)[rng.integers(0, len(ACTIVITIES), rows)],
        "Start": clock,
        "Duration (seconds)": seconds.astype(str),
    })


def as_bytes(log: pd.DataFrame, kind: str) -> bytes:
    if kind == "parquet":
        buf = io.BytesIO()
        log.to_parquet(buf, index=False)
        return buf.getvalue()
    text = log.to_csv(index=False).encode()
    return gzip.compress(text, mtime=0) if kind == "csv.gz" else text


def readme_cube(log: pd.DataFrame) -> bytes:
    """The README's SQL over the same rows (dates and hours read by hand), as a cube file."""
    table = pd.DataFrame({"person": log["Agent"], "activity": log["Activity"],
                          "work_date": pd.to_datetime(log["Date"], format="%d.%m.%Y").dt.date,
                          "hours": log["Duration (seconds)"].astype(float) / 3600})
    con = duckdb.connect()
    con.register("worklog", table)
    return con.sql(readme_sql()).df().to_csv(index=False).encode()


@pytest.fixture(scope="module")
def project() -> sk.Project:
    from tests.conftest import ROOT

    return sk.Project.from_json((ROOT / "sample_data" / "project.json").read_text())


@pytest.mark.parametrize("kind", ["csv", "csv.gz", "parquet"])
def test_a_log_over_the_row_limit_gives_the_deck_of_its_cube(kind, project):
    log = activity_log()
    with pytest.raises(LimitError):
        reader.read_file("log.csv", as_bytes(log, "csv"))  # the in-memory reader refuses it
    big = sk.load((f"log.{kind}", as_bytes(log, kind)))
    assert any("reduced on DuckDB" in w for w in big.warnings)
    assert big.sources[0].rows == ROWS
    cube = sk.load(("cube.csv", readme_cube(log)))
    assert big.total_hours == pytest.approx(cube.total_hours)
    assert big.date_range == (pd.Timestamp("2026-03-02").date(), pd.Timestamp("2026-04-24").date())
    story, expected = sk.build_story(big, project), sk.build_story(cube, project)
    assert [a.title for a in story.acts] == [a.title for a in expected.acts]
    assert outline(story) == outline(expected)


def test_the_large_path_reads_the_rows_as_the_normal_reader_does():
    """Same hours per person, label and week as reading all 3,000 rows in memory (with the real limit)."""
    log = activity_log()
    big = sk.load(("log.csv", as_bytes(log, "csv")))
    [table] = grid.read_grids("log.csv", as_bytes(log, "csv"), Limits())  # all 3,000 rows, in memory
    expected = cube_of(reader.read_grid(table)).frame.set_index(["person", "activity", "week"])["hours"]
    got = cube_of(big).frame.set_index(["person", "activity", "week"])["hours"]
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_exact=False, rtol=1e-12)


def test_a_folder_of_parquet_parts_is_one_log(tmp_path, project):
    log = activity_log()
    folder = tmp_path / "parts"
    folder.mkdir()
    for i in range(3):
        part = log.iloc[i * 1_000:(i + 1) * 1_000]
        pq.write_table(pa.Table.from_pandas(part, preserve_index=False), folder / f"part-{i:05d}.parquet")
    (folder / "_SUCCESS").write_bytes(b"")
    big = sk.load(folder)
    assert big.sources[0].rows == ROWS
    assert big.total_hours == pytest.approx(log["Duration (seconds)"].astype(float).sum() / 3600)
    assert set(big.frame["file"].cat.categories) == {str(folder / f"part-{i:05d}.parquet") for i in range(3)}


def broken_log() -> tuple[pd.DataFrame, bytes]:
    """Rows the reader skips (bad hours, a bad date, a total row) among good ones, and blank lines."""
    log = activity_log()
    log.loc[2500, "Duration (seconds)"] = "abc"
    log.loc[2600, "Date"] = "someday"
    log.loc[2700, "Duration (seconds)"] = ""
    log.loc[2800, ["Date", "Agent", "Activity", "Start", "Duration (seconds)"]] = ["Total", "", "", "", "999999"]
    log.loc[2900, "Duration (seconds)"] = "72000"  # 20 h in one entry: kept, and flagged
    lines = log.to_csv(index=False).split("\n")
    lines[3:3] = [""]  # blank lines are no rows, but count in the rows' numbers
    lines[2000:2000] = ["", ",,,,"]
    text = "\n".join(lines).encode()
    return log, text


def test_skipped_rows_are_the_normal_readers_rows_and_reasons():
    _, data = broken_log()
    big = sk.load(("log.csv", data))
    [table] = grid.read_grids("log.csv", data, Limits())
    normal = reader.read_grid(table)
    assert [(s.row, s.reason, s.kind) for s in big.skipped] == [(s.row, s.reason, s.kind) for s in normal.skipped]
    assert len(big.skipped) == 4 and len(big.structure_rows) == 1  # the total row is the table's, not a lost entry
    assert [(f.row, f.reason, f.kind) for f in big.flagged] == [(f.row, f.reason, f.kind) for f in normal.flagged]
    assert len(big.flagged) == 1
    assert big.total_hours == pytest.approx(normal.total_hours)


def odd_log() -> pd.DataFrame:
    """broken_log's rows as a table (no blank lines), with a negative and a second long entry too."""
    log, _ = broken_log()
    log.loc[2950, "Duration (seconds)"] = "-600"
    log.loc[2960, "Duration (seconds)"] = "61200"  # 17 h
    return log


def test_a_parquet_file_on_disk_lists_the_odd_rows_a_stream_lists(tmp_path):
    """DuckDB reads a Parquet file on disk itself, summing in a first pass and listing odd rows in a second:
    the same skipped and flagged rows, reasons and hours as the same bytes streamed, and as the normal
    reader's reading of the log as CSV (whose rows count its header line too)."""
    log = odd_log()
    path = tmp_path / "log.parquet"
    path.write_bytes(as_bytes(log, "parquet"))
    on_disk, streamed = sk.load(path), sk.load(("log.parquet", as_bytes(log, "parquet")))
    [table] = grid.read_grids("log.csv", as_bytes(log, "csv"), Limits())
    normal = reader.read_grid(table)

    def listed(rows, shift=0):
        return [(r.row - shift, r.reason, r.kind) for r in rows]

    assert listed(on_disk.skipped) == listed(streamed.skipped) == listed(normal.skipped, shift=1)
    assert listed(on_disk.flagged) == listed(streamed.flagged) == listed(normal.flagged, shift=1)
    assert len(on_disk.skipped) == 4 and len(on_disk.flagged) == 3  # 20 h, 17 h, -600 s
    assert on_disk.total_hours == pytest.approx(normal.total_hours)
    assert on_disk.frame["row"].tolist() == streamed.frame["row"].tolist()


@pytest.mark.parametrize("odd", [False, True])
def test_a_parquet_file_on_disk_is_read_again_only_when_it_has_odd_rows(tmp_path, monkeypatch, odd):
    """The first pass only sums and counts; listing odd rows (their reasons, their hours) is a second pass that a
    clean file, the usual export, never pays for."""
    path = tmp_path / "log.parquet"
    path.write_bytes(as_bytes(odd_log() if odd else activity_log(), "parquet"))
    passes = []
    scan = large_reduce._scan

    def counted(*args, **kwargs):
        given = inspect.signature(scan).bind(*args, **kwargs).arguments
        if given.get("until") is None and "GROUP BY" in given["query"]:  # not the first rows', nor a column's values
            passes.append(given["query"])
        return scan(*args, **kwargs)

    monkeypatch.setattr(large_reduce, "_scan", counted)
    log = sk.load(path)
    assert len(passes) == (2 if odd else 1)
    assert bool(log.skipped) is odd


def team_log(third: str) -> pd.DataFrame:
    """The log with a third column that may say "Total": each agent's team, or a free-text note per row."""
    log = activity_log()
    teams = {agent: f"Care {'North' if i % 2 else 'South'}" for i, agent in enumerate(AGENTS)}
    cell = log["Agent"].map(teams) if third == "team" else pd.Series([f"note {i}" for i in range(ROWS)])
    log.insert(2, third.title(), cell)
    for row in (100, 101, 250, 2000, 2900):  # 100 and 101: one group's two total rows, both in the sample
        log.loc[row, third.title()] = "Total"
    log.loc[101, ["Date", "Agent", "Activity"]] = log.loc[100, ["Date", "Agent", "Activity"]]
    log.loc[150, "Duration (seconds)"] = "abc"
    return log


@pytest.mark.parametrize("third", ["team", "note"])
def test_total_rows_said_by_a_cell_that_is_no_key_are_the_readers(third):
    """A team's cell never splits an agent's day: it is a GROUP BY key and the reader's rule reads each distinct
    team; a note differs on every row, so SQL asks it row by row. Either way the reader's rows are skipped."""
    log = team_log(third)
    data = as_bytes(log, "csv")
    inp = large_reduce.open_input("log.csv", data=data)
    with large_reduce._connection(inp, SMALL) as con:
        plan = large_reduce._checked(inp, large_plan.make_plan(inp, SMALL), SMALL, con)
    assert plan.cells_are_keys == (third == "team")
    big = sk.load(("log.csv", data))
    [table] = grid.read_grids("log.csv", data, Limits())
    normal = reader.read_grid(table)
    ours, theirs = {(s.row, s.reason) for s in big.skipped}, {(s.row, s.reason) for s in normal.skipped}
    assert ours <= theirs and len(ours) + big.sources[0].more_skipped == len(theirs) == 6
    assert {102, 103} & {row for row, _ in ours} and {252, 2002, 2902} <= {row for row, _ in ours}
    assert big.total_hours == pytest.approx(normal.total_hours)


@pytest.mark.parametrize(("third", "distinct"), [("team", 10_000), ("note", 10_000), ("note", 100)])
def test_a_parquet_file_on_disk_reads_the_cells_that_say_total_before_the_pass(tmp_path, monkeypatch, third, distinct):
    """DuckDB reads a team's or a note's distinct cells first and the reader's rule asks each once; the pass then
    knows the total rows by their values. A cell of more distinct values than that is left to the pass (a note
    of 3,000: asked row by row), and either way the rows skipped are the reader's."""
    monkeypatch.setattr(large_reduce, "DISTINCT_CELLS", distinct)
    log = team_log(third)
    path = tmp_path / "log.parquet"
    path.write_bytes(as_bytes(log, "parquet"))
    inp = large_reduce.open_input(path.name, path)
    with large_reduce._connection(inp, SMALL) as con:
        plan = large_reduce._checked(inp, large_plan.make_plan(inp, SMALL), SMALL, con)
    if distinct > ROWS:
        assert dict(plan.totals)[f'"{third.title()}"'] == ("Total",) and not plan.cell_keys
    else:
        assert plan.totals is None
    big = sk.load(path)
    [table] = grid.read_grids("log.csv", as_bytes(log, "csv"), Limits())
    theirs = {(s.row - 1, s.reason) for s in reader.read_grid(table).skipped}  # the CSV's rows count its header
    assert {(s.row, s.reason) for s in big.skipped} == theirs and len(theirs) == 6


def test_a_null_cell_that_might_say_total_is_no_total_row():
    """Parquet keeps an empty team as NULL (an agent without a team): it says nothing, so the agent's rows are
    entries, not total rows, whether the team is a GROUP BY key (as here: it never splits an agent's day) or not."""
    log = team_log("team")
    log.loc[log["Agent"].eq(AGENTS[0]) & log["Team"].ne("Total"), "Team"] = None
    big = sk.load(("log.parquet", as_bytes(log, "parquet")))
    entries = log[log["Team"].ne("Total") & log["Duration (seconds)"].ne("abc")]
    assert big.total_hours == pytest.approx(entries["Duration (seconds)"].astype(float).sum() / 3600)
    listed = {s.row for s in big.skipped}  # Parquet rows count from 1; rows 101 and 102 are one group's
    assert listed <= {101, 102, 151, 251, 2001, 2901} and len(listed) + big.sources[0].more_skipped == 6


def test_a_person_written_as_a_mailbox_is_the_name_as_the_reader_reads_it():
    """'Ana Silva <ana.silva@example.net>' (Azure DevOps' Assigned To) is Ana Silva, in batches as in memory."""
    log = activity_log()
    names = [f"{a.split()[0]} {b.split()[1]}" for a in AGENTS[:2] for b in AGENTS]  # 12 people: Ana Silva, Ana Okafor
    log["Agent"] = [f"{name} <{name.lower().replace(' ', '.')}@example.net>" for name in np.resize(names, ROWS)]
    data = as_bytes(log, "csv")
    big = sk.load(("log.csv", data))
    assert big.sources[0].mapping["person"] == "Agent"
    assert set(big.frame["person"].cat.categories) == set(names)
    [table] = grid.read_grids("log.csv", data, Limits())
    assert big.total_hours == pytest.approx(reader.read_grid(table).total_hours)


@pytest.mark.parametrize(("kind", "first"), [("csv", 1002), ("parquet", 1001)])  # Parquet has no header line
def test_skipped_rows_are_listed_up_to_a_bound_and_counted_beyond_it(monkeypatch, tmp_path, capsys, kind, first):
    monkeypatch.setattr(large_log, "LISTED", 5)
    log = activity_log()
    log.loc[1000:1099, "Duration (seconds)"] = "n/a"  # after the sample: read only by the SQL
    path = tmp_path / f"log.{kind}"
    path.write_bytes(as_bytes(log, kind))
    big = sk.load(path)
    assert [s.row for s in big.skipped] == list(range(first, first + 5))
    assert big.sources[0].more_skipped == 95
    assert big.skipped[0].reason.startswith("column 'Duration (seconds)': 'n/a' is not a duration")
    assert storykit_cli(["inspect", str(path)]) == 0
    assert "100 skipped" in capsys.readouterr().out


def test_inspect_and_build_take_a_large_file_from_the_command_line(tmp_path, capsys, project):
    log = activity_log()
    path = tmp_path / "agent_states.csv.gz"
    path.write_bytes(as_bytes(log, "csv.gz"))
    assert storykit_cli(["inspect", str(path), "--json"]) == 0
    import json

    report = json.loads(capsys.readouterr().out)
    assert report["rows"] == ROWS and report["skipped_count"] == 0
    assert report["mapping"]["hours"] == "Duration (seconds)"
    cube = tmp_path / "cube.csv"
    cube.write_bytes(readme_cube(log))
    from tests.conftest import ROOT

    decks = []
    for source in (path, cube):
        out = tmp_path / f"{source.stem}.pptx"
        assert storykit_cli(["build", str(source), "-o", str(out), "--project",
                             str(ROOT / "sample_data" / "project.json")]) == 0
        decks.append(titles_charts_notes(out.read_bytes()))
    assert decks[0] == decks[1]


@pytest.mark.parametrize("spelling", ["csv", "parquet"])
def test_durations_sql_has_no_rule_for_are_read_by_the_readers_rule(tmp_path, spelling):
    """Jira's `1h 30m`, `45m`, ISO `PT2H` (some past the first rows), and a column of minutes whose `4:35` is a
    call's handle time: the same hours as the normal reader, a spelled 20 h flagged as long, a cell neither
    reads listed with the reader's reason; on disk (Parquet, read by DuckDB) as in a stream."""
    log = activity_log()
    log["Minutes"] = (log.pop("Duration (seconds)").astype(int) // 60).astype(str)
    log.loc[[5, 201, 1500, 2990], "Minutes"] = ["1h 30m", "4:35", "PT2H", "45m"]
    log.loc[[2000, 2500], "Minutes"] = ["20h", "1h 70x"]
    path = tmp_path / f"log.{spelling}"
    path.write_bytes(as_bytes(log, spelling))
    big = sk.load(path)
    [table] = grid.read_grids("log.csv", as_bytes(log, "csv"), Limits())
    normal = reader.read_grid(table)
    shift = 1 if spelling == "parquet" else 0  # the CSV's rows count its header line
    assert big.total_hours == pytest.approx(normal.total_hours, rel=1e-12)
    assert [(r.row, r.reason) for r in big.skipped] == [(r.row - shift, r.reason) for r in normal.skipped]
    assert [(r.row, r.reason) for r in big.flagged] == [(r.row - shift, r.reason) for r in normal.flagged]
    assert [r.row + shift for r in big.skipped] == [2502] and [r.row + shift for r in big.flagged] == [2002]


@pytest.mark.parametrize(("cells", "message"), [
    ({"Duration (seconds)": "at 201 1:30"}, r"row 203 differently from the normal reader \(1.5 h vs 42 h"),
    ({"Duration (seconds)": "at 1 1:30"}, "row 3 differently"),
    ({"Date": "1772409600000"}, "numbers"),
])
def test_a_reading_sql_cannot_express_is_refused_by_name(cells, message, monkeypatch):
    """Here SQL's clock rule is made wrong (42 h for any `H:MM`), as a rule it lacks would be: the check on the
    first rows refuses the file and names the row it read differently, not its group's first row."""
    monkeypatch.setattr(large_plan, "_clock_duration", lambda text: "42.0")
    log = activity_log()
    for column, value in cells.items():
        if value.startswith("at "):
            at, value = value.removeprefix("at ").split(" ", 1)
            log.loc[int(at), column] = value
        else:
            log[column] = value
    with pytest.raises(FormatError, match=message):
        sk.load(("log.csv", as_bytes(log, "csv")))


def test_a_reading_that_needs_more_than_one_row_at_a_time_is_refused_by_name():
    """People named by section titles above their rows (the sample holds only the first title: it must not be
    read as everyone's), and the time in two columns (whole hours, minutes past them)."""
    log = activity_log()
    lines = ["Date,Activity,Seconds"]
    for agent in AGENTS:
        part = log[log["Agent"] == agent]
        lines += [f"{agent},,"] + [f"{d},{a},{s}" for d, a, s in zip(part["Date"], part["Activity"],
                                                                      part["Duration (seconds)"], strict=True)]
    with pytest.raises(FormatError, match="section titles that name the people"):
        sk.load(("by_user.csv", "\n".join(lines).encode()))
    seconds = log.pop("Duration (seconds)").astype(int)
    log = log.drop(columns="Start").assign(Hours=seconds // 3600, Minutes=seconds % 3600 // 60)
    with pytest.raises(FormatError, match="whole hours in 'Hours' and the minutes past them in 'Minutes'"):
        sk.load(("parts.csv", as_bytes(log, "csv")))


def test_a_gzip_bomb_stops_at_the_streaming_limits():
    line = b"2026-03-02,Ana Silva,Live chat,09:00:00,60\n"
    bomb = gzip.compress(b"Date,Agent,Activity,Start,Duration (seconds)\n" + line * 2_000_000)
    limits = Limits(rows=1_500, streamed_ratio=20)
    with pytest.raises(LimitError, match="expands more than 20 times"):
        large_reduce.reduce_large("bomb.csv.gz", data=bomb, limits=limits)
    with pytest.raises(ReadError, match="gzip inside gzip"):
        sk.load(("twice.csv.gz", gzip.compress(bomb)))


@pytest.mark.parametrize("damage", ["cut", "garbled"])
def test_a_damaged_gzip_past_the_first_rows_is_named_as_damaged(damage, monkeypatch):
    """The damage sits past the first lines (read to decide the columns), so the long pass meets it."""
    from storykit.ingest import large_input

    monkeypatch.setattr(large_input, "_HEAD_BYTES", 32 * 1024)
    data = bytearray(as_bytes(activity_log(), "csv.gz"))
    if damage == "cut":
        data = data[: len(data) * 2 // 3]
    else:
        data[len(data) * 2 // 3:len(data) * 2 // 3 + 64] = b"x" * 64
    with pytest.raises(ReadError, match="the gzip file is damaged") as caught:
        large_reduce.reduce_large("log.csv.gz", data=bytes(data), limits=SMALL)
    assert caught.value.file == "log.csv.gz"


def test_duckdb_runs_under_a_memory_limit_and_never_spills_to_disk():
    con = large_reduce._connect(Limits(streamed_memory=256 * 2**20))  # the one connection reduce_large opens
    limit, temp = con.execute("SELECT current_setting('memory_limit'), current_setting('temp_directory')").fetchone()
    assert limit == "256.0 MiB" and temp == ""


def test_a_folder_of_cube_parts_is_read_as_one_cube(tmp_path):
    """What Spark writes for the README's SQL: part files of one cube (tests/test_cube_spark.py runs Spark)."""
    cube = pd.read_csv(io.BytesIO(readme_cube(activity_log())))
    folder = tmp_path / "cube_by_spark"
    folder.mkdir()
    for i in range(2):
        cube.iloc[i::2].to_parquet(folder / f"part-{i:05d}.parquet", index=False)
    from_folder = sk.load(folder)
    assert from_folder.sources[0].format == "cube"
    assert from_folder.total_hours == pytest.approx(sk.load(("cube.csv", readme_cube(activity_log()))).total_hours)


def test_the_users_mapping_is_the_one_the_batches_read_with():
    log = activity_log()
    data = as_bytes(log, "csv")
    big = sk.load(("log.csv", data), mappings={"log.csv": {"activity": "Start"}})
    assert big.sources[0].mapping["activity"] == "Start"
    assert set(big.frame["activity"].cat.categories) == set(log["Start"])


def _sql_says(expression: str, cells: list) -> list:
    """An SQL expression over a column `c`, cell by cell, in the cells' order."""
    return [row[0] for row in duckdb.execute(f"SELECT {expression} FROM (SELECT unnest(?) AS c, "
                                             "generate_subscripts(?, 1) AS i) ORDER BY i", [cells, cells]).fetchall()]


def test_the_sql_total_row_check_says_what_the_readers_rule_says():
    """Its cheap case-blind regex of the stems first must never hide a cell the rule calls a total."""
    from storykit.ingest.table import TOTAL_TEXT
    cells = ["Total", "  grand TOTAL", "Totals:", "Subtotal", "sub-total", "Gesamtsumme", "Lohnsumme:",
             "Team A summe", "Insgesamt", "ſum", "CEL\u212aEM", "Summary of week",
             "Consumer care", "Ana Silva", "2026-03-02", "Total hours, week 9", "Week total", "Tötal", "", "   "]
    assert _sql_says(large_plan._says_total("c"), cells) == [bool(TOTAL_TEXT.match(c)) for c in cells]


def test_the_sql_blank_cell_rule_is_the_readers():
    """A row is dropped as blank only when every cell is what the reader strips to nothing, Unicode spaces too;
    the cheap first-character test must not call a cell that starts with a space filled or blank by itself."""
    from storykit.ingest.cell_text import blank
    cells = ["a", " a", "\ta", "", "   ", "\xa0", "\u3000\u2003", "\x1c\x1f", "\x85", "é", "\xa0x", "!", "~",
             "\x7f", " \u200b ", None]
    assert _sql_says(f"({large_plan._filled('c', None)}) IS TRUE", cells) == [not blank(c) for c in cells]


def test_the_sql_spelled_duration_rule_is_the_readers_or_leaves_the_cell_to_it():
    """Where SQL reads `1h 30m` it reads what the reader reads; what it leaves (NULL) the reader's rule reads after
    the pass. The usual spellings must be SQL's own: a log of them is then summed like one of numbers."""
    from storykit.ingest.durations import DurationError, parse_duration

    usual = ["1h 30m", "45m", "2 hours 5 min", "1,5h", "90 Min.", "3 Std", "2h, 30m", "1h + 15m", "10 sec", "5 mins",
             "1.5 hrs", "30s", "12H", "1 Stunde", "4 stunden 10 m"]
    left = ["PT2H", "1h30", "2h 30", "2hä", "1 Stunde 20 Minuten", "x", "", "h", "1h 2x", "-1h"]
    said = _sql_says(large_plan._spelled_duration("c"), usual + left)
    for cell, sql in zip(usual + left, said, strict=True):
        try:
            reader_says = parse_duration(cell)
        except DurationError:
            reader_says = None
        assert sql is None or sql == pytest.approx(reader_says, rel=1e-12), cell
    assert None not in said[: len(usual)]


@pytest.mark.parametrize("limit, beyond", [(200_000, True), (400_000, False)])
def test_a_gzip_logs_rows_are_estimated_from_its_head(tmp_path, monkeypatch, limit, beyond):
    """A 300k-row gzip file whose head inflates past what is counted: the rows are estimated from the
    lines of the counted part against the compressed bytes that held them, not the whole head."""
    from storykit.ingest import route
    from storykit.limits import LIMITS

    log = activity_log(300_000, seed=5)
    path = tmp_path / "agents.csv.gz"
    path.write_bytes(gzip.compress(log.to_csv(index=False).encode(), compresslevel=6))
    head = path.read_bytes()[: route._HEAD]
    assert path.stat().st_size > len(head) and len(zlib.decompressobj(wbits=31).decompress(head)) > route._INFLATED
    monkeypatch.setattr(route, "LIMITS", dataclasses.replace(LIMITS, rows=limit))
    assert route._too_large_to_read_whole(path) is beyond
