"""Act 3, what could be: the pieces every ask shares, and the acts for when there is nothing to ask.

Each ask (narrative/asks/) tells its own act 3 from these: the staged plan in words, the notes'
assumptions and method, the big number of time back, and the before/after chart on one scale.
"""

from __future__ import annotations

from dataclasses import replace

from storykit.chartspec import ChartSpec, Series, series_format
from storykit.narrative.facts import OTHER, OWN, UNOWNED, Facts, Unit
from storykit.narrative.story import Act, BigNumber, Notes
from storykit.narrative.words import count_words, fitting, fte, listing
from storykit.vocabulary import STAGE_FRACTIONS

FUTURES = {
    "finance": "Financially, this is paid capacity coming back to the work it is budgeted for.",
    "people": "For the people on the team, it means fewer interruptions and a fairer load.",
    "operations": "Operationally, it puts our capacity back on our own queue.",
}
SHOWN_IN_METHOD = 6  # owners written out in the method; the rest are '...'
HEADROOM = 1.1  # a fixed scale 10% above the tallest column, so before and after compare
DECIDED_FIRST = 3  # open labels an owners-first act 3 asks to agree first: a short meeting's worth


def future(facts: Facts) -> str:
    """What the future state means to this audience, in one sentence."""
    return FUTURES[facts.settings.audience]


def stage_story(facts: Facts, generic: bool = False, short: bool = False) -> str:
    """The staged hand-back in words: dates, what happens at each stage, time back."""
    outcome = facts.outcome
    reached = outcome.stages_reached
    if short and outcome.stages and reached:
        last = outcome.stages[reached - 1]
        return (f"The hand-back runs from {facts.day(outcome.plan_start)} to {facts.day(last.complete)}: new requests are "
                "redirected first, then we help lightly, then the owner handles it, so no customer is dropped.")
    if generic or not outcome.stages:
        return ("A hand-back goes in three stages: first new requests are redirected to the owner, then we help "
                "lightly and take a message, and finally the owner handles it fully.")
    parts = [f"from {facts.day(stage.starts)}, {stage.what[0].lower()}{stage.what[1:]} "
             f"({facts.magnitude(stage.reclaimed_per_week, outcome.reclaimed_per_week)} back)"
             for stage in outcome.stages[:reached]]
    lead = "Stage one" if len(parts) == 1 else f"In {count_words(len(parts))} stages"
    return f"{lead}: " + "; ".join(parts) + ". Old contacts move gradually, so no customer is dropped."


def notes(facts: Facts, talk: str, questions: list[tuple[str, str]]) -> Notes:
    """Act 3's notes: the agreed shares and stages as assumptions, the reclaimed time as a sum."""
    metrics, outcome, scenario = facts.metrics, facts.outcome, facts.scenario
    plans = [p for p in outcome.plans if p.hours_per_week > 0]
    assumptions = [
        "Each owner takes back its agreed share: "
        + "; ".join(f"{p.owner} {p.share:.0%} by stage {p.stage} from {facts.day(p.start)}" for p in plans
                    if p.start is not None) + ".",
        "Stage 1 returns a third of an owner's share, stage 2 two thirds, stage 3 all of it; "
        f"stages follow {scenario.stage_weeks} weeks apart unless an owner has its own date.",
    ]
    if scenario.ask == "headcount":
        assumptions.append("New people carry the other teams' work at the same hours it takes us today.")
    if facts.service.backlog_hours is not None and outcome.reclaimed_per_week > 0:  # every ask says when it clears
        assumptions.append(f"One backlog item takes {facts.service.minutes_per_item:g} minutes; new items keep "
                           "arriving at today's pace and today's team keeps up with them.")
    if metrics.hourly_cost is None:
        assumptions.append("No hourly cost was given, so money is left out (unknown, not zero).")
    method = ("Reclaimed = sum over owners of hours per week x share x stage fraction = "
              + " + ".join(f"{p.hours_per_week:,.1f} x {p.share:.0%} x {STAGE_FRACTIONS[p.stage]:.2f}"
                           for p in plans[:SHOWN_IN_METHOD])
              + (" + ..." if len(plans) > SHOWN_IN_METHOD else "")
              + f" = {outcome.reclaimed_per_week:,.1f} h per week = {fte(outcome.reclaimed_fte)} FTE"
              + (f" = {facts.gain_cost} a year" if facts.gain_cost else "") + ". "
              + f"Headcount to carry the load as it is = {metrics.other_per_week:,.1f} h / "
              f"{metrics.contracted_weekly_hours:g} h = {fte(outcome.headcount_needed)} FTE.")
    return Notes(talk, tuple(assumptions), method, tuple(questions))


