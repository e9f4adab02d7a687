"""Act 2, what it costs: the full-time people and money other teams' work takes, who carries it, what slips.

The audience decides the emphasis (finance: the money; people: who carries it; operations:
what slips) and the chart (people: who carries it, when a few carry clearly more; else week
by week); the numbers are the same for every audience.
"""

from __future__ import annotations

from storykit.chartspec import ChartSpec, Series, group_tail
from storykit.narrative.facts import Facts
from storykit.narrative.story import Act, BigNumber, Notes
from storykit.narrative.words import day, fitting, fte, weeks_words

SHOWN_PEOPLE = 7  # people with a bar of their own; the rest are grouped
EMPHASIS = {
    "finance": "The money is real: these are paid hours that do not deliver our own targets, and the "
               "owning teams' budgets do not show them.",
    "people": "The load is not shared evenly: a few people absorb it, day after day, and that is how "
              "we lose good people.",
    "operations": "Every hour here is an hour our own queue waits.",
}


def act(facts: Facts) -> Act:
    metrics, settings = facts.metrics, facts.settings
    cost, slip = facts.cost, facts.slip_words()
    title = _title(facts)
    if metrics.has_other_work:
        talk = (
            f"{title}. {EMPHASIS[settings.audience]} In plain numbers: {metrics.other_per_week:,.0f} hours a week "
            f"divided by a {metrics.contracted_weekly_hours:g}-hour contract is {fte(metrics.other_fte)} full-time "
            "people"
            + (f", and at a loaded cost of {settings.currency}{metrics.hourly_cost:,.0f} an hour that is about "
               f"{cost} a year" if cost else "") + ". "
            + f"{facts.trend_answer()} "
            + _extra(facts)
            + "This is the cost of the work staying where it is; the next slide is what we do about it."
        )
    else:
        work_cost = facts.money(metrics.work_annual_cost)
        talk = (
            f"{title}. {EMPHASIS[settings.audience]} With no hours on other departments' work, every one of the "
            f"{metrics.work_hours:,.0f} working hours went to our own core work and overhead"
            + (f", worth about {work_cost} a year at our loaded cost" if work_cost else "")
            + ". "
            + (f"Even so, {slip}, so the cause is not other teams' work: it is demand, staffing or process, "
               "and that is the conversation to have. " if slip else
               "There is no hidden cost to recover here. ")
            + f"{facts.trend_answer()} The useful question is how we keep it this way as other teams grow "
            "and find us helpful."
        )
    notes = Notes(talk, _assumptions(facts), _method(facts), tuple(_questions(facts)))
    if settings.audience == "finance" and cost and metrics.has_other_work:
        big = BigNumber(cost, "a year of other teams' work")
    else:
        big = BigNumber(f"{fte(metrics.other_fte)} FTE", "full-time people on other teams' work")
    return Act(2, title, tuple(_points(facts)[:3]), chart(facts), notes, big)


def _title(facts: Facts) -> str:
    metrics, settings = facts.metrics, facts.settings
    cost, slip = facts.cost, facts.slip_words()
    money_part = f", about {cost} a year," if cost else ""
    load = facts.magnitude(metrics.other_per_week)
    if not metrics.has_other_work:
        title = fitting(
            f"Other teams' work costs us 0.0 full-time people: all of our {facts.team_words}'s time is our own",
            "Other teams' work costs us 0.0 full-time people: our capacity is our own")
        if slip:
            title = fitting(f"Other teams' work costs us 0.0 people, yet {slip}: the cause lies elsewhere", title)
        if facts.unowned_matters:
            title = fitting(f"No hours are owned by other teams yet: {metrics.unassigned_share:.0%} of working time "
                            "still needs an owner before we can count the cost")
        return title
    if settings.audience == "finance" and cost:
        return fitting(f"Other teams' work costs us about {cost} a year: {load} we pay for",
                       f"Other teams' work costs us about {cost} a year")
    if settings.audience == "people" and metrics.concentrated:
        return fitting(f"That is {load}{money_part} and two of us carry {metrics.concentration:.0%} of it",
                       f"That is {load}, and two of us carry {metrics.concentration:.0%} of it")
    if settings.audience == "people" and metrics.interruptions_per_day:
        return fitting(f"That is {load}, and it pulls each of us off our own work "
                       f"{metrics.interruptions_per_day:.1f} times a day",
                       f"That is {load} and {metrics.interruptions_per_day:.1f} interruptions a day each")
    if slip:
        return fitting(f"That is {load} taken from our own queue, while {facts.slip_title()}",
                       f"That is {load}{money_part.rstrip(',')} taken from our own work")
    if metrics.concentrated:
        return fitting(f"That is {load}{money_part} and two people carry {metrics.concentration:.0%} of it",
                       f"That is {load} and two people carry {metrics.concentration:.0%} of it")
    return fitting(f"That is {load}{money_part.rstrip(',')} taken from our own work",
                   f"That is {load} taken from our own work")


