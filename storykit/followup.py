"""Plan against actual: a later period held against the baseline a project keeps, owner by owner.

The second meeting's numbers, each defined once here (the narrative only words them):

    before        an owner's work we did a week in the baseline
    now           the same owner's work a week in the later period (only its weeks after the baseline)
    back          before - now: what came back to us (negative: it grew)
    planned back  week by week, before x share x the fraction of the stage that owner had reached that
                  week (vocabulary.STAGE_FRACTIONS, as scenario.OwnerPlan.reclaimed_at), averaged over
                  the later period's weeks

An owner with less than half its planned back has stalled; other teams' work the plan never held
(an owner the baseline did not have, or one with no share) that grew is new work. Every hour is
counted in hours a week, not per person, so a team that grew hands nothing back by growing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from storykit.analysis import Metrics, compute_metrics
from storykit.baseline import Baseline, OwnerBaseline
from storykit.classify import Classification
from storykit.cube import Cube
from storykit.errors import FollowUpError
from storykit.model import Choice, Settings
from storykit.scenario import Outcome, OwnerPlan, stage_on
from storykit.vocabulary import STAGES
from storykit.weeks import next_week_start

STALLED_BELOW = 0.5  # of its planned back: an owner that gave back less than this has stalled
ON_PLAN = 0.1  # within 10% of the planned back is "as planned"
NEW_WORK_FROM = 0.5  # hours a week: less growth than this in work the plan never held is noise
DIGITS = 4  # a baseline's hours are kept to 0.0001 h: exact through the project file and back

Status = Literal["stalled", "behind", "as_planned", "ahead", "not_due", "new", "outside"]
Decision = Literal["next_stage", "fix_owner", "stop"]  # approve the next stage, fix a stalled owner, or stop


def baseline_of(metrics: Metrics, outcome: Outcome, stage_weeks: int) -> Baseline:
    """The period's summary and the plan made from it: what a saved project keeps."""
    plans = {p.owner: p for p in outcome.plans}
    owners = []
    for owner, hours in metrics.by_owner:
        plan = plans[owner]
        start = plan.start or outcome.plan_start
        owners.append(OwnerBaseline(owner, round(hours / metrics.weeks, DIGITS), plan.share, plan.stage, start))
    return Baseline(metrics.first, metrics.last, metrics.team_size, metrics.contracted_weekly_hours,
                    round(metrics.work_per_week, DIGITS), stage_weeks, tuple(owners))


@dataclass(frozen=True)
class OwnerProgress:
    """One other team's work: as it was, as the plan has it by now, and as it is."""

    owner: str
    before: float  # hours a week in the baseline
    now: float  # hours a week in the later period
    share: float  # agreed share (0: not in the plan)
    last_stage: int  # the last stage agreed
    stage_due: int  # the stage due by the later period's last week (0: not begun)
    planned_back: float  # hours a week the plan has back by now, averaged over the period's weeks
    planned_final: float  # hours a week back once the owner's last stage is reached
    labels: tuple[tuple[str, float], ...] = ()  # the owner's labels now, hours a week, most first

    @property
    def back(self) -> float:
        return self.before - self.now

    @property
    def in_plan(self) -> bool:
        return self.share > 0 and self.before > 0

    @property
    def shortfall(self) -> float:
        """Hours a week the plan has back by now that did not come back (0 when on plan or ahead)."""
        return max(self.planned_back - self.back, 0.0)

    @property
    def status(self) -> Status:
        if not self.in_plan:
            return "new" if self.now - self.before >= NEW_WORK_FROM else "outside"
        if self.planned_back <= 0:
            return "not_due"
        if self.back < STALLED_BELOW * self.planned_back:
            return "stalled"
        if self.back < (1 - ON_PLAN) * self.planned_back:
            return "behind"
        return "as_planned" if self.back <= (1 + ON_PLAN) * self.planned_back else "ahead"

    def planned_at(self, stage: int) -> float:
        """Hours a week back once this owner has reached `stage` (capped at its last stage agreed)."""
        return _plan(self).reclaimed_at(stage) if self.in_plan else 0.0

    def to_free(self, stage: int) -> float:
        """Hours a week `stage` still has to bring back from this owner: the plan's back at that stage less
        what already came back (0 for an owner already there: stage 2 frees nothing twice)."""
        return max(self.planned_at(stage) - self.back, 0.0)

    def level_at(self, stage: int) -> float:
        """Hours a week of this owner's work we would still do once `stage` is reached, as planned;
        an owner already below that level stays where it is."""
        return min(self.now, self.before - self.planned_at(stage)) if self.in_plan else self.now


@dataclass(frozen=True)
class NextStage:
    stage: int
    what: str
    starts: dt.date  # the first owner that goes on to it begins then
    owners: tuple[str, ...]  # owners due to go on to it, most hours first
    adds_per_week: float  # hours a week it brings back beyond what already came back (OwnerProgress.to_free)


