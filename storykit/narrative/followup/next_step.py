"""Follow-up act 3, what next: approve the next stage, fix a stalled owner first, or stop.

The decision is the numbers' (followup.FollowUp.decision); this module says it as one ask, with
the chart of other teams' work before, now and as planned from here, on act 1's scale.
"""

from __future__ import annotations

from storykit.followup import OwnerProgress
from storykit.narrative.facts import UNOWNED_MATTERS
from storykit.narrative.followup.facts import FRACTIONS, STAGE_RULE, FollowUpFacts, hours, other_chart, work_chart
from storykit.narrative.story import Act, BigNumber, Notes
from storykit.narrative.words import day, fitting, owners_words
from storykit.vocabulary import FOLLOW_UP_ACTS

STALLED_WORDS = "An owner that gave back less than half of what was due by now has stalled."
KEEP = ("What keeps it from creeping back?", "The rule: new requests go to their owners from day one, and the next "
                                             "export shows whether it holds.")
AS_PLANNED = ("'As planned' columns assume each owner reaches that stage's share, the stalled ones included; "
              "an owner already below that level stays where it is.")


def act(facts: FollowUpFacts) -> Act:
    decision = facts.follow.decision
    if decision == "next_stage":
        title, points, big, talk, method, questions = _approve(facts)
    elif decision == "fix_owner":
        title, points, big, talk, method, questions = _fix(facts)
    else:
        title, points, big, talk, method, questions = _stop(facts)
    assumptions = (AS_PLANNED, f"{STAGE_RULE}.") + ((STALLED_WORDS,) if facts.follow.stalled else ())
    notes = Notes(f"{title}. {talk}", assumptions, method, questions)
    return Act(3, title, tuple(points), _chart(facts), notes, big, FOLLOW_UP_ACTS[3])


def _who(stalled: tuple[OwnerProgress, ...]) -> str:
    """'IT', or 'IT and 2 more teams': the stalled owners as a title has room for them."""
    more = len(stalled) - 1
    return stalled[0].owner + (f" and {more} more team{'s' * (more != 1)}" if more else "")


def _figure(facts: FollowUpFacts, hours_per_week: float, *like: float) -> tuple[str, str]:
    """('0.4', 'FTE') or ('6.1', 'hours a week'): a big number and its unit."""
    amount = facts.amount(hours_per_week, *like)
    value, _, unit = amount.partition(" ")
    return value, unit


def _approve(facts: FollowUpFacts):  # type: ignore[no-untyped-def]
    f = facts.follow
    n = f.next
    assert n is not None  # the decision is next_stage only when a stage is still to come
    total = max(f.back, 0.0) + n.adds_per_week
    when, verb = day(n.starts), ("hold to" if n.stage == 1 else "approve")
    title = fitting(f"Our ask: {verb} stage {n.stage} from {when}: it frees another "
                    f"{facts.amount(n.adds_per_week, total)}, {facts.amount(total)} back in all",
                    f"Our ask: {verb} stage {n.stage} from {when}, which frees another "
                    f"{facts.amount(n.adds_per_week)}")
    points = [f"Stage {n.stage} from {when}: {n.what.lower()}, another {facts.short(n.adds_per_week, total)} back",
              f"Then in all: {facts.short(total)} back, other teams' work down to "
              f"{facts.short(f.other_at(n.stage), f.now)}",
              f"Our ask: agree stage {n.stage} with {owners_words(list(n.owners))} by {when}"]
    value, unit = _figure(facts, n.adds_per_week, total)
    big = BigNumber(f"+{value}", f"{unit} back with stage {n.stage}")
    done = (f"Stage {f.stage_due} did what it promised: {facts.amount(f.back, f.planned_back)} came back. "
            if f.stage_due else "")
    talk = (f"{done}Stage {n.stage}, from {when}, is the next step we agreed: {n.what.lower()}. It adds "
            f"{facts.amount(n.adds_per_week, total)} to what we have back, {facts.amount(total)} in all, and other "
            f"teams' work falls to {facts.amount(f.other_at(n.stage), f.now)}. What we need from you today is the "
            f"go-ahead for stage {n.stage} on {when}, with you sponsoring the conversation with "
            f"{owners_words(list(n.owners))}.")
    questions = (("What if we wait?", f"Then {facts.amount(f.now)} of other teams' work stays with us, week after "
                                      "week, and the owners learn that the plan can slip."),
                 ("Will customers notice?", "No customer is dropped: each stage moves new requests first and we "
                                            "keep helping lightly until the owner is ready."))
    return title, points, big, talk, _adds_method(facts) + " " + _level_method(facts, n.stage), questions


