"""Outline snapshots: every sample's deck, for each ask x audience, names off and on, with the appendix.

Each deck's outline (tests/deck_outline.py: titles, points, big numbers, chart types, categories
and values, alt text, notes, appendix tables) is compared with a reviewed file under
tests/snapshots/. A restructuring must leave them all unchanged; a change of wording or number
shows up as a diff that someone accepts on purpose by regenerating:

    STORYKIT_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_snapshots.py

and reviewing `git diff tests/snapshots/` before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import json
import os

import pytest

import storykit as sk
from tests.conftest import ROOT, SAMPLES
from tests.deck_outline import outline

SNAPSHOTS = ROOT / "tests" / "snapshots"
UPDATE = os.environ.get("STORYKIT_UPDATE_SNAPSHOTS") == "1"
SAMPLE_FILES = ("toggl_support_team.csv", "harvest_service_desk.csv", "handmade_care_team.xlsx")
ASKS = ("hand_back", "headcount", "service_level")
AUDIENCES = ("operations", "finance", "people")
NOW = dt.datetime(2026, 11, 2, 9, 30)
CASES = [(name, ask, audience, names) for name in SAMPLE_FILES for ask in ASKS for audience in AUDIENCES
         for names in (False, True)]


@functools.cache
def _log(name: str) -> sk.TimeLog:
    return sk.load((name, (SAMPLES / name).read_bytes()))  # by name: the source line names no folder


def _project(ask: str, audience: str, names: bool) -> sk.Project:
    base = sk.Project.from_json((SAMPLES / "project.json").read_text())
    return dataclasses.replace(
        base,
        settings=dataclasses.replace(base.settings, audience=audience, show_names=names),
        scenario=dataclasses.replace(base.scenario, ask=ask),
    )


def deck_outline(name: str, ask: str, audience: str, names: bool) -> dict:
    project = _project(ask, audience, names)
    analysis = sk.analyse(_log(name), project)
    story = sk.build_story(analysis, project)
    deck = sk.build_deck(story, sk.DeckOptions(now=NOW, appendix=True))
    return outline(deck)


def snapshot_path(name: str, ask: str, audience: str, names: bool):  # type: ignore[no-untyped-def]
    return SNAPSHOTS / name.split(".")[0] / f"{ask}-{audience}-{'names' if names else 'anonymous'}.json"


def _text(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


@pytest.mark.parametrize(("name", "ask", "audience", "names"), CASES,
                         ids=[f"{n.split('.')[0]}-{a}-{u}-{'names' if s else 'anonymous'}" for n, a, u, s in CASES])
def test_deck_outline_matches_its_snapshot(name, ask, audience, names):
    _compare(snapshot_path(name, ask, audience, names), _text(deck_outline(name, ask, audience, names)))


#: The second meeting's deck: the sample team's second period against the baseline its saved project keeps.
FOLLOW_UP = SNAPSHOTS / "followup" / "toggl_support_team_oct_nov.json"


def test_follow_up_deck_outline_matches_its_snapshot():
    base = _project("hand_back", "operations", False)
    saved = sk.saved_project(base, sk.analyse(_log("toggl_support_team.csv"), base))
    story = sk.build_follow_up(_log("toggl_support_team_oct_nov.csv"), saved)
    _compare(FOLLOW_UP, _text(outline(sk.build_deck(story, sk.DeckOptions(now=NOW)))))


def _compare(path, got: str) -> None:  # type: ignore[no-untyped-def]
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_text() != got:
            path.write_text(got)
        return
    assert path.exists(), (f"no snapshot {path.relative_to(ROOT)}: make it with "
                           "STORYKIT_UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py and review it")
    want = path.read_text()
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "snapshot", "now", n=2))
        pytest.fail(f"{path.relative_to(ROOT)} changed; if on purpose, regenerate "
                    f"(STORYKIT_UPDATE_SNAPSHOTS=1) and review the diff:\n{diff[:6000]}")


def test_every_snapshot_file_belongs_to_a_case():
    """A snapshot left from a removed case would never be checked: none may exist."""
    wanted = {snapshot_path(*case) for case in CASES} | {FOLLOW_UP}
    stored = set(SNAPSHOTS.rglob("*.json"))
    assert stored <= wanted, sorted(str(p.relative_to(ROOT)) for p in stored - wanted)


def test_names_show_only_where_a_claim_needs_them():
    """No sample has a material concentration (the top two under 1.5x their even share), so no claim names
    anyone: with names switched on, their decks are the same. Where a few do carry it, names show only on
    opt-in (tests/test_deck_truth.py)."""
    anonymous = deck_outline("toggl_support_team.csv", "hand_back", "people", False)
    named = deck_outline("toggl_support_team.csv", "hand_back", "people", True)
    assert anonymous == named
    assert "Person" not in json.dumps(anonymous)
