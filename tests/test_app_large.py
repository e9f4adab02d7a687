"""The app with a log too large for memory: how far the read is, and what the Upload page says of it.

storykit reduces such a log on DuckDB, whose own threads report the progress; the page must still
draw it. The page then counts the file's rows, not the groups it was reduced to.
"""

from __future__ import annotations

import threading
import time

import pytest
from streamlit.runtime.scriptrunner import get_script_run_ctx
from streamlit.testing.v1 import AppTest

import storykit as sk
from pages import _compute
from tests.app_session import upload


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


def said_from_another_thread(progress, text: str, waits: int) -> None:  # type: ignore[no-untyped-def]
    """What DuckDB's threads do while a large log reduces: report progress from a thread that is not the
    script's, then go on long enough for the page to show it."""
    other = threading.Thread(target=progress, args=(0.5, text))
    other.start()
    other.join()
    time.sleep(waits * _compute.PROGRESS_EVERY)


def read_with(monkeypatch, load, script) -> Bar:  # type: ignore[no-untyped-def]
    """Run the page's reading (`script`, in AppTest) with storykit's load replaced by `load`: the bar it drew on."""
    BAR.drawn.clear()
    monkeypatch.setattr(_compute.st, "progress", lambda *args, **kwargs: BAR)
    monkeypatch.setattr(_compute.sk, "load", load)
    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return BAR


def _read_a_log() -> None:  # the script AppTest runs: it reads one small log through the page's reader
    from pages import _compute

    _compute._read(_compute.Inputs.of((("log.csv", b"Date,Person,Activity,Hours\n2026-03-02,Ana,Tickets,1\n"),)), {})


def test_progress_reported_from_the_readers_own_threads_is_drawn(monkeypatch):
    """A large log is reduced on DuckDB, which reports '... rows read' from its own threads: the bar stood
    still at 'reading the first rows' for the whole reduction (seen with a 2.5M-row upload)."""
    real_load = sk.load

    def load_reporting_from_another_thread(*files, mappings, progress):  # type: ignore[no-untyped-def]
        said_from_another_thread(progress, "log.csv: 1,250,000 rows read", waits=4)
        return real_load(*files, mappings=mappings)

    bar = read_with(monkeypatch, load_reporting_from_another_thread, _read_a_log)
    assert ("log.csv: 1,250,000 rows read", True) in bar.drawn, bar.drawn
    assert all(drawable for _, drawable in bar.drawn), bar.drawn


@pytest.fixture
def large_csv() -> tuple[str, bytes]:
    """A log just past a small row limit, with one unreadable row: read in batches when the limit is lowered."""
    lines = ["Date,Agent,Activity,Hours"]
    lines += [f"2026-03-{2 + i % 20:02d},Agent {i % 7},{('Tickets', 'Phone overflow', 'Lunch')[i % 3]},0.25"
              for i in range(3_000)]
    lines[100] = "2026-03-05,Agent 1,Tickets,abc"
    return "large.csv", ("\n".join(lines) + "\n").encode()


@pytest.fixture
def small_limits(monkeypatch):
    """The reader refuses over 1,500 rows, as it refuses over 2M (tests/test_large_input.py does the same)."""
    import functools

    from storykit.ingest import grid, large_plan, reader
    from storykit.limits import Limits

    monkeypatch.setattr(reader, "read_grids", functools.partial(grid.read_grids, limits=Limits(rows=1_500)))
    monkeypatch.setattr(large_plan, "SAMPLE_ROWS", 400)


def test_a_log_read_in_batches_counts_the_files_rows_and_says_the_table_is_summed(large_csv, small_limits):
    """The preview said '21 rows from 1 file' under a card that said 3,000 rows read (seen: 124,647 of 2.5M)."""
    from tests.app_session import new_session

    at = upload(new_session(), large_csv)
    card = " ".join(c.value for c in at.caption)
    assert "Read in batches" in card and "Not checked on a file this large" in card
    assert [m.value for m in at.metric][:2] == ["2,999", "1"]  # rows read, rows skipped (row 101: 'abc')
    preview = next(c.value for c in at.caption if "from 1 file" in c.value)
    assert preview.startswith("2,999 rows from 1 file, 749.8 hours, 7 people.")
    assert "kept summed, one row per person, activity and day" in preview


def test_the_upload_page_names_the_kinds_of_file_it_reads_in_batches():
    from pages import _shared as ui
    from tests.app_session import goto, new_session

    at = goto(new_session(), ui.UPLOAD)
    text = " ".join(c.value for c in at.caption) + " ".join(m.value for m in at.markdown)
    assert "Parquet" in text and "gzipped" in text and "2,000,000 rows is read in batches" in text


def _read_a_good_and_a_bad_file() -> None:  # the script AppTest runs
    from pages import _compute

    good = ("good.csv", b"Date,Person,Activity,Hours\n2026-03-02,Ana,Tickets,1\n")
    _compute._read(_compute.Inputs.of((good, ("bad.csv", b"\x00\x01 not a log"))), {})


def test_a_file_that_fails_beside_a_large_one_costs_one_more_read_and_shows_its_progress(monkeypatch):
    """A large log dropped with a file that fails was read three times (together, alone, together again),
    the last two with no progress: 9 s of a blank page after a 2.5M-row log and a gzip bomb."""
    real_load = sk.load
    reads: list[tuple[str, ...]] = []

    def load(*files, mappings, progress=None):  # type: ignore[no-untyped-def]
        names = tuple(name for name, _ in files)
        reads.append(names)
        if progress is not None:
            said_from_another_thread(progress, " + ".join(names), waits=3)
        return real_load(*files, mappings=mappings)

    bar = read_with(monkeypatch, load, _read_a_good_and_a_bad_file)
    assert reads == [("good.csv", "bad.csv"), ("good.csv",), ("bad.csv",)]
    assert [text for text, _ in bar.drawn] == ["good.csv + bad.csv", "good.csv", "bad.csv"]
