"""What the story is told from, and the phrases more than one act says about it.

`Facts` bundles the numbers (Metrics, Outcome) with the user's choices (Settings, Scenario,
ServiceLevel) and the names to show; its methods word those numbers and compute none: FTE,
money, shares and dates come from analysis and scenario, each defined there once.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass

from storykit.analysis import Metrics
from storykit.model import Scenario, ServiceLevel, Settings
from storykit.narrative.words import hours_a_week, money, more_people, people, share_words
from storykit.scenario import Outcome, backlog_cleared

UNOWNED_MATTERS = 0.1  # with no other-team work, an unowned share this large changes what acts 2 and 3 say
HALF_A_PERSON = 0.5  # below this many FTE an amount is said in hours a week


@dataclass(frozen=True)
class Facts:
    metrics: Metrics
    outcome: Outcome
    settings: Settings
    scenario: Scenario
    service: ServiceLevel
    names: dict[str, str]  # person -> the name the story shows (the real one only on opt-in)

    # -- amounts --------------------------------------------------------------------------
    def _in_people(self, hours_per_week: float, like: float | None) -> bool:
        unit = self.metrics.fte_per_week(hours_per_week if like is None else like)
        return unit >= HALF_A_PERSON or unit == 0

    def magnitude(self, hours_per_week: float, like: float | None = None) -> str:
        """A relatable magnitude: '1.3 people' from half a person up, '6 hours a week' below.

        `like`: decide the unit by this amount instead, so parts of one total share its unit.
        """
        if self._in_people(hours_per_week, like):
            return people(self.metrics.fte_per_week(hours_per_week))
        return hours_a_week(hours_per_week)

    def amount(self, hours_per_week: float, like: float | None = None) -> str:
        """For points: '1.3 FTE', or '6 h a week' below half a person (`like` as in `magnitude`)."""
        if self._in_people(hours_per_week, like):
            return f"{self.metrics.fte_per_week(hours_per_week):.1f} FTE"
        return hours_a_week(hours_per_week).replace("hours", "h").replace("hour ", "h ")

    def headcount_words(self, hours_per_week: float) -> str:
        """The headcount ask: '2.5 more people', or '6 hours a week of extra capacity' below half a person."""
        value = self.metrics.fte_per_week(hours_per_week)
        if value >= HALF_A_PERSON:
            return more_people(value)
        return f"{hours_a_week(hours_per_week)} of extra capacity"

    def money(self, value: float | None) -> str | None:
        return money(value, self.settings.currency) if value is not None else None

    @property
    def cost(self) -> str | None:
        """A year of other teams' work, in money; None without an hourly cost."""
        return self.money(self.metrics.annual_cost)

    @property
    def gain_cost(self) -> str | None:
        """A year of the reclaimed time, in money; None without an hourly cost."""
        return self.money(self.outcome.reclaimed_cost)

    # -- the team and the plan -------------------------------------------------------------
    @property
    def team_words(self) -> str:
        """'8 people' or 'one person': the team as a head count."""
        size = self.metrics.team_size
        return "one person" if size == 1 else f"{size} people"

    @property
    def carriers(self) -> list[str]:
        """The two who carry most of other teams' work, as the story names them."""
        return [self.names.get(p, p) for p, _ in self.metrics.top_carriers]

    @property
    def handed_back(self) -> str:
        """How much of other teams' work goes back: 'half', 'a third', '45%', or 'none'."""
        return share_words(self.outcome.share_of_other) if self.metrics.has_other_work else "none"

    @property
    def unowned_matters(self) -> bool:
        return self.metrics.unassigned_share >= UNOWNED_MATTERS

    @property
    def backlog_cleared(self) -> dt.date | None:
        return backlog_cleared(self.service, self.outcome)

    # -- what slips ------------------------------------------------------------------------
    @property
    def reply_slips(self) -> bool:
        service = self.service
        return bool(service.promised_response_hours and service.actual_response_hours
                    and service.actual_response_hours > service.promised_response_hours)

    def slip_words(self) -> str | None:
        """'replies take 19 h, not the promised 2 h; 340 items wait': what slips, if the user said."""
        service, parts = self.service, []
        if self.reply_slips:
            parts.append(f"replies take {service.actual_response_hours:g} h, not the promised "
                         f"{service.promised_response_hours:g} h")
        if service.backlog_items:
            parts.append(f"{service.backlog_items:,} items wait")
        return "; ".join(parts) if parts else None

    def slip_title(self) -> str:
        """The one slip a title has room for: the broken promise, else the backlog."""
        service = self.service
        if self.reply_slips:
            return (f"replies take {service.actual_response_hours:g} hours, not the promised "
                    f"{service.promised_response_hours:g}")
        return f"{service.backlog_items:,} items wait in our backlog"

    def service_facts(self) -> str:
        """The service figures as given: promise, actual reply time, backlog."""
        service, parts = self.service, []
        if service.promised_response_hours is not None:
            parts.append(f"we promise replies within {service.promised_response_hours:g} h")
        if service.actual_response_hours is not None:
            parts.append(f"they take {service.actual_response_hours:g} h")
        if service.backlog_items is not None:
            parts.append(f"{service.backlog_items:,} items wait in the backlog")
        return ", ".join(parts)

    # -- shared answers --------------------------------------------------------------------
    def trend_answer(self) -> str:
        """'Is this just a busy month?', answered from the weekly figures."""
        metrics = self.metrics
        per_week = [other for _, other, _ in metrics.by_week]
        if metrics.trend is None:
            return "We have one week of data; the next export will show whether it holds."
        low, high = min(per_week), max(per_week)
        if not metrics.has_other_work:
            return f"That held in every one of the {len(per_week)} weeks."
        if metrics.trend == "steady":
            return (f"It is not a spike: it ran between {low:,.0f} and {high:,.0f} hours in every one of the "
                    f"{len(per_week)} weeks.")
        direction = "growing" if metrics.trend == "rising" else "easing"
        return (f"It is {direction}, by about {abs(metrics.trend_per_week or 0.0):,.1f} hours a week each week, "
                f"between {low:,.0f} and {high:,.0f} hours over the {len(per_week)} weeks.")


def aliases(metrics: Metrics, show_names: bool) -> dict[str, str]:
    """Real names only on opt-in; otherwise Person A, B, ... by how much they carry."""
    carrying = [p for p, _ in metrics.by_person_other]
    if show_names:
        return {p: p for p in carrying}
    letters = string.ascii_uppercase
    return {p: f"Person {letters[i] if i < 26 else i + 1}" for i, p in enumerate(carrying)}

