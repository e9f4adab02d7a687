"""The ask 'add headcount to carry it': the people the load takes as it is, and the hand-back as the alternative."""

from __future__ import annotations

from dataclasses import replace

from storykit.chartspec import ChartSpec, Series, series_format
from storykit.narrative import what_could_be as plan
from storykit.narrative.facts import OTHER, Facts
from storykit.narrative.story import Act, BigNumber
from storykit.narrative.words import fitting, fte


def act(facts: Facts) -> Act:
    metrics, outcome, settings = facts.metrics, facts.outcome, facts.settings
    need, headcount_cost = outcome.headcount_needed, facts.money(outcome.headcount_cost)
    cost_part = f" (about {headcount_cost} a year)" if headcount_cost else ""
    ask = facts.headcount_words(metrics.other_per_week)
    purpose = facts.scenario.reclaimed_for
    if settings.audience == "finance" and headcount_cost:
        title = fitting(f"About {headcount_cost} a year for {ask} to carry other teams' work frees our time for "
                        f"{purpose}" if purpose else None,
                        f"About {headcount_cost} a year for {ask} frees our time for {purpose}" if purpose else None,
                        f"Carrying other teams' work as it is needs about {headcount_cost} a year: {ask}, or a "
                        "hand-back",
                        f"Carrying other teams' work as it is needs about {headcount_cost} a year for "
                        f"{facts.magnitude(metrics.other_per_week)}")
    else:
        title = fitting(f"To carry other teams' work and free our time for {purpose}, we ask for {ask}{cost_part}"
                        if purpose else None,
                        f"To free our time for {purpose}, we ask for {ask} to carry other teams' work"
                        if purpose else None,
                        f"To keep carrying other teams' work as it is, we ask for {ask}{cost_part}",
                        f"To keep carrying other teams' work, we ask for {ask}")
    still_needed = outcome.headcount_after_hand_back
    handing_back = outcome.reclaimed_per_week > 0
    done, items = facts.backlog_cleared, facts.service.backlog_items
    load = facts.amount(metrics.other_per_week)  # '2.5 FTE', or '3 h a week' below half a person
    still = facts.amount(still_needed * metrics.contracted_weekly_hours, metrics.other_per_week)
    points = [
        (f"{fte(need)} FTE carry other teams' work as it is today ({metrics.other_per_week:,.0f} h a week)"
         if load.endswith("FTE") else f"Other teams' work takes {load} as it is today"),
        (f"The alternative: hand back {facts.handed_back} of it, add {still}, and clear our "
         f"{items:,}-item backlog by {facts.day(done)}" if handing_back and done and items else
         f"The alternative: hand back {facts.handed_back} of it and add {still}"
         if handing_back else "The alternative: owning teams take their work back"),
        f"Our ask: approve {load}{cost_part}, or sponsor the hand-back",
    ]
    talk = (
        f"{title}. {plan.future(facts)} The other teams' work we carry is not going away by itself: "
        f"{metrics.other_per_week:,.0f} hours a week, {fte(need)} full-time people, week after week. If the "
        "business wants us to keep carrying it, it needs the people to carry it; otherwise our own customers wait. "
        f"With {fte(need)} more full-time people, the {fte(need)} FTE our current team spends on other teams' "
        "work goes back to our own queue"
        + (f", which is {facts.scenario.reclaimed_for}" if facts.scenario.reclaimed_for else "") + ". "
        + (f"The alternative costs no headcount: hand back {facts.handed_back} of the work in stages and we would "
           f"need only {fte(still_needed)} FTE. " if handing_back else "")
        + (f"That hand-back alone would clear our {items:,}-item backlog by {facts.day(done)}. "
           if handing_back and done and items else "")
        + "Either is a decision; carrying on as we are is the one option that quietly costs the most. "
        "What we need from you today is to choose."
    )
    questions = [
        ("Why not hand the work back instead?",
         f"We can: handing back {facts.handed_back} of it frees {fte(outcome.reclaimed_fte)} FTE; the headcount "
         "ask is for the load as it is, if the owners cannot take it back." if handing_back else
         "We can, if the owning teams agree; the headcount ask is for the load as it is."),
        ("Can we hire a fraction of a person?",
         f"{fte(need)} FTE can be whole hires plus part-time or contractor hours; the number is the load, "
         "not a job advert."),
    ]
    return Act(3, title, tuple(points), chart(facts), plan.notes(facts, talk, questions),
               BigNumber(f"+{fte(need)} FTE" if load.endswith("FTE") else f"+{load}",  # the chart's unit
                         "needed to carry the load as it is"))


def chart(facts: Facts) -> ChartSpec:
    """Today and with the added headcount, on one scale: the new people carry other teams' work; in the unit of
    the load the ask is for (facts.unit: hours a week below half a person)."""
    metrics = facts.metrics
    unit = facts.unit(metrics.other_per_week)
    other = metrics.other_fte
    added = fte(facts.outcome.headcount_needed) + " FTE" if unit.people else facts.amount(metrics.other_per_week)
    categories = ("Today", f"With {added} more")
    series = tuple(replace(s, values=unit.values(s.values)) for s in plan.base_series(facts, 2) + (
        Series("Back to our own work", (0.0, other), "dark"),
        Series(OTHER, (other, other), "accent"),
    ))
    top = plan.scale(*unit.values((metrics.work_fte + other,)))
    return ChartSpec(
        kind="stacked_column", categories=categories, series=series, unit=unit.name,
        number_format=series_format(series, top, unit.number_format),
        caption=f"{unit.capitalised} today and with the added headcount carrying other teams' work",
        value_max=top, legend=True,
        alt_text=plan.alt_text("Stacked column chart, same scale", categories, series, unit),
    )
