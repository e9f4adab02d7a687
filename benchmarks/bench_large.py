"""A raw log past the in-memory row limit, to the deck: `storykit build` vs a bare DuckDB GROUP BY (issue #20).

    .venv/bin/python benchmarks/run.py --only large

From a session: `bench_large(1, rows=3_000_000, kinds=("Parquet",))` for a shorter run.
"""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import datasets
from measure import PY, ROOT, Row

#: Runs `python -m MODULE ARGS` and, at exit, writes the process's own memory high-water mark (VmHWM). The
#: rusage of a child (wait4's ru_maxrss) also counts the image it was forked from: after the load benchmark
#: the runner itself held ~1 GB, and both 20M-row builds read as 977 MB where each peaked at ~390-710 MB.
_OWN_PEAK = """import atexit, runpy, sys
def _hwm():
    with open('/proc/self/status') as f:
        sys.stderr.write('\\nVmHWM ' + next(l.split()[1] for l in f if l.startswith('VmHWM:')) + '\\n')
atexit.register(_hwm)
sys.argv = [sys.argv[2], *sys.argv[3:]]
runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)
"""


def _peak_run(args: list[str]) -> tuple[float, float]:
    """Wall time and peak resident memory (bytes) of one whole process (`args`: python -m module ...)."""
    own = sys.platform == "linux" and args[1] == "-m"
    t = time.perf_counter()
    proc = subprocess.Popen([args[0], "-c", _OWN_PEAK, *args[1:]] if own else args, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode() if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    if status:
        raise RuntimeError(f"{args[2:4]} failed: {err[-300:]}")
    found = re.search(r"VmHWM (\d+)", err) if own else None
    return elapsed, int(found.group(1)) * 1024 if found else usage.ru_maxrss * 1024


def _deck_outline(path: Path) -> list[tuple]:
    from pptx import Presentation

    out = []
    for slide in Presentation(str(path)).slides:
        title = next(s for s in slide.shapes if s.name == "Title").text_frame.text
        chart = next(s for s in slide.shapes if s.has_chart).chart
        out.append((title, tuple(chart.plots[0].categories),
                    tuple((s.name, tuple(v if v is None else round(v, 6) for v in s.values)) for s in chart.plots[0].series)))
    return out


def bench_large(runs: int, rows: int = 20_000_000, kinds: tuple[str, ...] = ("Parquet", "CSV.gz"),
                smaller: int = 8) -> list[Row]:
    """A raw log beyond the in-memory limit, to the deck: `storykit build` vs a bare DuckDB GROUP BY.

    Both are whole processes on the same file, alternated. Ours reads the first rows with the normal
    reader, checks its SQL against them, reduces every row on DuckDB and builds the deck; the floor
    only sums the file by agent, activity and week. Then the deck must equal the deck built from the
    file's cube (the README's SQL, run on DuckDB over the same file).

    A whole process pays a fixed cost that no file size changes (Python, importing pandas and the
    rest, reading the first rows, the story and the deck: about a second), while the bare query over
    a 20M-row Parquet file takes a third of that. So the same two commands also run on a file of
    1/`smaller` the rows, and the difference, what the rows cost, is held to the same target; and a
    process that only imports pandas and runs the bare query shows how far any pandas tool starts
    from this floor.
    """
    project = str(ROOT / "sample_data" / "project.json")
    out = Path(tempfile.mkdtemp())
    rows_out = []
    files = {"Parquet": datasets.large_parquet, "CSV.gz": datasets.large_csv_gz}
    for kind in kinds:
        sizes = {"big": files[kind](rows), "small": files[kind](rows // smaller)}
        ours, floors, pandas_floors, peaks = {"big": [], "small": []}, {"big": [], "small": []}, [], []
        for _ in range(runs):
            for size, path in sizes.items():
                t, peak = _peak_run(_build_args(path, out / f"{kind}_{size}.pptx", project))
                ours[size].append(t)
                floors[size].append(_peak_run([PY, "-c", f"import duckdb; {_floor_query(kind, path)}"])[0])
                if size == "big":
                    peaks.append(peak)
                    pandas_floors.append(_peak_run([PY, "-c", f"import pandas, duckdb; {_floor_query(kind, path)}"])[0])
        a, b = statistics.median(ours["big"]), statistics.median(floors["big"])
        small_a, small_b = statistics.median(ours["small"]), statistics.median(floors["small"])
        size_words = f"{rows / 1e6:g}M-row {kind} log"
        rows_out.append(Row(f"{size_words} to the deck vs bare DuckDB GROUP BY", a, b, "s", "<= 1.5x", a / b <= 1.5,
                            "whole processes: storykit build vs python -c duckdb.sql()"))
        rows_out.append(Row(f"  what its rows cost: {rows / 1e6:g}M minus {rows / smaller / 1e6:g}M rows", a - small_a,
                            b - small_b, "s", "<= 1.5x", (a - small_a) / (b - small_b) <= 1.5,
                            f"the same commands on {rows // smaller:,} rows: {small_a:.2f} s vs {small_b:.2f} s"))
        rows_out.append(Row("  a process that only imports pandas, then runs the bare GROUP BY", statistics.median(
            pandas_floors), b, "s", "report", None, "where any tool built on pandas starts from this floor"))
        rows_out.append(Row(f"  peak memory of that build ({kind})", max(peaks) / 2**20, None, "MB", "< 2048 MB",
                            max(peaks) < 2 * 2**30, "the storykit build process's own high-water mark (VmHWM)"))
        rows_out.append(_same_deck_as_cube(kind, sizes["big"], _scan(kind, sizes["big"]), out, project))
    return rows_out


def _scan(kind: str, path: Path) -> str:
    return f"read_parquet('{path}')" if kind == "Parquet" else f"read_csv('{path}')"


def _floor_query(kind: str, path: Path) -> str:
    """The bare query, as Python: sum the file's seconds by agent, activity and week."""
    sql = (f'SELECT Agent, Activity, date_trunc(\'week\', "Date") AS week, '
           f'sum("Duration (seconds)") / 3600 AS hours FROM {_scan(kind, path)} GROUP BY ALL')
    return f"duckdb.sql({sql!r}).fetchall()"


def _build_args(path: Path, deck: Path, project: str) -> list[str]:
    return [PY, "-m", "storykit.cli", "build", str(path), "-o", str(deck), "--project", project]


def _same_deck_as_cube(kind: str, path: Path, scan: str, out: Path, project: str) -> Row:
    """The deck from the raw file against the deck from its cube (README SQL on DuckDB): titles, chart data."""
    import re

    import duckdb

    sql = re.search(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(), re.DOTALL).group(1)
    cube = out / f"cube_{kind}.parquet"
    con = duckdb.connect()
    con.execute(f'CREATE VIEW worklog AS SELECT Agent AS person, Activity AS activity, CAST("Date" AS DATE) '
                f'AS work_date, "Duration (seconds)" / 3600.0 AS hours FROM {scan}')
    con.sql(sql).write_parquet(str(cube))
    t = time.perf_counter()
    subprocess.run(_build_args(cube, out / f"cube_{kind}.pptx", project), check=True, stdout=subprocess.DEVNULL,
                   cwd=ROOT)
    secs = time.perf_counter() - t
    same = _deck_outline(out / f"{kind}_big.pptx") == _deck_outline(out / f"cube_{kind}.pptx")
    return Row(f"  deck from the {kind} log equals the deck from its cube", secs, None, "s", "same titles, charts",
               same, "time: storykit build on the cube; compared: slide titles, chart categories and values")
