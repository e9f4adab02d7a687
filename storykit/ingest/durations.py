"""Durations in every spelling people and tools write them, as decimal hours.

The traps this module exists for: `pd.to_timedelta("1,5")` is 15 nanoseconds, Toggl with a
12-hour clock writes a 20-minute entry as `12:20:00 AM`, Jira writes `1h 30m`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from storykit.ingest.cells import factorize
from storykit.ingest.text_shapes import to_numbers

#: Shorter columns are read cell by cell: it takes the same time either way.
_SMALL = 256
#: Object columns of these kinds hold numbers only (booleans are not durations: they take the slow path).
_NUMBERS = frozenset({"floating", "integer", "mixed-integer-float"})

Unit = Literal["hours", "minutes", "seconds", "milliseconds"]
_PER_HOUR = {"hours": 1.0, "minutes": 60.0, "seconds": 3600.0, "milliseconds": 3_600_000.0}

_CLOCK = re.compile(r"^(-)?(\d{1,4}):(\d{1,2})(?::(\d{1,2}(?:[.,]\d+)?))?\s*([AaPp][Mm])?$")
_UNITS = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(h|hr|hrs|hour|hours|std|stunden?|m|min|mins|minute|minutes|s|sec|secs|seconds?)\b\.?",
    re.IGNORECASE,
)
_ISO = re.compile(r"^P(?:(\d+(?:[.,]\d+)?)D)?T?(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?$", re.I)
_NUMBER = re.compile(r"^[+-]?(\d+(?:[.,]\d*)?|[.,]\d+)$")
_UNIT_HOURS = {"h": 1, "hr": 1, "hrs": 1, "hour": 1, "hours": 1, "std": 1, "stunde": 1, "stunden": 1}


class DurationError(ValueError):
    """The text is not a duration we can read; the message says what we expected."""


def _num(text: str) -> float:
    return float(text.replace(",", "."))


def parse_duration(value: object, unit: Unit = "hours") -> float:
    """One cell to decimal hours; raises DurationError with a reason a person can act on.

    Plain numbers are read in `unit` (the column header tells it); clock forms `H:MM` and
    `H:MM:SS` are hours and minutes, except `M:SS` in a column of minutes; `12:20:00 AM` is a
    12-hour-clock duration.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise DurationError("empty duration")
    if isinstance(value, bool):
        raise DurationError(f"{value!r} is not a duration")
    if isinstance(value, (int, float)):
        hours = float(value) / _PER_HOUR[unit]
        return _check(hours, value)
    if hasattr(value, "hour") and hasattr(value, "minute"):  # datetime.time from a spreadsheet
        return value.hour + value.minute / 60 + getattr(value, "second", 0) / 3600
    if hasattr(value, "total_seconds"):  # timedelta
        return _check(value.total_seconds() / 3600, value)
    text = str(value).strip().replace("\u00a0", " ")
    if not text:
        raise DurationError("empty duration")
    if _NUMBER.match(text):
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")  # decimal comma: "1,5" is an hour and a half
        return _check(float(text) / _PER_HOUR[unit], value)
    m = _CLOCK.match(text)
    if m:
        sign, h, mi, s, ampm = m.groups()
        hours = int(h)
        if ampm:  # 12-hour clock: "12:20:00 AM" is 20 minutes, "01:30:00 PM" is 13.5 h
            if hours > 12:
                raise DurationError(f"{text!r} mixes a 24-hour value with AM/PM")
            hours = hours % 12 + (12 if ampm.lower() == "pm" else 0)
        if int(mi) >= 60 or (s and _num(s) >= 60):
            raise DurationError(f"{text!r} has minutes or seconds of 60 or more")
        total = hours + int(mi) / 60 + (_num(s) / 3600 if s else 0.0)
        if unit == "minutes" and not s and not ampm:
            total /= 60  # a column of minutes: '4:35' is four minutes and 35 seconds (a call's handle time)
        return _check(-total if sign else total, value)
    m = _ISO.match(text)
    if m and any(m.groups()):
        d, h, mi, s = (_num(g) if g else 0.0 for g in m.groups())
        return _check(d * 24 + h + mi / 60 + s / 3600, value)
    compact = text.lower()
    found = list(_UNITS.finditer(compact))
    if found and not _UNITS.sub("", compact).strip(" ,;+"):
        total = 0.0
        for number, u in (mm.groups() for mm in found):
            if u in _UNIT_HOURS:
                total += _num(number)
            elif u.startswith("m"):
                total += _num(number) / 60
            else:
                total += _num(number) / 3600
        return _check(total, value)
    m = re.fullmatch(r"(\d+)\s*h\s*(\d{1,2})", compact)  # "1h30"
    if m:
        return _check(int(m[1]) + int(m[2]) / 60, value)
    raise DurationError(
        f"{text[:40]!r} is not a duration; expected hours like 1.5, 1,5, 1:30, 1h 30m or 90 min"
    )


