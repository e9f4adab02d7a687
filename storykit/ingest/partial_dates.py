"""Dates written without a year ('Mon 10/30', '30.10.', 'Oct 30'), given the year of the period they sit in.

Timesheets pasted from web tools often show only the day and month; the year is in the file's
name (a pay period 20171029_20180331), the sheet's name or the title. Each date takes the year
that puts it inside that period; a weekday written beside it must agree, or the cell is left
for the reader to report.
"""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from storykit.ingest.cell_text import text
from storykit.ingest.cells import map_cells

_WEEKDAY = r"(?:(?P<wd>[A-Za-zÀ-ÿ]{2,10})\.?,?\s+)?"
_NUMERIC = re.compile(_WEEKDAY + r"(?P<a>\d{1,2})\s*(?P<sep>[/.])\s*(?P<b>\d{1,2})\.?$")
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6, "mo": 0, "di": 1, "mi": 2,
             "do": 3, "fr": 4, "sa": 5, "so": 6, "lun": 0, "mar": 1, "mer": 2, "jeu": 3, "ven": 4, "sam": 5, "dim": 6}
MOSTLY = 0.8


def complete_years(body: pd.DataFrame, blank: pd.DataFrame,
                   period: tuple[dt.date, dt.date] | None, said: str) -> tuple[pd.DataFrame, str | None]:
    """The body with its year-less date column as dates inside `period` (from `said`), and a note; else unchanged."""
    if period is None:
        return body, None
    for column in body.columns:
        filled = body[column][~blank[column].to_numpy()]
        if filled.empty or (filled.dtype != object and not pd.api.types.is_string_dtype(filled)):
            continue
        parts = map_cells(filled, lambda v: _NUMERIC.match(text(v)))
        if parts.isna().mean() > 1 - MOSTLY:
            continue
        matches = [m for m in parts if m is not None]
        month_first = _month_first(matches)
        dates = map_cells(body[column], lambda v, mf=month_first: _date(text(v), mf, period) or v)
        done = sum(isinstance(d, dt.date) for d in dates)
        if done < MOSTLY * len(filled):
            continue
        out = body.copy()
        out[column] = dates.astype(object)
        order = "month/day" if month_first else "day.month"
        return out, (f"dates in {column!r} have no year ({order}, e.g. {text(filled.iloc[0])!r}): each takes the "
                     f"year that puts it in {period[0]} to {period[1]}, the period {said} states")
    return body, None


def _month_first(matches: list[re.Match]) -> bool:
    """Day and month order for the whole column: a number over 12 settles it, else '/' is US and '.' is not."""
    if any(int(m["a"]) > 12 for m in matches):
        return False
    if any(int(m["b"]) > 12 for m in matches):
        return True
    return matches[0]["sep"] == "/"


def _date(value: str, month_first: bool, period: tuple[dt.date, dt.date]) -> dt.date | None:
    m = _NUMERIC.match(value)
    if not m:
        return None
    month, day = (int(m["a"]), int(m["b"])) if month_first else (int(m["b"]), int(m["a"]))
    for year in range(period[0].year, period[1].year + 1):
        try:
            day_ = dt.date(year, month, day)
        except ValueError:
            continue
        if period[0] <= day_ <= period[1]:
            weekday = _WEEKDAYS.get((m["wd"] or "")[:3].lower(), _WEEKDAYS.get((m["wd"] or "")[:2].lower()))
            return day_ if weekday is None or weekday == day_.weekday() else None
    return None
