"""Act 2, what it costs: the full-time people and money other teams' work takes, who carries it, what slips.

The audience decides the emphasis (finance: the money; people: who carries it; operations:
what slips) and the chart (people: who carries it, when a few carry clearly more; else week
by week, or by owner when the log has no weeks); the numbers are the same for every audience.
The money is on the slide whenever a cost is known (finance: title and big number; operations:
the big number; people: the first point); the arithmetic is in the notes.
"""

from __future__ import annotations

from storykit.chartspec import ChartSpec, Series, group_tail, never_zero
from storykit.narrative.bars import per_week_bars
from storykit.narrative.facts import Facts
from storykit.narrative.over_time import over_time
from storykit.narrative.story import Act, BigNumber, Notes
from storykit.narrative.words import count_words, fitting, fte, weeks_words

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
            f"{title}. {_emphasis(facts)} In plain numbers: {metrics.other_per_week:,.0f} hours a week "
            f"divided by a {metrics.contracted_weekly_hours:g}-hour contract is {fte(metrics.other_fte)} full-time "
            "people"
            + (f", and at a loaded cost of {settings.currency}{metrics.hourly_cost:,.0f} an hour that is about "
               f"{cost} a year" if cost else "") + ". "
            + f"{facts.trend_answer()} "
            + _extra(facts)
            + "This is the cost of the work staying where it is; the next slide is what we do about it."
        )
    elif facts.unowned_matters:
        unowned_cost = facts.money(metrics.unassigned_annual_cost)
        unowned_hours = metrics.hours_by_class["unassigned"]
        talk = (
            f"{title}. Of the {metrics.work_hours:,.0f} working hours we logged, {unowned_hours:,.0f} sit on labels "
            f"nobody has given an owner yet: {fte(metrics.fte(unowned_hours))} full-time people"
            + (f", about {unowned_cost} a year at our loaded cost of {settings.currency}{metrics.hourly_cost:,.0f} "
               "an hour" if unowned_cost else "")
            + ". We cannot yet say how much of that is other teams' work, so we do not claim any. "
            + (f"Meanwhile {slip}. " if slip else "")
            + f"The largest open labels are {facts.open_labels}; the chart lists them, largest first, because "
            "that is the order to decide them in. "
            + f"{facts.trend_answer()} Once each has an owner, this slide shows the cost of other teams' work "
            "in our week, in people and in money."
        )
    else:
        work_cost = facts.money(metrics.work_annual_cost)
        unowned = (f", though {metrics.unassigned_share:.0%} of them still need an owner"
                   if metrics.hours_by_class["unassigned"] > 0 else "")
        talk = (
            f"{title}. {_emphasis(facts)} With no hours on other departments' work, every one of the "
            f"{metrics.work_hours:,.0f} working hours went to our own work{unowned}"
            + (f"; they are worth about {work_cost} a year at our loaded cost" if work_cost else "")
            + ". "
            + (f"Even so, {slip}, so the cause is not other teams' work: it is demand, staffing or process, "
               "and that is the conversation to have. " if slip else
               "There is no hidden cost to recover here. ")
            + f"{facts.trend_answer()} The useful question is how we keep it this way as other teams grow "
            "and find us helpful."
        )
    notes = Notes(talk, _assumptions(facts), _method(facts), tuple(_questions(facts)))
    return Act(2, title, tuple(_points(facts)[:3]), chart(facts), notes, _big(facts))


