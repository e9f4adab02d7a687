"""The chosen columns' cells as the log's values: hours, dates, people and clock spans, each with how it was read."""

from __future__ import annotations

import numpy as np
import pandas as pd

from storykit.errors import FormatError
from storykit.ingest.cell_text import blank_frame, text, text_column
from storykit.ingest.cells import map_labels
from storykit.ingest.clock import hours_between, midnights, parse_clock
from storykit.ingest.dates import parse_dates
from storykit.ingest.durations import parse_durations
from storykit.ingest.layout import TitleFacts
from storykit.ingest.partial_dates import dates_in_text
from storykit.ingest.roles.header import read_header
from storykit.ingest.roles.values import ColumnValues, person_name
from storykit.ingest.roles.words import DAY_FIRST_DATE_WORDS
from storykit.ingest.summaries import no_hours

#: What the log says when section titles name the people (the large path cannot follow titles row by row).
BY_SECTION = "no person column: each entry is the person named in the section title above it"
#: A mailbox written as e-mail programs do, 'Giulia Rossi <giulia.rossi@example.net>': the person is the name.


def read_hours(body: pd.DataFrame, chosen: dict[str, str], unit: str,
               where: dict) -> tuple[pd.Series, dict[int, str], str | None]:
    """Hours per row (the hours column read in `unit`), unreadable reasons by position, and a note.

    A Duration column left empty by uncomputed formulas is filled from Start and End when the
    file has them, so a hand-made sheet saved by a script still gives its hours. Start to end
    minus an unpaid break is the time worked of a shift.
    """
    has_clock = "start" in chosen and "end" in chosen
    if "hours" in chosen:
        col = chosen["hours"]
        hours, errors = parse_durations(body[col], unit)  # type: ignore[arg-type]
        note = f"{col!r} read as {unit}" if unit != "hours" else None
        if "minutes" in chosen:  # the time in two parts: whole hours, and the minutes past them
            minutes, more = parse_durations(body[chosen["minutes"]], "minutes")
            hours, errors = hours + minutes.fillna(0.0).to_numpy(), {**more, **errors}
            note = f"{col!r} hours plus {chosen['minutes']!r} minutes"
        if has_clock and hours.isna().any():
            clock, _ = hours_between(body[chosen["start"]], body[chosen["end"]])
            fill = hours.isna() & clock.notna() & blank_frame(body[[col]])[col].to_numpy()
            if fill.any():
                hours = hours.where(~fill, clock)
                errors = {i: e for i, e in errors.items() if not fill.iat[i]}
                note = (note + "; " if note else "") + (
                    f"{int(fill.sum())} empty {col!r} cells computed from {chosen['start']!r} to {chosen['end']!r}")
        return hours, errors, note
    if has_clock:
        hours, at_midnight = hours_between(body[chosen["start"]], body[chosen["end"]])
        errors = {i: "start or end time not readable" for i in hours.index[hours.isna()]}
        crossing = _crosses_midnight(body, chosen)
        note = f"hours computed from {chosen['start']!r} to {chosen['end']!r}"
        if at_midnight:  # a workbook's 00:00 cells are dates: say how they were read
            note += (f"; {chosen[at_midnight]!r} holds dates with no time, read as 00:00 (each entry "
                     + ("starts at midnight on the day it ends)" if at_midnight == "start"
                        else "ends at the midnight after it starts)"))
        if "break" in chosen:
            minus = break_hours(body[chosen["break"]], chosen["break"])
            hours = hours - minus.fillna(0.0).to_numpy()
            note += f" minus the unpaid break in {chosen['break']!r} ({minus.sum():,.1f} h in all)"
        if crossing:
            note += f"; {crossing} entries cross midnight (counted on their start date)"
        return hours, errors, note
    no_hours(list(body.columns), where)
    raise AssertionError  # unreachable: no_hours raises


def _crosses_midnight(body: pd.DataFrame, chosen: dict[str, str]) -> int:
    _, a = parse_clock(body[chosen["start"]].reset_index(drop=True))
    _, b = parse_clock(body[chosen["end"]].reset_index(drop=True))
    return int(((b < a) & (b > 0)).sum())  # one that ends at 00:00 ends on its own day


def break_hours(column: pd.Series, header: str) -> pd.Series:
    """An unpaid break in hours: in its header's unit, else whole numbers over 5 are minutes (30, 45, 60)."""
    unit = read_header(header).unit
    if unit is None:
        numbers = pd.to_numeric(column.astype("string").str.strip(), errors="coerce")
        unit = "minutes" if numbers.notna().mean() >= 0.9 and numbers.median() >= 5 else "hours"
    hours, _ = parse_durations(column, unit)  # type: ignore[arg-type]
    return hours


