"""The one way from files to a deck: load, analyse, tell, draw. The CLI, the app and the API all take it.

Each step is a function the app can cache on its own (a rewritten title never counts the hours
again); `build` runs them all, as the CLI does. Renderers are imported only when a deck is drawn,
so reading a file never pays for python-pptx; the narrative and the follow-up only when a story is
told or measured, so `storykit inspect` never imports them (~20 ms of its start).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from storykit import ingest
from storykit.analysis import Metrics, compute_metrics
from storykit.classify import Classification, classify
from storykit.cube import Cube, cube_of
from storykit.memory import give_back_now
from storykit.model import TimeLog
from storykit.progress import Progress
from storykit.project import Project
from storykit.scenario import Outcome, apply_scenario

if TYPE_CHECKING:
    from storykit.export.options import DeckOptions
    from storykit.followup import FollowUp
    from storykit.lint import Finding
    from storykit.narrative import Story
    from storykit.ownership.change import Change
    from storykit.ownership.review import Review

Input = str | Path | tuple[str, bytes]  # a path, or a file's name and bytes (an upload)


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
        from storykit.ownership.review import review

        return review(self.classification, self.cube.hours_by("activity").to_dict())

    def change_since(self, before: Analysis, what: str) -> Change:
        """What a decision changed, from the analysis of the same data before it to this one."""
        from storykit.ownership.change import change

        return change(before.classification, self.classification, self.cube.hours_by("activity").to_dict(), what)

    @property
    def new_labels(self) -> tuple[str, ...]:
        """Labels the saved project had never seen: listed as unassigned until someone decides."""
        return self.classification.new_labels


@dataclass(frozen=True, eq=False)
class Built:
    """What `build` made, step by step: the log, its analysis, the story and the deck's bytes."""

    log: TimeLog
    analysis: Analysis
    story: Story
    deck: bytes


def load(*inputs: Input, mappings: Mapping[str, Mapping[str, str]] | None = None,
         progress: Progress | None = None) -> TimeLog:
    """Read and combine files; every row keeps its file. The log is reduced to its cube here, once,
    so everything after loading costs the same for a thousand rows or two million."""
    log = ingest.load(*inputs, mappings=mappings, progress=progress)
    give_back_now()  # the cells just read are freed: their pages go back before the cube is summed (app only)
    rows = log.rows_read
    if progress is not None:
        progress(0.95, f"summing {rows:,} rows by person, activity and week")
    if not log.frame.empty:
        cube_of(log)  # built now, kept for as long as the log lives
    if progress is not None:
        progress(1.0, f"{rows:,} rows read")
    return log


def analyse(log: TimeLog | Cube, project: Project | None = None) -> Analysis:
    """Classify the labels, count every number, and play the scenario through."""
    project = project or Project()
    cube = log if isinstance(log, Cube) else cube_of(log)
    labels = cube.frame["activity"].unique().tolist()
    hours = cube.frame.groupby("activity")["hours"].sum().to_dict()
    classification = classify(labels, project.assignments, project.rules, known=project.known_labels, hours=hours,
                              texts=cube.texts, own_work=project.settings.own_work or None)
    metrics = compute_metrics(cube, classification, project.settings)
    sources = tuple(dict.fromkeys(s.file for s in log.sources)) if isinstance(log, TimeLog) else ()
    return Analysis(classification, cube, metrics, apply_scenario(metrics, project.scenario), sources)


def build_story(log: TimeLog | Analysis, project: Project | None = None) -> Story:
    """The three-act story for a time log (or an analysis already made) under a project's choices."""
    from storykit.narrative import build_story as tell

    project = project or Project()
    analysis = log if isinstance(log, Analysis) else analyse(log, project)
    return tell(analysis.metrics, analysis.outcome, project.settings, project.scenario,
                analysis.sources, project.service, project.edits)


def saved_project(project: Project, analysis: Analysis) -> Project:
    """The project as it is saved with its data: the data's labels marked as reviewed, and the baseline.

    The baseline is this period's, unless the project holds one this data is later than: then the
    plan is still running, and the baseline it is measured against stays.
    """
    from storykit.followup import baseline_of

    keep = project.baseline is not None and analysis.metrics.last > project.baseline.last
    baseline = project.baseline if keep else baseline_of(analysis.metrics, analysis.outcome,
                                                         project.scenario.stage_weeks)
    return dataclasses.replace(project.remember_labels(analysis.classification.labels), baseline=baseline)


def can_follow_up(analysis: Analysis, project: Project) -> bool:
    """Whether the project keeps a baseline and this data has weeks after it: the second meeting's story."""
    from storykit.followup import is_later

    return project.baseline is not None and is_later(project.baseline, analysis.metrics.last)


def follow_up(log: TimeLog | Analysis, project: Project) -> FollowUp:
    """The later period held against the project's baseline: planned back and actual, owner by owner."""
    from storykit.followup import follow_up as measure

    analysis = log if isinstance(log, Analysis) else analyse(log, project)
    return measure(project.baseline, analysis.cube, analysis.classification, project.settings)


def build_follow_up(log: TimeLog | Analysis, project: Project) -> Story:
    """The second meeting's story: what we agreed, what happened, what next."""
    from storykit.narrative.followup import build_follow_up as tell_follow_up

    analysis = log if isinstance(log, Analysis) else analyse(log, project)
    return tell_follow_up(follow_up(analysis, project), project.settings, project.scenario, analysis.sources)


def build_deck(story: Story, options: DeckOptions | None = None) -> bytes:
    """The .pptx bytes for a story: three slides, native charts, speaker notes.

    With `DeckOptions(appendix=True)` the story's method and data tables follow as slides.
    """
    from storykit.export.pptx import build_deck as draw

    return draw(story, options)


def lint_story(story: Story) -> tuple[Finding, ...]:
    """Story-lint warnings for the app to show: titles without numbers, too long, no message..."""
    from storykit.lint import lint_story as check

    return check(story)


def build(inputs: Sequence[Input], project: Project | None = None, options: DeckOptions | None = None,
          progress: Progress | None = None, follow_up: bool = False) -> Built:
    """Files to deck in one call: load (with the project's column choices), analyse once, tell, draw.

    `follow_up`: the second meeting's deck, these files against the project's baseline.
    """
    project = project or Project()
    if follow_up:
        from storykit.followup import require_baseline

        require_baseline(project.baseline)  # before any file is read
    log = load(*inputs, mappings=project.mappings, progress=progress)
    analysis = analyse(log, project)
    story = build_follow_up(analysis, project) if follow_up else build_story(analysis, project)
    return Built(log, analysis, story, build_deck(story, options))
