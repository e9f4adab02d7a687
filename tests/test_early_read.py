"""A tall sheet's header and roles are judged on its first rows while the child still sends the rest
(storykit/ingest/early_read.py): a reading is the same with or without that, and the early answers
are taken only where what they were judged on is what the whole sheet gives.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from storykit.ingest import early_read, grid, guard, reader, role_choice
from storykit.ingest.early_read import HEAD_ROWS, same_cells
from storykit.limits import Limits
from tests.conftest import ROOT
from tests.test_workbook_child import _fake_child, child
from tests.test_workbook_typed import _book


def _log(n: int, seed: int = 5, project: int | None = None) -> list[list[object]]:
    """A title, a header on row 3, then n entries with start and end datetimes (a third of them at midnight
    or on the hour), a total row; Project holds a value only in the first `project` entries."""
    rng = random.Random(seed)
    rows: list[list[object]] = [["Team time, March"], [], ["Person", "Activity", "Project", "Start", "End", "Hours"]]
    for i in range(n):
        start = dt.datetime(2026, 3, 2) + dt.timedelta(hours=i // 3 * 8 + (0 if i % 3 else rng.randrange(1, 8)),
                                                       minutes=rng.choice((0, 15, 37)))
        end = start + dt.timedelta(minutes=rng.randrange(15, 480))
        rows.append([["Ana Silva", "Ben Okafor", "Chen Wei"][i % 3], ["Calls", "Email", "Admin"][i % 4 % 3],
                     f"P-{i % 7}" if project is None or i < project else "",
                     start, end, round((end - start).total_seconds() / 3600, 2)])
    rows.append(["Total", "", "", "", "", 999.0])
    return rows


def _read(data: bytes, head: grid.HeadStart | None, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(early_read, "HEAD", head)
    return reader.read_file("log.xlsx", data)


def _same_log(a, b) -> None:  # type: ignore[no-untyped-def]
    pd.testing.assert_frame_equal(a.frame, b.frame)
    assert dataclasses.asdict(a.sources[0]) == dataclasses.asdict(b.sources[0])
    assert (a.skipped, a.flagged) == (b.skipped, b.flagged)


def test_the_early_header_and_roles_are_taken_and_the_log_is_the_same(monkeypatch) -> None:
    data = _book(_log(HEAD_ROWS + 500))
    [g] = grid.read_grids("log.xlsx", data, head=early_read.HEAD)
    early = g.early.result()  # type: ignore[union-attr]
    assert len(early.question.sample) == role_choice.roles.SAMPLE_ROWS  # judged on a whole sample
    assert early_read.header_at(g) == early.header_at == 2
    table = reader.find_table(g, early.header_at)
    question = role_choice.role_question(table.headers, table.blank, table.body, early_read.wide_columns(table))
    assert early_read.roles_for(g, question) is early.choice  # not judged again
    _same_log(_read(data, early_read.HEAD, monkeypatch), _read(data, None, monkeypatch))


def test_a_column_mostly_blank_below_the_first_rows_is_judged_on_the_whole_sheet(monkeypatch) -> None:
    """Project is filled in the first rows and blank in most of the sheet: mostly empty (no role) on the
    whole sheet, not in the first rows. Their answer must not be taken, or Project would be read."""
    data = _book(_log(3 * HEAD_ROWS, project=HEAD_ROWS - 100))
    [g] = grid.read_grids("log.xlsx", data, head=early_read.HEAD)
    early = g.early.result()  # type: ignore[union-attr]
    assert "Project" not in early.question.mostly_empty and "Project" in early.choice.chosen.values()
    with_head = _read(data, early_read.HEAD, monkeypatch)
    assert "Project" not in with_head.sources[0].mapping.values()
    _same_log(with_head, _read(data, None, monkeypatch))


def test_a_column_of_another_type_below_the_first_rows_is_judged_on_the_whole_sheet(monkeypatch) -> None:
    """Activity holds text in the first rows and numbers in most of the sheet: the whole grid keeps it as
    objects, the first rows as arrow text. Not the same cells to the readers: both are judged again."""
    rows = _log(3 * HEAD_ROWS)
    for i, row in enumerate(rows[HEAD_ROWS:-1]):
        row[1] = float(i % 5)
    data = _book(rows)
    [g] = grid.read_grids("log.xlsx", data, head=early_read.HEAD)
    early = g.early.result()  # type: ignore[union-attr]
    assert g.cells[1].dtype == object and early.header_rows[1].dtype == "str"
    assert early_read.header_at(g) is None
    table = reader.find_table(g)
    question = role_choice.role_question(table.headers, table.blank, table.body, early_read.wide_columns(table))
    assert early_read.roles_for(g, question) is not early.choice
    _same_log(_read(data, early_read.HEAD, monkeypatch), _read(data, None, monkeypatch))


def test_a_column_that_changes_below_the_sample_keeps_the_early_answers(monkeypatch) -> None:
    """End holds datetimes in the first rows and text below them: the header rows and the sample are the same
    cells (as the readers see them), so the early answers stand, and the log reads the same."""
    rows = _log(3 * HEAD_ROWS)
    for row in rows[HEAD_ROWS:-1]:
        row[4] = row[4].strftime("%d/%m/%Y %H:%M")
    data = _book(rows)
    [g] = grid.read_grids("log.xlsx", data, head=early_read.HEAD)
    assert g.cells[4].dtype == object and early_read.header_at(g) == 2
    _same_log(_read(data, early_read.HEAD, monkeypatch), _read(data, None, monkeypatch))


def test_a_header_below_the_first_rows_is_found_on_the_whole_sheet(monkeypatch) -> None:
    """A totals block with its own header sits above the log: the first 5 rows hold only that block, whose
    header is the best of them; find_header, looking further down, finds the log's. Not the same rows, so
    the head's header must not be taken."""
    rows: list[list[object]] = [["Person", "Hours"], *([p, 10.0 * i] for i, p in enumerate(("Ana", "Ben", "Chen")))]
    rows += [[], *_log(60)[2:]]
    data = _book(rows)
    head = grid.HeadStart(5, early_read.read_head)
    [g] = grid.read_grids("log.xlsx", data, head=head)
    assert g.early.result().header_at == 0 and reader.find_table(g).header_at == 5  # type: ignore[union-attr]
    assert early_read.header_at(g) is None
    with_head = _read(data, head, monkeypatch)
    assert with_head.sources[0].rows == 60
    _same_log(with_head, _read(data, None, monkeypatch))


