"""Tables that are not entry logs: summary reports (grouped totals) and roll-ups (one row per person-period).

A summary has no date on each row, so its period comes from the file name or the title; a
roll-up spans days on each row, so its period runs to its last end date and the long-entry
check allows a working day per day of the row.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from storykit.errors import FormatError
from storykit.ingest.dates import parse_dates
from storykit.ingest.grid import Grid
from storykit.ingest.layout import TitleFacts, period_from_name
from storykit.ingest.roles.signatures import normalise
from storykit.ingest.table import EXPECTED

_TOGGL_SUMMARY = {"project", "client", "member", "user", "duration", "title", "task", "description", "tags",
                  "billable", "amount", "amount ()"}


def summary_period(grid: Grid, title: TitleFacts) -> tuple[tuple[dt.date, dt.date], str]:
    """The period a summary covers and where that was read, or a FormatError saying how to give it."""
    period = period_from_name(grid.file)
    if period:
        return period, "the file name"
    if title.start:
        return (title.start, title.end or title.start), "the title above the table"
    raise FormatError(
        "a summary report (totals by category) with no dates in it or in its file name",
        file=grid.file, sheet=grid.sheet,
        hint="Export the detailed report instead, or put the period in the file name "
             "(e.g. summary_2026-03-01_to_2026-03-31.csv) so the hours can be spread over the right weeks.")


def summary_format(fmt: str, headers: list[str], file: str) -> str:
    """The summary's tool when its headers or name tell (Toggl's summary), else 'summary'."""
    if fmt != "generic":
        return fmt
    norm = {normalise(h) for h in headers}
    if "duration" in norm and norm & {"project", "client", "member", "user"} and (
            "toggl" in file.lower() or norm <= _TOGGL_SUMMARY):
        return "toggl_summary"
    return "summary"


def no_hours(headers: list[str], where: dict) -> None:
    """Raise: nothing in the table is time."""
    raise FormatError(
        "this does not look like a time log: no column holds hours or a duration, and there are no start "
        f"and end times (columns: {', '.join(headers[:8])}{', ...' if len(headers) > 8 else ''})", **where,
        hint=EXPECTED)


def rollup_days(body: pd.DataFrame, chosen: dict[str, str], frame: pd.DataFrame) -> tuple[float, dt.date] | None:
    """Days per row and the last day covered, when every row spans a period (a payroll week)."""
    if "end_date" not in chosen or "date" not in chosen or frame.empty:
        return None
    end = parse_dates(body[chosen["end_date"]]).values.reset_index(drop=True)
    span = (end - frame["date"]).dt.days + 1
    if span.notna().mean() < 0.9 or span.median() < 5:
        return None
    return float(span.median()), end.max().date()


def repeated_total(column: pd.Series, hours: pd.Series, dates: pd.Series, people: pd.Series) -> str | None:
    """'day' or 'week' when the column repeats, on each row, the sum of the hours of that person's day (or
    week): a total written beside the entries, which must never be summed. None otherwise.

    Judged on groups of two or more rows; nine in ten groups must agree to the minute.
    """
    from storykit.ingest.durations import parse_durations

    values, _ = parse_durations(column.reset_index(drop=True))
    frame = pd.DataFrame({"v": values, "h": hours.reset_index(drop=True), "p": people.reset_index(drop=True).astype(str),
                          "d": pd.to_datetime(dates.reset_index(drop=True))}).dropna()
    if frame.empty:
        return None
    for span, key in (("day", frame["d"]), ("week", frame["d"].dt.to_period("W"))):
        groups = frame.groupby([frame["p"], key])
        stats = groups.agg(n=("h", "size"), h=("h", "sum"), lo=("v", "min"), hi=("v", "max"))
        several = stats[stats["n"] >= 2]
        if several.empty:
            continue
        agree = ((several["hi"] - several["lo"]).abs() < 0.02) & ((several["hi"] - several["h"]).abs() < 0.02)
        if agree.mean() >= 0.9:
            return span
    return None
