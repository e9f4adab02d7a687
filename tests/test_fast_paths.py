"""The fast paths read exactly what the reference paths read: same cells, same TimeLog.

Speed comes from pyarrow's CSV parser for large rectangular text files and from running per-cell
rules once per distinct value; both must be invisible except in the time taken.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storykit.ingest import grid, read_file, text_arrow
from storykit.ingest.cell_text import blank as _blank
from storykit.ingest.cell_text import text as _text
from storykit.ingest.cells import map_cells, map_distinct

TEXTS = {
    "plain": "Date,User,Activity,Hours\n2026-01-05,Ana,Tickets,1.5\n",
    "crlf": "Date,User,Activity,Hours\r\n2026-01-05,Ana,Tickets,1.5\r\n",
    "bare cr": "Date,User,Activity,Hours\r2026-01-05,Ana,Tickets,1.5\r",
    "quotes and doubled quotes": 'Date,User,Activity,Hours\n2026-01-05,"Silva, Ana","say ""hi""",1.5\n',
    "newline inside quotes": 'Date,User,Activity,Hours\n2026-01-05,Ana,"two\nlines",1.5\n',
    "quote inside a field": 'Date,User,Activity,Hours\n2026-01-05,An"a,"Tick"ets,1.5\n',
    "spaces kept": "Date,User,Activity,Hours\n 2026-01-05 , Ana ,Tickets, 1.5 \n",
    "blank line inside": "Date,User,Activity,Hours\n\n2026-01-05,Ana,Tickets,1.5\n",
    "blank lines at the end": "Date,User,Activity,Hours\n2026-01-05,Ana,Tickets,1.5\n\n\n",
    "no final newline": "Date,User,Activity,Hours\n2026-01-05,Ana,Tickets,1.5",
    "semicolons": "Datum;Mitarbeiter;Tätigkeit;Stunden\n05.01.2026;Ana;Tickets;1,5\n",
    "ragged row (falls back)": "Date,User,Activity,Hours\n2026-01-05,Ana\n",
    "title line (falls back)": "Time report\nDate,User,Activity,Hours\n2026-01-05,Ana,Tickets,1.5\n",
    "unclosed quote (falls back)": 'Date,User,Activity,Hours\n2026-01-05,"Ana,Tickets,1.5\n',
    "unicode and nbsp": "Date,User,Activity,Hours\n2026-01-05,Zoë\u00a0,Tickets\u2028x,1.5\n",
}


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_pyarrow_grid_equals_csv_module_grid(text, monkeypatch):
    body = text.split("\n", 1)[1] if "\n" in text else ""
    big = text + body * 50  # repeat the data rows so both readers see many rows
    monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 1 << 40)
    reference = grid.read_grids("t.csv", big.encode())[0].cells
    monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 0)
    fast = grid.read_grids("t.csv", big.encode())[0].cells
    assert fast.shape == reference.shape
    assert fast.astype(object).values.tolist() == reference.values.tolist()


def _activity_csv(rows: int) -> bytes:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({
        "Date": pd.Series(pd.date_range("2026-01-05", periods=60)).dt.strftime("%d.%m.%Y").to_numpy()[
            rng.integers(0, 60, rows)],
        "Agent": np.array(["Ana Silva", " Ben Okafor", "Chloe\tMartin", ""])[rng.integers(0, 4, rows)],
        "Activity": np.array(["Phone overflow", "Tickets", "Lunch", "IT escalation"])[rng.integers(0, 4, rows)],
        "Duration": np.array(["1:30", "0:15", "2h", "bad", ""])[rng.integers(0, 5, rows)],
    })
    frame.loc[5, "Date"] = "TOTAL"
    return frame.to_csv(index=False).encode()


def test_fast_and_reference_paths_give_the_same_time_log(monkeypatch):
    data = gzip.compress(_activity_csv(30_000))
    monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 0)
    fast = read_file("log.csv.gz", data)
    monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 1 << 40)
    monkeypatch.setattr("storykit.ingest.cells._SMALL", 1 << 40)  # every rule per cell, as written
    reference = read_file("log.csv.gz", data)
    pd.testing.assert_frame_equal(fast.frame, reference.frame)
    assert fast.skipped == reference.skipped
    assert fast.flagged == reference.flagged
    assert fast.sources == reference.sources


COLUMNS = {
    "text with blanks": pd.Series(["a", " b", "", None, float("nan"), "  "] * 100, dtype=object),
    "arrow strings": pd.Series(["x", " y", "", None] * 100, dtype="str"),
    "floats": pd.Series([1.0, 2.5, -0.0, 0.0, float("nan")] * 100, dtype=object),
    "mixed bool and int (per cell)": pd.Series([True, 1, 1.0, "1"] * 100, dtype=object),
}


@pytest.mark.parametrize("column", COLUMNS.values(), ids=COLUMNS.keys())
@pytest.mark.parametrize("rule", [_blank, _text], ids=["blank", "text"])
def test_map_cells_equals_map(column, rule):
    pd.testing.assert_series_equal(map_cells(column, rule), column.map(rule))


def test_map_distinct_keeps_missing_cells_missing():
    column = pd.Series([" 2026-01-05 10:00", None, "2026-01-06"] * 200, dtype="str")
    def clean(s: pd.Series) -> pd.Series:
        return s.str.strip().str.replace(r" \d\d:\d\d$", "", regex=True)
    pd.testing.assert_series_equal(map_distinct(column, clean), clean(column))


CLOCKS = ["07:05", "7:05", "07:05:30", "23:59:59", " 07:05", "07:05 PM", "2026-01-05 07:05", "7h", "", None, "99:99",
          "07:05\n", "\u0660\u0667:\u0660\u0665", "7:5", "07:05:"]


def _clock_reading(column: pd.Series) -> list[tuple[object, object]]:
    from storykit.ingest.clock import parse_clock

    dates, minutes = parse_clock(column)
    return [(d if d == d else None, round(m, 9) if m == m else None) for d, m in zip(dates, minutes, strict=True)]


def test_plain_clock_times_read_as_split_reads_them():
    # an object column takes _split for every cell, the reference; arrow text takes the byte and RE2 paths
    assert _clock_reading(pd.Series(CLOCKS * 30, dtype="str")) == _clock_reading(pd.Series(CLOCKS * 30, dtype=object))