def read_dates(body: pd.DataFrame, chosen: dict[str, str], where: dict,
               title: TitleFacts) -> tuple[pd.Series, str | None, bool]:
    """Entry dates, how they were read, and whether day and month could be either way round."""
    if "date" in chosen:
        reading = parse_dates(body[chosen["date"]], day_first_named(chosen["date"]))
        if reading.values.notna().mean() < 0.5:
            inside = dates_in_text(body[chosen["date"]])
            if inside is not None:
                return inside[0], f"dates in {chosen['date']!r} {inside[1]}", False
        note = f"dates in {chosen['date']!r} read as {reading.how}"
        if reading.ambiguous:
            note += " (day and month could be either way round: check the date range)"
        return reading.values, note, reading.ambiguous
    if "start" in chosen:
        start_dates, _ = parse_clock(body[chosen["start"]].reset_index(drop=True))  # the start dates, read once
        if start_dates.notna().any():
            return start_dates, f"dates taken from {chosen['start']!r}", False
        if title.start:
            return (pd.Series(pd.Timestamp(title.start), index=body.index),
                    f"no date column: every entry dated {title.start} from the title", True)
    raise FormatError("no date column found", **where,
                      hint="Expected a column such as Date, Start date or Work date.")


def day_first_named(header: str) -> str:
    """Why a date column's dates are day first when its name says so, else ''."""
    words = set(read_header(header).words) & DAY_FIRST_DATE_WORDS
    return f"the column is named {header!r}, in a language that writes the day first" if words else ""


def section_people(rows_in_file: pd.Series, sections: dict[int, str], chosen: dict[str, str]) -> pd.Series | None:
    """Each row's person from the section title above it, for a report grouped by user ('Ana Souza' over
    her rows), when no column names anyone, the titles read as people's names and a column of its own
    holds the category (so the titles are not the categories); else None."""
    if not sections or "activity" not in chosen or any(r in chosen for r in ("person", "first_name", "email")):
        return None
    titles = pd.Series(sorted(set(sections.values())), dtype=object)
    if ColumnValues("section titles", titles).name_share < 0.9:
        return None
    return rows_in_file.map(sections).fillna("(no name)").reset_index(drop=True)


def read_people(body: pd.DataFrame, chosen: dict[str, str], warnings: list[str], title: TitleFacts,
                kind: str, by_section: pd.Series | None = None) -> pd.Series:
    """Whose each entry is: a person column, first + last name, e-mail, section titles, the title, or one
    stand-in name."""
    if "person" in chosen:
        return map_labels(body[chosen["person"]], lambda v: person_name(text(v)) or "(no name)")
    if "first_name" in chosen:
        first = text_column(body[chosen["first_name"]])
        last = text_column(body[chosen["last_name"]]) if "last_name" in chosen else ""
        return (first + " " + last).str.strip()
    if "email" in chosen:
        warnings.append(f"people identified by e-mail address ({chosen['email']!r})")
        return text_column(body[chosen["email"]]).str.lower()
    if by_section is not None:
        names = sorted(set(by_section) - {"(no name)"})
        warnings.append(f"{BY_SECTION} ({', '.join(names[:4])}{', ...' if len(names) > 4 else ''})")
        return by_section.set_axis(body.index)
    if title.person:
        warnings.append(f"no person column: every entry is {title.person!r}'s, from the title above the table")
        return pd.Series(title.person, index=body.index)
    if kind == "summary":
        warnings.append("no people in the file: the totals are shown as '(everyone)'; "
                        "export the report grouped by user to see who carries the work")
        return pd.Series("(everyone)", index=body.index)
    warnings.append("no person column: all hours are counted as one person's")
    return pd.Series("(one person)", index=body.index)


def clock_span(start: pd.Series, dates: pd.Series, hours: pd.Series,
               end: pd.Series | None = None) -> tuple[pd.Series, pd.Series]:
    """Start and end timestamps of each entry (NaT where the start time is not readable); a start column of
    dates is one of midnights where its `end` says so (clock.midnights)."""
    start_dates, minutes = parse_clock(start.reset_index(drop=True))
    if end is not None and start_dates.notna().any() and minutes[start_dates.notna()].isna().all():
        end_dates, end_minutes = parse_clock(end.reset_index(drop=True))
        minutes = pd.Series(midnights(start_dates.to_numpy(), minutes.to_numpy(), end_dates.to_numpy(),
                                      end_minutes.to_numpy())[0], index=minutes.index)
    day = pd.to_datetime(dates.reset_index(drop=True))  # both are days at midnight (parse_dates)
    if start_dates.notna().any():
        day = start_dates.where(start_dates.notna(), day)
    begin = day + _span(minutes.to_numpy(np.float64, na_value=np.nan), 60)
    return begin, begin + _span(hours.to_numpy(np.float64, na_value=np.nan), 3600)


def _span(amounts: np.ndarray, seconds: int) -> np.ndarray:
    """Amounts of a unit of `seconds` as timedelta64[ns], to the nearest microsecond (a workbook's finest);
    NaT where missing or beyond what nanoseconds can hold. Minutes and hours are floats: 14:29 or 10:00:01
    must not end 2 ns early, as `pd.to_timedelta(unit=...)` had them (at 8 ms per 200k values, and then
    rounded); a float's error in microseconds is far below one, even for a year-long entry."""
    us = np.round(amounts * (seconds * 1e6))
    fits = np.abs(us) < 2.0**52  # exact in a float, and x1000 still fits nanoseconds; NaN compares False
    out = np.where(fits, us, 0.0).astype(np.int64) * 1000
    out[~fits] = np.iinfo(np.int64).min  # NaT
    return out.view("m8[ns]")