def big_back(facts: Facts) -> BigNumber:
    """The time back: in money for finance where a cost is known, else in FTE."""
    if facts.settings.audience == "finance" and facts.gain_cost:
        return BigNumber(facts.gain_cost, "a year of our time back")
    return BigNumber(facts.amount(facts.outcome.reclaimed_per_week), "back to our own work")


def scale(*totals: float) -> float:
    """The value axis's top: room above the tallest total, the same for every column."""
    return max(totals) * HEADROOM if totals and max(totals) > 0 else 1.0


def stage_labels(facts: Facts) -> tuple[str, ...]:
    """'Today', then 'Stage 1, 5 Oct' ... for each stage the plan reaches (at least one)."""
    shown = facts.outcome.stages[: max(facts.outcome.stages_reached, 1)]
    return ("Today",) + tuple(f"Stage {stage.stage}, {facts.day(stage.complete)}" for stage in shown)


def alt_text(lead: str, categories: tuple[str, ...], series: tuple[Series, ...], unit: Unit | None = None) -> str:
    """Each column's series in words, in `unit` (FTE when None)."""
    say = unit.say if unit else (lambda v: f"{fte(v)} FTE")
    return lead + ": " + "; ".join(
        f"{c}: " + ", ".join(f"{s.name} {say(s.values[i])}" for s in series) for i, c in enumerate(categories))


def base_series(facts: Facts, columns: int) -> tuple[Series, ...]:
    """The bottom of every act-3 column: our own work (grey) and, as in act 1, the time nobody has given an
    owner yet in its own light grey, never counted as ours."""
    own, unowned = facts.own_split
    return (((Series(OWN, (own,) * columns, "grey"),) if own >= facts.smallest_segment or not unowned else ())
            + ((Series(UNOWNED, (unowned,) * columns, "light"),) if unowned else ()))


def stacked_chart(facts: Facts) -> ChartSpec:
    """Today and after each stage, on one scale: our own work, no owner yet, time back, other teams' work."""
    metrics, outcome = facts.metrics, facts.outcome
    other = metrics.other_fte
    categories = stage_labels(facts)
    shown = outcome.stages[: len(categories) - 1]
    back = (0.0,) + tuple(stage.fte for stage in shown)
    series = base_series(facts, len(categories)) + (
        Series("Back to our own work", back, "dark"),
        Series(OTHER, tuple(max(other - b, 0.0) for b in back), "accent"),
    )
    return _stacked(facts, categories, series, "today and as each stage completes", "before and after",
                    outcome.reclaimed_per_week)


def _stacked(facts: Facts, categories: tuple[str, ...], series: tuple[Series, ...], when: str,
             compared: str, like: float) -> ChartSpec:
    """Act 3's columns of our team's time (`series` in FTE), stacked on one scale (the team's working time, with
    headroom), in the unit of the slide's big number (`like`, hours a week: facts.unit)."""
    unit = facts.unit(like)
    series = tuple(replace(s, values=unit.values(s.values)) for s in series)
    top = scale(*unit.values((facts.metrics.work_fte,)))
    return ChartSpec(
        kind="stacked_column", categories=categories, series=series, unit=unit.name,
        number_format=series_format(series, top, unit.number_format), caption=f"Our team's time in {unit.name}, {when}",
        value_max=top, legend=True,
        alt_text=alt_text(f"Stacked column chart, same scale {compared}", categories, series, unit),
    )


