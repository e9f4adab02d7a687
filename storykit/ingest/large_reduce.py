"""A raw log too large for memory, reduced on embedded DuckDB to hours per person, activity and day.

One pass: batches of the file (large_input.py) flow into one DuckDB GROUP BY under a memory limit
with nothing spilled to disk; each row's hours are read by the SQL of the sample's reading
(large_plan.py), and the groups' distinct dates and labels then by the normal reader's rules. Rows
the reader would skip (total rows, unreadable hours or dates) are counted and listed by file and
row, a bounded number of them; long and negative entries are flagged the same way. A Parquet file
on disk is summed alone and its odd rows, if any, listed by a second pass over them (DuckDB reads
the file again in a fraction of the first pass). Before the pass, the plan is run over the sample
and must give exactly what the normal reader gave there.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from storykit.errors import FormatError, LimitError, StoryKitError
from storykit.ingest.large_input import LargeInput, batches, chain, open_input, parquet_parts, read_ahead
from storykit.ingest.large_log import (
    BAD_HOURS,
    ENTRY,
    FILE_SHIFT,
    LONG,
    NEGATIVE,
    TOTAL,
    UNIT_OF_FACTOR,
    Reduced,
    to_log,
)
from storykit.ingest.large_plan import Plan, literal, make_plan
from storykit.ingest.row_checks import LONG_ENTRY_HOURS
from storykit.ingest.table import is_total_text
from storykit.limits import LIMITS, Limits
from storykit.model import TimeLog
from storykit.progress import Progress, quiet

#: Rows listed per group of the GROUP BY (person, activity, date, raw value): the list stays cheap.
PER_GROUP = 20
#: How many more groups a cell may make of the sample's (person, activity, day) groups and still be a key.
SPLIT = 1.25
#: Distinct values a cell that may say "Total" may have for them all to be read before the pass (Parquet on disk).
DISTINCT_CELLS = 10_000


def reduce_large(name: str, path: Path | None = None, data: bytes | None = None, limits: Limits = LIMITS,
                 mapping: dict[str, str] | None = None, progress: Progress | None = None) -> TimeLog:
    """The log in a file (or folder of Parquet parts) of any length, as hours per person, activity and day.

    `mapping` (role -> column) overrides the reader's choice, as it does for read_file.
    """
    progress = progress or quiet
    inp = open_input(name, path, data)
    progress(0.0, "reading the first rows to find the columns")
    plan = make_plan(inp, limits, mapping)
    with _connection(inp, limits) as con:
        plan = _checked(inp, plan, limits, con)
        progress(0.02, "reducing the rows on DuckDB")
        reduced = _reduce(inp, plan, limits, con, progress)
    return to_log(inp, plan, reduced)


def _reduce(inp: LargeInput, plan: Plan, limits: Limits, con: Any, progress: Progress = quiet,
            until: int | None = None) -> Reduced:
    """The GROUP BY of every row (up to row `until`). A stream lists its odd rows in the same pass; Parquet
    files on disk are summed alone, a third cheaper, and only when some rows are odd does a second pass list
    them (DuckDB reads the files again in a fraction of the first pass's time)."""
    on_disk = inp.on_disk_parquet
    groups, files, read = _scan(inp, plan, limits, con, progress, until, _query(plan, lists=not on_disk))
    problems = groups[groups["kind"] != ENTRY]
    if on_disk and len(problems):
        problems = _scan(inp, plan, limits, con, until=until, query=_query(plan, problems_only=True))[0]
    return Reduced(groups, problems, files, read)


def _query(plan: Plan, lists: bool = True, problems_only: bool = False) -> str:
    """The GROUP BY of every row by person, activity, day and what the row is (`kind`).

    With `lists`, each group of rows that are not plain entries also lists its first rows (and for
    long and negative entries their hours), and unreadable hours are grouped by their raw text for
    their reasons; without, the pass only sums and counts (a third less work), and when it finds
    such rows a second pass over them alone (`problems_only`) lists them.
    """
    hours = plan.hours.replace("{factor}", str(plan.factor))
    cells = "".join(f"{key}, " for key in plan.cell_keys)
    detail = f"CASE WHEN kind = {BAD_HOURS} THEN {plan.bad_raw} END AS bad_raw, " if lists else ""
    listed = (f",\n       min(__row, {PER_GROUP}) FILTER (WHERE kind <> {ENTRY}) AS listed,"
              f"\n       min_by(hours, __row, {PER_GROUP}) FILTER (WHERE kind >= {LONG}) AS listed_hours"
              if lists else "")
    return f"""
WITH cells AS (
  SELECT __row, {plan.total} AS total_row, {plan.person} AS person, {plan.activity} AS activity,
         {plan.day} AS day, {hours} AS h, {plan.raw_columns}{plan.cell_columns}
  FROM batches WHERE {plan.filled}),
rows AS (SELECT * EXCLUDE (h), CASE WHEN isfinite(h) AND abs(h) <= {24 * 366} THEN h END AS hours FROM cells),
kinds AS (SELECT *, CASE WHEN total_row THEN {TOTAL} WHEN hours IS NULL THEN {BAD_HOURS}
                         WHEN hours > {LONG_ENTRY_HOURS} THEN {LONG} WHEN hours < 0 THEN {NEGATIVE}
                         ELSE {ENTRY} END AS kind FROM rows)
SELECT person, activity, day, {cells}kind, {detail}sum(hours) AS hours, count(*) AS n, min(__row) AS first_row{listed}
FROM kinds{f" WHERE kind <> {ENTRY}" if problems_only else ""}
GROUP BY ALL
"""


def _connect(limits: Limits):  # type: ignore[no-untyped-def]
    import duckdb

    con = duckdb.connect(config={"memory_limit": f"{limits.streamed_memory // 2**20}MiB"})
    con.execute("SET temp_directory = ''")  # never spill: uploads stay in memory, and the cube is small
    return con


@contextlib.contextmanager
def _connection(inp: LargeInput, limits: Limits) -> Iterator[Any]:
    """A DuckDB connection under the memory limit; running out of it is the user's LimitError."""
    import duckdb

    con = _connect(limits)
    try:
        yield con
    except duckdb.Error as e:
        if isinstance(e, duckdb.OutOfMemoryException):
            raise LimitError(f"reducing the file needed more than {limits.streamed_memory // 2**20:,} MB",
                             file=inp.name, hint="Split the file by period, or aggregate it where it lives "
                                                 "(see the README).") from None
        raise
    finally:
        con.close()


def _scan(inp: LargeInput, plan: Plan, limits: Limits, con: Any, progress: Progress = quiet,
          until: int | None = None, query: str = "") -> tuple[pd.DataFrame, list[str], int]:
    """One pass of `query` over the input (up to row `until`): its result, the files read and how many rows."""
    files: list[str] = []
    read = 0
    failed: list[StoryKitError] = []  # DuckDB wraps what the batches raise; the user gets the original

    def numbered() -> Iterator[pa.RecordBatch]:
        try:
            yield from _numbered()
        except StoryKitError as e:
            failed.append(e)
            raise

    def _numbered() -> Iterator[pa.RecordBatch]:
        nonlocal read
        for file, first, batch in read_ahead(batches(inp, plan.layout, limits)):
            if not files or files[-1] != file:
                if files and until is not None:
                    return  # the sample is the first file's
                files.append(file)
            n = batch.num_rows if until is None else max(0, min(batch.num_rows, until - first + 1))
            if n == 0:
                return
            code = (len(files) - 1) << FILE_SHIFT
            rows = pa.array(np.arange(first, first + n, dtype=np.int64) + code)
            yield pa.RecordBatch.from_arrays([*batch.slice(0, n).columns, rows],
                                             names=[*batch.schema.names, "__row"])
            read += n
            progress(0.02 + 0.9 * _fraction(inp, read), f"{read:,} rows read")

    if inp.on_disk_parquet:
        return _scan_parquet(inp, plan, limits, con, until, query)
    stream = numbered()
    first_batch = next(stream, None)
    if first_batch is None:
        raise FormatError("the file has no rows below its header", file=inp.name)
    import duckdb

    reader = pa.RecordBatchReader.from_batches(first_batch.schema, chain(first_batch, stream))
    con.register("batches", reader)
    try:
        groups = con.sql(query).df()
    except duckdb.Error:
        if failed:  # what the batches raised (a limit, a damaged file), not DuckDB's wrapping of it
            raise failed[0] from None
        raise
    finally:
        con.unregister("batches")
    return groups, files, read


def _scan_parquet(inp: LargeInput, plan: Plan, limits: Limits, con: Any, until: int | None,
                  query: str) -> tuple[pd.DataFrame, list[str], int]:
    """_scan for Parquet files on disk, read by DuckDB's own scanner; rows numbered from 1 in each file."""
    parts = parquet_parts(inp, limits)  # footers first: sizes and columns within the limits
    files = [name for name, _ in parts]
    if len(inp.parts) == 1:  # one file: its row number is the code (the file's name costs a column per row)
        only = f" WHERE file_row_number < {until}" if until else ""
        source = (f"(SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS __row "
                  f"FROM read_parquet({literal(str(inp.parts[0]))}, file_row_number = true){only})")
    else:
        paths = "[" + ", ".join(literal(str(p)) for p in inp.parts) + "]"
        only = f" WHERE filename = {literal(str(inp.parts[0]))} AND file_row_number < {until}" if until else ""
        source = (f"(SELECT * EXCLUDE (filename, file_row_number), (CAST(list_position({paths}, filename) - 1 "
                  f"AS BIGINT) << {FILE_SHIFT}) + file_row_number + 1 AS __row "
                  f"FROM read_parquet({paths}, filename = true, file_row_number = true){only})")
    groups = con.sql(query.replace("FROM batches", f"FROM {source}")).df()
    read = sum(reader.metadata.num_rows for _, reader in parts) if until is None else until
    return groups, files, read


def _fraction(inp: LargeInput, rows: int) -> float:
    """How far the pass is, from the rows so far and the input's size (text rows are about 60 bytes)."""
    from storykit.ingest.large_input import stored_bytes

    per_row = 60 / (6 if inp.gzip else 1) if inp.kind == "csv" else 8
    return min(rows * per_row / max(stored_bytes(inp), 1), 1.0)


def _checked(inp: LargeInput, plan: Plan, limits: Limits, con: Any) -> Plan:
    """The plan with its unit, once it reads the sample exactly as the normal reader did; else a FormatError.

    The sample's rows go through the same SQL as every other row, and the groups must hold the
    same hours, from the same first rows, as the reader's log of the sample; the skipped rows must
    be the same rows. So the SQL never reads a column differently from the reader on the rows both
    saw; a spelling the SQL has no rule for shows here, named, before the long pass starts.
    """
    sample = plan.sample.frame
    shift = 1 if inp.kind == "parquet" else 0  # the sample's CSV has a header line the Parquet file has not
    last = int(max([sample["row"].max()] + [s.row for s in plan.sample.skipped])) - shift
    if inp.kind == "csv":  # the same first lines, from memory: no second start of a large stream
        inp = dataclasses.replace(inp, path=None, data=plan.head, gzip=False)
    numbers = _scan(inp, plan, limits, con, until=last,
                    query=f"SELECT __row, {plan.hours_number} AS number FROM batches")[0]
    plan = dataclasses.replace(plan, factor=_factor(numbers, sample, shift, plan))
    if plan.total_cells and inp.on_disk_parquet:
        plan = dataclasses.replace(plan, totals=_totals_said(inp, plan, limits, con))
    if plan.total_cells and plan.totals is None:
        plan = dataclasses.replace(plan, cells_are_keys=_cells_keep_groups(inp, plan, limits, con, last))
    got = to_log(inp, plan, _reduce(inp, plan, limits, con, until=last), sample=True)  # none readable: a row is named below
    ours = got.frame.set_index(["date", "person", "activity"])
    theirs = (sample.assign(person=sample["person"].astype(str), activity=sample["activity"].astype(str))
              .groupby(["date", "person", "activity"]).agg(hours=("hours", "sum"), row=("row", "min")))
    theirs["row"] -= shift
    ours.index = ours.index.set_levels([lvl.astype(str) if i else lvl for i, lvl in enumerate(ours.index.levels)])
    both = theirs.join(ours[["hours", "row"]].add_suffix("_large"), how="outer")
    differs = ~np.isclose(both["hours"].fillna(np.inf), both["hours_large"].fillna(np.inf), rtol=1e-9, atol=1e-9,
                          equal_nan=False) | (both["row"] != both["row_large"])
    if differs.any():
        first = both[differs].assign(at=both["row"].fillna(both["row_large"])).sort_values("at")  # the file's order
        key, row = first.index[0], first.iloc[0]
        at, theirs_h, ours_h = _row_read_differently(inp, plan, limits, con, last, shift, key) or (
            int(row["at"]), row["hours"], row["hours_large"])
        raise FormatError(
            f"reading in batches would read row {at + shift} differently from the normal reader "
            f"({_hours_text(theirs_h)} vs {_hours_text(ours_h)} for {key[1]}, {key[2]}, "
            f"{key[0]:%Y-%m-%d}): its cells are written in a way the batch reading has no rule for",
            file=inp.name, hint="Export the log with decimal hours (or H:MM) and one date column, or aggregate "
                                "it to a cube where it lives (see the README).")
    # The same number of rows skipped, and each listed one skipped by the reader too (a group's rows past
    # the first few it lists are counted, not listed: the reader lists them all).
    theirs_skipped = {s.row - shift for s in plan.sample.skipped}
    ours_skipped = {s.row for s in got.skipped}
    if not ours_skipped <= theirs_skipped or got.sources[0].more_skipped + len(ours_skipped) != len(theirs_skipped):
        at = min((ours_skipped - theirs_skipped) or (theirs_skipped - ours_skipped) or theirs_skipped)
        raise FormatError(f"reading in batches would skip other rows than the normal reader (row {at + shift})",
                          file=inp.name, hint="Export the log with decimal hours (or H:MM) and one date column.")
    return plan


def _row_read_differently(inp: LargeInput, plan: Plan, limits: Limits, con: Any, last: int, shift: int,
                          key: tuple) -> tuple[int, float, float] | None:
    """In the sample's group `key` (date, person, activity) that SQL sums differently, the first row whose hours
    SQL reads differently, with the reader's hours and SQL's: the row to name (the group's first row may be
    fine). None when every row's hours agree (the difference is in another cell)."""
    sample = plan.sample.frame
    rows = sample[sample["date"].eq(key[0]) & sample["person"].astype(str).eq(key[1])
                  & sample["activity"].astype(str).eq(key[2])].sort_values("row")
    hours = plan.hours.replace("{factor}", str(plan.factor))
    sql = _scan(inp, plan, limits, con, until=last, query=f"SELECT __row, {hours} AS h FROM batches")[0]
    ours = dict(zip(sql["__row"], sql["h"], strict=True))
    for row, theirs in zip(rows["row"] - shift, rows["hours"], strict=True):
        got = ours.get(row)
        if got is None or pd.isna(got) or not np.isclose(got, theirs, rtol=1e-9, atol=1e-9):
            return int(row), float(theirs), float("nan") if got is None else float(got)
    return None


def _totals_said(inp: LargeInput, plan: Plan, limits: Limits, con: Any) -> tuple[tuple[str, tuple[str, ...]], ...] | None:
    """Each total cell's distinct values that the reader's rule calls a total, read from the whole file before the
    pass; None when a cell has more than DISTINCT_CELLS of them (a free-text note: asked row by row, or a key).

    DuckDB reads one column of a Parquet file in a tenth of the pass, and then no row needs the cell asked,
    nor the GROUP BY a key more (a team's cell as a key cost a sixth of the pass over 20M rows).
    """
    out = []
    for cell in plan.total_cells:
        query = f"SELECT DISTINCT {cell} AS v FROM batches WHERE v IS NOT NULL LIMIT {DISTINCT_CELLS + 1}"
        values = _scan(inp, plan, limits, con, query=query)[0]["v"]
        if len(values) > DISTINCT_CELLS:
            return None
        out.append((cell, tuple(str(v) for v in values if is_total_text(v))))
    return tuple(out)


def _cells_keep_groups(inp: LargeInput, plan: Plan, limits: Limits, con: Any, last: int) -> bool:
    """Whether the cells that may say "Total" (a team, a client) split the sample's groups by at most SPLIT.

    If not, they are GROUP BY keys: the reader's rule then reads each distinct cell once, where a
    regex would read every row (half the query's time at 20M rows); a free-text cell stays a regex.
    """
    keys = f"{plan.person}, {plan.activity}, {plan.day}"
    counts = _scan(inp, plan, limits, con, until=last, query=(
        f"SELECT count(DISTINCT ({keys})) AS groups, count(DISTINCT ({keys}, {', '.join(plan.total_cells)})) "
        f"AS split FROM batches WHERE {plan.filled}"))[0]
    return bool(counts["split"].iloc[0] <= SPLIT * counts["groups"].iloc[0])


def _hours_text(value: float) -> str:
    return "no hours" if pd.isna(value) else f"{value:g} h"


def _factor(numbers: pd.DataFrame, sample: pd.DataFrame, shift: int, plan: Plan) -> int:
    """Numbers per hour in the reader's reading of the sample: 1 (hours), 60 (minutes) or 3600 (seconds)."""
    hours = sample.set_index(sample["row"] - shift)["hours"]
    both = numbers.set_index("__row")["number"].to_frame().join(hours, how="inner").dropna()
    both = both[(both["hours"] != 0) & (both["number"] != 0)]
    if both.empty:
        return 1
    ratio = both["number"] / both["hours"]
    factor = min(UNIT_OF_FACTOR, key=lambda f: abs(np.log(float(ratio.median()) / f)))
    if not np.allclose(ratio, factor, rtol=1e-9):
        raise FormatError(f"the numbers in {plan.hours_column!r} are not all in one unit in the reader's reading",
                          file=plan.source.file, column=plan.hours_column,
                          hint="Export the log with one unit for the hours column.")
    return factor


