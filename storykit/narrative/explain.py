"""How each number of the story was computed, in words a manager can repeat: the app's
"How was this computed?" panel and the appendix's method table."""

from __future__ import annotations

from dataclasses import dataclass

from storykit.analysis import MATERIAL, Metrics
from storykit.narrative.facts import trend_sentence
from storykit.narrative.words import money, one_in_words, percent, weeks_words


@dataclass(frozen=True)
class Explanation:
    """How one number was computed, in words a manager can repeat."""

    name: str
    value: str
    meaning: str  # a plain sentence with the number in it
    formula: str


def explain(metrics: Metrics, currency: str = "$") -> tuple[Explanation, ...]:
    """Every metric of the story, each with a sentence a manager could say out loud."""
    other, work, by_class = metrics.other_team_hours, metrics.work_hours, metrics.hours_by_class
    out = [
        Explanation("Work hours", f"{work:,.1f} h",
                    f"The team logged {metrics.total_hours:,.0f} hours in {weeks_words(metrics.weeks)}; "
                    f"{work:,.0f} of them were work (breaks and lunch left out).",
                    f"{metrics.total_hours:,.1f} h logged - {by_class['non_work']:,.1f} h non-work"),
        Explanation("What we control", f"{metrics.controlled_share:.0%}",
                    f"{metrics.controlled_share:.0%} of working time is work the team plans itself (core work and "
                    f"overhead); {percent(metrics.other_team_share)} depends on other teams"
                    + (f", and {metrics.unassigned_share:.0%} has no owner yet." if by_class["unassigned"] > 0 and work > 0
                       else "."),
                    f"({by_class['core']:,.1f} h core + {by_class['overhead']:,.1f} h overhead) / {work:,.1f} h work"),
        Explanation("Other-team share", percent(metrics.other_team_share),
                    (f"About {one_in_words(metrics.other_team_share)} working hours goes to work that other departments "
                     "own." if other > 0 else "No working hours went to other departments' work."),
                    f"{other:,.1f} h other-team / {work:,.1f} h work"),
        Explanation("FTE equivalent", f"{metrics.other_fte:.1f} FTE",
                    f"Other teams' work adds up to {metrics.other_fte:.1f} full-time people: "
                    f"{metrics.other_per_week:,.1f} hours a week, at {metrics.contracted_weekly_hours:g} hours per "
                    "full-time person.",
                    f"{other:,.1f} h / {weeks_words(metrics.weeks)} = {metrics.other_per_week:,.1f} h per week; "
                    f"/ {metrics.contracted_weekly_hours:g} contracted h per week"),
    ]
    if metrics.annual_cost is not None:
        out.append(Explanation(
            "Annual cost", money(metrics.annual_cost, currency),
            f"Over a year that time costs about {money(metrics.annual_cost, currency)} in paid hours that do not "
            "deliver our own work.",
            f"{metrics.other_per_week:,.1f} h per week x {metrics.working_weeks_per_year:g} working weeks x "
            f"{currency}{metrics.hourly_cost:,.2f} loaded hourly cost"))
    else:
        out.append(Explanation(
            "Annual cost", "left out",
            "No hourly cost was given, so the story shows no money figure (it is not zero: it is unknown).",
            "hours per week x working weeks x loaded hourly cost; the hourly cost is missing"))
    out.append(Explanation("Concentration", f"{metrics.concentration:.0%}", _carrying(metrics),
                           f"{metrics.top_two_hours:,.1f} h by the top two / {other:,.1f} h other-team"))
    out.append(Explanation("Trend by week", _trend_value(metrics), trend_sentence(metrics, "Other teams' work"),
                           "least-squares slope of other-team hours across the weeks"
                           + ("; " + ", ".join(f"{o:,.1f}" for _, o, _ in metrics.by_week) + " h"
                              if metrics.by_week and metrics.weekly_detail else "")))
    if metrics.switches_per_day is not None:
        out.append(Explanation(
            "Fragmentation", f"{metrics.switches_per_day:.1f} switches a day",
            f"On an average day a person switches activity {metrics.switches_per_day:.1f} times; "
            f"{metrics.interruptions_per_day:.1f} of those switches are into other teams' work.",
            f"activity changes between consecutive entries of a person's day (breaks not counted) / "
            f"{metrics.timed_person_days} person-days with clock times"))
    return tuple(out)


def _carrying(metrics: Metrics) -> str:
    if not metrics.people_known:
        return "The export does not say whose time each entry is, so who carries the work cannot be told."
    if metrics.people_with_other == 0:
        return "Nobody carries other teams' work."
    even = metrics.even_share
    if even is None:
        return "In a team this small, who carries the work is not judged."
    said = "a share worth raising" if metrics.concentrated else "not enough to call it concentrated"
    return (f"The two people who do most of it carry {metrics.concentration:.0%} of the other teams' work; an even "
            f"split across the {metrics.team_size} people would be {even:.0%}: {said} (the rule: "
            f"{MATERIAL:g} times the even share).")


def _trend_value(metrics: Metrics) -> str:
    if not metrics.weekly_detail:
        return "no weekly detail"
    if metrics.trend_per_week is None:
        return "one week"
    return f"{metrics.trend_per_week:+,.1f} h per week"
