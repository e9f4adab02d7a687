"""Wide grids as one row per entry: one column per day or weekday, or one column of hours per person.

A manager's own sheet often has people or activities in rows and a column per day (the week
in the title, in the file or sheet name, or on each row); a team's shared sheet often has a
column of hours per person, headed by the person's name. Blank and zero cells are no time;
a Total/Summe column is a row's total and is never summed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from storykit.errors import FormatError
from storykit.ingest.cell_text import blank_frame, text
from storykit.ingest.dates import parse_dates
from storykit.ingest.durations import parse_durations
from storykit.ingest.grid import Grid
from storykit.ingest.layout import TOTAL_HEADER, WEEKDAYS, period_from_name, weekday_key
from storykit.ingest.role_choice import choose_roles
from storykit.ingest.roles import read_header, role_words
from storykit.ingest.table import Table
from storykit.model import SkippedRow
from storykit.weeks import iso_week_start, week_start, week_starts

WIDE_DATE, WIDE_HOURS, WIDE_PERSON = "(day column)", "(hours in the grid)", "(person column)"
_ID_ROLES = ("person", "activity", "team", "client", "project", "task")
#: A person's name as a column header: one to three words of letters (Tobias, Mary-Ann, J. Smith).
_NAME = re.compile(r"^[^\W\d_][^\W\d_'.\-]*(?: [^\W\d_][^\W\d_'.\-]*){0,2}$")
MAX_DAY_HOURS = 24.0


@dataclass(frozen=True, eq=False)
class Melted:
    """A wide grid turned long: one row per row label and day (or person), with the columns chosen for it."""

    body: pd.DataFrame
    rows: pd.Series
    chosen: dict[str, str]
    reasons: dict[str, str]
    note: str
    skipped: tuple[SkippedRow, ...]


def melt_days(table: Table, body: pd.DataFrame, rows_in_file: pd.Series, days: dict, grid: Grid) -> Melted:
    """One row per person/activity and day."""
    headers = table.headers
    day_headers = {headers[i]: d for i, d in days.items()}
    id_cols = [h for h in headers if h not in day_headers and not TOTAL_HEADER.match(h)
               and not h.startswith("column ")]
    total_cols = [h for h in headers if TOTAL_HEADER.match(h)]
    ids = choose_roles(id_cols, body=body[id_cols])
    chosen = {r: c for r, c in ids.chosen.items() if r in _ID_ROLES}
    id_reasons = dict(ids.reasons)
    note_start = ""
    by: dict[str, object] = dict(day_headers)
    if all(isinstance(d, int) for d in day_headers.values()):
        by, note_start, week_col = _dated_weekdays(day_headers, table, body, id_cols, grid)
        id_cols = [h for h in id_cols if h != week_col]
        chosen = {r: c for r, c in chosen.items() if c != week_col}
    if "person" not in chosen and "activity" not in chosen and id_cols:
        chosen["activity"] = id_cols[0]
        id_reasons["activity"] = f"{id_cols[0]!r} names the rows of the grid"
    long, rows, skips = _melt(body, rows_in_file, list(chosen.values()), {h: {WIDE_DATE: v} for h, v in by.items()},
                              grid)
    chosen.update({"date": WIDE_DATE, "hours": WIDE_HOURS})
    reasons = {r: id_reasons.get(r, "") for r in chosen}
    reasons["date"] = f"one column per day: {', '.join(list(map(str, day_headers))[:7])}"
    reasons["hours"] = "the hours in the grid cells"
    note = (f"wide layout: one column per day{note_start}, melted to one row per entry; "
            + (f"total column {', '.join(map(repr, total_cols))} not summed" if total_cols else "no total column"))
    return Melted(long, rows, chosen, reasons, note, skips)


def _dated_weekdays(day_headers: dict[str, int], table: Table, body: pd.DataFrame, id_cols: list[str],
                    grid: Grid) -> tuple[dict[str, object], str, str | None]:
    """Weekday columns given dates: from a week column on each row, else the week the title or a name states."""
    for col in id_cols:
        mondays = _row_weeks(body[col])
        if mondays is not None:
            dated = {h: (mondays + pd.Timedelta(days=d)).to_numpy() for h, d in day_headers.items()}
            return dated, f" (the week on each row, from {col!r})", col
    named = period_from_name(grid.file) or period_from_name(str(grid.sheet or ""))
    start = table.title.start or (named or (None, None))[0]
    if start is None:
        raise FormatError(
            "the sheet has one column per weekday but says nothing about which week", file=grid.file,
            sheet=grid.sheet,
            hint="Put the week's first date in a title row above the header (e.g. 'Week of 2026-03-09'), "
                 "in a Week column on each row, or in the file name.")
    monday = week_start(start)
    said = "title" if table.title.start else ("file name" if period_from_name(grid.file) else "sheet's name")
    return ({h: monday + dt.timedelta(days=d) for h, d in day_headers.items()},
            f" (week of {monday}, from the {said})", None)


def _row_weeks(column: pd.Series) -> pd.Series | None:
    """The Monday of each row's week when the column holds a date or an ISO week (2026-W10) on nearly every row."""
    values = column.reset_index(drop=True)
    weeks = values.map(lambda v: iso_week_start(text(v)))
    if weeks.notna().mean() >= 0.9:
        return pd.to_datetime(weeks)
    reading = parse_dates(values)
    if reading.values.notna().mean() < 0.9:
        return None
    return week_starts(reading.values)


