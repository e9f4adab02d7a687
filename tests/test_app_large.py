"""The app with a log too large for memory: how far the read is.

storykit reduces such a log on DuckDB, whose own threads report the progress; the page must still
draw it.
"""

from __future__ import annotations

import threading
import time

from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

import storykit as sk
from pages import _compute


class Bar:
    """st.progress as the reader's progress sees it: what was drawn, and whether Streamlit could draw it."""

    def __init__(self) -> None:
        self.drawn: list[tuple[str, bool]] = []

    def progress(self, fraction: float, text: str) -> None:
        # Streamlit drops what a thread without the script's context draws (it only logs a warning)
        self.drawn.append((text, get_script_run_ctx(suppress_warning=True) is not None))

    def empty(self) -> None:
        pass


BAR = Bar()


def _read_a_log() -> None:  # the script AppTest runs: it reads one small log through the page's reader
    from pages import _compute

    _compute._read(_compute.Inputs.of((("log.csv", b"Date,Person,Activity,Hours\n2026-03-02,Ana,Tickets,1\n"),)), {})


def test_progress_reported_from_the_readers_own_threads_is_drawn(monkeypatch):
    """A large log is reduced on DuckDB, which reports '... rows read' from its own threads: the bar stood
    still at 'reading the first rows' for the whole reduction (seen with a 2.5M-row upload)."""
    real_load = sk.load

    def load_reporting_from_another_thread(*files, mappings, progress):  # type: ignore[no-untyped-def]
        other = threading.Thread(target=progress, args=(0.5, "log.csv: 1,250,000 rows read"))
        other.start()
        other.join()
        time.sleep(4 * _compute.PROGRESS_EVERY)  # the reduction goes on; the page has time to show it
        return real_load(*files, mappings=mappings)

    bar = BAR
    bar.drawn.clear()
    monkeypatch.setattr(_compute.st, "progress", lambda *args, **kwargs: bar)
    monkeypatch.setattr(_compute.sk, "load", load_reporting_from_another_thread)
    at = AppTest.from_function(_read_a_log, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert ("log.csv: 1,250,000 rows read", True) in bar.drawn, bar.drawn
    assert all(drawable for _, drawable in bar.drawn), bar.drawn

