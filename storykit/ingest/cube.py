"""Pre-aggregated cube files: hours by person, activity and ISO week, made where the raw logs live.

A warehouse or Spark reduces tens of millions of worklog rows to a cube with one GROUP BY (the
SQL is in the README); storykit reads that cube (CSV, gzip CSV or Parquet) instead of the rows,
and everything after ingest is the same, because everything after ingest reads the cube anyway.

Columns (any order, any case): person, activity, week (the ISO week's Monday, or 2026-W27), hours;
optionally first_day and last_day (the first and last date logged in that cell), which make the
story's period exact instead of whole weeks.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from storykit.errors import FormatError, LimitError, ReadError
from storykit.ingest.grid import MAX_BYTES, Grid
from storykit.model import SkippedRow, Source, TimeLog, add_provenance, as_labels
from storykit.weeks import iso_week_start, week_starts

REQUIRED = ("person", "activity", "week", "hours")
OPTIONAL = ("first_day", "last_day")
PARQUET_MAGIC = b"PAR1"


def _names(cells: list[object]) -> list[str]:
    return [str(c).strip().lower().replace(" ", "_") if c is not None else "" for c in cells]


def is_cube_header(cells: list[object]) -> bool:
    """True when a header row names exactly the cube's columns (the optional ones allowed)."""
    names = [n for n in _names(cells) if n]
    return set(REQUIRED) <= set(names) and set(names) <= set(REQUIRED + OPTIONAL)


def read_cube_grid(grid: Grid) -> TimeLog:
    """A cube read as text or a sheet: header on the first row, one row per cell after it."""
    header = _names(grid.rows(0, 1).iloc[0].tolist())
    body = grid.rows(1).reset_index(drop=True)
    body.columns = [h or f"column {i + 1}" for i, h in enumerate(header)]
    return _to_log(body, grid.file, grid.sheet)


def read_parquet_cube(name: str, data: bytes) -> TimeLog:
    """A cube written as Parquet (what Spark and DuckDB write by default)."""
    if len(data) > MAX_BYTES:
        raise LimitError(f"the file is {len(data) / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MB", file=name)
    from storykit.ingest.guard import check_parquet

    check_parquet(name, data)  # rows, columns and declared size from the footer, before reading
    try:
        import pyarrow.parquet as pq

        table = pq.read_table(io.BytesIO(data))
    except Exception as e:  # pyarrow raises several types for damaged files
        raise ReadError(f"the Parquet file cannot be read ({e})", file=name,
                        hint="Write it again, or export the cube as CSV.") from None
    frame = table.to_pandas()
    frame.columns = _names(list(frame.columns))
    if not is_cube_header(list(frame.columns)):
        raise FormatError(
            "a Parquet file must be a cube with the columns person, activity, week and hours", file=name,
            column=", ".join(map(str, frame.columns)),
            hint="Aggregate the worklog with the SQL in the README, or upload the raw export as CSV/XLSX.",
        )
    return _to_log(frame, name, None)


def _monday(values: pd.Series) -> tuple[pd.Series, int]:
    """Each week value as its ISO week's Monday, and how many were not already a Monday."""
    text = values.astype("string").str.strip()
    weeks = text.map(iso_week_start, na_action="ignore")
    dates = pd.to_datetime(values if pd.api.types.is_datetime64_any_dtype(values) else text,
                           errors="coerce", format="ISO8601")
    weekly = weeks.notna().to_numpy(dtype=bool)
    if weekly.any():
        dates = dates.astype("datetime64[ns]")
        dates[weekly] = pd.to_datetime(weeks[weekly])
    dates = pd.to_datetime(dates).dt.normalize()
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    monday = week_starts(dates)  # dates are at midnight already
    moved = int(((monday != dates) & dates.notna()).sum())
    return monday, moved


def _to_log(body: pd.DataFrame, file: str, sheet: str | None) -> TimeLog:
    rows = pd.Series(np.arange(len(body)) + 2)
    week, moved = _monday(body["week"])
    hours = pd.to_numeric(body["hours"].astype("string").str.strip().str.replace(",", ".", regex=False),
                          errors="coerce").astype("float64").reset_index(drop=True)
    person = body["person"].astype("string").str.strip().fillna("").reset_index(drop=True)
    activity = body["activity"].astype("string").str.strip().fillna("").reset_index(drop=True)
    blank = (person == "") & (activity == "") & hours.isna() & week.isna()
    date = week.copy()
    warnings = ["a pre-aggregated cube: one row per person, activity and ISO week"]
    if "first_day" in body and "last_day" in body:
        first = pd.to_datetime(body["first_day"], errors="coerce", format="ISO8601").dt.normalize()
        last = pd.to_datetime(body["last_day"], errors="coerce", format="ISO8601").dt.normalize()
        first, last = first.reset_index(drop=True), last.reset_index(drop=True)
        if first.notna().any():
            # Each row's date only has to fall in its week; these two make the period exact.
            date = first.where(first.notna(), week)
            end = last.max()
            if pd.notna(end):
                at_end = (last == end) & (first != first.min())
                date = date.where(~at_end, last)
    else:
        warnings.append("the period runs from the first week's Monday to the last week's Monday "
                        "(add first_day and last_day columns for exact dates)")
    if moved:
        warnings.append(f"{moved} week values were not Mondays: each counts in the ISO week it falls in")
    reasons = pd.Series("", index=hours.index, dtype=object)
    reasons[hours < 0] = "negative hours"
    reasons[hours.isna()] = "hours is not a number"
    reasons[week.isna()] = "week is not a date or ISO week (e.g. 2026-06-29 or 2026-W27)"
    reasons[blank] = ""
    bad = (reasons != "") | blank
    skipped = tuple(SkippedRow(file, int(rows[i]), f"cube row: {reasons[i]}", sheet)
                    for i in reasons.index[reasons != ""])
    frame = pd.DataFrame({
        "date": date, "person": person.where(person != "", "(no name)"),
        "activity": activity.where(activity != "", "(no category)"), "hours": hours,
    })[~bad].reset_index(drop=True)
    frame["person"] = frame["person"].astype(str)
    frame["activity"] = frame["activity"].astype(str)
    as_labels(frame)
    frame["date"] = frame["date"].astype("datetime64[ns]")
    add_provenance(frame, file, sheet, rows[~bad])
    if frame.empty:
        raise FormatError("the cube has no readable rows", file=file, sheet=sheet,
                          hint="Each row needs a person, an activity, a week and hours.")
    source = Source(file=file, format="cube", sheet=sheet, header_row=1, rows=len(frame),
                    mapping={c: c for c in REQUIRED}, category_column="activity", confidence=1.0,
                    warnings=tuple(warnings))
    return TimeLog(frame, (source,), skipped, ())
