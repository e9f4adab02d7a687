"""The app's server under load: many browser sessions at once, and one session replacing its file again and again.

    .venv/bin/python benchmarks/bench_load.py                 # 8 sessions at once, then the 30-upload soak
    .venv/bin/python benchmarks/bench_load.py --sessions 4 --soak 0 --rows 50000

Load: one Streamlit server; N Chromium contexts (N browser sessions, Debian's /usr/bin/chromium)
each open the app, upload a different ROWS-row export (gzip CSV, different team sizes so each story
is told apart) and go to the Story step. Every session must show its own story: the first act's
title the library builds from that session's file, and no other. Printed: the server's peak RSS
(sampled every 0.1 s from /proc), each session's time from opening to its story, the slowest,
errors, and the health check (/_stcore/health) polled every second during the run.

Soak: one session uploads a ROWS-row file SOAK times (each a replacement of the one before, same
name); the server's RSS after the last is compared with after the first (target: within 1.2x).

The machine's load (os.getloadavg) is printed with the figures: the benchmark measures a server
on whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

import datasets  # noqa: E402

PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
TITLE_BOX = "Title (the slide's message, with its number)"
MiB = 2**20


def export(rows: int, k: int) -> Path:
    """Session k's export: its own seed and team size (120 - 7k people), so its story is its own."""
    path = datasets.DATA / f"load_{rows}_{k}.csv.gz"
    if not path.exists():
        frame = datasets.frame(rows, seed=100 + k)
        people = sorted(frame["Agent"].unique())
        keep = people[: max(10, len(people) - 7 * k)]
        frame["Agent"] = frame["Agent"].map({p: keep[i % len(keep)] for i, p in enumerate(people)})
        datasets.DATA.mkdir(parents=True, exist_ok=True)
        text = frame.to_csv(index=False, lineterminator="\n")
        path.write_bytes(gzip.compress(text.encode(), compresslevel=6, mtime=0))
    return path


def expected_title(path: Path) -> str:
    import storykit as sk

    return sk.build_story(sk.load(path), sk.Project()).acts[0].title


