"""Shared test fixtures: the sample files and their ground truth, and the tools some tests need."""

from __future__ import annotations

import importlib
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Property tests check what is true of every input, not how fast: a loaded 2-core CI machine
# must not turn a slow example into a failure.
settings.register_profile("storykit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("storykit")

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_data"
REAL_EXPORTS = Path(os.environ.get("STORYKIT_REAL_EXPORTS", ROOT.parent / "shared" / "real-exports" / "files"))
ARTEFACTS = ROOT / "tests" / "artefacts"
IN_CI = os.environ.get("CI", "").lower() == "true"


def require_tool(name: str) -> str:
    """The tool's path; a missing tool skips locally but fails in CI, where it must be installed."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (run: bash .ci/setup --test)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def require_module(name: str):  # -> the module
    """The module, imported; a missing one skips locally but fails in CI (its tests must run there)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        message = f"{name} is not installed (it is in the test extra: bash .ci/setup --test)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message, allow_module_level=True)


@pytest.fixture(scope="session")
def ground_truth() -> dict:
    return json.loads((SAMPLES / "ground_truth.json").read_text())


@pytest.fixture(scope="session")
def artefacts() -> Path:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    return ARTEFACTS


# -- the browser tests' app server and browser, one of each per test module (tests/browser_session.py) --
@pytest.fixture(scope="module")
def app_url():
    from tests.browser_session import free_port, start_server, stop_server

    port = free_port()
    proc = start_server(port)
    yield f"http://127.0.0.1:{port}"
    stop_server(proc)


@pytest.fixture(scope="module")
def browser():
    require_tool("chromium")
    from playwright.sync_api import sync_playwright

    from tests.browser_session import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def pytest_terminal_summary(terminalreporter) -> None:
    """Measurements a test recorded with record_property("measured", text), printed after the run
    (also under xdist, where the workers' own output is not shown)."""
    for report in (r for key in ("passed", "failed") for r in terminalreporter.stats.get(key, ())):
        for name, text in getattr(report, "user_properties", ()):
            if name == "measured" and report.when == "call":
                terminalreporter.write_sep("-", report.nodeid.split("::")[-1])
                terminalreporter.write_line(text)
