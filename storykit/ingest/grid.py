"""Bytes to raw grids of cells: text decoding, delimiter sniffing, spreadsheets, gzip.

A grid is every cell as the file has it, header not yet found; later steps decide what is
header, data, title or total. CSV bodies are read by pandas' C parser (fast path) once the
header row is known; ragged files fall back to the csv module so no row is lost.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa

from storykit.errors import LimitError, ReadError
from storykit.ingest import guard, text_arrow, workbook_answer
from storykit.ingest.cells import dates_are_midnights
from storykit.ingest.gzip_guard import GZIP_MAGIC, gunzip
from storykit.ingest.text_encoding import decode_text
from storykit.limits import LIMITS, Limits, check_size, inspect_zip
from storykit.progress import Progress, quiet

# The limits live in storykit.limits.LIMITS (one place, stated in the README); these names stay for callers.
MAX_BYTES = LIMITS.file_bytes
MAX_ROWS = LIMITS.rows
MAX_COLUMNS = LIMITS.columns
#: Workbooks up to this size get formulas saved without values computed (formulas.py: openpyxl is
#: slow; hand-made sheets with formulas are small).
FORMULA_MAX_BYTES = 20 * 1024 * 1024
#: A formula cell saved without its value: `<f>B2-A2</f></c>`, with an empty `<v/>`, or a shared `<f .../>`.
_UNCACHED = re.compile(rb"(<f[ >][^<]*</f>|<f[^>]*/>)(<v\s*/>|<v></v>)?</c>")
#: Files written by scripts (openpyxl, some exporters) keep `=B2-A2` but no result; Excel computes on
#: open. We compute what we can (formulas.py); where we cannot, those cells read as empty, and this says why.
UNCACHED_NOTE = ("some cells hold formulas saved without their values (the file was written by a program that "
                 "does not calculate): open it in Excel, save it, and upload it again")
SCAN_HEAD = 256 * 1024  # bytes of each sheet's XML scanned in a workbook too large to scan whole
SCAN_CHUNK = 1 << 20  # inflated bytes of a sheet's XML held at once while it is scanned
#: Excel's longest formula, 8,192 characters, as XML (`&quot;` is 6 bytes), with its `<f ...>` tag.
_FORMULA_XML_MAX = 8192 * 6 + 1024


@dataclass(frozen=True, eq=False)
class Grid:
    """One table of raw cells (no header yet) and where it came from.

    `cells` holds text columns as arrow strings and the rest as objects, except a workbook's columns
    of datetime cells: those are datetime64, NaT where a cell is of another type, and those cells
    (the header above, a blank, a total) are in `apart`. `rows()` gives the cells as the file has them.
    """

    file: str
    sheet: str | None
    cells: pd.DataFrame
    hidden: bool = False
    encoding: str | None = None
    delimiter: str | None = None
    notes: tuple[str, ...] = ()  # what the reader should tell the user about how the bytes were read
    uncached_formulas: bool = False  # a workbook with formulas saved without values (formulas.py computes them)
    merged: tuple[tuple[int, int, int, int], ...] = ()  # a sheet's merged ranges (row, column, last row, last column)
    apart: dict[int, dict[int, object]] = field(default_factory=dict)  # column -> row -> a cell kept out of `cells`
    early: Future[object] | None = None  # HeadStart.read of the sheet's first rows, begun while the rest was on its way

    def rows(self, start: int = 0, stop: int | None = None) -> pd.DataFrame:
        """The cells of rows start:stop (as `cells.iloc[start:stop]`), each as the file has it.

        A datetime column stays datetime64 where no cell of another type is among these rows (the
        body under its header, mostly); else it is the cells' objects, as calamine gives them.
        """
        cells = self.cells.iloc[start:stop]
        lo, hi, _ = slice(start, stop).indices(len(self.cells))
        for j, apart in self.apart.items():
            inside = [(r - lo, v) for r, v in apart.items() if lo <= r < hi]
            if inside:  # the slice is a new frame (copy on write): the grid's own column is untouched
                cells.isetitem(j, _objects(cells.iloc[:, j].to_numpy(), inside))
        return cells


@dataclass(frozen=True)
class HeadStart:
    """What to do with a sheet's first `rows` rows on a thread while the rest is on its way (Grid.early)."""

    rows: int
    read: Callable[[Grid], object]


