"""A large UTF-8 text file's cells parsed by pyarrow, with nothing of pandas imported.

Why a module of its own: the command starts reading its file (ahead.py) while Python still imports
pandas (about 0.2 s on one core). Inflating and parsing let go of the interpreter, so they take the
other core; what needs pandas (the cells as a DataFrame: grid.py) waits for its import and is quick.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storykit.ingest.gzip_guard import GZIP_MAGIC, gunzip
from storykit.limits import LIMITS, Limits
from storykit.progress import Progress, quiet

if TYPE_CHECKING:
    import pyarrow as pa

DELIMITERS = (",", ";", "\t", "|")
SNIFF_CHARS = 1 << 16
#: Lines the delimiter is judged on: a preamble of report details may take the first 40.
SNIFF_LINES = 100
#: Text files at least this long (characters) try the pyarrow reader first; smaller ones are
#: read by the csv module alone, where the time is the same and the behaviour is the reference.
FAST_TEXT_CHARS = 1 << 20
#: A cell that is a value, not words: a number (1,5 or 1.5), a date, a time of day or a duration.
_TYPED = re.compile(r"^\s*[-+]?(\d+([.,]\d+)?|\d{1,4}[./:-]\d{1,2}([./:-]\d{1,4})?([ T]\d{1,2}:\d{2}(:\d{2})?)?)\s*$")
_ALL_TEXT = {f"f{i}": "large_string" for i in range(LIMITS.columns + 1)}  # what pandas keeps: no cast


@dataclass(frozen=True)
class Rectangle:
    """A text file's cells as one arrow table of strings, every row as wide as the widest."""

    table: pa.Table
    delimiter: str
    bom: bool


@dataclass(frozen=True)
class Parsed:
    """A file's slow steps done early: its bytes inflated if it was gzip, and its rectangle if it has one."""

    text: bytes
    rectangle: Rectangle | None


def parse_early(name: str, data: bytes, limits: Limits = LIMITS) -> Parsed | None:
    """What read_grids will need of a text file, computed by the same functions; None when anything
    fails (the reader then reads the file itself and says what is wrong, as it would have)."""
    try:
        text = gunzip(name, data, limits) if data[:2] == GZIP_MAGIC else data
        return Parsed(text, utf8_rectangle(text, limits))
    except Exception:
        return None


def utf8_rectangle(data: bytes, limits: Limits = LIMITS, progress: Progress = quiet) -> Rectangle | None:
    """A large UTF-8 text file parsed by pyarrow straight from its bytes, or None.

    What decoding the text and reading it would give for the same bytes, without holding the file
    a second and third time as text and re-encoded text: for a clean UTF-8 file (no NUL bytes,
    no UTF-16 BOM) the text is the bytes, and pyarrow refuses invalid UTF-8, which then takes
    the reference path with its repairs and notes.
    """
    if len(data) < FAST_TEXT_CHARS or data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        return None
    if data.count(b"\n") + 1 > limits.rows + 1000:
        return None  # the reference path says how many lines there are
    bom = data.startswith(b"\xef\xbb\xbf")
    body = memoryview(data)[3:] if bom else memoryview(data)
    head = bytes(body[:SNIFF_CHARS]).decode("utf-8", errors="ignore")
    if len(head.splitlines()) <= SNIFF_LINES:
        return None  # very long lines: let the reference path sniff the whole text
    delimiter = sniff_delimiter(head)
    table = parse_rectangle(body, delimiter, progress)
    return None if table is None else Rectangle(table, delimiter, bom)


def parse_rectangle(raw: bytes | memoryview, delimiter: str, progress: Progress = quiet) -> pa.Table | None:
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
    progress(0.0, f"parsing {len(raw) / 2**20:,.0f} MB of text")
    try:  # on all cores: a 2M-row file (the row limit) parses in about half a second
        table = pv.read_csv(
            pa.py_buffer(raw),
            read_options=pv.ReadOptions(autogenerate_column_names=True, block_size=_block_size(len(raw))),
            parse_options=pv.ParseOptions(delimiter=delimiter, quote_char='"', double_quote=True,
                                          escape_char=False, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pv.ConvertOptions(column_types=_ALL_TEXT, strings_can_be_null=False,
                                              quoted_strings_can_be_null=False, null_values=[]),
            memory_pool=pa.system_memory_pool(),
        )
    except pa.ArrowInvalid:
        return None
    progress(1.0, f"{table.num_rows:,} rows read")
    if table.num_columns > LIMITS.columns or any(t != pa.large_string() for t in table.schema.types):
        return None
    return table


def _block_size(size: int) -> int:
    """About eight blocks a file (1 to 16 MB each), not pyarrow's 1 MB: each block becomes a chunk of every
    column, and each step after the parse pays a chunk's overhead for each (a 37 MB export of 21 columns:
    36 chunks a column, 35 ms of the read). Eight keep both cores parsing; the parse's peak grows by
    about a block per core (+15 MB on that export), not by the table (one-piece columns copied: +66 MB)."""
    return min(max(1 << 20, size // 8), 16 << 20)


def sniff_delimiter(text: str) -> str:
    """The delimiter whose rows are most alike: the same number (>1) of fields, many of them typed.

    As CleverCSV scores dialects: a reading's rows should have one width and its cells should
    look like values (numbers, dates, times) rather than pieces of sentences. csv.Sniffer can
    choose a letter; we only consider the four delimiters people use. Lines a delimiter does not
    split at all (titles, notes above the table) count for none.
    """
    head = text[:SNIFF_CHARS].splitlines()
    if len(head) <= SNIFF_LINES:  # the prefix may end inside the last line looked at: look at the whole text
        head = text.splitlines()
    lines = [ln for ln in head[:SNIFF_LINES] if ln.strip()]
    if not lines:
        return ","
    best, best_score = ",", -1.0
    for d in DELIMITERS:
        try:
            rows = list(csv.reader(lines, delimiter=d))
        except csv.Error:  # e.g. a field over csv's 128 KB limit; _read_text says so
            continue
        split = [len(r) for r in rows if len(r) > 1]  # lines it does not split (a title, a note) say nothing
        if not split:
            continue
        width = max(set(split), key=lambda c: (split.count(c), c))
        cells = [c for r in rows if len(r) == width for c in r if c.strip()]
        typed = sum(1 for c in cells if _TYPED.match(c)) / max(1, len(cells))
        score = split.count(width) * min(width, 50) * (typed + 0.1)
        if score > best_score:
            best, best_score = d, score
    return best
