"""How the benchmarks measure: medians of alternating runs, whole processes, peak memory, the table.

Every figure is a median of several runs; ours and the floor alternate so both see the same
machine (others may be using it). Targets are ratios to the floor, so they hold on a slower or
busier machine too.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass
class Row:
    """One line of the table: what was timed, ours, the floor, the ratio and the target."""

    name: str
    ours: float
    floor: float | None
    unit: str
    target: str
    passed: bool | None
    note: str = ""
    misread: str = ""  # what a wrong read found: a fast misread is a failure, not a win

    @property
    def ratio(self) -> float | None:
        return self.ours / self.floor if self.floor else None

    @property
    def result(self) -> str:
        if self.misread:
            return f"MISREAD: {self.misread}"
        return {True: "pass", False: "FAIL", None: "(report)"}[self.passed]


def median_pair(ours: Callable[[], float], floor: Callable[[], float], runs: int) -> tuple[float, float]:
    """Alternate ours and the floor `runs` times (after one warm-up each); the medians."""
    ours(), floor()
    a, b = [], []
    for _ in range(runs):
        a.append(ours())
        b.append(floor())
    return statistics.median(a), statistics.median(b)


def timed_process(args: list[str], **kw) -> Callable[[], float]:  # type: ignore[no-untyped-def]
    def run() -> float:
        t = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, cwd=ROOT, **kw)
        return time.perf_counter() - t
    return run


def timed(fn: Callable[[], object]) -> Callable[[], float]:
    def run() -> float:
        t = time.perf_counter()
        fn()
        return time.perf_counter() - t
    return run


def python(code: str) -> str:
    """Run `code` in a fresh interpreter (storykit importable); its stdout."""
    return subprocess.run([PY, "-c", f"import sys\nsys.path.insert(0, {str(ROOT)!r})\n{code}"], check=True,
                          capture_output=True, text=True, cwd=ROOT).stdout


#: In the measured process: a line of /proc/self/status in bytes (VmRSS now, VmHWM its peak so far).
_STATUS = """def status(key):
    return next(int(ln.split()[1]) for ln in open('/proc/self/status') if ln.startswith(key + ':')) * 1024"""


def peak_memory(path: Path, warm: Path, setup: str = "") -> tuple[int, int]:
    """Bytes the peak RSS grows by while sk.load reads `path`, in a fresh process; and the peak RSS
    of the largest process it started (a workbook's reader, which holds calamine's cells; 0 for text).

    `warm` (a small file) is read first, so the figure is what the rows cost, not the one-time
    paging-in of pyarrow's reader code (~9 MB). VmHWM, not ru_maxrss: ru_maxrss survives exec,
    so a child would report its parent's peak. The child's figure is its whole RSS (its interpreter
    included), reported beside ours: the machine holds both while a workbook is read.
    """
    ours, child = python(f"""
import resource
import storykit as sk
{setup}
sk.load({str(warm)!r})
{_STATUS}
base = status('VmRSS')
log = sk.load({str(path)!r})
print(status('VmHWM') - base, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
""").split()
    return int(ours), int(child)


def calamine_read_peak(path: Path, warm: Path, setup: str = "") -> int:
    """Bytes the peak RSS grows by while pandas reads the workbook `path` with calamine (the raw DataFrame's
    read), in a fresh process warmed by reading the workbook `warm` the same way: the floor of a read."""
    read = "pd.read_excel({!r}, engine='calamine')"
    return int(python(f"""
import pandas as pd
{setup}
{read.format(str(warm))}
{_STATUS}
base = status('VmRSS')
frame = {read.format(str(path))}
print(status('VmHWM') - base)
"""))


def raw_memory(path: Path, sep: str = ",") -> int:
    """Bytes of the raw DataFrame pandas reads from the file (the memory target's yardstick)."""
    read = (f"pd.read_excel({str(path)!r}, engine='calamine')" if path.suffix == ".xlsx"
            else f"pd.read_csv({str(path)!r}, sep={sep!r})")
    return int(python(f"import pandas as pd\nprint({read}.memory_usage(deep=True).sum())"))


def table(rows: list[Row]) -> str:
    lines = ["| what was timed | ours | floor (same run) | ratio | target | result |",
             "|---|---:|---:|---:|---|---|"]
    for r in rows:
        floor = f"{r.floor:.3f} {r.unit}" if r.floor else "-"
        ratio = f"{r.ratio:.2f}x" if r.ratio else "-"
        lines.append(f"| {r.name} | {r.ours:.3f} {r.unit} | {floor} | {ratio} | {r.target} | {r.result} |")
    return "\n".join(lines)
