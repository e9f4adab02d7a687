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
("ok", [(name, type, visibility, rows), ...]) or ("error", kind, sheet, detail).
"""

import io
import pickle
import resource
import sys


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
            sheets.append((meta.name, kind, visible, []))
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
        sheets.append((meta.name, kind, visible, rows))
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
    pickler.fast = True  # no memo: rows of scalars have no cycles, and this halves the time (0.5 s per 700k cells)
    pickler.dump(result)
    sys.stdout.buffer.write(out.getbuffer())
    sys.stdout.buffer.flush()


if __name__ == "__main__":
    main()
