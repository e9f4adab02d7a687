"""Wide grids (one column per day or weekday, people or activities in rows) as one row per entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from storykit.errors import FormatError
from storykit.ingest.cell_text import blank_frame
from storykit.ingest.durations import parse_durations
from storykit.ingest.grid import Grid
from storykit.ingest.layout import TOTAL_HEADER, period_from_name, week_start
from storykit.ingest.role_choice import choose_roles
from storykit.ingest.table import Table
from storykit.model import SkippedRow

WIDE_DATE, WIDE_HOURS = "(day column)", "(hours in the grid)"
_ID_ROLES = ("person", "activity", "team", "client", "project", "task")


@dataclass(frozen=True, eq=False)
class Melted:
    """A wide grid turned long: one row per row label and day, with the columns chosen for it."""

    body: pd.DataFrame
    rows: pd.Series
    chosen: dict[str, str]
    reasons: dict[str, str]
    note: str
    skipped: tuple[SkippedRow, ...]


def melt_days(table: Table, body: pd.DataFrame, rows_in_file: pd.Series, days: dict, grid: Grid) -> Melted:
    """One row per person/activity and day; blank and zero cells are no time."""
    headers = table.headers
    day_headers = {headers[i]: d for i, d in days.items()}
    note_start = ""
    if all(isinstance(d, int) for d in day_headers.values()):
        day_headers, note_start = _dated_weekdays(day_headers, table, grid)
    id_cols = [h for h in headers if h not in day_headers and not TOTAL_HEADER.match(h)
               and not h.startswith("column ")]
    total_cols = [h for h in headers if TOTAL_HEADER.match(h)]
    ids = choose_roles(id_cols, body=body[id_cols])
    chosen = {r: c for r, c in ids.chosen.items() if r in _ID_ROLES}
    id_reasons = dict(ids.reasons)
    if "person" not in chosen and "activity" not in chosen and id_cols:
        chosen["activity"] = id_cols[0]
        id_reasons["activity"] = f"{id_cols[0]!r} names the rows of the grid"
    long_parts = []
    skips: list[SkippedRow] = []
    for h, day in day_headers.items():
        hours, errors = parse_durations(body[h])
        blank = blank_frame(body[[h]])[h]
        part = body[list(chosen.values())].copy()
        part[WIDE_DATE] = pd.Timestamp(day)
        part[WIDE_HOURS] = hours.to_numpy()
        part["__row"] = rows_in_file.to_numpy()
        for i, reason in errors.items():
            if not blank.iat[i]:
                skips.append(SkippedRow(grid.file, int(rows_in_file.iat[i]), f"column {h!r}: {reason}", grid.sheet))
        long_parts.append(part[~blank.to_numpy() & hours.notna().to_numpy()])
    long = pd.concat(long_parts, ignore_index=True) if long_parts else pd.DataFrame()
    long = long[long[WIDE_HOURS] != 0].reset_index(drop=True)
    rows = long.pop("__row").reset_index(drop=True)
    chosen.update({"date": WIDE_DATE, "hours": WIDE_HOURS})
    reasons = {r: id_reasons.get(r, "") for r in chosen}
    reasons["date"] = f"one column per day: {', '.join(list(map(str, day_headers))[:7])}"
    reasons["hours"] = "the hours in the grid cells"
    note = (f"wide layout: one column per day{note_start}, melted to one row per entry; "
            + (f"total column {', '.join(map(repr, total_cols))} not summed" if total_cols else "no total column"))
    return Melted(long, rows, chosen, reasons, note, tuple(skips))


def _dated_weekdays(day_headers: dict[str, int], table: Table, grid: Grid) -> tuple[dict[str, dt.date], str]:
    """Weekday columns given dates from the week the title or the file name states."""
    start = table.title.start or (period_from_name(grid.file) or (None, None))[0]
    if start is None:
        raise FormatError(
            "the sheet has one column per weekday but says nothing about which week", file=grid.file,
            sheet=grid.sheet,
            hint="Put the week's first date in a title row above the header (e.g. 'Week of 2026-03-09') "
                 "or in the file name.")
    monday = week_start(start)
    dated = {h: monday + dt.timedelta(days=d) for h, d in day_headers.items()}
    return dated, f" (week of {monday}, from the {'title' if table.title.start else 'file name'})"