def _fix(facts: FollowUpFacts):  # type: ignore[no-untyped-def]
    f = facts.follow
    stalled, n = f.stalled, f.next
    stages = facts.stage_words.lower()  # 'stage 1', 'stages 1 and 2': what was due
    due = sum(o.shortfall for o in stalled)
    on_track = [o for o in f.owners if o.in_plan and o.planned_back > 0 and o not in stalled]
    who, owed = _who(stalled), facts.amount(due, f.planned_back)
    if on_track and n is not None:
        when = day(n.starts)
        adds = sum(o.to_free(n.stage) for o in on_track)
        title = fitting(f"Our ask: fix {stages} with {who} ({owed} still due), then approve stage {n.stage} from {when}",
                        f"Our ask: fix {stages} with {who}: {owed} is still due")
        then = (f"Then stage {n.stage} from {when} for {facts.owners(on_track, 2)}: another "
                f"{facts.short(adds, f.planned_back)} back")
    elif on_track:
        title = fitting(f"Our ask: put {stages} back on track with {who}: {owed} is still with us",
                        f"Our ask: get {who} to take back the {owed} still due")
        then = f"Once fixed: {facts.short(f.planned_back)} back, as {stages} planned"
    else:
        title = fitting(f"Our ask: get the hand-back started with {who}: {owed} due by now is still with us",
                        f"Our ask: get the hand-back started: {owed} due by now is still with us")
        then = f"Once fixed: {facts.short(f.planned_back)} back, as {stages} planned"
    more = len(stalled) - 3
    points = ["Fix first: " + ", ".join(f"{o.owner} {hours(o.shortfall)}" for o in stalled[:3]) + " h a week still due"
              + (f"; and {more} more team{'s' * (more != 1)}" if more > 0 else ""), then,
              f"Our ask: raise it with the leads of {facts.owners(stalled)}"]
    value, unit = _figure(facts, due, f.planned_back)
    big = BigNumber(value, f"{unit} due by now, still with us")
    came = f"Where the owner acted, the plan worked: {facts.owners(on_track)} gave back what was due. " \
        if on_track else "No owner has yet given back what was due. "
    talk = (came + f"{facts.owners(stalled)} did not, and the next stage would ask "
            f"{'it' if len(stalled) == 1 else 'them'} for more before {stages} is done. So we ask for "
            f"{'two things' if on_track and n else 'one thing'}: that you raise it with the leads of "
            f"{facts.owners(stalled)}, so that the {owed} comes back as agreed"
            + (f"; and that stage {n.stage} goes ahead from {day(n.starts)} where it is working: "
               f"{n.what[0].lower()}{n.what[1:]}, another {facts.amount(sum(o.to_free(n.stage) for o in on_track))} "
               f"back from {facts.owners(on_track)}." if on_track and n else ".")
            + " The plan holds where the owner acts on it; what it needs now is your weight behind it.")
    method = ("Still due = sum over stalled owners of planned back - back = "
              + " + ".join(f"({o.planned_back:,.2f} - {o.back:,.2f})" if o.back >= 0 else
                           f"({o.planned_back:,.2f} + {-o.back:,.2f})" for o in stalled)
              + f" = {due:,.2f} h a week = {f.fte(due):.2f} FTE. " + _level_method(facts, max(f.stage_due, 1))
              + (" " + _adds_method(facts, on_track) if on_track and n else ""))
    questions = (
        ("Why not go ahead with the next stage everywhere?",
         f"{facts.owners(stalled)} {'has' if len(stalled) == 1 else 'have'} not done {stages} yet; "
         "asking for more first only moves the problem."),
        ("What does fixing it take?",
         "A conversation at your level with the owner's lead: the work is theirs, and their capacity is their "
         "decision to make."),
    )
    return title, points, big, talk, method, questions


