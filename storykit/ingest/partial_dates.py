"""Dates written partly: without a year ('Mon 10/30', '30.10.'), or inside other text ('... on September 01, 2022').

Timesheets pasted from web tools often show only the day and month; the year is in the file's
name (a pay period 20171029_20180331), the sheet's name or the title. Each date takes the year
that puts it inside that period; a weekday written beside it must agree, or the cell is left
for the reader to report. Invoice lines made from a tracker's export carry the day inside their
text; the same pattern found in nearly every cell is the date.
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
_MONTH_WORD = r"[^\W\d_]{3,10}\.?"
_IN_TEXT = re.compile(r"(?<![\d.])(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"
                      rf"|{_MONTH_WORD}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
                      rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH_WORD},?\s+\d{{4}})(?![\d.])")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b")


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


def dates_in_text(column: pd.Series) -> tuple[pd.Series, str] | None:
    """Dates found inside the cells' text, read together as one column, and how; None when most cells have none."""
    from storykit.ingest.dates import parse_dates

    found = map_cells(column, lambda v: _found(text(v)))
    present = found.notna()
    if present.empty or present.mean() < 0.9:  # no cells (an empty table): no dates in them
        return None
    reading = parse_dates(found.where(present, None).astype(object))
    if reading.values.notna().mean() < 0.9:
        return None
    example = text(column.iloc[int(present.to_numpy().argmax())])
    return reading.values, f"found inside the text (e.g. {example[:60]!r}) and read as {reading.how}"


def _found(value: str) -> str | None:
    m = _IN_TEXT.search(value)
    return _ORDINAL.sub("", m.group(1)).replace("  ", " ") if m else None


def column_with_dates_in_text(body: pd.DataFrame, taken: set[str]) -> str | None:
    """The first text column not yet `taken` whose cells nearly all carry a date inside their text."""
    for column in body.columns:
        if column in taken or (body[column].dtype != object and not pd.api.types.is_string_dtype(body[column])):
            continue
        if dates_in_text(body[column].head(200)) is not None:
            return column
    return None


def date_in_name(name: str) -> dt.date | None:
    """The one date a sheet's or title's name carries ('Week of 2 Mar 2026', 'w/e 08.03.2026'), or None."""
    from storykit.ingest.dates import parse_dates

    found = _found(name)
    if found is None:
        return None
    value = parse_dates(pd.Series([found], dtype=object)).values.iloc[0]
    return None if pd.isna(value) else value.date()


def complete_weekdays(body: pd.DataFrame, blank: pd.DataFrame,
                      period: tuple[dt.date, dt.date] | None, said: str) -> tuple[pd.DataFrame, str | None]:
    """The body with a column of weekday names ('Mon', 'Mié') as the days of the one week `said` states, and a
    note; else unchanged. The week is the one starting on the Monday of its date, or ending on it when that
    date is a Sunday (a week-ending date)."""
    from storykit.ingest.layout import WEEKDAYS, weekday_key

    if period is None or (period[1] - period[0]).days > 6 or _has_dates(body, blank):
        return body, None
    day = period[0]
    monday = day - dt.timedelta(days=6 if day.weekday() == 6 and period[1] == day else day.weekday())
    for column in body.columns:
        filled = body[column][~blank[column].to_numpy()]
        if filled.empty or (filled.dtype != object and not pd.api.types.is_string_dtype(filled)):
            continue
        names = map_cells(filled, lambda v: WEEKDAYS.get(weekday_key(text(v))))
        if names.isna().mean() > 1 - MOSTLY:
            continue
        out = body.copy()
        out[column] = map_cells(body[column], lambda v: _weekday_date(v, monday)).astype(object)
        return out, (f"{column!r} names only the weekday (e.g. {text(filled.iloc[0])!r}): each is that day of the "
                     f"week of {monday}, which {said} states")
    return body, None


def _has_dates(body: pd.DataFrame, blank: pd.DataFrame) -> bool:
    """Whether a column already holds dates (then a weekday column beside it is only their name)."""
    from storykit.ingest.dates import parse_dates

    for column in body.columns:
        sample = body[column][~blank[column].to_numpy()].head(20)
        if pd.api.types.is_datetime64_any_dtype(sample):
            return True
        written = [v for v in sample if isinstance(v, dt.date) or (isinstance(v, str) and _found(v))]
        if len(sample) and len(written) >= MOSTLY * len(sample) and parse_dates(
                pd.Series(written, dtype=object)).values.notna().mean() >= MOSTLY:
            return True  # dates as cells or as text (numbers are not taken for Excel serials here)
    return False


def _weekday_date(value: object, monday: dt.date) -> object:
    from storykit.ingest.layout import WEEKDAYS, weekday_key

    weekday = WEEKDAYS.get(weekday_key(text(value)))
    return value if weekday is None else monday + dt.timedelta(days=weekday)
