"""Which reader a file goes to: in memory when it fits the limits, in batches on DuckDB when it does not.

The in-memory reader (reader.read_file) is the reference and reads nearly everything; a text or
Parquet log past its limits, a Parquet log that is not a cube, and a folder of Parquet parts go
to large_reduce, which reads them the same way in batches. The large modules are imported only
then: a CLI call on a small file pays nothing for them.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from storykit import cfb
from storykit.errors import LimitError, ReadError
from storykit.ingest import ahead
from storykit.limits import LIMITS, MiB
from storykit.progress import Progress

if TYPE_CHECKING:
    from storykit.model import TimeLog

PARQUET_MAGIC = b"PAR1"
_HEAD = MiB  # what is read of a file to tell its kind and estimate its rows
_INFLATED = MiB  # what is inflated of a gzip file's head to count its lines
_AHEAD_BYTES = 32 * MiB  # read ahead up to this: parsed while the command imports, its progress never shown


def read_input(name: str, path: Path | None = None, data: bytes | None = None,
               mapping: dict[str, str] | None = None, progress: Progress | None = None) -> TimeLog:
    """One file's (or folder's) log, by whichever reader suits its size; `mapping` as read_file takes it."""
    if path is not None:
        if path.is_dir():
            return _folder(name, path, mapping, progress)
        if _too_large_to_read_whole(path):
            return _in_batches(name, path=path, mapping=mapping, progress=progress)
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(f"cannot open the file ({e.strerror})", file=name) from None
    assert data is not None
    if data[:4] == PARQUET_MAGIC and not _parquet_cube(io.BytesIO(data)):
        return _in_batches(name, data=data, mapping=mapping, progress=progress)
    from storykit.ingest.reader import read_file  # here, so that importing the route (the CLI's read-ahead)
    # does not import the whole reader: its modules are imported while the file is read ahead

    try:
        return read_file(name, data, mapping, progress=progress)
    except LimitError:
        if not _streamable(data[:_HEAD]):
            raise
    return _in_batches(name, data=data, mapping=mapping, progress=progress)


def read_ahead(name: str) -> None:
    """Start reading the file `name` on another thread (ahead.py), if read_input will read it whole in
    memory and it is small enough that its progress would never be shown (the command's own use)."""
    path = Path(name)
    try:
        if not path.is_file() or path.stat().st_size > _AHEAD_BYTES or _too_large_to_read_whole(path):
            return
        data = path.read_bytes()
    except OSError:
        return  # read_input says why
    if data[:4] != PARQUET_MAGIC:
        ahead.start(name, data)


def _in_batches(name: str, **kwargs) -> TimeLog:  # type: ignore[no-untyped-def]
    from storykit.ingest.large_reduce import reduce_large

    return reduce_large(name, **kwargs)


def _folder(name: str, path: Path, mapping: dict[str, str] | None, progress: Progress | None) -> TimeLog:
    """A folder of Parquet parts (what Spark writes): a cube is read whole, a raw log in batches."""
    from storykit.ingest.large_input import open_input, parquet_parts

    parts = parquet_parts(open_input(name, path=path))
    if not _parquet_cube(parts[0][1].schema_arrow.names):
        return _in_batches(name, path=path, mapping=mapping, progress=progress)
    rows = sum(reader.metadata.num_rows for _, reader in parts)
    if rows > LIMITS.rows:
        raise LimitError(f"the cube's parts hold {rows:,} rows; the limit is {LIMITS.rows:,}", file=name,
                         hint="Aggregate further (the cube needs one row per person, activity and week).")
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = io.BytesIO()
    pq.write_table(pa.concat_tables([reader.read() for _, reader in parts]), out)
    from storykit.ingest.reader import read_file

    return read_file(name, out.getvalue(), mapping, progress=progress)


def _too_large_to_read_whole(path: Path) -> bool:
    """A Parquet log (not a cube), or text with more rows than fit in memory, estimated from its first MB."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError:
        return False  # the reader says why it cannot open it
    if head[:4] == PARQUET_MAGIC:
        return not _parquet_cube(path)
    if not _streamable(head):
        return False
    if size > LIMITS.file_bytes:
        return True
    counted = _lines_in(head)
    return counted is not None and counted[0] * size / max(counted[1], 1) > LIMITS.rows


def _lines_in(head: bytes) -> tuple[int, int] | None:
    """Line ends in a file's first bytes and how many bytes of the file held them (for gzip: the
    lines of its first MB inflated, which tell the rate as well as all of them would); None when
    they cannot be counted."""
    if head[:2] != b"\x1f\x8b":
        return head.count(b"\n"), len(head)
    from zlib_ng import zlib_ng

    inflate = zlib_ng.decompressobj(wbits=31)
    try:
        text = inflate.decompress(head, _INFLATED)
    except zlib_ng.error:
        return None
    return text.count(b"\n"), len(head) - len(inflate.unconsumed_tail)


def _streamable(head: bytes) -> bool:
    """Text (plain or gzip) or Parquet: what can be read in batches; not a workbook or an Office file."""
    return not head.startswith((cfb.MAGIC, b"PK"))  # a zip's own magic (workbooks) begins with PK


def _parquet_cube(source: io.BytesIO | Path | list[str]) -> bool:
    """A Parquet file (or schema names) with a cube's columns, which the cube reader reads in memory."""
    from storykit.ingest.cube import is_cube_header

    if isinstance(source, list):
        return is_cube_header(source)
    import pyarrow.parquet as pq

    try:
        names = pq.ParquetFile(source).schema_arrow.names
    except Exception:  # damaged: the cube reader says how
        return True
    return is_cube_header(list(names))
