"""End to end in a real browser: the whole journey, the downloads, a reload, and the same deck again.

A user uploads an export, walks every step, downloads the deck and the project file, reloads the
page (which forgets everything), loads the project file, uploads the same export again, and must
get a deck whose slide titles and chart data equal the first one's. Each step is screenshotted to
tests/artefacts/ so a person can look at what a first-time user sees.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from pptx import Presentation

from pages import _shared as ui
from tests.conftest import ROOT, SAMPLES, require_tool

pytestmark = pytest.mark.browser
HARVEST = SAMPLES / "harvest_service_desk.csv"
TALL = {"width": 1400, "height": 2400}  # Streamlit scrolls inside the page: a tall window shows it all


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    port = free_port()
    env = {**os.environ, "STREAMLIT_SERVER_HEADLESS": "true", "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start: " + proc.stdout.read().decode(errors="replace")[-2000:])
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    chromium = require_tool("chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"])
        yield b
        b.close()


def wait_idle(page) -> None:
    """Streamlit is ready when its app view is there and no script run is in progress."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=60_000)
    page.wait_for_timeout(400)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(300)


def step(page, title: str) -> None:
    """Press the page's 'Next: <title>' button and wait for that step to be drawn."""
    page.get_by_role("button", name=re.compile(f"Next: {title}")).click()
    page.get_by_role("heading", name=title, exact=True).wait_for(timeout=60_000)
    wait_idle(page)


def drawn(page) -> None:
    """Every chart drawn and no placeholder left: what a person would see after a moment."""
    page.wait_for_function(
        "() => document.querySelectorAll('.js-plotly-plot').length >= "
        "document.querySelectorAll('[data-testid=\"stPlotlyChart\"]').length "
        "&& !document.querySelector('[data-testid^=\"stSkeleton\"]')", timeout=30_000)


def shoot(page, artefacts: Path, name: str) -> None:
    assert "Traceback" not in page.content()
    drawn(page)
    page.screenshot(path=str(artefacts / f"browser-{name}.png"))


def download(page, button: str, target: Path) -> Path:
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=re.compile(re.escape(button))).click()
    info.value.save_as(target)
    return target


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


def test_a_deep_link_right_after_the_server_starts_still_shows_the_steps(app_url, browser):
    """Streamlit's old pages/ mode would run a deep-linked page on its own: no steps, no wide layout."""
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(app_url + "/scenario")
    wait_idle(page)
    page.get_by_role("link", name=re.compile("1. Open")).first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stSidebarNav"]').count() == 0
    assert page.get_by_text("Step ").first.is_visible()
    page.close()


def test_the_whole_journey_then_a_reload_and_the_project_file_give_the_same_deck(app_url, browser, artefacts,
                                                                                   tmp_path):
    page = browser.new_page(viewport=TALL, accept_downloads=True)
    page.set_default_timeout(60_000)  # CI machines are shared: wait for a slow step rather than fail
    started = time.monotonic()
    page.goto(app_url)
    wait_idle(page)
    page.get_by_text(f"This is the {ui.EXAMPLE}").first.wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length === 3", timeout=30_000)
    shoot(page, artefacts, "1-open")

    page.get_by_role("button", name=re.compile("Use my own data")).click()
    page.get_by_role("heading", name="Upload", exact=True).wait_for(timeout=30_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(HARVEST))
    page.get_by_text("Harvest, detailed time").wait_for(timeout=60_000)
    wait_idle(page)
    shoot(page, artefacts, "2-upload")

    step(page, "Classify")
    page.get_by_text("Working time not decided yet").wait_for()
    shoot(page, artefacts, "3-classify")

    step(page, "Settings")
    team = page.get_by_role("textbox", name="Team name")
    team.fill("Service Desk")
    team.press("Enter")
    wait_idle(page)
    cost = page.get_by_role("spinbutton", name="Loaded hourly cost (optional)")
    cost.fill("52")
    cost.press("Enter")
    wait_idle(page)
    shoot(page, artefacts, "4-settings")

    step(page, "Scenario")
    page.get_by_text("Slide 3 as it will read").wait_for()
    shoot(page, artefacts, "5-scenario")

    step(page, "Story")
    title = page.get_by_role("textbox", name="Title (the slide's message, with its number)").first
    assert title.input_value().startswith("Service Desk: 6 people")
    title.fill("Service Desk: six people spend almost a third of their time on other teams' work")
    title.press("Control+Enter")
    wait_idle(page)
    shoot(page, artefacts, "6-story")

    step(page, "Export")
    first_deck = download(page, "Download the deck (.pptx)", tmp_path / "first.pptx")
    project_file = download(page, "Save the project file (.json)", tmp_path / "project.json")
    journey = time.monotonic() - started
    shoot(page, artefacts, "7-export")
    first = outline(first_deck)
    assert first[0]["title"] == "Service Desk: six people spend almost a third of their time on other teams' work"
    assert "$" in first[1]["title"]  # the hourly cost typed on Settings reached act 2

    # A reload forgets the session: the project file brings the choices back, the export the data.
    page.reload()
    page.get_by_role("heading", name="Export", exact=True).wait_for(timeout=30_000)
    wait_idle(page)
    assert page.get_by_text(ui.FORGOTTEN_TITLE).is_visible()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(project_file))
    page.get_by_text("No data yet: upload").wait_for(timeout=30_000)
    wait_idle(page)
    shoot(page, artefacts, "8-reloaded-project-loaded")
    page.get_by_role("link", name=re.compile("Upload")).first.click()
    page.get_by_role("heading", name="Upload", exact=True).wait_for(timeout=30_000)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(HARVEST))
    page.get_by_text("Harvest, detailed time").wait_for(timeout=60_000)
    wait_idle(page)
    page.get_by_role("link", name=re.compile("Export")).first.click()
    page.get_by_role("heading", name="Export", exact=True).wait_for(timeout=30_000)
    wait_idle(page)
    second = outline(download(page, "Download the deck (.pptx)", tmp_path / "second.pptx"))
    shoot(page, artefacts, "9-export-again")
    assert second == first

    (artefacts / "browser-journey.txt").write_text(f"{journey:.1f}\n")
    print(f"\nsample journey, open to both downloads: {journey:.1f} s")
    page.close()
