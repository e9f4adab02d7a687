"""Follow-up act 2, what happened: per owner and per stage, the hours the plan has back by now against
what came back; what did not, and other teams' work the plan never held.

Honest when the plan slipped: the title says how much of what was planned came back and who has
not acted ("Stage 1 freed 11 of the 17 hours a week planned: IT still routes escalations to us").
The chart puts each owner's hours before, as planned by now, and now on one scale.
"""

from __future__ import annotations

from storykit.chartspec import ChartSpec, Series
from storykit.followup import ON_PLAN, OwnerProgress
from storykit.narrative.facts import UNOWNED_MATTERS
from storykit.narrative.followup.facts import FRACTIONS, FollowUpFacts, hours, signed, work_chart
from storykit.narrative.story import Act, BigNumber, Notes
from storykit.narrative.words import fitting, fte, listing
from storykit.vocabulary import FOLLOW_UP_ACTS

SHOWN_OWNERS = 6  # owners with bars of their own; the rest are summed as one
SHOWN_IN_METHOD = 6


def act(facts: FollowUpFacts) -> Act:
    f = facts.follow
    title = _title(facts)
    if f.planned_back > 0:
        in_fte = facts.in_people(f.back, f.planned_back)
        figure = (lambda h: fte(f.fte(h))) if in_fte else hours
        big = BigNumber(f"{figure(max(f.back, 0.0))} of {figure(f.planned_back)}",
                        f"{'FTE' if in_fte else 'hours a week'} back, of what {facts.stage_words.lower()} planned")
    else:
        big = BigNumber(facts.amount(f.now), "of other teams' work now")
    drawn = chart(facts) if f.planned_final > 0 else work_chart(facts, ("Baseline", "Now"))
    return Act(2, title, tuple(_points(facts)), drawn, _notes(facts, title), big, FOLLOW_UP_ACTS[2])


def _title(facts: FollowUpFacts) -> str:
    f = facts.follow
    stage, now = facts.stage_words, facts.amount(f.now, f.before)
    if f.planned_back <= 0:
        if f.planned_final <= 0 and f.before <= 0:
            return (fitting(f"No hand-back was needed, yet other teams' work is {now} now, none in the baseline")
                    if f.now > 0 else "No hand-back was needed: other teams' work is 0 hours a week, as in the baseline")
        if f.planned_final <= 0:
            return fitting(f"With no hand-back agreed, other teams' work is {now}, "
                           f"{facts.amount(f.before, f.now)} in the baseline")
        return fitting(f"Stage 1 begins {facts.stage_date(1)}: nothing was due yet, and other teams' work is {now}")
    of = facts.of_planned(f.back, f.planned_back)
    if f.back <= 0:
        moved = "grew to" if f.now > f.before else "held at"
        return fitting(f"{stage} freed {of}: other teams' work {moved} {now}", f"{stage} freed {of}")
    why = _why(facts)
    if f.back < (1 - ON_PLAN) * f.planned_back:
        return fitting(f"{stage} freed {of}: {why}", f"{stage} freed {of}")
    back = facts.amount(f.back, f.planned_back)
    if f.back <= (1 + ON_PLAN) * f.planned_back:
        lead = f"{stage} freed {back}, as planned"
        came = [o for o in f.owners if o.in_plan and o.back > 0]
        rest = f", but {why}" if f.stalled else f": {facts.owners(came, 2)} took their share back"
    else:
        lead = f"{stage} freed {back}, more than the {facts.amount(f.planned_back, f.back)} planned"
        rest = f", but {why}" if f.stalled else ""
    return fitting(lead + rest, lead)


def _why(facts: FollowUpFacts) -> str:
    """Who has not acted: 'IT still routes escalations to us', 'IT and 2 more teams still route their work'."""
    stalled = facts.follow.stalled or facts.follow.with_status("behind")
    if not stalled:
        return "every owner took its share back"
    first = stalled[0]
    if len(stalled) == 1:
        return f"{first.owner} still routes {_noun(first)} to us"
    more = len(stalled) - 1
    return f"{first.owner} and {more} more team{'s' * (more != 1)} still route their work to us"


def _noun(o: OwnerProgress) -> str:
    """What an owner still sends us: its largest label without the owner's name ('escalations' for
    'IT escalations'), when the label names the owner; else 'its work'."""
    if not o.labels:
        return "its work"
    label = o.labels[0][0]
    head = o.owner.casefold() + " "
    return label[len(head):].lower() if label.casefold().startswith(head) and len(label) > len(head) else "its work"