def person_columns(table: Table, chosen: dict[str, str]) -> list[str]:
    """Columns headed by people's names whose cells are hours: a grid with one column of hours per person.

    A name is one to three words of letters that name no role and no unit; the cells are blank
    or durations of at most a day. Two such columns at least, beside a date column and no column
    of people's names ('Operation', 'Qty', 'Scrap' beside 'Operator' are not three people).
    """
    if "date" not in chosen or "person" in chosen:  # a column already names whose each row is
        return []
    taken = {c for r, c in chosen.items() if r != "hours"}
    out = []
    for h in table.headers:
        if h in taken or TOTAL_HEADER.match(h) or h.startswith("column ") or not _NAME.match(h):
            continue
        if weekday_key(h) in WEEKDAYS or read_header(h).unit or any(
                w >= 0.5 for w, _ in role_words(h).values()):
            continue
        present = table.body[h][~table.blank[h].to_numpy()]
        if present.empty:
            continue
        hours, errors = parse_durations(present)
        if errors or not hours.between(0, MAX_DAY_HOURS).all():
            continue
        out.append(h)
    return out if len(out) >= 2 else []


def melt_people(table: Table, body: pd.DataFrame, rows_in_file: pd.Series, people: list[str], grid: Grid) -> Melted:
    """One row per row of the grid and person with hours in it; the other columns say when and what."""
    total_cols = [h for h in table.headers if TOTAL_HEADER.match(h)]
    id_cols = [h for h in table.headers if h not in people and h not in total_cols and not h.startswith("column ")]
    ids = choose_roles(id_cols, table.blank[id_cols], body[id_cols])
    chosen = {r: c for r, c in ids.chosen.items() if r not in ("hours", "person", "first_name", "last_name", "email",
                                                               "start", "end", "break")}
    reasons = {r: ids.reasons.get(r, "") for r in chosen}
    if "activity" not in chosen:
        label = next((chosen[r] for r in ("task", "description", "project") if r in chosen), None)
        if label:
            chosen["activity"] = label
            reasons["activity"] = f"{label!r} says what each row's hours were for"
    long, rows, skips = _melt(body, rows_in_file, list(dict.fromkeys(chosen.values())),
                              {p: {WIDE_PERSON: p} for p in people}, grid)
    chosen.update({"person": WIDE_PERSON, "hours": WIDE_HOURS})
    reasons["person"] = f"one column of hours per person: {', '.join(map(repr, people[:6]))}"
    reasons["hours"] = "the hours in each person's column"
    note = (f"one column of hours per person ({len(people)}: {', '.join(people[:6])}), melted to one row per "
            "person and entry; blank and zero cells are no time" + _total_note(body, people, total_cols))
    return Melted(long, rows, chosen, reasons, note, skips)


def _total_note(body: pd.DataFrame, people: list[str], total_cols: list[str]) -> str:
    """Says which total column is each row's sum of the people's hours (checked), never summed."""
    if not total_cols:
        return ""
    sums = sum(parse_durations(body[p])[0].fillna(0.0) for p in people)
    said = []
    for col in total_cols:
        total, _ = parse_durations(body[col])
        both = total.notna()
        agrees = both.any() and np.allclose(total[both], sums[both], atol=0.01)
        said.append(f"{col!r}" + (" (each row's sum of them)" if agrees else ""))
    return "; total column " + ", ".join(said) + " not summed"


def _melt(body: pd.DataFrame, rows_in_file: pd.Series, keep: list[str], by: dict[str, dict[str, object]],
          grid: Grid) -> tuple[pd.DataFrame, pd.Series, tuple[SkippedRow, ...]]:
    """One row per body row and value column with time in it: the `keep` columns, the column's own
    values from `by` (a day, a person; scalars or one per row), and its hours."""
    parts, skips = [], []
    for h, extra in by.items():
        hours, errors = parse_durations(body[h])
        blank = blank_frame(body[[h]])[h]
        part = body[keep].copy()
        for name, value in extra.items():
            part[name] = value
        part[WIDE_HOURS] = hours.to_numpy()
        part["__row"] = rows_in_file.to_numpy()
        for i, reason in errors.items():
            if not blank.iat[i]:
                skips.append(SkippedRow(grid.file, int(rows_in_file.iat[i]), f"column {h!r}: {reason}", grid.sheet))
        parts.append(part[~blank.to_numpy() & hours.notna().to_numpy()])
    long = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*keep, WIDE_HOURS, "__row"])
    long = long[long[WIDE_HOURS] != 0].reset_index(drop=True)
    rows = long.pop("__row").reset_index(drop=True)
    return long, rows, tuple(skips)
