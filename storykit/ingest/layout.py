"""Shapes of hand-made sheets: title blocks, wide grids (one column per day), periods in file names.

A manager's own sheet often has the week in its title ("Week of 09.03.2026"), the person in a
`Name: ...` line, and one column per day or weekday with people or activities in rows. These
functions find those facts so the reader can turn the grid into one row per entry.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from storykit.ingest.cell_text import TOTAL_WORDS
from storykit.ingest.dates import parse_dates

#: Weekday names and abbreviations (accents folded) in EN, DE, FR, ES, IT, NL, PT, PL.
WEEKDAYS: dict[str, int] = {}
for _i, _names in enumerate((
    ("mon", "monday", "mo", "montag", "lun", "lundi", "lunes", "lunedi", "ma", "maandag", "seg", "segunda",
     "pon", "poniedzialek"),
    ("tue", "tues", "tuesday", "di", "dienstag", "mar", "mardi", "martes", "martedi", "dinsdag", "ter", "terca",
     "wt", "wtorek"),
    ("wed", "wednesday", "mi", "mittwoch", "mer", "mercredi", "mie", "miercoles", "mercoledi", "wo", "woensdag",
     "qua", "quarta", "sr", "sroda"),
    ("thu", "thur", "thurs", "thursday", "do", "donnerstag", "jeu", "jeudi", "jue", "jueves", "gio", "giovedi",
     "donderdag", "qui", "quinta", "czw", "czwartek"),
    ("fri", "friday", "fr", "freitag", "ven", "vendredi", "vie", "viernes", "venerdi", "vr", "vrijdag", "sex",
     "sexta", "pt", "piatek"),
    ("sat", "saturday", "sa", "samstag", "sam", "samedi", "sab", "sabado", "sabato", "za", "zaterdag", "sob",
     "sobota"),
    ("sun", "sunday", "so", "sonntag", "dim", "dimanche", "dom", "domingo", "domenica", "zo", "zondag", "nd",
     "niedziela"),
)):
    for _n in _names:
        WEEKDAYS[_n] = _i

#: A header naming a column of totals: "Total", "Grand total", "Week total", "Total hours", "Summe", "Totaal".
TOTAL_HEADER = re.compile(rf"^\s*(grand\s+|week\s+)?{TOTAL_WORDS}\b", re.IGNORECASE)
_PERSON_LINE = re.compile(r"^\s*(employee|name|person|staff|agent|team member|mitarbeiter(?:in)?|nom)\s*[:\-]\s*(.+)$",
                          re.IGNORECASE)
_ISO = r"(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})"
_RANGE = re.compile(_ISO + r"\s*(?:_to_|_-_| - | to |_|-|–|bis)\s*" + _ISO)
_ONE_DATE = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{4})(?!\d)")
_MONTH = re.compile(r"(?<!\d)(\d{4})[-_](\d{2})(?![-_]?\d{2}\b)(?!\d)")


@dataclass(frozen=True)
class TitleFacts:
    """What the rows above the header say: whose sheet it is and which period it covers."""

    person: str | None = None
    start: dt.date | None = None
    text: str = ""
    end: dt.date | None = None  # the last day, when the title states a range ('01/03/2026 - 31/03/2026')


def read_title(rows: pd.DataFrame) -> TitleFacts:
    """Person and first date from the title block (the rows above the header)."""
    person, start, end, texts = None, None, None, []
    for row in rows.itertuples(index=False):
        cells = [c for c in row if c is not None and str(c).strip() and str(c) != "nan"]
        for i, cell in enumerate(cells):
            if isinstance(cell, dt.datetime | dt.date) and start is None:
                start = cell.date() if isinstance(cell, dt.datetime) else cell
                continue
            text = str(cell).strip()
            texts.append(text)
            m = _PERSON_LINE.match(text)
            if m and person is None:
                person = m.group(2).strip()
            elif person is None and re.fullmatch(r"(employee|name|person|staff|agent|mitarbeiter)\s*:?", text, re.I) \
                    and i + 1 < len(cells):
                person = str(cells[i + 1]).strip()
            if start is None:
                found = date_in_text(text)
                if found:
                    start = found
                    last = date_in_text(text[text.find(_ONE_DATE.search(text)[0]) + 8:])  # a range: its end
                    end = last if last and last >= start else None
    return TitleFacts(person, start, " / ".join(texts), end)


def date_in_text(text: str) -> dt.date | None:
    """The first ISO or day-first date in a piece of text (titles are written by people, mostly day-first)."""
    m = _ONE_DATE.search(text)
    if not m:
        return None
    value = m.group(1)
    fmts = ("%Y-%m-%d",) if "-" in value and value[4] == "-" else ("%d.%m.%Y", "%d/%m/%Y", "%m/%d/%Y")
    for fmt in fmts:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def period_from_name(name: str) -> tuple[dt.date, dt.date] | None:
    """The period a file name states: `..._2026-03-01_to_2026-03-31`, `20260301-20260331`, `2026-03`."""
    base = re.split(r"[\\/]", name)[-1]
    m = _RANGE.search(base)
    if m:
        try:
            a = dt.date(int(m[1]), int(m[2]), int(m[3]))
            b = dt.date(int(m[4]), int(m[5]), int(m[6]))
        except ValueError:
            return None
        return (a, b) if a <= b else None
    one = re.search(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", base)
    if one:
        try:
            day = dt.date(int(one[1]), int(one[2]), int(one[3]))
        except ValueError:
            return None
        return day, day
    m = _MONTH.search(base)
    if m and 1 <= int(m[2]) <= 12 and 1990 <= int(m[1]) <= 2100:
        first = dt.date(int(m[1]), int(m[2]), 1)
        nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return first, nxt - dt.timedelta(days=1)
    return None


def weekday_key(cell: str) -> str:
    """A cell as a key of WEEKDAYS: lower case, accents and a trailing dot dropped ('Mié.' -> 'mie')."""
    folded = unicodedata.normalize("NFKD", cell.strip().lower().rstrip("."))
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("ł", "l")


def day_columns(header: list[object]) -> dict[int, dt.date | int]:
    """Header positions that are days: a date (from the cell) or a weekday number 0..6.

    Wide sheets have at least three of them; fewer is a long log with a date column.
    """
    dates: dict[int, dt.date | int] = {}
    texts: dict[int, str] = {}
    for i, cell in enumerate(header):
        if isinstance(cell, dt.datetime | pd.Timestamp):
            dates[i] = cell.date()
        elif isinstance(cell, dt.date):
            dates[i] = cell
        elif isinstance(cell, str) and cell.strip():
            key = weekday_key(cell)
            if key in WEEKDAYS:
                dates[i] = WEEKDAYS[key]
            elif re.fullmatch(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}", key):
                texts[i] = cell.strip()
    if len(texts) >= 3:
        reading = parse_dates(pd.Series(list(texts.values()), dtype=object))
        if reading.values.notna().all():
            for i, ts in zip(texts, reading.values, strict=True):
                dates[i] = ts.date()
    return dates if len(dates) >= 3 else {}

