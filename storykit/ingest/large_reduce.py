"""A raw log too large for memory, reduced on embedded DuckDB to hours per person, activity and day.

One pass: batches of the file (large_input.py) flow into one DuckDB GROUP BY under a memory limit
with nothing spilled to disk; each row's hours are read by the SQL of the sample's reading
(large_plan.py), and the groups' distinct dates and labels then by the normal reader's rules. Rows
the reader would skip (total rows, unreadable hours or dates) are counted and listed by file and
row, a bounded number of them; long and negative entries are flagged the same way. Before the
pass, the plan is run over the sample and must give exactly what the normal reader gave there.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from storykit.errors import FormatError, LimitError, StoryKitError
from storykit.ingest.cell_text import text
from storykit.ingest.dates import EARLIEST, LATEST
from storykit.ingest.large_input import LargeInput, batches, chain, open_input, parquet_parts, read_ahead
from storykit.ingest.large_plan import Plan, distinct_days, literal, make_plan
from storykit.ingest.roles.values import person_name
from storykit.ingest.row_checks import (
    FUTURE_DATE,
    LONG_ENTRY_HOURS,
    date_reason,
    hours_reason,
    long_entry,
    negative_entry,
)
from storykit.ingest.table import TOTAL_ROW_REASON, is_total_text
from storykit.limits import LIMITS, Limits
from storykit.model import FLAG, STRUCTURE, UNREADABLE, SkippedRow, TimeLog, add_provenance, as_labels
from storykit.progress import Progress, quiet

#: Rows listed per kind of problem (the rest are counted): enough to find and fix them in the file.
LISTED = 1_000
#: Rows listed per group of the GROUP BY (person, activity, date, raw value): the list stays cheap.
PER_GROUP = 20
#: How many more groups a cell may make of the sample's (person, activity, day) groups and still be a key.
SPLIT = 1.25
#: Units a plain number of hours can be in, as numbers per hour.
FACTORS = (1, 60, 3600)
_FILE_SHIFT = 40  # a row is coded as file index << 40 | row number: one sortable integer


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
        groups, read = _scan(inp, plan, limits, con, progress)
    return _to_log(inp, plan, groups, read)


def _query(plan: Plan, source: str = "batches") -> str:
    hours = plan.hours.replace("{factor}", str(plan.factor))
    cells = "".join(f"{key}, " for key in plan.cell_keys)
    return f"""
WITH cells AS (
  SELECT __row, {plan.total} AS total_row, {plan.person} AS person, {plan.activity} AS activity,
         {plan.day} AS day, {hours} AS h, {plan.raw_columns}{plan.cell_columns}
  FROM {source} WHERE {plan.filled}),
rows AS (SELECT * EXCLUDE (h), CASE WHEN isfinite(h) AND abs(h) <= {24 * 366} THEN h END AS hours FROM cells)
SELECT person, activity, day, {cells}total_row, CASE WHEN hours IS NULL THEN {plan.bad_raw} END AS bad_raw,
       sum(hours) AS hours, count(*) AS n, min(__row) AS first_row,
       min(__row, {PER_GROUP}) FILTER (WHERE hours IS NULL OR total_row) AS listed,
       count(*) FILTER (WHERE hours > {LONG_ENTRY_HOURS}) AS long_n,
       min_by({{'row': __row, 'hours': hours}}, __row, {PER_GROUP}) FILTER (WHERE hours > {LONG_ENTRY_HOURS}) AS long_rows,
       count(*) FILTER (WHERE hours < 0) AS negative_n,
       min_by({{'row': __row, 'hours': hours}}, __row, {PER_GROUP}) FILTER (WHERE hours < 0) AS negative_rows
FROM rows
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
          until: int | None = None, query: str | None = None) -> tuple[pd.DataFrame, int]:
    """One pass over the input (up to row `until`): the groups, and how many rows were read."""
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
            code = (len(files) - 1) << _FILE_SHIFT
            rows = pa.array(np.arange(first, first + n, dtype=np.int64) + code)
            yield pa.RecordBatch.from_arrays([*batch.slice(0, n).columns, rows],
                                             names=[*batch.schema.names, "__row"])
            read += n
            progress(0.02 + 0.9 * _fraction(inp, read), f"{read:,} rows read")

    if inp.kind == "parquet" and inp.data is None:  # files on disk: DuckDB reads them itself, on all cores
        return _scan_parquet(inp, plan, limits, con, until, query)
    stream = numbered()
    first_batch = next(stream, None)
    if first_batch is None:
        raise FormatError("the file has no rows below its header", file=inp.name)
    import duckdb

    reader = pa.RecordBatchReader.from_batches(first_batch.schema, chain(first_batch, stream))
    con.register("batches", reader)
    try:
        groups = con.sql(query or _query(plan)).df()
    except duckdb.Error:
        if failed:  # what the batches raised (a limit, a damaged file), not DuckDB's wrapping of it
            raise failed[0] from None
        raise
    finally:
        con.unregister("batches")
    groups.attrs["files"] = files
    return groups, read


