"""Where the table sits in a grid: its header row, the title block above it, and the rows that are not entries.

A grid is every cell of a sheet or text file; people put titles, filters and totals around
the table itself. This module finds the header, keeps what the title says (person, week), and
sets aside blank rows and total rows (each total row is listed, never silently dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from pandas.api.types import infer_dtype

from storykit.errors import FormatError
from storykit.ingest.cell_text import blank_frame, text
from storykit.ingest.cells import NOT_TEXT, map_cells
from storykit.ingest.grid import Grid
from storykit.ingest.layout import TitleFacts, day_columns, read_title
from storykit.ingest.role_choice import header_score
from storykit.model import SkippedRow

HEADER_SCAN_ROWS = 30
TOTAL_ROW_REASON = "total row (a sum of other rows)"
_TOTAL = re.compile(r"^\s*(grand\s+)?(total|totals|sum|summe|gesamt|gesamtsumme|insgesamt)\b", re.IGNORECASE)
#: What a time log looks like, told whenever a grid turns out not to be one.
EXPECTED = ("Expected a time log: a header row naming a date, a person, an activity and hours "
            "(or start and end times), one row per entry; or a summary report with hours by category.")


@dataclass(frozen=True, eq=False)
class Table:
    """The header, the title block and the entry rows of one grid, each row with its place in the file."""

    header_at: int  # 0-based index of the header row in the grid
    header_cells: list[object]
    headers: list[str]  # one unique name per column
    title: TitleFacts
    body: pd.DataFrame  # entry rows only, columns named by `headers`
    rows: pd.Series  # the file's 1-based row number of each body row
    blank: pd.DataFrame  # which body cells are blank
    skipped: tuple[SkippedRow, ...]  # total rows set aside


def find_table(grid: Grid) -> Table:
    """The table in `grid`, or a FormatError saying that no header row was found."""
    header_at = find_header(grid.cells)
    if header_at is None:
        raise FormatError(f"no header row found in the first {HEADER_SCAN_ROWS} rows", file=grid.file,
                          sheet=grid.sheet, hint=EXPECTED)
    header_cells = grid.cells.iloc[header_at].tolist()
    headers = unique_headers(header_cells)
    body = grid.cells.iloc[header_at + 1:].copy()
    body.columns = headers
    rows = pd.Series(range(header_at + 2, header_at + 2 + len(body)))
    body = body.reset_index(drop=True)
    blank = blank_frame(body)
    empty = blank.all(axis=1)
    is_total = pd.Series(False, index=body.index)
    for col in body.columns[: min(3, body.shape[1])]:
        is_total |= total_cells(body[col])
    is_total &= ~empty
    skipped = tuple(SkippedRow(grid.file, int(rows[i]), TOTAL_ROW_REASON, grid.sheet) for i in body.index[is_total])
    keep = ~empty & ~is_total
    if not keep.all():  # filtering makes new columns, and the cells' cached factorizations are theirs
        body, rows = body[keep].reset_index(drop=True), rows[keep].reset_index(drop=True)
        blank = blank[keep].reset_index(drop=True)
    return Table(header_at, header_cells, headers, read_title(grid.cells.iloc[:header_at]), body, rows, blank,
                 skipped)


def find_header(cells: pd.DataFrame) -> int | None:
    """Index of the row that looks most like a header among the first rows (title rows skipped)."""
    best, best_score = None, 1
    for i in range(min(HEADER_SCAN_ROWS, len(cells))):
        row = cells.iloc[i].tolist()
        score = header_score(row) + (2 if day_columns(row) else 0)
        if score > best_score:
            best, best_score = i, score
    return best


def unique_headers(cells: list[object]) -> list[str]:
    """One name per column: the header's text, 'column N' where it is blank, '(N)' added to repeats."""
    out: list[str] = []
    for i, c in enumerate(cells):
        name = text(c) or f"column {i + 1}"
        while name in out:
            name += f" ({i + 1})"
        out.append(name)
    return out


def is_total_text(v: object) -> bool:
    return bool(_TOTAL.match(str(v)))


def total_cells(column: pd.Series) -> np.ndarray:
    """Which cells of a column say Total, Sum, Summe, ... at their start."""
    if column.dtype == object and infer_dtype(column, skipna=True) in NOT_TEXT:
        return np.zeros(len(column), dtype=bool)  # a workbook's date column: 100k objects need no rule
    return map_cells(column, is_total_text).astype(bool).to_numpy()
