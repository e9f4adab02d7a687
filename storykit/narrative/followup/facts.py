"""What the follow-up story is told from, and how its numbers are said (computed in storykit/followup.py).

Amounts are said as the room pictures them: full-time people from half a person up, hours a week
below; the two sides of a comparison always share one unit ("11 of the 17 hours a week planned").
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from storykit.chartspec import ChartSpec, Series
from storykit.followup import FollowUp, OwnerProgress
from storykit.model import Settings
from storykit.narrative.facts import HALF_A_PERSON
from storykit.narrative.words import count_words, day, fte, listing, weeks_words
from storykit.vocabulary import STAGE_FRACTIONS

STAGE_RULE = "Stage 1 returns a third of an owner's agreed share, stage 2 two thirds, stage 3 all of it"
HEADROOM = 1.1  # the value axis 10% above the tallest column, the same on every slide that compares


@dataclass(frozen=True)
class FollowUpFacts:
    follow: FollowUp
    settings: Settings
    reclaimed_for: str  # what the freed time goes to (Scenario.reclaimed_for)

    # -- amounts ---------------------------------------------------------------------------------
    def in_people(self, *hours_per_week: float) -> bool:
        """Whether amounts this large are said in full-time people (the largest decides)."""
        return self.follow.fte(max((abs(h) for h in hours_per_week), default=0.0)) >= HALF_A_PERSON

    def amount(self, hours_per_week: float, *like: float) -> str:
        """'1.3 FTE', or '6.8 hours a week' below half a person (`like`: decide by these too)."""
        if self.in_people(hours_per_week, *like):
            return f"{fte(self.follow.fte(hours_per_week))} FTE"
        return f"{hours(hours_per_week)} hours a week"

    def short(self, hours_per_week: float, *like: float) -> str:
        """For points: '1.3 FTE' or '6.8 h a week'."""
        return self.amount(hours_per_week, *like).replace(" hours a week", " h a week")

    def of_planned(self, back: float, planned: float) -> str:
        """'11 of the 17 hours a week planned', '0.6 of the 0.9 FTE planned', 'nothing of the ...'."""
        unit = "FTE" if self.in_people(back, planned) else "hours a week"
        figure = (lambda h: fte(self.follow.fte(h))) if unit == "FTE" else hours
        got = "nothing" if back <= 0 else figure(back)
        return f"{got} of the {figure(planned)} {unit} planned"

    # -- the period and the plan --------------------------------------------------------------------
    @property
    def baseline_period(self) -> str:
        b = self.follow.baseline
        return f"{day(b.first)} - {day(b.last)}"

    @property
    def later_period(self) -> str:
        m = self.follow.metrics
        return f"{day(m.first)} - {day(m.last)}"

    @property
    def stage_words(self) -> str:
        """'Stage 1', 'Stages 1 and 2', 'Stages 1 to 3': the stages due during the later period."""
        due = [s for s in self.follow.stages_in_period if s > 0]
        if not due:
            return "Stage 1"
        if len(due) == 1:
            return f"Stage {due[0]}"
        return f"Stages {due[0]} and {due[1]}" if len(due) == 2 else f"Stages {due[0]} to {due[-1]}"

    def stage_date(self, stage: int) -> str:
        starts = self.follow.stage_starts(stage)
        return day(starts) if starts else "-"

    @property
    def stages_count(self) -> str:
        n = self.follow.stages_agreed
        return f"{count_words(n)} stage{'s' * (n != 1)}"

    @property
    def team_words(self) -> str:
        size = self.follow.baseline.team_size
        return "team size not in the log" if size is None else "one person" if size == 1 else f"{size} people"

    @property
    def weeks_words(self) -> str:
        return weeks_words(self.follow.metrics.weeks)

    def owners(self, progress: tuple[OwnerProgress, ...] | list[OwnerProgress], limit: int = 3) -> str:
        return listing([o.owner for o in progress], limit)

    def scale(self) -> float:
        """One value axis for the plan (act 1) and what comes next (act 3): other teams' work, FTE."""
        f = self.follow
        return max(f.fte(f.before), f.fte(f.now), 0.1) * HEADROOM


def exact(fraction: float) -> str:
    """A stage's fraction as the method writes it: '1/3', not 0.33."""
    return str(Fraction(fraction).limit_denominator(12))


FRACTIONS = {stage: exact(share) for stage, share in STAGE_FRACTIONS.items()}  # of the share, by stage reached


def hours(value: float) -> str:
    """Hours a week as a figure: '17', '6.8' (whole hours from 10 up)."""
    return f"{value:,.0f}" if abs(value) >= 9.5 else f"{value:.1f}".removesuffix(".0")


def signed(value: float) -> str:
    """'+2.1', '-0.5', '0': a change in hours a week."""
    text = hours(abs(value))
    return "0" if text == "0" else ("+" if value > 0 else "-") + text


def other_chart(facts: FollowUpFacts, columns: list[tuple[str, float, str]], caption: str, lead: str) -> ChartSpec:
    """Other teams' work we do, in FTE, one column per moment (label, hours a week, colour)."""
    f = facts.follow
    values = tuple(f.fte(h) for _, h, _ in columns)
    return ChartSpec(
        kind="column", categories=tuple(c for c, _, _ in columns),
        series=(Series("Other teams' work (FTE)", values, "grey", tuple(colour for _, _, colour in columns)),),  # type: ignore[arg-type]
        unit="full-time people (FTE) on other teams' work", caption=caption, value_max=facts.scale(),
        alt_text=f"{lead}: " + "; ".join(f"{c} {fte(v)} FTE" for (c, _, _), v in zip(columns, values, strict=True)),
    )


def work_chart(facts: FollowUpFacts, moments: tuple[str, ...]) -> ChartSpec:
    """Working time a week in FTE, our own work under other teams' work, in the baseline and/or now.

    For a follow-up without a plan, where other teams' work alone would be an empty chart. Work with no
    owner yet counts as our own, as in the story (the baseline keeps no finer split)."""
    f = facts.follow
    at = {"Baseline": (f.own_before, f.before), "Now": (f.own_now, f.now)}
    own, other = (tuple(f.fte(at[m][i]) for m in moments) for i in (0, 1))
    categories = tuple(f"{m}, {facts.baseline_period if m == 'Baseline' else facts.later_period}" for m in moments)
    return ChartSpec(
        kind="stacked_column", categories=categories,
        series=(Series("Our own work", own, "grey"), Series("Other teams' work", other, "accent")),
        unit="full-time people (FTE)", legend=True,
        caption="Working time a week, full-time people (FTE): our own work and other teams' work",
        alt_text="Stacked column chart of working time in full-time equivalents: " + "; ".join(
            f"{c} our own work {fte(a)} FTE, other teams' work {fte(b)} FTE"
            for c, a, b in zip(categories, own, other, strict=True)),
    )