@given(st.lists(st.one_of(st.none(), st.text(alphabet="0123456789: apmPM\t-T\u0660\u00e9", max_size=9),
                          st.sampled_from(CLOCKS[:6])), min_size=1, max_size=80))
def test_clock_fast_paths_equal_the_reference_on_any_text(cells):
    assert _clock_reading(pd.Series(cells, dtype="str")) == _clock_reading(pd.Series(cells, dtype=object))


@given(st.lists(st.one_of(st.none(), st.text(max_size=4), st.sampled_from([" ", "\u00a0", "\x1c", "\u3000x", "~", "!"])),
                min_size=1, max_size=80))
def test_blank_cells_from_arrow_bytes_equal_the_blank_rule(cells):
    import pyarrow as pa

    from storykit.ingest.cell_text import blank_column as _blank_column

    want = [_blank(v) for v in pd.Series(cells, dtype=object).tolist()]
    column = pd.Series(cells, dtype="str")
    assert _blank_column(column).tolist() == want
    assert _blank_column(column.iloc[1:]).tolist() == want[1:]  # a slice: its chunk starts past its buffers' start
    half = len(cells) // 2  # in two chunks of large_string, as a parsed CSV's columns are
    chunked = pa.chunked_array([pa.array(cells[:half], pa.large_string()), pa.array(cells[half:], pa.large_string())])
    assert _blank_column(pd.Series(pd.arrays.ArrowStringArray(chunked))).tolist() == want


@given(st.lists(st.one_of(st.none(), st.floats(), st.integers(-5, 5), st.booleans(), st.just(float("nan")),
                          st.dates(), st.datetimes(), st.times(), st.just(pd.NaT)), min_size=1, max_size=60))
