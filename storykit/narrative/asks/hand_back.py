"""The ask 'hand the work back to its owners, in stages': what it frees, from when, and for what."""

from __future__ import annotations

from storykit.narrative import what_could_be as plan
from storykit.narrative.facts import Facts
from storykit.narrative.story import Act
from storykit.narrative.words import count_words, fitting, owners_words, percent


def act(facts: Facts) -> Act:
    metrics, outcome, settings = facts.metrics, facts.outcome, facts.settings
    if outcome.reclaimed_per_week <= 0:
        return plan.no_share_agreed(facts)
    start, reached = outcome.plan_start, outcome.stages_reached
    stages = f"in {count_words(reached)} stage{'s' * (reached != 1)}"
    what_for = facts.scenario.reclaimed_for or "our own work"
    gain, back = facts.gain_cost, facts.magnitude(outcome.reclaimed_per_week)
    lead = f"Handing back {facts.handed_back} of it {stages}"
    short = f"Handing back {facts.handed_back} of it"
    if settings.audience == "finance" and gain:
        title = fitting(f"{lead} from {facts.day(start)} returns {gain} a year of our time to {what_for}",
                        f"{short} returns {gain} a year of our time to {what_for}",
                        f"{lead} from {facts.day(start)} returns {gain} a year of our time")
    elif settings.audience == "people" and metrics.concentrated:
        title = fitting(f"{short} frees {back} for {what_for} and lifts the load off the few who carry it",
                        f"{short} frees {back} for {what_for} and lifts the load off the few",
                        f"{lead} from {facts.day(start)} frees {back} and lifts the load off the few who carry it",
                        f"{lead} frees {back} and lifts the load off the few")
    else:  # the purpose outlasts the date and the stages when the title has to shorten
        title = fitting(f"{lead} from {facts.day(start)} frees {back} for {what_for}",
                        f"{short} from {facts.day(start)} frees {back} for {what_for}",
                        f"{short} frees {back} for {what_for}",
                        f"{lead} from {facts.day(start)} frees {back} for our own work")
    first, last = outcome.stages[0], outcome.stages[reached - 1]
    giving_back = owners_words(outcome.owners_giving_back)
    backlog = facts.backlog_point()
    points = [
        backlog or f"From {facts.day(first.starts)}: {first.what.lower()}, "
                   f"{facts.amount(first.reclaimed_per_week, outcome.reclaimed_per_week)} back",
        f"By {facts.day(last.complete)}: {facts.amount(last.reclaimed_per_week)} back"
        + (f" ({facts.money(last.cost)} a year)" if last.cost is not None else "")
        + f", for {what_for}",
        f"Our ask: agree the hand-back with {giving_back} by {facts.day(start)}",
    ]
    talk = (
        f"{title}. {plan.future(facts)} We do not stop anything overnight: you cannot stop doing "
        "something until it has a home. "
        + plan.stage_story(facts)
        + f" Once the last stage is in place, {outcome.reclaimed_per_week:,.0f} hours a week come back to us and "
        f"other teams' work falls from {percent(metrics.other_team_share)} to {percent(outcome.other_share_after)} "
        "of our "
        "time. " + ("" if what_for in title else f"That time goes to {what_for}. ")
        + (f"{backlog}. " if backlog else "")
        + f"What we need from you today is one decision: that we agree the hand-back with {giving_back}, with "
        f"you sponsoring the conversation, from {facts.day(start)}."
    )
    headcount_cost = facts.money(outcome.headcount_cost)
    questions = [
        ("Won't customers suffer during the hand-back?",
         "No customer is dropped: new requests are redirected first, and we keep helping lightly and taking "
         "messages until the owner is ready."),
        ("Why not just hire?",
         f"Hiring to carry other teams' work would take {facts.magnitude(metrics.other_per_week)}"
         + (f", about {headcount_cost} a year," if headcount_cost else "")
         + " and keep the work in the wrong place; handing it back costs no headcount."),
        ("What if an owning team says it has no capacity?",
         "Then the work is visible as theirs, and their capacity is the decision to take, at their level."),
    ]
    return Act(3, title, tuple(points), plan.stacked_chart(facts), plan.notes(facts, talk, questions),
               plan.big_back(facts))
