"""Start and end times (clock-in/clock-out) to hours, for logs that have no duration column."""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd

from storykit.ingest.cells import map_distinct, text_buffers
from storykit.ingest.dates import parse_dates

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


_PLAIN = r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$"
_PLAIN_ASCII = r"^(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?$"


def _plain_minutes(values: pd.Series) -> np.ndarray:
    """Minutes of plain `H:MM[:SS]` texts (what WFM tools write), NaN for every other cell.

    Without a Python call per cell: the usual widths digit by digit, the rest by RE2 (or pandas'
    vectorised regex); _split reads what neither does.
    """
    minutes = _fixed_minutes(values)
    if minutes is not None:
        rest = np.isnan(minutes)
        if rest.any():
            import pyarrow as pa
            import pyarrow.compute as pc

            found = pc.extract_regex(pc.filter(values.array._pa_array, pa.array(rest)), _PLAIN_ASCII)
            sec = pc.struct_field(found, [2])
            parts = [pc.struct_field(found, [0]), pc.struct_field(found, [1]),
                     pc.if_else(pc.equal(sec, ""), "0", sec)]  # an optional group that did not match is ""
            h, m, s = (pc.cast(x, "float64").to_numpy(zero_copy_only=False) for x in parts)
            minutes[rest] = h * 60 + m + s / 60  # no match -> NaN
        return minutes
    if isinstance(values.dtype, pd.StringDtype):  # text columns; object columns may hold times
        p = values.str.extract(_PLAIN).astype("float64")
        return (p[0] * 60 + p[1] + p[2].fillna(0.0) / 60).to_numpy()  # NaN where the text did not match
    return np.full(len(values), np.nan)


def _fixed_minutes(values: pd.Series) -> np.ndarray | None:
    """Minutes of `HH:MM` and `HH:MM:SS` cells read from an arrow column's bytes, NaN elsewhere.

    Exactly what the plain-time pattern gives for those two widths, the ones exports use.
    """
    chunks = text_buffers(values)
    if chunks is None:
        return None
    out = []
    for offsets, data, present in chunks:
        start, length = offsets[:-1], np.diff(offsets)
        minutes = np.full(len(start), np.nan)
        for width in (5, 8):
            at = np.flatnonzero((length == width) & present)
            minutes[at] = _hh_mm_ss(data, start[at], width)
        out.append(minutes)
    return np.concatenate(out) if out else np.zeros(0)


def _hh_mm_ss(data: np.ndarray, first: np.ndarray, width: int) -> np.ndarray:
    """Minutes of the `width`-byte values starting at `first` (HH:MM or HH:MM:SS), NaN where not so.

    One byte position at a time, so the temporaries are a few bytes per cell.
    """
    ok = np.ones(len(first), dtype=bool)
    whole = np.zeros(len(first), dtype=np.int32)  # minutes, as _split adds them: h * 60 + m, then s / 60
    seconds = np.zeros(len(first), dtype=np.int32)
    for i, (target, weight) in enumerate([(whole, 600), (whole, 60), (None, 0), (whole, 10), (whole, 1),
                                          (None, 0), (seconds, 10), (seconds, 1)][:width]):
        byte = data[first + i]
        if target is None:
            ok &= byte == ord(":")
            continue
        digit = byte.astype(np.int16) - ord("0")
        ok &= (digit >= 0) & (digit <= 9)
        target += digit * weight
    return np.where(ok, whole + seconds / 60, np.nan)


def _split_all(values: pd.Series) -> pd.Series:
    return pd.Series([_split(v) for v in values.tolist()], index=values.index, dtype=object)


def parse_clock(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (NaT where the cell has only a time) and minutes after midnight (NaN where unreadable)."""
    column = column.reset_index(drop=True)
    minutes = _plain_minutes(column)
    rest = np.isnan(minutes)
    dates = pd.Series(None, index=column.index, dtype=object)
    if rest.any():
        parts = map_distinct(column[rest], _split_all).tolist()
        dates[rest] = [p[0] for p in parts]
        minutes[rest] = [p[1] for p in parts]
    minutes = pd.Series(minutes, index=column.index)
    if dates.notna().any():
        date_values = parse_dates(dates).values
        # a cell whose date part cannot be read is unreadable, not a bare time of day
        minutes = minutes.where(~(dates.notna() & date_values.isna()))
    else:
        date_values = pd.Series(pd.NaT, index=dates.index, dtype="datetime64[ns]")
    return date_values, minutes


def hours_between(start: pd.Series, end: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Hours from start to end, and the start date where the cells carry one.

    An end earlier than its start on a time-only log crosses midnight: it adds a day.
    """
    start_date, start_min = parse_clock(start.reset_index(drop=True))
    end_date, end_min = parse_clock(end.reset_index(drop=True))
    # days between the two dates, as floats: subtracting far-apart timestamps (a damaged year 9999)
    # overflows nanoseconds, so work in whole days since the epoch instead
    start_day = _day_number(start_date)
    end_day = _day_number(end_date)
    days = (end_day - start_day).fillna(0.0)
    hours = (end_min - start_min + days * 1440) / 60
    hours = hours.where(~((hours < 0) & end_date.isna()), hours + 24)
    hours = hours.where(hours.abs() <= 24 * 366)  # more than a year in one entry is not a time entry
    return hours, start_date


def _day_number(dates: pd.Series) -> pd.Series:
    """Days since 1970-01-01 as floats (NaN for NaT), safe for any year pandas can hold."""
    values = pd.to_datetime(dates).to_numpy().astype("datetime64[D]")
    days = values.astype("int64").astype("float64")
    days[np.isnat(values)] = np.nan
    return pd.Series(days, index=dates.index)
