"""Bytes to raw grids of cells: text decoding, delimiter sniffing, spreadsheets, gzip.

A grid is every cell as the file has it, header not yet found; later steps decide what is
header, data, title or total. CSV bodies are read by pandas' C parser (fast path) once the
header row is known; ragged files fall back to the csv module so no row is lost.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from dataclasses import dataclass

import pandas as pd

from storykit.errors import LimitError, ReadError

MAX_BYTES = 200 * 1024 * 1024
MAX_DECOMPRESSED = 500 * 1024 * 1024
MAX_ROWS = 2_000_000
MAX_COLUMNS = 500
DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARS = 1 << 16
#: Text files at least this long (characters) try the pyarrow reader first; smaller ones are
#: read by the csv module alone, where the time is the same and the behaviour is the reference.
FAST_TEXT_CHARS = 1 << 20
_ALL_TEXT = {f"f{i}": "string" for i in range(MAX_COLUMNS + 1)}


@dataclass(frozen=True, eq=False)
class Grid:
    """One table of raw cells (object dtype, no header yet) and where it came from."""

    file: str
    sheet: str | None
    cells: pd.DataFrame
    hidden: bool = False
    encoding: str | None = None
    delimiter: str | None = None


def read_grids(name: str, data: bytes) -> list[Grid]:
    """Every table in the file: one for a text file, one per sheet for a workbook."""
    if len(data) > MAX_BYTES:
        raise LimitError(
            f"the file is {len(data) / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MB",
            file=name, hint="Export a shorter period or split the file.",
        )
    if not data.strip():
        raise ReadError("the file is empty", file=name, hint="Export the report again; it has no bytes.")
    lower = name.lower()
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(name, data)
        lower = lower.removesuffix(".gz")
    if data[:4] == b"PK\x03\x04":
        return _read_workbook(name, data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ReadError(
            "this is a legacy .xls workbook or a password-protected one",
            file=name, hint="Open it in Excel and save it as .xlsx (without a password) or CSV.",
        )
    if lower.endswith((".xlsx", ".xlsm", ".xls", ".ods")):
        raise ReadError(
            "the file has a spreadsheet name but is not a spreadsheet", file=name,
            hint="Export it again from the tool, as .xlsx or CSV.",
        )
    text, encoding = decode(name, data)
    return [_read_text(name, text, encoding)]


def _gunzip(name: str, data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(MAX_DECOMPRESSED + 1)
    except (OSError, EOFError, gzip.BadGzipFile) as e:
        raise ReadError(f"the gzip file is damaged ({e})", file=name,
                        hint="Download it again or send the uncompressed CSV.") from None
    if len(out) > MAX_DECOMPRESSED:
        raise LimitError(
            f"the file expands to more than {MAX_DECOMPRESSED // 2**20} MB", file=name,
            hint="Export a shorter period.",
        )
    return out


def decode(name: str, data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: BOMs first, then UTF-8, then Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decode(name, data[3:], "utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(name, data, "utf-16"), "utf-16"
    head = data[:4096]
    if head.count(b"\x00") > len(head) // 4:  # UTF-16 without a BOM
        enc = "utf-16-le" if head[1:2] == b"\x00" else "utf-16-be"
        return _decode(name, data, enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _decode(name: str, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ReadError(
            f"the file says it is {encoding} but byte {e.start} is not", file=name,
            hint="Save it again as UTF-8 CSV.",
        ) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same number (>1) of fields.

    csv.Sniffer can choose a letter; we only consider the four delimiters people use.
    """
    head = text[:SNIFF_CHARS].splitlines()
    if len(head) <= 60:  # the prefix may end inside line 60: look at the whole text
        head = text.splitlines()
    lines = [ln for ln in head[:60] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        counts = [len(r) for r in csv.reader(lines, delimiter=d)]
        if max(counts) <= 1:
            continue
        width = max(set(counts), key=lambda c: (counts.count(c), c))
        score = counts.count(width) * min(width, 50)
        if score > best_score:
            best, best_score = d, score
    return best


def _read_text(name: str, text: str, encoding: str) -> Grid:
    text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text)
    cells = _read_rectangle(text, delimiter) if len(text) >= FAST_TEXT_CHARS else None
    if cells is not None:
        _check_size(name, *cells.shape)
        return Grid(name, None, cells, encoding=encoding, delimiter=delimiter)
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    _check_size(name, len(rows), width)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return Grid(name, None, cells, encoding=encoding, delimiter=delimiter)


def _check_size(name: str, rows: int, width: int) -> None:
    if rows > MAX_ROWS:
        raise LimitError(f"the file has {rows:,} rows; the limit is {MAX_ROWS:,}", file=name,
                         hint="Export a shorter period, or aggregate to a cube file first.")
    if width > MAX_COLUMNS:
        raise LimitError(f"the file has {width} columns; the limit is {MAX_COLUMNS}", file=name)


def _read_rectangle(text: str, delimiter: str) -> pd.DataFrame | None:
    """The cells the csv module would read, parsed by pyarrow, for files where every row is full.

    A large export is one rectangle; pyarrow reads it about 10x faster than the csv module and
    keeps the columns as compact strings. Anything it cannot read as the same rectangle (a short
    or ragged row, an unclosed quote) returns None and the csv module reads the file instead.
    """
    try:
        import pyarrow as pa
        import pyarrow.csv as pv
    except ImportError:
        return None
    try:
        table = pv.read_csv(
            pa.py_buffer(text.encode("utf-8")),
            read_options=pv.ReadOptions(autogenerate_column_names=True, block_size=1 << 22),
            parse_options=pv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                          escape_char=False, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pv.ConvertOptions(column_types=_ALL_TEXT, strings_can_be_null=False,
                                              quoted_strings_can_be_null=False, null_values=[]),
        )
    except (pa.ArrowInvalid, UnicodeEncodeError):
        return None
    if table.num_columns > MAX_COLUMNS or any(t != pa.string() for t in table.schema.types):
        return None
    cells = table.to_pandas()
    cells.columns = range(table.num_columns)
    return cells


def _read_workbook(name: str, data: bytes) -> list[Grid]:
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile:
        raise ReadError("the workbook is damaged (not a complete zip file)", file=name,
                        hint="Download or export it again.") from None
    if "xl/workbook.xml" not in names:
        raise ReadError("the zip file is not an Excel workbook", file=name,
                        hint="Upload the .xlsx or .csv export itself.")
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:  # calamine raises its own error types for broken workbooks
        raise ReadError(f"the workbook cannot be read ({e})", file=name,
                        hint="Open it in Excel and save it again as .xlsx.") from None
    grids = []
    for meta in book.sheets_metadata:
        try:
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        except Exception as e:
            raise ReadError(f"the sheet cannot be read ({e})", file=name, sheet=meta.name) from None
        if len(rows) > MAX_ROWS:
            raise LimitError(f"the sheet has {len(rows):,} rows; the limit is {MAX_ROWS:,}",
                             file=name, sheet=meta.name)
        width = max((len(r) for r in rows), default=0)
        cells = pd.DataFrame([list(r) + [""] * (width - len(r)) for r in rows], dtype=object)
        hidden = not str(meta.visible).endswith(".Visible")
        grids.append(Grid(name, meta.name, cells, hidden=hidden))
    return grids
