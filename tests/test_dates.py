"""Date columns: one day/month order per column, decided from all its values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storykit.ingest.dates import parse_dates


def days(values):
    return [None if pd.isna(v) else v.date() for v in parse_dates(pd.Series(values, dtype=object)).values]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2026-01-05", "2026-01-13"], [dt.date(2026, 1, 5), dt.date(2026, 1, 13)]),
        (["05.01.2026", "13.01.2026"], [dt.date(2026, 1, 5), dt.date(2026, 1, 13)]),
        # one value with a day over 12 decides the whole column is day-first
        (["03/04/2026", "25/04/2026"], [dt.date(2026, 4, 3), dt.date(2026, 4, 25)]),
        (["03/04/2026", "04/25/2026"], [dt.date(2026, 3, 4), dt.date(2026, 4, 25)]),
        (["01-Aug-2023 09:00:00", "31-Aug-2023 09:00:00"], [dt.date(2023, 8, 1), dt.date(2023, 8, 31)]),
        (["2017-08-01 15:10:43"], [dt.date(2017, 8, 1)]),
        (["1528070400000", "1528156800000"], [dt.date(2018, 6, 4), dt.date(2018, 6, 5)]),  # epoch ms
        ([46027, 46028], [dt.date(2026, 1, 5), dt.date(2026, 1, 6)]),  # Excel serials
        ([dt.date(2026, 2, 1), dt.datetime(2026, 2, 2, 9, 30)], [dt.date(2026, 2, 1), dt.date(2026, 2, 2)]),
        (["22.10.2024 09:40"], [dt.date(2024, 10, 22)]),
    ],
    ids=["iso", "dotted-european", "slash-dayfirst", "slash-us", "dd-mon-yyyy", "iso-time", "epoch-ms",
         "excel-serial", "date-objects", "dotted-with-time"],
)
def test_parse_dates(values, expected):
    assert days(values) == expected


def test_ambiguous_column_is_flagged_not_guessed_silently():
    reading = parse_dates(pd.Series(["01/02/2026", "03/04/2026"]))
    assert reading.ambiguous


def test_unreadable_cells_are_nat_not_guessed():
    assert days(["2026-01-05", "not a date"]) == [dt.date(2026, 1, 5), None]


@given(st.lists(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)), min_size=1, max_size=20),
       st.sampled_from(["%Y-%m-%d", "%d.%m.%Y"]))
def test_round_trip_of_unambiguous_formats(dates, fmt):
    assert days([d.strftime(fmt) for d in dates]) == dates
