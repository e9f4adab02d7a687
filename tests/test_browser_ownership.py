"""Whose work it is, in a real browser: a keyword rule says what it will move before it is applied,
again once applied, and the story's title carries the new share.

The issue's first-time user pressed Assign and saw the story jump to 67% with no word; here the
same kind of rule must be previewed (labels, their share of working time, the share before -> after)
and confirmed. Screenshots go to tests/artefacts/ for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import storykit as sk
from tests.browser_session import TALL, Person, choose, rerun, shoot, wait_idle
from tests.conftest import SAMPLES

pytestmark = pytest.mark.browser
HARVEST = SAMPLES / "harvest_service_desk.csv"


def test_a_rule_is_previewed_confirmed_and_reaches_the_story(app_url, browser, artefacts):
    ruled = sk.Project(rules=(sk.Rule("Customer", sk.Choice.of_team("Finance")),))
    before, after = sk.analyse(sk.load(HARVEST)), sk.analyse(sk.load(HARVEST), ruled)
    story_title = sk.build_story(after, ruled).acts[0].title
    move = f"{before.metrics.other_team_share:.0%} → {after.metrics.other_team_share:.0%}"
    page = browser.new_page(viewport=TALL)
    page.set_default_timeout(60_000)
    user = Person(page)
    page.goto(app_url)
    wait_idle(page)
    user.click(page.get_by_role("button", name=re.compile("Use my own data")), "Use my own data")
    page.get_by_role("heading", name="Upload", exact=True).wait_for(timeout=30_000)
    user.drop(HARVEST)
    page.get_by_text("Harvest, detailed time").wait_for(timeout=60_000)
    wait_idle(page)
    user.next("Classify")
    page.get_by_text(before.review.sentence).wait_for()

    page.get_by_text("Decide many labels at once, by keyword").click()
    user.type(page.get_by_role("textbox", name="Labels containing"), "Customer", "a keyword")
    rerun(page, lambda: choose(page, "are", "Finance's work"))
    preview = page.get_by_text(re.compile(r"^This rule changes 2 labels"))
    expect(preview).to_contain_text(move)  # said before anything is applied
    shoot(page, artefacts, "ownership-1-rule-preview")

    rerun(page, lambda: page.get_by_role("button", name="Apply").click())
    expect(page.get_by_text(re.compile(r"^Your rule 'Customer' changes 2 labels"))).to_contain_text("A big move")
    shoot(page, artefacts, "ownership-2-rule-applied")

    user.go("Story")
    title = page.get_by_role("textbox", name="Title (the slide's message, with its number)").first
    expect(title).to_have_value(story_title)
    assert "you decided 2" in after.review.sentence
    page.get_by_text(after.review.sentence).wait_for()  # the review line before the story
    shoot(page, artefacts, "ownership-3-story")
    page.close()