def test_blank_cells_of_number_and_date_columns_equal_the_blank_rule(cells):
    from storykit.ingest.cell_text import blank_column as _blank_column

    column = pd.Series(cells * (256 // len(cells) + 1), dtype=object)  # long enough for the fast path
    assert _blank_column(column).tolist() == [_blank(v) for v in column.tolist()]


def test_clock_cells_that_are_time_objects_still_read():
    import datetime as dt

    from storykit.ingest.clock import _split_all

    column = pd.Series([dt.time(7, 30), "08:00", None] * 100, dtype=object)
    assert _split_all(column).tolist()[:2] == [(None, 450.0), (None, 480.0)]


def _count_switches_reference(frame: pd.DataFrame) -> tuple[pd.DataFrame | None, int]:
    """count_switches as it was, on strings: sort by person, day, start; group the pairs."""
    timed = frame.loc[frame["start"].notna(), ["person", "activity", "start"]]
    timed = timed.assign(day=pd.to_datetime(timed["start"]).dt.normalize()).sort_values(
        ["person", "day", "start"], kind="stable")
    same_day = (timed["person"].eq(timed["person"].shift())) & (timed["day"].eq(timed["day"].shift()))
    pairs = pd.DataFrame({"from": timed["activity"].shift()[same_day], "to": timed["activity"][same_day]})
    counts = pairs.groupby(["from", "to"], as_index=False, sort=True).size().rename(columns={"size": "count"})
    return counts, int(timed[["person", "day"]].drop_duplicates().shape[0])


@pytest.mark.parametrize("tz", [None, "Europe/Berlin"], ids=["naive", "tz-aware"])
@pytest.mark.parametrize("missing", [False, True], ids=["complete", "with-missing-cells"])
@pytest.mark.parametrize("as_read", [False, True], ids=["text", "categories-and-microseconds"])
def test_switch_count_on_codes_equals_the_string_sort(tz, missing, as_read) -> None:
    from storykit.cube import count_switches

    rng = np.random.default_rng(7)
    n = 3000
    people = np.array([f"P{i:02d}" for i in rng.integers(0, 25, n)], dtype=object)
    acts = np.array([f"act {i}" for i in rng.integers(0, 9, n)], dtype=object)
    start = pd.Series(pd.Timestamp("2026-03-23") + pd.to_timedelta(rng.integers(0, 14 * 86400, n) // 600 * 600,
                                                                     unit="s"))
    if tz:
        start = start.dt.tz_localize(tz, nonexistent="shift_forward", ambiguous="NaT")
    if missing:
        people[rng.integers(0, n, 40)] = None
        acts[rng.integers(0, n, 40)] = None
        start[rng.integers(0, n, 40)] = pd.NaT
    frame = pd.DataFrame({"person": pd.array(people, dtype="str"), "activity": pd.array(acts, dtype="str"),
                          "start": start})
    if as_read:  # as the reader's frame may hold them: labels as categories (not sorted), start in microseconds
        frame = frame.astype({"person": pd.CategoricalDtype(sorted(set(people) - {None}, reverse=True)),
                              "activity": "category", "start": start.dtype.name.replace("ns", "us")})
    got, days = count_switches(frame)
    want, want_days = _count_switches_reference(frame)
    assert days == want_days
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)


@given(st.lists(st.tuples(st.sampled_from(["Ana", "Ben"]), st.sampled_from(["Tickets", "Calls", None]),
                          st.sampled_from([1.0, 2.0, 0.0, -0.0, float("nan")]),
                          st.sampled_from(["2026-01-05", "2026-01-06"]),
                          st.sampled_from(["2026-01-05 09:00", "2026-01-05 09:30", None]),
                          st.sampled_from(["a note", "", None])),
                min_size=1, max_size=40), st.booleans(), st.booleans())
def test_duplicate_flags_are_the_rows_frame_duplicated_finds(rows, labels, collide):
    """As the reader's frame has them: labels as categories or text, hours with -0.0 and NaN, start times
    with NaT, a note column with missing cells; the flags are exactly frame.duplicated()'s rows. `collide`
    mixes every row to one number, as two different rows might by chance: the exact sort must take over."""
    from unittest import mock

    from storykit.ingest import row_checks
    from storykit.ingest.grid import Grid
    from storykit.ingest.row_checks import flag_rows as _flags

    frame = pd.DataFrame(rows, columns=["person", "activity", "hours", "date", "start", "note"]).astype(
        {"date": "datetime64[ns]", "start": "datetime64[us]", "note": "str"})
    if labels:
        frame = frame.astype({"person": "category", "activity": "category"})
    frame["row"] = range(2, len(frame) + 2)
    same_number = mock.patch.object(row_checks, "_mixed", lambda keys: np.zeros(len(keys[0]), np.uint64))
    with same_number if collide else contextlib.nullcontext():
        flags = _flags(frame, Grid("log.csv", None, pd.DataFrame()), 1)
    expected = frame.loc[frame.drop(columns="row").duplicated(), "row"].tolist()
    assert [f.row for f in flags if "duplicate" in f.reason] == expected


@given(st.lists(st.tuples(st.integers(-1, 5), st.integers(-(2**62), 2**62)), min_size=1, max_size=60),
       st.sampled_from(["minutes with ties", "near", "mid", "far"]))
def test_one_key_sort_by_person_and_start_equals_lexsort(rows, spread):
    """Each of the three ways (a plain sort of keys made unique by the row number, one stable argsort,
    lexsort) gives lexsort's order; ties (one person, one start) keep the rows' order."""
    from storykit.cube import _by_person_then_start

    person = np.array([p for p, _ in rows], dtype=np.int64)
    wrap = {"minutes with ties": lambda s: s % 7 * 60 * 10**9, "near": lambda s: s % 10**9,
            "mid": lambda s: s % 2**58, "far": lambda s: s}[spread]
    start = np.array([wrap(s) for _, s in rows], dtype=np.int64)
    assert _by_person_then_start(person, start).tolist() == np.lexsort((start, person)).tolist()


WORKBOOK_CELLS = st.one_of(st.none(), st.floats(allow_nan=True), st.integers(-10**6, 10**6), st.booleans(),
                           st.dates(), st.sampled_from(["Total", " total ", "1.5", "Summe", "x"]))


@given(st.lists(WORKBOOK_CELLS, min_size=1, max_size=40), st.sampled_from(["hours", "minutes", "seconds"]))
def test_durations_of_workbook_cells_equal_reading_each_cell(cells, unit):
    from storykit.ingest.durations import DurationError, parse_duration, parse_durations

    column = pd.Series(cells * (256 // len(cells) + 1), dtype=object)
    hours, errors = parse_durations(column, unit)

    def one(v):
        try:
            return parse_duration(v, unit)
        except DurationError:
            return None
    expected = [one(v) for v in column.tolist()]
    assert [None if h != h else h for h in hours.tolist()] == expected
    assert sorted(errors) == [i for i, e in enumerate(expected) if e is None]


@given(st.lists(WORKBOOK_CELLS, min_size=1, max_size=40))
def test_total_rows_of_workbook_columns_equal_the_rule_per_cell(cells):
    from storykit.ingest.table import is_total_text as _is_total_text
    from storykit.ingest.table import total_cells as _total_cells

    column = pd.Series(cells * (256 // len(cells) + 1), dtype=object)
    assert _total_cells(column).tolist() == [_is_total_text(v) for v in column.tolist()]


@given(st.lists(st.one_of(st.sampled_from(["Ana", " Ana ", "", "Ben", "  ", "Zoë", "ana"]), st.text(max_size=3)),
                min_size=1, max_size=40), st.sampled_from(["str", "object"]))
def test_labels_from_the_factorization_equal_the_text_made_categorical(cells, dtype):
    from storykit.ingest.cell_text import text as _text
    from storykit.ingest.cells import map_labels

    column = pd.Series(cells * (256 // len(cells) + 1), dtype=dtype)
    def rule(v):
        return _text(v) or "(no name)"
    expected = map_cells(column, rule).astype("category")
    got = map_labels(column, rule)
    assert got.tolist() == expected.tolist()
    assert list(got.cat.categories) == list(expected.cat.categories)  # sorted, as grouping text sorts


# -- cells read by shape (text_shapes): each rule read once per shape, pinned to the rule per value -------
@contextlib.contextmanager
def _per_value():
    """Every rule per cell, as written: object columns have no shapes, and no distinct-value shortcut."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("storykit.ingest.cells._SMALL", 1 << 40)
        mp.setattr("storykit.ingest.durations._SMALL", 1 << 40)
        yield


def test_cells_are_grouped_by_shape_and_the_rest_left_to_the_rule():
    from storykit.ingest.text_shapes import text_shapes

    cells = ["2026-06-29 10:28:04", None, " 7:05 PM", "Zoë", "", "2026-06-30 11:28:04", "x\ty", "7:05\n"]
    shapes = text_shapes(pd.Series(cells * 3, dtype="str"))
    names = [shapes.names[c] if c >= 0 else None for c in shapes.codes[: len(cells)]]
    # missing, empty, non-ASCII and control characters are not grouped: the rule reads them itself
    assert names == ["9999-99-99 99:99:99", None, " 9:99 PM", None, None, "9999-99-99 99:99:99", None, None]
    stamps = shapes.cells(shapes.codes[0])
    assert shapes.number(stamps, 11, 2).tolist() == [10, 11] * 3
    codes, texts = shapes.texts(stamps, 0, 10)
    assert [texts[c] for c in codes] == ["2026-06-29", "2026-06-30"] * 3
    assert text_shapes(pd.Series(cells, dtype=object)) is None  # not arrow text


def test_rules_read_by_shape_treat_every_digit_alike():
    """A shape writes every digit as 9, so a rule read by shape must never tell one digit from another."""
    import re

    from storykit.ingest.clock import _TIME
    from storykit.ingest.dates import _TIME_SUFFIX
    from storykit.ingest.text_shapes import _DECIMAL

    for pattern in (_TIME.pattern, _TIME_SUFFIX):
        assert not re.search(r"[0-9]", re.sub(r"\{\d+(,\d*)?\}", "", pattern)), pattern
    assert "9" in _DECIMAL.pattern  # reads shapes, where every digit is a 9


_DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y", "%d/%m/%y", "%d-%b-%Y", "%Y%m%d", "%b %d, %Y",
                 "%a %d %b %Y"]
_TIMES = ["", " %H:%M", "T%H:%M:%S", " %H:%M:%S", " %I:%M:%S %p", " %I:%M %p", "T%H:%M:%S.%f", "T%H:%M:%SZ",
          "T%H:%M:%S+02:00", " %H:%M:%S -0500", "T", ", %H:%M", " %H.%M"]
# 1850 to 2250: the 1900-2200 window's edges, on both sides
STAMPS = st.builds(lambda d, date, time, pad: pad[0] + d.strftime(date + time) + pad[1],
                   st.datetimes(min_value=dt.datetime(1850, 1, 1), max_value=dt.datetime(2250, 12, 31)),
                   st.sampled_from(_DATE_FORMATS), st.sampled_from(_TIMES),
                   st.sampled_from([("", ""), (" ", ""), ("", "  "), ("\t", ""), ("", "\u00a0")]))
JUNK = st.one_of(st.none(), st.just(""), st.just("  "), st.just("TOTAL"), st.text(max_size=12))


def _one_format(draw_list):
    """Columns as tools write them: one date format (so day/month order has a column to be decided on)."""
    return st.sampled_from(_DATE_FORMATS).flatmap(lambda date: st.lists(st.one_of(
        st.builds(lambda d, time: d.strftime(date + time),
                  st.datetimes(min_value=dt.datetime(1850, 1, 1), max_value=dt.datetime(2250, 12, 31)),
                  st.sampled_from(_TIMES)), draw_list), min_size=1, max_size=40))



@contextlib.contextmanager
def _by_shape():
    """Arrow text read by shape however few its cells or distinct values (in use from 256 rows, half distinct)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("storykit.ingest.cells._SMALL", 0)
        mp.setattr("storykit.ingest.cells.MANY", -1.0)
        yield


def _reading(parse, cells, dtype):
    with _per_value() if dtype is object else _by_shape():
        return parse(pd.Series(cells, dtype=dtype))


@settings(deadline=None, max_examples=300)
@given(st.one_of(_one_format(st.one_of(STAMPS, JUNK)), st.lists(st.one_of(STAMPS, JUNK), min_size=1, max_size=40)))
def test_dates_read_by_shape_equal_the_rules_per_value(cells):
    from storykit.ingest.dates import parse_dates

    fast, reference = _reading(parse_dates, cells, "str"), _reading(parse_dates, cells, object)
    assert (fast.how, fast.ambiguous) == (reference.how, reference.ambiguous)
    pd.testing.assert_series_equal(fast.values, reference.values)


@settings(deadline=None, max_examples=200)
@given(st.one_of(_one_format(st.one_of(STAMPS, JUNK)), st.lists(st.one_of(STAMPS, JUNK), min_size=1, max_size=40)),
       st.integers(1, 7), st.integers(1, 9))
def test_dates_read_block_by_block_across_arrow_chunks_equal_the_rules_per_value(cells, block, chunk):
    """A long column's date texts are cut by shape a block of rows at a time; blocks cut across arrow chunks."""
    import pyarrow as pa

    from storykit.ingest.dates import parse_dates

    reference = _reading(parse_dates, cells, object)
    chunks = pa.chunked_array([pa.array(cells[i: i + chunk], pa.large_string()) for i in range(0, len(cells), chunk)])
    with _by_shape(), pytest.MonkeyPatch.context() as mp:
        mp.setattr("storykit.ingest.text_shapes.BLOCK_ROWS", block)
        fast = parse_dates(pd.Series(chunks, dtype="str"))
    assert (fast.how, fast.ambiguous) == (reference.how, reference.ambiguous)
    pd.testing.assert_series_equal(fast.values, reference.values)


def test_day_and_month_order_is_decided_from_all_values_of_every_shape():
    """The one cell with a day over 12 has another shape (a one-digit hour); the whole column follows it."""
    from storykit.ingest.dates import parse_dates

    cells = ["03/04/2024 10:05:00", "05/06/2024 11:00:00"] * 200 + ["25/04/2024 9:05:00"]
    reading = _reading(parse_dates, cells, "str")
    assert reading.how == "DD/MM/YYYY" and not reading.ambiguous
    assert reading.values.iloc[0] == pd.Timestamp("2024-04-03")
    us = _reading(parse_dates, ["03/04/2024 10:05:00", "04/25/2024 9:05:00 PM"] * 200, "str")
    assert us.how == "MM/DD/YYYY" and us.values.iloc[0] == pd.Timestamp("2024-03-04")


@settings(deadline=None, max_examples=300)
@given(st.one_of(_one_format(st.one_of(STAMPS, JUNK, st.sampled_from(CLOCKS))),
                 st.lists(st.one_of(STAMPS, JUNK, st.sampled_from(CLOCKS)), min_size=1, max_size=40)))
def test_clock_times_read_by_shape_equal_split_per_value(cells):
    from storykit.ingest.clock import parse_clock

    (fast_dates, fast_minutes), (dates, minutes) = (_reading(parse_clock, cells, "str"),
                                                    _reading(parse_clock, cells, object))
    pd.testing.assert_series_equal(fast_dates, dates)
    pd.testing.assert_series_equal(fast_minutes, minutes)


@settings(deadline=None, max_examples=200)
@given(st.lists(st.one_of(STAMPS, JUNK, st.sampled_from(CLOCKS)), min_size=1, max_size=40), st.integers(1, 7),
       st.integers(1, 9))
def test_clock_times_read_block_by_block_across_arrow_chunks_equal_split_per_value(cells, block, chunk):
    """A long column is read by shape a block of rows at a time; blocks cut across a CSV's arrow chunks."""
    import pyarrow as pa

    from storykit.ingest.clock import parse_clock

    dates, minutes = _reading(parse_clock, cells, object)
    chunks = pa.chunked_array([pa.array(cells[i: i + chunk], pa.large_string()) for i in range(0, len(cells), chunk)])
    with _by_shape(), pytest.MonkeyPatch.context() as mp:
        mp.setattr("storykit.ingest.text_shapes.BLOCK_ROWS", block)
        fast_dates, fast_minutes = parse_clock(pd.Series(chunks, dtype="str"))
    pd.testing.assert_series_equal(fast_dates, dates)
    pd.testing.assert_series_equal(fast_minutes, minutes)


NUMBER_TEXT = st.one_of(st.text(alphabet="0123456789.+- e", max_size=12), st.integers().map(str),
                        st.floats(allow_nan=False).map(repr), st.decimals(places=6, allow_nan=False).map(str),
                        st.sampled_from(["-0", "-0.0", ".5", "5.", ".", "+.0", "0012.50", "1e5", "inf", "nan",
                                         "1,5", "12345678901234567", " 42 ", "\u0664\u0662", "0x10", "0X1f", "1-2",
                                         "--5", "9223372036854775808"]), JUNK)


@settings(deadline=None, max_examples=300)
@given(st.lists(NUMBER_TEXT, min_size=1, max_size=40))
def test_numbers_read_by_shape_equal_pandas_per_value(cells):
    from storykit.ingest.text_shapes import to_numbers

    reference = pd.to_numeric(pd.Series(cells, dtype=object).astype("string").str.strip(), errors="coerce")
    got = _reading(to_numbers, cells, "str")
    assert got.tolist() == pytest.approx(reference.astype("Float64").to_numpy("float64", na_value=np.nan).tolist(),
                                         rel=0, abs=0, nan_ok=True)


@settings(deadline=None, max_examples=200)
@given(st.lists(st.one_of(st.sampled_from(["46202.436157", "-0.5", "1351684", " 7 "]), NUMBER_TEXT), min_size=1,
                max_size=40), st.integers(1, 7), st.integers(1, 9))
def test_numbers_read_by_shape_block_by_block_across_arrow_chunks_equal_pandas_per_value(cells, block, chunk):
    """A long column is read by shape a block of rows at a time (its bytes and numbers are what the read holds);
    blocks cut across the arrow chunks a CSV is parsed into, and each block reads only its own bytes."""
    import pyarrow as pa

    from storykit.ingest.text_shapes import to_numbers

    reference = pd.to_numeric(pd.Series(cells, dtype=object).astype("string").str.strip(), errors="coerce")
    chunks = pa.chunked_array([pa.array(cells[i: i + chunk], pa.large_string()) for i in range(0, len(cells), chunk)])
    with _by_shape(), pytest.MonkeyPatch.context() as mp:
        mp.setattr("storykit.ingest.text_shapes.BLOCK_ROWS", block)
        got = to_numbers(pd.Series(chunks, dtype="str"))
    assert got.tolist() == pytest.approx(reference.astype("Float64").to_numpy("float64", na_value=np.nan).tolist(),
                                         rel=0, abs=0, nan_ok=True)


def test_a_read_forgets_the_factorizations_of_its_own_columns_only():
    """Each arrow column's factorization is kept while its rules ask it, then dropped with the frame built; a
    column another read (another session's thread) is still asking keeps its own."""
    from storykit.ingest import cells

    ours = pd.DataFrame({"a": pd.Series(["x", "y"] * 200, dtype="str"), "b": pd.Series(["p", "q"] * 200, dtype="str")})
    theirs = pd.Series(["u", "v"] * 200, dtype="str")
    a_codes, their_codes = cells.factorize(ours["a"])[0], cells.factorize(theirs)[0]
    assert cells.factorize(ours["a"])[0] is a_codes  # asked again while reading: the kept one
    cells.forget_factorizations(ours)
    assert cells.factorize(ours["a"])[0] is not a_codes
    assert cells.factorize(theirs)[0] is their_codes


DURATION_TEXT = st.one_of(st.sampled_from(["1:30", "0:05", "12:20:00 AM", "1h 30m", "45m", "2h", "1,5", "1.25",
                                           "90 min", "PT1H30M", "1h30", "61:00", "bad", "-0:30", "1:75"]),
                          NUMBER_TEXT)


@settings(deadline=None, max_examples=200)
@given(st.lists(DURATION_TEXT, min_size=1, max_size=40), st.sampled_from(["hours", "minutes", "seconds"]))
def test_durations_of_text_read_once_per_spelling_equal_reading_each_cell(cells, unit):
    from storykit.ingest.durations import parse_durations

    column = cells * (256 // len(cells) + 1)  # long enough for reading each spelling once
    fast_hours, fast_errors = _reading(lambda s: parse_durations(s, unit), column, "str")
    hours, errors = _reading(lambda s: parse_durations(s, unit), column, object)
    pd.testing.assert_series_equal(fast_hours, hours)
    assert fast_errors == errors


@given(st.lists(st.one_of(st.sampled_from(["Total", " total ", "TOTALS:", "Summe", "Gesamtsumme", "insgesamt",
                                           "Grand total", "grand\u00a0total", "\u00a0Total", "Sum of hours",
                                           "Subtotal", "Week 1 Total", "Wochensumme:", "Sub-Total", "\u017fum",
                                           "2026-01-05", "2026-01-05T10:00:00", "Ana", "\ttotal"]),
                          st.text(max_size=6)), min_size=1, max_size=40))
def test_total_rows_of_text_columns_equal_the_rule_per_cell(cells):
    from storykit.ingest.table import is_total_text, total_cells

    few = cells * (256 // len(cells) + 1)  # few distinct values: the rule reads each once
    many = [f"2026-01-05T{i // 60:02d}:{i % 60:02d}" for i in range(700)] + few  # many: only cells with a stem
    for column in (pd.Series(few, dtype="str"), pd.Series(many, dtype="str")):
        assert total_cells(column).tolist() == [is_total_text(v) for v in column.tolist()]


def test_every_word_of_the_total_rule_holds_one_of_its_stems():
    """The stems let the rule skip cells that cannot say Total; a new word without one would be missed."""
    import re

    from storykit.ingest.table import TOTAL_STEMS, TOTAL_TEXT

    words = set(re.findall(r"[a-z-]+", re.sub(r"\\[a-z]", " ", TOTAL_TEXT.pattern))) - {"grand"}
    assert words and all(any(stem in w for stem in TOTAL_STEMS) for w in words), words


@settings(deadline=None, max_examples=200)
@given(st.lists(st.one_of(st.datetimes(min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31)),
                          st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 12, 31)),
                          st.datetimes(timezones=st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=2))])),
                          st.dates(), st.times(), st.none(), st.just(pd.NaT)), min_size=1, max_size=30),
       st.booleans())
def test_datetime_cells_read_as_split_reads_each(cells, only_stamps):
    """A workbook's datetime cells are read on the whole column; _split reads each as the reference, the
    dates as midnights where the column's datetimes say they are (python-calamine's cells at 00:00)."""
    from storykit.ingest.cells import dates_are_midnights
    from storykit.ingest.clock import _split, _with_dates, parse_clock

    if only_stamps:
        cells = [c for c in cells if isinstance(c, dt.datetime) and c.tzinfo is None] or [dt.datetime(2026, 1, 5, 9)]
    column = pd.Series(cells, dtype=object)
    stamps, dates = sum(type(c) in (dt.datetime, pd.Timestamp) for c in cells), sum(type(c) is dt.date for c in cells)
    if dates_are_midnights(stamps, dates):
        cells = [dt.datetime(c.year, c.month, c.day) if type(c) is dt.date else c for c in cells]
    parts = [_split(v) for v in cells]
    dates, minutes = _with_dates(pd.Series([p[0] for p in parts], dtype=object), pd.Series([p[1] for p in parts]))
    got_dates, got_minutes = parse_clock(column)
    pd.testing.assert_series_equal(got_dates, dates)
    pd.testing.assert_series_equal(got_minutes, minutes)


@settings(deadline=None, max_examples=200)
@given(st.lists(st.one_of(st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2300, 12, 31)),
                          st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2300, 12, 31)),
                          st.none(), st.just(pd.NaT)), min_size=1, max_size=30))
