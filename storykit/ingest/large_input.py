"""Raw logs too large for memory, as a stream of Arrow batches: CSV, gzip CSV, Parquet files or folders.

The normal reader holds a whole file in memory and stops at LIMITS.rows; this reads the same
kinds of file a batch at a time, from a path or from an upload's bytes (never written to disk),
numbering every record as the normal reader does, and stops at the streaming limits: how much
text a file may inflate to and how much more than its compressed size, so a gzip bomb costs a
bounded time and no memory. Which columns mean what is decided elsewhere (large_plan.py).
"""

from __future__ import annotations

import contextlib
import io
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyarrow as pa
import pyarrow.csv as pv
import pyarrow.parquet as pq
from zlib_ng import gzip_ng_threaded, zlib_ng

from storykit.errors import LimitError, ReadError
from storykit.ingest.gzip_guard import GZIP_MAGIC
from storykit.limits import LIMITS, Limits, MiB

PARQUET_MAGIC = b"PAR1"
#: Text per batch: 4 MB (about 60,000 rows); larger blocks read no faster and start slower.
BLOCK_BYTES = 4 * MiB
#: Enough text to find the header and at least the sample's rows (the first records of the file).
_HEAD_BYTES = 8 * MiB
T = TypeVar("T")
#: What inflating a damaged gzip stream raises (cut short; bad data): the user's "damaged", never a traceback.
_INFLATE_ERRORS = (EOFError, zlib_ng.error)


@dataclass(frozen=True)
class LargeInput:
    """One large input: a path (file or folder of Parquet parts) or an upload's bytes, and its kind."""

    name: str
    kind: str  # "csv" (plain or gzip text) or "parquet"
    path: Path | None = None
    data: bytes | None = None
    gzip: bool = False

    @property
    def on_disk_parquet(self) -> bool:
        """Parquet files on disk, which DuckDB reads itself (on all cores, and again cheaply); not a stream."""
        return self.kind == "parquet" and self.data is None

    @property
    def parts(self) -> list[Path]:
        """The Parquet files of a folder (Spark's part files), in name order; the file itself otherwise."""
        if self.path is None or not self.path.is_dir():
            return [self.path] if self.path is not None else []
        return sorted(p for p in self.path.iterdir() if p.suffix == ".parquet" and p.is_file())


def open_input(name: str, path: Path | None = None, data: bytes | None = None) -> LargeInput:
    """What kind of large input this is, from its first bytes (not its name); a clear error otherwise."""
    if path is not None and path.is_dir():
        found = LargeInput(name, "parquet", path=path)
        if not found.parts:
            raise ReadError("the folder holds no .parquet files", file=name,
                            hint="Give a folder of Parquet part files (as Spark writes them) or one file.")
        return found
    head = _head(path, data, 4)
    if head[:4] == PARQUET_MAGIC:
        return LargeInput(name, "parquet", path=path, data=data)
    if head[:2] == GZIP_MAGIC:
        return LargeInput(name, "csv", path=path, data=data, gzip=True)
    return LargeInput(name, "csv", path=path, data=data)


def _head(path: Path | None, data: bytes | None, n: int) -> bytes:
    if data is not None:
        return data[:n]
    assert path is not None
    try:
        with path.open("rb") as f:
            return f.read(n)
    except OSError as e:
        raise ReadError(f"cannot open the file ({e.strerror})", file=str(path)) from None


def stored_bytes(inp: LargeInput) -> int:
    """The input's size as stored (compressed), for the expansion check."""
    if inp.data is not None:
        return len(inp.data)
    return sum(p.stat().st_size for p in inp.parts)


def _text_stream(inp: LargeInput) -> pa.NativeFile:
    """The input's text; gzip is inflated by zlib-ng on a thread of its own, twice as fast as pyarrow's zlib,
    while pyarrow parses what it inflated before (the text reader's slowest step was inflating)."""
    if not inp.gzip:
        return pa.BufferReader(inp.data) if inp.data is not None else pa.OSFile(str(inp.path))
    source = io.BytesIO(inp.data) if inp.data is not None else str(inp.path)
    return pa.PythonFile(gzip_ng_threaded.open(source, "rb", threads=1), mode="r")


