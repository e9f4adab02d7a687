"""Start and end times (clock-in/clock-out) to hours, for logs that have no duration column."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from storykit.ingest.cells import WORKBOOK_DATETIMES, dates_are_midnights, many_distinct, map_distinct
from storykit.ingest.dates import parse_dates
from storykit.ingest.text_shapes import TextCodes, TextShapes, shape_blocks

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2})?\s*$")


def _split(value: object) -> tuple[object, float]:
    """(date part or None, minutes after midnight or NaN)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, math.nan
    if isinstance(value, dt.datetime):
        return value.date(), value.hour * 60 + value.minute + value.second / 60
    if isinstance(value, dt.time):
        return None, value.hour * 60 + value.minute + value.second / 60
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time as a fraction of a day
        return None, value * 1440
    text = str(value).strip()
    m = _TIME.search(text)
    if not m:
        return (text or None), math.nan
    h, mi, s, ampm = m.groups()
    hours = int(h)
    if ampm:
        hours = hours % 12 + (12 if ampm.lower().startswith("p") else 0)
    minutes = hours * 60 + int(mi) + (int(s) / 60 if s else 0)
    rest = text[: m.start()].strip().rstrip("T,")
    return (rest or None), minutes


def _split_all(values: pd.Series) -> pd.Series:
    return pd.Series([_split(v) for v in values.tolist()], index=values.index, dtype=object)


@dataclass(frozen=True)
class _Layout:
    """Where `_split` finds the fields in every cell of one shape: (byte, width) of each."""

    date: tuple[int, int]  # width 0: no date part
    hour: tuple[int, int] | None = None  # None: no time of day
    minute: tuple[int, int] = (0, 0)
    second: tuple[int, int] | None = None
    pm: bool | None = None  # None: a 24-hour clock

    def minutes(self, shapes: TextShapes, cells: np.ndarray) -> np.ndarray:
        if self.hour is None:
            return np.full(len(cells), np.nan)
        hours = shapes.number(cells, *self.hour)
        if self.pm is not None:
            hours = hours % 12 + (12 if self.pm else 0)
        whole = (hours * 60 + shapes.number(cells, *self.minute)).astype(np.float64)
        return whole + shapes.number(cells, *self.second) / 60 if self.second else whole  # as _split adds them

    def dates(self, shapes: TextShapes, cells: np.ndarray) -> tuple[np.ndarray, list[str | None]]:
        """The date part of each cell, factorized: (codes, distinct texts); None where there is none."""
        return shapes.texts(cells, *self.date) if self.date[1] else (np.zeros(len(cells), np.int64), [None])


def _layout(example: str) -> _Layout:
    """Where `_split` finds the date part and the time in a printable ASCII cell."""
    text = example.strip()
    lead = len(example) - len(example.lstrip())
    m = _TIME.search(text)
    if not m:
        return _Layout((lead, len(text)))
    before = text[: m.start()]
    at = lead + len(before) - len(before.lstrip())
    ampm = m.group(4)
    return _Layout((at, len(before.strip().rstrip("T,"))),
                   *((lead + m.start(g), m.end(g) - m.start(g)) if m.group(g) else None for g in (1, 2, 3)),
                   pm=ampm.lower().startswith("p") if ampm else None)


def _reads_as_split(layout: _Layout, shapes: TextShapes, cell: np.ndarray) -> bool:
    """Whether the layout reads the cell as `_split` does (a rule that stopped being a cut of the cell would not)."""
    date, minutes = _split(shapes.example(int(shapes.codes[cell[0]])))
    got = float(layout.minutes(shapes, cell)[0])
    codes, texts = layout.dates(shapes, cell)
    return texts[codes[0]] == date and (got == minutes or (math.isnan(got) and math.isnan(minutes)))


