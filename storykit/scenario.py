"""What could be: the arithmetic of handing other teams' work back, stage by stage.

A hand-back goes in three stages, because work cannot stop until it has a home:
  1. redirect new requests to the owner       -> a third of the agreed share has gone back
  2. help lightly, take a message             -> two thirds of it
  3. the owner handles it fully               -> all of it
Each owner has its own share (how much of its work goes back in the end), the last stage
agreed (an owner stopping at stage 2 gives back two thirds of its share) and a start date;
each later stage begins `Scenario.stage_weeks` weeks after the one before.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storykit.analysis import Metrics
from storykit.model import Scenario, ServiceLevel
from storykit.vocabulary import STAGE_FRACTIONS, STAGES
from storykit.weeks import next_week_start

MAX_WEEKS = 520  # a backlog the plan would not clear in ten years is never cleared


@dataclass(frozen=True)
class OwnerPlan:
    owner: str
    hours_per_week: float  # this owner's work we do today
    share: float  # of it, what goes back once stage 3 is reached
    stage: int  # the last stage agreed
    reclaimed_per_week: float  # once the owner's last stage is reached
    start: dt.date | None = None  # stage 1 begins
    stage_dates: tuple[dt.date, ...] = ()  # when stages 1, 2, 3 begin for this owner

    def reclaimed_at(self, stage: int) -> float:
        """Hours per week back once this owner has reached `stage` (capped at its last stage)."""
        return self.hours_per_week * self.share * STAGE_FRACTIONS[max(0, min(stage, self.stage, 3))]


@dataclass(frozen=True)
class StagePlan:
    """Where the whole plan stands once every owner has reached a stage: cumulative figures."""

    stage: int
    what: str
    starts: dt.date  # the first owner enters this stage
    complete: dt.date  # the last owner enters it: from then on the figures below hold
    reclaimed_per_week: float
    fte: float
    cost: float | None  # a year of the reclaimed time; None without an hourly cost


@dataclass(frozen=True)
class Outcome:
    """The scenario's result: reclaimed time in hours per week, FTE and money, per stage."""

    plans: tuple[OwnerPlan, ...]
    reclaimed_per_week: float
    reclaimed_fte: float
    reclaimed_cost: float | None
    other_share_after: float
    headcount_needed: float  # FTE it takes to carry the other-team load as it is
    stages: tuple[StagePlan, ...]  # always the three stages, in order
    headcount_cost: float | None = None  # a year of that headcount; None without an hourly cost
    remaining_per_week: float = 0.0  # other teams' work we still do once the plan is complete

    @property
    def share_of_other(self) -> float:
        """The part of other teams' work that goes back (0..1)."""
        total = sum(p.hours_per_week for p in self.plans)
        return self.reclaimed_per_week / total if total else 0.0

    @property
    def by_stage(self) -> tuple[tuple[int, str, dt.date, float], ...]:
        """(stage, what, starts, cumulative FTE reclaimed) per stage: the stages as plain tuples."""
        return tuple((p.stage, p.what, p.starts, p.fte) for p in self.stages)

    @property
    def plan_start(self) -> dt.date:
        return self.stages[0].starts

    @property
    def complete(self) -> dt.date:
        return self.stages[-1].complete

    @property
    def stages_reached(self) -> int:
        """The last stage any owner with a share goes to (0: nobody gives anything back)."""
        reached = [p.stage for p in self.plans if p.share > 0]
        return max(reached) if reached else 0

    @property
    def owners_giving_back(self) -> list[str]:
        return [p.owner for p in self.plans if p.reclaimed_per_week > 0]

    @property
    def headcount_after_hand_back(self) -> float:
        """FTE it still takes to carry other teams' work once the hand-back is complete."""
        return max(self.headcount_needed - self.reclaimed_fte, 0.0)

    def reclaimed_in_week(self, week: int) -> float:
        """Hours back in the plan's `week` (0: the week it starts), by the stage each owner has reached."""
        day = self.plan_start + dt.timedelta(weeks=week)
        return sum(p.reclaimed_at(stage_on(p, day)) for p in self.plans)