def _extra(facts: Facts) -> str:
    """The one or two sentences of the talk track that this audience cares about most."""
    metrics, carriers, slip = facts.metrics, facts.carriers, facts.slip_words()
    concentrated = (f"It is concentrated: {carriers[0]} and {carriers[1]} carry {metrics.concentration:.0%} of it, "
                    "which hides the gap behind a few people's effort and is a risk if either leaves. "
                    if metrics.concentrated else "")
    fragmented = (f"And it breaks up the day: {metrics.interruptions_per_day:.1f} times a day each of us drops our "
                  "own work to pick up someone else's. " if metrics.interruptions_per_day else "")
    slipping = f"Meanwhile {slip}. " if slip else ""
    if facts.settings.audience == "people":
        return concentrated + fragmented or slipping
    return (slipping + concentrated) or fragmented


def _points(facts: Facts) -> list[str]:
    metrics, settings = facts.metrics, facts.settings
    fte_point = (f"{metrics.other_per_week:,.0f} h a week / {metrics.contracted_weekly_hours:g} h contract = "
                 f"{fte(metrics.other_fte)} FTE")
    cost_point = (f"{facts.cost} a year at {settings.currency}{metrics.hourly_cost:,.0f} an hour, "
                  f"{metrics.working_weeks_per_year:g} working weeks" if facts.cost and metrics.has_other_work else None)
    carry_point = (f"{facts.carriers[0]} and {facts.carriers[1]} carry {metrics.concentration:.0%} of it: heroics "
                   "that hide the gap" if metrics.concentrated else None)
    switch_point = (f"{metrics.interruptions_per_day:.1f} times a day each of us is pulled into other teams' work"
                    if metrics.interruptions_per_day else None)
    slip = facts.slip_words()
    slip_point = f"What slips: {slip}" if slip else None
    order = {
        "finance": (cost_point, fte_point, slip_point, carry_point, switch_point),
        "people": (carry_point, switch_point, fte_point, slip_point, cost_point),
        "operations": (slip_point, fte_point, carry_point, cost_point, switch_point),
    }[settings.audience]
    if not metrics.has_other_work:
        order = (fte_point, slip_point,
                 f"Give the {metrics.unassigned_share:.0%} of unowned time an owner: some may be other teams' work"
                 if facts.unowned_matters else "Nothing to recover: our capacity is already our own")
    return [p for p in order if p][:3]


def _assumptions(facts: Facts) -> tuple[str, ...]:
    metrics, settings = facts.metrics, facts.settings
    out = [f"A full-time person works {metrics.contracted_weekly_hours:g} hours a week.",
           f"A year has {metrics.working_weeks_per_year:g} working weeks."]
    if metrics.hourly_cost is not None:
        out.append(f"Loaded hourly cost {settings.currency}{metrics.hourly_cost:,.2f} (salary, benefits, overhead).")
    else:
        out.append("No hourly cost was given, so the cost in money is left out (it is unknown, not zero).")
    if facts.service.given:
        out.append(f"Service figures as given: {facts.service_facts()}.")
    return tuple(out)


