"""The row limit counts data rows, as the README's "Limits" table says: the header row is free.

Limits(rows=N) stands in for the real 2,000,000 so the boundary costs milliseconds: a table of
exactly N data rows is read whole, N+1 is refused with a message that says how many rows it has.
"""

from __future__ import annotations

import openpyxl
import pytest

import storykit as sk
from storykit.ingest import grid, text_arrow
from storykit.limits import Limits
from tests.hostile_inputs import HEADER, csv_bytes

N = 80  # over 60 lines, so the pyarrow path sniffs like a large file would


def _rows(n: int) -> list[list[str]]:
    return [[f"2026-01-{5 + i % 5:02d}", f"Person {i % 7}", "Email support", "1.5"] for i in range(n)]


def _csv(n: int) -> tuple[str, bytes]:
    return "log.csv", csv_bytes(_rows(n))


def _xlsx(n: int) -> tuple[str, bytes]:
    import io

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    ws.append(HEADER)
    for r in _rows(n):
        ws.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return "log.xlsx", buf.getvalue()


FORMATS = [pytest.param(_csv, False, id="csv-module"), pytest.param(_csv, True, id="csv-pyarrow"),
           pytest.param(_xlsx, False, id="xlsx-child")]


@pytest.mark.parametrize(("make", "fast"), FORMATS)
def test_exactly_the_limit_of_data_rows_is_read_whole(make, fast, monkeypatch) -> None:
    if fast:
        monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 0)
    [g] = grid.read_grids(*make(N), Limits(rows=N))
    assert g.cells.shape[0] == N + 1  # the header plus every data row
    assert list(g.cells.iloc[0]) == HEADER


@pytest.mark.parametrize(("make", "fast"), FORMATS)
def test_one_data_row_over_the_limit_is_refused_and_says_so(make, fast, monkeypatch) -> None:
    if fast:
        monkeypatch.setattr(text_arrow, "FAST_TEXT_CHARS", 0)
    with pytest.raises(sk.LimitError, match=rf"{N + 1} (data rows|rows below the header row).*limits? (is|are) {N}[ ,]") as err:
        grid.read_grids(*make(N + 1), Limits(rows=N))
    assert "log." in str(err.value)