def _points(facts: FollowUpFacts) -> list[str]:
    f = facts.follow
    came = sorted((o for o in f.owners if o.in_plan and o.planned_back > 0 and o.status != "stalled"),
                  key=lambda o: -o.back)
    points = []
    if came:
        first, *rest = came[:2]
        more = len(came) - 2
        points.append(f"Came back: {first.owner} {hours(first.back)} of {hours(first.planned_back)} h a week planned"
                      + "".join(f", {o.owner} {hours(o.back)} of {hours(o.planned_back)}" for o in rest)
                      + (f"; and {more} more team{'s' * (more != 1)}" if more > 0 else ""))
    elif f.planned_back > 0:
        points.append("Came back: no owner has taken its share back yet")
    elif f.planned_final <= 0 and f.before <= 0 and f.now <= 0:
        points.append("Nothing to hand back: no other teams' work in the baseline or now")
    elif f.planned_final <= 0:
        was = facts.short(f.before, f.now) if f.before > 0 else "none"
        points += ["No hand-back was agreed, so nothing was due back",
                   f"Other teams' work: {facts.short(f.now, f.before)} now, {was} in the baseline"]
    else:
        points.append(f"Nothing was due yet: stage 1 begins {facts.stage_date(1)}")
    if f.stalled:
        due = sum(o.shortfall for o in f.stalled)
        points.append(f"Not back: {hours(due)} h a week due from {facts.owners(f.stalled)}")
    points += _news(facts)
    return points[:3]


def _news(facts: FollowUpFacts) -> list[str]:
    """What changed beyond the plan, most important first: new work, new labels, the team, gaps."""
    f = facts.follow
    out = []
    new = f.with_status("new")
    if new:
        out.append(f"New, not in the plan: {listing([o.owner for o in new], 2)}, "
                   f"{hours(sum(o.now - o.before for o in new))} h a week")
    if f.metrics.unassigned_share >= UNOWNED_MATTERS:
        out.append(f"{f.metrics.unassigned_share:.0%} of working time has no owner yet: it counts as our own")
    open_labels = [n for n in f.new_labels if not n.choice.decided]
    if open_labels:
        first = open_labels[0]
        out.append(f"New label{'s' * (len(open_labels) > 1)}, not decided yet: {first.label}, "
                   f"{hours(first.hours_per_week)} h a week" + (f", and {len(open_labels) - 1} more"
                                                                if len(open_labels) > 1 else ""))
    gone = [o for o in f.owners if o.in_plan and o.now == 0]
    if gone:
        out.append(f"No longer in our logs at all: {facts.owners(gone, 2)}")
    if f.team_grew:
        out.append(f"The team is {f.metrics.team_size} people now, {f.baseline.team_size} before: "
                   "hours count per week, not per head")
    if f.overlap_weeks:
        out.append(f"{f.overlap_weeks} week{'s' * (f.overlap_weeks != 1)} overlapping the baseline left out")
    return out


def chart(facts: FollowUpFacts) -> ChartSpec:
    """Per owner, hours a week before, as planned by now, and now: one scale, so the gaps compare."""
    f = facts.follow
    rows = [(o.owner, o.before, o.before - o.planned_back, o.now) for o in f.owners]
    if len(rows) > SHOWN_OWNERS + 1:
        tail = rows[SHOWN_OWNERS:]
        rows = rows[:SHOWN_OWNERS] + [(f"All others ({len(tail)})", *(sum(r[i] for r in tail) for i in (1, 2, 3)))]
    series = (Series("Before", tuple(r[1] for r in rows), "grey"),
              Series("Planned by now", tuple(r[2] for r in rows), "dark"),
              Series("Now", tuple(r[3] for r in rows), "accent"))
    return ChartSpec(
        kind="bar", categories=tuple(r[0] for r in rows), series=series, unit="hours a week",
        caption="Other teams' work we do, hours a week: before, as planned by now, and now",
        number_format="0.0", legend=True,
        alt_text="Bar chart of other teams' work per owner in hours a week: " + "; ".join(
            f"{r[0]} before {hours(r[1])}, planned by now {hours(r[2])}, now {hours(r[3])}" for r in rows),
    )


def _notes(facts: FollowUpFacts, title: str) -> Notes:
    f = facts.follow
    came = [o for o in f.owners if o.in_plan and o.planned_back > 0 and o.status != "stalled"]
    talk = [f"{title}."]
    if came:
        talk.append(f"{facts.owners(came)} took back what was due: "
                    + "; ".join(f"{o.owner} {hours(o.back)} hours a week against {hours(o.planned_back)} planned"
                                for o in came[:3]) + ".")
        talk.append(f"That time went back to our own work: {hours(f.own_before)} hours a week before, "
                    f"{hours(f.own_now)} now.")
    if f.stalled:
        grew = [o for o in f.stalled if o.back < 0]
        talk.append(f"{facts.owners(f.stalled)} did not: their work is where it was, "
                    f"{hours(sum(o.shortfall for o in f.stalled))} hours a week the plan has back by now."
                    + (f" The work of {listing([o.owner for o in grew])} even grew." if grew else ""))
    gone = [o.owner for o in f.owners if o.in_plan and o.now == 0]
    if gone:
        talk.append(f"The work of {listing(gone)} no longer appears in our logs at all.")
    for o in f.with_status("new"):
        talk.append(f"{o.owner}'s work is new since the baseline, {hours(o.now - o.before)} hours a week, and was "
                    "never in the plan.")
    open_labels = [n for n in f.new_labels if not n.choice.decided]
    if open_labels:
        first = open_labels[0]
        talk.append((f"{len(open_labels)} labels appeared that the project had not seen, {first.label} the largest"
                     if len(open_labels) > 1 else f"One label appeared that the project had not seen, {first.label}")
                    + f" ({hours(first.hours_per_week)} hours a week); until someone decides whose work "
                    f"{'they are' if len(open_labels) > 1 else 'it is'}, it counts as our own.")
    talk.append("The next slide is what we ask for now.")
    return Notes(" ".join(talk), _assumptions(facts), _method(facts), _questions(facts))