def _method(facts: Facts) -> str:
    metrics, settings, cost = facts.metrics, facts.settings, facts.cost
    carriers = {0: "Nobody logged other teams' work, so concentration does not apply.",
                1: "One person logged all of other teams' work."}
    return (f"FTE = {metrics.other_per_week:,.1f} h per week / {metrics.contracted_weekly_hours:g} h = "
            f"{fte(metrics.other_fte)}. "
            + (f"Annual cost = {metrics.other_per_week:,.1f} h x {metrics.working_weeks_per_year:g} weeks x "
               f"{settings.currency}{metrics.hourly_cost:,.2f} = {cost}. " if cost else "")
            + (f"Concentration = share of other-team hours carried by the two people who carry most = "
               f"{metrics.concentration:.0%}." if metrics.people_with_other >= 3 else
               carriers.get(metrics.people_with_other, "Two people share other teams' work between them."))
            + (f" Switches = changes of activity between consecutive entries of a person's day, "
               f"breaks not counted, over {metrics.timed_person_days} person-days."
               if metrics.switches_per_day is not None else ""))


def _questions(facts: Facts) -> list[tuple[str, str]]:
    metrics, settings = facts.metrics, facts.settings
    out = [("Can't the team just be more efficient?",
            "The hours are other teams' work done on their behalf; efficiency does not change whose work it is.")
           if metrics.has_other_work else
           ("So why are we here?", "To keep it this way: agree now that new requests go to their owners.")]
    if settings.audience == "finance" and metrics.has_other_work:
        out.append(("Is this money we would actually save?",
                    "Not as a payroll cut: it is paid capacity that goes back to our own targets. The cost is "
                    "what that capacity is worth, at the loaded rate we were given."
                    if metrics.hourly_cost is not None else
                    "We left money out because no hourly cost was given; the FTE figure stands on its own."))
    elif settings.audience == "people" and metrics.concentrated:
        out.append(("Who are the two people?",
                    "We keep names off the slide on purpose; the point is the pattern, and we can talk it "
                    "through one to one."))
    else:
        out.append(("Are the hours reliable?",
                    f"They come from the team's own time logs over {weeks_words(metrics.weeks)}; rows "
                    "we could not read are listed, none were guessed."))
    return out


def chart(facts: Facts) -> ChartSpec:
    """Who carries it (people audience, when a few carry clearly more), else other teams' work week by week."""
    metrics = facts.metrics
    if facts.settings.audience == "people" and metrics.concentrated:
        rows = [(facts.names.get(p, p), metrics.fte(hours)) for p, hours in metrics.by_person_other]
        rows = group_tail(rows, keep=SHOWN_PEOPLE, other="Everyone else")
        colours = tuple("accent" if i < 2 else "grey" for i in range(len(rows)))
        return ChartSpec(
            kind="bar", categories=tuple(p for p, _ in rows),
            series=(Series("Other teams' work (FTE)", tuple(v for _, v in rows), "accent", colours),),
            unit="full-time people (FTE) on other teams' work",
            caption="Who carries other teams' work, full-time people (FTE) a week",
            alt_text="Bar chart of other teams' work per person in full-time equivalents: "
                     + "; ".join(f"{p} {fte(v)} FTE" for p, v in rows),
        )
    weeks = [monday for monday, _, _ in metrics.by_week]
    values = tuple(metrics.fte_per_week(other) for _, other, _ in metrics.by_week)
    return ChartSpec(
        kind="column", categories=tuple(f"w/c {day(w)}" for w in weeks),
        series=(Series("Other teams' work (FTE)", values, "accent"),),
        unit="full-time people (FTE) on other teams' work",
        caption="Other teams' work, full-time people (FTE), week by week",
        alt_text="Column chart of other teams' work per week in full-time equivalents: "
                 + "; ".join(f"week of {day(w)} {fte(v)} FTE" for w, v in zip(weeks, values, strict=True)),
    )
