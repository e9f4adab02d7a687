"""Every duration spelling people and tools write, as decimal hours (table-driven)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storykit.ingest.durations import DurationError, parse_duration, parse_durations

CASES = [
    ("1.5", "hours", 1.5),
    ("1,5", "hours", 1.5),  # pd.to_timedelta("1,5") would be 15 ns
    ("0,25", "hours", 0.25),
    ("1:30", "hours", 1.5),
    ("01:30:00", "hours", 1.5),
    ("00:25:20", "hours", 25 / 60 + 20 / 3600),
    ("12:20:00 AM", "hours", 20 / 60),  # Toggl with a 12-hour clock
    ("02:00:00 AM", "hours", 2.0),
    ("01:30:00 PM", "hours", 13.5),
    ("1h 30m", "hours", 1.5),
    ("0h 30m", "hours", 0.5),
    ("1h30", "hours", 1.5),
    ("90 min", "hours", 1.5),
    ("45 mins", "hours", 0.75),
    ("2 hrs", "hours", 2.0),
    ("PT1H30M", "hours", 1.5),
    ("PT45M", "hours", 0.75),
    ("90", "minutes", 1.5),
    ("5400", "seconds", 1.5),
    (1.25, "hours", 1.25),
    (dt.time(1, 30), "hours", 1.5),
    (dt.timedelta(minutes=90), "hours", 1.5),
]


@pytest.mark.parametrize(("raw", "unit", "hours"), CASES, ids=[f"{c[0]!r}-{c[1]}" for c in CASES])
def test_parse_duration(raw, unit, hours):
    assert parse_duration(raw, unit) == pytest.approx(hours)


@pytest.mark.parametrize("raw", ["", "abc", "1:75", "13:00:00 PM", "nan", "inf", "1e308", True])
def test_unreadable_durations_say_why(raw):
    with pytest.raises(DurationError):
        parse_duration(raw)


def test_column_reports_each_bad_position():
    hours, errors = parse_durations(["1:30", "x", "2,5", ""])
    assert hours.iloc[0] == 1.5 and hours.iloc[2] == 2.5
    assert set(errors) == {1, 3}
    assert "not a duration" in errors[1]


def test_fast_numeric_path_matches_slow_path():
    values = ["1.5", "2", "0.25"]
    fast, _ = parse_durations(values)
    assert fast.tolist() == [parse_duration(v) for v in values]


@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_any_input_gives_hours_or_duration_error(value):
    try:
        hours = parse_duration(value)
    except DurationError:
        return
    assert isinstance(hours, float)
    assert abs(hours) <= 24 * 366


@given(st.integers(min_value=0, max_value=99), st.integers(min_value=0, max_value=59))
def test_clock_and_unit_spellings_agree(h, m):
    expected = h + m / 60
    assert parse_duration(f"{h}:{m:02d}") == pytest.approx(expected)
    assert parse_duration(f"{h}h {m}m") == pytest.approx(expected)
    assert parse_duration(f"PT{h}H{m}M") == pytest.approx(expected)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=99 * 3600 + 3599))
def test_every_spelling_of_a_duration_gives_the_same_hours(seconds):
    h, m, s = seconds // 3600, seconds // 60 % 60, seconds % 60
    expected = seconds / 3600
    assert parse_duration(f"{h}:{m:02d}:{s:02d}") == pytest.approx(expected)
    assert parse_duration(f"PT{h}H{m}M{s}S") == pytest.approx(expected)
    assert parse_duration(f"{h}h {m}m {s}s") == pytest.approx(expected)
    assert parse_duration(str(seconds), "seconds") == pytest.approx(expected)
    assert parse_duration(f"{seconds / 60:g} min") == pytest.approx(expected, abs=1e-4)


@settings(deadline=None)
@given(st.decimals(min_value=0, max_value=500, places=2))
def test_decimal_comma_and_point_agree(value):
    text = f"{value:.2f}"
    assert parse_duration(text.replace(".", ",")) == pytest.approx(float(text))
    assert parse_duration(text) == pytest.approx(float(text))


@settings(deadline=None)
@given(st.lists(st.one_of(st.text(max_size=12), st.floats(), st.integers(), st.none()), max_size=30))
def test_a_column_gives_hours_or_a_reason_for_every_cell(values):
    hours, errors = parse_durations(values)
    assert len(hours) == len(values)
    for i, h in enumerate(hours):
        assert (i in errors) == (h != h), (values[i], h, errors.get(i))
