"""Long reads say how far they are: the library's progress callback, and the CLI's bar (terminal only)."""

from __future__ import annotations

import io
import subprocess
import sys

import storykit as sk
from storykit.cli import ProgressBar
from tests.conftest import ROOT


def activity_csv(rows: int) -> bytes:
    lines = ["Date,Agent,Activity,Hours"]
    lines += [f"2026-03-{2 + i % 20:02d},Agent {i % 37},{('Tickets', 'Phone overflow', 'Lunch')[i % 3]},0.25"
              for i in range(rows)]
    return ("\n".join(lines) + "\n").encode()


def test_load_reports_rows_read_and_phases_and_ends_at_one():
    heard: list[tuple[float, str]] = []
    log = sk.load(("log.csv", activity_csv(40_000)), progress=lambda f, text: heard.append((f, text)))
    fractions = [f for f, _ in heard]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and all(0 <= f <= 1 for f in fractions)
    texts = " | ".join(t for _, t in heard)
    assert "rows read" in texts and "reading dates" in texts and "log.csv" in texts
    assert heard[-1][1] == f"{len(log.frame):,} rows read"


def test_the_bar_draws_on_a_terminal_and_clears_itself():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Tty()
    with ProgressBar(out) as bar:
        bar.start -= 10  # as if the read had been going for a while
        bar(0.5, "log.csv: 100,000 rows read")
    text = out.getvalue()
    assert "[############............]  50% log.csv: 100,000 rows read" in text
    assert text.endswith("\r")


def test_the_bar_is_silent_when_piped():
    out = io.StringIO()
    with ProgressBar(out) as bar:
        bar.start -= 10
        bar(0.5, "anything")
    assert out.getvalue() == ""
    result = subprocess.run([sys.executable, "-m", "storykit.cli", "inspect", "sample_data/toggl_support_team.csv"],
                            capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0 and result.stderr == ""


def test_a_log_read_in_batches_ends_on_the_files_rows_not_the_sums_it_was_kept_as(monkeypatch):
    """The bar went from '2,452,429 rows read' to '124,647 rows read' at the end of a 2.5M-row upload."""
    import functools

    from storykit.ingest import grid, large_plan, reader
    from storykit.limits import Limits

    monkeypatch.setattr(reader, "read_grids", functools.partial(grid.read_grids, limits=Limits(rows=1_500)))
    monkeypatch.setattr(large_plan, "SAMPLE_ROWS", 400)
    heard: list[tuple[float, str]] = []
    log = sk.load(("log.csv", activity_csv(3_000)), progress=lambda f, text: heard.append((f, text)))
    assert len(log.frame) < 3_000  # kept as one row per person, activity and day
    assert heard[-2][1] == "summing 3,000 rows by person, activity and week"
    assert heard[-1] == (1.0, "3,000 rows read")