def _big(facts: Facts) -> BigNumber:
    """Finance and operations: the money where a cost is known (the people audience reads it in the first
    point); else the full-time people."""
    metrics, cost = facts.metrics, facts.cost
    if not metrics.has_other_work and facts.unowned_matters:  # '0.0 FTE' would read as 'nothing to see'
        amount = facts.amount(metrics.hours_by_class["unassigned"] / metrics.weeks)
        unowned_cost = facts.money(metrics.unassigned_annual_cost)
        if unowned_cost:
            return BigNumber(unowned_cost, f"a year of working time ({amount}) with no owner yet")
        return BigNumber(amount, "of working time with no owner yet")
    if cost and metrics.has_other_work and facts.settings.audience != "people":
        label = ("a year of other teams' work" if facts.settings.audience == "finance"
                 else f"a year: {fte(metrics.other_fte)} FTE on other teams' work")
        return BigNumber(cost, label)
    if not metrics.has_other_work and not facts.unit(metrics.work_per_week).people:  # as _own_weeks' chart
        return BigNumber(facts.amount(0.0, metrics.work_per_week), "of other teams' work")
    if not facts.unit(metrics.other_per_week).people:  # the chart's unit: hours a week below half a person
        return BigNumber(facts.amount(metrics.other_per_week), "of other teams' work")
    return BigNumber(f"{fte(metrics.other_fte)} FTE", "full-time people on other teams' work")


def _emphasis(facts: Facts) -> str:
    """What this audience hears first; 'a few people absorb it' only where the numbers show it."""
    if facts.settings.audience == "people" and not facts.metrics.concentrated:
        return ("Behind these hours are people who take this work on top of their own, day after day, and "
                "that is how we lose good people.")
    return EMPHASIS[facts.settings.audience]


def _title(facts: Facts) -> str:
    metrics, settings = facts.metrics, facts.settings
    cost, slip, carry = facts.cost, facts.slip_words(), facts.carry_words()
    money_part = f", about {cost} a year," if cost else ""
    load = facts.magnitude(metrics.other_per_week)
    if not metrics.has_other_work:
        whose = f"all of our {facts.team_words}'s time" if facts.team_words else "all of the team's time"
        people = facts.unit(metrics.work_per_week).people  # a zero has no scale: the slide's chart sets the unit
        zero, short = ("0.0 full-time people", "0.0 people") if people else ("0 hours a week", "0 hours a week")
        title = fitting(
            f"Other teams' work costs us {zero}: {whose} is our own",
            f"Other teams' work costs us {zero}: our capacity is our own")
        if slip:
            title = fitting(f"Other teams' work costs us {short}, yet {slip}: the cause lies elsewhere", title)
        if facts.unowned_matters:
            title = fitting(f"No hours are owned by other teams yet: {metrics.unassigned_share:.0%} of working time "
                            "still needs an owner before we can count the cost")
        return title
    if settings.audience == "finance" and cost:
        return fitting(f"Other teams' work costs us about {cost} a year: {load} we pay for",
                       f"Other teams' work costs us about {cost} a year")
    if settings.audience == "people" and carry:
        return fitting(f"That is {load}{money_part} and {carry}", f"That is {load}, and {carry}")
    if settings.audience == "people" and facts.interruptions:
        return fitting(f"That is {load}, and it pulls each of us off our own work "
                       f"{facts.interruptions:.1f} times a day",
                       f"That is {load} and {facts.interruptions:.1f} interruptions a day each")
    if slip:
        return fitting(f"That is {load} taken from our own queue, while {facts.slip_title()}",
                       f"That is {load}{money_part.rstrip(',')} taken from our own work")
    if carry:
        return fitting(f"That is {load}{money_part} and {carry}", f"That is {load} and {carry}")
    return fitting(f"That is {load}{money_part.rstrip(',')} taken from our own work",
                   f"That is {load} taken from our own work")