def test_date_and_datetime_cells_read_as_each_cell_says(cells):
    """A workbook's date cells are read on the whole column (one C-level look at their types, not a
    Python call per cell): each row is its cell's day, missing where the cell is, or is outside 1900-2200."""
    from storykit.ingest.dates import EARLIEST, LATEST, parse_dates

    def day(v: object) -> pd.Timestamp:
        if v is None or v is pd.NaT:
            return pd.NaT
        stamp = pd.Timestamp(v).normalize()
        return stamp if EARLIEST <= stamp <= LATEST else pd.NaT

    reading = parse_dates(pd.Series(cells, dtype=object))
    if any(v is not None and v is not pd.NaT for v in cells):
        assert reading.how == "dates"
    assert reading.values.tolist() == [day(v) for v in cells]


@given(st.lists(st.one_of(st.sampled_from(["Date", " date ", "# Date", "DA\x01TE", "Da\u0000te", "D\u0430te", "date:",
                                           "Datum", "\u0130date", "up to date"]), st.text(max_size=6)),
                min_size=1, max_size=40))
def test_a_repeated_header_is_found_in_a_column_of_many_values_as_the_rule_finds_it(cells):
    from storykit.ingest.cell_text import text
    from storykit.ingest.cells import cells_saying
    from storykit.ingest.table import _header_key

    def rule(v):
        return _header_key(text(v)) == "date"

    many = [f"2026-01-05T{i // 60:02d}:{i % 60:02d}" for i in range(700)] + cells
    column = pd.Series(many, dtype="str")
    assert cells_saying(column, rule, ("date",)).tolist() == [rule(v) for v in column.tolist()]