def _scan_parquet(inp: LargeInput, plan: Plan, limits: Limits, con: Any, until: int | None,
                  query: str | None) -> tuple[pd.DataFrame, int]:
    """_scan for Parquet files on disk, read by DuckDB's own scanner; rows numbered from 1 in each file."""
    parts = parquet_parts(inp, limits)  # footers first: sizes and columns within the limits
    files = [name for name, _ in parts]
    paths = "[" + ", ".join(literal(str(p)) for p in inp.parts) + "]"
    only = f" WHERE filename = {literal(str(inp.parts[0]))} AND file_row_number < {until}" if until else ""
    source = (f"(SELECT * EXCLUDE (filename, file_row_number), "
              f"(CAST(list_position({paths}, filename) - 1 AS BIGINT) << {_FILE_SHIFT}) + file_row_number + 1 AS __row "
              f"FROM read_parquet({paths}, filename = true, file_row_number = true){only})")
    groups = con.sql((query or _query(plan)).replace("FROM batches", f"FROM {source}")).df()
    groups.attrs["files"] = files
    read = sum(reader.metadata.num_rows for _, reader in parts) if until is None else until
    return groups, read


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
    numbers, _ = _scan(inp, plan, limits, con, until=last,
                       query=f"SELECT __row, {plan.hours_number} AS number FROM batches")
    plan = dataclasses.replace(plan, factor=_factor(numbers, sample, shift, plan))
    if plan.total_cells:
        plan = dataclasses.replace(plan, cells_are_keys=_cells_keep_groups(inp, plan, limits, con, last))
    groups, _ = _scan(inp, plan, limits, con, until=last)
    got = _to_log(inp, plan, groups, 0, sample=True)  # none read (every cell '1h 30m'): the row is named below
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
        at = int(row["at"])
        raise FormatError(
            f"reading in batches would read row {at + shift} differently from the normal reader "
            f"({_hours_text(row['hours'])} vs {_hours_text(row['hours_large'])} for {key[1]}, {key[2]}, "
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


def _cells_keep_groups(inp: LargeInput, plan: Plan, limits: Limits, con: Any, last: int) -> bool:
    """Whether the cells that may say "Total" (a team, a client) split the sample's groups by at most SPLIT.

    If not, they are GROUP BY keys: the reader's rule then reads each distinct cell once, where a
    regex would read every row (half the query's time at 20M rows); a free-text cell stays a regex.
    """
    keys = f"{plan.person}, {plan.activity}, {plan.day}"
    counts, _ = _scan(inp, plan, limits, con, until=last, query=(
        f"SELECT count(DISTINCT ({keys})) AS groups, count(DISTINCT ({keys}, {', '.join(plan.total_cells)})) "
        f"AS split FROM batches WHERE {plan.filled}"))
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
    factor = min(FACTORS, key=lambda f: abs(np.log(float(ratio.median()) / f)))
    if not np.allclose(ratio, factor, rtol=1e-9):
        raise FormatError(f"the numbers in {plan.hours_column!r} are not all in one unit in the reader's reading",
                          file=plan.source.file, column=plan.hours_column,
                          hint="Export the log with one unit for the hours column.")
    return factor


def _labels(raw: pd.Series, blank: str, rule: Callable[[str], str] = str) -> pd.Series:
    """The reader's label for each raw text (its cell rule, then `rule`, once per distinct value)."""
    distinct = pd.Series(raw.unique())
    named = distinct.map(lambda v: rule(text(v)) or blank)
    return raw.map(dict(zip(distinct, named, strict=True)))


def _to_log(inp: LargeInput, plan: Plan, groups: pd.DataFrame, read: int, sample: bool = False) -> TimeLog:
    """The groups as a TimeLog of one row per person, activity and day, with what was skipped and flagged;
    with no row readable, a FormatError (for the whole file; the sample's check names the row instead)."""
    files: list[str] = groups.attrs["files"]
    src = plan.source
    groups["date"] = _dates(groups["day"])
    total = groups["total_row"].astype(bool)
    for key in plan.total_keys + plan.cell_keys:  # the reader's total-row rule, once per distinct key
        total |= groups[key].map(_is_total_memo(groups[key])).eq(True)  # a NULL cell (Parquet) says nothing
    bad_hours = groups["hours"].isna() & ~total
    bad_date = groups["date"].isna() & ~total & ~bad_hours
    good = ~total & ~bad_hours & ~bad_date
    skipped, more_skipped = _skipped(groups, total, bad_hours, bad_date, plan, files)
    flagged, more_flagged = _flagged(groups[good], files)
    kept = groups[good]
    frame = pd.DataFrame({
        "date": kept["date"].to_numpy(),
        "person": _labels(kept["person"], "(no name)",  # a person column's 'Name <address>' is the name
                          person_name if "person" in src.mapping else str).to_numpy(),
        "activity": _labels(kept["activity"], "(no category)").to_numpy(),
        "hours": kept["hours"].to_numpy(dtype="float64"),
        "code": kept["first_row"].to_numpy(dtype="int64"),
    }).groupby(["date", "person", "activity"], as_index=False, sort=True).agg(hours=("hours", "sum"),
                                                                               code=("code", "min"))
    if frame.empty and not sample:
        raise FormatError(f"no readable rows: {more_skipped + len(skipped):,} rows were skipped"
                          + (f", e.g. row {skipped[0].row}: {skipped[0].reason}" if skipped else ""), file=inp.name,
                          hint="Check that the file is the detailed time report.")
    as_labels(frame)
    code = frame.pop("code").to_numpy()
    add_provenance(frame, files[0], None, pd.Series(code & ((1 << _FILE_SHIFT) - 1)))
    if len(files) > 1:  # a folder of parts: each group's first row is in one of them
        frame["file"] = pd.Categorical.from_codes((code >> _FILE_SHIFT).astype("int32"), categories=files)
    kept_rows = int(kept["n"].sum())
    warnings = list(src.warnings) + [
        f"read in batches ({read:,} rows; in memory the limit is {LIMITS.rows:,}) and reduced on DuckDB to hours per "
        f"person, activity and day; its columns read as the reader read its first {len(plan.sample.frame):,} rows",
        "not checked on a file this large: exact duplicate rows, and switches between activities within a day",
    ]
    source = dataclasses.replace(src, rows=kept_rows, warnings=tuple(dict.fromkeys(warnings)),
                                 more_skipped=more_skipped, more_flagged=more_flagged)
    return TimeLog(frame, (source,), tuple(skipped), tuple(flagged))


def _dates(days: pd.Series) -> pd.Series:
    """Each group's date: typed dates as they are, texts by the reader's date rules over all distinct texts."""
    if pd.api.types.is_datetime64_any_dtype(days) or days.map(type).eq(dt.date).all():
        values = pd.to_datetime(days, errors="coerce")
        return values.where((values >= EARLIEST) & (values <= LATEST)).astype("datetime64[ns]")
    keys = pd.Series(days.dropna().unique())
    return days.map(dict(zip(keys, distinct_days(keys), strict=True))).astype("datetime64[ns]")


def _is_total_memo(keys: pd.Series) -> dict[object, bool]:
    return {k: is_total_text(k) for k in keys.dropna().unique()}


def _where(code: int, files: list[str]) -> tuple[str, int]:
    return files[code >> _FILE_SHIFT], code & ((1 << _FILE_SHIFT) - 1)


def _skipped(groups: pd.DataFrame, total: pd.Series, bad_hours: pd.Series, bad_date: pd.Series, plan: Plan,
             files: list[str]) -> tuple[list[SkippedRow], int]:
    from storykit.ingest.durations import DurationError, parse_duration

    out: list[tuple[int, str]] = []
    count = int(groups.loc[total | bad_hours | bad_date, "n"].sum())
    for g in groups[total].itertuples():
        out.extend((int(c), TOTAL_ROW_REASON) for c in (g.listed if g.total_row else [g.first_row]))
    for g in groups[bad_hours].itertuples():
        try:
            parse_duration(g.bad_raw)
            why = f"{g.bad_raw!r} is written in a way its first rows were not (read in batches)"
        except DurationError as e:
            why = str(e)
        out.extend((int(c), hours_reason(plan.hours_column, why)) for c in g.listed)
    for g in groups[bad_date].itertuples():
        out.append((int(g.first_row), date_reason(text(g.day), plan.date_column)))
    out.sort()
    listed = [SkippedRow(*_where(code, files), why, None,  # total rows are the table's own, the rest entries lost
                         STRUCTURE if why == TOTAL_ROW_REASON else UNREADABLE) for code, why in out[:LISTED]]
    return listed, count - len(listed)


def _flagged(good: pd.DataFrame, files: list[str]) -> tuple[list[SkippedRow], int]:
    out: list[tuple[int, str]] = []
    for rows in good["long_rows"].dropna():
        out.extend((int(r["row"]), long_entry(r["hours"])) for r in rows)
    for rows in good["negative_rows"].dropna():
        out.extend((int(r["row"]), negative_entry(r["hours"])) for r in rows)
    future = good[good["date"] > pd.Timestamp.today().normalize()]
    out.extend((int(c), FUTURE_DATE) for c in future["first_row"])
    count = int(good["long_n"].sum() + good["negative_n"].sum()) + len(future)
    out.sort()
    listed = [SkippedRow(*_where(code, files), why, None, FLAG) for code, why in out[:LISTED]]
    return listed, count - len(listed)