def head_text(inp: LargeInput, limits: Limits = LIMITS) -> bytes:
    """The first whole lines of a text input (inflated), for the sample the normal reader reads."""
    stream = _text_stream(inp)
    try:
        head = stream.read(_HEAD_BYTES)
    except (OSError, pa.ArrowInvalid, *_INFLATE_ERRORS) as e:
        raise _damaged_gzip(inp, e) from None
    finally:
        stream.close()
    if head[:2] == GZIP_MAGIC:
        raise ReadError("the file is gzip inside gzip", file=inp.name, hint="Decompress it once and use the CSV.")
    cut = head.rfind(b"\n")
    return head[: cut + 1] if cut > 0 and len(head) == _HEAD_BYTES else head


def parquet_sample(inp: LargeInput, rows: int) -> pa.Table:
    """The first `rows` rows of the (first) Parquet file, with its columns as stored."""
    source = io.BytesIO(inp.data) if inp.data is not None else inp.parts[0]
    try:
        reader = pq.ParquetFile(source)
        first = next(reader.iter_batches(batch_size=rows), None)
        return pa.Table.from_batches([first] if first is not None else [], schema=reader.schema_arrow)
    except Exception as e:  # pyarrow raises several types for damaged files
        raise ReadError(f"the Parquet file cannot be read ({str(e)[:120]})", file=inp.name,
                        hint="Write it again, or export the log as CSV.") from None


@dataclass(frozen=True)
class TextLayout:
    """How the text splits into records, as the normal reader found it on the sample."""

    columns: tuple[str, ...]  # the header's names as the reader made them (blank -> "column N")
    skip_lines: int  # lines before the first data record (title rows and the header)
    delimiter: str
    encoding: str


def batches(inp: LargeInput, layout: TextLayout | None, limits: Limits = LIMITS) -> Iterator[tuple[str, int, pa.RecordBatch]]:
    """(file, first row number, batch) for every batch; the rows numbered as the normal reader numbers them.

    Text rows count from the first data row (the header row's number + 1); Parquet rows from 1.
    Stops with a LimitError once the text inflates past the streaming limits.
    """
    if inp.kind == "parquet":
        yield from _parquet_batches(inp, limits)
        return
    assert layout is not None
    yield from _csv_batches(inp, layout, limits)


def _csv_batches(inp: LargeInput, layout: TextLayout, limits: Limits) -> Iterator[tuple[str, int, pa.RecordBatch]]:
    ragged: list[pv.InvalidRow] = []

    def keep_aside(row: pv.InvalidRow) -> str:
        ragged.append(row)  # pyarrow does not number these while streaming: refused below, never renumbered
        return "skip"

    stream = _text_stream(inp)
    try:
        reader = pv.open_csv(
            stream,
            read_options=pv.ReadOptions(column_names=list(layout.columns), skip_rows=layout.skip_lines,
                                        block_size=BLOCK_BYTES, encoding=_arrow_encoding(layout.encoding)),
            parse_options=pv.ParseOptions(delimiter=layout.delimiter, quote_char='"', double_quote=True,
                                          escape_char=False, newlines_in_values=True, ignore_empty_lines=False,
                                          invalid_row_handler=keep_aside),
            convert_options=pv.ConvertOptions(column_types={c: pa.string() for c in layout.columns},
                                              strings_can_be_null=False, quoted_strings_can_be_null=False,
                                              null_values=[]),
            memory_pool=pa.system_memory_pool(),
        )
    except pa.ArrowInvalid as e:
        stream.close()
        raise _damaged(inp, e) from None
    first, text, stored = layout.skip_lines + 1, 0, max(stored_bytes(inp), 1)
    try:
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            except _INFLATE_ERRORS as e:
                raise _damaged_gzip(inp, e) from None
            except (pa.ArrowInvalid, OSError) as e:
                raise _damaged(inp, e) from None
            if ragged:
                row = ragged[0]
                raise ReadError(f"a row after row {first - 1:,} has {row.actual_columns} fields where the header has "
                                f"{row.expected_columns} ({row.text[:60]!r})", file=inp.name,
                                hint="Reading in batches needs every row to have a field for every column: "
                                     "export the report again as one plain table.")
            text += batch.nbytes
            _check_expansion(inp, text, stored, limits)
            yield inp.name, first, batch
            first += batch.num_rows
    finally:
        stream.close()


