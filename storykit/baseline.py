"""The baseline a project keeps: the period the plan was made from, as aggregates only (no rows, no names).

When a project is saved, it keeps what the second meeting compares against: the period, the team
size, the contracted hours, the working hours and each other team's hours per week, and the plan
(each owner's agreed share, its last stage and when stage 1 starts; stages follow `stage_weeks`
apart). Nothing here can name a person or rebuild a row. storykit/followup.py makes a Baseline
from the numbers and measures a later period against it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storykit.weeks import weeks_touched

STAGE_COUNT = 3


@dataclass(frozen=True)
class OwnerBaseline:
    """One other team's work as it was, and what was agreed for it."""

    owner: str
    hours_per_week: float  # this owner's work we did each week of the baseline
    share: float  # of it, what goes back once stage 3 is reached (0: not in the plan)
    stage: int  # the last stage agreed (1, 2 or 3)
    start: dt.date  # stage 1 begins


@dataclass(frozen=True)
class Baseline:
    """The first period's summary, kept in the project so a later period can be held against the plan."""

    first: dt.date
    last: dt.date
    team_size: int | None  # None: the log does not say whose time each entry is (no person column, a summary)
    contracted_weekly_hours: float
    work_hours_per_week: float  # all working hours a week, ours and other teams'
    stage_weeks: int  # weeks between stages
    owners: tuple[OwnerBaseline, ...]  # other teams, most hours first

    @property
    def weeks(self) -> int:
        return weeks_touched(self.first, self.last)

    @property
    def other_per_week(self) -> float:
        return sum(o.hours_per_week for o in self.owners)

    @property
    def other_team_share(self) -> float:
        """Other teams' work as a share of working time, as the first deck said it."""
        return self.other_per_week / self.work_hours_per_week if self.work_hours_per_week else 0.0

    def stage_dates(self, owner: OwnerBaseline) -> tuple[dt.date, ...]:
        """When stages 1, 2 and 3 begin for this owner."""
        return tuple(owner.start + dt.timedelta(weeks=self.stage_weeks * i) for i in range(STAGE_COUNT))

    def of(self, owner: str) -> OwnerBaseline | None:
        return next((o for o in self.owners if o.owner == owner), None)
