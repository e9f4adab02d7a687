"""The public API's names, imported together: `storykit/__init__.py` lists them and loads this module
the first time one of them is asked for (so `import storykit` alone imports no pandas)."""

# ruff: noqa: F401  (every name here is re-exported by storykit/__init__.py; tests/test_api.py checks the two agree)
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
