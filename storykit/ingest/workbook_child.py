"""Runs as its own process: reads one workbook with python-calamine under hard limits.

python-calamine can abort the whole process on a hostile file (a single cell at XFD1048576
makes it allocate a 17-billion-cell range; Rust aborts are not Python exceptions), so the
app and the CLI never call it themselves: storykit.ingest.guard starts this script with
`python -I -S`, sends the bytes on stdin and reads the sheets back on stdout. It imports only
the standard library and python_calamine (not storykit, so not pandas: starting it costs
about 25 ms) and can write nothing to disk.

Protocol: argv = [memory_bytes, cpu_seconds, max_rows (data rows, header not counted), max_columns, max_cells,
the directory python_calamine is installed in (there is no site module to find it), head_rows];
stdin = the workbook's bytes; stderr = one line "sheet NAME" before each sheet is read, so
the parent can name the sheet if this process dies; stdout = pickles one after another: for each
sheet taller than head_rows (when head_rows > 0) first ("head", name, type, visibility, height,
width, merged ranges, [compact form, ...]) with its first head_rows rows, then for each sheet
("sheet", name, type, visibility, height, width, merged ranges) and `width` times ("column",
compact form), and last ("end",) or ("error", kind, sheet, detail).

Cells go back column by column, in a compact form (see _column): pickling every cell as its
own object (700k of them for a 100k-row log) cost more than calamine's own read. Each column is
sent as soon as it is packed, so the parent builds it while the next one is packed; the head
goes first, so the parent finds the header and the columns' roles in it meanwhile.
"""

import _thread
import datetime as dt
import gc
import io
import os
import resource
import sys
from itertools import chain, compress, count, islice, repeat
from operator import is_not, itemgetter

_EPOCH = dt.datetime(1970, 1, 1)
#: A naive datetime's state as pickle stores it: year (2 bytes), month, day, hour, minute, second and
#: microsecond (3 bytes), big-endian, read from the object in C. The parent turns them into datetime64
#: in a few array operations; computing microseconds here (a timedelta and an int per cell) cost twice this.
_STATE = dt.datetime.__reduce__
#: What stands in for a cell of another type in a typed column (the cell itself is listed apart).
_FILLER = {float: 0.0, dt.date: _EPOCH.date(), dt.datetime: _EPOCH}
#: The last sheet's cells and calamine's copy of them, left for os._exit to drop all at once:
#: freeing 700k objects one by one (100k rows) costs 30-50 ms.
_KEPT: list = []


def _column(col: tuple | list) -> tuple:
    """One column in a compact form the parent turns into arrays without a Python object per cell.

    ("text", utf8) when every cell is text: the cells joined by NUL as one UTF-8 buffer, from
    which the parent builds an arrow string column (a cell holding NUL itself is sent as
    ("str", [text, ...]) instead). (kind, values, [(row, cell), ...]) when most cells are
    floats, dates or naive datetimes: float64, date ordinals (date.toordinal) as int64, or each
    datetime's own 10-byte state (see _STATE), with the other cells (header, blanks) listed apart.
    Else ("cells", [cell, ...]).

    Every step is a C-level pass over the column, and as few as possible: a Python loop per
    cell, or even one more pass over 100k scattered objects, costs more than the rest.
    """
    try:
        text = "\x00".join(col)  # TypeError at the first cell that is not text
    except TypeError:
        return _typed(col)
    if text.count("\x00") != len(col) - 1:
        return ("str", list(col))
    return ("text", text.encode("utf-8"))  # calamine's strings are Rust strings: always valid UTF-8


def _typed(col: tuple | list) -> tuple:
    """A column that is not all text: packed by its commonest type if at least half the cells
    have it (see _column), the cells of other types listed apart; else the cells themselves."""
    types = list(map(type, col))
    kind = type(col[-1])  # most often the column's own type: then one count decides, not three
    many = types.count(kind) if kind in _FILLER else 0
    if many * 2 <= len(col):
        kind = max(_FILLER, key=types.count)  # the first of equals, in _FILLER's order
        many = types.count(kind)
        if many * 2 < len(col):
            return ("cells", list(col))
    first = types.index(kind)
    if many == len(col) - first:  # the usual column: its header (or a title) above, no other cell apart
        apart = range(first)
        values = chain(repeat(_FILLER[kind], first), islice(col, first, None))
    else:
        apart = list(compress(count(), map(is_not, types, repeat(kind))))  # type: ignore[assignment]
        values = list(col)  # type: ignore[assignment]
        for i in apart:
            values[i] = _FILLER[kind]
    other = [(i, col[i]) for i in apart]
    from array import array  # see _import_later

    if kind is float:
        packed = array("d", values)
    elif kind is dt.date:
        packed = array("q", map(dt.date.toordinal, values))
    else:
        try:  # an aware datetime's state comes with its zone (not bytes): then the join fails
            return ("datetime", b"".join(chain.from_iterable(map(itemgetter(1), map(_STATE, values)))), other)
        except TypeError:
            return ("cells", list(col))  # aware datetimes keep their zone: send them as they are
    return (kind.__name__, packed.tobytes(), other)