def _parquet_batches(inp: LargeInput, limits: Limits) -> Iterator[tuple[str, int, pa.RecordBatch]]:
    for name, reader in parquet_parts(inp, limits):
        first = 1
        for batch in reader.iter_batches(batch_size=256 * 1024):
            yield name, first, batch
            first += batch.num_rows


def parquet_parts(inp: LargeInput, limits: Limits = LIMITS) -> list[tuple[str, pq.ParquetFile]]:
    """Each Parquet file's name and reader, once its footer is within the limits and its columns match."""
    sources = [(inp.name, io.BytesIO(inp.data))] if inp.data is not None else [
        (str(p) if inp.path is not None and inp.path.is_dir() else inp.name, p) for p in inp.parts]
    out: list[tuple[str, pq.ParquetFile]] = []
    declared = 0
    for name, source in sources:
        try:
            reader = pq.ParquetFile(source)
        except Exception as e:  # pyarrow raises several types for damaged files
            raise ReadError(f"the Parquet file cannot be read ({str(e)[:120]})", file=name,
                            hint="Write it again, or export the log as CSV.") from None
        meta = reader.metadata
        if meta.num_columns > limits.columns:
            raise LimitError(f"the Parquet file has {meta.num_columns:,} columns; the limit is {limits.columns}",
                             file=name, hint="Keep the columns the log needs.")
        declared += sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
        _check_expansion(inp, declared, max(stored_bytes(inp), 1), limits, name)
        if out and not reader.schema_arrow.equals(out[0][1].schema_arrow):
            raise ReadError("the Parquet parts do not all have the same columns", file=name,
                            hint="Write the parts from one table.")
        out.append((name, reader))
    return out


def _check_expansion(inp: LargeInput, text: int, stored: int, limits: Limits, name: str | None = None) -> None:
    if text > limits.streamed_bytes:
        raise LimitError(f"the file holds more than {limits.streamed_bytes // 2**30} GB of data; that is the "
                         "limit for reading a log in batches", file=name or inp.name,
                         hint="Split it by period, or aggregate it to a cube where it lives (see the README).")
    if text > 64 * MiB and text / stored > limits.streamed_ratio:
        raise LimitError(f"the file expands more than {limits.streamed_ratio} times ({text // MiB:,} MB from "
                         f"{stored / MiB:,.1f} MB); real exports compress 3-20 times", file=name or inp.name,
                         hint="This looks like a decompression bomb, not an export; export the report again.")


def _damaged(inp: LargeInput, error: Exception) -> ReadError:
    text = str(error).splitlines()[0][:160]
    return ReadError(f"the file cannot be read in batches ({text})", file=inp.name,
                     hint="Download or export it again; a quote (\") that is never closed often does this.")


def _damaged_gzip(inp: LargeInput, error: Exception) -> ReadError:
    return ReadError(f"the gzip file is damaged ({error})", file=inp.name,
                     hint="Download it again or send the uncompressed CSV.")


def _arrow_encoding(encoding: str) -> str:
    return {"utf-8-sig": "utf8", "utf-8": "utf8"}.get(encoding, encoding)


def read_ahead(items: Iterator[T], depth: int = 2) -> Iterator[T]:
    """`items`, produced by a thread up to `depth` ahead: the file is parsed while DuckDB sums the batch before.

    pyarrow and DuckDB both release the GIL, so reading and summing overlap on two cores.
    """
    ahead: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    end = object()

    def offer(item: object) -> bool:
        while not stop.is_set():  # the consumer may stop early (the sample's rows): never block then
            with contextlib.suppress(queue.Full):
                ahead.put(item, timeout=0.1)
                return True
        return False

    def produce() -> None:
        try:
            for item in items:
                if not offer(item):
                    return
            offer(end)
        except BaseException as e:  # handed to the consumer, raised there
            offer(e)

    thread = threading.Thread(target=produce, name="storykit-read-ahead", daemon=True)
    thread.start()
    try:
        while (item := ahead.get()) is not end:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def chain(first: pa.RecordBatch, rest: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """The first batch (taken to learn the schema), then the rest."""
    yield first
    yield from rest