def parse_clock(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (NaT where the cell has only a time) and minutes after midnight (NaN where unreadable).

    Arrow text is read by shape (text_shapes): `_split` reads one cell of each shape, numpy the
    same places in all the others; other cells are split one distinct value at a time.
    """
    column = _with_midnights(column.reset_index(drop=True))
    stamps = _datetime_cells(column)
    if stamps is not None:  # a workbook's datetime cells: _split's arithmetic on whole columns
        minutes = (stamps.dt.hour * 60 + stamps.dt.minute).astype(np.float64) + stamps.dt.second / 60
        return _with_dates(stamps.dt.normalize(), minutes)
    minutes = np.full(len(column), np.nan)
    if not many_distinct(column):  # not arrow text, or few distinct values
        # each distinct value split by _split; dates as it gives them (str, date or None)
        parts = map_distinct(column, _split_all).tolist()
        return _with_dates(pd.Series([p[0] for p in parts], index=column.index, dtype=object),
                           pd.Series([p[1] for p in parts], index=column.index, dtype=np.float64))
    rest = np.ones(len(column), bool)
    dates = TextCodes(len(column))
    for rows, shapes in shape_blocks(column):  # a block's bytes and fields at a time, not the column's
        if shapes is not None:
            rest[rows] = _clock_by_shape(shapes, minutes[rows], dates, rows.start)
    if rest.any():  # arrow text: the date parts are text too
        parts = map_distinct(column[rest], _split_all).tolist()
        codes, texts = pd.factorize(pd.Series([p[0] for p in parts], dtype=object))
        dates.add(np.flatnonzero(rest), codes, list(texts))
        minutes[rest] = [p[1] for p in parts]
    return _with_dates(dates.column(), pd.Series(minutes, index=column.index))


def _clock_by_shape(shapes: TextShapes, minutes: np.ndarray, dates: TextCodes, first: int) -> np.ndarray:
    """Writes into `minutes` (and `dates`, at row `first` on) what `_split` reads in each cell whose shape it
    reads as a cut of the cell; the cells left for `_split` itself."""
    rest = shapes.codes < 0
    for shape in np.unique(shapes.codes[~rest]):
        cells = shapes.cells(shape)
        layout = _layout(shapes.example(shape))
        if not _reads_as_split(layout, shapes, cells[:1]):
            rest[cells] = True
            continue
        minutes[cells] = layout.minutes(shapes, cells)
        dates.add(cells + first, *layout.dates(shapes, cells))
    return rest


def _with_midnights(column: pd.Series) -> pd.Series:
    """An object column with its date cells as that day's midnight where `dates_are_midnights` says so."""
    if column.dtype != object or not len(column):
        return column
    values = column.to_numpy()
    types = np.fromiter(map(type, values), dtype=object, count=len(values))
    dates = types == dt.date
    if not dates_are_midnights(int(((types == dt.datetime) | (types == pd.Timestamp)).sum()), int(dates.sum())):
        return column
    values = values.copy()
    values[dates] = [dt.datetime(d.year, d.month, d.day) for d in values[dates]]
    return pd.Series(values, index=column.index, dtype=object)


def _datetime_cells(column: pd.Series) -> pd.Series | None:
    """A column of naive datetime objects (or a workbook's, kept as datetime64), none missing, as datetime64;
    None for any other column."""
    if column.dtype == WORKBOOK_DATETIMES:
        return column if len(column) and column.notna().all() else None
    if column.dtype != object or len(column) == 0 or infer_dtype(column, skipna=False) != "datetime":
        return None
    try:
        stamps = pd.to_datetime(column)
    except (ValueError, TypeError, OverflowError):  # mixed time zones; out of pandas' range (year 1, 9999): _split reads them
        return None
    return stamps if stamps.dt.tz is None and stamps.notna().all() else None


def _with_dates(dates: pd.Series, minutes: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The dates read with parse_dates (one format for the column), and minutes only where the date reads."""
    if dates.notna().any():
        date_values = parse_dates(dates).values
        # a cell whose date part cannot be read is unreadable, not a bare time of day
        minutes = minutes.where(~(dates.notna() & date_values.isna()))
    else:
        date_values = pd.Series(np.full(len(dates), np.datetime64("NaT", "ns")), index=dates.index)
    return date_values, minutes


#: Share of the rows with both a start and an end on which the pair must agree for `midnights` to read them so.
PAIRED = 0.95


def midnights(start_dates: np.ndarray, start_minutes: np.ndarray, end_dates: np.ndarray,
              end_minutes: np.ndarray) -> tuple[np.ndarray, np.ndarray, str | None]:
    """Start and end minutes after midnight, with a column of dates read as midnights where its partner says so,
    and which was ("start", "end" or None).

    python-calamine gives a datetime cell at exactly 00:00 as a date, so a night team whose every entry starts
    at 00:00 has a start column of dates with no time of day. Beside an end column of times, such a start
    column is one of midnights when each end falls later on the start's own day (the entry runs from 00:00);
    an end column of dates is one when each falls on the day after its start (the entry runs to 00:00).
    A column that carries a time of day on any row, or a pair that disagrees, is left as it is.
    """
    start = _midnights_of(start_dates, start_minutes, end_dates, end_minutes, 0)
    end = _midnights_of(end_dates, end_minutes, start_dates, start_minutes, 1)
    return start, end, "start" if start is not start_minutes else "end" if end is not end_minutes else None


def _midnights_of(dates: np.ndarray, minutes: np.ndarray, partner_dates: np.ndarray, partner_minutes: np.ndarray,
                  days_after: int) -> np.ndarray:
    """`minutes` with 0 on the days of a column of dates that are midnights `days_after` the partner's day
    (0: the partner ends later that day; 1: the partner starts the day before)."""
    day = ~np.isnat(dates)
    if not day.any() or not np.isnan(minutes[day]).all():
        return minutes
    both = day & ~np.isnat(partner_dates) & np.isfinite(partner_minutes)
    if not both.any():
        return minutes
    gap = (dates[both] - partner_dates[both]).astype("timedelta64[D]").astype(np.int64)
    later = partner_minutes[both] > 0 if days_after == 0 else np.ones(int(both.sum()), bool)
    if ((gap == days_after) & later).mean() < PAIRED:
        return minutes
    return np.where(day, 0.0, minutes)


def hours_between(start: pd.Series, end: pd.Series) -> tuple[pd.Series, str | None]:
    """Hours from start to end, and which of the two is a column of dates read as midnights (`midnights`).

    An end earlier than its start on a time-only log crosses midnight: it adds a day.
    """
    start_date, start_min = parse_clock(start.reset_index(drop=True))
    end_date, end_min = parse_clock(end.reset_index(drop=True))
    *both, at_midnight = midnights(start_date.to_numpy(), start_min.to_numpy(), end_date.to_numpy(),
                                   end_min.to_numpy())
    start_min, end_min = (pd.Series(m, index=start_min.index) for m in both)
    # days between the two dates, as floats: subtracting far-apart timestamps (a damaged year 9999)
    # overflows nanoseconds, so work in whole days since the epoch instead
    start_day = _day_number(start_date)
    end_day = _day_number(end_date)
    days = (end_day - start_day).fillna(0.0)
    hours = (end_min - start_min + days * 1440) / 60
    hours = hours.where(~((hours < 0) & end_date.isna()), hours + 24)
    hours = hours.where(hours.abs() <= 24 * 366)  # more than a year in one entry is not a time entry
    return hours, at_midnight


def _day_number(dates: pd.Series) -> pd.Series:
    """Days since 1970-01-01 as floats (NaN for NaT), safe for any year pandas can hold."""
    values = pd.to_datetime(dates).to_numpy().astype("datetime64[D]")
    days = values.astype("int64").astype("float64")
    days[np.isnat(values)] = np.nan
    return pd.Series(days, index=dates.index)