@settings(deadline=None, max_examples=80)
@given(st.lists(st.one_of(st.sampled_from(["Total", "2026-01-05 total", "sum 2026", "12:00", "2026", "", " ", "\u00a0",
                                           "T", "2026-01-05T08:00", "Summe\x01", "\u017fum"]),
                          st.text(alphabet="0123456789-: .T", max_size=12)), max_size=40),
       st.sampled_from([("total", "sum"), ("2026",), ("date",), ("am",), ()]), st.booleans())
def test_a_column_of_numbers_and_stamps_asks_the_rule_about_the_cells_that_could_say_yes(cells, words, twelve):
    """A column of 700 timestamps (24-hour, or 12-hour with AM/PM: letters, but not those of the words),
    then anything: the cells found are the rule's, whatever the words (digits only, none at all, letters
    the clock has), and a column without the words' letters asks the rule about none."""
    from storykit.ingest.cells import cells_saying

    def rule(v):
        text = str(v).casefold()
        return bool(words) and any(w in text for w in words) if words else "total" in text

    many = [f"{i % 12 + 1}:{i % 60:02d}:{i % 7:02d} {'AM' if i % 3 else 'PM'}" if twelve else
            f"2026-01-05 {i // 60:02d}:{i % 60:02d}:{i % 7:02d}" for i in range(700)] + cells
    column = pd.Series(many, dtype="str")
    assert cells_saying(column, rule, words).tolist() == [rule(v) for v in column.tolist()]


