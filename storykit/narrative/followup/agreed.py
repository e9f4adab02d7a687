"""Follow-up act 1, what we agreed: the baseline's load and the staged plan with its dates, as approved.

Told from the baseline alone (the project file kept it), so it says what the room heard last time;
the chart is other teams' work before and once each stage is reached, on the scale act 3 uses too.
"""

from __future__ import annotations

from storykit.followup import FollowUp
from storykit.narrative.followup.facts import FRACTIONS, STAGE_RULE, FollowUpFacts, hours, other_chart, work_chart
from storykit.narrative.story import Act, BigNumber, Notes
from storykit.narrative.words import fitting, fte, listing
from storykit.vocabulary import FOLLOW_UP_ACTS, STAGES

SHOWN_IN_METHOD = 6  # owners written out in the method; the rest are '...'


def act(facts: FollowUpFacts) -> Act:
    f = facts.follow
    b = f.baseline
    final, before = f.planned_final, f.before
    share = f"{b.other_team_share:.0%}"
    stages = range(1, f.stages_agreed + 1)
    start = facts.stage_date(1)
    if final > 0:
        title = fitting(
            f"We agreed to hand back {_of(facts, final, before)} other teams' work took, {share} of our time, "
            f"in {facts.stages_count} from {start}",
            f"We agreed to hand back {_of(facts, final, before)} ({share} of our time) in {facts.stages_count} "
            f"from {start}",
            f"We agreed to hand back {_of(facts, final, before)} of other teams' work in {facts.stages_count}",
        )
    elif before > 0:
        title = fitting(f"Other teams' work took {facts.amount(before)} ({share} of our time), and no hand-back "
                        "was agreed")
    else:
        title = "Other teams' work took 0% of our time in the baseline, so no hand-back was needed"
    points = [f"Before ({facts.baseline_period}): {share} of our time, {facts.short(before)}, "
              f"{facts.team_words}"]
    if final > 0:
        amounts = [facts.short(f.planned_at(s), final) for s in stages]
        amounts[1:] = [a.split(" ")[0] for a in amounts[1:]]  # the unit is said once, at the first figure
        points.append("Back by stage: " + ", ".join(f"{a} from {facts.stage_date(s)}"
                                                    for s, a in zip(stages, amounts, strict=True)))
        points.append(_shares(f))
    else:
        points.append("No owner agreed to take any of its work back" if before > 0 else
                      "No other team's work to hand back")
    columns = [("Before", before, "grey")] + [
        (f"Stage {s}, {facts.stage_date(s)}", before - f.planned_at(s), "accent" if s == f.stages_agreed else "grey")
        for s in stages]
    chart = (other_chart(facts, columns, "The plan as agreed: other teams' work we do, full-time people (FTE)",
                         "Column chart of the agreed plan, other teams' work in full-time equivalents")
             if final > 0 else work_chart(facts, ("Baseline",)))
    big = (BigNumber(f"{fte(f.fte(final))} FTE", f"agreed to come back by {facts.stage_date(f.stages_agreed)}")
           if final > 0 else BigNumber(f"{share}", "of our time was other teams' work"))
    return Act(1, title, tuple(points), chart, _notes(facts, title), big, FOLLOW_UP_ACTS[1])


def _of(facts: FollowUpFacts, part: float, whole: float) -> str:
    """'1.3 of the 2.5 FTE', '9 of the 31 hours a week': a part of a whole in the whole's unit."""
    f = facts.follow
    if facts.in_people(whole):
        return f"{fte(f.fte(part))} of the {fte(f.fte(whole))} FTE"
    return f"{hours(part)} of the {hours(whole)} hours a week"


def _shares(f: FollowUp) -> str:
    """'Agreed shares: Contact Centre 60%; 4 other teams 50%': owners grouped by their share."""
    by_share: dict[float, list[str]] = {}
    for o in f.owners:
        if o.in_plan:
            by_share.setdefault(o.share, []).append(o.owner)
    groups = sorted(by_share.items(), key=lambda x: -x[0])
    parts = []
    for i, (share, owners) in enumerate(groups):
        who = listing(owners) if len(owners) <= 2 else f"{len(owners)} {'other ' if i else ''}teams"
        parts.append(f"{who} {share:.0%}")
    return "Agreed shares: " + "; ".join(parts)


def _notes(facts: FollowUpFacts, title: str) -> Notes:
    f = facts.follow
    b = f.baseline
    plan = [o for o in f.owners if o.in_plan]
    stages = range(1, f.stages_agreed + 1)
    when = "; ".join(f"from {facts.stage_date(s)}, {STAGES[s][0].lower()}{STAGES[s][1:]}" for s in stages)
    talk = (
        f"{title}. When we last met, the logs for {facts.baseline_period} {b.last.year} said that "
        f"{b.other_team_share:.0%} of our working time, {facts.amount(f.before)}, went to work other teams own. "
        + (f"We agreed to hand it back in stages, because work cannot stop until it has a home: {when}. "
           f"Once every stage is reached, {facts.amount(f.planned_final, f.before)} comes back to "
           f"{facts.settings.team_name if facts.settings.team_name != 'Our team' else 'us'}. "
           if plan else "No owner agreed to take any of it back, so nothing was planned to come back. ")
        + "This slide is the plan as it was approved, with its dates; the next one holds what happened "
        "against it, owner by owner."
    )
    method = (f"Before = other teams' hours a week in the baseline = {f.before:,.2f} h / "
              f"{f.metrics.contracted_weekly_hours:g} h contract = {f.fte(f.before):.2f} FTE; share = "
              f"{f.before:,.2f} / {b.work_hours_per_week:,.2f} working hours a week = {b.other_team_share:.1%}. "
              "Agreed in all = sum over owners of hours a week x share x last stage's fraction = "
              + " + ".join(f"{o.before:,.2f} x {o.share:.0%} x {FRACTIONS[o.last_stage]}"
                           for o in plan[:SHOWN_IN_METHOD])
              + (" + ..." if len(plan) > SHOWN_IN_METHOD else "")
              + f" = {f.planned_final:,.2f} h a week = {f.fte(f.planned_final):.2f} FTE.")
    assumptions = (
        f"The baseline is {facts.baseline_period} {b.last.year}: {b.weeks} weeks, {facts.team_words}, "
        f"{b.contracted_weekly_hours:g} contracted hours a week. The project file keeps it as totals only "
        "(no rows, no names).",
        f"{STAGE_RULE}; stages follow {b.stage_weeks} weeks apart.",
    )
    if b.contracted_weekly_hours != f.metrics.contracted_weekly_hours:
        assumptions += (f"The contract changed from {b.contracted_weekly_hours:g} to "
                        f"{f.metrics.contracted_weekly_hours:g} hours a week; every FTE here uses the new one.",)
    questions = (
        ("Has the plan changed since?",
         "No: these are the shares and dates the project file kept with the baseline, and the next slide "
         "measures against exactly these."),
        ("Why in stages?",
         "You cannot stop doing something until it has a home: new requests go first, then we only help "
         "lightly, then the owner handles it fully, so no customer is dropped."),
    )
    return Notes(talk, assumptions, method, questions)
