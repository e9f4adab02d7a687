"""Safe reading of untrusted bytes: gzip expansion, old Office containers, native code in a child.

Every upload first passes storykit.limits (its size, a zip's central directory and XML heads);
here the gzip expansion is bounded, old binary Office files are explained, and workbooks are
read by python-calamine in a separate process with a memory, CPU and wall-clock limit
(storykit/ingest/workbook_child.py), because calamine can abort the whole process on a hostile
file; a dead child becomes a StoryKitError that names the sheet.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa
from zlib_ng import zlib_ng

from storykit import cfb
from storykit.errors import LimitError, ReadError
from storykit.limits import LIMITS, Limits, MiB, size_words

OLE_MAGIC = cfb.MAGIC
ZIP_MAGIC = b"PK\x03\x04"
GZIP_MAGIC = b"\x1f\x8b"
_CHILD = Path(__file__).with_name("workbook_child.py")
_ORDINAL_1970 = 719_163  # date(1970, 1, 1).toordinal(): the child sends dates as ordinals


@dataclass(frozen=True, eq=False)
class Datetimes:
    """A column of naive datetime cells as datetime64[us], NaT where a cell is of another type; those
    cells (the header, blanks, a total) are `apart`, by row. 8 bytes a cell: as Python objects the
    100k distinct times of a log's start column took 56."""

    values: np.ndarray
    apart: dict[int, object]


@dataclass(frozen=True)
class Sheet:
    """One sheet as the child read it: per column, an arrow-backed "str" Series (every cell text),
    Datetimes (mostly datetime cells), or an object array of plain Python values (str, float, bool,
    date, datetime, time, timedelta)."""

    name: str
    kind: str  # WorkSheet, ChartSheet, DialogSheet, MacroSheet, Vba
    visibility: str  # Visible, Hidden, VeryHidden
    height: int
    columns: list[pd.Series | np.ndarray | Datetimes]
    merged: tuple[tuple[int, int, int, int], ...] = ()  # merged ranges: first row, first column, last row, last


#: kind -> (how the child packed the values, the numpy type they become, what to add first)
_TYPED = {"float": ("<f8", None, 0), "date": ("<i8", "datetime64[D]", -_ORDINAL_1970)}


def _column(height: int, encoded: tuple) -> pd.Series | np.ndarray | Datetimes:
    """A column from the child's compact form (workbook_child._column); malformed is a ValueError."""
    if encoded[0] == "text" and len(encoded) == 2:
        return _text_column(height, encoded[1])
    if encoded[0] in ("str", "cells") and len(encoded) == 2:
        values = encoded[1]
        if not isinstance(values, list) or len(values) != height:
            raise ValueError("cell column")
        if encoded[0] == "cells":
            return np.array(values + [None], dtype=object)[:-1]  # [None]: never a 2-D array
        if not all(type(v) is str for v in values):
            raise ValueError("text column")
        return pd.Series(values, dtype="str")
    kind, raw, other = encoded
    if kind == "datetime":
        return _datetimes(height, raw, other)
    stored, unit, shift = _TYPED[kind]
    if not isinstance(raw, bytes) or len(raw) != 8 * height or not isinstance(other, list):
        raise ValueError("typed column")
    # One Python object per distinct value, shared by the cells that hold it: a 100k-row column
    # of 65 dates builds 5x faster, and the reader's per-distinct-value passes hash fewer objects.
    # Factorized as 8-byte patterns, so -0.0 and NaN come back exactly as they went.
    codes, distinct = pd.factorize(np.frombuffer(raw, dtype="<i8"))
    values = distinct.view(stored)
    if unit:
        values = (values + shift).astype(unit)
    out = values.astype(object)[codes]  # date / datetime / float objects, as the cells had them
    for i, v in other:
        out[i] = v  # IndexError / TypeError if malformed
    return out


def _datetimes(height: int, raw: bytes, other: list) -> Datetimes:
    """Datetimes from the child's 10-byte states (workbook_child._STATE), a block of rows at a time
    (the arithmetic's temporaries stay small beside the column itself)."""
    if not isinstance(raw, bytes) or len(raw) != 10 * height or not isinstance(other, list):
        raise ValueError("datetime column")
    states = np.frombuffer(raw, dtype=np.uint8).reshape(height, 10)
    micros = np.empty(height, dtype=np.int64)
    for at in range(0, height, _BLOCK):
        micros[at:at + _BLOCK] = _micros(states[at:at + _BLOCK])
    values = micros.view("datetime64[us]")
    apart = {}
    for i, v in other:
        if not 0 <= i < height:
            raise ValueError("datetime column")
        values[i] = np.datetime64("NaT")
        apart[int(i)] = v
    return Datetimes(values, apart)


