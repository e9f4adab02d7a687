"""Act 1, what is: how much of the team's working time goes to other departments' work.

The chart shows full-time people by whose work it is: our own work in grey, each owning team
in the accent colour, and time nobody has given an owner as its own bar (it is not known to
be ours).
"""

from __future__ import annotations

from storykit.chartspec import ChartSpec, Series, group_tail
from storykit.narrative.bars import per_week_bars
from storykit.narrative.facts import OWN, UNOWNED, Facts
from storykit.narrative.over_time import over_time
from storykit.narrative.story import Act, BigNumber, Notes
from storykit.narrative.words import fitting, listing, one_in_words, percent, weeks_words

SHOWN_OWNERS = 6  # owning teams with a bar of their own; the rest are grouped
COUNTED_LINES = 15  # labels listed one by one in the notes' "what we counted"; the rest in one line
DECIDED_BY = {"you": "your choice", "your rule": "your rule", "presets": "presets"}
LEADS = {
    "finance": "These are paid hours, so the question is what they buy.",
    "people": "Behind these hours are people who help wherever they are asked.",
    "operations": "This is about where our capacity goes, not about being busy.",
}


def act(facts: Facts) -> Act:
    metrics, settings = facts.metrics, facts.settings
    title = _title(facts)
    spec = chart(facts)
    open_time = ("Each light grey column is a week of that open time" if "week by week" in spec.caption
                 else "Each light grey column is an average week of that open time" if spec.kind == "column"
                 else "The light grey bar is that open time")
    owners = [owner for owner, _ in metrics.by_owner]
    share = percent(metrics.other_team_share)
    unowned = metrics.unassigned_share
    points = [f"What we control: {metrics.controlled_share:.0%} of working time (core work and overhead)"
              if metrics.controlled_share >= 0.005 or not facts.unowned_matters  # '0%' is no point to make
              else f"Largest labels with no owner yet: {facts.open_labels}"]
    if owners:
        points.append(f"Where we depend on others: {share}, work owned by {listing(owners)}")
    elif facts.unowned_matters:
        points.append("Where we depend on others: not known until the open labels have owners")
    else:
        points.append("Where we depend on others: no hours were logged on other departments' work")
    if 0.005 <= unowned < 0.995:  # a share that rounds to 0% (or the big number's 100%) is no point to make
        points.append(f"{unowned:.0%} of working time has no owner yet: assigning it sharpens this")
    elif metrics.switches_per_day is not None and metrics.has_other_work:
        points.append(f"On an average day each of us switches task {metrics.switches_per_day:.1f} times, "
                      f"{metrics.interruptions_per_day:.1f} of them into other teams' work")
    lead = LEADS[settings.audience]
    weeks = weeks_words(metrics.weeks)
    if metrics.has_other_work:
        talk = (
            f"{title}. {lead} Over {weeks} the team logged {metrics.total_hours:,.0f} "
            f"hours; {metrics.work_hours:,.0f} of them were working hours once breaks are taken out. "
            f"{metrics.other_team_hours:,.0f} of those hours went to work that belongs to other departments, "
            f"mostly {owners[0]}. That is roughly {one_in_words(metrics.other_team_share)} working hours. "
            f"The other {metrics.controlled_share:.0%} is work we plan and control ourselves: our core work and "
            "the overhead that keeps a team running. Each bar shows how many full-time people the work adds "
            "up to: grey is our own work, the coloured bars are work other teams own. Nobody here is "
            "complaining about helping out; the point is that this work has an owner, and it is not us. "
            "Keep that split in mind, because the next slide is about what it costs."
        )
    elif facts.unowned_matters:  # not 'a good position': most of the time is not decided yet
        talk = (
            f"{title}. {lead} Over {weeks} the team logged {metrics.total_hours:,.0f} hours, "
            f"{metrics.work_hours:,.0f} of them working hours. None of them is counted as other departments' work "
            f"yet, but that is not the same as none being theirs: {unowned:.0%} of the working hours sit on labels "
            f"nobody has given an owner, mostly {facts.open_labels}. Only {metrics.controlled_share:.0%} is work "
            f"we know is ours. {open_time}; until each label has an owner, this slide "
            "cannot say how much of our capacity goes elsewhere. Deciding who owns those labels is a short "
            "conversation, and the numbers update the moment it is had. The next slides show what the open time "
            "costs and what we ask for."
        )
    else:
        talk = (
            f"{title}. {lead} Over {weeks} the team logged {metrics.total_hours:,.0f} "
            f"hours, {metrics.work_hours:,.0f} of them working hours, and none of them went to work that other "
            "departments own. Everything we logged is work we plan and control ourselves: "
            f"{metrics.controlled_share:.0%} core work and overhead"
            + (", plus some hours that still need an owner" if unowned > 0 else "")
            + (". Each grey bar is one of our own labels, the largest first" if _ours_by_label(facts) else "")
            + ". That is a good position, and worth protecting: teams drift into other teams' work one "
            "favour at a time, and by the time it shows in the numbers it has become part of the job. "
            "The next slides show what this time costs and how we keep it this way."
        )
    questions = [
        ("Is this just a busy month?", facts.trend_answer()),
        ("Who decided what counts as other teams' work?",
         "Every activity label has one owner in the classification table, with who decided it and why; the "
         "labels counted as other teams' work are listed above, and we can review any of them together: "
         "the numbers update at once."),
    ]
    if metrics.has_other_work and settings.audience == "people":
        questions.append(("Isn't helping other teams part of the job?",
                          "Helping is; doing their work every week is capacity they have and we do not. The ask is "
                          "to give it a home, not to stop helping."))
    notes = Notes(
        talk=talk,
        assumptions=(
            "Breaks and lunch are not counted as work.",
            "Each activity label has an owner; time on labels nobody has decided yet is shown as 'no owner "
            "yet', counted neither as ours nor as other teams', so the share is if anything understated.",
        ),
        method=(f"Other-team share = other-team hours / work hours = {metrics.other_team_hours:,.1f} / "
                f"{metrics.work_hours:,.1f} = {metrics.other_team_share:.1%}. What we control = (core + overhead) / "
                f"work hours = {metrics.controlled_share:.1%}. FTE = hours per week / "
                f"{metrics.contracted_weekly_hours:g} contracted hours."),
        questions=tuple(questions),
        counted=counted(facts),
    )
    if metrics.has_other_work:
        big = BigNumber(percent(metrics.other_team_share), "of working time is other teams' work")
    elif facts.unowned_matters:
        big = BigNumber(f"{unowned:.0%}", "of working time has no owner yet")
    else:
        big = BigNumber("100%", "of working time is our own work")
    return Act(1, title, tuple(points[:3]), spec, notes, big)