def _extra(facts: Facts) -> str:
    """The one or two sentences of the talk track that this audience cares about most."""
    metrics, slip, carry = facts.metrics, facts.slip_words(), facts.carry_words()
    even = metrics.even_share
    if carry and even:
        concentrated = (f"It is concentrated: {carry}, where an even split would be {even:.0%}. That hides the gap "
                        "behind a few people's effort and is a risk if they leave. ")
    elif even and metrics.has_other_work:  # said as evidence, so nobody reads 'a few carry it' into the silence
        concentrated = (f"It is spread across the team: the two who do most carry {metrics.concentration:.0%} of it, "
                        f"against {even:.0%} if all {metrics.team_size} shared it evenly. ")
    else:
        concentrated = ""
    fragmented = (f"And it breaks up the day: {facts.interruptions:.1f} times a day each of us drops our "
                  "own work to pick up someone else's. " if facts.interruptions else "")
    slipping = f"Meanwhile {slip}. " if slip else ""
    if facts.settings.audience == "people":
        return concentrated + fragmented or slipping
    return (slipping + concentrated) or fragmented


def _points(facts: Facts) -> list[str]:
    """Two or three points, no arithmetic (that is in the notes and the app's 'How was this computed?');
    the money first where neither the title nor the big number says it."""
    metrics, settings, cost = facts.metrics, facts.settings, facts.cost
    slip, carry = facts.slip_words(), facts.carry_words()
    slip_point = f"What slips: {slip}" if slip else None
    if not metrics.has_other_work:
        if facts.unowned_matters:  # the big number says the amount; the points say where it sits
            labels = metrics.unassigned_labels
            open_per_week = metrics.hours_by_class["unassigned"] / metrics.weeks  # the big number: its unit
            largest = f"{labels[0][0]}, {facts.amount(labels[0][1] / metrics.weeks, open_per_week)}"
            first = (f"One open label: {largest}" if len(labels) == 1 else
                     f"{len(labels)} open labels; the largest: {largest}")
            last = "Give each an owner: some of it may be other teams' work"
        else:
            money = f"{facts.money(0)} a year" if cost is not None else None
            first = (f"0.0 FTE and {money or 'no hours'} go to other departments' work"
                     if facts.unit(metrics.work_per_week).people else  # in hours, as the slide's chart
                     "No hours" + (f" and {money}" if money else "") + " go to other departments' work")
            last = "Nothing to recover: our capacity is already our own"
        return [p for p in (first, slip_point, last) if p]
    load = facts.magnitude(metrics.other_per_week)
    in_fte = f": {fte(metrics.other_fte)} FTE" if facts.unit(metrics.other_per_week).people else ""  # one unit
    hours_point = (f"{metrics.other_per_week:,.0f} hours a week go to other teams' work{in_fte}"
                   if metrics.other_per_week >= 9.5 else f"{facts.amount(metrics.other_per_week)} of other teams' work{in_fte}")
    money_point = f"{cost} a year: the loaded cost of {load}" if cost else None
    even = metrics.even_share
    carry_point = f"{carry[0].upper()}{carry[1:]} (an even split: {even:.0%})" if carry and even else None
    switch_point = (f"{facts.interruptions:.1f} times a day each of us is pulled into other teams' work"
                    if facts.interruptions else None)
    order = {
        "finance": (hours_point, slip_point, carry_point, switch_point),
        "people": (money_point or hours_point, carry_point, switch_point, slip_point),
        "operations": (slip_point, hours_point, carry_point, switch_point),
    }[settings.audience]
    points = [p for p in order if p][:3]
    if len(points) > 1 or not metrics.by_owner:
        return points
    return [*points, _owners_point(facts)]  # a lone point reads as a thought not finished