def _assumptions(facts: FollowUpFacts) -> tuple[str, ...]:
    f = facts.follow
    overlap = f.overlap_weeks
    left_out = (f"; {overlap} earlier week{'s' * (overlap != 1)} of the new data overlapped the baseline and "
                f"{'are' if overlap != 1 else 'is'} left out") if overlap else ""
    out = [f"Before: the baseline's hours a week ({facts.baseline_period}). Now: {facts.later_period} "
           f"{f.metrics.last.year}, {facts.weeks_words}{left_out}.",
           "Planned back by now: each week, an owner's hours before x its share x the fraction of the stage it "
           "had reached that week (a third at stage 1), averaged over the period.",
           "Hours are counted a week for the whole team, not per person"
           + (f": the team is {f.metrics.team_size} people now, {f.baseline.team_size} in the baseline"
              if f.team_grew else "") + "."]
    if f.new_labels:
        out.append("Labels new since the baseline count as our own work until someone decides whose they are: "
                   + listing([f"{n.label} ({hours(n.hours_per_week)} h a week, {n.choice.words})"
                              for n in f.new_labels]) + ".")
    return tuple(out)


def _method(facts: FollowUpFacts) -> str:
    """The arithmetic to 0.01 h, so the terms add up to the totals as written."""
    f = facts.follow
    plan = [o for o in f.owners if o.in_plan]
    single = [s for s in f.stages_in_period if s > 0] == [f.stage_due] and f.stages_in_period[0] > 0

    def planned(o: OwnerProgress) -> str:
        if single:
            return f"{o.before:,.2f} x {o.share:.0%} x {FRACTIONS[min(f.stage_due, o.last_stage)]}"
        return f"{o.planned_back:,.2f}"

    shown = plan[:SHOWN_IN_METHOD]
    more = " + ..." if len(plan) > SHOWN_IN_METHOD else ""
    changes = ", ".join(f"{o.owner} {signed(o.now - o.before)}" for o in f.owners[:SHOWN_IN_METHOD + 2]) or "none"
    if not plan:
        return (f"Planned back = 0: no owner agreed to take work back. Other teams' work before = {f.before:,.2f} h "
                f"a week, now = {f.now:,.2f} h a week = {f.fte(f.now):.2f} FTE (changes: {changes}).")
    return ("Planned back = sum over owners of hours a week before x share x stage fraction"
            + ("" if single else " (each week's stage, averaged over the weeks)") + " = "
            + " + ".join(planned(o) for o in shown) + more
            + f" = {f.planned_back:,.2f} h a week = {f.fte(f.planned_back):.2f} FTE. "
            + "Back = before - now = "
            + " + ".join(f"({o.before:,.2f} - {o.now:,.2f})" for o in shown) + more
            + f" = {f.back:,.2f} h a week = {f.fte(f.back):.2f} FTE. "
            + f"Other teams' work now = {f.now:,.2f} h a week (changes: {changes}).")


def _questions(facts: FollowUpFacts) -> tuple[tuple[str, str], ...]:
    f = facts.follow
    out = []
    stalled, came = f.stalled, [o for o in f.owners if o.in_plan and o.back > 0 and o.status != "stalled"]
    if stalled and came:
        o = stalled[0]
        out.append(("Is this just a quieter month?",
                    f"The owners that did not act are where they were ({o.owner}: {hours(o.before)} hours a week "
                    f"before, {hours(o.now)} now), so the drop follows the hand-back, not the season."))
    out.append(("Where did the freed time go?",
                f"To {facts.reclaimed_for}: our own work went from {hours(f.own_before)} to "
                f"{hours(f.own_now)} hours a week."))
    if f.new_labels:
        one = len(f.new_labels) == 1
        out.append((f"What {'is the new label' if one else 'are the new labels'}?",
                    f"{listing([n.label for n in f.new_labels])}: {'it first appears' if one else 'they first appear'} "
                    f"after the baseline. Once we decide whose work {'it is' if one else 'they are'}, these numbers "
                    "update."))
    return tuple(out)