def counted(facts: Facts) -> tuple[str, ...]:
    """'Phone overflow: Contact Centre, 186.5 h (presets)', label by label, largest first; the smallest
    summed up past COUNTED_LINES so the notes stay readable."""
    labels = facts.metrics.other_team_labels
    lines = [f"{label}: {owner}, {hours:,.1f} h ({DECIDED_BY.get(by, by)})"
             for label, owner, hours, by in labels[:COUNTED_LINES]]
    rest = labels[COUNTED_LINES:]
    if rest:
        lines.append(f"{len(rest)} more labels: {sum(h for _, _, h, _ in rest):,.1f} h")
    m = facts.metrics
    if m.hours_by_class["unassigned"] > 0:  # what was not counted, so nobody mistakes it for checked
        lines.append(f"Not counted, because nobody has decided whose work it is yet: "
                     f"{m.hours_by_class['unassigned']:,.1f} h ({m.unassigned_share:.0%} of working time)")
    return tuple(lines)


def _title(facts: Facts) -> str:
    metrics, settings = facts.metrics, facts.settings
    named = settings.team_name and settings.team_name != "Our team"
    size = metrics.team_size
    if named:
        who = f"{settings.team_name}: {facts.team_words}" if facts.team_words else settings.team_name
    else:  # a summary names nobody: 'our team', never 'our one-person team'
        who = "Our team" if size is None else "Our one-person team" if size == 1 else f"Our {size}-person team"
    verb = "spends" if (size in (None, 1) or not named) else "spend"
    share = percent(metrics.other_team_share)
    unowned = metrics.unassigned_share
    if not metrics.has_other_work and unowned > 0.5:  # mostly undecided: that is the news, not a "0%"
        return fitting(f"{who} {verb} {unowned:.0%} of working time on work with no owner yet",
                       f"{unowned:.0%} of our working time is on work with no owner yet")
    if not metrics.has_other_work and unowned >= 0.005:  # not "all our own" while labels wait for an owner
        return fitting(f"{who} {verb} 0% of working time on other departments' work, but {unowned:.0%} "
                       "still has no owner",
                       f"{unowned:.0%} of our working time still has no owner; none is other departments' work")
    if not metrics.has_other_work:
        return fitting(f"{who} {verb} 100% of working time on our own work, none on other departments'",
                       f"{who} {verb} 100% of working time on our own work")
    if settings.audience == "finance":
        team = f"{settings.team_name}: " if named else ""
        paid = f"our {facts.team_words}" if facts.team_words else "the team"
        return fitting(f"{team}{share} of the hours we pay {paid} for go to other departments' work",
                       f"{share} of the hours we pay for go to other departments' work")
    return fitting(f"{who} {verb} {share} of working time on other departments' work",
                   f"{share} of our working time goes to other departments' work")


