"""Date columns: one day/month order per column, decided from all its values."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storykit.ingest import dates
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


@settings(deadline=None)
@given(st.lists(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)), min_size=1, max_size=20),
       st.sampled_from(["%Y-%m-%d", "%d.%m.%Y"]))
def test_round_trip_of_unambiguous_formats(dates, fmt):
    assert days([d.strftime(fmt) for d in dates]) == dates


@settings(deadline=None, max_examples=60)
@given(st.lists(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2040, 12, 31)), min_size=1, max_size=25),
       st.sampled_from(["%m/%d/%Y", "%d/%m/%Y"]))
def test_day_month_order_is_one_per_column(dates, fmt):
    """Whatever the values, a slash column is read with ONE order: all day-first or all month-first."""
    texts = [d.strftime(fmt) for d in dates]
    got = days(texts)
    assert None not in got
    dayfirst = [dt.datetime.strptime(t, "%d/%m/%Y").date() if _valid(t, "%d/%m/%Y") else None for t in texts]
    monthfirst = [dt.datetime.strptime(t, "%m/%d/%Y").date() if _valid(t, "%m/%d/%Y") else None for t in texts]
    assert got in (dayfirst, monthfirst)
    if any(d.day > 12 for d in dates):  # one unambiguous value decides: the right order
        assert got == dates


def _valid(text: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        return False
    return True


@settings(deadline=None, max_examples=60)
@given(st.lists(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)), min_size=1, max_size=25))
def test_excel_serials_round_trip(dates):
    serials = [(d - dt.date(1899, 12, 30)).days for d in dates]
    assert days(serials) == dates


@settings(deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.integers(), st.floats(), st.none(), st.dates()), max_size=15))
def test_any_column_gives_dates_or_nat_never_an_exception(values):
    reading = parse_dates(pd.Series(values, dtype=object))
    assert len(reading.values) == len(values)


@pytest.mark.parametrize("value", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_dates_outside_1900_to_2200_are_unreadable_not_overflowing(value):
    assert days(["2026-01-05", value]) == [dt.date(2026, 1, 5), None]


def test_out_of_range_date_row_is_listed_as_skipped():
    import storykit as sk

    text = b"Date,Person,Activity,Hours\n2026-01-05,Ann,Tickets,2\n9999-12-31,Ann,Tickets,1\n"
    log = sk.load(("far.csv", text))
    assert log.total_hours == 2
    assert [(s.row, "9999-12-31" in s.reason) for s in log.skipped] == [(3, True)]


@settings(deadline=None, max_examples=200)
@given(st.lists(st.one_of(st.floats(min_value=-10, max_value=3e6), st.integers(20_000, 80_000).map(float),
                          st.just(float("nan"))), min_size=1, max_size=30).filter(
    lambda v: any(20_000 <= x < 80_000 for x in v)))
def test_excel_serials_are_the_day_each_number_counts_from_1899_12_30(serials):
    """The whole day of each serial (its fraction is the time), counted from Excel's epoch, within Excel's dates
    (1 to 2958465) and the log's window (1900-2200); NaT otherwise. Computed per number here."""
    from storykit.ingest.dates import EARLIEST, LATEST, _from_numbers

    def expected(x: float) -> pd.Timestamp:
        if not 1 <= x < 2958466:
            return pd.NaT
        day = dt.date(1899, 12, 30) + dt.timedelta(days=int(x // 1))  # to year 9999, past pandas' nanoseconds
        return pd.Timestamp(day) if EARLIEST.date() <= day <= LATEST.date() else pd.NaT

    numbers = pd.Series(serials)
    if not 1 <= numbers.dropna().median() < 100_000:
        return  # another reading of numbers (epoch seconds, YYYYMMDD): not this rule's
    reading = _from_numbers(numbers)
    assert reading.how == "Excel serial numbers"
    assert reading.values.isna().tolist() == [not 1 <= x < 2958466 for x in serials]  # NaT, not a day in 1899
    values = reading.values.where((reading.values >= EARLIEST) & (reading.values <= LATEST))
    assert values.tolist() == [expected(x) for x in serials]


@settings(deadline=None, max_examples=150)
@given(st.lists(st.tuples(st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2100, 12, 31)),
                          st.sampled_from(dates._DATE_FORMATS)), min_size=1, max_size=6),
       st.lists(st.text(alphabet=st.sampled_from("0123456789/-., \tJanMo:T"), max_size=14), max_size=4))
def test_the_formats_skipped_are_only_those_that_read_no_text(written, noise):
    """A format is tried only where some text has its separators (and letters for month names); one that
    would read any of the texts is never skipped, so the choice is the one every format would give."""
    texts = pd.Series([d.strftime(f) for d, f in written] + noise, dtype="string")
    tried = set(dates._formats_for(texts))
    reading = {f for f in dates._DATE_FORMATS if pd.to_datetime(texts, format=f, errors="coerce").notna().any()}
    assert reading <= tried
    assert len(tried) < len(dates._DATE_FORMATS) or any(c.isalpha() for t in texts for c in t)
