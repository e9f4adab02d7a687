"""End to end in a real browser: open, upload, see the story's charts, download the deck, reopen it."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from pptx import Presentation

from tests.conftest import ROOT, SAMPLES, require_tool

pytestmark = pytest.mark.browser


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
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)


def test_upload_see_charts_download_deck(app_url, browser, artefacts, tmp_path):
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.goto(app_url)
    wait_idle(page)
    page.get_by_text("example story").first.wait_for(timeout=30_000)
    page.screenshot(path=str(artefacts / "browser-01-open.png"), full_page=True)

    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(
        str(SAMPLES / "harvest_service_desk.csv"))
    page.get_by_text("6 people").first.wait_for(timeout=60_000)
    wait_idle(page)
    assert page.locator(".js-plotly-plot").count() == 3
    assert "Traceback" not in page.content()
    page.screenshot(path=str(artefacts / "browser-02-uploaded.png"), full_page=True)

    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the deck (.pptx)").click()
    path = tmp_path / "deck.pptx"
    info.value.save_as(path)
    prs = Presentation(io.BytesIO(path.read_bytes()))
    assert len(prs.slides) == 3
    title = next(s for s in prs.slides[0].shapes if s.name == "Title").text_frame.text
    assert "6 people" in title
    page.close()