@pytest.mark.parametrize("rows", [3, 40, 400])
@pytest.mark.parametrize("path", sorted((ROOT / "tests/fixtures").glob("*.xlsx")), ids=lambda p: p.name)
def test_every_workbook_reads_the_same_whatever_its_first_rows_said(path: Path, rows: int, monkeypatch) -> None:
    """The heads cut through titles, headers, two-row headers and records, totals and sheets of every shape."""
    data = path.read_bytes()

    def read(head):  # type: ignore[no-untyped-def]
        try:
            return _read(data, head, monkeypatch)
        except Exception as e:  # a workbook that is refused is refused alike
            return f"{type(e).__name__}: {e}"

    a, b = read(grid.HeadStart(rows, early_read.read_head)), read(None)
    if isinstance(a, str) or isinstance(b, str):
        assert a == b
    else:
        _same_log(a, b)


def test_a_head_that_cannot_be_read_early_is_read_with_the_rest(monkeypatch) -> None:
    data = _book(_log(300))

    def fail(head: grid.Grid) -> object:
        raise RuntimeError("no")

    _same_log(_read(data, grid.HeadStart(50, fail), monkeypatch), _read(data, None, monkeypatch))
    _same_log(_read(data, grid.HeadStart(50, lambda g: "not an early read"), monkeypatch), _read(data, None, monkeypatch))


def test_the_head_is_read_while_the_child_still_sends_the_sheet(tmp_path, monkeypatch) -> None:
    """The head goes to on_head as it arrives, not once the answer is whole (then nothing would overlap)."""
    head = [child._column(["Name", "Zoë"]), child._column(["Hours", 1.5])]
    full = [child._column(["Name", "Zoë", "Ann"]), child._column(["Hours", 1.5, 2.0])]
    _fake_child(tmp_path, monkeypatch, f"send(('head', 'Log', 'WorkSheet', 'Visible', 2, 2, [], {head!r}))\n"
                                       "time.sleep(1.5)\n"
                                       "send(('sheet', 'Log', 'WorkSheet', 'Visible', 3, 2, []))\n"
                                       f"send(('column', {full[0]!r}))\nsend(('column', {full[1]!r}))\nsend(('end',))\n")
    heads: list[tuple[float, object]] = []
    [sheet] = guard.read_workbook("log.xlsx", b"PK", Limits(), 2, lambda s: heads.append((time.monotonic(), s)))
    assert time.monotonic() - heads[0][0] >= 1.0
    assert [c.tolist() for c in heads[0][1].columns] == [["Name", "Zoë"], ["Hours", 1.5]]  # type: ignore[attr-defined]
    assert [c.tolist() for c in sheet.columns] == [["Name", "Zoë", "Ann"], ["Hours", 1.5, 2.0]]


