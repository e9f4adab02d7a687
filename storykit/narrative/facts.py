"""What the story is told from, and the phrases more than one act says about it.

`Facts` bundles the numbers (Metrics, Outcome) with the user's choices (Settings, Scenario,
ServiceLevel) and the names to show; its methods word those numbers and compute none: FTE,
money, shares and dates come from analysis and scenario, each defined there once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from storykit.analysis import MATERIAL, Metrics
from storykit.chartspec import label_format, never_zero
from storykit.model import Scenario, ServiceLevel, Settings
from storykit.narrative.words import (
    count_words,
    day,
    hours_a_week,
    listing,
    money,
    more_people,
    ordinal,
    people,
    share_words,
)
from storykit.scenario import Outcome, backlog_cleared

UNOWNED_MATTERS = 0.1  # with no other-team work, an unowned share this large changes what acts 2 and 3 say
HALF_A_PERSON = 0.5  # below this many FTE an amount is said in hours a week
SMALLEST_SEGMENT = 0.05  # FTE: our own or ownerless time smaller than this has no bar or segment of its own ...
SMALLEST_SHARE = 0.02  # ... unless it is this much of the team's working time: a column 0.2 FTE high shows 0.015
OWN = "Our own work"
UNOWNED = "No owner yet"
OTHER = "Other teams' work"
INTERRUPTIONS_MATTER = 1.0  # pulled into other teams' work less than once a day each is no headline


def short_hours(hours_per_week: float) -> str:
    """'6 h a week', '1.5 h a week': hours_a_week for points and big numbers."""
    return hours_a_week(hours_per_week).replace("hours", "h").replace("hour ", "h ")


@dataclass(frozen=True)
class Unit:
    """The one unit a slide's chart and amounts are in: full-time people, or hours a week where the slide's
    largest amount is below half a person (a chart of 0.03 FTE beside '1.6 h a week' made a manager convert)."""

    people: bool
    hours_per_fte: float  # the contracted week

    @property
    def name(self) -> str:
        return "full-time people (FTE)" if self.people else "hours a week"

    @property
    def short(self) -> str:
        return "FTE" if self.people else "hours a week"

    @property
    def capitalised(self) -> str:
        """`name` to start a caption: 'Full-time people (FTE)', 'Hours a week'."""
        return self.name[0].upper() + self.name[1:]

    @property
    def heading(self) -> str:
        return "Full-time people (FTE)" if self.people else "Hours"

    @property
    def alt_name(self) -> str:
        return "full-time equivalents" if self.people else "hours a week"

    def values(self, fte_values: tuple[float, ...]) -> tuple[float, ...]:
        """FTE values in this unit."""
        return fte_values if self.people else tuple(v * self.hours_per_fte for v in fte_values)

    def say(self, value: float) -> str:
        """A value of this unit in words, as `Facts.amount` says it: '2.5 FTE', '1.6 h a week'."""
        return f"{value:.1f} FTE" if self.people else short_hours(value)

    def number_format(self, values: tuple[float, ...]) -> str:
        """How a chart in this unit prints its values: FTE to one decimal (two where one reads 0.0); hours to
        one decimal below 10, whole above."""
        if self.people:
            return label_format(values)
        return never_zero("0.0" if max(values, default=0.0) < 10 else "#,##0", values)


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

    def unit(self, largest_hours_per_week: float) -> Unit:
        """The unit of a slide whose largest amount (its chart's top, its big number) is this: its `amount`s
        given `like=` that amount use the same one."""
        return Unit(self._in_people(largest_hours_per_week, None), self.metrics.contracted_weekly_hours)

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
        return short_hours(hours_per_week)

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
    def team_words(self) -> str | None:
        """'8 people' or 'one person': the team as a head count; None when neither the data nor the user says."""
        size = self.metrics.team_size
        if size is None:
            return None
        return "one person" if size == 1 else f"{size} people"

    @property
    def carriers(self) -> list[str]:
        """The two who carry most of other teams' work, as the story names them."""
        return [self.names.get(p, p) for p, _ in self.metrics.top_carriers]

    def carry_words(self) -> str | None:
        """'two of our 8 people carry 40% of it' ('Ann and Bob carry 40% of it' with names switched on);
        None unless the concentration is material (analysis.MATERIAL)."""
        metrics = self.metrics
        if not metrics.concentrated:
            return None
        carriers = self.carriers
        share = "all" if metrics.concentration >= 0.995 else f"{metrics.concentration:.0%}"
        verb = "carries" if len(carriers) == 1 else "carry"
        who = (listing(carriers) if self.settings.show_names
               else f"{count_words(len(carriers))} of our {metrics.team_size} people")
        return f"{who} {verb} {share} of it"

    def carry_rule(self) -> str:
        """The rule that decides whether concentration is said, with this log's figures (for the notes)."""
        metrics, even = self.metrics, self.metrics.even_share
        if not metrics.people_known:
            return "The export does not say whose time each entry is, so who carries the work cannot be told."
        if even is None or not metrics.has_other_work:
            return "Concentration is not judged for a team of fewer than three or without other teams' work."
        said = "here it is called out" if metrics.concentrated else "here it is not called out"
        return (f"Concentration = share of other-team hours carried by the two people who carry most = "
                f"{metrics.concentration:.0%}. It is called out only at {MATERIAL:g} times their even share or more "
                f"(an even split gives two of {metrics.team_size} people {even:.0%}, so the bar is "
                f"{min(MATERIAL * even, 1):.0%}): {said}.")

    @property
    def handed_back(self) -> str:
        """How much of other teams' work goes back: 'half', 'a third', '45%', or 'none'."""
        return share_words(self.outcome.share_of_other) if self.metrics.has_other_work else "none"

    @property
    def interruptions(self) -> float | None:
        """Times a day each of us is pulled into other teams' work, when that is often enough to say."""
        value = self.metrics.interruptions_per_day
        return value if value is not None and value >= INTERRUPTIONS_MATTER else None

    @property
    def own_split(self) -> tuple[float, float]:
        """(our own work, time with no owner yet) in FTE, as every chart shows them: time nobody has decided
        is never drawn as ours; only a sliver too small to see joins our own work."""
        metrics = self.metrics
        unowned = metrics.fte(metrics.hours_by_class["unassigned"])
        own = metrics.fte(metrics.controlled_hours)
        return (own + unowned, 0.0) if unowned < self.smallest_segment else (own, unowned)

    @property
    def smallest_segment(self) -> float:
        """FTE below which a bar or segment of our own or ownerless time is too thin to see beside the rest."""
        return min(SMALLEST_SEGMENT, SMALLEST_SHARE * self.metrics.work_fte)

    @property
    def unowned_matters(self) -> bool:
        return self.metrics.unassigned_share >= UNOWNED_MATTERS

    @property
    def open_labels(self) -> str:
        """'Project X, Project Y and 3 more': the labels still waiting for an owner, largest first."""
        return listing([label for label, _ in self.metrics.unassigned_labels])

    @property
    def backlog_cleared(self) -> dt.date | None:
        return backlog_cleared(self.service, self.outcome)

    def backlog_point(self) -> str | None:
        """When the reclaimed time clears the backlog, whenever a backlog and minutes per item are given
        (the Scenario page promises it); None otherwise."""
        items, done = self.service.backlog_items, self.backlog_cleared
        if not items or self.service.backlog_hours is None:
            return None
        if done is None:
            return f"At today's pace, the time back does not clear our {items:,}-item backlog"
        return f"Put on our {items:,}-item backlog, the time back clears it by {self.day(done)}"

    # -- dates -----------------------------------------------------------------------------
    def day(self, date: dt.date) -> str:
        """'7 Sep'; '7 Sep 2027' for a date outside the one year the period falls in, and every date
        with its year where the period itself crosses a year: the reader never guesses the year."""
        first, last = self.metrics.first, self.metrics.last
        return day(date, first.year != last.year or date.year != last.year)

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
        return trend_sentence(self.metrics)


def trend_sentence(metrics: Metrics, subject: str = "It") -> str:
    """Whether other teams' work is a spike, steady or changing, from the weekly figures: the one rule
    behind the deck's answer to 'Is this just a busy month?' (subject 'It') and the app's explanation."""
    per_week = [other for _, other, _ in metrics.by_week]
    if not metrics.weekly_detail:
        return ("The export gives totals for the period, not week by week, so it cannot show whether this "
                "is a busy month; a detailed export of another month will.")
    if metrics.trend is None:
        return "We have one week of data; the next export will show whether it holds."
    low, high = min(per_week), max(per_week)
    if not metrics.has_other_work:
        return (f"That held in every one of the {len(per_week)} weeks." if subject == "It"
                else f"There was none in any of the {len(per_week)} weeks.")
    if metrics.trend == "steady":
        return (f"{subject} is not a spike: it ran between {low:,.0f} and {high:,.0f} hours in every one of the "
                f"{len(per_week)} weeks.")
    direction = "growing" if metrics.trend == "rising" else "easing"
    return (f"{subject} is {direction}, by about {abs(metrics.trend_per_week or 0.0):,.1f} hours a week each week, "
            f"between {low:,.0f} and {high:,.0f} hours over the {len(per_week)} weeks.")

def aliases(metrics: Metrics, show_names: bool) -> dict[str, str]:
    """Real names only on opt-in; otherwise each person's rank by how much they carry ('1st', '2nd'): a
    director can read a rank, while 'Person A' means nothing to them."""
    carrying = [p for p, _ in metrics.by_person_other]
    if show_names:
        return {p: p for p in carrying}
    return {p: ordinal(i + 1) for i, p in enumerate(carrying)}