def _limit(memory: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # no file writes, whatever happens
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _read(data: bytes, max_rows: int, max_columns: int, max_cells: int, head_rows: int) -> tuple:
    """Sends every sheet (see the protocol above); returns the last message: ("end",) or an error."""
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:
        return ("error", "unreadable", None, str(e)[:300])
    for meta in book.sheets_metadata:
        kind, visible = str(meta.typ).rsplit(".", 1)[-1], str(meta.visible).rsplit(".", 1)[-1]
        if kind != "WorkSheet":
            _send(("sheet", meta.name, kind, visible, 0, 0, []))
            continue
        print(f"sheet {meta.name}", file=sys.stderr, flush=True)
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except Exception as e:
            return ("error", "unreadable", meta.name, str(e)[:300])
        height, width = sheet.height, sheet.width
        if height - 1 > max_rows or width > max_columns or height * width > max_cells:
            return ("error", "limit", meta.name, (height, width))
        merged = _merged(sheet)
        try:
            head = sheet.to_python(skip_empty_area=False, nrows=head_rows) if 0 < head_rows < height else None
        except Exception as e:
            return ("error", "unreadable", meta.name, str(e)[:300])
        if head is not None:  # read by the parent while the rest is turned into columns (~0.1 s for 100k rows)
            h, w, columns = _columns(head)
            _send(("head", meta.name, kind, visible, h, w, merged, list(map(_column, columns))))
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as e:
            return ("error", "unreadable", meta.name, str(e)[:300])
        height, width, columns = _columns(rows)
        _send(("sheet", meta.name, kind, visible, height, width, merged))
        for column in columns:
            _send(("column", _column(column)))
        _KEPT[:] = [book, sheet, rows, columns]  # the previous sheet's are freed now, the last one's at exit
    return ("end",)


def _columns(rows: list[list]) -> tuple[int, int, list[tuple]]:
    """Height, width and the cells column by column (zip: one pass; rows padded with "" to the widest)."""
    widths = set(map(len, rows))
    width = max(widths, default=0)
    if len(widths) > 1:
        rows = [r + [""] * (width - len(r)) for r in rows]
    return len(rows), width, list(zip(*rows, strict=True))


def _merged(sheet) -> list[tuple[int, int, int, int]]:  # type: ignore[no-untyped-def]
    """The sheet's merged ranges as (first row, first column, last row, last column), 0-based; [] if unknown."""
    try:
        return [(int(a[0]), int(a[1]), int(b[0]), int(b[1])) for a, b in sheet.merged_cell_ranges or []]
    except Exception:  # an older calamine or a format without them (.xls, .ods): spans are guessed instead
        return []


def _send(message: tuple) -> None:
    """One message, pickled whole before any of it is written: a MemoryError while pickling leaves the
    stream whole for the error message that follows."""
    import pickle  # see _import_later

    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: columns of scalars have no cycles, and the memo doubles the time
    pickler.dump(message)
    sys.stdout.buffer.write(out.getbuffer())
    sys.stdout.buffer.flush()


def _import_later() -> None:
    """pickle and array (~9 ms of imports: re, enum, collections) are first needed once a sheet is parsed:
    imported meanwhile, on a thread of their own (calamine lets go of the interpreter while it parses).
    Where they are used they are imported again, which waits for this if it is not done yet."""
    import array  # noqa: F401
    import pickle  # noqa: F401


def main() -> None:
    memory, cpu, max_rows, max_columns, max_cells = (int(a) for a in sys.argv[1:6])
    head_rows = int(sys.argv[7])
    sys.path.append(sys.argv[6])
    _thread.start_new_thread(_import_later, ())
    data = sys.stdin.buffer.read()
    _limit(memory, cpu)
    # Nothing here makes reference cycles, and the collector, woken by every 700 new lists,
    # rescans the whole growing sheet: with it on, to_python takes 2-3x as long.
    gc.disable()
    try:
        result = _read(data, max_rows, max_columns, max_cells, head_rows)
    except MemoryError:
        result = ("error", "memory", None, "")
    except BaseException as e:  # pyo3 turns Rust panics into PanicException, a BaseException
        result = ("error", "unreadable", None, f"{type(e).__name__}: {str(e)[:300]}")
    _send(result)
    os._exit(0)  # the answer is out: skip freeing every object one by one (see _KEPT)


if __name__ == "__main__":
    main()
