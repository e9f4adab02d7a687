"""storykit: turn a team's time logs into a three-act story and a deck leadership acts on.

    import storykit as sk
    built = sk.build(["toggl.csv"], sk.Project())          # load, analyse, tell, draw
    open("deck.pptx", "wb").write(built.deck)

    log = sk.load("toggl.csv")                              # or step by step, as the app does
    story = sk.build_story(log, sk.Project())
    open("deck.pptx", "wb").write(sk.build_deck(story))

    project = sk.saved_project(sk.Project(), sk.analyse(log))   # this period kept as the baseline
    follow = sk.build_follow_up(sk.load("toggl-next.csv"), project)  # the second meeting: plan vs actual

The names below are the public API; storykit/pipeline.py is where they are put together.
"""

from __future__ import annotations

from storykit.analysis import Metrics
from storykit.baseline import Baseline
from storykit.classify import Classification, Rule, classify
from storykit.cube import Cube, cube_of
from storykit.errors import FollowUpError, FormatError, LimitError, ProjectError, ReadError, StoryKitError
from storykit.export.options import DeckOptions
from storykit.followup import FollowUp, require_baseline
from storykit.ingest import read_file
from storykit.model import (
    Choice,
    CostRate,
    Edits,
    HandBack,
    Scenario,
    ServiceLevel,
    Settings,
    SkippedRow,
    Source,
    TimeLog,
    is_our_team,
)
from storykit.narrative import Act, Notes, Story, explain
from storykit.narrative.followup import baseline_words
from storykit.ownership.change import Change
from storykit.pipeline import (
    Analysis,
    Built,
    analyse,
    build,
    build_deck,
    build_follow_up,
    build_story,
    can_follow_up,
    follow_up,
    lint_story,
    load,
    saved_project,
)
from storykit.project import Project
from storykit.scenario import Outcome
from storykit.vocabulary import CLASSES, OUR_TEAM

__all__ = [
    "CLASSES", "OUR_TEAM", "Act", "Analysis", "Baseline", "Built", "Change", "Choice", "Classification", "CostRate",
    "Cube", "DeckOptions", "Edits", "FollowUp", "FollowUpError", "FormatError", "HandBack", "LimitError", "Metrics",
    "Notes", "Outcome", "Project", "ProjectError", "ReadError", "Rule", "Scenario", "ServiceLevel", "Settings",
    "SkippedRow", "Source", "Story", "StoryKitError", "TimeLog", "analyse", "baseline_words", "build", "build_deck",
    "build_follow_up", "build_story", "can_follow_up", "classify", "cube_of", "explain", "follow_up", "is_our_team",
    "lint_story", "load", "read_file", "require_baseline", "saved_project",
]
