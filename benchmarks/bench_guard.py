"""What the workbook guard costs: calamine in a child process vs. calamine in this process.

Target: under 150 ms extra on a small workbook (the sample), under 50% extra on 100,000 rows.
Measured on the 2-core box, quiet (15:05 UTC, 23 Nov): sample 10 -> 38 ms; 10,000 rows 66 -> 101 ms;
100,000 rows 956 -> 939 ms: the child now sends text as one buffer and numbers packed, with its
collector off, so on large sheets it costs nothing over calamine in this process (it was 1.7-2.3 s
against 2.0 s when 700k cells crossed as pickled objects).
The in-process figure is what storykit would cost without the guard (the same calamine calls,
the same DataFrame per sheet); the guarded one is storykit.ingest.grid.read_grids as shipped.

    .venv/bin/python benchmarks/bench_guard.py [ROWS ...]
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import datasets
from storykit.ingest import grid

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "handmade_care_team.xlsx"


def in_process(data: bytes) -> None:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    for meta in book.sheets_metadata:
        rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        width = max((len(r) for r in rows), default=0)
        pd.DataFrame([list(r) + [""] * (width - len(r)) for r in rows], dtype=object)


def guarded(data: bytes) -> None:
    grid.read_grids("bench.xlsx", data)


def best(fn, data: bytes, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main(sizes: list[int]) -> None:
    cases = [("sample workbook (2,500 rows)", SAMPLE.read_bytes(), 15)]
    cases += [(f"{n:,}-row workbook", datasets.xlsx(n).read_bytes(), 3) for n in sizes]
    print(f"{'file':32} {'in-process':>12} {'guarded':>12} {'extra':>10}")
    for label, data, repeat in cases:
        plain, _ = best(in_process, data, repeat)
        safe, _ = best(guarded, data, repeat)
        print(f"{label:32} {plain * 1000:10.0f}ms {safe * 1000:10.0f}ms {(safe - plain) * 1000:8.0f}ms "
              f"({safe / plain - 1:+.0%})")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000])
