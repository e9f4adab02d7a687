"""Dates as written by tools in any locale, with one day/month order decided per column.

`format="mixed"` swaps day and month silently from one cell to the next; we instead try each
candidate format on the whole column and keep the one that reads every value, breaking a
day/month tie by which reading gives the shorter, denser period.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from storykit.ingest.cells import (
    arrow_text,
    distinct,
    factorize,
    many_distinct,
    map_cells,
    map_distinct,
    surely_not,
)
from storykit.ingest.text_shapes import TextCodes, TextShapes, shape_blocks, to_numbers

_DATE_FORMATS = (
    "%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y.%m.%d.",
    "%d.%m.%Y", "%d.%m.%y",
    "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d/%m/%y",
    "%d-%m-%Y", "%m-%d-%Y", "%m%d%Y", "%d%m%Y",
    "%d-%b-%Y", "%d-%b-%y", "%d %b %Y", "%b %d, %Y", "%b %d %Y", "%d %B %Y", "%B %d, %Y",
    "%a %d %b %Y", "%a, %d %b %Y", "%A, %B %d, %Y",
)
_LITERALS = re.compile(r"%[a-zA-Z]")  # a format's directives; what is left are its separators
_NAMES = re.compile(r"%[aAbB]")  # directives that read month or weekday names
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")
_TIME_SUFFIX = (r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*"
                r"(?:Z|[+-]\d{2}:?\d{2}|(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?)?|T)$")  # '... 08:15:00 UTC' too


@dataclass(frozen=True)
class DateReading:
    """A parsed date column and how it was read, so the mapping can say it."""

    values: pd.Series  # datetime64 at midnight, NaT where unreadable
    how: str
    ambiguous: bool = False


#: Dates a time log can hold; anything outside is unreadable (and pandas' nanosecond range is safe).
EARLIEST, LATEST = pd.Timestamp("1900-01-01"), pd.Timestamp("2200-12-31")


#: infer_dtype's kinds for object columns whose every present cell is a date or a datetime (a workbook's).
_DATE_OBJECTS = frozenset({"date", "datetime"})


def parse_dates(column: pd.Series, day_first: str = "") -> DateReading:
    """Read a whole column of dates; the format is chosen from all values, never per cell.

    Dates before 1900 or after 2200 (9999-12-31 placeholders, typos) become NaT, so their rows
    are listed as skipped instead of overflowing the arithmetic downstream. `day_first` says why
    the file writes the day before the month when its values cannot (e.g. its date column is
    named in a language that does): day and month are then not a question.
    """
    reading = _parse_dates(column, day_first)
    values = reading.values
    inside = (values >= EARLIEST) & (values <= LATEST)
    return dataclasses.replace(reading, values=values.where(inside).astype("datetime64[ns]"))


def _parse_dates(column: pd.Series, day_first: str) -> DateReading:
    column = column.reset_index(drop=True)
    if pd.api.types.is_datetime64_any_dtype(column):
        return DateReading(pd.to_datetime(column).dt.normalize(), "dates")
    if column.dtype == object and infer_dtype(column, skipna=True) in _DATE_OBJECTS:
        return DateReading(pd.to_datetime(column, errors="coerce").dt.normalize(), "dates")  # said in C, not per cell
    # the checks below read each distinct value once; arrow text's bytes are read without that
    values = column if arrow_text(column) is not None else distinct(column)
    present = values[_present_values(values)]
    if present.empty:
        return DateReading(pd.Series(pd.NaT, index=column.index, dtype="datetime64[ns]"), "empty")
    # only text (or missing): no date objects to look for or to write as text
    text = isinstance(column.dtype, pd.StringDtype) or infer_dtype(column, skipna=True) == "string"
    if not text and present.map(lambda v: isinstance(v, (dt.date, dt.datetime, pd.Timestamp))).all():
        return DateReading(pd.to_datetime(column, errors="coerce").dt.normalize(), "dates")
    if to_numbers(present.iloc[:64]).notna().all():  # a few values first: a column of dates says so at once
        numbers = to_numbers(column)
        if numbers[_present_values(column)].notna().all():
            return _from_numbers(numbers, day_first)
    return _from_text(column if text else map_cells(column, _iso), day_first)


def _from_text(column: pd.Series, day_first: str) -> DateReading:
    """Dates written as text: the one format (and day/month order) that reads the whole column."""
    codes, uniques = _date_texts(column)
    best: tuple[int, float, str] | None = None
    for fmt in _formats_for(uniques):
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
    ambiguous, how = False, _describe(fmt)
    if swapped and not fmt.startswith("%Y"):
        other = pd.to_datetime(uniques, format=swapped, errors="coerce")
        ambiguous = int(other.notna().sum()) == best[0]
    if ambiguous:
        fmt, ambiguous, how = _decide_order(fmt, day_first)
    days = pd.to_datetime(uniques, format=fmt, errors="coerce").dt.normalize().to_numpy()
    values = np.append(days, np.datetime64("NaT")).astype(days.dtype)[codes]  # code -1: no date text
    return DateReading(pd.Series(values, index=column.index), how, ambiguous)


def _formats_for(texts: pd.Series) -> tuple[str, ...]:
    """The formats that could read at least one of the texts: each one's separators (',', '/', a space)
    occur in some text, and its month or weekday names need letters. The others would read none, so
    skipping them changes no choice; each one tried costs a fresh process a regex compile (strptime's)."""
    present = set("".join(texts.dropna()))
    if present & set(" \t\n\r\x0b\x0c"):
        present.add(" ")  # strptime reads a space in the format as any run of whitespace
    letters = any(c.isalpha() for c in present)
    return tuple(f for f in _DATE_FORMATS if set(_LITERALS.sub("", f)) <= present
                 and (letters or not _NAMES.search(f)))


def _decide_order(fmt: str, day_first: str) -> tuple[str, bool, str]:
    """The format, whether day and month stay a question, and how it was read, for values that read
    both ways round: dotted dates are written day first everywhere (no locale writes 03.02 for
    3 February), and so are dates in a column named in a language that writes the day first."""
    why = "dotted dates are written day first" if "." in fmt else day_first
    if not why:
        return fmt, True, _describe(fmt)
    if fmt.index("%m") < fmt.index("%d"):
        fmt = _swap(fmt) or fmt
    return fmt, False, f"{_describe(fmt)} ({why})"


def _present_values(values: pd.Series) -> np.ndarray:
    """Which values are neither missing nor blank; the rule asks only those that could be."""
    present = surely_not(values)
    if present is None:
        return values.map(_present).astype(bool).to_numpy()
    if not present.all():
        present[~present] = values[~present].map(_present).astype(bool).to_numpy()
    return present


def _iso(v: object) -> object:
    return v.isoformat() if isinstance(v, (dt.date, dt.datetime)) else v


def _without_time(texts: pd.Series) -> pd.Series:
    """Texts stripped, their time of day (and a lone T) removed: what the date formats are tried on."""
    return texts.astype("string").str.strip().str.replace(_TIME_SUFFIX, "", regex=True).str.strip()


def _date_texts(column: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Each cell's date text (`_without_time`), factorized: codes (-1: missing or blank) and the texts.

    Arrow text is read by shape (text_shapes): the rule runs on one cell of each shape, and the
    date texts of the others are cut from the column's bytes at the same place.
    """
    rest = np.ones(len(column), bool)
    found = TextCodes(len(column))
    for rows, shapes in shape_blocks(column) if many_distinct(column) else ():  # a block's bytes at a time
        if shapes is not None:
            rest[rows] = _date_texts_by_shape(shapes, found, rows.start)
    if rest.all() and arrow_text(column) is not None:  # text only: each distinct text cleaned, the codes kept
        codes, uniques = factorize(column)
        found.add(np.arange(len(column)), codes, list(_without_time(pd.Series(uniques, dtype=object))))
    elif rest.any():
        codes, texts = pd.factorize(map_distinct(column if rest.all() else column[rest], _without_time))
        found.add(np.flatnonzero(rest), codes, list(texts))
    return found.codes, pd.Series(found.texts, dtype="string")


def _date_texts_by_shape(shapes: TextShapes, found: TextCodes, first: int) -> np.ndarray:
    """Adds to `found` (at row `first` on) the date text of each cell whose shape `_without_time` reads as a
    cut of the cell; the cells left for the rule itself."""
    rest = shapes.codes < 0
    for shape in np.unique(shapes.codes[~rest]):
        example = shapes.example(shape)
        date = _without_time(pd.Series([example]))[0]
        at = len(example) - len(example.lstrip(" "))
        cells = shapes.cells(shape)
        if example[at: at + len(date)] != date:  # not a cut of the cell: let the rule read them
            rest[cells] = True
            continue
        found.add(cells + first, *shapes.texts(cells, at, len(date)))
    return rest


def _from_numbers(numbers: pd.Series, day_first: str = "") -> DateReading:
    """Dates from a column's numbers (float64, NaN where none): epoch times, YYYYMMDD, MMDDYYYY or
    DDMMYYYY (a leading 0 lost) or Excel serials."""
    typical = float(numbers.dropna().median())
    if 1e11 < typical < 1e14:  # epoch milliseconds (YouTrack, many APIs)
        values = pd.to_datetime(numbers, unit="ms", errors="coerce")
        how = "epoch milliseconds"
    elif 1e8 < typical < 1e11:
        values = pd.to_datetime(numbers, unit="s", errors="coerce")
        how = "epoch seconds"
    elif 1010000 <= typical < 100000000 and _year_last(numbers):  # mmddyyyy / ddmmyyyy (a leading 0 lost)
        digits = numbers.astype("Int64").astype("string").str.zfill(8)
        reading = _from_text(digits.astype(object), day_first)
        return dataclasses.replace(reading, how=reading.how + " numbers")
    elif 19000101 <= typical <= 21001231:
        values = pd.to_datetime(numbers.astype("Int64").astype("string"), format="%Y%m%d", errors="coerce")
        how = "YYYYMMDD numbers"
    elif 1 <= typical < 100000:
        return DateReading(_excel_days(numbers), "Excel serial numbers")
    else:
        values = pd.Series(pd.NaT, index=numbers.index)
        how = "unreadable numbers"
    return DateReading(pd.to_datetime(values).dt.normalize(), how)


def _excel_days(numbers: pd.Series) -> pd.Series:
    """The days of Excel serial numbers (the fraction is the time of day), NaT outside Excel's dates.

    In place on one array, as seconds: a 200k-row column's pandas steps (where, floor division,
    timedelta, sum, normalize) were each a copy, at the peak of the read.
    """
    serial = numbers.to_numpy(dtype=np.float64, copy=True)
    outside = ~((serial >= 1) & (serial < 2958466))  # NaN too
    serial[outside] = 0
    seconds = serial.astype(np.int64)  # the whole day: truncation is the floor of these (all >= 1)
    del serial
    seconds *= 86_400
    seconds += (_EXCEL_EPOCH - pd.Timestamp(0)) // pd.Timedelta(seconds=1)
    seconds[outside] = np.iinfo(np.int64).min  # NaT
    return pd.Series(seconds.view("datetime64[s]"), index=numbers.index, copy=False)


def _year_last(numbers: pd.Series) -> bool:
    """Whether every number ends in a year a log can hold (0302 2026): a date written without separators.

    A YYYYMMDD number ends in MMDD (at most 1231), never in a year, so this is asked first."""
    years = numbers.dropna() % 10000
    return bool(len(years)) and bool(((years >= 1900) & (years <= 2200)).all())


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