def read_grids(name: str, data: bytes, limits: Limits = LIMITS, progress: Progress | None = None,
               parsed: text_arrow.Parsed | None = None, head: HeadStart | None = None) -> list[Grid]:
    """Every table in the file: one for a text file, one per sheet for a workbook.

    Size, expansion and container checks (storykit.limits, storykit.ingest.guard) come before any parsing.
    `parsed`: text_arrow.parse_early's answer for the same bytes (the command's read-ahead); `head`: what
    to begin with a workbook sheet's first rows.
    """
    progress = progress or quiet
    check_size(name, data, limits)
    if _blank_bytes(data):
        raise ReadError("the file is empty", file=name, hint="Export the report again; it has no data.")
    lower = name.lower()
    if data[:2] == GZIP_MAGIC:
        progress(0.0, "decompressing")
        data = parsed.text if parsed else gunzip(name, data, limits)
        lower = lower.removesuffix(".gz")
        if _blank_bytes(data, None):
            raise ReadError("the file is empty (an empty gzip)", file=name, hint="Export the report again.")
    if data[:4] == guard.ZIP_MAGIC or (data[:2] == b"PK" and lower.endswith((".xlsx", ".xlsm", ".xlsb", ".ods"))):
        progress(0.0, "opening the workbook")
        return _read_workbook(name, data, limits, head)
    if data[:8] == guard.OLE_MAGIC:
        raise guard.explain_ole(name, data)
    if lower.endswith((".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")):
        raise ReadError(
            f"the file has a spreadsheet name but is not a spreadsheet: it is {_sniff_kind(data)}", file=name,
            hint="Export it again from the tool, as .xlsx or CSV.",
        )
    if lower.endswith((".pptx", ".potx", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".zip")):
        raise ReadError("this is not a time report (CSV, TXT or XLSX)", file=name,
                        hint="Upload the time-tracking export itself.")
    fast = _read_utf8_rectangle(name, data, limits, progress, parsed)
    if fast is not None:
        return [fast]
    text, encoding, notes = decode_text(name, data)
    return [_read_text(name, text, encoding, notes, limits, progress)]


def _blank_bytes(data: bytes, blank: bytes | None = b" \t\r\n\x00\xef\xbb\xbf\xff\xfe") -> bool:
    """Only spaces, line ends, NULs and byte-order marks (a prefix first: no copy of a 20 MB file)."""
    return not data[:4096].strip(blank) and not data.strip(blank)


def _read_utf8_rectangle(name: str, data: bytes, limits: Limits, progress: Progress,
                         parsed: text_arrow.Parsed | None) -> Grid | None:
    """A large clean UTF-8 file's grid from pyarrow's parse (text_arrow.utf8_rectangle), or None."""
    rectangle = parsed.rectangle if parsed else text_arrow.utf8_rectangle(data, limits, progress)
    if rectangle is None:
        return None
    cells = _frame(rectangle.table)
    _check_size(name, *cells.shape, limits)
    return Grid(name, None, cells, encoding="utf-8-sig" if rectangle.bom else "utf-8", delimiter=rectangle.delimiter)


def _sniff_kind(data: bytes) -> str:
    head = data[:512].lstrip()
    if head.startswith(b"%PDF"):
        return "a PDF"
    if head[:5].lower() in (b"<html", b"<!doc") or b"<table" in head.lower():
        return "a web page (HTML), as some tools save 'Excel' exports; open it in Excel and save as .xlsx"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "an image"
    if all(32 <= c < 127 or c in b"\r\n\t" for c in head[:256]):
        return "plain text (a CSV renamed to .xlsx?); rename it to .csv"
    return "something else (unknown bytes)"


