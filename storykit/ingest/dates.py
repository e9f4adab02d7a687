"""Dates as written by tools in any locale, with one day/month order decided per column.

`format="mixed"` swaps day and month silently from one cell to the next; we instead try each
candidate format on the whole column and keep the one that reads every value, breaking a
day/month tie by which reading gives the shorter, denser period.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from dataclasses import dataclass

import pandas as pd

from storykit.ingest.cells import distinct, map_cells, map_distinct

_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d",
    "%d.%m.%Y", "%d.%m.%y",
    "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y",
    "%d-%m-%Y", "%m-%d-%Y",
    "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%B %d, %Y",
    "%a %d %b %Y", "%a, %d %b %Y", "%A, %B %d, %Y",
)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_TIME_SUFFIX = r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?|T)$"


@dataclass(frozen=True)
class DateReading:
    """A parsed date column and how it was read, so the mapping can say it."""

    values: pd.Series  # datetime64 at midnight, NaT where unreadable
    how: str
    ambiguous: bool = False


#: Dates a time log can hold; anything outside is unreadable (and pandas' nanosecond range is safe).
EARLIEST, LATEST = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-12-31")


def parse_dates(column: pd.Series) -> DateReading:
    """Read a whole column of dates; the format is chosen from all values, never per cell.

    Dates before 1900 or after 2200 (9999-12-31 placeholders, typos) become NaT, so their rows
    are listed as skipped instead of overflowing the arithmetic downstream.
    """
    reading = _parse_dates(column)
    values = reading.values
    inside = (values >= EARLIEST) & (values <= LATEST)
    return dataclasses.replace(reading, values=values.where(inside).astype("datetime64[ns]"))


def _parse_dates(column: pd.Series) -> DateReading:
    column = column.reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(column):
        return DateReading(pd.to_datetime(column).dt.normalize(), "dates")
    values = distinct(column)  # the checks below read each distinct value once
    present = values[values.map(_present).astype(bool)]
    if present.empty:
        return DateReading(pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]"), "empty")
    if present.map(lambda v: isinstance(v, (dt.date, dt.datetime, pd.Timestamp))).all():
        return DateReading(pd.to_datetime(column, errors="coerce").dt.normalize(), "dates")
    numeric = pd.to_numeric(present.astype("string").str.strip(), errors="coerce")
    if numeric.notna().all():
        return _from_numbers(column)
    text = map_cells(column, lambda v: v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v)
    text = map_distinct(text, lambda t: t.astype("string").str.strip().str.replace(_TIME_SUFFIX, "", regex=True)
                        .str.strip())
    uniques = distinct(text).dropna()
    uniques = uniques[uniques != ""].reset_index(drop=True)
    best: tuple[int, float, str] | None = None
    for fmt in _DATE_FORMATS:
        parsed = pd.to_datetime(uniques, format=fmt, errors="coerce")
        hits = int(parsed.notna().sum())
        if hits == 0:
            continue
        span = float((parsed.max() - parsed.min()).days) if hits > 1 else 0.0
        key = (hits, -span, fmt)
        if best is None or (key[0], key[1]) > (best[0], best[1]):
            best = key
        if hits == len(uniques) and fmt.startswith("%Y"):
            break  # year first reads every value: no later format reads them, so none can tie
    if best is None:
        return DateReading(pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]"), "unreadable")
    fmt = best[2]
    swapped = _swap(fmt)
    ambiguous = False
    if swapped and not fmt.startswith("%Y"):
        other = pd.to_datetime(uniques, format=swapped, errors="coerce")
        ambiguous = int(other.notna().sum()) == best[0]
    lookup = dict(zip(uniques, pd.to_datetime(uniques, format=fmt, errors="coerce"), strict=True))
    values = map_distinct(text, lambda t: pd.to_datetime(t.map(lookup), errors="coerce").dt.normalize())
    return DateReading(values, _describe(fmt), ambiguous)


def _from_numbers(column: pd.Series) -> DateReading:
    numbers = pd.to_numeric(column.astype("string").str.strip(), errors="coerce")
    # plain floats with NaN: nullable NA has no truth value, which broke the serial-number branch
    numbers = pd.Series(numbers.astype("Float64").to_numpy(dtype="float64", na_value=math.nan), index=column.index)
    typical = float(numbers.dropna().median())
    if 1e11 < typical < 1e14:  # epoch milliseconds (YouTrack, many APIs)
        values = pd.to_datetime(numbers, unit="ms", errors="coerce")
        how = "epoch milliseconds"
    elif 1e8 < typical < 1e11:
        values = pd.to_datetime(numbers, unit="s", errors="coerce")
        how = "epoch seconds"
    elif 19000101 <= typical <= 21001231:
        values = pd.to_datetime(numbers.astype("Int64").astype("string"), format="%Y%m%d", errors="coerce")
        how = "YYYYMMDD numbers"
    elif 1 <= typical < 100000:
        ok = numbers.where((numbers >= 1) & (numbers < 2958466))
        values = _EXCEL_EPOCH + pd.to_timedelta(ok // 1, unit="D")  # the fraction is the time of day
        how = "Excel serial numbers"
    else:
        values = pd.Series(pd.NaT, index=column.index)
        how = "unreadable numbers"
    return DateReading(pd.to_datetime(values).dt.normalize(), how)


def _present(v: object) -> bool:
    if v is None:
        return False
    if isinstance(v, float) and math.isnan(v):
        return False
    return str(v).strip() != ""


def _swap(fmt: str) -> str | None:
    if "%d" in fmt and "%m" in fmt:
        return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
    return None


def _describe(fmt: str) -> str:
    return (
        fmt.replace("%Y", "YYYY").replace("%y", "YY").replace("%m", "MM").replace("%d", "DD")
        .replace("%b", "Mon").replace("%B", "Month").replace("%a", "Day").replace("%A", "Day")
    )
