"""The fast paths read exactly what the reference paths read: same cells, same TimeLog.

Speed comes from pyarrow's CSV parser for large rectangular text files and from running per-cell
rules once per distinct value; both must be invisible except in the time taken.
"""

from __future__ import annotations

import gzip

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storykit.ingest import grid, read_file
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
    monkeypatch.setattr(grid, "FAST_TEXT_CHARS", 1 << 40)
    reference = grid.read_grids("t.csv", big.encode())[0].cells
    monkeypatch.setattr(grid, "FAST_TEXT_CHARS", 0)
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
    monkeypatch.setattr(grid, "FAST_TEXT_CHARS", 0)
    fast = read_file("log.csv.gz", data)
    monkeypatch.setattr(grid, "FAST_TEXT_CHARS", 1 << 40)
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
    from storykit.ingest.cell_text import blank_column as _blank_column

    column = pd.Series(cells, dtype="str")
    assert _blank_column(column).tolist() == [_blank(v) for v in pd.Series(cells, dtype=object).tolist()]


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
def test_switch_count_on_codes_equals_the_string_sort(tz, missing) -> None:
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
    got, days = count_switches(frame)
    want, want_days = _count_switches_reference(frame)
    assert days == want_days
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True), check_dtype=False)


@given(st.lists(st.tuples(st.sampled_from(["Ana", "Ben"]), st.sampled_from(["Tickets", "Calls"]),
                          st.sampled_from([1.0, 2.0]), st.sampled_from(["2026-01-05", "2026-01-06"])),
                min_size=1, max_size=40))
def test_duplicate_flags_are_the_rows_frame_duplicated_finds(rows):
    from storykit.ingest.grid import Grid
    from storykit.ingest.row_checks import flag_rows as _flags

    frame = pd.DataFrame(rows, columns=["person", "activity", "hours", "date"]).astype({"date": "datetime64[ns]"})
    frame["row"] = range(2, len(frame) + 2)
    flags = _flags(frame, Grid("log.csv", None, pd.DataFrame()), 1)
    expected = frame.loc[frame.drop(columns="row").duplicated(), "row"].tolist()
    assert [f.row for f in flags if "duplicate" in f.reason] == expected


@given(st.lists(st.tuples(st.integers(-1, 5), st.integers(-(2**62), 2**62)), min_size=1, max_size=60),
       st.booleans())
def test_one_key_sort_by_person_and_start_equals_lexsort(rows, near):
    from storykit.cube import _by_person_then_start

    person = np.array([p for p, _ in rows], dtype=np.int64)
    start = np.array([s % 10**9 if near else s for _, s in rows], dtype=np.int64)  # near: the one-key path
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