# -- the server and what is measured about it ---------------------------------------------------
@dataclass
class Server:
    port: int
    proc: subprocess.Popen
    rss: list[tuple[float, int]] = field(default_factory=list)
    health: list[tuple[float, float | None]] = field(default_factory=list)  # (time, seconds or None: failed)
    _stop: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss_now(self) -> int:
        with open(f"/proc/{self.proc.pid}/status") as f:
            return next(int(ln.split()[1]) * 1024 for ln in f if ln.startswith("VmRSS:"))

    def watch(self) -> None:
        """Sample RSS every 0.1 s and the health check every 1 s, until stopped."""
        def rss() -> None:
            while not self._stop.wait(0.1):
                self.rss.append((time.monotonic(), self.rss_now()))

        def health() -> None:
            while not self._stop.wait(1.0):
                t = time.perf_counter()
                try:
                    urllib.request.urlopen(self.url + "/_stcore/health", timeout=5).read()
                    self.health.append((time.monotonic(), time.perf_counter() - t))
                except OSError:
                    self.health.append((time.monotonic(), None))
        for fn in (rss, health):
            threading.Thread(target=fn, daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
        self.proc.terminate()
        self.proc.wait(timeout=20)


def start_server() -> Server:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen([PY, "-m", "streamlit", "run", "app.py", "--server.port", str(port), "--server.address",
                             "127.0.0.1", "--server.headless", "true", "--server.fileWatcherType", "none"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Server(port, proc)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(server.url + "/_stcore/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("streamlit did not start")


# -- one browser session ----------------------------------------------------------------------
async def idle(page) -> None:  # type: ignore[no-untyped-def]
    """The app view is drawn and no script run is in progress (the status widget is gone)."""
    await page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=120_000)
    await page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                                 timeout=600_000)


async def upload(page, path: Path, rows: int, name: str | None = None) -> None:  # type: ignore[no-untyped-def]
    files = {"name": name or path.name, "mimeType": "application/gzip", "buffer": path.read_bytes()}
    await page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(files)
    await page.get_by_text(re.compile(rf"^{rows:,} rows from 1 file\b")).first.wait_for(timeout=180_000)
    await idle(page)


async def session(browser, url: str, path: Path, rows: int) -> dict:  # type: ignore[no-untyped-def]
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(600_000)
    started = time.monotonic()
    try:
        await page.goto(url)
        await page.get_by_role("button", name=re.compile("Use my own data")).click()
        await page.get_by_role("heading", name="Upload", exact=True).wait_for()
        await upload(page, path, rows)
        uploaded = time.monotonic() - started
        await page.get_by_role("link", name=re.compile("Story")).first.click()
        box = page.get_by_role("textbox", name=TITLE_BOX).first
        await box.wait_for()
        await idle(page)
        title = await box.input_value()
        failed = await page.get_by_text("Something went wrong").count()
        return {"file": path.name, "title": title, "seconds": time.monotonic() - started, "upload": uploaded,
                "error": "the app said something went wrong" if failed else None}
    except Exception as e:  # a timeout or a vanished page is this session's error, not the run's
        return {"file": path.name, "title": None, "seconds": time.monotonic() - started, "upload": None,
                "error": f"{type(e).__name__}: {str(e).splitlines()[0][:120]}"}
    finally:
        await context.close()


async def load_run(server: Server, paths: list[Path], rows: int) -> list[dict]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--no-first-run"])
        results = await asyncio.gather(*(session(browser, server.url, path, rows) for path in paths))
        await browser.close()
    return list(results)


async def soak_run(server: Server, paths: list[Path], rows: int, times: int) -> list[int]:
    """One session replaces its file `times` times; the server's RSS after each replacement."""
    from playwright.async_api import async_playwright

    after = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--disable-gpu", "--no-first-run"])
        page = await browser.new_page()
        page.set_default_timeout(600_000)
        await page.goto(server.url)
        await page.get_by_role("button", name=re.compile("Use my own data")).click()
        await page.get_by_role("heading", name="Upload", exact=True).wait_for()
        for i in range(times):
            # same name each time (a replacement), different bytes; row counts differ so each read is seen
            await upload(page, paths[i % len(paths)], rows - i % len(paths), name="export.csv.gz")
            await asyncio.sleep(0.5)
            after.append(server.rss_now())
            print(f"  upload {i + 1:>2}: server RSS {after[-1] / MiB:,.0f} MB", file=sys.stderr)
        await browser.close()
    return after


def soak_exports(rows: int, n: int) -> list[Path]:
    """n exports of rows - k rows each (k = 0..n-1), so the page shows when each replacement is read."""
    out = []
    for k in range(n):
        path = datasets.DATA / f"soak_{rows}_{k}.csv.gz"
        if not path.exists():
            source = gzip.decompress(export(rows, k).read_bytes()).split(b"\n")
            path.write_bytes(gzip.compress(b"\n".join(source[: len(source) - 1 - k] + [b""]), mtime=0))
        out.append(path)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=8)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--soak", type=int, default=30, help="uploads in the soak (0: no soak)")
    parser.add_argument("--json", help="also write the figures to this file (benchmarks/run.py reads them)")
    args = parser.parse_args()
    summary: dict = {"sessions": args.sessions, "rows": args.rows}
    print(f"preparing {args.sessions} exports of {args.rows:,} rows...", file=sys.stderr)
    paths = [export(args.rows, k) for k in range(args.sessions)]
    expected = {p.name: expected_title(p) for p in paths}
    assert len(set(expected.values())) == len(paths), "the exports must give different stories"
    ok = True

    server = start_server()
    try:
        base = server.rss_now()
        server.watch()
        load_before = os.getloadavg()
        t = time.monotonic()
        results = asyncio.run(load_run(server, paths, args.rows))
        wall = time.monotonic() - t
        peak = max(r for _, r in server.rss)
        health = [h for _, h in server.health]
    finally:
        server.stop()
    wrong = [r for r in results if not r["error"] and r["title"] != expected[r["file"]]]
    errors = [r for r in results if r["error"]] + wrong
    print(f"\n## {args.sessions} sessions at once, {args.rows:,} rows each (load average before: "
          f"{load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores)\n")
    print("| session | file | seconds to its story | upload read | its own story |")
    print("|---:|---|---:|---:|---|")
    for i, r in enumerate(results, 1):
        own = "yes" if not r["error"] and r["title"] == expected[r["file"]] else f"NO: {r['error'] or r['title']}"
        upload_s = f"{r['upload']:.1f}" if r["upload"] is not None else "-"
        print(f"| {i} | {r['file']} | {r['seconds']:.1f} | {upload_s} | {own} |")
    answered = [h for h in health if h is not None]
    print(f"\n| sessions | server RSS at start | peak RSS | slowest session | wall clock | errors | health checks "
          f"(failed, slowest) |\n|---:|---:|---:|---:|---:|---:|---|\n| {args.sessions} | {base / MiB:,.0f} MB | "
          f"{peak / MiB:,.0f} MB | {max(r['seconds'] for r in results):.1f} s | {wall:.1f} s | {len(errors)} | "
          f"{len(health)} ({len(health) - len(answered)} failed, slowest "
          f"{max(answered, default=0) * 1000:,.0f} ms) |")
    ok &= not errors and len(answered) == len(health)
    summary |= {"peak_rss_mb": peak / MiB, "start_rss_mb": base / MiB, "slowest_s": max(r["seconds"] for r in results),
                "errors": len(errors), "health_failed": len(health) - len(answered), "load_average": load_before[0]}

    if args.soak:
        print(f"\nsoak: one session uploads a {args.rows:,}-row file {args.soak} times...", file=sys.stderr)
        server = start_server()
        try:
            after = asyncio.run(soak_run(server, soak_exports(args.rows, 3), args.rows, args.soak))
        finally:
            server.stop()
        ratio = after[-1] / after[0]
        print(f"\n## soak: {args.soak} replacements of a {args.rows:,}-row file in one session\n")
        print(f"server RSS after the 1st upload {after[0] / MiB:,.0f} MB, after the {args.soak}th {after[-1] / MiB:,.0f} "
              f"MB ({ratio:.2f}x; target <= 1.2x); highest after any upload {max(after) / MiB:,.0f} MB")
        ok &= ratio <= 1.2
        summary |= {"soak_first_mb": after[0] / MiB, "soak_last_mb": after[-1] / MiB, "soak_ratio": ratio}
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
