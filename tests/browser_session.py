"""Driving the running app in Debian's chromium the way a person does: the server, the browser, the waits.

Every action a person takes (a click, a key, a file dropped, a download) goes through `Person`, which
counts them, so a journey's test can say how many actions it took as well as how long.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pptx import Presentation

from tests.conftest import ROOT, require_tool

TALL = {"width": 1400, "height": 2400}  # Streamlit scrolls inside the page: a tall window shows it all


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    env = {**os.environ, "STREAMLIT_SERVER_HEADLESS": "true", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    # a file, not a pipe nobody drains (a full pipe would stall the server); it lives as long as the server
    log = tempfile.TemporaryFile()  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    log.seek(0)
    pytest.fail("streamlit did not start: " + log.read().decode(errors="replace")[-2000:])


def stop_server(proc: subprocess.Popen) -> None:
    """Stop it, and end it if a loaded machine stops it too slowly (30 s), so teardown never errors."""
    proc.terminate()
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def launch(playwright):  # type: ignore[no-untyped-def]
    """Debian's chromium, headless; never a downloaded browser."""
    return playwright.chromium.launch(executable_path=require_tool("chromium"), args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"])


IDLE = '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]'


def wait_idle(page) -> None:
    """Streamlit is ready when it is connected and no script run is in progress: its own run state,
    no fixed waits (a loaded machine makes any fixed wait too short sometimes)."""
    page.wait_for_selector(IDLE, timeout=60_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)


def rerun(page, action) -> None:  # type: ignore[no-untyped-def]
    """Do what makes the app run its script again, and wait until that run has finished.

    A watcher on the app's run state is set before the action, so a run that starts and ends
    between two polls is still seen: no sleep stands in for 'the run has begun'.
    """
    page.evaluate("""() => {
        window.__storykitRuns = 0;
        const app = document.querySelector('[data-testid="stApp"]');
        new MutationObserver(records => { window.__storykitRuns += records.length; })
            .observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
    }""")
    action()
    page.wait_for_function("() => window.__storykitRuns > 0", timeout=60_000)
    wait_idle(page)


def choose(page, label: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Pick `option` in the selectbox `label` as a person does: click it open and click the option, and again
    if the menu closed first (a redraw of the page can close a menu as it opens: seen in the full suite, where
    the option showed and was gone before the click; the same steps alone never needed it)."""
    from playwright.sync_api import TimeoutError as NotYet

    box = page.get_by_role("combobox", name=label, exact=True)
    item = page.get_by_role("option", name=option, exact=True)
    for attempt in range(4):
        box.click()
        try:
            item.click(timeout=5_000)
            return
        except NotYet:
            if attempt == 3:
                raise
            wait_idle(page)


def drawn(page) -> None:
    """Every chart drawn and no placeholder left: what a person would see after a moment."""
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length >= "
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length "
        "&& !document.querySelector('[data-testid^=\"stSkeleton\"]')", timeout=30_000)


def shoot(page, artefacts: Path, name: str, *, whole: bool = False) -> Path:
    """A screenshot for a person to look at; whole=True grows the window to show the page's full length."""
    assert "Traceback" not in page.content()
    drawn(page)
    path = artefacts / f"browser-{name}.png"
    if not whole:
        page.screenshot(path=str(path))
        return path
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    drawn(page)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


def outline(path: Path) -> list[dict]:
    """What a deck says: each slide's title and its chart's categories and series values."""
    slides = []
    for slide in Presentation(io.BytesIO(path.read_bytes())).slides:
        chart = next(s for s in slide.shapes if s.has_chart).chart
        slides.append({
            "title": next(s for s in slide.shapes if s.name == "Title").text_frame.text,
            "categories": list(chart.plots[0].categories),
            "series": [(s.name, list(s.values)) for plot in chart.plots for s in plot.series],
        })
    return slides


@dataclass
class Person:
    """A person at the app: each thing they do is one action, counted; the page waits as they would."""

    page: object
    actions: list[str] = field(default_factory=list)

    def did(self, what: str) -> None:
        self.actions.append(what)

    def click(self, locator, what: str) -> None:
        locator.click()
        self.did(f"click {what}")

    def next(self, title: str) -> None:
        """Press the page's 'Next: <title>' button and wait for that step to be drawn."""
        self.click(self.page.get_by_role("button", name=re.compile(f"Next: {title}")), f"Next: {title}")
        self.page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
        wait_idle(self.page)

    def go(self, title: str) -> None:
        """Follow the steps bar to a step."""
        self.click(self.page.get_by_role("link", name=re.compile(rf"\d\. {title}")).first, f"step {title}")
        self.page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
        wait_idle(self.page)

    def type(self, locator, text: str, what: str, key: str = "Enter") -> None:
        locator.fill(text)
        rerun(self.page, lambda: locator.press(key))
        self.did(f"type {what}")

    def drop(self, *paths: Path, uploader: int = 0) -> None:
        self.page.locator('[data-testid="stFileUploaderDropzoneInput"]').nth(uploader).set_input_files(
            [str(p) for p in paths])
        self.did("drop " + ", ".join(p.name for p in paths))

    def download(self, button: str, target: Path) -> tuple[Path, str]:
        """Press a download button; the file saved, and the name the browser was given for it."""
        with self.page.expect_download(timeout=60_000) as info:
            self.click(self.page.get_by_role("button", name=re.compile(re.escape(button))), button)
        info.value.save_as(target)
        return target, info.value.suggested_filename
