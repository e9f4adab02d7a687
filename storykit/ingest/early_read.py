"""A workbook sheet's header and column roles, judged on its first rows while the rest is on its way.

The child that reads a workbook sends a tall sheet's first HEAD_ROWS rows before it turns the
whole sheet into columns (~0.1 s for 100k rows). Meanwhile, on another thread, the header is found
and the roles are chosen in those rows, as read_grid would. read_grid takes each answer only where
what it was judged on is exactly what the whole sheet gives: the header rows for the header
(find_header looks at no others), and every field of the role question (headers, the table's first
rows, its mostly blank columns, the columns left out, ...) for the roles. Where anything differs, the whole sheet
is judged as before, so a reading is the same with or without this.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import pickle
from dataclasses import dataclass

import pandas as pd

from storykit.ingest.grid import Grid, HeadStart
from storykit.ingest.layout import TOTAL_HEADER, day_columns
from storykit.ingest.role_choice import RoleChoice, RoleQuestion, answer_roles, role_question
from storykit.ingest.roles import SAMPLE_ROWS
from storykit.ingest.table import FIT_ROWS, HEADER_SCAN_ROWS, Table, find_table, header_rows

#: Where a header may be, and a role sample's worth of entries below it with room for blank, total
#: and title rows among them.
HEAD_ROWS = HEADER_SCAN_ROWS + FIT_ROWS + SAMPLE_ROWS * 3 // 2


@dataclass(frozen=True, eq=False)
class EarlyRead:
    """What the first rows said: the header (and the rows it was found in), the role question and its answer."""

    header_rows: pd.DataFrame
    header_at: int
    question: RoleQuestion
    choice: RoleChoice


def wide_columns(table: Table) -> frozenset[str]:
    """A wide grid's day and total columns: melt_days reads them, the role choice leaves them out."""
    days = day_columns(table.header_cells)
    if not days:
        return frozenset()
    return frozenset({table.headers[i] for i in days} | {h for h in table.headers if TOTAL_HEADER.match(h)})


def read_head(head: Grid) -> EarlyRead:
    """The header and the roles of a sheet's first rows, as read_grid judges them on the whole sheet."""
    table = find_table(head)
    question = role_question(table.headers, table.blank, table.body, wide_columns(table))
    return EarlyRead(header_rows(head), table.header_at, question, answer_roles(question))


HEAD = HeadStart(HEAD_ROWS, read_head)


def header_at(grid: Grid) -> int | None:
    """Where the header is, if the sheet's first rows found it in the same rows find_header would look at."""
    early = _finished(grid)
    return early.header_at if early and same_cells(early.header_rows, header_rows(grid)) else None


def roles_for(grid: Grid, question: RoleQuestion) -> RoleChoice:
    """The roles for `question`: the first rows' answer if they were asked the same question, else judged now."""
    early = _finished(grid)
    if early and _same_question(early.question, question):
        return early.choice
    return answer_roles(question)


def _finished(grid: Grid) -> EarlyRead | None:
    if grid.early is None:
        return None
    try:
        early = grid.early.result()  # begun while the child still sent the rest of the sheet: done by now
    except Exception:  # no header in the first rows, say: the whole sheet is judged and says what is wrong
        return None
    return early if isinstance(early, EarlyRead) else None


def _same_question(a: RoleQuestion, b: RoleQuestion) -> bool:
    """Every field of the two questions equal, the sample cell for cell: a field RoleQuestion gains is compared too."""
    return all(same_cells(x, y) if isinstance(x, pd.DataFrame) else x == y
               for x, y in ((getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(RoleQuestion)))


def same_cells(a: pd.DataFrame, b: pd.DataFrame) -> bool:
    """Whether two frames hold the same cells: the same labels and column types, and every cell the same
    value of the same type (1 is not 1.0 or True, -0.0 is not 0.0; NaN and NaT are themselves)."""
    if not (a.shape == b.shape and a.columns.equals(b.columns) and a.index.equals(b.index)
            and list(a.dtypes) == list(b.dtypes)):
        return False
    return all(_same_column(a.iloc[:, j], b.iloc[:, j]) for j in range(a.shape[1]))


def _same_column(a: pd.Series, b: pd.Series) -> bool:
    """Arrow text by arrow (type and values, however chunked), numpy values by their bytes, Python
    objects type by type and then by ==, where == tells equal cells apart: not for floats (0.0 == -0.0,
    NaN != NaN) or zoned datetimes and times (one instant in two zones); those by their pickles."""
    arrow = getattr(a.array, "_pa_array", None)
    if arrow is not None:
        return bool(arrow.equals(b.array._pa_array))
    if a.dtype != object:
        return a.to_numpy().tobytes() == b.to_numpy().tobytes()
    cells, others = a.tolist(), b.tolist()
    types = list(map(type, cells))
    if types != list(map(type, others)):
        return False
    if float in types or any(v.tzinfo for v in cells if type(v) in (dt.datetime, dt.time)):  # type: ignore[union-attr]
        return _pickled(cells) == _pickled(others)  # no memo: equal values of equal types give equal bytes
    return cells == others


def _pickled(cells: list[object]) -> bytes:
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(cells)
    return out.getvalue()
