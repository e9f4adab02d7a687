"""A workbook's datetime columns are kept as datetime64 in the grid (8 bytes a cell, not a Python object):
every log reads the same as from the same grid with those columns as the cells' objects.

The oracle is the reading through object columns (grid._sheet_column with keep_typed=False), the
form every reader was written for; the datetime64 form must not change one row, note or choice.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random

import openpyxl
import pandas as pd
import pytest

from storykit.ingest import grid, guard, workbook_answer
from storykit.ingest.reader import read_file


def _book(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _entries(n: int, seed: int) -> list[tuple[str, str, dt.datetime, dt.datetime]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        start = dt.datetime(2026, 3, 2) + dt.timedelta(days=i // 12, seconds=rng.randrange(7 * 3600, 18 * 3600))
        out.append((["Ana Silva", "Ben Okafor", "Chen Wei"][i % 3], ["Calls", "Email", "Admin", "Lunch"][i % 4],
                    start, start + dt.timedelta(seconds=rng.randrange(60, 4 * 3600))))
    return out


def _start_end_with_seconds(seed: int) -> list[list[object]]:
    """As the benchmark's datetimes workbook: start and end datetimes beside a duration in seconds."""
    return [["Agent", "Activity", "Start", "End", "Duration (seconds)"],
            *([p, a, s, e, (e - s).total_seconds()] for p, a, s, e in _entries(400, seed))]


def _start_end_only(seed: int) -> list[list[object]]:
    """Start and end datetimes and nothing else for the time: the hours come from their difference."""
    return [["Person", "Task", "Started", "Finished"], *([p, a, s, e] for p, a, s, e in _entries(400, seed))]


def _messy(seed: int) -> list[list[object]]:
    """A title above the header, a blank start, an end written as text, a date among datetimes, a total row."""
    rows: list[list[object]] = [["Time report, March"], [], ["Person", "Activity", "Start", "End", "Hours"]]
    for i, (p, a, s, e) in enumerate(_entries(300, seed)):
        start: object = "" if i == 17 else s
        end: object = "n/a" if i == 40 else e.date() if i == 41 else e
        rows.append([p, a, start, end, round((e - s).total_seconds() / 3600, 2)])
    rows.append(["Total", "", "", "", 999.0])
    return rows


def _mostly_blank_datetimes(seed: int) -> list[list[object]]:
    """A datetime column where a third of the cells are empty: still kept typed, the blanks apart."""
    return [["Date", "Person", "Activity", "Hours", "Approved at"],
            *([s.date(), p, a, 1.5, "" if i % 3 == 0 else e] for i, (p, a, s, e) in enumerate(_entries(300, seed)))]


def _start_first(seed: int) -> list[list[object]]:
    """The datetimes in the first columns, where the table's total and repeated-header checks look."""
    return [["Start", "End", "Person", "Task"], *([s, e, p, a] for p, a, s, e in _entries(400, seed))]


def _stamps_as_dates(seed: int) -> list[list[object]]:
    """The date column holds each entry's start datetime; the hours beside it."""
    return [["Date", "Person", "Project", "Hours"],
            *([s, p, a, round((e - s).total_seconds() / 3600, 2)] for p, a, s, e in _entries(400, seed))]


BOOKS = {"start, end and seconds": _start_end_with_seconds, "start and end only": _start_end_only,
         "title, blanks, text, a total": _messy, "a third blank": _mostly_blank_datetimes,
         "datetimes first": _start_first, "datetimes in the date column": _stamps_as_dates}


def _as_objects(monkeypatch: pytest.MonkeyPatch) -> None:
    """The grid as a sheet with uncached formulas has it: object columns, calamine's cells as they came."""
    real = grid._sheet_column
    monkeypatch.setattr(grid, "_sheet_column", lambda column, keep_typed: real(column, keep_typed=False))
    monkeypatch.setattr(grid, "_midnights_in", lambda column: column)