def _owners_point(facts: Facts) -> str:
    """Whose work it is, when nothing else is worth a point (no cost given, no slip, spread evenly): without it
    a slide had one point, and the room reads one bullet as a thought not finished."""
    owners = facts.metrics.by_owner
    total = sum(h for _, h in owners)
    if len(owners) == 1:
        return f"All of it is {owners[0][0]}'s work"
    return (f"The largest owner: {owners[0][0]}, {owners[0][1] / total:.0%} of it; "
            f"{count_words(len(owners))} teams in all")


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
    return (f"FTE = {metrics.other_per_week:,.1f} h per week / {metrics.contracted_weekly_hours:g} h = "
            f"{fte(metrics.other_fte)}. "
            + (f"Annual cost = {metrics.other_per_week:,.1f} h x {metrics.working_weeks_per_year:g} weeks x "
               f"{settings.currency}{metrics.hourly_cost:,.2f} = {cost}. " if cost else "")
            + facts.carry_rule()
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
    elif settings.audience == "people" and metrics.concentrated and not settings.show_names:
        out.append(("Who are the two people?",
                    "We keep names off the slide on purpose; the point is the pattern, and we can talk it "
                    "through one to one."))
    else:
        out.append(("Are the hours reliable?",
                    f"They come from the team's own time logs over {weeks_words(metrics.weeks)}; rows "
                    "we could not read are listed, none were guessed."))
    return out


def chart(facts: Facts) -> ChartSpec:
    """Who carries it (people audience, when a few carry clearly more); week by week where the log has weeks;
    else by owner, the one breakdown a summary supports."""
    metrics = facts.metrics
    if facts.settings.audience == "people" and metrics.concentrated:
        rows = [(facts.names.get(p, p), metrics.fte(hours)) for p, hours in metrics.by_person_other]
        rows = group_tail(rows, keep=SHOWN_PEOPLE, other="Everyone else")
        colours = tuple("accent" if i < 2 else "grey" for i in range(len(rows)))
        return ChartSpec(
            kind="bar", categories=tuple(p for p, _ in rows),
            series=(Series("Other teams' work (FTE)", tuple(v for _, v in rows), "accent", colours),),
            unit="full-time people (FTE) on other teams' work",
            number_format=never_zero("0.0", (v for _, v in rows)),
            caption=("Who carries other teams' work, full-time people (FTE) a week" if facts.settings.show_names
                     else "Other teams' work per person, most first (no names), full-time people (FTE) a week"),
            alt_text="Bar chart of other teams' work per person in full-time equivalents: "
                     + "; ".join(f"{p} {fte(v)} FTE" for p, v in rows),
        )
    if not metrics.has_other_work and facts.unowned_matters:
        return _open_labels(facts)
    if not metrics.has_other_work and metrics.weekly_detail:
        return _own_weeks(facts)
    if not metrics.weekly_detail:
        return _by_owner(facts)
    return over_time(facts, tuple(other for _, other, _ in metrics.by_week), "Other teams' work", "accent",
                     "on other teams' work", like=metrics.other_per_week)


def _by_owner(facts: Facts) -> ChartSpec:
    """Other teams' work by owner: a summary's totals support this, not a weekly trend."""
    metrics = facts.metrics
    return per_week_bars(facts, [(owner, hours / metrics.weeks) for owner, hours in metrics.by_owner],
                         metrics.other_per_week, "Other teams", "Other teams' work", "accent", "of other teams' work",
                         "Other teams' work by owner, {unit} (the export has no weekly detail)",
                         "Bar chart of other teams' work by owner", keep=SHOWN_PEOPLE)


def _open_labels(facts: Facts) -> ChartSpec:
    """With nothing owned by other teams yet, the labels that still need an owner, largest first: the next step."""
    metrics = facts.metrics
    return per_week_bars(facts, [(label, hours / metrics.weeks) for label, hours in metrics.unassigned_labels],
                         metrics.hours_by_class["unassigned"] / metrics.weeks, "Other labels", "No owner yet", "light",
                         "with no owner yet", "Labels with no owner yet, {unit}: the time to give an owner first",
                         "Bar chart of activity labels with no owner yet", keep=SHOWN_PEOPLE)


def _own_weeks(facts: Facts) -> ChartSpec:
    """With no other teams' work, our working time week by week: what the slide says costs nothing is a chart
    of our own capacity, not a row of zeros nobody can see."""
    return over_time(facts, tuple(work for _, _, work in facts.metrics.by_week), "Our working time", "grey",
                     "of working time", ": none of it other teams' work",
                     like=facts.metrics.work_per_week)  # its zero has no scale: our working time sets the unit