_BLOCK = 1 << 14


def _micros(b: np.ndarray) -> np.ndarray:
    """Microseconds since 1970 of datetime states (rows of 10 bytes): the day from year, month and day
    by the proleptic Gregorian count (H. Hinnant's days_from_civil), then the time of day."""
    b = b.astype(np.int64)
    month, day = b[:, 2] & 0x7F, b[:, 3]  # the top bit of the month is `fold`: a naive time has no use for it
    if ((month < 1) | (month > 12) | (day < 1) | (day > 31)).any():
        raise ValueError("datetime column")
    year = (b[:, 0] << 8 | b[:, 1]) - (month <= 2)
    era = year // 400
    of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    days = era * 146_097 + of_era * 365 + of_era // 4 - of_era // 100 + day_of_year - 719_468
    seconds = days * 86_400 + b[:, 4] * 3600 + b[:, 5] * 60 + b[:, 6]
    return seconds * 1_000_000 + (b[:, 7] << 16 | b[:, 8] << 8 | b[:, 9])


def _columns(height: int, encoded: list) -> list[pd.Series | np.ndarray | Datetimes]:
    """Each column built from the child's compact form, which is dropped as soon as its column is built."""
    if not isinstance(encoded, list):
        raise ValueError("columns")
    built = []
    for j, column in enumerate(encoded):
        built.append(_column(height, column))
        encoded[j] = None
    return built


def _text_column(height: int, joined: bytes) -> pd.Series:
    """An all-text column from the child's NUL-joined UTF-8, as the arrow "str" Series pandas makes
    from the list of strings, without a Python str per cell: the NULs give the offsets (a NUL
    byte is never part of another UTF-8 character) and arrow checks that the rest is UTF-8."""
    if not isinstance(joined, bytes):
        raise ValueError("text column")
    raw = np.frombuffer(joined, dtype=np.uint8)
    nul = raw == 0
    ends = np.flatnonzero(nul)
    if len(ends) != height - 1:
        raise ValueError("text column")
    offsets = np.empty(height + 1, dtype=np.int64)
    offsets[0], offsets[-1] = 0, len(raw) - len(ends)
    offsets[1:-1] = ends - np.arange(len(ends))  # where each cell ends once the NULs before it are gone
    utf8 = raw[~nul]
    array = pa.LargeStringArray.from_buffers(height, pa.py_buffer(offsets), pa.py_buffer(utf8))
    array.validate(full=True)  # ArrowInvalid, a ValueError, unless every cell is valid UTF-8
    return pd.Series(array, dtype="str")


def gunzip(name: str, data: bytes, limits: Limits = LIMITS) -> bytes:
    """A gzip file's content, refused as soon as it expands past the limit (never fully inflated)."""
    inflater = zlib_ng.decompressobj(wbits=31)
    try:  # one call, bounded: zlib stops at limit + 1 bytes and keeps the rest as unconsumed_tail
        out = inflater.decompress(data, limits.decompressed_bytes + 1)
    except zlib_ng.error as e:
        raise ReadError(f"the gzip file is damaged ({str(e).removeprefix('Error -3 while decompressing data: ')})",
                        file=name,
                        hint="Download it again or send the uncompressed CSV.") from None
    if len(out) > limits.decompressed_bytes or inflater.unconsumed_tail:
        raise LimitError(f"the file expands to more than {limits.decompressed_bytes // MiB} MB "
                         f"(from {size_words(len(data))} compressed)", file=name, hint="Export a shorter period.")
    if not inflater.eof:
        raise ReadError("the gzip file is cut short (truncated)", file=name,
                        hint="Download it again or send the uncompressed CSV.")
    if out[:2] == GZIP_MAGIC:
        raise ReadError("the file is gzip inside gzip", file=name, hint="Decompress it once and upload the CSV.")
    return out


