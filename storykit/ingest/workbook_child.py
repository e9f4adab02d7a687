"""Runs as its own process: reads one workbook with python-calamine under hard limits.

python-calamine can abort the whole process on a hostile file (a single cell at XFD1048576
makes it allocate a 17-billion-cell range; Rust aborts are not Python exceptions), so the
app and the CLI never call it themselves: storykit.ingest.guard starts this script with
`python -I`, sends the bytes on stdin and reads the sheets back on stdout. It imports only
the standard library and python_calamine (not storykit, so not pandas: starting it costs
about 30 ms) and can write nothing to disk.

Protocol: argv = [memory_bytes, cpu_seconds, max_rows (data rows, header not counted), max_columns, max_cells];
stdin = the workbook's bytes; stderr = one line "sheet NAME" before each sheet is read, so
the parent can name the sheet if this process dies; stdout = one pickle, either
("ok", [(name, type, visibility, height, columns), ...]) or ("error", kind, sheet, detail).

Cells go back column by column, in a compact form (see _column): pickling every cell as its
own object (700k of them for a 100k-row log) cost more than calamine's own read.
"""

import datetime as dt
import io
import pickle
import resource
import sys
from array import array
from collections import Counter
from operator import itemgetter

_EPOCH_DAYS = dt.date(1970, 1, 1).toordinal()
_EPOCH = dt.datetime(1970, 1, 1)
_US = dt.timedelta(microseconds=1)


def _column(col: list) -> tuple:
    """One column as ("str", [text, ...]) when every cell is text, or as (kind, 8-byte values,
    [(row, cell), ...]) when most cells are floats, dates or naive datetimes: the values as
    float64, days or microseconds since 1970 and the other cells (header, blanks) listed
    apart; else ("cells", [cell, ...]).
    """
    types = set(map(type, col))
    if types <= {str}:
        return ("str", col)
    counts = Counter(map(type, col))
    kind = max((float, dt.date, dt.datetime), key=counts.__getitem__)
    if counts[kind] * 2 < len(col):
        return ("cells", col)
    if kind is float:
        values = array("d", [v if type(v) is float else 0.0 for v in col])
    elif kind is dt.date:
        values = array("q", [v.toordinal() - _EPOCH_DAYS if type(v) is dt.date else 0 for v in col])
    else:
        if any(v.tzinfo is not None for v in col if type(v) is dt.datetime):
            return ("cells", col)
        values = array("q", [(v - _EPOCH) // _US if type(v) is dt.datetime else 0 for v in col])
    other = [(i, v) for i, v in enumerate(col) if type(v) is not kind]
    return (kind.__name__, values.tobytes(), other)


def _limit(memory: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # no file writes, whatever happens
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _read(data: bytes, max_rows: int, max_columns: int, max_cells: int) -> tuple:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as e:
        return ("error", "unreadable", None, str(e)[:300])
    sheets = []
    for meta in book.sheets_metadata:
        kind, visible = str(meta.typ).rsplit(".", 1)[-1], str(meta.visible).rsplit(".", 1)[-1]
        if kind != "WorkSheet":
            sheets.append((meta.name, kind, visible, 0, []))
            continue
        print(f"sheet {meta.name}", file=sys.stderr, flush=True)
        try:
            sheet = book.get_sheet_by_name(meta.name)
        except Exception as e:
            return ("error", "unreadable", meta.name, str(e)[:300])
        height, width = sheet.height, sheet.width
        if height - 1 > max_rows or width > max_columns or height * width > max_cells:
            return ("error", "limit", meta.name, (height, width))
        try:
            rows = sheet.to_python(skip_empty_area=False)
        except Exception as e:
            return ("error", "unreadable", meta.name, str(e)[:300])
        width = max(map(len, rows), default=0)
        if any(len(r) < width for r in rows):
            rows = [r + [""] * (width - len(r)) for r in rows]
        columns = [_column(list(map(itemgetter(j), rows))) for j in range(width)]  # 2x faster than zip(*rows)
        sheets.append((meta.name, kind, visible, len(rows), columns))
        del rows
    return ("ok", sheets)


def main() -> None:
    memory, cpu, max_rows, max_columns, max_cells = (int(a) for a in sys.argv[1:6])
    data = sys.stdin.buffer.read()
    _limit(memory, cpu)
    try:
        result = _read(data, max_rows, max_columns, max_cells)
    except MemoryError:
        result = ("error", "memory", None, "")
    except BaseException as e:  # pyo3 turns Rust panics into PanicException, a BaseException
        result = ("error", "unreadable", None, f"{type(e).__name__}: {str(e)[:300]}")
    out = io.BytesIO()
    pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: columns of scalars have no cycles, and the memo doubles the time
    pickler.dump(result)
    sys.stdout.buffer.write(out.getbuffer())
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