def _read_text(name: str, text: str, encoding: str, notes: tuple[str, ...] = (),
               limits: Limits = LIMITS, progress: Progress = quiet) -> Grid:
    text = text.replace("\x00", "")
    lines = max(text.count("\n"), text.count("\r")) + 1  # old Macs end lines with CR alone
    if lines > limits.rows + 1000:
        raise LimitError(f"the file has {lines:,} lines; the limit is {limits.rows:,} rows", file=name,
                         hint="Export a shorter period, or aggregate to a cube file first.")
    delimiter = text_arrow.sniff_delimiter(text)
    cells = None
    if len(text) >= text_arrow.FAST_TEXT_CHARS:
        try:
            table = text_arrow.parse_rectangle(text.encode("utf-8"), delimiter, progress)
        except UnicodeEncodeError:  # lone surrogates: only the csv module reads them
            table = None
        cells = None if table is None else _frame(table)
    if cells is not None:
        _check_size(name, *cells.shape, limits)
        return Grid(name, None, cells, encoding=encoding, delimiter=delimiter, notes=notes)
    rows: list[list[str]] = []
    try:
        rows.extend(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as e:
        raise ReadError(f"the text cannot be split into fields ({e}); usually a quote (\") that is never closed",
                        file=name, row=len(rows) + 1,
                        hint="Save it again as CSV from the tool or from Excel.") from None
    width = max((len(r) for r in rows), default=0)
    _check_size(name, len(rows), width, limits)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return Grid(name, None, cells, encoding=encoding, delimiter=delimiter, notes=notes)


def _check_size(name: str, rows: int, width: int, limits: Limits = LIMITS) -> None:
    # limits.rows counts data rows, as the README says; the grid's first row is the header.
    if rows - 1 > limits.rows:
        raise LimitError(f"the file has {rows - 1:,} data rows; the limit is {limits.rows:,} (the header row "
                         "is not counted)",
                         file=name, hint="Export a shorter period, or aggregate to a cube file first.")
    if width > limits.columns:
        raise LimitError(f"the file has {width} columns; the limit is {limits.columns}", file=name,
                         hint="Remove unused columns or export the detailed report with fewer fields.")
    if rows * width > limits.cells:
        raise LimitError(f"the file has {rows * width:,} cells; the limit is {limits.cells:,}", file=name,
                         hint="Export a shorter period or fewer columns.")


def _frame(table: pa.Table) -> pd.DataFrame:
    cells = table.to_pandas(memory_pool=pa.system_memory_pool())
    cells.columns = range(table.num_columns)
    return cells


def has_uncached_formulas(data: bytes, head: int | None = None, chunk: int = SCAN_CHUNK) -> bool:
    """Whether any worksheet stores a formula without its value: the sheets' XML bytes are scanned,
    whole or their first `head` bytes each, `chunk` inflated bytes at a time (a 100k-row sheet is
    35 MB of XML: held whole, it was the largest thing in memory while a workbook was read)."""
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        sheets = [i for i in book.infolist() if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")]
        if any(_uncached_in(guard.open_member(data, book, info), head or None, chunk) for info in sheets):
            return True
    except Exception:  # a damaged part (zipfile raises many types): the workbook's read says what is wrong
        return False
    return False


def _uncached_in(part: IO[bytes] | guard.Inflating, head: int | None, chunk: int) -> bool:
    """_UNCACHED searched in a stream, chunk by chunk. A match starts at its only `<f` (XML escapes
    `<` inside text and attributes) and ends at the first `</c>` after it, so only the text from
    the last `<f` not yet closed by a `</c>` (or a last `<`, which may begin one) can be part of a
    match that goes on in the next chunk: that is carried over, up to a formula's longest XML."""
    carry, left = b"", head
    while left is None or left > 0:
        piece = part.read(chunk if left is None else min(chunk, left))
        if not piece:
            break
        left = None if left is None else left - len(piece)
        text = carry + piece
        if _UNCACHED.search(text):
            return True
        # only the tail can be carried: rfind over the whole chunk (bytes.find runs at ~100 MB/s on
        # XML, where '<' is everywhere) was most of the scan's time
        start = text.rfind(b"<f", max(0, len(text) - _FORMULA_XML_MAX))
        if start < 0 or text.find(b"</c>", start) >= 0:
            start = len(text) - 1
        carry = text[start:]
    return False


def _objects(values: np.ndarray, apart: list[tuple[int, object]]) -> np.ndarray:
    """datetime64 values as datetime objects (one per distinct value, shared by the cells that hold it),
    with the cells listed apart put back."""
    codes, distinct = pd.factorize(values.view(np.int64))
    out = distinct.view(values.dtype).astype(object)[codes]
    for i, v in apart:
        out[i] = v
    return out


def _midnights_in(column: workbook_answer.Datetimes) -> workbook_answer.Datetimes:
    """The column with its date cells as that day's midnight where cells.dates_are_midnights says so (always,
    for a column the child sent as datetimes: at least half its cells are): python-calamine gives a
    datetime at exactly 00:00 as a date. Kept out of `apart`, they leave the body's rows datetime64."""
    dates = {i: v for i, v in column.apart.items() if type(v) is dt.date}
    if not dates_are_midnights(len(column.values) - len(column.apart), len(dates)):
        return column
    column.values[list(dates)] = np.array(list(dates.values()), dtype="datetime64[D]")  # in place: the child's only
    return workbook_answer.Datetimes(column.values, {i: v for i, v in column.apart.items() if i not in dates})


def _grid(name: str, sheet: workbook_answer.Sheet, notes: tuple[str, ...], uncached: bool,
          early: Future[object] | None = None) -> Grid:
    """A sheet's grid: text columns as compact strings (the readers' fast paths take them), datetimes as
    datetime64 (not in a sheet whose cells formulas.py fills), the rest as objects."""
    sent = [_midnights_in(c) if isinstance(c, workbook_answer.Datetimes) and not uncached else c
            for c in sheet.columns]
    columns = {i: _sheet_column(c, keep_typed=not uncached) for i, c in enumerate(sent)}
    apart = {i: c.apart for i, c in enumerate(sent) if columns[i].dtype.kind == "M"}
    cells = pd.DataFrame(columns, index=pd.RangeIndex(sheet.height))
    return Grid(name, sheet.name, cells, hidden=sheet.visibility != "Visible", notes=notes,
                uncached_formulas=uncached, merged=sheet.merged, apart=apart, early=early)


def _sheet_column(column: pd.Series | np.ndarray | workbook_answer.Datetimes, keep_typed: bool) -> pd.Series:
    """A grid column from the child's: datetimes as datetime64 if `keep_typed` (their other cells go to
    Grid.apart), else as objects; text as arrow strings; the rest as objects."""
    if isinstance(column, workbook_answer.Datetimes):
        if keep_typed:
            return pd.Series(column.values, copy=False)
        return pd.Series(_objects(column.values, list(column.apart.items())), dtype=object)
    return column if isinstance(column, pd.Series) else pd.Series(column, dtype=object)


def _read_workbook(name: str, data: bytes, limits: Limits = LIMITS, head: HeadStart | None = None) -> list[Grid]:
    inspect_zip(name, data, "workbook", limits)
    computable = len(data) <= FORMULA_MAX_BYTES  # formulas.py computes what it can in workbooks this small
    early: dict[str, Future[object]] = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        # The child reads on one core; scanning the sheets' XML for formulas saved without values
        # (90 ms for 100k rows: inflating it is most of that) runs meanwhile on the other.
        scan = pool.submit(has_uncached_formulas, data, None if computable else SCAN_HEAD)

        def begin(sheet: workbook_answer.Sheet) -> None:  # a head comes only when asked for
            if head is not None:  # its grid built on the thread too: whatever fails there is the Future's
                early[sheet.name] = pool.submit(lambda: head.read(_grid(name, sheet, (), uncached=False)))

        sheets = guard.read_workbook(name, data, limits, head.rows if head else 0, begin)
        found = scan.result()
    notes = (UNCACHED_NOTE,) if found else ()
    uncached = found and computable
    data_sheets = [s for s in sheets if s.kind == "WorkSheet"]
    if not data_sheets:
        kinds = ", ".join(sorted({s.kind for s in sheets})) or "none"
        raise ReadError(f"the workbook has no sheets with cells, only charts or other sheets ({kinds})", file=name,
                        hint="Upload the workbook that holds the data behind the chart, or export the data as CSV.")
    # a sheet with formulas saved without values gets them filled in (formulas.py): its early read is not of its cells
    grids = [_grid(name, sheet, notes, uncached, None if uncached else early.get(sheet.name)) for sheet in data_sheets]
    if all(g.cells.empty for g in grids):
        raise ReadError("the workbook is empty: no sheet has any cells", file=name,
                        hint="Export the report again; it has no data.")
    return grids