class Inflating:
    """A deflated zip member read straight from the archive's bytes by zlib-ng, at most `n` bytes per
    read(n): a sheet's 35 MB of XML inflates in half zipfile's time (which also checks its CRC: the
    formula scan only looks for text in it, and calamine reads the member itself)."""

    def __init__(self, compressed: memoryview) -> None:
        self._compressed, self._at = compressed, 0
        self._inflater = zlib_ng.decompressobj(wbits=-15)
        self._pending = b""

    def read(self, n: int) -> bytes:
        while True:
            out = self._inflater.decompress(self._pending, n)  # never more than n: a bomb stays a trickle
            self._pending = self._inflater.unconsumed_tail
            if out or self._inflater.eof or (not self._pending and self._at >= len(self._compressed)):
                return out
            if not self._pending:
                self._pending = self._compressed[self._at:self._at + _FEED]
                self._at += _FEED


_FEED = 1 << 16  # compressed bytes handed to zlib-ng at a time


def open_member(data: bytes, book: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes] | Inflating:
    """A zip member to read(n) from: deflated ones inflated by zlib-ng from `data` (see Inflating),
    the rest (stored, encrypted, other methods, an odd local header) as zipfile opens them."""
    local = memoryview(data)[info.header_offset:]
    if info.compress_type != zipfile.ZIP_DEFLATED or info.flag_bits & 1 or bytes(local[:4]) != ZIP_MAGIC:
        return book.open(info)
    name_length, extra_length = struct.unpack("<HH", local[26:30])
    start = 30 + name_length + extra_length
    return Inflating(local[start:start + info.compress_size])


def explain_ole(name: str, data: bytes) -> ReadError:
    """What an old-style Office container (CFB) is, as a refusal that says what to do.

    "Save it as .xlsx" only for a legacy workbook whose container is whole; a container whose
    header or chains point outside the file is damaged, whatever it once was.
    """
    container = cfb.read_container(data)
    if container.damage:
        return ReadError(f"the file is damaged: it starts like an old Office file (such as an Excel 97-2003 .xls), "
                         f"but {container.damage}", file=name,
                         hint="Download or export it again; if Excel still opens it, save it as .xlsx or CSV.")
    streams = set(container.streams)
    if streams & {"EncryptionInfo", "EncryptedPackage"}:
        return ReadError("this workbook is password protected", file=name,
                         hint="Save a copy without a password (File > Info > Protect Workbook > Encrypt "
                              "with Password, clear it) and upload that copy.")
    if streams & {"Workbook", "Book"}:
        return ReadError("this is a legacy .xls workbook (Excel 97-2003), which storykit does not read",
                         file=name, hint="Open it in Excel and save it as .xlsx or CSV.")
    what = ("an old Word document (.doc)" if "WordDocument" in streams else
            "an old PowerPoint file (.ppt)" if "PowerPoint Document" in streams else "an old binary Office document")
    return ReadError(f"this is {what}, not a spreadsheet", file=name, hint="Upload the time report as .xlsx or CSV.")


def check_parquet(name: str, data: bytes, limits: Limits = LIMITS) -> None:
    """A Parquet file's footer says how big it will be; refuse before pyarrow inflates it."""
    try:
        import pyarrow.parquet as pq

        meta = pq.ParquetFile(io.BytesIO(data)).metadata
        declared = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    except Exception as e:  # pyarrow raises several types for damaged footers
        raise ReadError(f"the Parquet file cannot be read ({str(e)[:120]})", file=name,
                        hint="Write it again, or export the cube as CSV.") from None
    if meta.num_rows > limits.rows or meta.num_columns > limits.columns:
        raise LimitError(f"the Parquet file has {meta.num_rows:,} rows and {meta.num_columns:,} columns; the limits "
                         f"are {limits.rows:,} rows and {limits.columns:,} columns", file=name,
                         hint="Aggregate further (the cube needs one row per person, activity and week).")
    if declared > limits.decompressed_bytes:
        raise LimitError(f"the Parquet file expands to {size_words(declared)}; the limit is "
                         f"{size_words(limits.decompressed_bytes)}", file=name, hint="Aggregate further.")


class _Unpickler(pickle.Unpickler):
    """Only the value types a sheet can hold; anything else in the child's answer is refused."""

    ALLOWED = frozenset({("datetime", "date"), ("datetime", "datetime"), ("datetime", "time"),
                         ("datetime", "timedelta"), ("datetime", "timezone")})

    def find_class(self, module: str, name: str):  # type: ignore[no-untyped-def]
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a cell value")


@functools.cache
def _calamine_home() -> str:
    """The directory python_calamine is installed in, found without importing it here.

    The child starts with -S (no site module: its .pth files, such as an editable install's
    import finder, cost 10-20 ms at every start) and imports python_calamine from here.
    """
    spec = importlib.util.find_spec("python_calamine")
    return str(Path(spec.origin).parent.parent) if spec and spec.origin else ""