def apply_scenario(m: Metrics, scenario: Scenario, start: dt.date | None = None) -> Outcome:
    """Per owner: hours per week x share x stage fraction; then the plan stage by stage."""
    default_start = start or next_week_start(m.last)
    step = dt.timedelta(weeks=scenario.stage_weeks)
    plans = []
    for owner, hours in m.by_owner:
        per_week = hours / m.weeks
        h = scenario.plan_for(owner)
        begin = h.start or default_start
        plan = OwnerPlan(owner, per_week, h.share, h.stage, 0.0, begin, tuple(begin + step * i for i in range(3)))
        plans.append(OwnerPlan(owner, per_week, h.share, h.stage, plan.reclaimed_at(3), begin, plan.stage_dates))
    reclaimed = sum(p.reclaimed_per_week for p in plans)
    fte = reclaimed / m.contracted_weekly_hours
    rate = m.hourly_cost
    cost = (reclaimed * m.working_weeks_per_year * rate) if rate is not None else None
    work_per_week = m.work_per_week
    after = (m.other_per_week - reclaimed) / work_per_week if work_per_week else 0.0
    stages = []
    for s in (1, 2, 3):
        back = sum(p.reclaimed_at(s) for p in plans)
        dates = [p.stage_dates[s - 1] for p in plans if p.stage >= s and p.share > 0]
        starts = min(dates) if dates else default_start + step * (s - 1)
        complete = max(dates) if dates else starts
        stages.append(StagePlan(s, STAGES[s], starts, complete, back, back / m.contracted_weekly_hours,
                                back * m.working_weeks_per_year * rate if rate is not None else None))
    return Outcome(
        plans=tuple(plans), reclaimed_per_week=reclaimed, reclaimed_fte=fte, reclaimed_cost=cost,
        other_share_after=max(after, 0.0),
        headcount_needed=m.other_fte,
        stages=tuple(stages),
        headcount_cost=m.annual_cost,
        remaining_per_week=max(m.other_per_week - reclaimed, 0.0),
    )


def backlog_weeks(backlog_hours: float, outcome: Outcome) -> float | None:
    """Weeks from the plan's start until the reclaimed time has cleared a backlog, or None if it never does.

    Week by week, the hours back are those of the stage every owner has reached by then.
    """
    if backlog_hours <= 0:
        return 0.0
    if outcome.reclaimed_per_week <= 0:
        return None
    left = backlog_hours
    for week in range(MAX_WEEKS):
        rate = outcome.reclaimed_in_week(week)
        if rate >= left:
            return week + left / rate
        left -= rate
    return None


def backlog_cleared(service: ServiceLevel, outcome: Outcome) -> dt.date | None:
    """The day the reclaimed time has cleared the backlog; None without a backlog in hours, or never."""
    hours = service.backlog_hours
    weeks = None if hours is None else backlog_weeks(hours, outcome)
    return None if weeks is None else outcome.plan_start + dt.timedelta(days=round(weeks * 7))


def burn_down(service: ServiceLevel, outcome: Outcome, max_weeks: int) -> tuple[tuple[dt.date, float], ...]:
    """(Monday, backlog items left) from the plan's start, week by week, until cleared or `max_weeks`.

    Needs a backlog in items and hours (ServiceLevel.backlog_hours).
    """
    hours, items = service.backlog_hours, service.backlog_items
    if not hours or not items:
        return ()
    per_item = hours / items
    left, week, out = hours, 0, []
    while left > 1e-9 and week < max_weeks:
        out.append((outcome.plan_start + dt.timedelta(weeks=week), left / per_item))
        left = max(left - outcome.reclaimed_in_week(week), 0.0)
        week += 1
    out.append((outcome.plan_start + dt.timedelta(weeks=week), left / per_item))
    return tuple(out)


def stage_on(plan: OwnerPlan, day: dt.date) -> int:
    """The stage `plan` has reached on `day` (0: not begun), before its cap at the last stage agreed."""
    return sum(1 for d in plan.stage_dates if d <= day)