@pytest.mark.parametrize("make", BOOKS.values(), ids=BOOKS.keys())
def test_a_log_reads_the_same_from_typed_datetime_columns(make, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _book(make(seed=7))
    typed = read_file("t.xlsx", data)
    kept = grid.read_grids("t.xlsx", data)[0]
    assert kept.apart and all(kept.cells[j].dtype == "datetime64[us]" for j in kept.apart)  # the form under test
    _as_objects(monkeypatch)
    assert not grid.read_grids("t.xlsx", data)[0].apart
    objects = read_file("t.xlsx", data)
    pd.testing.assert_frame_equal(typed.frame, objects.frame)
    assert dataclasses.asdict(typed.sources[0]) == dataclasses.asdict(objects.sources[0])
    assert typed.skipped == objects.skipped
    assert typed.flagged == objects.flagged


def test_rows_give_the_cells_as_the_file_has_them() -> None:
    """Grid.rows puts the cells kept apart back: the header, a blank, a text, a total's blank; a date among a
    datetime column's cells is the datetime at 00:00 that python-calamine gave as a date (grid._midnights_in)."""
    data = _book(_messy(seed=3))
    kept = grid.read_grids("t.xlsx", data)[0]
    from python_calamine import CalamineWorkbook

    calamine = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    midnights = [(i, j) for i, row in enumerate(calamine) for j, v in enumerate(row) if j in kept.apart and
                 type(v) is dt.date]
    assert midnights == [(44, 3)]  # _messy's end at row 41 of the log, written as a date
    for i, j in midnights:
        calamine[i][j] = dt.datetime.combine(calamine[i][j], dt.time())
    for start, stop in ((0, None), (0, 3), (3, None), (2, 3), (20, 45), (0, -1), (-2, None)):
        got = [list(r) for r in kept.rows(start, stop).itertuples(index=False)]
        expected = calamine[slice(start, stop)]
        assert got == expected, (start, stop)
        assert [[type(v) for v in r] for r in got] == [[type(v) for v in r] for r in expected], (start, stop)
    body = kept.rows(3, 20)  # no cell of another type in these rows: the start column stays datetime64
    assert body[2].dtype == "datetime64[us]" and body[0].dtype == "str"
    assert kept.rows(44, 60)[3].dtype == "datetime64[us]"  # so does the end column from its midnight on


def test_datetimes_from_the_child_are_the_cells() -> None:
    """The child's 10-byte states become the same instants, across leap days, eras and microseconds."""
    rng = random.Random(11)
    cells = [dt.datetime(1, 1, 1) + dt.timedelta(microseconds=rng.randrange(315_537_897_600_000_000))
             for _ in range(5000)]
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "storykit" / "ingest"))
    import workbook_child as child

    column = workbook_answer._column(len(cells), child._column(cells))
    assert isinstance(column, workbook_answer.Datetimes) and not column.apart
    assert column.values.astype(object).tolist() == cells


def test_blank_cells_of_a_datetime64_column_are_its_missing_ones() -> None:
    """cell_text.blank_column answers for a datetime64 column from its NaT, as the rule does per cell."""
    from storykit.ingest.cell_text import blank, blank_column
    from storykit.ingest.cells import surely_not

    column = pd.Series(pd.to_datetime(["2026-03-02 08:00", None, "2026-03-02 09:30"] * 200).as_unit("us"))
    assert surely_not(column) is not None  # answered without a rule call per cell
    assert blank_column(column).tolist() == [blank(v) for v in column.tolist()]


@pytest.mark.parametrize("make", BOOKS.values(), ids=BOOKS.keys())
def test_reading_a_grid_leaves_its_cells_as_they_were(make) -> None:
    """The table's body is the grid's rows, not a copy of them (copy on write): reading a sheet, and
    reading it again as its neighbours were read (sheets.pick_sheets), finds the cells unchanged."""
    from storykit.ingest.reader import read_grid

    kept = grid.read_grids("t.xlsx", _book(make(seed=5)))[0]
    before = kept.rows().copy(deep=True)
    first = read_grid(kept)
    pd.testing.assert_frame_equal(kept.rows(), before)
    again = read_grid(kept, like=first.sources[0])
    pd.testing.assert_frame_equal(kept.rows(), before)
    pd.testing.assert_frame_equal(first.frame, again.frame)


