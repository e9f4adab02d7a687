"""storykit: turn a team's time logs into a three-act story and a deck leadership acts on.

    import storykit as sk
    log = sk.load("toggl.csv")
    story = sk.build_story(log, sk.Project())
    open("deck.pptx", "wb").write(sk.build_deck(story))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from storykit.analysis import Cube, Metrics, compute_metrics
from storykit.classify import Classification, Rule, classify
from storykit.errors import FormatError, LimitError, ProjectError, ReadError, StoryKitError
from storykit.export.options import DeckOptions
from storykit.ingest import load, read_file
from storykit.model import (
    Choice,
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
from storykit.narrative import build_story as _narrate
from storykit.ownership.review import Review, review
from storykit.project import Project
from storykit.scenario import Outcome, apply_scenario
from storykit.vocabulary import CLASSES, OUR_TEAM

if TYPE_CHECKING:
    from storykit.lint import Finding

__all__ = [
    "CLASSES", "OUR_TEAM", "Act", "Analysis", "Choice", "Classification", "Cube", "DeckOptions", "Edits",
    "FormatError", "HandBack",
    "LimitError", "Metrics", "Notes", "Outcome", "Project", "ProjectError", "ReadError", "Rule", "Scenario",
    "ServiceLevel", "Settings", "SkippedRow", "Source", "Story", "StoryKitError", "TimeLog", "analyse",
    "build_deck", "build_story", "classify", "explain", "is_our_team", "lint_story", "load", "read_file",
]


@dataclass(frozen=True, eq=False)
class Analysis:
    """Everything between the log and the story, for the app to show and explain."""

    classification: Classification
    cube: Cube
    metrics: Metrics
    outcome: Outcome
    sources: tuple[str, ...] = ()  # the files the log came from, named in the story's source line

    @property
    def review(self) -> Review:
        """Who decided how much of the working time, and which labels are still open."""
        return review(self.classification, self.cube.frame.groupby("activity")["hours"].sum().to_dict())

    @property
    def new_labels(self) -> tuple[str, ...]:
        """Labels the saved project had never seen: listed as unassigned until someone decides."""
        return self.classification.new_labels


def analyse(log: TimeLog | Cube, project: Project | None = None) -> Analysis:
    project = project or Project()
    cube = log if isinstance(log, Cube) else log.cube
    labels = cube.frame["activity"].unique().tolist()
    hours = cube.frame.groupby("activity")["hours"].sum().to_dict()
    classification = classify(labels, project.assignments, project.rules, known=project.known_labels, hours=hours,
                              texts=cube.texts, own_work=project.settings.own_work or None)
    metrics = compute_metrics(cube, classification, project.settings)
    sources = tuple(dict.fromkeys(s.file for s in log.sources)) if isinstance(log, TimeLog) else ()
    return Analysis(classification, cube, metrics, apply_scenario(metrics, project.scenario), sources)


def build_story(log: TimeLog | Analysis, project: Project | None = None) -> Story:
    """The three-act story for a time log (or an analysis already made) under a project's choices."""
    project = project or Project()
    analysis = log if isinstance(log, Analysis) else analyse(log, project)
    return _narrate(analysis.metrics, analysis.outcome, project.settings, project.scenario,
                    analysis.sources, project.service, project.edits)


def build_deck(story: Story, options: DeckOptions | None = None) -> bytes:
    """The .pptx bytes for a story: three slides, native charts, speaker notes.

    With `DeckOptions(appendix=True)` the story's method and data tables follow as slides.
    """
    from storykit.export.pptx import build_deck as _build

    return _build(story, options)


def lint_story(story: Story) -> tuple[Finding, ...]:
    """Story-lint warnings for the app to show: titles without numbers, too long, no message..."""
    from storykit.lint import lint_story as _lint

    return _lint(story)
