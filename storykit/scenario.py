"""What could be: the arithmetic of handing other teams' work back, stage by stage.

A hand-back goes in three stages (redirect new requests; help lightly and take a message;
the owner handles it fully). An owner set to stage s gives back s/3 of its share: at stage 1
only new requests move, at stage 3 all of the share has gone home.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storykit.analysis import Metrics
from storykit.model import STAGES, Scenario

STAGE_WEEKS = 4  # weeks between stages when the user gives no dates


@dataclass(frozen=True)
class OwnerPlan:
    owner: str
    hours_per_week: float
    share: float
    stage: int
    reclaimed_per_week: float  # once the final stage is reached


@dataclass(frozen=True)
class Outcome:
    """The scenario's result: reclaimed time in hours per week, FTE and money, per stage."""

    plans: tuple[OwnerPlan, ...]
    reclaimed_per_week: float
    reclaimed_fte: float
    reclaimed_cost: float | None
    other_share_after: float
    by_stage: tuple[tuple[int, str, dt.date, float], ...]  # stage, what, starts, cumulative FTE reclaimed
    headcount_needed: float  # FTE it takes to carry the other-team load as it is


def stage_fraction(stage: int) -> float:
    return max(0, min(stage, 3)) / 3


def apply_scenario(m: Metrics, scenario: Scenario, start: dt.date | None = None) -> Outcome:
    plans = []
    for owner, hours in m.by_owner:
        per_week = hours / m.weeks
        share, stage = scenario.share_for(owner), scenario.stage_for(owner)
        plans.append(OwnerPlan(owner, per_week, share, stage, per_week * share * stage_fraction(stage)))
    reclaimed = sum(p.reclaimed_per_week for p in plans)
    fte = reclaimed / m.contracted_weekly_hours
    cost = (reclaimed * m.working_weeks_per_year * m.hourly_cost) if m.hourly_cost is not None else None
    work_per_week = m.work_hours / m.weeks if m.weeks else 0.0
    after = (m.other_per_week - reclaimed) / work_per_week if work_per_week else 0.0
    begin = start or _next_monday(m.last)
    by_stage = []
    for s in (1, 2, 3):
        cumulative = sum(p.hours_per_week * p.share * stage_fraction(min(s, p.stage)) for p in plans)
        by_stage.append((s, STAGES[s], begin + dt.timedelta(weeks=STAGE_WEEKS * (s - 1)),
                         cumulative / m.contracted_weekly_hours))
    return Outcome(
        plans=tuple(plans), reclaimed_per_week=reclaimed, reclaimed_fte=fte, reclaimed_cost=cost,
        other_share_after=max(after, 0.0), by_stage=tuple(by_stage), headcount_needed=m.other_fte,
    )


def _next_monday(day: dt.date) -> dt.date:
    return day + dt.timedelta(days=7 - day.weekday())
