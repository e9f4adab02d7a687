"""Several people on one server, in a real browser: nobody sees anyone else's work, and a restart loses
nothing that could be shown to the wrong person.

Small files, so it runs in CI; the same at scale (8 sessions x 200k rows, a 30-upload soak) is
measured in benchmarks/bench_load.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pages import _shared as ui
from tests.browser_session import TALL, Person, free_port, outline, start_server, stop_server, wait_idle
from tests.conftest import SAMPLES

pytestmark = pytest.mark.browser
HARVEST = SAMPLES / "harvest_service_desk.csv"
CARE = SAMPLES / "handmade_care_team.xlsx"
TITLE_BOX = "Title (the slide's message, with its number)"


def start_with(browser, url: str, data: Path) -> tuple[object, Person]:  # type: ignore[no-untyped-def]
    """A new browser context (its own cookies, its own Streamlit session) that has uploaded `data`."""
    context = browser.new_context(viewport=TALL, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(90_000)
    page.goto(url)
    wait_idle(page)
    user = Person(page)
    user.click(page.get_by_role("button", name=re.compile("Use my own data")), "Use my own data")
    page.get_by_role("heading", name="Upload", exact=True).wait_for()
    user.drop(data)
    page.get_by_text(f"Data: {data.name}").first.wait_for()
    wait_idle(page)
    return context, user


def name_team(user: Person, name: str) -> None:
    user.go("Settings")
    user.type(user.page.get_by_role("textbox", name="Team name"), name, "the team's name")


def test_two_sessions_never_see_each_others_files_choices_edits_or_downloads(app_url, browser, tmp_path):
    """Two people on one server at once, steps interleaved: each sees, and downloads, only their own work."""
    alpha_ctx, alpha = start_with(browser, app_url, HARVEST)
    bravo_ctx, bravo = start_with(browser, app_url, CARE)
    name_team(alpha, "Alpha Desk")
    name_team(bravo, "Bravo Care")
    alpha.go("Story")
    edit = "Alpha Desk: our own words for slide one"
    alpha.type(alpha.page.get_by_role("textbox", name=TITLE_BOX).first, edit, "a title", key="Control+Enter")
    bravo.go("Story")
    # waited for, not read once: under load the box is drawn before the story fills it
    expect(bravo.page.get_by_role("textbox", name=TITLE_BOX).first).to_have_value(re.compile(r"^Bravo Care"))

    alpha.go("Export")
    bravo.go("Export")
    decks, projects = {}, {}
    for who, user in (("alpha", alpha), ("bravo", bravo)):
        decks[who] = outline(user.download("Download the deck (.pptx)", tmp_path / f"{who}.pptx")[0])
        projects[who] = json.loads(user.download("Save the project file (.json)", tmp_path / f"{who}.json")[0]
                                   .read_text())
    assert decks["alpha"][0]["title"] == edit
    assert decks["bravo"][0]["title"].startswith("Bravo Care")
    assert not any("Bravo" in s["title"] for s in decks["alpha"])
    assert not any("Alpha" in s["title"] for s in decks["bravo"])
    assert projects["alpha"]["settings"]["team_name"] == "Alpha Desk"
    assert projects["alpha"]["edits"]["titles"] == {"1": edit}
    assert projects["bravo"]["settings"]["team_name"] == "Bravo Care"
    assert projects["bravo"]["edits"]["titles"] == {}
    for user, own, other in ((alpha, HARVEST.name, CARE.name), (bravo, CARE.name, HARVEST.name)):
        text = user.page.content()
        assert own in text and other not in text
        assert ("Bravo" in text) == (user is bravo) and ("Alpha" in text) == (user is alpha)
    alpha_ctx.close()
    bravo_ctx.close()


def test_a_server_restart_mid_journey_says_the_work_was_forgotten(browser):
    """The server restarts under two people mid-journey: each browser reconnects by itself, runs the
    page again in a new session and says the work was forgotten; nobody's data is shown.
    Before app.py's timed fragment, a reconnected browser went on showing the old session's files and
    story although the server had forgotten them (Streamlit reruns a reconnected page only when it
    has a timed fragment)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port)
    try:
        alpha_ctx, alpha = start_with(browser, url, HARVEST)
        name_team(alpha, "Alpha Desk")
        alpha.go("Story")
        bravo_ctx, bravo = start_with(browser, url, CARE)
        stop_server(server)
        server = start_server(port)
        for user in (alpha, bravo):
            user.page.get_by_text(ui.FORGOTTEN_TITLE).first.wait_for(timeout=120_000)  # reconnected, rerun
            wait_idle(user.page)
            text = user.page.content()
            assert HARVEST.name not in text and CARE.name not in text
            assert "Alpha Desk" not in text
            assert "Traceback" not in text
        alpha_ctx.close()
        bravo_ctx.close()
    finally:
        stop_server(server)
