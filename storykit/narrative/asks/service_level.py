"""The ask 'protect a service level we promised': the time back goes to the queue, and clears the backlog by a date."""

from __future__ import annotations

from storykit.chartspec import ChartSpec, Series
from storykit.narrative import what_could_be as plan
from storykit.narrative.facts import Facts
from storykit.narrative.story import Act, BigNumber
from storykit.narrative.words import fitting, fte, owners_words
from storykit.scenario import burn_down

BURN_DOWN_MAX_WEEKS = 26  # a backlog chart longer than half a year is not a plan anyone believes


def act(facts: Facts) -> Act:
    outcome, service = facts.outcome, facts.service
    if outcome.reclaimed_per_week <= 0:
        return plan.no_share_agreed(facts)
    promise = (f"our {service.promised_response_hours:g}-hour reply promise" if service.promised_response_hours
               else "our service levels")
    done = facts.backlog_cleared
    back = facts.magnitude(outcome.reclaimed_per_week)
    if done and service.backlog_items:
        lead = f"Handing back {facts.handed_back} of it clears our {service.backlog_items:,}-item backlog by {facts.day(done)}"
        title = fitting(f"{lead} and protects {promise}", lead)
    else:
        title = fitting(f"Handing back {facts.handed_back} of it frees {back} to keep {promise}",
                        f"Handing back {facts.handed_back} of it frees {back} for our service levels")
    giving_back = owners_words(outcome.owners_giving_back)
    points = [
        f"Today: {facts.service_facts() or 'our own queue waits'}",
        (f"Our {service.backlog_items:,}-item backlog ({service.backlog_hours:,.0f} h of work) cleared by "
         f"{facts.day(done)}" if done else facts.backlog_point() or
         f"By {facts.day(outcome.complete)}: {facts.amount(outcome.reclaimed_per_week)} back on our own queue"),
        f"Our ask: agree the hand-back with {giving_back}",
    ]
    talk = (
        f"{title}. {plan.future(facts)} "
        + (f"Today {facts.service_facts()}. " if service.given else "")
        + "The time to fix that is already on our books: it goes to other teams' work. "
        + plan.stage_story(facts, short=True)
        + (f" Put on the backlog, that time clears all {service.backlog_items:,} items by {facts.day(done)}, if new work "
           "keeps arriving at today's pace. " if done else " ")
        + f"After that, {fte(outcome.reclaimed_fte)} full-time people stay on our own queue: that keeps "
        f"{promise} a promise, not a hope. What we need from you today is the decision to hand the work back, "
        f"and your support with {giving_back}."
    )
    questions = [
        ("How do we know the reply time will recover?",
         "Replies slip because the hours go elsewhere; the hand-back returns those hours to the queue, and "
         "we will report the reply time every month against the promise."),
        ("Won't customers suffer during the hand-back?",
         "No customer is dropped: new requests are redirected first, and we keep helping lightly until the "
         "owner is ready."),
    ]
    big = BigNumber(facts.day(done), "backlog cleared") if done else plan.big_back(facts)
    return Act(3, title, tuple(points), chart(facts), plan.notes(facts, talk, questions), big)


def chart(facts: Facts) -> ChartSpec:
    """The backlog burning down week by week where it clears; else our own queue's FTE as each stage completes."""
    metrics, outcome, service = facts.metrics, facts.outcome, facts.service
    if facts.backlog_cleared is not None and service.backlog_items and service.backlog_hours:
        weeks = burn_down(service, outcome, BURN_DOWN_MAX_WEEKS)
        labels = tuple(f"w/c {facts.day(monday)}" for monday, _ in weeks)
        values = tuple(items for _, items in weeks)
        colours = tuple("grey" for _ in values[:-1]) + ("accent",)
        return ChartSpec(
            kind="column", categories=labels,
            series=(Series("Backlog items left", values, "grey", colours),),
            unit="backlog items", number_format="0",
            caption="Backlog items left, week by week, as the reclaimed time goes to it",
            alt_text="Column chart of backlog items left per week: "
                     + "; ".join(f"{c} {v:,.0f}" for c, v in zip(labels, values, strict=True)),
        )
    own = facts.own_split[0]  # time with no owner yet is not our queue's
    categories = plan.stage_labels(facts)
    shown = outcome.stages[: len(categories) - 1]
    unit = facts.unit(outcome.reclaimed_per_week)  # the big number's (plan.big_back)
    values = unit.values((own,) + tuple(own + stage.fte for stage in shown))
    colours = ("grey",) * (len(values) - 1) + ("accent",)
    return ChartSpec(
        kind="column", categories=categories,
        series=(Series(f"Our own queue ({unit.short})", values, "grey", colours),),
        unit=f"{unit.name} on our own queue", number_format=unit.number_format(values),
        caption=f"{unit.capitalised} on our own queue, today and as each stage completes",
        value_max=plan.scale(*unit.values((metrics.work_fte,))),
        alt_text=f"Column chart of {unit.alt_name} on our own queue: "
                 + "; ".join(f"{c} {unit.say(v)}" for c, v in zip(categories, values, strict=True)),
    )