def test_the_real_child_sends_the_first_rows_of_each_taller_sheet_first() -> None:
    data = _book(_log(30))
    heads: list = []
    [sheet] = guard.read_workbook("log.xlsx", data, Limits(), 10, heads.append)
    [head] = heads
    assert (head.name, head.height, len(head.columns)) == (sheet.name, 10, len(sheet.columns))
    as_grid = [grid._grid("log.xlsx", s, (), False).cells for s in (head, sheet)]
    assert same_cells(as_grid[0], as_grid[1].iloc[:10])
    heads.clear()
    guard.read_workbook("log.xlsx", data, Limits(), len(_log(30)), heads.append)  # no taller than the head
    guard.read_workbook("log.xlsx", data, Limits(), 0, heads.append)
    assert heads == []


HEADS = {
    "columns not a list": "send(('head', 'Log', 'WorkSheet', 'Visible', 1, 1, ('text', b'a')))\nsend(('end',))\n",
    "fewer columns than it says": "send(('head', 'Log', 'WorkSheet', 'Visible', 1, 2, [('text', b'a')]))\nsend(('end',))\n",
    "a sheet with a head's columns": "send(('sheet', 'Log', 'WorkSheet', 'Visible', 1, 1, [], [('text', b'a')]))\n"
                                     "send(('end',))\n",
}


@pytest.mark.parametrize("body", HEADS.values(), ids=HEADS.keys())
def test_a_head_out_of_the_protocol_is_a_read_error(body: str, tmp_path, monkeypatch) -> None:
    import storykit as sk

    _fake_child(tmp_path, monkeypatch, body)
    with pytest.raises(sk.ReadError, match="returned something unexpected"):
        guard.read_workbook("fake.xlsx", b"PK", Limits(), 1, lambda s: None)


def _frame(*columns: object) -> pd.DataFrame:
    return pd.DataFrame({i: c for i, c in enumerate(columns)})


@pytest.mark.parametrize(("a", "b"), [
    ([1.0], [1]), ([1.0], [True]), ([0.0], [-0.0]), (["1"], [1.0]), ([dt.date(2026, 1, 5)], [dt.datetime(2026, 1, 5)]),
    ([None], [float("nan")]), ([float("nan"), 1.5], [float("nan"), 2.5]),
    ([dt.datetime(2026, 1, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))], [dt.datetime(2026, 1, 5, 8, tzinfo=dt.UTC)]),
    ([dt.time(8, tzinfo=dt.UTC)], [dt.time(8)]),
])
def test_cells_of_other_types_or_signs_are_not_the_same(a: list, b: list) -> None:
    assert not same_cells(_frame(pd.Series(a, dtype=object)), _frame(pd.Series(b, dtype=object)))
    assert same_cells(_frame(pd.Series(a, dtype=object)), _frame(pd.Series(list(a), dtype=object)))


def test_same_cells_compares_every_form_a_grid_holds() -> None:
    stamps = np.array(["2026-01-05T08:00", "NaT"], dtype="datetime64[us]")
    text = pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([["a"], ["b"]], pa.large_string())), dtype="str")
    a = _frame(text, pd.Series(stamps), pd.Series([float("nan"), "x"], dtype=object))
    assert same_cells(a, _frame(pd.Series(["a", "b"], dtype="str"), pd.Series(stamps.copy()),
                                pd.Series([float("nan"), "x"], dtype=object)))  # chunking differs, not cells
    assert not same_cells(a, _frame(pd.Series(["a", "c"], dtype="str"), pd.Series(stamps), a[2]))
    assert not same_cells(a, _frame(text, pd.Series(stamps[::-1]), a[2]))
    assert not same_cells(a, _frame(text, pd.Series(stamps).astype(object), a[2]))  # typed vs objects
    assert not same_cells(a, a.set_axis([5, 6]))
    assert not same_cells(a, a.iloc[:1])


def test_every_field_of_the_role_question_is_compared() -> None:
    """The early roles stand only for the same question: a field RoleQuestion gains must be compared too."""
    data = _book(_log(HEAD_ROWS + 100))
    [g] = grid.read_grids("log.xlsx", data)
    table = reader.find_table(g)
    question = role_choice.role_question(table.headers, table.blank, table.body, early_read.wide_columns(table))
    assert early_read._same_question(question, dataclasses.replace(question))
    other = {pd.DataFrame: lambda v: v.iloc[:-1], tuple: lambda v: (*v, "x"), frozenset: lambda v: v | {"x"},
             bool: lambda v: not v, dict: lambda v: {**v, "x": 1}}
    for f in dataclasses.fields(role_choice.RoleQuestion):
        value = getattr(question, f.name)
        changed = dataclasses.replace(question, **{f.name: other[type(value)](value)})  # KeyError: a new type
        assert not early_read._same_question(question, changed), f.name