def chart(facts: Facts) -> ChartSpec:
    """Our time a week by whose work it is: ours (grey), no owner yet (light grey), each owning team (accent),
    in full-time people or, for a team of less than half a person, hours a week (facts.unit). With no owner
    for any of it, one bar said only that: then our working time over the log's weeks (over_time), all of it
    waiting for one."""
    metrics = facts.metrics
    rows = [(owner, metrics.fte(hours)) for owner, hours in metrics.by_owner]
    rows = group_tail(rows, keep=SHOWN_OWNERS, other="Other teams")
    own, unowned = facts.own_split
    head = [(OWN, own)] * (own >= facts.smallest_segment or not unowned) + [(UNOWNED, unowned)] * (unowned > 0)
    if head == [(UNOWNED, unowned)] and not rows and metrics.weekly_detail:
        share = "none of it" if metrics.unassigned_share >= 0.995 else f"only {1 - metrics.unassigned_share:.0%}"
        return over_time(facts, tuple(work for _, _, work in metrics.by_week), "Our working time", "light",
                         "of working time", f": {share} with an owner yet")
    if _ours_by_label(facts):
        return _own_labels(facts)
    categories = tuple(c for c, _ in head) + tuple(o for o, _ in rows)
    unit = facts.unit(max(v for _, v in head + rows) * metrics.contracted_weekly_hours)
    values = unit.values(tuple(v for _, v in head) + tuple(v for _, v in rows))
    return ChartSpec(
        kind="bar", categories=categories,
        series=(Series(unit.short, values, "accent",
                       tuple("grey" if c == OWN else "light" for c, _ in head) + ("accent",) * len(rows)),),
        unit=unit.name, number_format=unit.number_format(values),
        caption=f"{unit.heading} a week, by whose work it is",
        alt_text=(f"Bar chart of {unit.alt_name} by whose work it is: "
                  + "; ".join(f"{c[0].lower() + c[1:] if i < len(head) else c} {unit.say(v)}"
                              for i, (c, v) in enumerate(zip(categories, values, strict=True)))),
    )


def _ours_by_label(facts: Facts) -> bool:
    """All of the working time is ours (no other teams' work, nothing open), in more than one label."""
    metrics = facts.metrics
    return not metrics.by_owner and metrics.hours_by_class["unassigned"] <= 0 and len(metrics.own_labels) > 1


def _own_labels(facts: Facts) -> ChartSpec:
    """All of it ours: one grey bar said only what the title says (and act 2 charts the weeks, act 3 the kinds
    of work), so where our time goes, label by label, the largest SHOWN_OWNERS and the rest as one."""
    metrics = facts.metrics
    rows = [(label, hours / metrics.weeks) for label, hours in metrics.own_labels]  # largest first
    return per_week_bars(facts, rows, rows[0][1], "Other labels", "Our own work", "grey", "of our own work",
                         "{heading} a week, by label: all of it our own work", "Bar chart of our own work by label",
                         keep=SHOWN_OWNERS)