def test_the_childs_answer_is_read_as_it_comes(tmp_path) -> None:
    """guard._exchange hands the child's stdout to the reader as it comes (communicate() held the whole answer,
    and its join twice). A child that fills stderr past a pipe's buffer meanwhile does not stall it."""
    import subprocess
    import sys
    import tracemalloc

    size = 24 << 20
    script = tmp_path / "talker.py"
    script.write_text("import sys\ndata = sys.stdin.buffer.read()\nsys.stderr.write('sheet x\\n' * 20000)\n"
                      f"sys.stdout.buffer.write(data[:3] * ({size} // 3))\n")
    proc = subprocess.Popen([sys.executable, "-I", str(script)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)

    def receive(stream) -> tuple[int, bytes]:  # type: ignore[no-untyped-def]
        pieces = iter(lambda: stream.read(1 << 16), b"")
        head = next(pieces)
        return len(head) + sum(map(len, pieces)), head[:6]

    tracemalloc.start()
    try:
        (got, head), err, late = guard._exchange(proc, b"abc" * 1000, 60, receive)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (got, head, late, proc.returncode) == (size, b"abcabc", False, 0)
    assert err.count(b"sheet x\n") == 20000
    assert peak < size / 8  # never the whole answer at once


def test_the_role_evidence_sees_a_datetime_columns_cells_as_datetime_objects() -> None:
    """role_choice gives the evidence the cells calamine gave (datetime objects; None for a missing one),
    not pd.Timestamps, however the grid keeps the column."""
    from storykit.ingest.role_choice import _as_cells

    cells = [dt.datetime(2026, 3, 2, 8, 15, 7, 250), None, dt.datetime(1999, 12, 31, 23, 59, 59)]
    sample = pd.DataFrame({"When": pd.Series(cells, dtype="datetime64[us]"), "Who": ["a", "b", "c"]})
    seen = _as_cells(sample)
    assert seen["When"].tolist() == cells and [type(v) for v in seen["When"]] == [dt.datetime, type(None), dt.datetime]
    assert seen["Who"].tolist() == ["a", "b", "c"] and sample["When"].dtype == "datetime64[us]"


def test_rules_are_asked_once_per_distinct_datetime_as_the_datetime_object() -> None:
    """A workbook's datetime64 column costs the cell rules what its object column did: one call per distinct
    value, given the datetime object (a rule per cell over 100k pd.Timestamps took seconds)."""
    from storykit.ingest.cells import map_cells, map_labels, no_text
    from storykit.ingest.clock import parse_clock

    values = [dt.datetime(2026, 3, 2, 8) + dt.timedelta(minutes=7 * (i % 90)) for i in range(5000)]
    column = pd.Series(values, dtype="datetime64[us]")
    seen: list[object] = []

    def rule(v: object) -> str:
        seen.append(v)
        return v.strftime("%H:%M")

    assert map_cells(column, rule).tolist() == [v.strftime("%H:%M") for v in values]
    assert len(seen) == 90 and {type(v) for v in seen} == {dt.datetime}
    assert map_labels(column, rule).astype(str).tolist() == [v.strftime("%H:%M") for v in values]
    assert len(seen) == 180
    assert no_text(column)  # no total or header text to look for in it
    dates, minutes = parse_clock(column)
    assert minutes.tolist() == [v.hour * 60 + v.minute for v in values]
    assert dates.tolist() == [pd.Timestamp(v.date()) for v in values]


def _hourly(rows: int, header_again_after: int | None = None) -> bytes:
    """Entries every hour for `rows` hours (none at midnight: calamine gives a datetime at 00:00 as a date)."""
    start = dt.datetime(2026, 3, 2, 9, 30)
    out: list[list[object]] = [["Start", "End", "Person", "Activity"]]
    for i in range(rows):
        t = start + dt.timedelta(hours=i)
        out.append([t, t + dt.timedelta(minutes=45), "Ana Silva", "Calls"])
        if i == header_again_after:
            out.append(["Beginn", "Ende", "Mitarbeiter", "Tätigkeit"])
    return _book(out)


def test_a_header_repeated_in_other_words_over_datetime_columns_is_the_tables_structure() -> None:
    """The header's cells over a datetime column are kept apart from the datetimes (grid.Grid.apart): the
    search for the header written another way must see them, or 'Beginn' reads as a date that is not one."""
    log = read_file("blocks.xlsx", _hourly(100, header_again_after=30))
    assert len(log.frame) == 100
    assert [(s.row, s.kind) for s in log.skipped] == [(33, "structure")]
    assert "repeated" in log.skipped[0].reason