@dataclass(frozen=True)
class NewLabel:
    """A label first seen after the baseline: its hours a week and whose work it was decided to be."""

    label: str
    hours_per_week: float
    choice: Choice


@dataclass(frozen=True)
class FollowUp:
    """The later period held against the baseline: per owner, per stage, and what to decide next."""

    baseline: Baseline
    metrics: Metrics  # the later period's numbers, its weeks after the baseline only
    owners: tuple[OwnerProgress, ...]  # the plan's owners (most hours before first), then new ones
    stages_in_period: tuple[int, ...]  # stages in effect during the period, in order (0: before stage 1)
    overlap_weeks: int  # weeks of the new data that the baseline already covered: left out
    next: NextStage | None
    new_labels: tuple[NewLabel, ...] = ()

    # -- totals, hours a week ------------------------------------------------------------------
    @property
    def before(self) -> float:
        return self.baseline.other_per_week

    @property
    def now(self) -> float:
        return self.metrics.other_per_week

    @property
    def back(self) -> float:
        """What came back from the owners in the plan (new work is counted on its own: `new_work`)."""
        return sum(o.back for o in self.owners if o.in_plan)

    @property
    def planned_back(self) -> float:
        return sum(o.planned_back for o in self.owners)

    @property
    def planned_final(self) -> float:
        return sum(o.planned_final for o in self.owners)

    @property
    def new_work(self) -> float:
        """Hours a week of other teams' work the plan never held that appeared or grew."""
        return sum(o.now - o.before for o in self.owners if o.status == "new")

    @property
    def own_before(self) -> float:
        """Our own work a week in the baseline (working hours less other teams' work)."""
        return self.baseline.work_hours_per_week - self.before

    @property
    def own_now(self) -> float:
        return self.metrics.own_hours / self.metrics.weeks

    def fte(self, hours_per_week: float) -> float:
        return self.metrics.fte_per_week(hours_per_week)

    # -- the plan ----------------------------------------------------------------------------------
    def planned_at(self, stage: int) -> float:
        """Hours a week the plan has back once every owner has reached `stage`."""
        return sum(o.planned_at(stage) for o in self.owners)

    @property
    def stages_agreed(self) -> int:
        """The last stage any owner in the plan agreed to (0: nobody gives anything back)."""
        return max((o.last_stage for o in self.owners if o.in_plan), default=0)

    def stage_starts(self, stage: int) -> dt.date | None:
        """When the first owner in the plan begins `stage`; None if no owner goes that far."""
        dates = [self.baseline.stage_dates(b)[stage - 1] for b in self.baseline.owners
                 if b.share > 0 and b.stage >= stage]
        return min(dates) if dates else None

    # -- who, and what next ----------------------------------------------------------------------
    def with_status(self, *statuses: Status) -> tuple[OwnerProgress, ...]:
        return tuple(o for o in self.owners if o.status in statuses)

    @property
    def stalled(self) -> tuple[OwnerProgress, ...]:
        """Owners that gave back less than half of what was due, the largest shortfall first."""
        return tuple(sorted(self.with_status("stalled"), key=lambda o: -o.shortfall))

    @property
    def stage_due(self) -> int:
        """The last stage in effect during the period (0: stage 1 had not begun)."""
        return self.stages_in_period[-1] if self.stages_in_period else 0

    @property
    def goal_reached(self) -> bool:
        """As much came back as the whole plan meant to hand back."""
        return self.planned_final > 0 and self.back >= self.planned_final

    @property
    def decision(self) -> Decision:
        """What the second meeting is asked for: the next stage, a fix for a stalled owner, or to stop."""
        if self.goal_reached or (self.next is None and not self.stalled):
            return "stop"
        return "fix_owner" if self.stalled else "next_stage"

    def other_at(self, stage: int) -> float:
        """Other teams' work a week once `stage` is reached as planned, from where each owner is now."""
        return sum(o.level_at(stage) for o in self.owners)

    @property
    def team_grew(self) -> int:
        """People more (or fewer, negative) than in the baseline; 0 where either log does not say who worked."""
        now, before = self.metrics.team_size, self.baseline.team_size
        return 0 if now is None or before is None else now - before


MAKE_BASELINE = ("Save the first period's project with its data (in the app, or with `storykit build FIRST_FILES "
                 "--project P.json --save-project P2.json -o deck.pptx`), then build the follow-up from the later "
                 "exports with that project")


def require_baseline(baseline: Baseline | None, file: str | None = None,
                     problem: str = "this project has no baseline to follow up") -> Baseline:
    """The baseline, or the one error that says how to make one."""
    if baseline is None:
        raise FollowUpError(problem, file=file, hint=MAKE_BASELINE)
    return baseline