def _stop(facts: FollowUpFacts):  # type: ignore[no-untyped-def]
    f = facts.follow
    back, final = max(f.back, 0.0), f.planned_final
    if final <= 0:
        return _no_plan(facts)
    if f.goal_reached:
        title = fitting(f"Our ask: stop here: {facts.amount(back, final)} is back, more than the "
                        f"{facts.amount(final, back)} the whole plan asked for",
                        f"Our ask: stop here: {facts.amount(back, final)} is back, all the plan asked for")
        talk = (f"The plan asked for {facts.amount(final, back)} in all, and {facts.amount(back, final)} has come "
                "back already, so further stages would add nothing. What we ask now is to stop the plan here and "
                "keep the rule it set: new requests from other teams go to their owners.")
    else:
        title = fitting(f"The plan is complete: {facts.amount(back, final)} is back of the "
                        f"{facts.amount(final, back)} agreed; our ask is to keep it so")
        talk = ("Every stage we agreed has been reached. What we ask now is to keep it so: new requests from other "
                "teams keep going to their owners, and we look at these numbers again next quarter.")
    points = [f"Back: {facts.short(back, final)}, " + ("more than" if back > final else "of") +
              f" the {facts.short(final, back)} agreed",
              f"Still with us: {facts.short(f.now)} of other teams' work" if f.now > 0 else
              "Still with us: none of other teams' work",
              "Our ask: new requests keep going to their owners; we check again next quarter"]
    value, unit = _figure(facts, back, final)
    big = BigNumber(value if unit != "FTE" else f"{value} FTE", "back to our own work" if unit == "FTE"
                    else f"{unit} back to our own work")
    method = (f"Back = before - now, owners in the plan = {f.back:,.2f} h a week = {f.fte(f.back):.2f} FTE; the whole "
              f"plan = sum of hours a week before x share x last stage's fraction = {final:,.2f} h a week = "
              f"{f.fte(final):.2f} FTE.")
    questions = (KEEP,
                 ("Could more come back?",
                  f"{facts.amount(f.now)} of other teams' work is still ours; a new plan can start from this one."))
    return title, points, big, talk, method, questions