def no_share_agreed(facts: Facts) -> Act:
    """Other teams' work exists but the scenario returns none of it: the ask is to agree a hand-back."""
    metrics, outcome = facts.metrics, facts.outcome
    load = facts.magnitude(metrics.other_per_week)
    title = fitting(f"With no hand-back agreed yet, we keep carrying {load} of other teams' work: our ask is to "
                    "agree one",
                    f"With no hand-back agreed, we keep carrying {load} of other teams' work")
    owners = [p.owner for p in outcome.plans]
    points = [f"{fte(metrics.other_fte)} FTE of other teams' work stays with us",
              "A hand-back goes in stages: redirect, help lightly, owner handles it",
              f"Our ask: open the hand-back conversation with {listing(owners)}"]
    talk = (f"{title}. {future(facts)} The scenario as set returns no work to its owners, so "
            f"the {fte(metrics.other_fte)} full-time people of other teams' work stay with us. "
            + stage_story(facts, generic=True)
            + " What we need from you today is the mandate to open that conversation.")
    return Act(3, title, tuple(points), stacked_chart(facts), notes(facts, talk, [
        ("Why no hand-back in the plan?", "No share was set for any owner; set one to see its effect."),
    ]), BigNumber("0.0 FTE", "back to our own work"))


def nothing_to_hand_back(facts: Facts) -> Act:
    """No other teams' work in the logs: the ask is a rule that keeps it so, or, while much of the time has
    no owner yet, to decide the owners first."""
    if facts.unowned_matters:
        return owners_first(facts)
    metrics = facts.metrics
    title = fitting("With nothing to hand back, our ask is to keep 100% of our time on our own work as "
                    "requests grow")
    unit = facts.unit(metrics.work_fte * metrics.contracted_weekly_hours)  # the chart's and the big number's
    points = [f"What the rule keeps ours: {unit.say(unit.values((metrics.fte(metrics.controlled_hours),))[0])}, "
              f"{metrics.controlled_share:.0%} of working time",
              "Our ask: new requests from other teams go to their owners from day one"]
    chart = _kept_chart(facts, unit)
    talk = (f"{title}. {future(facts)} There is no other team's work in our logs, so there is "
            "nothing to hand back and no hand-back plan to run. What could be is what is, kept on purpose: "
            "teams drift into other teams' work one favour at a time. The simple rule that protects us is "
            "that new requests from other teams go to their owners from day one, and that we look at these "
            "numbers again with every month of data. What we need from you today is your backing for that "
            "rule when the first exception comes.")
    notes = Notes(
        talk=talk,
        assumptions=("The period logged is typical of how the team works.",),
        method="Other-team hours are zero in the logs, so nothing is reclaimed and no stage applies.",
        questions=(("Is this real, or did people not log it?",
                    "It is what the logs show; if help to other teams goes unlogged, logging it for a month "
                    "will tell us."),
                   ("So what do you need?", "A rule, not a budget: new outside requests go to their owners.")),
    )
    return Act(3, title, tuple(points), chart, notes, BigNumber(unit.say(0.0), "of other teams' work to hand back"))


def owners_first(facts: Facts) -> Act:
    """Much of the time has no owner yet: nothing can be handed back until it has one, so that is the ask."""
    metrics = facts.metrics
    unowned = metrics.hours_by_class["unassigned"]
    labels = len(metrics.unassigned_labels)
    title = fitting(f"First step: give the {metrics.unassigned_share:.0%} of working time with no owner a home, "
                    "then decide what goes back")
    amount = facts.amount(unowned / metrics.weeks)
    first, carried = _agreed_first(facts)
    known = (f"What we know is ours: {metrics.controlled_share:.0%} of working time"
             if metrics.controlled_share >= 0.005 else None)  # '0%' is no point to make
    points = [p for p in ((f"{labels} labels with no owner yet; the {count_words(first)} largest carry "
                           f"{carried:.0%} of it" if labels > first else f"No owner yet: {facts.open_labels}"),
                          known, "Our ask: agree with each team which open labels are theirs") if p]
    chart = _deciding_chart(facts)
    first_words = (f", the {count_words(first)} largest first: they carry {carried:.0%} of the open time"
                   if labels > first else "")
    talk = (f"{title}. We cannot ask to hand anything back yet: {metrics.unassigned_share:.0%} of "
            f"our working time, {fte(metrics.fte(unowned))} full-time people, sits on labels nobody has given an "
            f"owner, mostly {facts.open_labels}. Some of it is surely our own work; some may belong to other "
            "teams. The quickest way to know is to go through the open labels with the teams we work for and "
            f"agree, label by label, whose work each is{first_words}. Every decision updates these numbers at once, "
            "and the next version of this deck will show what to hand back, in people and in money. What we need from "
            "you today is your backing for that conversation with the other teams' leads.")
    notes = Notes(
        talk=talk,
        assumptions=("Time on a label with no owner is counted neither as ours nor as other teams'.",),
        method=(f"No owner yet = hours on undecided labels / work hours = {unowned:,.1f} / "
                f"{metrics.work_hours:,.1f} = {metrics.unassigned_share:.1%}; FTE = hours per week / "
                f"{metrics.contracted_weekly_hours:g} contracted hours."),
        questions=(("Why not hand something back now?",
                    "Nothing is counted as other teams' work until its label has an owner; guessing would "
                    "put a number in front of you we could not defend."),
                   ("How long does deciding take?",
                    (f"The {count_words(first)} largest labels carry {carried:.0%} of the open time; agreeing "
                     "those is a short meeting." if labels > first else
                     f"There {'is one label' if labels == 1 else f'are {count_words(labels)} labels'} to agree: "
                     "a short meeting."))),
    )
    return Act(3, title, tuple(points), chart, notes,
               BigNumber(amount, "of working time to give an owner"))


