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
import signal
import struct
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TypeVar

from zlib_ng import zlib_ng

from storykit import cfb
from storykit.errors import LimitError, ReadError
from storykit.ingest.workbook_answer import UNEXPECTED, Sheet, receive
from storykit.limits import LIMITS, Limits, MiB, size_words

OLE_MAGIC = cfb.MAGIC
ZIP_MAGIC = b"PK\x03\x04"
_CHILD = Path(__file__).with_name("workbook_child.py")
T = TypeVar("T")


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


@functools.cache
def _calamine_home() -> str:
    """The directory python_calamine is installed in, found without importing it here.

    The child starts with -S (no site module: its .pth files, such as an editable install's
    import finder, cost 10-20 ms at every start) and imports python_calamine from here.
    """
    spec = importlib.util.find_spec("python_calamine")
    return str(Path(spec.origin).parent.parent) if spec and spec.origin else ""


def read_workbook(name: str, data: bytes, limits: Limits = LIMITS, head_rows: int = 0,
                  on_head: Callable[[Sheet], object] | None = None) -> list[Sheet]:
    """Every sheet's cells, read by python-calamine in a child process that cannot hurt this one.

    With `head_rows`, each taller sheet's first rows are given to `on_head` as soon as they are read,
    while the child still turns the rest into columns (see workbook_child's protocol)."""
    args = [str(limits.parse_memory), str(limits.parse_seconds), str(limits.rows), str(limits.columns),
            str(limits.cells), _calamine_home(), str(head_rows)]
    proc = subprocess.Popen([sys.executable, "-I", "-S", str(_CHILD), *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "RUST_BACKTRACE": "0"})
    for pipe in (proc.stdin, proc.stdout):
        _widen(pipe)
    try:
        answer, err, late = _exchange(proc, data, limits.parse_seconds + max(1, limits.parse_seconds // 5),
                                      functools.partial(receive, on_head=on_head))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if late:
        raise LimitError(f"reading the workbook took longer than {limits.parse_seconds} s, so it was stopped",
                         file=name, sheet=_last_sheet(err),
                         hint="Save the data sheet alone as .xlsx or CSV and upload that.") from None
    sheet = _last_sheet(err)
    if answer is None and proc.returncode != 0:
        how = {signal.SIGXCPU: f"used more than {limits.parse_seconds} s of CPU",
               signal.SIGKILL: "was stopped by the system (out of memory)"}.get(
                   -proc.returncode if proc.returncode else 0,
                   f"needed more than {limits.parse_memory // MiB:,} MB of memory")
        raise LimitError(f"the workbook could not be read safely: the reader {how}; a cell far outside the "
                         "data (e.g. at XFD1048576) or a damaged part does this",
                         file=name, sheet=sheet,
                         hint="Copy the used cells into a new workbook, save it as .xlsx or CSV, and upload that.")
    if answer is None or answer == UNEXPECTED:
        raise ReadError("the workbook reader returned something unexpected", file=name, sheet=sheet,
                        hint="Save the workbook again as .xlsx or CSV.")
    if isinstance(answer, list):
        return answer
    _, kind, sheet, detail = answer
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


#: Bytes a pipe to the child holds (Linux allows up to 1 MB unprivileged): a 100k-row column is ~1 MB, so the
#: child writes it in one go and the parent reads it in one, instead of 16 handovers of 64 KB (each a wait
#: for the interpreter while another thread of this process works).
PIPE_BYTES = 1 << 20


def _widen(pipe: IO[bytes] | None) -> None:
    with contextlib.suppress(ImportError, OSError, AttributeError, ValueError):  # not Linux, or over the pipe quota
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)  # type: ignore[union-attr]


def _exchange(proc: subprocess.Popen, data: bytes, seconds: float,
              receive: Callable[[IO[bytes]], T]) -> tuple[T, bytes, bool]:
    """The bytes in, the answer read by `receive` from the child's stdout as it comes, and stderr; the child
    killed after `seconds` (the last value says whether it was). communicate() would hold the whole
    answer (and, joining its pieces, twice); a child that fills stderr meanwhile does not stall."""
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
        answer = receive(proc.stdout)
    finally:
        proc.stdout.close()  # what is left is not wanted: a child still writing it stops (broken pipe)
        proc.wait()  # before the watchdog stops: a child that never exits is still stopped in time
        watchdog.cancel()
        for helper in helpers:
            helper.join()
    return answer, b"".join(err), late.is_set()


def _last_sheet(err: bytes) -> str | None:
    lines = [ln for ln in err.decode("utf-8", "replace").splitlines() if ln.startswith("sheet ")]
    return lines[-1][6:] if lines else None
