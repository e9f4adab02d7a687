"""In a real browser: a log just past the in-memory limit (2,000,000 rows), read in batches, to the deck.

A manager drops a gzip CSV of 2,001,000 rows (tests/make_large_log.py). While DuckDB reduces it the
page says how many rows are read; the Upload page then says it was read in batches and what was not
checked, lists the two unreadable rows by their row in the file, and the deck downloaded from Export
is the deck storykit itself builds from that file.
"""

from __future__ import annotations

import re

import pytest

import storykit as sk
from tests.browser_session import TALL, Person, outline, shoot, wait_idle
from tests.make_large_log import ROWS, UNREADABLE, write_large_log

pytestmark = pytest.mark.browser

#: Every text the reading's progress bar shows, recorded by the page itself (no poll can miss a short one).
RECORD_PROGRESS = """() => {
    window.__progress = [];
    new MutationObserver(() => {
        for (const bar of document.querySelectorAll('[data-testid="stProgress"]')) {
            const text = bar.innerText.trim();
            if (text && !text.startsWith('Step ') && window.__progress.at(-1) !== text) window.__progress.push(text);
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def large_log(tmp_path_factory):
    return write_large_log(tmp_path_factory.mktemp("large") / "activity_log.csv.gz")


def test_a_log_past_the_row_limit_is_read_in_batches_with_progress_and_gives_the_deck(app_url, browser, artefacts,
                                                                                     large_log, tmp_path):
    page = browser.new_page(viewport=TALL, accept_downloads=True)
    page.set_default_timeout(120_000)  # a loaded 2-core machine reads 2M rows slowly
    user = Person(page)
    page.goto(app_url + "/upload")
    wait_idle(page)
    page.evaluate(RECORD_PROGRESS)
    user.drop(large_log)
    page.get_by_text(re.compile(r"^Read in batches \(")).wait_for()  # the card's note, not the page's caption
    wait_idle(page)

    progress = page.evaluate("() => window.__progress")
    counts = [int(m[1].replace(",", "")) for t in progress if (m := re.search(r": ([\d,]+) rows read$", t))]
    assert any(0 < n < ROWS for n in counts), progress  # the reduction's own progress, not only its end
    # The count only grows, up to the file's rows; its last value may go unseen (the page draws the latest every
    # quarter second, and the bar goes when the read ends; test_progress.py holds the last text to the file's rows).
    assert counts == sorted(counts) and counts[-1] <= ROWS, progress

    text = page.inner_text("body")
    assert f"Read in batches ({ROWS:,} rows; in memory the limit is 2,000,000)" in text
    assert "Not checked on a file this large: exact duplicate rows" in text
    assert f"{ROWS - len(UNREADABLE):,}" in page.locator('[data-testid="stMetricValue"]').first.inner_text()
    assert f"{ROWS - len(UNREADABLE):,} rows from 1 file" in text  # the file's rows, not the sums kept
    user.click(page.get_by_text(f"{len(UNREADABLE)} rows skipped, and why"), "the skipped rows")
    wait_idle(page)
    shoot(page, artefacts, "large-upload", whole=True)
    grid = page.locator('[data-testid="stExpander"]', has_text="rows skipped, and why").locator(
        '[data-testid="stDataFrame"]')
    # The grid draws on a canvas and fills its cells for screen readers a moment later (in the clean-clone CI run
    # they were not there yet): wait for the last of them, then read them all.
    grid.locator("[role=gridcell]").nth(2 * len(UNREADABLE) - 1).wait_for(state="attached")
    cells = grid.evaluate("grid => [...grid.querySelectorAll('[role=gridcell]')].map(cell => cell.textContent)")
    rows = dict(zip(cells[::2], cells[1::2], strict=True))  # row -> reason
    assert {int(r) for r in rows} == set(UNREADABLE), rows
    assert all(f"'{UNREADABLE[int(r)]}' is not a duration" in why for r, why in rows.items()), rows

    for step in ("Classify", "Settings", "Scenario", "Story", "Export"):
        user.next(step)
    deck, _ = user.download("Download the deck (.pptx)", tmp_path / "deck.pptx")
    shoot(page, artefacts, "large-export")
    expected = tmp_path / "expected.pptx"
    expected.write_bytes(sk.build_deck(sk.build_story(sk.load((large_log.name, large_log.read_bytes())))))
    assert outline(deck) == outline(expected)
    page.close()