def is_later(baseline: Baseline, last: dt.date) -> bool:
    """Whether data ending on `last` has a week after the baseline's last week: a period to follow up."""
    return last >= next_week_start(baseline.last)


def follow_up(baseline: Baseline | None, cube: Cube, classification: Classification, settings: Settings) -> FollowUp:
    """Hold the weeks of `cube` after the baseline against the plan the baseline keeps."""
    baseline = require_baseline(baseline)
    later, overlap = _after(cube, baseline)
    metrics = compute_metrics(later, classification, settings)
    mondays = later.mondays
    now = {owner: hours / metrics.weeks for owner, hours in metrics.by_owner}
    labels: dict[str, list[tuple[str, float]]] = {}
    for label, owner, hours, _ in metrics.other_team_labels:
        labels.setdefault(owner, []).append((label, hours / metrics.weeks))
    owners = [_progress(baseline, o, now.get(o.owner, 0.0), mondays, labels.get(o.owner, [])) for o in baseline.owners]
    owners += [OwnerProgress(owner, 0.0, hours, 0.0, 0, 0, 0.0, 0.0, tuple(labels.get(owner, [])))
               for owner, hours in now.items() if baseline.of(owner) is None]
    stages = sorted({min(stage_on(_plan_of(baseline, o), m), o.stage) for o in baseline.owners if o.share > 0
                     for m in mondays})
    week_hours = later.frame.groupby("activity")["hours"].sum() / metrics.weeks
    new = tuple(NewLabel(label, float(week_hours[label]), classification.of(label))
                for label in classification.new_labels if week_hours.get(label, 0.0) > 0)
    return FollowUp(baseline, metrics, tuple(owners), tuple(stages), overlap,
                    _next_stage(baseline, owners), tuple(sorted(new, key=lambda n: -n.hours_per_week)))


def _plan_of(baseline: Baseline, owner: OwnerBaseline) -> OwnerPlan:
    """The owner's plan as scenario.py states plans, so one arithmetic gives the hours back at a stage."""
    return OwnerPlan(owner.owner, owner.hours_per_week, owner.share, owner.stage, 0.0, owner.start,
                     baseline.stage_dates(owner))


def _plan(progress: OwnerProgress) -> OwnerPlan:
    return OwnerPlan(progress.owner, progress.before, progress.share, progress.last_stage, 0.0)


def _progress(baseline: Baseline, owner: OwnerBaseline, now: float, mondays: list[dt.date],
              labels: list[tuple[str, float]]) -> OwnerProgress:
    plan = _plan_of(baseline, owner)
    planned = sum(plan.reclaimed_at(stage_on(plan, m)) for m in mondays) / len(mondays)
    due = min(stage_on(plan, mondays[-1]), owner.stage) if owner.share > 0 else 0
    return OwnerProgress(owner.owner, owner.hours_per_week, now, owner.share, owner.stage, due, planned,
                         plan.reclaimed_at(3), tuple(labels))


def _next_stage(baseline: Baseline, owners: list[OwnerProgress]) -> NextStage | None:
    """The earliest stage still to come for any owner in the plan, with the owners due to go on to it."""
    upcoming = [(o.stage_due + 1, o) for o in owners if o.in_plan and o.stage_due < o.last_stage]
    if not upcoming:
        return None
    stage = min(s for s, _ in upcoming)
    going = [o for s, o in upcoming if s == stage]
    dates = [baseline.stage_dates(b)[stage - 1] for o in going if (b := baseline.of(o.owner)) is not None]
    adds = sum(o.to_free(stage) for o in going)
    return NextStage(stage, STAGES[stage], min(dates), tuple(o.owner for o in going), adds)


def _after(cube: Cube, baseline: Baseline) -> tuple[Cube, int]:
    """The cube's weeks after the baseline's last week, and how many weeks were left out as overlap."""
    since = next_week_start(baseline.last)
    weeks = cube.frame["week"]
    keep = weeks >= pd.Timestamp(since)
    if not is_later(baseline, cube.last) or not keep.any():
        raise FollowUpError(f"the new data ({_span(cube.first, cube.last)}) is not later than the baseline "
                            f"({_span(baseline.first, baseline.last)})",
                            hint=f"Use exports from {since.day} {since:%b %Y} on to see what the plan has freed")
    if keep.all():
        return cube, 0
    overlap = int(weeks[~keep].nunique())
    frame = cube.frame[keep].reset_index(drop=True)
    return Cube(frame, max(cube.first, since), cube.last, None, 0, cube.texts), overlap


def _span(first: dt.date, last: dt.date) -> str:
    return f"{first.day} {first:%b %Y} to {last.day} {last:%b %Y}"