@given(st.lists(st.tuples(st.sampled_from(["Ana", "Ben", "Zoë", None]), st.sampled_from(["Tickets", "Calls", "b", None]),
                          st.sampled_from(["2026-01-05", "2026-01-12", "2025-12-29", None]),
                          st.sampled_from([1.0, 0.1, 1e-9, 0.0, -0.0, float("nan"), 1e12])),
                min_size=1, max_size=60), st.booleans(), st.booleans())
def test_hours_by_week_equal_grouping_by_the_three_columns(rows, labels, unused):
    """sum_by_week groups by one number made of three codes; it must give what grouping by the three gives:
    the same groups in the same order (labels as categories or text, categories no row holds, missing keys
    left out), the same compensated sums to the bit, and categories of the labels present only."""
    from storykit.cube import sum_by_week

    frame = pd.DataFrame(rows, columns=["person", "activity", "week", "hours"]).astype(
        {"person": "str", "activity": "str", "week": "datetime64[ns]"})
    if labels:
        frame = frame.astype({"person": "category", "activity": "category"})
        if unused:
            frame["activity"] = frame["activity"].cat.add_categories(["never used", "Aaa"])
    got = sum_by_week(frame["person"], frame["activity"], frame["week"], frame["hours"])
    want = frame.groupby(["person", "activity", "week"], as_index=False, observed=True, sort=True)["hours"].sum()
    assert got["person"].astype(str).tolist() == want["person"].astype(str).tolist()
    assert got["activity"].astype(str).tolist() == want["activity"].astype(str).tolist()
    assert got["week"].tolist() == want["week"].tolist() and got["week"].dtype == frame["week"].dtype
    assert np.array_equal(got["hours"].to_numpy(), want["hours"].to_numpy())  # bit for bit: -0.0 and all
    for column in ("person", "activity"):
        assert sorted(got[column].cat.categories) == sorted(set(got[column].astype(str)))


@given(st.lists(st.one_of(st.none(), st.datetimes(dt.datetime(1700, 1, 1), dt.datetime(2200, 1, 1))), min_size=1,
                max_size=30), st.sampled_from(["s", "ms", "us", "ns"]))
def test_week_starts_are_each_days_monday_at_midnight(stamps, unit):
    from storykit.weeks import week_start, week_starts

    dates = pd.Series(stamps, dtype=f"datetime64[{unit}]")
    got = week_starts(dates)
    assert got.dtype == dates.dtype
    assert [None if pd.isna(g) else g.to_pydatetime() for g in got] == [
        None if s is None else dt.datetime.combine(week_start(s.date()), dt.time()) for s in stamps]


