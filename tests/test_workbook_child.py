"""The workbook child's compact column forms give back exactly the cells calamine read.

The child (storykit/ingest/workbook_child.py) packs each column into buffers and the parent
(storykit.ingest.workbook_answer._column) rebuilds it; both sides are checked here, together through a
real workbook and a real child, and apart on lists of cells no spreadsheet program writes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import pickle
import sys
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from storykit.ingest import grid, guard, workbook_answer
from storykit.limits import Limits
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "storykit" / "ingest"))
import workbook_child as child  # the child is a script, not a storykit module

AWARE = dt.datetime(2026, 1, 5, 8, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def round_trip(cells: list) -> list:
    """The cells after the child packs them, a pickle carries them, and the parent rebuilds them."""
    encoded = pickle.loads(pickle.dumps(child._column(list(cells)), protocol=pickle.HIGHEST_PROTOCOL))
    column = workbook_answer._column(len(cells), encoded)
    if isinstance(column, workbook_answer.Datetimes):  # as the grid gives them back (Grid.rows)
        return grid._objects(column.values, list(column.apart.items())).tolist()
    return column.tolist()


def same(a: list, b: list) -> bool:
    """Equal cell by cell, of the same types, NaN equal to NaN and -0.0 told from 0.0."""
    def key(v: object) -> object:
        if isinstance(v, float):
            return ("float", "nan" if math.isnan(v) else v, math.copysign(1, v))
        return (type(v), v)
    return [key(v) for v in a] == [key(v) for v in b]


COLUMNS = {
    "ascii text": ["Date", "", "Ana", "Ben", " spaced ", ""],
    "unicode text": ["Name", "Zoë", "王小明", "emoji 🙂", "nbsp\u00a0", "line\nbreak", ""],
    "one cell": ["only"],
    "one empty cell": [""],
    "text holding NUL": ["a\x00b", "c", ""],
    "floats with the header apart": ["", "Hours", 1.5, -0.0, 0.0, float("nan"), float("inf"), 1e300, 7, True, 2.25],
    "dates with blanks": ["", "Date", dt.date(2026, 1, 5), "", dt.date(1900, 1, 1), dt.date(9999, 12, 31),
                          dt.date(1, 1, 1), dt.date(1969, 12, 31)],
    "naive datetimes": ["When", dt.datetime(2026, 1, 5, 8, 30, 15, 123456), dt.datetime(1969, 12, 31, 23, 59, 59, 1),
                        dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59, 999999), dt.date(2026, 1, 6)],
    "datetimes around leap days and eras": ["When", *(dt.datetime(y, m, d, 23, 59, 58, 999_999) for y, m, d in (
        (2000, 2, 29), (1900, 2, 28), (1900, 3, 1), (1600, 2, 29), (2100, 3, 1), (2024, 12, 31), (400, 1, 1),
        (399, 12, 31), (1970, 1, 1))), None],
    "aware datetimes": ["When", AWARE, AWARE, dt.datetime(2026, 1, 5)],
    "mostly other cells": ["x", 1.5, dt.time(8, 30), dt.timedelta(hours=2), True, "y"],
    "a title and a header above floats only": ["Report", "", "Hours", 1.5, -0.0, float("nan"), 7.25],
    "datetimes under a header, none apart below": ["Start", dt.datetime(2026, 1, 5, 8, 30, 15, 1), dt.datetime(1, 1, 1)],
    "dates and nothing else": [dt.date(2026, 1, 5), dt.date(2026, 1, 6)],
}


@pytest.mark.parametrize("cells", COLUMNS.values(), ids=COLUMNS.keys())
def test_a_column_comes_back_cell_for_cell(cells) -> None:
    assert same(round_trip(cells), cells)


def test_text_columns_travel_as_one_buffer_and_become_arrow_strings() -> None:
    encoded = child._column(["Name", "Zoë", ""])
    assert encoded == ("text", "Name\x00Zoë\x00".encode())
    column = workbook_answer._column(3, encoded)
    assert isinstance(column, pd.Series) and column.dtype == "str"
    assert column.tolist() == ["Name", "Zoë", ""]


def test_typed_columns_share_one_object_per_distinct_value() -> None:
    cells = ["Date"] + [dt.date(2026, 1, 5 + i % 3) for i in range(30)]
    column = workbook_answer._column(len(cells), child._column(cells))
    assert len({id(v) for v in column[1:]}) == 3


def _fake_child(tmp_path, monkeypatch, body: str) -> None:
    """guard starts this script as its child: it reads the bytes, then `body` writes the answer with send()."""
    fake = tmp_path / "fake_child.py"
    fake.write_text("import pickle, sys, time\nsys.stdin.buffer.read()\n"
                    "def send(m):\n    sys.stdout.buffer.write(pickle.dumps(m, protocol=5)); sys.stdout.buffer.flush()\n"
                    + body)
    monkeypatch.setattr(guard, "_CHILD", fake)


def test_each_column_is_built_as_it_arrives_while_the_child_packs_the_next(tmp_path, monkeypatch) -> None:
    """The child sends a column as soon as it is packed; the parent builds it then, not once the whole answer
    is in (the parent's building then overlapped nothing, and the answer was held whole beside it)."""
    first, second = child._column(["Name", "Zoë", "Ann"]), child._column(["Hours", 1.5, 2.0])
    _fake_child(tmp_path, monkeypatch, f"send(('sheet', 'Log', 'WorkSheet', 'Visible', 3, 2, [[0, 0, 0, 1]]))\n"
                                       f"send(('column', {first!r}))\ntime.sleep(1.5)\n"
                                       f"send(('column', {second!r}))\nsend(('end',))\n")
    built: list[float] = []
    real = workbook_answer._column
    monkeypatch.setattr(workbook_answer, "_column", lambda height, encoded: (built.append(time.monotonic()),
                                                                    real(height, encoded))[1])
    [sheet] = guard.read_workbook("log.xlsx", b"PK", Limits())
    assert built[1] - built[0] >= 1.0
    assert [c.tolist() for c in sheet.columns] == [["Name", "Zoë", "Ann"], ["Hours", 1.5, 2.0]]
    assert (sheet.name, sheet.height, sheet.merged) == ("Log", 3, ((0, 0, 0, 1),))


ANSWERS = {
    "a message of another form": "send(('ok', []))\n",
    "a column where a sheet is due": "send(('column', ('text', b'a')))\n",
    "fewer columns than the sheet said": "send(('sheet', 'Log', 'WorkSheet', 'Visible', 1, 2, []))\n"
                                         "send(('column', ('text', b'a')))\nsend(('end',))\n",
    "a negative height": "send(('sheet', 'Log', 'WorkSheet', 'Visible', -1, 0, []))\nsend(('end',))\n",
    "no end": "send(('sheet', 'Log', 'WorkSheet', 'Visible', 1, 1, []))\nsend(('column', ('text', b'a')))\n",
}


@pytest.mark.parametrize("body", ANSWERS.values(), ids=ANSWERS.keys())
def test_an_answer_out_of_the_protocol_is_a_read_error(body: str, tmp_path, monkeypatch) -> None:
    import storykit as sk

    _fake_child(tmp_path, monkeypatch, body)
    with pytest.raises(sk.ReadError, match="returned something unexpected"):
        guard.read_workbook("fake.xlsx", b"PK", Limits())


def test_a_child_that_dies_mid_answer_is_a_limit(tmp_path, monkeypatch) -> None:
    """Stopped by a limit while it sends (its answer cut short): what limit, not 'something unexpected'."""
    import storykit as sk

    _fake_child(tmp_path, monkeypatch, "send(('sheet', 'Log', 'WorkSheet', 'Visible', 1, 1, []))\n"
                                       "sys.stdout.buffer.write(pickle.dumps(('column', ('text', b'a' * 9000)))[:500])\n"
                                       "sys.stdout.buffer.flush()\nimport os, signal\nos.kill(os.getpid(), signal.SIGXCPU)\n")
    with pytest.raises(sk.LimitError, match="used more than 5 s of CPU"):
        guard.read_workbook("fake.xlsx", b"PK", Limits(parse_seconds=5))


MALFORMED = {
    "too few cells": ("text", b"a\x00b"),
    "too many cells": ("text", b"a\x00b\x00c\x00d"),
    "not UTF-8": ("text", b"a\x00\xff\xfe\x00c"),
    "text not bytes": ("text", "a\x00b\x00c"),
    "short float buffer": ("float", b"\x00" * 16, []),
    "exception out of range": ("float", b"\x00" * 24, [(3, "x")]),
    "a str column holding a number": ("str", ["a", "b", 1.0]),
    "unknown kind": ("complex", b"\x00" * 24, []),
}


@pytest.mark.parametrize("encoded", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_column_is_refused(encoded) -> None:
    with pytest.raises((ValueError, TypeError, IndexError, KeyError)):
        workbook_answer._column(3, encoded)


def test_a_malformed_text_column_from_the_child_is_a_read_error(tmp_path, monkeypatch) -> None:
    import storykit as sk

    _fake_child(tmp_path, monkeypatch, "send(('sheet', 's', 'WorkSheet', 'Visible', 3, 1, []))\n"
                                       "send(('column', ('text', b'a\\x00\\xff\\x00c')))\nsend(('end',))\n")
    with pytest.raises(sk.ReadError, match="returned something unexpected"):
        guard.read_workbook("fake.xlsx", b"PK", Limits())


def workbook(sheets: dict[str, list[list]]) -> bytes:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def read_both(data: bytes) -> list[tuple[grid.Grid, list[list], list[list]]]:
    """Each sheet as storykit reads it (through the child) and as calamine reads it in this process."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [(g, [list(r) for r in g.rows().itertuples(index=False)],
             book.get_sheet_by_name(g.sheet).to_python(skip_empty_area=False))
            for g in grid.read_grids("mixed.xlsx", data)]


def test_a_workbook_reads_through_the_child_as_calamine_reads_it() -> None:
    """Every cell, type for type, as python-calamine gives it in this process; text columns as
    arrow strings, datetime columns as datetime64 (the header kept apart), the others as objects."""
    log = [["Time report – Zoë's team"], ["Date", "Person", "Activity", "Hours", "Start", "When", "Note"]]
    for i in range(300):
        log.append([dt.date(2026, 1, 5 + i % 20), ["Zoë Ångström", "王小明", "Ben"][i % 3],
                    ["Tickets 🎫", "Admin", ""][i % 3], None if i % 11 == 0 else -0.0 if i == 5 else 0.25 * i,
                    dt.time(8, i % 60), dt.datetime(2026, 1, 5, 8, i % 60, 7), [None, "late", 3, True][i % 4]])
    sheets = read_both(workbook({"Log": log, "Second": [["only text", "Ω"]]}))
    for _, got, expected in sheets:
        assert [same(a, b) for a, b in zip(got, expected, strict=True)] == [True] * len(expected)
    assert [str(t) for t in sheets[0][0].cells.dtypes] == ["object", "str", "str", "object", "object",
                                                           "datetime64[us]", "object"]
    assert [str(t) for t in sheets[1][0].cells.dtypes] == ["str", "str"]


def test_typed_columns_with_other_cells_listed_apart_come_back_whole() -> None:
    """The typed forms (8-byte values + listed exceptions) give back every cell as calamine has it:
    text, numbers, dates, datetimes, times, booleans, blanks, a ragged column, a total row."""
    log = [["A title above the header"], ["Date", "When", "Person", "Hours", "Start", "Done", "Mixed"]]
    for i in range(40):
        log.append([dt.date(2026, 1, 5 + i % 20), dt.datetime(2026, 1, 5, 8, i % 60, 7), f"Person {i % 3}",
                    None if i % 7 == 0 else 0.25 * i, dt.time(8, i % 60), i % 2 == 0,
                    [1.5, "text", dt.date(2026, 2, 1), None][i % 4]])
    log.append(["Total", "", "", 123.0])
    [(_, got, expected)] = read_both(workbook({"Log": log}))
    assert got == expected
    assert [[type(v) for v in r] for r in got] == [[type(v) for v in r] for r in expected]


def test_the_child_exits_without_freeing_its_cells_only_after_writing_them() -> None:
    source = (ROOT / "storykit/ingest/workbook_child.py").read_text()
    assert source.index("sys.stdout.buffer.flush()") < source.index("os._exit(0)")


def test_nul_cannot_hide_inside_a_utf8_character() -> None:
    """The parent splits the child's text on NUL bytes: no other UTF-8 character contains one."""
    text = "".join(chr(c) for c in range(1, 0x11000) if not 0xD800 <= c < 0xE000)
    assert b"\x00" not in text.encode("utf-8")
    assert np.count_nonzero(np.frombuffer("\x00".join(["é", "ü"]).encode(), np.uint8) == 0) == 1


def test_formulas_saved_without_values_are_found_while_the_child_reads() -> None:
    """The scan runs beside the child (grid._read_workbook); fill_formulas trusts its answer."""
    formulas = (ROOT / "tests/fixtures/handmade_start_end_formulas.xlsx").read_bytes()
    plain = (ROOT / "tests/fixtures/clockify_detailed.xlsx").read_bytes()
    assert all(g.uncached_formulas for g in grid.read_grids("f.xlsx", formulas))
    assert not any(g.uncached_formulas for g in grid.read_grids("p.xlsx", plain))


def test_a_column_is_packed_by_its_commonest_type_first_among_equals() -> None:
    """The kind is the commonest of float, date and datetime (in that order among equals) when at least half
    the cells have it; the child counts the last cell's type first, which must not change the kind."""
    rng = np.random.default_rng(3)
    kinds = {float: 1.5, dt.date: dt.date(2026, 1, 5), dt.datetime: dt.datetime(2026, 1, 5, 8), str: "x", bool: True}
    for _ in range(400):
        n = int(rng.integers(1, 9))
        col = [kinds[list(kinds)[int(i)]] for i in rng.integers(0, len(kinds), n)]
        if rng.random() < 0.5:  # many exact ties: two kinds with half the cells each
            a, b = rng.choice(3, 2, replace=False)
            col = [list(kinds.values())[int(a)], list(kinds.values())[int(b)]] * n
            rng.shuffle(col)
        types = list(map(type, col))
        kind = max((float, dt.date, dt.datetime), key=types.count)
        expected = "cells" if types.count(kind) * 2 < len(col) or all(t is str for t in types) else kind.__name__
        got = child._column(col)[0]
        assert (got if got != "text" else "cells") == expected, col


def test_pipes_to_the_child_hold_a_column_of_100k_rows() -> None:
    """The child writes a ~1 MB column in one go and the parent reads it in one: not 16 handovers of 64 KB."""
    import fcntl
    import os

    largest = int(Path("/proc/sys/fs/pipe-max-size").read_text())
    if largest < guard.PIPE_BYTES:
        pytest.skip(f"this system allows pipes of {largest} bytes at most")
    r, w = os.pipe()
    try:
        with open(r, "rb", closefd=False) as pipe:
            guard._widen(pipe)
        assert fcntl.fcntl(r, fcntl.F_GETPIPE_SZ) == guard.PIPE_BYTES
    finally:
        os.close(r)
        os.close(w)