def _check(hours: float, raw: object) -> float:
    if math.isnan(hours) or math.isinf(hours):
        raise DurationError(f"{raw!r} is not a finite duration")
    if abs(hours) > 24 * 366:
        raise DurationError(f"{raw!r} is more than a year in one entry")
    return hours


def parse_durations(values: Iterable[object], unit: Unit = "hours") -> tuple[pd.Series, dict[int, str]]:
    """A whole column: hours per position (NaN where unreadable) and the reasons by position.

    Each distinct spelling is parsed once, so a 200k-row column costs as much as its
    distinct values.
    """
    series = pd.Series(list(values) if not isinstance(values, pd.Series) else values)
    series = series.reset_index(drop=True)
    fast = _fast_numeric(series, unit)
    if fast is not None:
        return fast, {}
    if len(series) >= _SMALL and infer_dtype(series, skipna=True) == "string":
        return _by_distinct(series, unit)
    return _by_cell(series.tolist(), unit)


def _by_cell(cells: list[object], unit: Unit) -> tuple[pd.Series, dict[int, str]]:
    """parse_duration for each cell, remembering each value's answer (the reference)."""
    cache: dict[object, float | str] = {}
    out: list[float] = []
    errors: dict[int, str] = {}
    for i, v in enumerate(cells):
        key = (type(v), v) if isinstance(v, (str, int, float)) else repr(v)  # False == 0.0, but not as a duration
        hit = cache.get(key)
        if hit is None:
            try:
                hit = parse_duration(v, unit)
            except DurationError as e:
                hit = str(e)
            cache[key] = hit
        if isinstance(hit, str):
            out.append(math.nan)
            errors[i] = hit
        else:
            out.append(hit)
    return pd.Series(out, dtype="float64"), errors


def _by_distinct(series: pd.Series, unit: Unit) -> tuple[pd.Series, dict[int, str]]:
    """What _by_cell gives for a column of text, with the loop over its distinct texts only.

    Equal texts get equal answers, so the 200k rows of a column with a few hundred spellings cost
    a few hundred parses; missing cells (None, NaN, NA answer differently) are read one by one.
    """
    codes, uniques = factorize(series)
    answers, reasons = _by_cell(list(uniques), unit)
    hours = np.append(answers.to_numpy(), np.nan)[codes]  # code -1: missing, read below
    bad = np.flatnonzero(np.isnan(hours))
    errors = {int(i): reasons[int(codes[i])] for i in bad if codes[i] >= 0}
    missing = np.flatnonzero(codes < 0)
    if len(missing):
        rest, rest_errors = _by_cell(series.iloc[missing].tolist(), unit)
        hours[missing] = rest.to_numpy()
        errors.update({int(missing[i]): e for i, e in rest_errors.items()})
        errors = dict(sorted(errors.items()))
    return pd.Series(hours, dtype="float64"), errors


def _fast_numeric(series: pd.Series, unit: Unit) -> pd.Series | None:
    """Plain decimal columns (the common case) without a Python loop."""
    if series.dtype.kind in "if" or (series.dtype == object and infer_dtype(series, skipna=False) in _NUMBERS):
        values = series.astype("float64")  # numbers already (a workbook's cells): nothing to parse
    else:
        try:
            values = to_numbers(series)  # NaN where a cell is no number: the per-cell rules say why
        except (ValueError, TypeError):  # cells that are not even text
            return None
    if values.isna().any() or not np.isfinite(values.to_numpy()).all():
        return None
    if (values.abs() / _PER_HOUR[unit] > 24 * 366).any():
        return None
    return values / _PER_HOUR[unit]