@given(st.lists(st.tuples(st.integers(0, 23), st.integers(0, 59), st.integers(0, 59),
                          st.one_of(st.integers(0, 100_000).map(lambda s: s / 3600), st.just(float("nan")),
                                    st.just(1e15), st.floats(0, 30))), min_size=1, max_size=50),
       st.booleans())
def test_entries_start_on_their_second_and_end_hours_later(rows, twelve):
    """clock_span makes the timestamps by arithmetic: a time written to the second is on that second (to
    the nanosecond), the end is the start plus the hours to the nearest microsecond, and hours that are
    missing or beyond what a timestamp holds give no end instead of an error."""
    from storykit.ingest.role_values import clock_span

    def written(h, m, s):
        return f"{(h - 1) % 12 + 1}:{m:02d}:{s:02d} {'AM' if h < 12 else 'PM'}" if twelve else f"{h:02d}:{m:02d}:{s:02d}"

    start = pd.Series([written(h, m, s) for h, m, s, _ in rows] * (300 // len(rows) + 1), dtype="str")
    hours = pd.Series([x for *_, x in rows] * (300 // len(rows) + 1))
    dates = pd.Series(pd.Timestamp("2026-03-02"), index=start.index)
    begin, end = clock_span(start, dates, hours)
    for i, (h, m, s, x) in enumerate(rows):
        want = pd.Timestamp("2026-03-02") + pd.Timedelta(seconds=h * 3600 + m * 60 + s)
        assert begin[i] == want
        if x != x or x > 1e6:
            assert pd.isna(end[i])
        else:
            assert end[i] == want + pd.Timedelta(microseconds=round(x * 3600e6))


def test_a_clock_column_of_am_and_pm_is_known_to_hold_no_total_word_from_its_letters():
    """'10:28:04 AM' cells have the letters a, m and p only: no cell can say Total, Summe, ..., and no regex
    runs over them; one cell with the letters (or one the count cannot judge) and the regex decides."""
    from storykit.ingest.cells import _none_can_hold
    from storykit.ingest.table import TOTAL_STEMS, total_cells

    column = pd.Series([f"{i % 12 + 1}:{i % 60:02d}:{i % 59:02d} {'AM' if i % 2 else 'PM'}" for i in range(5000)],
                       dtype="str")
    assert _none_can_hold(column, TOTAL_STEMS) and not total_cells(column).any()
    assert not _none_can_hold(column, ("am",)) and not _none_can_hold(column, ())
    for odd in ("Total", "ſum", None, "tab\there"):
        changed = column.copy()
        changed[4321] = odd
        assert not _none_can_hold(changed, TOTAL_STEMS)
    column[4321] = "Total"
    assert total_cells(column).tolist() == [i == 4321 for i in range(5000)]


@pytest.mark.parametrize("odd", ["0x10", "0X1f", "1-2", "--5", "+5", " 5", "9223372036854775808", "", None])
def test_a_column_of_whole_numbers_is_read_as_pandas_reads_it_whatever_one_cell_holds(odd):
    """Whole numbers are cast by pyarrow in one pass; a cell pandas reads otherwise (pyarrow reads '0x10' as
    16, pandas as no number) must not change what any cell reads as."""
    from storykit.ingest.text_shapes import to_numbers

    cells = [str(i * 37 % 5000 - 7) for i in range(600)] + [odd] + ["007", "-0"]
    column = pd.Series(cells, dtype="str")
    reference = pd.to_numeric(pd.Series(cells, dtype=object).astype("string").str.strip(), errors="coerce")
    assert to_numbers(column).tolist() == pytest.approx(
        reference.astype("Float64").to_numpy("float64", na_value=np.nan).tolist(), rel=0, abs=0, nan_ok=True)


def _gather_texts_reference(frame: pd.DataFrame):  # type: ignore[no-untyped-def]
    """gather_texts as it was: every row's text trimmed, then grouped by label and text."""
    from storykit.ownership.evidence import TEXT_COLUMNS, TOP_VALUES, LabelTexts

    columns = [c for c in TEXT_COLUMNS if c in frame.columns]
    if not columns or frame.empty:
        return None
    values: dict[str, list[tuple[str, str, int]]] = {}
    with_value: dict[tuple[str, str], int] = {}
    for column in columns:
        pairs = frame[["activity", column]].dropna()
        text = pairs[column].astype("string").str.strip()
        pairs = pairs.assign(**{column: text})[text.fillna("").ne("")]
        if pairs.empty:
            continue
        counts = pairs.groupby(["activity", column], observed=True, sort=False).size()
        counts = counts[counts > 0].sort_values(ascending=False, kind="stable")
        for label, n in counts.groupby(level=0, observed=True, sort=False).sum().items():
            with_value[(str(label), column)] = int(n)
        for (label, value), n in counts.groupby(level=0, observed=True, sort=False).head(TOP_VALUES).items():
            values.setdefault(str(label), []).append((column, str(value), int(n)))
    return LabelTexts({k: tuple(v) for k, v in values.items()}, with_value) if values else None


TEXT_CELLS = st.one_of(st.none(), st.sampled_from(["Finance", " Finance ", "finance", "", "  ", "IT desk", "HR"]),
                       st.integers(0, 3), st.just(float("nan")))


@given(st.lists(st.tuples(st.sampled_from(["Tickets", "Calls", "Audit", None]), TEXT_CELLS, TEXT_CELLS, TEXT_CELLS),
                min_size=1, max_size=60), st.booleans(), st.integers(1, 4))
def test_label_texts_equal_grouping_each_rows_trimmed_text(rows, labels_as_categories, top):
    """gather_texts counts (label, trimmed value) pairs by one integer key; it must give what trimming every
    row and grouping by label and text gives: the same values per label in the same order (by count, ties
    in the log's order), the same totals, the same TOP_VALUES cut, with missing, blank and numeric cells."""
    from unittest import mock

    from storykit.ownership import evidence

    frame = pd.DataFrame(rows, columns=["activity", "client", "project", "task"])
    frame["client"] = frame["client"].astype("str")  # as the reader keeps text: arrow strings, NaN missing
    if labels_as_categories:
        frame["activity"] = frame["activity"].astype("category")
    with mock.patch.object(evidence, "TOP_VALUES", top):
        got, want = evidence.gather_texts(frame), _gather_texts_reference(frame)
    assert (got is None) == (want is None)
    if got is not None:
        assert got.values == want.values and got.with_value == want.with_value


@given(st.lists(st.one_of(st.text(alphabet=st.sampled_from("Ab9 -#~\t\u00a0\x1f\x7fé"), max_size=6),
                          st.sampled_from(["T-106008", " x", "x ", "", "Acme Retail"])), min_size=1, max_size=60),
       st.booleans())
def test_text_column_equals_the_text_rule_per_cell(cells, with_missing):
    """text_column returns a column of printable ASCII without edge spaces as it is (plain_ascii), and
    reads any other column cell by cell; either way each cell must be what `text` makes of it."""
    import pyarrow as pa

    from storykit.ingest.cell_text import text_column

    cells = [*cells, None] if with_missing else cells
    want = [_text(v) for v in pd.Series(cells, dtype=object).tolist()]
    column = pd.Series(cells, dtype="str")
    assert text_column(column).tolist() == want
    assert text_column(column.iloc[1:]).tolist() == want[1:]  # its chunk starts inside its buffers
    half = len(cells) // 2  # two large_string chunks, as a parsed CSV's columns are
    chunked = pa.chunked_array([pa.array(cells[:half], pa.large_string()), pa.array(cells[half:], pa.large_string())])
    assert text_column(pd.Series(pd.arrays.ArrowStringArray(chunked))).tolist() == want


MENTIONING = ["invoice chasing for Finance", "Finance", "payroll questions", "password reset", "IT support", "T-1042",
              "HR-17 onboarding", "campaign assets for marketing", "ACME Ltd", "internal - HR"]


@given(st.lists(st.tuples(st.sampled_from(["Tickets", "Calls", "Audit"]), st.sampled_from(list(evidence_columns := (
    "description", "task", "project", "client"))), st.sampled_from(MENTIONING), st.integers(1, 40)), max_size=40),
       st.lists(st.integers(0, 120), min_size=12, max_size=12))
def test_mentions_skip_only_columns_where_no_team_can_reach_half(entries, unkept):
    """mentions() does not read a label's column whose kept values together hold under half the label's
    entries with a value (the rest beyond TOP_VALUES): no team can reach half there. It must find what
    reading every value finds, whatever the counts."""
    from unittest import mock

    from storykit.ownership import evidence

    values: dict[str, dict[tuple[str, str], int]] = {}
    for label, column, value, n in entries:
        values.setdefault(label, {})[(column, value)] = n
    with_value = {(label, column): sum(n for (c, _), n in kept.items() if c == column) + unkept[i * 4 + j]
                  for i, (label, kept) in enumerate(values.items()) for j, column in enumerate(evidence_columns)}
    texts = {k: tuple((c, v, n) for (c, v), n in kept.items()) for k, kept in values.items()}
    fast = evidence.LabelTexts(texts, with_value).mentions
    with mock.patch.object(evidence, "_can_reach_half", lambda *a: True):
        every = evidence.LabelTexts(texts, with_value).mentions
    assert fast == every


@given(st.one_of(st.text(), st.text(alphabet=st.sampled_from(" \t\n\u00a0\u200bAz9,;-\x07\u2028é"))))
def test_cell_text_whole_when_printable_equals_dropping_each_unprintable_character(value):
    """text() returns a printable cell as it is (one C check) and drops control characters otherwise; it
    must equal keeping each printable character of the stripped text, as it did one character at a time."""
    reference = "" if not value.strip() else "".join(ch for ch in value.strip() if ch.isprintable() or ch == " ")
    assert _text(value) == reference


@given(st.lists(st.one_of(st.none(), st.text(max_size=4), st.sampled_from([" ", "\u00a0", "Ana Silva", "2026-01-05", " x "])),
                min_size=1, max_size=60))
def test_a_samples_values_read_from_arrow_text_equal_those_read_cell_by_cell(cells):
    from storykit.ingest.roles.values import ColumnValues

    fast, slow = ColumnValues("c", pd.Series(cells, dtype="str")), ColumnValues("c", pd.Series(cells, dtype=object))
    assert fast._text and not slow._text
    assert (fast._keys, fast.distinct, fast.texts, fast.n) == (slow._keys, slow.distinct, slow.texts, slow.n)
    assert [type(v) for v in fast._values.values()] == [type(v) for v in slow._values.values()]


def test_a_large_rectangle_parses_in_few_blocks_and_reads_as_the_csv_module_does():
    """parse_rectangle reads a file in about eight blocks (each a chunk of every column: fewer chunks, less
    overhead in each step after it); cells with quoted line breaks and separators across the blocks' edges
    must read as the csv module reads them."""
    import csv
    import io

    rows = [["Date", "Who", "Note"]] + [[f"2026-01-{1 + i % 28:02d}", f"P{i % 97}", f'line {i}\n"{i}", a;b' if i % 7 == 0
                                         else f"note {i}"] for i in range(400_000)]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    raw = buffer.getvalue().encode()
    table = text_arrow.parse_rectangle(raw, ",")
    assert len(raw) > 10 << 20 and 2 <= table.column(0).num_chunks <= 9
    assert [table.column(i).to_pylist() for i in range(3)] == [list(c) for c in zip(*rows, strict=True)]


def test_terms_kept_by_their_first_word_read_every_label_as_all_candidates_do():
    """Index.candidates keeps only the terms whose first word matches the token (Term.match_at's first
    test, asked once per word); every label of the corpora must read as with every candidate tried."""
    from unittest import mock

    from storykit.ownership import reading, vocabulary
    from tests.labels.corpus import SPLITS, read

    labels = [item.label for split in SPLITS for section in read(split) for item in section.items]
    labels += ["AR_CHASE for IT", "KundenTickets", "1:1s", "Rechnungen prüfen (Finance)", "POs", "Mittagspause"]
    reading.read_label.cache_clear()  # each way reads the labels' bracketed parts itself
    fast = [reading.read_label(label) for label in labels]
    index = vocabulary.vocabulary().index

    def every(token):  # type: ignore[no-untyped-def]
        f = token.folded
        starts = [hit for key in dict.fromkeys((f[:3], f[:2], f[:1])) for hit in index.by_start.get(key, ())]
        return (*starts, *((g, t) for core, g, t in index.anywhere if core in f))
    reading.read_label.cache_clear()
    with mock.patch.object(type(index), "candidates", lambda self, token: every(token)):
        slow = [reading.read_label(label) for label in labels]
    reading.read_label.cache_clear()
    assert len(labels) > 400 and fast == slow
