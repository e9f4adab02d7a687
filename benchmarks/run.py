"""storykit's benchmarks: each of our timings beside the floor measured in the same run, and its target.

    .venv/bin/python benchmarks/run.py            # everything (about 10 minutes on 2 cores)
    .venv/bin/python benchmarks/run.py --quick    # fewer repeats, no 2M-row, 20M-row or browser runs
    .venv/bin/python benchmarks/run.py --only load         # the server under load (bench_load.py)
    .venv/bin/python benchmarks/run.py --only large   # the 20M-row log (Parquet, CSV.gz) to the deck
    .venv/bin/python benchmarks/run.py --only inspect xlsx

The inputs are generated deterministically into benchmarks/data/ (gitignored) on first use.
Every figure is the median of several runs; ours and the floor alternate so both see the same
machine. Targets are ratios to the floor, so they hold on a slower or busier machine too.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_large  # noqa: E402
import datasets  # noqa: E402
import measure  # noqa: E402
import shapes  # noqa: E402
from measure import PY, ROOT, Row, median_pair, peak_memory, python, raw_memory, table, timed, timed_process  # noqa: E402

sys.path.insert(0, str(ROOT))


# -- the benchmarks ------------------------------------------------------------------------
def bench_inspect(runs: int) -> list[Row]:
    """`storykit inspect` on every text shape of the 200k-row log, whole process, vs a bare read of the same file.

    The floor is pandas' pyarrow reader in a fresh process (import included), as a script that
    only wanted the cells would read them. Each shape's read is checked against what its file says.
    """
    rows = []
    for shape in shapes.SHAPES:
        if shape.workbook:
            continue
        path = str(shape.write())
        ours = timed_process([PY, "-m", "storykit.cli", "inspect", path, "--json"])
        floor = timed_process([PY, "-c", f"import pandas as pd; pd.read_csv({path!r}, engine='pyarrow', "
                                         f"sep={shape.sep!r})"])
        a, b = median_pair(ours, floor, runs)
        rows.append(Row(f"inspect {shape.name}: {shape.spelling}", a, b, "s", "<= 1.5x", a / b <= 1.5,
                        misread=shapes.misread(shape)))
    return rows


def bench_xlsx(runs: int) -> list[Row]:
    """Reading each 100k-row .xlsx into a TimeLog vs a bare python-calamine read of its cells (and, reported,
    our reader's child process alone: what isolating calamine from the app costs before any reading)."""
    books = [("date cells, clock times as text (datasets.xlsx)", datasets.xlsx(100_000), ""),
             *((s.spelling, s.write(), shapes.misread(s)) for s in shapes.SHAPES if s.workbook)]
    rows = []
    for what, path, wrong in books:
        out = python(f"""
import time, statistics
import storykit as sk
from python_calamine import CalamineWorkbook
from storykit.ingest.guard import read_workbook
path = {str(path)!r}
data = open(path, 'rb').read()
runs = {{'ours': lambda: sk.load(path), 'child': lambda: read_workbook(path, data),
        'floor': lambda: CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python()}}
for run in runs.values():  # warm-up
    run()
times = {{k: [] for k in runs}}
for _ in range({runs}):
    for k, run in runs.items():
        t = time.perf_counter(); run(); times[k].append(time.perf_counter() - t)
print(*(statistics.median(v) for v in times.values()))
""").split()
        a, child, b = map(float, out)
        rows.append(Row(f"read the 100k-row .xlsx to a TimeLog (in process): {what}", a, b, "s", "<= 1.3x",
                        a / b <= 1.3, "floor: CalamineWorkbook.from_path().get_sheet_by_index(0).to_python()",
                        misread=wrong))
        rows.append(Row("  of which the workbook child alone (process, calamine, cells sent back)", child, b, "s",
                        "report", None, "storykit.ingest.guard.read_workbook: calamine isolated from the app"))
    return rows


def _project():  # type: ignore[no-untyped-def]
    import storykit as sk

    return sk.Project.from_json((ROOT / "sample_data" / "project.json").read_text())


def bench_story(runs: int, big: int) -> list[Row]:
    """Story + deck once loaded: 2M rows vs 1k rows (everything after ingest reads the cube)."""
    import storykit as sk
    from storykit.cube import cube_of

    project = _project()
    small = sk.load(datasets.csv_gz(1_000))
    large = sk.load(datasets.csv_gz(big))
    rows = []

    def story_and_deck(log) -> Callable[[], float]:  # type: ignore[no-untyped-def]
        return timed(lambda: sk.build_deck(sk.build_story(log, project)))

    a, b = median_pair(story_and_deck(large), story_and_deck(small), runs)
    rows.append(Row(f"story + deck once loaded: {len(large.frame):,} rows vs 1k rows", a, b, "s", "<= 1.2x",
                    a / b <= 1.2, f"cube: {len(cube_of(large).frame):,} vs {len(cube_of(small).frame):,} cells"))
    story = sk.build_story(small, project)
    a, b = median_pair(timed(lambda: sk.build_deck(story)), timed(_bare_pptx), runs)
    rows.append(Row("build_deck (3 slides, charts, notes) vs bare python-pptx 3-chart deck", a, b, "s",
                    "report", None, "ours also measures and fits text, alt text, notes"))
    return rows


def _bare_pptx() -> bytes:
    import io

    from pptx import Presentation
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    prs = Presentation()
    for kind in (XL_CHART_TYPE.BAR_CLUSTERED, XL_CHART_TYPE.COLUMN_STACKED, XL_CHART_TYPE.COLUMN_CLUSTERED):
        slide = prs.slides.add_slide(prs.slide_layouts[5])
        slide.shapes.title.text = "A title"
        data = CategoryChartData()
        data.categories = ["A", "B", "C", "D", "E"]
        data.add_series("hours", (1.0, 2.0, 3.0, 4.0, 5.0))
        slide.shapes.add_chart(kind, Inches(1), Inches(1.5), Inches(8), Inches(5), data)
    buf = io.BytesIO()
    prs.save(buf)
    return buf.getvalue()


def bench_reduce(runs: int, big: int) -> list[Row]:
    """Reducing a loaded log to the cube: pandas group-by vs DuckDB, to decide whether DuckDB earns its place."""
    import duckdb
    import pandas as pd

    import storykit as sk

    rows = []
    for n in (200_000, big):
        log = sk.load(datasets.csv_gz(n))
        frame = log.frame[["date", "person", "activity", "hours"]]

        def with_pandas(frame=frame):  # type: ignore[no-untyped-def]
            # the group-by of analysis.build_cube (its switch counting is other work, left out of both)
            dates = pd.to_datetime(frame["date"])
            week = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()
            return (pd.DataFrame({"person": frame["person"], "activity": frame["activity"], "week": week,
                                  "hours": frame["hours"]})
                    .groupby(["person", "activity", "week"], as_index=False, observed=True, sort=True)["hours"].sum())

        def with_duckdb(frame=frame):  # type: ignore[no-untyped-def]
            con = duckdb.connect()
            con.register("log", frame)
            return con.sql("SELECT person, activity, CAST(date_trunc('week', date) AS DATE) AS week, "
                           "SUM(hours) AS hours FROM log GROUP BY ALL").df()

        a, b = median_pair(timed(with_pandas), timed(with_duckdb), runs)
        rows.append(Row(f"cube group-by of {n:,} loaded rows: pandas (ours) vs DuckDB", a, b, "s", "report", None,
                        "DuckDB only replaces pandas if this ratio is well above 1"))
    t = time.perf_counter()
    subprocess.run([PY, "-c", "import duckdb"], check=True)
    rows.append(Row("importing duckdb (a cost the CLI would pay on every large file)", time.perf_counter() - t,
                    None, "s", "report", None, "whole process, python -c 'import duckdb'"))
    return rows


def bench_memory(runs: int) -> list[Row]:
    """Peak memory of loading each shape's file vs the memory of the raw DataFrame pandas reads from it.

    As the app runs its server (storykit.memory); reported: a bare process (the CLI, the library) for the base
    shape, and for a workbook pandas' own read of it (the floor) and our reader's child process."""
    app = "from storykit.memory import give_back_freed_memory; give_back_freed_memory()"
    warm, mb = datasets.csv_gz(1_000), 2**20
    rows = []
    for shape in shapes.SHAPES:
        path = shape.write()
        raw = raw_memory(path, shape.sep)
        peaks = [peak_memory(path, warm, app) for _ in range(runs)]
        ours = statistics.median(p[0] for p in peaks)
        rows.append(Row(f"peak memory {shape.name}, {shape.rows // 1000}k rows, vs the raw DataFrame (as the app runs)",
                        ours / mb, raw / mb, "MB", "<= 3x", ours / raw <= 3,
                        "peak RSS growth during sk.load; raw = read_csv().memory_usage(deep=True)"))
        if shape.name == "base":
            bare = statistics.median(peak_memory(path, warm)[0] for _ in range(runs))
            rows.append(Row("  the same in a bare process (CLI, library: default allocators)", bare / mb, raw / mb,
                            "MB", "report", None, "mimalloc and glibc keep freed pages; storykit.memory gives them back"))
        if shape.workbook:
            floor = statistics.median(measure.calamine_read_peak(path, datasets.xlsx(1_000), app) for _ in range(runs))
            child = statistics.median(p[1] for p in peaks)
            rows += [Row("  pd.read_excel(engine='calamine') of the same workbook: its own peak", floor / mb, raw / mb,
                         "MB", "report", None, "the floor: calamine's read makes a Python object per cell first"),
                     Row("  our workbook reader's child process (its whole RSS)", child / mb, raw / mb, "MB", "report",
                         None, "a separate process: calamine's cells never enter the app; freed when it exits")]
    return rows


def bench_app(runs: int) -> list[Row]:
    """AppTest: an edit (title, classification, scenario) reruns fast on the sample and on 200k rows."""
    code = f"""
import dataclasses, json, statistics, sys, time
sys.path.insert(0, {str(ROOT)!r})
from streamlit.testing.v1 import AppTest
import storykit as sk
from pages import _shared as ui

def timed(at, fn):
    fn()
    t = time.perf_counter(); at.run(); return time.perf_counter() - t

def edits(at, n):
    out = {{"title": [], "classification": [], "scenario": []}}
    for i in range(n):
        at.switch_page(ui.STORY.path).run()
        out["title"].append(timed(at, lambda: at.text_area(key=ui.SEED + "titles1").set_value(f"Edited title {{i}}")))
        def reclassify():
            p = at.session_state[ui.PROJECT]
            label = "Knowledge base"
            cls = "core" if i % 2 else "overhead"
            at.session_state[ui.PROJECT] = dataclasses.replace(
                p, assignments={{**p.assignments, label: sk.Choice(cls)}})
        out["classification"].append(timed(at, reclassify))
        at.switch_page(ui.SCENARIO.path).run()
        slider = next(s for s in at.slider if str(s.key).startswith(ui.SEED + "share:"))
        out["scenario"].append(timed(at, lambda: slider.set_value(40 + i)))
    return {{k: statistics.median(v) for k, v in out.items()}}

result = {{}}
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=120)
at.run()
result["sample"] = edits(at, {runs})
at = AppTest.from_file({str(ROOT / "app.py")!r}, default_timeout=300)
at.run()
at.switch_page(ui.UPLOAD.path).run()
path = {str(datasets.csv_gz(200_000))!r}
at.file_uploader[0].set_value([(path.rsplit("/", 1)[-1], open(path, "rb").read(), "application/gzip")]).run()
assert not at.exception, [e.value for e in at.exception]
assert [n for n, _ in at.session_state[ui.FILES].files] == [path.rsplit("/", 1)[-1]]
log = ui.read(at.session_state[ui.FILES], at.session_state[ui.PROJECT].mappings).log
assert len(log.frame) == 200_000, len(log.frame)
result["200k"] = edits(at, {runs})
print(json.dumps(result))
"""
    out = subprocess.run([PY, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        return [Row("app edits (AppTest)", float("nan"), None, "s", "< 0.3 s / < 1 s", False,
                    "failed: " + out.stderr.strip().splitlines()[-1][:100])]
    res = json.loads(out.stdout.strip().splitlines()[-1])
    rows = []
    for data, limit in (("sample", 0.3), ("200k", 1.0)):
        for kind, secs in res[data].items():
            rows.append(Row(f"app: {kind} edit reruns, {data} data", secs, None, "s", f"< {limit:g} s",
                            secs < limit, "AppTest run() after the edit"))
    return rows


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_cold_start(runs: int) -> list[Row]:
    """Server start to the sample story's first title on screen, vs a bare Streamlit 'hello'."""
    from playwright.sync_api import sync_playwright

    import storykit as sk

    project = _project()
    sample = ROOT / "sample_data" / "toggl_support_team.csv"
    title = sk.build_story(sk.load(sample), project).acts[0].title
    hello = Path(tempfile.mkdtemp()) / "hello.py"
    hello.write_text("import streamlit as st\nst.write('hello from a bare app')\n")

    def cold(script: Path, text: str, page) -> Callable[[], float]:  # type: ignore[no-untyped-def]
        def run() -> float:
            port = _free_port()
            t = time.perf_counter()
            server = subprocess.Popen(
                [PY, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.headless", "true",
                 "--browser.gatherUsageStats", "false"], cwd=script.parent, stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL)
            try:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        page.goto(f"http://127.0.0.1:{port}", timeout=5000)
                        break
                    except Exception:
                        if time.monotonic() > deadline:
                            raise
                        time.sleep(0.05)
                page.get_by_text(text, exact=False).first.wait_for(timeout=60000)
                return time.perf_counter() - t
            finally:
                server.terminate()
                try:
                    server.wait(timeout=30)  # a busy machine may take a while to stop it
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
        return run

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True)
        page = browser.new_page()
        a, b = median_pair(cold(ROOT / "app.py", title[:40], page), cold(hello, "hello from a bare app", page), runs)
        browser.close()
    return [Row("cold start to the sample story vs bare Streamlit hello", a, b, "s", "<= 2x", a / b <= 2,
                "server start -> first act title visible in chromium")]


def bench_load(quick: bool) -> list[Row]:
    """8 browser sessions at once on one server (200k rows each), then a 30-upload soak (bench_load.py)."""
    sessions, rows, soak = (3, 50_000, 5) if quick else (8, 200_000, 30)
    out = Path(tempfile.mkdtemp()) / "load.json"
    done = subprocess.run([PY, str(HERE / "bench_load.py"), "--sessions", str(sessions), "--rows", str(rows),
                           "--soak", str(soak), "--json", str(out)], cwd=ROOT, capture_output=True, text=True)
    print(done.stdout, file=sys.stderr)
    if not out.exists():
        return [Row("load: sessions at once", float("nan"), None, "s", "no errors", False,
                    "failed: " + (done.stderr.strip().splitlines() or ["?"])[-1][:100])]
    f = json.loads(out.read_text())
    where = f"{sessions} sessions x {rows:,} rows, load average {f['load_average']:.1f}"
    return [
        Row(f"load: slowest of {sessions} sessions, open to its own story", f["slowest_s"], None, "s",
            "no errors, health always answers", f["errors"] == 0 and f["health_failed"] == 0,
            f"{where}; {f['errors']} errors, {f['health_failed']} failed health checks"),
        Row("load: server peak RSS", f["peak_rss_mb"], f["start_rss_mb"], "MB", "report", None,
            "floor: the server's RSS before the sessions"),
        Row(f"soak: RSS after {soak} replacements vs after the first", f["soak_last_mb"], f["soak_first_mb"], "MB",
            "<= 1.2x", f["soak_ratio"] <= 1.2, "one session, same file name, new bytes each time"),
    ]


BENCHES = {
    "inspect": lambda q: bench_inspect(2 if q else 7),
    "xlsx": lambda q: bench_xlsx(2 if q else 9),
    "story": lambda q: bench_story(3 if q else 7, 200_000 if q else 2_000_000),
    "reduce": lambda q: bench_reduce(2 if q else 5, 200_000 if q else 2_000_000),
    "memory": lambda q: bench_memory(1 if q else 3),
    "app": lambda q: bench_app(2 if q else 5),
    "cold": lambda q: bench_cold_start(1 if q else 3),
    "load": bench_load,
    "large": lambda q: bench_large.bench_large(5),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repeats; 200k instead of 2M rows; no browser, no 20M-row log")
    parser.add_argument("--only", nargs="*", choices=sorted(BENCHES), help="run only these benchmarks")
    parser.add_argument("--json", help="also write the rows as JSON to this file")
    args = parser.parse_args()
    names = args.only or [n for n in BENCHES if not (args.quick and n in ("cold", "load", "large"))]
    os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    # Time our code as installed (with bytecode), not its compilation: some machines set
    # PYTHONDONTWRITEBYTECODE=1, and every process would then compile storykit anew.
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "storykit")], check=True, stdout=subprocess.DEVNULL)
    print(f"generating inputs into {datasets.DATA} (once)...", file=sys.stderr)
    for n in (1_000, 10_000, 200_000) + (() if args.quick else (2_000_000,)):
        datasets.csv_gz(n)
    datasets.xlsx(100_000)
    for shape in shapes.SHAPES:
        shape.write()
    rows: list[Row] = []
    for name in names:
        print(f"running {name}...", file=sys.stderr)
        t = time.perf_counter()
        try:
            done = BENCHES[name](args.quick)
        except Exception as e:  # one benchmark's crash must not lose the others' figures
            done = [Row(f"{name}: the benchmark itself failed", float("nan"), None, "s", "runs", False,
                        f"{type(e).__name__}: {str(e)[:100]}")]
        rows.extend(done)
        print(table(done), file=sys.stderr)  # each benchmark's figures as soon as it ends
        print(f"  {name} took {time.perf_counter() - t:.0f} s", file=sys.stderr)
    print(table(rows))
    if args.json:
        Path(args.json).write_text(json.dumps([dataclasses.asdict(r) | {"ratio": r.ratio} for r in rows], indent=2))
    return 0 if all(r.passed is not False and not r.misread for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
