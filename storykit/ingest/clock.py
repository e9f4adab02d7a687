"""Start and end times (clock-in/clock-out) to hours, for logs that have no duration column."""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd

from storykit.ingest.cells import map_distinct
from storykit.ingest.dates import parse_dates

_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*$")


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


def _plain_minutes(values: pd.Series) -> pd.Series:
    """Minutes of plain `H:MM[:SS]` texts (what WFM tools write), NaN for every other cell.

    Read by RE2 (or pandas' vectorised regex) without a Python call per cell; _split reads the rest.
    """
    arrow = getattr(values.array, "_pa_array", None)
    if arrow is not None:
        import pyarrow.compute as pc

        found = pc.extract_regex(arrow, _PLAIN_ASCII)  # null where no match; ASCII digits only
        sec = pc.struct_field(found, [2])
        parts = [pc.struct_field(found, [0]), pc.struct_field(found, [1]),
                 pc.if_else(pc.equal(sec, ""), "0", sec)]  # an optional group that did not match is ""
        h, m, s = (pc.cast(x, "float64").to_numpy(zero_copy_only=False) for x in parts)
        return pd.Series(h * 60 + m + s / 60, index=values.index)  # null -> NaN
    if isinstance(values.dtype, pd.StringDtype):  # text columns; object columns may hold times
        p = values.str.extract(_PLAIN).astype("float64")
        return p[0] * 60 + p[1] + p[2].fillna(0.0) / 60  # NaN where the text did not match
    return pd.Series(np.nan, index=values.index)


def _split_all(values: pd.Series) -> pd.Series:
    return pd.Series([_split(v) for v in values.tolist()], index=values.index, dtype=object)


def parse_clock(column: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Dates (NaT where the cell has only a time) and minutes after midnight (NaN where unreadable)."""
    column = column.reset_index(drop=True)
    minutes = map_distinct(column, _plain_minutes).to_numpy(dtype="float64", copy=True)  # per distinct value
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