def _kept_chart(facts: Facts, unit: Unit) -> ChartSpec:
    """What the rule keeps ours, by kind of work, beside other teams' work at zero: the one bar the ask holds
    there (two identical 'today' and 'next quarter' columns said nothing)."""
    metrics = facts.metrics
    rows = [(name, metrics.fte(metrics.hours_by_class[cls]), colour)
            for name, cls, colour in (("Core work", "core", "grey"), ("Overhead", "overhead", "grey"),
                                      (UNOWNED, "unassigned", "light"))
            if metrics.hours_by_class[cls] > 0] + [(OTHER, 0.0, "accent")]
    values = unit.values(tuple(v for _, v, _ in rows))
    return ChartSpec(
        kind="bar", categories=tuple(c for c, _, _ in rows),
        series=(Series(unit.short, values, "grey", tuple(colour for _, _, colour in rows)),),
        unit=unit.name, number_format=unit.number_format(values),
        caption=f"What the rule keeps ours: {unit.heading[0].lower()}{unit.heading[1:]} a week, by kind of work",
        alt_text=f"Bar chart of our working time by kind in {unit.alt_name}: "
                 + "; ".join(f"{c[0].lower()}{c[1:]} {unit.say(v)}" for (c, _, _), v in zip(rows, values, strict=True)),
    )


def _agreed_first(facts: Facts) -> tuple[int, float]:
    """(k, share): the few largest open labels to decide first (at most DECIDED_FIRST) and the share of the
    open time they carry."""
    labels = facts.metrics.unassigned_labels
    first = min(DECIDED_FIRST, len(labels))
    total = sum(h for _, h in labels)
    return first, (sum(h for _, h in labels[:first]) / total if total > 0 else 0.0)


def _deciding_chart(facts: Facts) -> ChartSpec:
    """Today, with the largest open labels agreed, and with all agreed, on one scale: the open time turns into
    time whose owner is agreed (ours or another team's: the next deck says which), largest labels first."""
    metrics = facts.metrics
    labels = metrics.unassigned_labels
    own, unowned = facts.own_split
    first, _ = _agreed_first(facts)
    steps = [(f"{first} largest agreed", sum(h for _, h in labels[:first]))] if len(labels) > first else []
    every = {1: "Label agreed", 2: "Both agreed"}.get(len(labels), f"All {len(labels)} agreed")
    steps.append((every, sum(h for _, h in labels)))
    categories = ("Today",) + tuple(c for c, _ in steps)
    agreed = (0.0,) + tuple(metrics.fte(h) for _, h in steps)
    series = ((Series(OWN, (own,) * len(categories), "grey"),) if own >= facts.smallest_segment else ()) + (
        Series("Owner agreed", agreed, "dark"),
        Series(UNOWNED, tuple(max(unowned - a, 0.0) for a in agreed), "light"),
    )
    return _stacked(facts, categories, series, "today and as the open labels get an owner, largest first",
                    "today and as owners are agreed", metrics.hours_by_class["unassigned"] / metrics.weeks)