def read_workbook(name: str, data: bytes, limits: Limits = LIMITS) -> list[Sheet]:
    """Every sheet's cells, read by python-calamine in a child process that cannot hurt this one."""
    args = [str(limits.parse_memory), str(limits.parse_seconds), str(limits.rows), str(limits.columns),
            str(limits.cells), _calamine_home()]
    proc = subprocess.Popen([sys.executable, "-I", "-S", str(_CHILD), *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "RUST_BACKTRACE": "0"})
    try:
        out, err, late = _exchange(proc, data, limits.parse_seconds + max(1, limits.parse_seconds // 5))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if late:
        raise LimitError(f"reading the workbook took longer than {limits.parse_seconds} s, so it was stopped",
                         file=name, sheet=_last_sheet(err),
                         hint="Save the data sheet alone as .xlsx or CSV and upload that.") from None
    sheet = _last_sheet(err)
    if proc.returncode != 0 or not out:
        how = {signal.SIGXCPU: f"used more than {limits.parse_seconds} s of CPU",
               signal.SIGKILL: "was stopped by the system (out of memory)"}.get(
                   -proc.returncode if proc.returncode else 0,
                   f"needed more than {limits.parse_memory // MiB:,} MB of memory")
        raise LimitError(f"the workbook could not be read safely: the reader {how}; a cell far outside the "
                         "data (e.g. at XFD1048576) or a damaged part does this",
                         file=name, sheet=sheet,
                         hint="Copy the used cells into a new workbook, save it as .xlsx or CSV, and upload that.")
    try:
        result = _Unpickler(io.BytesIO(out)).load()
        del out  # the pickle, once read: with it, each column's bytes and the columns built from them were
        if result[0] == "ok":  # all held at once, the peak of a workbook's read (see _columns)
            return [Sheet(n, k, v, h, _columns(h, cols), tuple(map(tuple, merged)))
                    for n, k, v, h, cols, merged in result[1]]
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        raise ReadError("the workbook reader returned something unexpected", file=name, sheet=sheet,
                        hint="Save the workbook again as .xlsx or CSV.") from None
    _, kind, sheet, detail = result
    if kind == "limit":
        height, width = detail
        raise LimitError(f"the sheet's used range is {height:,} rows ({max(height - 1, 0):,} rows below the header "
                         f"row) x {width:,} columns; the limits are "
                         f"{limits.rows:,} rows below the header row, {limits.columns:,} columns and {limits.cells:,} cells",
                         file=name, sheet=sheet,
                         hint="Delete stray cells far below or right of the table (Ctrl+End shows the last one), "
                              "or export a shorter period.")
    if kind == "memory":
        raise LimitError(f"reading the workbook needed more than {limits.parse_memory // MiB:,} MB",
                         file=name, sheet=sheet, hint="Export a shorter period or save the data sheet as CSV.")
    raise ReadError(f"the workbook cannot be read ({detail})", file=name, sheet=sheet,
                    hint="Open it in Excel and save it again as .xlsx.")


def _exchange(proc: subprocess.Popen, data: bytes, seconds: float) -> tuple[bytes, bytes, bool]:
    """What communicate() does (the bytes in, stdout and stderr out, killed after `seconds`; the last says
    whether it was), with the answer read into one growing buffer: communicate joins the pieces it read,
    so a 100k-row sheet's answer was held twice at once, the peak of a workbook's read."""
    err: list[bytes] = []
    late = threading.Event()

    def feed() -> None:
        try:
            proc.stdin.write(data)
        except OSError:  # the child died or stopped reading: its exit status says why
            pass
        finally:
            with contextlib.suppress(OSError):
                proc.stdin.close()

    helpers = [threading.Thread(target=feed, daemon=True),
               threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)]
    for helper in helpers:
        helper.start()
    watchdog = threading.Timer(seconds, lambda: (late.set(), proc.kill()))
    watchdog.start()
    try:
        out = proc.stdout.raw.readall() or b""  # one buffer grown in place (realloc), not pieces joined
    finally:
        watchdog.cancel()
    proc.wait()
    for helper in helpers:
        helper.join()
    return out, b"".join(err), late.is_set()


def _last_sheet(err: bytes) -> str | None:
    lines = [ln for ln in err.decode("utf-8", "replace").splitlines() if ln.startswith("sheet ")]
    return lines[-1][6:] if lines else None
