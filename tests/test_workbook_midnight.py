"""python-calamine gives a datetime cell at exactly 00:00 as a `date`. In a column of start or end times that
is the day's midnight (clock.dates_are_midnights): an entry starting or ending at midnight reads like any
other, through the grid's datetime64 columns (the dates kept apart, Grid.rows) and through object columns.
A column that is mostly dates is a date column: its dates have no time of day.
"""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest

from storykit.ingest import grid
from storykit.ingest.clock import parse_clock
from storykit.ingest.reader import read_file
from tests.test_workbook_typed import _as_objects, _book

MONDAY = dt.datetime(2026, 3, 2)


def _log(entries: list[tuple[dt.datetime, dt.datetime]]) -> bytes:
    return _book([["Person", "Task", "Start", "End"],
                  *([["Ana Silva", "Ben Okafor", "Chen Wei"][i % 3], ["Calls", "Email"][i % 2], s, e]
                    for i, (s, e) in enumerate(entries))])


def _around_the_clock(days: int, seed: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Each day: a night shift 00:00-06:00, two day shifts of a few minutes more or less, 22:00-00:00."""
    rng = random.Random(seed)
    out = []
    for d in range(days):
        day = MONDAY + dt.timedelta(days=d)
        middle = day + dt.timedelta(hours=14, minutes=rng.randrange(-50, 50))
        out += [(day, day + dt.timedelta(hours=6)), (day + dt.timedelta(hours=6), middle),
                (middle, day + dt.timedelta(hours=22)), (day + dt.timedelta(hours=22), day + dt.timedelta(days=1))]
    return out


def _shifts(hours: int, count: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Back-to-back shifts from Monday 00:00: some start and end at midnight; 5-hour ones also cross it."""
    starts = [MONDAY + dt.timedelta(hours=hours * i) for i in range(count)]
    return [(s, s + dt.timedelta(hours=hours)) for s in starts]


def _expect_every_entry(data: bytes, entries: list[tuple[dt.datetime, dt.datetime]]) -> None:
    log = read_file("shifts.xlsx", data)
    assert [s.reason for s in log.skipped] == []
    frame = log.frame.sort_values("row")
    assert frame["start"].tolist() == [pd.Timestamp(s) for s, _ in entries]
    assert frame["end"].tolist() == [pd.Timestamp(e) for _, e in entries]
    assert frame["hours"].tolist() == pytest.approx([(e - s).total_seconds() / 3600 for s, e in entries])
    assert frame["date"].tolist() == [pd.Timestamp(s.date()) for s, _ in entries]  # the start's day, midnight too
    crossing = sum(e.date() > s.date() and e.time() != dt.time() for s, e in entries)  # 22:00-00:00 does not
    assert any(f"{crossing} entries cross midnight" in w for w in log.sources[0].warnings) == (crossing > 0)


@pytest.mark.parametrize("typed", [True, False], ids=["datetime64 columns", "object columns"])
def test_entries_starting_or_ending_at_midnight_are_read_with_their_hours(typed: bool, monkeypatch) -> None:
    entries = _around_the_clock(30, seed=5)
    data = _log(entries)
    if typed:  # the form under test: the midnights are datetime64 values, the header alone kept apart
        kept = grid.read_grids("shifts.xlsx", data)[0]
        assert [list(column.values()) for column in kept.apart.values()] == [["Start"], ["End"]]
        assert (kept.rows(1)[2].dt.hour == 0).sum() == 30
    else:  # as a sheet with uncached formulas keeps them: calamine's dates among datetime objects
        _as_objects(monkeypatch)
    _expect_every_entry(data, entries)


@pytest.mark.parametrize("hours", [1, 5, 8, 12], ids=lambda h: f"{h}-hour entries")
def test_a_log_with_many_midnights_still_has_start_and_end_columns(hours: int) -> None:
    """Three 8-hour shifts start a third of the entries at midnight, two 12-hour shifts half: the columns
    are still columns of times (the role evidence counts the midnights as times of day). An entry that
    ends at 00:00 does not cross midnight; one that ends after it does."""
    entries = _shifts(hours, 150)
    _expect_every_entry(_log(entries), entries)


def test_a_date_among_datetimes_is_midnight_and_a_date_among_dates_has_no_time() -> None:
    times = [MONDAY + dt.timedelta(hours=h, minutes=15) for h in range(7, 10)]
    dates, minutes = parse_clock(pd.Series([*times, MONDAY.date(), None], dtype=object))
    assert minutes.tolist()[:4] == [435, 495, 555, 0]
    assert dates[3] == pd.Timestamp(MONDAY)
    day_list = [MONDAY.date() + dt.timedelta(days=d) for d in range(4)]
    for column in (day_list, [*day_list, times[0]]):  # a date column, with a stray datetime
        dates, minutes = parse_clock(pd.Series(column, dtype=object))
        assert minutes[:4].isna().all()  # a day with no time of day: no start or end time
        assert dates[:4].tolist() == [pd.Timestamp(d) for d in day_list]


def _night_team(days: int, seed: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every entry starts at 00:00 (a night team): calamine gives every start cell as a date."""
    rng = random.Random(seed)
    return [(day, day + dt.timedelta(hours=rng.randrange(2, 8), minutes=rng.choice([0, 15, 30, 45])))
            for d in range(days) for day in [MONDAY + dt.timedelta(days=d)] * 3]


def _evening_team(days: int, seed: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Every entry ends at 00:00, the midnight after it starts: every end cell is the next day's date."""
    rng = random.Random(seed)
    return [(end - dt.timedelta(hours=rng.randrange(2, 8), minutes=rng.choice([0, 15, 30, 45])), end)
            for d in range(days) for end in [MONDAY + dt.timedelta(days=d + 1)] * 3]


@pytest.mark.parametrize("team", [_night_team, _evening_team], ids=["every start at 00:00", "every end at 00:00"])
@pytest.mark.parametrize("typed", [True, False], ids=["datetime64 columns", "object columns"])
def test_a_team_whose_every_entry_starts_or_ends_at_midnight_is_a_time_log(team, typed: bool, monkeypatch) -> None:
    """A column of midnights reaches us as a column of dates. Its name says start (or end), and beside it the
    end (or start) falls later that day (or the day before) on every row: each entry runs from (or to) 00:00.
    It was refused as 'not a time log' (no start and end times)."""
    if not typed:
        _as_objects(monkeypatch)
    entries = team(20, seed=3)
    _expect_every_entry(_log(entries), entries)
    log = read_file("shifts.xlsx", _log(entries))
    assert set(log.sources[0].mapping.items()) >= {("start", "Start"), ("end", "End")}
    column = "Start" if team is _night_team else "End"
    assert any(f"{column!r} holds dates with no time, read as 00:00" in w for w in log.sources[0].warnings)


@pytest.mark.parametrize(("start", "end", "start_read", "end_read", "which"), [
    (["2026-03-02", "2026-03-03"], ["2026-03-02 06:00", "2026-03-03 07:30"], [0, 0], [360, 450], "start"),
    (["2026-03-02 16:00", "2026-03-03 17:30"], ["2026-03-03", "2026-03-04"], [960, 1050], [0, 0], "end"),
    # the end on another day than the start: a start date and an end, not a shift from midnight
    (["2026-03-02", "2026-03-03"], ["2026-03-04 06:00", "2026-03-05 07:30"], [None, None], [360, 450], None),
    # an end at 00:00 the same day is no later than a start at 00:00
    (["2026-03-02", "2026-03-03"], ["2026-03-02 00:00", "2026-03-03 00:00"], [None, None], [0, 0], None),
    # a time of day on one row: the column is not one of dates, its dates stay unreadable as times
    (["2026-03-02", "2026-03-03 01:00"], ["2026-03-02 06:00", "2026-03-03 07:30"], [None, 60], [360, 450], None),
    # both columns dates: a date range, no times at all
    (["2026-03-02", "2026-03-03"], ["2026-03-02", "2026-03-03"], [None, None], [None, None], None),
], ids=["start dates, ends later that day", "end dates, the day after the start", "ends on other days",
        "ends at 00:00 the same day", "a time on one row", "both dates"])
def test_a_column_of_dates_is_one_of_midnights_only_where_its_partner_says_so(start, end, start_read, end_read,
                                                                             which):
    from storykit.ingest.clock import midnights

    (sd, sm), (ed, em) = (parse_clock(pd.Series(c, dtype=object)) for c in (start, end))
    *got, read_as_midnights = midnights(sd.to_numpy(), sm.to_numpy(), ed.to_numpy(), em.to_numpy())
    assert [[None if np.isnan(m) else m for m in column] for column in got] == [start_read, end_read]
    assert read_as_midnights == which


def test_a_column_of_dates_named_as_a_date_stays_the_date() -> None:
    """'Start date' names a date, not a start time: beside an end on the same days it is still the entry's date,
    and the hours stated beside them are the time worked (no midnights read)."""
    entries = _night_team(10, seed=4)
    rows = [["Person", "Task", "Start date", "End", "Hours"],
            *([p, "Calls", s.date(), e, (e - s).total_seconds() / 3600] for (s, e), p in
              zip(entries, ["Ana Silva", "Ben Okafor", "Chen Wei"] * 10, strict=True))]
    log = read_file("shifts.xlsx", _book(rows))
    assert log.sources[0].mapping["date"] == "Start date" and log.sources[0].mapping["hours"] == "Hours"
    assert not any("read as 00:00" in w for w in log.sources[0].warnings)
