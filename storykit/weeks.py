"""ISO weeks, one rule for every module: a week starts on Monday; a period counts every week it touches."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

#: An ISO week written as text: '2026-W10', '2026W10', '2026 - W 10'.
ISO_WEEK = re.compile(r"^\s*(\d{4})\s*-?\s*W\s*(\d{1,2})\s*$", re.IGNORECASE)


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def next_week_start(day: dt.date) -> dt.date:
    """The Monday after `day`'s week: where a plan made from data ending on `day` starts."""
    return week_start(day) + dt.timedelta(weeks=1)


def week_starts(dates: pd.Series) -> pd.Series:
    """Each datetime's Monday, at midnight: the week a row's hours count in."""
    if isinstance(dates.dtype, np.dtype):  # naive: whole days counted from 1970-01-01, a Thursday (a third of the time)
        days = dates.to_numpy().astype("datetime64[D]")
        monday = days - ((days.view(np.int64) + 3) % 7).astype("timedelta64[D]")
        return pd.Series(monday.astype(dates.dtype), index=dates.index, name=dates.name)
    return (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()


def weeks_touched(first: dt.date, last: dt.date) -> int:
    """ISO weeks from `first` to `last` inclusive (a Monday-to-Friday month is 4 or 5, never 3.7)."""
    return (week_start(last) - week_start(first)).days // 7 + 1


def mondays(first: dt.date, last: dt.date) -> list[dt.date]:
    """The Monday of every week from `first` to `last`, in order."""
    start = week_start(first)
    return [start + dt.timedelta(weeks=i) for i in range(weeks_touched(first, last))]


def iso_week_start(text: str) -> dt.date | None:
    """The Monday of an ISO week written as text ('2026-W10'); None when the text is no ISO week or
    names one its year does not have ('2026-W54')."""
    found = ISO_WEEK.match(text)
    if found is None:
        return None
    try:
        return dt.date.fromisocalendar(int(found[1]), int(found[2]), 1)
    except ValueError:
        return None
