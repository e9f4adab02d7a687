"""What a column's values are, measured on a bounded sample: dates, times, durations, numbers, names.

Each distinct value is looked at once; a column of 200k rows costs what its sample costs.
The assignment reads these shares (how much of the column parses as each kind) and the parsed
values themselves (hours per person-day, start before end, sums per day).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from storykit.ingest.cell_text import blank, blank_column
from storykit.ingest.cells import arrow_text, dates_are_midnights
from storykit.ingest.clock import parse_clock
from storykit.ingest.dates import parse_dates
from storykit.ingest.durations import DurationError, parse_duration
from storykit.ingest.roles.words import PER_HOUR

_TWO_PART = re.compile(r"^\d{1,3}:[0-5]\d$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?$")
_MON = r"(?:jan|feb|m[aä]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|d[ez]c|janv|f[ée]v|avr|mai|juin|juil|ao[uû]|d[ée]c)[a-zé]*\.?"
_DATE_SHAPE = re.compile(
    r"^(?:[^\W\d_]{2,10}\.?,? )?"  # a weekday's name before a date: 'Mon 03/02/2026', 'Di., 03.03.2026'
    r"(?P<day>(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\.?"
    r"|(?P<a>\d{1,2})[-/.](?P<b>\d{1,2})[-/.](?P<c>\d{2}|\d{4})"
    r"|\d{1,2}\.?[- ]" + _MON + r"[- ,]*\d{2,4}"
    r"|" + _MON + r" \d{1,2}(?:st|nd|rd|th)?,? \d{4})"
    r"(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|[+-]\d{2}:?\d{2}|utc|gmt)?)?$", re.I)


def _valid(m: re.Match[str]) -> bool:
    """Numbers that can be a day and a month (either way round) and a year."""
    if m.group("y"):
        return 1 <= int(m.group("m")) <= 12 and 1 <= int(m.group("d")) <= 31
    if m.group("a"):
        a, b = int(m.group("a")), int(m.group("b"))
        return 1 <= min(a, b) <= 12 and max(a, b) <= 31
    return True


_DATEISH = re.compile(r"^\s*(?:\d{1,4}[-./]\d{1,2}[-./]\d{1,4}|\d{1,2}\.? ?[A-Za-z]{3,}|[A-Za-z]{2,}\.?,? \d{1,2}|"
                      r"[A-Za-z]{2,}, [A-Za-z]+ \d|\d{8}$)")
_TIME_IN = re.compile(r"\d[ T]\d{1,2}:\d{2}|T\d{2}:?\d{2}")
_DURATION_TEXT = re.compile(r"^(?:P(?:\d+D)?T?[\d.,HMS]+|[\d.,]+\s*[a-zA-Z.]+(?:\s*[\d.,]+\s*[a-zA-Z.]+)*(?:\s*\d{1,2})?)$",
                            re.I)
_EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(?:\.[\w-]+)+$")
_NAME = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:[ '’.-]+[^\W\d_][^\W\d_'’.-]*){1,3}\.?$")
_LAST_FIRST = re.compile(r"^[^\W\d_][^\W\d_'’ -]+(?:[ -][^\W\d_]+)?, [^\W\d_][^\W\d_'’.-]*(?: [^\W\d_]\.?)?$")
_WORD = re.compile(r"^[^\W\d_][^\W\d_'’.-]{1,24}$")
_ID = re.compile(r"^[A-Za-z]{1,10}[-_#]?\d{1,8}$|^#?\d{1,9}$")
_BOOLS = frozenset({"yes", "no", "true", "false", "y", "n", "x", "ja", "nein", "oui", "non", "si", "ano", "ne",
                    "wahr", "falsch", "vrai", "faux", "1", "0", "billable", "non-billable", "-"})
_MONTH_DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? "
    r"\d{1,2},? \d{4}|\d{1,2}\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4})\b", re.I)


_MAILBOX = re.compile(r'^\s*"?(?P<name>[^<>"@]*?[^\W\d_][^<>"@]*?)"?\s*<[^<>\s@]+@[^<>\s]+>\s*$')


def person_name(cell: str) -> str:
    """The person a cell names: the name of a 'Name <address>' mailbox, else the cell as written."""
    mailbox = _MAILBOX.match(cell)
    return mailbox["name"].strip() if mailbox else cell


def _number(v: object) -> float:
    if isinstance(v, (bool, dt.date, dt.time, dt.timedelta)):  # no text of these reads as a number
        return math.nan
    if isinstance(v, (int, float, np.integer, np.floating)):
        return float(v)
    text = str(v).strip().replace("\u00a0", "").replace("\u202f", "").removesuffix("%")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    elif "," in text and "." in text:
        text = text.replace(",", "")  # 1,234.5
    try:
        return float(text)
    except ValueError:
        return math.nan


#: Cells that are their own keys: equal only to cells that read the same (repr() of the others cost a
#: microsecond a cell: 4000 datetimes of a workbook's start and end sample).
_OWN_KEYS = (str, int, float, dt.date, dt.time, dt.timedelta)


@dataclass(frozen=True, eq=False)
class ColumnValues:
    """One column's sampled cells (row order kept) and what they parse as."""

    name: str
    cells: pd.Series  # the sample, index 0..n-1
    whole: bool = True  # the sample is the whole column (else its first rows only)
    table_distinct: int | None = None  # the table's distinct values, counted where its first rows show one

    @property
    def scope(self) -> str:
        """What a count from the sample is of, said where the sample is not the whole column: '40 people'
        in the first 1,000 rows of a log of 120 are not the log's people."""
        return "" if self.whole else f" in the first {len(self.cells):,} rows"

    @functools.cached_property
    def _text(self) -> bool:
        """Whether the cells are arrow text (a CSV's): every filled cell is a str, its own key."""
        return arrow_text(self.cells) is not None

    @functools.cached_property
    def _keys(self) -> list[object]:
        """Each cell as a hashable key (None when blank), row by row: a workbook's dates and times are their own."""
        if self._text:  # blanks from the bytes: 21 columns' 1,000 cells asked the blank rule one by one
            return [None if b else v for v, b in zip(self.cells.tolist(), blank_column(self.cells).tolist(), strict=True)]
        return [None if blank(v) else (v if isinstance(v, _OWN_KEYS) else repr(v)) for v in self.cells.tolist()]

    @functools.cached_property
    def _counts(self) -> dict[object, int]:
        counts = Counter(self._keys)  # in order of first appearance, as a dict
        counts.pop(None, None)
        return counts

    @functools.cached_property
    def _values(self) -> dict[object, object]:
        """Key -> one cell holding it (the cell itself, for tests that look at types)."""
        if self._text:
            return {k: k for k in self._counts}
        out: dict[object, object] = {}
        for k, v in zip(self._keys, self.cells.tolist(), strict=True):
            if k is not None and k not in out:
                out[k] = v
        return out

    @functools.cached_property
    def present(self) -> np.ndarray:
        return np.array([k is not None for k in self._keys], dtype=bool)

    @functools.cached_property
    def distinct(self) -> list[object]:
        return list(self._counts)

    @functools.cached_property
    def n(self) -> int:
        return int(self.present.sum())

    @functools.cached_property
    def texts(self) -> list[str]:
        return [str(v).strip() for v in self._values.values()]

    def share(self, test) -> float:  # type: ignore[no-untyped-def]
        """Share of present cells for which `test(cell)` holds, asked once per distinct value."""
        if not self.n:
            return 0.0
        values = self._values
        return sum(c for k, c in self._counts.items() if test(values[k])) / self.n

    def _per_row(self, answers: dict[object, float]) -> np.ndarray:
        return np.array([answers.get(k, math.nan) if k is not None else math.nan for k in self._keys], dtype=float)

    @functools.cached_property
    def numbers(self) -> np.ndarray:
        """Each cell as a number (NaN where it is not one), row by row."""
        return self._per_row({k: _number(v) for k, v in self._values.items()})

    @functools.cached_property
    def number_share(self) -> float:
        return float(np.isfinite(self.numbers[self.present]).mean()) if self.n else 0.0

    @functools.cached_property
    def _date_keys(self) -> dict[object, object]:
        """Key -> the day it names, as written (time of day cut off), for the cells that are dates.

        Recognised by shape, not parsed: the day/month order is decided later from the whole column
        (dates.parse_dates), and grouping rows by day needs only to know which cells name the same day.
        """
        out: dict[object, object] = {}
        numeric = self.number_share > 0.9
        typical = float(np.nanmedian(np.abs(self.numbers))) if numeric and self.n else 0.0
        for k, v in self._values.items():
            if isinstance(v, (dt.datetime, pd.Timestamp)):
                out[k] = v.date()
            elif isinstance(v, dt.date):
                out[k] = v
            elif numeric:
                x = _number(v)
                if math.isnan(x):
                    continue
                if 1e11 < typical < 1e14:
                    out[k] = int(x // 86_400_000)
                elif 1e8 < typical < 1e11:
                    out[k] = int(x // 86_400)
                elif (20000 <= typical <= 80000 or 19000101 <= typical <= 21001231
                      or (1010000 <= typical < 1e8 and 1900 <= x % 10000 <= 2200)):  # serial, yyyymmdd, mmddyyyy
                    out[k] = int(x)
            elif isinstance(v, str):
                m = _DATE_SHAPE.match(v.strip())
                if m and _valid(m):
                    out[k] = m.group("day")
        return out

    @functools.cached_property
    def day_codes(self) -> np.ndarray:
        """A number per row for the day it names (-1 where none): rows of one day share it."""
        codes: dict[object, int] = {}
        days = self._date_keys
        return np.array([codes.setdefault(days[k], len(codes)) if k in days else -1 for k in self._keys],
                        dtype=np.int64)

    @functools.cached_property
    def key_codes(self) -> np.ndarray:
        """A number per row for its value (-1 where blank): rows with the same value share it."""
        codes: dict[object, int] = {}
        return np.array([codes.setdefault(k, len(codes)) if k is not None else -1 for k in self._keys],
                        dtype=np.int64)

    @functools.cached_property
    def dates(self) -> pd.Series:
        """Dates (midnight) row by row, parsed as the reader will (for weekly totals); NaT where none."""
        if not self._date_keys:
            return pd.Series(pd.NaT, index=self.cells.index, dtype="datetime64[ns]")
        return parse_dates(self.cells.where(pd.Series(self.present), None)).values.reset_index(drop=True)

    @functools.cached_property
    def date_share(self) -> float:
        if not self.n:
            return 0.0
        return sum(self._counts[k] for k in self._date_keys) / self.n

    @functools.cached_property
    def date_how(self) -> str:
        if self.number_share > 0.9:
            typical = float(np.nanmedian(np.abs(self.numbers)))
            return "epoch milliseconds" if typical > 1e11 else "epoch seconds" if typical > 1e8 else "YYYYMMDD"
        sample = [t for t in self.texts[:50]]
        return f"dates like {sample[0]!r}" if sample else "dates"

    @functools.cached_property
    def timestamp_share(self) -> float:
        """Share of cells with a date and a time of day (ISO with T/Z, '2024-03-01 09:15', epoch times)."""
        if not self.n:
            return 0.0
        if self.number_share > 0.9:
            typical = float(np.nanmedian(np.abs(self.numbers)))
            return self.date_share if 1e8 < typical < 1e14 else 0.0

        def stamp(v: object) -> bool:
            if isinstance(v, (dt.datetime, pd.Timestamp)):
                return (v.hour, v.minute, v.second) != (0, 0, 0)
            return isinstance(v, str) and bool(_TIME_IN.search(v))
        def day(v: object) -> bool:  # a date, or a datetime at 00:00 (a workbook's midnights: grid.Grid)
            return type(v) is dt.date or (isinstance(v, (dt.datetime, pd.Timestamp)) and not stamp(v))
        stamps, days = self.share(stamp), self.share(day)
        if dates_are_midnights(stamps, days):  # entries at 00:00 among times of day (see the rule)
            stamps += days
        return min(stamps, self.date_share)

    @functools.cached_property
    def minutes_of_day(self) -> pd.Series:
        """Minutes after midnight of each cell's time of day (NaN where none), each distinct value read once:
        as arrow text when all are text, which parse_clock reads by shape (1,000 distinct clock times of a
        sample, split one by one in Python, were a third of choosing the roles)."""
        values = list(self._values.values())
        text = all(isinstance(v, str) for v in values)
        _, minutes = parse_clock(pd.Series(values, dtype="str" if text else object))
        return pd.Series(self._per_row(dict(zip(self._values, minutes.tolist(), strict=True))))

    @functools.cached_property
    def clock_share(self) -> float:
        """Share of cells that are a bare time of day or an H:MM[:SS] text (a clock time or a duration)."""
        def clock(v: object) -> bool:
            return isinstance(v, dt.time) or (isinstance(v, str) and bool(_CLOCK.match(v.strip())))
        return self.share(clock)

    @functools.cached_property
    def m_ss_share(self) -> float:
        """Share of two-part clock texts ('4:35', '12:05'): hours and minutes, or minutes and seconds."""
        return self.share(lambda v: isinstance(v, str) and bool(_TWO_PART.match(v.strip())))

    @functools.cached_property
    def duration_text_share(self) -> float:
        """Share written as durations with letters or as ISO 8601 (1h 30m, 90 min, PT1H30M)."""
        def duration(v: object) -> bool:
            if not isinstance(v, str) or not _DURATION_TEXT.match(v.strip()):
                return False
            try:
                parse_duration(v)
            except DurationError:
                return False
            return True
        return self.share(duration)

    @functools.cached_property
    def _by_unit(self) -> dict[str, np.ndarray]:
        return {}

    def hours(self, unit: str) -> np.ndarray:
        """Each cell as hours if the column held durations in `unit` (NaN where it cannot be)."""
        if unit not in self._by_unit:
            self._by_unit[unit] = self._hours(unit)
        return self._by_unit[unit]

    def _hours(self, unit: str) -> np.ndarray:
        if self.number_share >= 0.9:
            return self.numbers / PER_HOUR[unit]
        base = "hours" if unit == "milliseconds" else unit  # parse_duration has no ms: only numbers can be

        def one(v: object) -> float:
            try:
                return parse_duration(v, base)  # type: ignore[arg-type]
            except DurationError:
                return math.nan
        out = self._per_row({k: one(v) for k, v in self._values.items()})
        if unit == "milliseconds":
            out = np.where(np.isfinite(self.numbers), self.numbers / PER_HOUR[unit], out)
        return out

    @functools.cached_property
    def email_share(self) -> float:
        return self.share(lambda v: isinstance(v, str) and bool(_EMAIL.match(v.strip())))

    @functools.cached_property
    def name_share(self) -> float:
        """Share that reads as a person's name: 'Ana Souza', 'Souza, Ana', 'Dvořák Vítězslav'."""
        def name(v: object) -> bool:
            if not isinstance(v, str):
                return False
            t = person_name(v.strip())  # 'Ana Silva <ana.silva@example.net>' is Ana Silva's mailbox
            if _LAST_FIRST.match(t):
                return True
            return bool(_NAME.match(t)) and all(w[:1].isupper() for w in re.split(r"[ -]+", t) if w.isalpha()
                                                 and w.lower() not in ("van", "von", "de", "da", "der", "le", "la"))
        return self.share(name)

    @functools.cached_property
    def last_first_share(self) -> float:
        return self.share(lambda v: isinstance(v, str) and bool(_LAST_FIRST.match(v.strip())))

    @functools.cached_property
    def word_share(self) -> float:
        """Share that is one word of letters (a first name, a login, a category)."""
        return self.share(lambda v: isinstance(v, str) and bool(_WORD.match(v.strip())))

    @functools.cached_property
    def id_share(self) -> float:
        return self.share(lambda v: isinstance(v, str) and bool(_ID.match(v.strip())))

    @functools.cached_property
    def bool_share(self) -> float:
        # only text and numbers can read as one ('1', 'yes'): a workbook's 4000 dates and times are not asked
        return self.share(lambda v: isinstance(v, bool) or (isinstance(v, (str, int, float))
                                                             and str(v).strip().lower() in _BOOLS))

    @functools.cached_property
    def date_in_text_share(self) -> float:
        return self.share(lambda v: isinstance(v, str) and len(v) > 12 and bool(_MONTH_DATE.search(v)))

    @functools.cached_property
    def text_length(self) -> float:
        return float(np.mean([len(t) for t in self.texts])) if self.texts else 0.0

    @functools.cached_property
    def letters_share(self) -> float:
        return self.share(lambda v: isinstance(v, str) and any(ch.isalpha() for ch in v))

    @property
    def repeats(self) -> float:
        """How often a value comes back: 1 - distinct/present (0 when every value is new)."""
        return 1.0 - len(self.distinct) / self.n if self.n else 0.0