def _no_plan(facts: FollowUpFacts):  # type: ignore[no-untyped-def]
    """No hand-back was agreed: the ask is the mandate for one, a home for the unowned time, or to keep it so."""
    f = facts.follow
    owners = owners_words([o.owner for o in f.owners if o.now > 0])
    unowned = f.metrics.unassigned_share
    method = (f"Other teams' work now = {f.now:,.2f} h a week = {f.fte(f.now):.2f} FTE; in the baseline "
              f"{f.before:,.2f} h a week. No hand-back was agreed, so planned back = 0. Working time with no owner "
              f"yet = {unowned:.1%}.")
    if f.now > 0:
        amount, was = facts.amount(f.now), facts.short(f.before, f.now) if f.before > 0 else "none"
        title = (fitting(f"Our ask: agree a hand-back with {owners}: {amount} of their work came to us after the "
                         "baseline") if f.before <= 0 else
                 fitting(f"Our ask: agree a hand-back with {owners}: {amount} of other teams' work is still ours"))
        points = [f"Other teams' work: {facts.short(f.now)} now, {was} in the baseline",
                  "No hand-back was agreed last time, so nothing was due back",
                  f"Our ask: the mandate to agree a staged hand-back with {owners}"]
        value, unit = _figure(facts, f.now)
        big = BigNumber(f"{value} FTE" if unit == "FTE" else value,
                        "of other teams' work we do now" if unit == "FTE" else f"{unit} of other teams' work now")
        talk = (f"No hand-back was agreed last time, so nothing was due to come back; {amount} of other teams' work "
                f"is ours now. It stays ours unless its owners take it back; what we need from you is the mandate to "
                f"agree a staged hand-back with {owners}.")
        return title, points, big, talk, method, (("Why agree one now?", f"Because {amount} of our time goes to "
                                                   "work other teams own, and nothing brings it back unless its "
                                                   "owners take it."), KEEP)
    if unowned >= UNOWNED_MATTERS:
        title = fitting(f"Our ask: give the {unowned:.0%} of our time with no owner a home, then see what goes back")
        points = ["Other teams' work: none counted now, none in the baseline",
                  f"{unowned:.0%} of working time has no owner yet: some of it may be other teams'",
                  "Our ask: decide whose work it is before the next review"]
        big = BigNumber(f"{unowned:.0%}", "of working time has no owner yet")
        talk = (f"None of our time is counted as other teams' work, but {unowned:.0%} of it has no owner yet. Until "
                "we decide whose work that is, we cannot tell what could go back; that is what we ask for now.")
        return title, points, big, talk, method, (KEEP,)
    title = "Our ask: keep it so: 0% of our time goes to other teams' work"
    points = ["Other teams' work: none now, none in the baseline",
              "Our ask: new requests from other teams go to their owners from day one"]
    talk = ("No hand-back was needed last time, and none of our time goes to other teams' work now. What we ask is "
            "to keep it so: new requests from other teams go to their owners from day one.")
    return title, points, BigNumber("0%", "of our time on other teams' work"), talk, method, (KEEP,)


def _adds_method(facts: FollowUpFacts, owners: list[OwnerProgress] | None = None) -> str:
    """The next stage's hours back from `owners` (default: the owners going on to it), owner by owner."""
    f = facts.follow
    n = f.next
    if n is None:
        return ""
    going = owners if owners is not None else [o for o in f.owners if o.owner in n.owners]
    return (f"Stage {n.stage} adds = sum over owners going on of (hours a week before x share x "
            f"{FRACTIONS[n.stage]}) - back now, at least 0 = "
            + " + ".join(f"{o.owner} ({o.planned_at(n.stage):,.2f} - {o.back:,.2f} -> {o.to_free(n.stage):,.2f})"
                         for o in going[:6]) + (" + ..." if len(going) > 6 else "")
            + f" = {sum(o.to_free(n.stage) for o in going):,.2f} h a week "
              f"= {f.fte(sum(o.to_free(n.stage) for o in going)):.2f} FTE.")


def _level_method(facts: FollowUpFacts, stage: int) -> str:
    f = facts.follow
    return (f"Other teams' work at stage {stage} as planned = sum over owners of the lower of now and "
            f"before x (1 - share x stage fraction) = {f.other_at(stage):,.2f} h a week = "
            f"{f.fte(f.other_at(stage)):.2f} FTE.")


def _chart(facts: FollowUpFacts):  # type: ignore[no-untyped-def]
    """Other teams' work before, now, and at each stage still to come as planned: the ask in the accent."""
    f = facts.follow
    if f.planned_final <= 0 and f.now <= 0:
        return work_chart(facts, ("Now",))
    columns = [("Before", f.before, "grey"), ("Now", f.now, "dark")]
    decision = f.decision
    if decision == "fix_owner":
        due = max(f.stage_due, 1)
        columns.append((f"Stage {due} as planned", f.other_at(due), "accent"))
    if decision != "stop":
        first = f.next.stage if f.next else f.stages_agreed + 1
        for stage in range(first, f.stages_agreed + 1):
            colour = "accent" if decision == "next_stage" and stage == first else "grey"
            columns.append((f"Stage {stage}, {facts.stage_date(stage)}", f.other_at(stage), colour))
    else:
        columns[-1] = ("Now", f.now, "accent")
    return other_chart(facts, columns, "Other teams' work we do, full-time people (FTE): before, now, and as "
                                       "planned from here",
                       "Column chart of other teams' work in full-time equivalents, before, now and as planned")
