"""The follow-up's test material: the sample team's two periods from the generator, variations of the
second period (edge cases), and the planned-versus-actual arithmetic done by hand from the generated
entries, never from storykit.

The generator (sample_data/make_samples.py) is imported from its file; each case is a list of
entries (day, person, label, start minute, minutes) written as a Toggl CSV and read by storykit.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
from collections import defaultdict
from dataclasses import dataclass

import storykit as sk
from tests.conftest import SAMPLES

Rows = list[tuple[dt.date, str, str, int, int]]

# Whose work each other-team label of the sample is, as a person reads the labels (and the presets decide).
OWNER_OF = {"Phone overflow": "Contact Centre", "Invoice queries": "Finance", "IT escalations": "IT",
            "Order error rework": "Sales", "Training other teams": "Other teams (training)"}
# The sample project's plan (sample_data/project.json): Contact Centre 60%, every other owner the default
# 50%, each through all three stages, stage 1 from the Monday after the baseline, stages 4 weeks apart.
SHARE = {"Contact Centre": 0.6}
DEFAULT_SHARE = 0.5
STAGE_WEEKS = 4
CONTRACT = 37.5


@functools.cache
def generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def params() -> dict:
    return generator().SAMPLES["toggl_support_team.csv"][1]


def baseline_rows() -> Rows:
    return generator().entries(**params())


def later_rows() -> Rows:
    return generator().later_entries(**params())


def shifted(rows: Rows, weeks: int) -> Rows:
    return [(d + dt.timedelta(weeks=weeks), p, label, m, n) for d, p, label, m, n in rows]


def relabelled(rows: Rows, labels: dict[str, str]) -> Rows:
    return [(d, p, labels.get(label, label), m, n) for d, p, label, m, n in rows]


def log_of(rows: Rows, name: str = "later.csv") -> sk.TimeLog:
    return sk.load((name, generator().toggl(rows)))


def sample_project() -> sk.Project:
    return sk.Project.from_json((SAMPLES / "project.json").read_text())


@functools.cache
def saved_sample_project() -> sk.Project:
    """The sample project as saved with its data: the first period is its baseline."""
    project = sample_project()
    return sk.saved_project(project, sk.analyse(log_of(baseline_rows(), "toggl_support_team.csv"), project))


# -- the hand computation -----------------------------------------------------------------------------
def per_week(rows: Rows, weeks: int) -> dict[str, float]:
    """Other teams' hours a week by owner, summed from the entries' minutes."""
    out: dict[str, float] = defaultdict(float)
    for _, _, label, _, minutes in rows:
        if label in OWNER_OF:
            out[OWNER_OF[label]] += minutes / 60 / weeks
    return dict(out)


@dataclass(frozen=True)
class Hand:
    """Per owner: hours a week before and now, what the plan has back by now, and what came back."""

    before: dict[str, float]
    now: dict[str, float]
    planned: dict[str, float]

    def back(self, owner: str) -> float:
        return self.before[owner] - self.now.get(owner, 0.0)

    @property
    def total_planned(self) -> float:
        return sum(self.planned.values())

    @property
    def total_back(self) -> float:
        return sum(self.back(o) for o in self.before)


def by_hand(later: Rows, later_weeks: int, stage_of_week: list[int]) -> Hand:
    """`stage_of_week`: the plan's stage in each week of the later period (a third of the share back at
    stage 1, two thirds at stage 2, all at stage 3)."""
    before = per_week(baseline_rows(), params()["weeks"])
    fraction = sum(stage / 3 for stage in stage_of_week) / len(stage_of_week)
    planned = {o: h * SHARE.get(o, DEFAULT_SHARE) * fraction for o, h in before.items()}
    return Hand(before, per_week(later, later_weeks), planned)


def build_follow_up(rows: Rows, project: sk.Project | None = None) -> tuple[sk.FollowUp, sk.Story]:
    project = project or saved_sample_project()
    analysis = sk.analyse(log_of(rows), project)
    return sk.follow_up(analysis, project), sk.build_follow_up(analysis, project)
