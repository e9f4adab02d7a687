"""One way from files to a deck: sk.build is the app's steps run in order, and the CLI takes it."""

from __future__ import annotations

import storykit as sk
from storykit import cli, pipeline
from tests.conftest import SAMPLES
from tests.deck_outline import outline

SAMPLE = SAMPLES / "toggl_support_team.csv"


def project() -> sk.Project:
    return sk.Project.from_json((SAMPLES / "project.json").read_text())


def test_build_is_the_steps_in_order():
    built = sk.build([SAMPLE], project(), sk.DeckOptions(appendix=True))
    log = sk.load(SAMPLE)
    story = sk.build_story(sk.analyse(log, project()), project())
    assert built.story == story
    assert outline(built.deck) == outline(sk.build_deck(story, sk.DeckOptions(appendix=True)))
    assert len(built.log.frame) == len(log.frame) and built.analysis.metrics == sk.analyse(log, project()).metrics


def test_the_cli_builds_through_the_pipeline_and_counts_the_hours_once(tmp_path, monkeypatch):
    calls = []
    analyse = pipeline.analyse
    monkeypatch.setattr(pipeline, "analyse", lambda *a, **k: calls.append(1) or analyse(*a, **k))
    out = tmp_path / "deck.pptx"
    assert cli.main(["build", str(SAMPLE), "-o", str(out), "--appendix"]) == 0
    assert len(calls) == 1
    assert len(outline(out.read_bytes())["slides"]) == 5


def test_the_cube_is_built_once_per_log():
    log = sk.load(SAMPLE)
    assert sk.cube_of(log) is sk.cube_of(log)
    assert sk.analyse(log).cube is sk.cube_of(log)
