"""The story as plain data: three acts, each a message, its evidence, a chart and a talk track.

No renderer is imported here: the app and the deck both draw what this module decides, so
"what will the deck say" can be answered (and tested) without drawing anything.

Rules the text follows (DESIGN.md): each title is a full sentence with its number and fits two
lines (at most TITLE_MAX characters); read alone, the three titles tell the story; act 3 ends on
the future state and the ask. The audience changes emphasis and notes, never the numbers.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, replace

from storykit.analysis import Metrics, money
from storykit.chartspec import ChartSpec, Series, group_tail
from storykit.model import STAGE_FRACTIONS, Edits, Scenario, ServiceLevel, Settings
from storykit.scenario import Outcome, backlog_weeks

TITLE_MAX = 110  # characters: two lines of the deck's title box at its smallest size
UNOWNED_MATTERS = 0.1  # with no other-team work, an unowned share this large changes what acts 2 and 3 say
BURN_DOWN_MAX_WEEKS = 26  # a backlog chart longer than half a year is not a plan anyone believes


@dataclass(frozen=True)
class BigNumber:
    value: str
    label: str


@dataclass(frozen=True)
class Act:
    number: int
    title: str
    points: tuple[str, ...]
    chart: ChartSpec
    notes: str
    big_number: BigNumber


@dataclass(frozen=True)
class Story:
    title: str
    team_name: str
    acts: tuple[Act, Act, Act]
    source: str
    author: str = ""
    subject: str = "Where our time goes, what it costs, and what could be"

    @property
    def titles(self) -> tuple[str, ...]:
        return tuple(a.title for a in self.acts)


def build_story(
    m: Metrics,
    outcome: Outcome,
    settings: Settings,
    scenario: Scenario,
    sources: tuple[str, ...] = (),
    service: ServiceLevel | None = None,
    edits: Edits | None = None,
) -> Story:
    names = _aliases(m, settings.show_names)
    ctx = _Context(m, outcome, settings, scenario, service or ServiceLevel(), names)
    acts = (ctx.act1(), ctx.act2(), ctx.act3())
    if edits:
        acts = tuple(_edited(a, edits) for a in acts)  # type: ignore[assignment]
    period = f"{_day(m.first)} - {_day(m.last)} {m.last.year} ({m.weeks} week{'s' * (m.weeks != 1)})"
    source = "Source: " + (", ".join(sources) if sources else "time logs") + f"; {period}"
    return Story(
        title=f"{settings.team_name}: where our time goes", team_name=settings.team_name,
        acts=acts, source=source, author=settings.author,  # type: ignore[arg-type]
    )


def _edited(act: Act, edits: Edits) -> Act:
    n = act.number
    return replace(
        act,
        title=edits.titles.get(n, act.title),
        points=tuple(edits.points.get(n, act.points)),
        notes=edits.notes.get(n, act.notes),
    )


def _aliases(m: Metrics, show_names: bool) -> dict[str, str]:
    """Real names only on opt-in; otherwise Person A, B, ... by how much they carry."""
    people = [p for p, _ in m.by_person_other]
    if show_names:
        return {p: p for p in people}
    letters = list(string.ascii_uppercase)
    return {p: f"Person {letters[i] if i < 26 else i + 1}" for i, p in enumerate(people)}


def _day(d: dt.date) -> str:
    return f"{d.day} {d.strftime('%b')}"


def fte(x: float) -> str:
    return f"{x:.1f}"


def people(x: float) -> str:
    """'1.3 people', '1.0 person': FTE as people, the magnitude a room pictures."""
    return f"{x:.1f} {'person' if round(x, 1) == 1.0 else 'people'}"


def share_words(share: float) -> str:
    """Half, a third, all: words where a fraction is close to one people say, else a percentage."""
    named = {1.0: "all", 0.5: "half", 0.25: "a quarter", 0.75: "three quarters", 1 / 3: "a third",
             2 / 3: "two thirds"}
    for value, words in named.items():
        if abs(share - value) < 0.005:
            return words
    return f"{share:.0%}"


def _count_words(n: int) -> str:
    return {1: "one", 2: "two", 3: "three"}.get(n, str(n))


def _listing(items: list[str], limit: int = 3) -> str:
    """'A', 'A and B', 'A, B and C', 'A, B, C and 2 more'."""
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _fitting(*candidates: str | None) -> str:
    """The first candidate title that fits two lines; the shortest if none does."""
    options = [c for c in candidates if c]
    for c in options:
        if len(c) <= TITLE_MAX:
            return c
    return min(options, key=len)


@dataclass(frozen=True)
class _Context:
    m: Metrics
    o: Outcome
    s: Settings
    sc: Scenario
    sl: ServiceLevel
    names: dict[str, str]

    # -- shared facts --------------------------------------------------------------
    def mag(self, hours_per_week: float, like: float | None = None) -> str:
        """A relatable magnitude: '1.3 people' from half a person up, '6 hours a week' below.

        `like`: decide the unit by this amount instead, so parts of one total share its unit.
        """
        x = hours_per_week / self.m.contracted_weekly_hours
        ref = hours_per_week if like is None else like
        if ref / self.m.contracted_weekly_hours >= 0.5 or ref == 0:
            return people(x)
        return _hours_a_week(hours_per_week)

    def amount(self, hours_per_week: float, like: float | None = None) -> str:
        """For points: '1.3 FTE', or '6 h a week' below half a person (`like` as in `mag`)."""
        x = hours_per_week / self.m.contracted_weekly_hours
        ref = hours_per_week if like is None else like
        if ref / self.m.contracted_weekly_hours >= 0.5 or ref == 0:
            return f"{fte(x)} FTE"
        return _hours_a_week(hours_per_week).replace("hours", "h").replace("hour ", "h ")

    def more(self, hours_per_week: float) -> str:
        """The headcount ask: '2.5 more people', or '6 hours a week of extra capacity' below half a person."""
        x = hours_per_week / self.m.contracted_weekly_hours
        if x >= 0.5:
            return _more(x)
        return f"{_hours_a_week(hours_per_week)} of extra capacity"


    @property
    def cost(self) -> str | None:
        return money(self.m.annual_cost, self.s.currency) if self.m.annual_cost is not None else None

    @property
    def gain_cost(self) -> str | None:
        return money(self.o.reclaimed_cost, self.s.currency) if self.o.reclaimed_cost is not None else None

    @property
    def unowned_share(self) -> float:
        """Share of working time no one has given an owner: it may hide other teams' work."""
        m = self.m
        return m.hours_by_class["unassigned"] / m.work_hours if m.work_hours else 0.0

    @property
    def crew(self) -> str:
        """'8 people' or 'one person': the team as a head count."""
        n = self.m.team_size
        return "one person" if n == 1 else f"{n} people"

    @property
    def spread(self) -> bool:
        """True when a few carry clearly more than their share: worth saying out loud."""
        m = self.m
        return m.people_with_other >= 3 and m.concentration >= min(0.95, 1.25 * 2 / m.people_with_other)

    @property
    def carriers(self) -> list[str]:
        return [self.names.get(p, p) for p, _ in self.m.top_carriers]

    @property
    def portion(self) -> str:
        return share_words(self.o.share_of_other) if self.m.has_other_work else "none"

    @property
    def stage_count(self) -> int:
        reached = [p.stage for p in self.o.plans if p.share > 0]
        return max(reached) if reached else 0

    @property
    def giving_back(self) -> list[str]:
        return [p.owner for p in self.o.plans if p.reclaimed_per_week > 0]

    @property
    def backlog_done(self) -> dt.date | None:
        hours = self.sl.backlog_hours
        if hours is None:
            return None
        weeks = backlog_weeks(hours, self.o)
        if weeks is None:
            return None
        return self.o.plan_start + dt.timedelta(days=round(weeks * 7))

    # -- act 1: what is ---------------------------------------------------------------
    def act1(self) -> Act:
        m, s = self.m, self.s
        named = s.team_name and s.team_name != "Our team"
        who = f"{s.team_name}: {self.crew}" if named else (
            "Our one-person team" if m.team_size == 1 else f"Our {m.team_size}-person team")
        verb = "spends" if (m.team_size == 1 or not named) else "spend"
        share = f"{m.other_team_share:.0%}"
        no_owner = m.hours_by_class["unassigned"] / m.work_hours if m.work_hours > 0 else 0.0
        if not m.has_other_work and no_owner >= 0.005:  # not "all our own" while labels wait for an owner
            title = _fitting(f"{who} {verb} 0% of working time on other departments' work, but {no_owner:.0%} "
                             "still has no owner",
                             f"{no_owner:.0%} of our working time still has no owner; none is other departments' work")
        elif not m.has_other_work:
            title = _fitting(f"{who} {verb} 100% of working time on our own work, none on other departments'",
                             f"{who} {verb} 100% of working time on our own work")
        elif s.audience == "finance":
            title = _fitting(
                f"{s.team_name}: {share} of the hours we pay our {self.crew} for go to other departments' work"
                if named else f"{share} of the hours we pay our {self.crew} for go to other departments' work",
                f"{share} of the hours we pay for go to other departments' work")
        else:
            title = _fitting(f"{who} {verb} {share} of working time on other departments' work",
                             f"{share} of our working time goes to other departments' work")
        owners = [o for o, _ in m.by_owner]
        points = [f"What we control: {m.controlled_share:.0%} of working time (core work and overhead)"]
        if owners:
            points.append(f"Where we depend on others: {share}, work owned by {_listing(owners)}")
        else:
            points.append("Where we depend on others: no hours were logged on other departments' work")
        unassigned = m.hours_by_class["unassigned"] / m.work_hours if m.work_hours > 0 else 0.0
        if unassigned >= 0.005:  # a share that rounds to 0% is not worth a point on the slide
            points.append(f"{unassigned:.0%} of working time has no owner yet: assigning it sharpens this")
        elif m.switches_per_day is not None and m.has_other_work:
            points.append(f"On an average day each of us switches task {m.switches_per_day:.1f} times, "
                          f"{m.interruptions_per_day:.1f} of them into other teams' work")
        weeks = m.weeks
        rows = [(o, h / weeks / m.contracted_weekly_hours) for o, h in m.by_owner]
        rows = group_tail(rows, keep=6, other="Other teams")
        # hours nobody has given an owner get their own bar: they are not known to be ours
        unowned = m.hours_by_class["unassigned"] / weeks / m.contracted_weekly_hours
        own = m.own_hours / weeks / m.contracted_weekly_hours - unowned
        head = [("Our own work", own)] + ([("No owner yet", unowned)] if unowned >= 0.05 else [])
        if len(head) == 1:
            head[0] = ("Our own work", own + unowned)
        elif own < 0.05:  # nothing is known to be ours yet: no empty "our own work" bar
            head = head[1:]
        own = dict(head).get("Our own work", 0.0)
        cats = tuple(c for c, _ in head) + tuple(o for o, _ in rows)
        chart = ChartSpec(
            kind="bar", categories=cats,
            series=(Series("FTE", tuple(v for _, v in head) + tuple(v for _, v in rows), "accent",
                           ("grey",) * len(head) + ("accent",) * len(rows)),),
            unit="full-time people (FTE)",
            caption="Full-time people (FTE) a week, by whose work it is",
            alt_text=("Bar chart of full-time equivalents by whose work it is: "
                      + "; ".join(f"{c[0].lower()}{c[1:]} {fte(v)} FTE"
                                  for c, v in head)
                      + "".join(f"; {o} {fte(v)} FTE" for o, v in rows)),
        )
        lead = {
            "finance": "These are paid hours, so the question is what they buy.",
            "people": "Behind these hours are people who help wherever they are asked.",
            "operations": "This is about where our capacity goes, not about being busy.",
        }[s.audience]
        if m.has_other_work:
            talk = (
                f"{title}. {lead} Over {weeks} week{'s' * (weeks != 1)} the team logged {m.total_hours:,.0f} "
                f"hours; {m.work_hours:,.0f} of them were working hours once breaks are taken out. "
                f"{m.other_team_hours:,.0f} of those hours went to work that belongs to other departments, "
                f"mostly {owners[0]}. That is roughly {_one_in_words(m.other_team_share)} working hours. "
                f"The other {m.controlled_share:.0%} is work we plan and control ourselves: our core work and "
                "the overhead that keeps a team running. Each bar shows how many full-time people the work adds "
                "up to: grey is our own work, the coloured bars are work other teams own. Nobody here is "
                "complaining about helping out; the point is that this work has an owner, and it is not us. "
                "Keep that split in mind, because the next slide is about what it costs."
            )
        else:
            talk = (
                f"{title}. {lead} Over {weeks} week{'s' * (weeks != 1)} the team logged {m.total_hours:,.0f} "
                f"hours, {m.work_hours:,.0f} of them working hours, and none of them went to work that other "
                "departments own. Everything we logged is work we plan and control ourselves: "
                f"{m.controlled_share:.0%} core work and overhead"
                + (", plus some hours that still need an owner" if unassigned > 0 else "")
                + ". That is a good position, and worth protecting: teams drift into other teams' work one "
                "favour at a time, and by the time it shows in the numbers it has become part of the job. "
                "The next slides show what this time costs and how we keep it this way."
            )
        notes = self._notes(
            talk=talk,
            assumptions=[
                "Breaks and lunch are not counted as work.",
                "Each activity label has an owner; labels nobody owns yet count as our own work, so the share "
                "is if anything understated.",
            ],
            method=(f"Other-team share = other-team hours / work hours = {m.other_team_hours:,.1f} / "
                    f"{m.work_hours:,.1f} = {m.other_team_share:.1%}. What we control = (core + overhead) / work "
                    f"hours = {m.controlled_share:.1%}. FTE = hours per week / {m.contracted_weekly_hours:g} "
                    "contracted hours."),
            objections=[
                ("Is this just a busy month?", self._trend_answer()),
                ("Who decided what counts as other teams' work?",
                 "Every activity label has an owner in the classification table; we can review any of them "
                 "together, and the numbers update at once."),
            ] + ([("Isn't helping other teams part of the job?",
                   "Helping is; doing their work every week is capacity they have and we do not. The ask is to "
                   "give it a home, not to stop helping.")] if m.has_other_work and s.audience == "people" else []),
        )
        big = (BigNumber(f"{m.other_team_share:.0%}", "of working time is other teams' work") if m.has_other_work
               else BigNumber(f"{self.unowned_share:.0%}", "of working time has no owner yet")
               if self.unowned_share >= UNOWNED_MATTERS
               else BigNumber("100%", "of working time is our own work"))
        return Act(1, title, tuple(points[:3]), chart, notes, big)

    # -- act 2: what it costs --------------------------------------------------------
    def act2(self) -> Act:
        m, s = self.m, self.s
        cost = self.cost
        slip = self._slip_words()
        money_part = f", about {cost} a year," if cost else ""
        if not m.has_other_work:
            title = _fitting(
                f"Other teams' work costs us 0.0 full-time people: all of our {self.crew}'s time is our own",
                "Other teams' work costs us 0.0 full-time people: our capacity is our own")
            if slip:
                title = _fitting(f"Other teams' work costs us 0.0 people, yet {slip}: the cause lies elsewhere",
                                 title)
            if self.unowned_share >= UNOWNED_MATTERS:
                title = _fitting(f"No hours are owned by other teams yet: {self.unowned_share:.0%} of working time "
                                 "still needs an owner before we can count the cost")
        elif s.audience == "finance" and cost:
            title = _fitting(f"Other teams' work costs us about {cost} a year: {self.mag(m.other_per_week)} we pay for",
                             f"Other teams' work costs us about {cost} a year")
        elif s.audience == "people" and self.spread:
            title = _fitting(f"That is {self.mag(m.other_per_week)}{money_part} and two of us carry "
                             f"{m.concentration:.0%} of it", f"That is {self.mag(m.other_per_week)}, and two of us carry "
                             f"{m.concentration:.0%} of it")
        elif s.audience == "people" and m.interruptions_per_day:
            title = _fitting(f"That is {self.mag(m.other_per_week)}, and it pulls each of us off our own work "
                             f"{m.interruptions_per_day:.1f} times a day",
                             f"That is {self.mag(m.other_per_week)} and {m.interruptions_per_day:.1f} interruptions a "
                             "day each")
        elif slip:
            title = _fitting(f"That is {self.mag(m.other_per_week)} taken from our own queue, while {self._slip_title()}",
                             f"That is {self.mag(m.other_per_week)}{money_part.rstrip(',')} taken from our own work")
        elif self.spread:
            title = _fitting(f"That is {self.mag(m.other_per_week)}{money_part} and two people carry "
                             f"{m.concentration:.0%} of it",
                             f"That is {self.mag(m.other_per_week)} and two people carry {m.concentration:.0%} of it")
        else:
            title = _fitting(f"That is {self.mag(m.other_per_week)}{money_part.rstrip(',')} taken from our own work",
                             f"That is {self.mag(m.other_per_week)} taken from our own work")
        points = self._act2_points()
        chart = self._act2_chart()
        emphasis = {
            "finance": "The money is real: these are paid hours that do not deliver our own targets, and the "
                       "owning teams' budgets do not show them.",
            "people": "The load is not shared evenly: a few people absorb it, day after day, and that is how "
                      "we lose good people.",
            "operations": "Every hour here is an hour our own queue waits.",
        }[s.audience]
        if m.has_other_work:
            talk = (
                f"{title}. {emphasis} In plain numbers: {m.other_per_week:,.0f} hours a week divided by a "
                f"{m.contracted_weekly_hours:g}-hour contract is {fte(m.other_fte)} full-time people"
                + (f", and at a loaded cost of {s.currency}{m.hourly_cost:,.0f} an hour that is about {cost} a year"
                   if cost else "") + ". "
                + f"{self._trend_answer()} "
                + self._act2_extra()
                + "This is the cost of the work staying where it is; the next slide is what we do about it."
            )
        else:
            talk = (
                f"{title}. {emphasis} With no hours on other departments' work, every one of the "
                f"{m.work_hours:,.0f} working hours went to our own core work and overhead"
                + (f", worth about {money(m.work_hours / m.weeks * m.working_weeks_per_year * m.hourly_cost, s.currency)}"
                   " a year at our loaded cost" if m.hourly_cost is not None else "")
                + ". "
                + (f"Even so, {slip}, so the cause is not other teams' work: it is demand, staffing or process, "
                   "and that is the conversation to have. " if slip else
                   "There is no hidden cost to recover here. ")
                + f"{self._trend_answer()} The useful question is how we keep it this way as other teams grow "
                "and find us helpful."
            )
        notes = self._notes(
            talk=talk,
            assumptions=[
                f"A full-time person works {m.contracted_weekly_hours:g} hours a week.",
                f"A year has {m.working_weeks_per_year:g} working weeks.",
            ] + ([f"Loaded hourly cost {s.currency}{m.hourly_cost:,.2f} (salary, benefits, overhead)."]
                 if m.hourly_cost is not None else
                 ["No hourly cost was given, so the cost in money is left out (it is unknown, not zero)."])
              + ([f"Service figures as given: {self._service_facts()}."] if self.sl.given else []),
            method=(f"FTE = {m.other_per_week:,.1f} h per week / {m.contracted_weekly_hours:g} h = "
                    f"{fte(m.other_fte)}. "
                    + (f"Annual cost = {m.other_per_week:,.1f} h x {m.working_weeks_per_year:g} weeks x "
                       f"{s.currency}{m.hourly_cost:,.2f} = {cost}. " if cost else "")
                    + (f"Concentration = share of other-team hours carried by the two people who carry most = "
                       f"{m.concentration:.0%}." if m.people_with_other >= 3 else
                       {0: "Nobody logged other teams' work, so concentration does not apply.",
                        1: "One person logged all of other teams' work."}.get(
                           m.people_with_other, "Two people share other teams' work between them."))
                    + (f" Switches = changes of activity between consecutive entries of a person's day, "
                       f"breaks not counted, over {m.timed_person_days} person-days."
                       if m.switches_per_day is not None else "")),
            objections=self._act2_objections(),
        )
        big = (BigNumber(cost, "a year of other teams' work") if s.audience == "finance" and cost and m.has_other_work
               else BigNumber(f"{fte(m.other_fte)} FTE", "full-time people on other teams' work"))
        return Act(2, title, tuple(points[:3]), chart, notes, big)

    def _act2_extra(self) -> str:
        """The one or two sentences of act 2's talk track that this audience cares about most."""
        m, carriers, slip = self.m, self.carriers, self._slip_words()
        concentrated = (f"It is concentrated: {carriers[0]} and {carriers[1]} carry {m.concentration:.0%} of it, "
                        "which hides the gap behind a few people's effort and is a risk if either leaves. "
                        if self.spread else "")
        fragmented = (f"And it breaks up the day: {m.interruptions_per_day:.1f} times a day each of us drops our "
                      "own work to pick up someone else's. " if m.interruptions_per_day else "")
        slipping = f"Meanwhile {slip}. " if slip else ""
        if self.s.audience == "people":
            return concentrated + fragmented or slipping
        return (slipping + concentrated) or fragmented

    def _act2_points(self) -> list[str]:
        m, s = self.m, self.s
        fte_point = (f"{m.other_per_week:,.0f} h a week / {m.contracted_weekly_hours:g} h contract = "
                     f"{fte(m.other_fte)} FTE")
        cost_point = (f"{self.cost} a year at {s.currency}{m.hourly_cost:,.0f} an hour, "
                      f"{m.working_weeks_per_year:g} working weeks" if self.cost and m.has_other_work else None)
        carry_point = (f"{self.carriers[0]} and {self.carriers[1]} carry {m.concentration:.0%} of it: heroics "
                       "that hide the gap" if self.spread else None)
        switch_point = (f"{m.interruptions_per_day:.1f} times a day each of us is pulled into other teams' work"
                        if m.interruptions_per_day else None)
        slip = self._slip_words()
        slip_point = f"What slips: {slip}" if slip else None
        order = {
            "finance": (cost_point, fte_point, slip_point, carry_point, switch_point),
            "people": (carry_point, switch_point, fte_point, slip_point, cost_point),
            "operations": (slip_point, fte_point, carry_point, cost_point, switch_point),
        }[s.audience]
        if not m.has_other_work:
            order = (fte_point, slip_point,
                     f"Give the {self.unowned_share:.0%} of unowned time an owner: some may be other teams' work"
                     if self.unowned_share >= UNOWNED_MATTERS else "Nothing to recover: our capacity is already our own")
        return [p for p in order if p][:3]

    def _act2_chart(self) -> ChartSpec:
        m = self.m
        if self.s.audience == "people" and self.spread:
            rows = [(self.names.get(p, p), h / m.weeks / m.contracted_weekly_hours) for p, h in m.by_person_other]
            rows = group_tail(rows, keep=7, other="Everyone else")
            colours = tuple("accent" if i < 2 else "grey" for i in range(len(rows)))
            return ChartSpec(
                kind="bar", categories=tuple(p for p, _ in rows),
                series=(Series("Other teams' work (FTE)", tuple(v for _, v in rows), "accent", colours),),
                unit="full-time people (FTE) on other teams' work",
                caption="Who carries other teams' work, full-time people (FTE) a week",
                alt_text="Bar chart of other teams' work per person in full-time equivalents: "
                         + "; ".join(f"{p} {fte(v)} FTE" for p, v in rows),
            )
        weeks = [w for w, _, _ in m.by_week]
        values = tuple(o / m.contracted_weekly_hours for _, o, _ in m.by_week)
        return ChartSpec(
            kind="column", categories=tuple(f"w/c {_day(w)}" for w in weeks),
            series=(Series("Other teams' work (FTE)", values, "accent"),),
            unit="full-time people (FTE) on other teams' work",
            caption="Other teams' work, full-time people (FTE), week by week",
            alt_text="Column chart of other teams' work per week in full-time equivalents: "
                     + "; ".join(f"week of {_day(w)} {fte(v)} FTE" for w, v in zip(weeks, values, strict=True)),
        )

    def _act2_objections(self) -> list[tuple[str, str]]:
        m, s = self.m, self.s
        out = [("Can't the team just be more efficient?",
                "The hours are other teams' work done on their behalf; efficiency does not change whose work it is.")
               if m.has_other_work else
               ("So why are we here?", "To keep it this way: agree now that new requests go to their owners.")]
        if s.audience == "finance" and m.has_other_work:
            out.append(("Is this money we would actually save?",
                        "Not as a payroll cut: it is paid capacity that goes back to our own targets. The cost is "
                        "what that capacity is worth, at the loaded rate we were given."
                        if m.hourly_cost is not None else
                        "We left money out because no hourly cost was given; the FTE figure stands on its own."))
        elif s.audience == "people" and self.spread:
            out.append(("Who are the two people?",
                        "We keep names off the slide on purpose; the point is the pattern, and we can talk it "
                        "through one to one."))
        else:
            out.append(("Are the hours reliable?",
                        f"They come from the team's own time logs over {m.weeks} week{'s' * (m.weeks != 1)}; rows "
                        "we could not read are listed, none were guessed."))
        return out

    # -- act 3: what could be --------------------------------------------------------
    def act3(self) -> Act:
        if not self.m.has_other_work:
            return self._act3_nothing_to_hand_back()
        return {"hand_back": self._act3_hand_back, "headcount": self._act3_headcount,
                "service_level": self._act3_service_level}[self.sc.ask]()

    def _act3_hand_back(self) -> Act:
        m, o, s, sc = self.m, self.o, self.s, self.sc
        if o.reclaimed_per_week <= 0:
            return self._act3_no_share_agreed()
        start, _done = o.plan_start, o.complete
        stages = f"in {_count_words(self.stage_count)} stage{'s' * (self.stage_count != 1)}"
        what_for = sc.reclaimed_for or "our own work"
        gain = self.gain_cost
        if s.audience == "finance" and gain:
            title = _fitting(
                f"Handing back {self.portion} of it {stages} from {_day(start)} returns {gain} a year of our time "
                f"to {what_for}",
                f"Handing back {self.portion} of it {stages} from {_day(start)} returns {gain} a year of our time",
            )
        elif s.audience == "people" and self.spread:
            title = _fitting(
                f"Handing back {self.portion} of it {stages} from {_day(start)} frees {self.mag(o.reclaimed_per_week)} and "
                "lifts the load off the few who carry it",
                f"Handing back {self.portion} of it {stages} frees {self.mag(o.reclaimed_per_week)} and lifts the load "
                "off the few",
            )
        else:
            title = _fitting(
                f"Handing back {self.portion} of it {stages} from {_day(start)} frees {self.mag(o.reclaimed_per_week)} "
                f"for {what_for}",
                f"Handing back {self.portion} of it {stages} from {_day(start)} frees "
                f"{self.mag(o.reclaimed_per_week)} for our own work",
            )
        first, last = o.stages[0], o.stages[self.stage_count - 1]
        points = [
            f"From {_day(first.starts)}: {first.what.lower()}, {self.amount(first.reclaimed_per_week, o.reclaimed_per_week)} back",
            f"By {_day(last.complete)}: {self.amount(last.reclaimed_per_week)} back"
            + (f" ({money(last.cost, s.currency)} a year)" if last.cost is not None else "")
            + f", for {what_for}",
            f"Our ask: agree the hand-back with {_owners(self.giving_back)} by {_day(start)}",
        ]
        talk = (
            f"{title}. {self._audience_future()} We do not stop anything overnight: you cannot stop doing "
            "something until it has a home. "
            + self._stage_story()
            + f" Once the last stage is in place, {o.reclaimed_per_week:,.0f} hours a week come back to us and "
            f"other teams' work falls from {m.other_team_share:.0%} to {o.other_share_after:.0%} of our time. "
            f"That time goes to {what_for}. What we need from you today is one decision: that we agree the "
            f"hand-back with {_owners(self.giving_back)}, with you sponsoring the conversation, from {_day(start)}."
        )
        return Act(3, title, tuple(points), self._stacked_chart(), self._act3_notes(talk, [
            ("Won't customers suffer during the hand-back?",
             "No customer is dropped: new requests are redirected first, and we keep helping lightly and taking "
             "messages until the owner is ready."),
            ("Why not just hire?",
             f"Hiring to carry other teams' work would take {self.mag(m.other_per_week)}"
             + (f", about {money(o.headcount_cost, s.currency)} a year," if o.headcount_cost is not None else "")
             + " and keep the work in the wrong place; handing it back costs no headcount."),
            ("What if an owning team says it has no capacity?",
             "Then the work is visible as theirs, and their capacity is the decision to take, at their level."),
        ]), self._big_back())

    def _act3_headcount(self) -> Act:
        m, o, s = self.m, self.o, self.s
        need, hc_cost = o.headcount_needed, (money(o.headcount_cost, s.currency) if o.headcount_cost is not None
                                             else None)
        cost_part = f" (about {hc_cost} a year)" if hc_cost else ""
        if s.audience == "finance" and hc_cost:
            title = _fitting(f"Carrying other teams' work as it is needs about {hc_cost} a year: "
                             f"{self.more(m.other_per_week)}, or a hand-back",
                             f"Carrying other teams' work as it is needs about {hc_cost} a year for {self.mag(m.other_per_week)}")
        else:
            title = _fitting(f"To keep carrying other teams' work as it is, we ask for {self.more(m.other_per_week)}{cost_part}",
                             f"To keep carrying other teams' work, we ask for {self.more(m.other_per_week)}")
        alt_need = max(need - o.reclaimed_fte, 0.0)
        points = [
            f"{fte(need)} FTE carry other teams' work as it is today ({m.other_per_week:,.0f} h a week)",
            (f"The alternative: hand back {self.portion} of it and add {fte(alt_need)} FTE"
             if o.reclaimed_per_week > 0 else "The alternative: owning teams take their work back"),
            f"Our ask: approve {fte(need)} FTE{cost_part}, or sponsor the hand-back",
        ]
        talk = (
            f"{title}. {self._audience_future()} The other teams' work we carry is not going away by itself: "
            f"{m.other_per_week:,.0f} hours a week, {fte(need)} full-time people, week after week. If the business "
            "wants us to keep carrying it, it needs the people to carry it; otherwise our own customers wait. "
            f"With {fte(need)} more full-time people, the {fte(need)} FTE our current team spends on other teams' "
            "work goes back to our own queue"
            + (f", which is {self.sc.reclaimed_for}" if self.sc.reclaimed_for else "") + ". "
            + (f"The alternative costs no headcount: hand back {self.portion} of the work in stages and we would "
               f"need only {fte(alt_need)} FTE. " if o.reclaimed_per_week > 0 else "")
            + "Either is a decision; carrying on as we are is the one option that quietly costs the most. "
            "What we need from you today is to choose."
        )
        return Act(3, title, tuple(points), self._headcount_chart(), self._act3_notes(talk, [
            ("Why not hand the work back instead?",
             f"We can: handing back {self.portion} of it frees {fte(o.reclaimed_fte)} FTE; the headcount ask is "
             "for the load as it is, if the owners cannot take it back." if o.reclaimed_per_week > 0 else
             "We can, if the owning teams agree; the headcount ask is for the load as it is."),
            ("Can we hire a fraction of a person?",
             f"{fte(need)} FTE can be whole hires plus part-time or contractor hours; the number is the load, "
             "not a job advert."),
        ]), BigNumber(f"+{fte(need)} FTE", "needed to carry the load as it is"))

    def _act3_service_level(self) -> Act:
        _m, o, _s, sl = self.m, self.o, self.s, self.sl
        if o.reclaimed_per_week <= 0:
            return self._act3_no_share_agreed()
        promise = (f"our {sl.promised_response_hours:g}-hour reply promise" if sl.promised_response_hours
                   else "our service levels")
        done = self.backlog_done
        if done and sl.backlog_items:
            title = _fitting(
                f"Handing back {self.portion} of it clears our {sl.backlog_items:,}-item backlog by {_day(done)} "
                f"and protects {promise}",
                f"Handing back {self.portion} of it clears our {sl.backlog_items:,}-item backlog by {_day(done)}")
        else:
            title = _fitting(f"Handing back {self.portion} of it frees {self.mag(o.reclaimed_per_week)} to keep {promise}",
                             f"Handing back {self.portion} of it frees {self.mag(o.reclaimed_per_week)} for our service "
                             "levels")
        today = self._service_facts() or "our own queue waits"
        points = [
            f"Today: {today}",
            (f"{sl.backlog_items:,} items x {sl.minutes_per_item:g} min = {sl.backlog_hours:,.0f} h: cleared by "
             f"{_day(done)}" if done else
             f"By {_day(o.complete)}: {self.amount(o.reclaimed_per_week)} back on our own queue"),
            f"Our ask: agree the hand-back with {_owners(self.giving_back)}",
        ]
        talk = (
            f"{title}. {self._audience_future()} "
            + (f"Today {self._service_facts()}. " if sl.given else "")
            + "The time to fix that is already on our books: it goes to other teams' work. "
            + self._stage_story(short=True)
            + (f" Put on the backlog, that time clears all {sl.backlog_items:,} items by {_day(done)}, if new work "
               "keeps arriving at today's pace. " if done else " ")
            + f"After that, {fte(o.reclaimed_fte)} full-time people stay on our own queue: that keeps "
            f"{promise} a promise, not a hope. What we need from you today is the decision to hand the work back, "
            f"and your support with {_owners(self.giving_back)}."
        )
        return Act(3, title, tuple(points), self._service_chart(done), self._act3_notes(talk, [
            ("How do we know the reply time will recover?",
             "Replies slip because the hours go elsewhere; the hand-back returns those hours to the queue, and "
             "we will report the reply time every month against the promise."),
            ("Won't customers suffer during the hand-back?",
             "No customer is dropped: new requests are redirected first, and we keep helping lightly until the "
             "owner is ready."),
        ]), BigNumber(_day(done), "backlog cleared") if done else self._big_back())

    def _act3_no_share_agreed(self) -> Act:
        m, o = self.m, self.o
        title = _fitting(f"With no hand-back agreed yet, we keep carrying {self.mag(m.other_per_week)} of other teams' "
                         "work: our ask is to agree one",
                         f"With no hand-back agreed, we keep carrying {self.mag(m.other_per_week)} of other teams' work")
        owners = [p.owner for p in o.plans]
        points = [f"{fte(m.other_fte)} FTE of other teams' work stays with us",
                  "A hand-back goes in stages: redirect, help lightly, owner handles it",
                  f"Our ask: open the hand-back conversation with {_listing(owners)}"]
        talk = (f"{title}. {self._audience_future()} The scenario as set returns no work to its owners, so "
                f"the {fte(m.other_fte)} full-time people of other teams' work stay with us. "
                + self._stage_story(generic=True)
                + " What we need from you today is the mandate to open that conversation.")
        return Act(3, title, tuple(points), self._stacked_chart(), self._act3_notes(talk, [
            ("Why no hand-back in the plan?", "No share was set for any owner; set one to see its effect."),
        ]), BigNumber("0.0 FTE", "back to our own work"))

    def _act3_nothing_to_hand_back(self) -> Act:
        m = self.m
        title = _fitting("With nothing to hand back, our ask is to keep 100% of our time on our own work as "
                         "requests grow")
        if self.unowned_share >= UNOWNED_MATTERS:
            title = _fitting(f"First step: give the {self.unowned_share:.0%} of working time with no owner a home, "
                             "then decide what goes back")
        points = ["0.0 FTE of other teams' work to hand back",
                  f"What we control: {m.controlled_share:.0%} of working time",
                  "Our ask: new requests from other teams go to their owners from day one"]
        own = m.work_hours / m.weeks / m.contracted_weekly_hours
        chart = ChartSpec(
            kind="stacked_column", categories=("Today", "Next quarter"),
            series=(Series("Our own work", (own, own), "grey"),),
            unit="full-time people (FTE)",
            caption="Our team's time in full-time people (FTE): all of it our own work",
            legend=False,
            alt_text=f"Stacked column chart: today and next quarter, our own work {fte(own)} FTE",
        )
        talk = (f"{title}. {self._audience_future()} There is no other team's work in our logs, so there is "
                "nothing to hand back and no hand-back plan to run. What could be is what is, kept on purpose: "
                "teams drift into other teams' work one favour at a time. The simple rule that protects us is "
                "that new requests from other teams go to their owners from day one, and that we look at these "
                "numbers again with every month of data. What we need from you today is your backing for that "
                "rule when the first exception comes.")
        notes = self._notes(
            talk=talk,
            assumptions=["The period logged is typical of how the team works."],
            method="Other-team hours are zero in the logs, so nothing is reclaimed and no stage applies.",
            objections=[("Is this real, or did people not log it?",
                         "It is what the logs show; if help to other teams goes unlogged, logging it for a month "
                         "will tell us."),
                        ("So what do you need?", "A rule, not a budget: new outside requests go to their owners.")],
        )
        return Act(3, title, tuple(points), chart, notes, BigNumber("0.0 FTE", "of other teams' work to hand back"))

    # -- act 3 pieces ------------------------------------------------------------------
    def _audience_future(self) -> str:
        return {
            "finance": "Financially, this is paid capacity coming back to the work it is budgeted for.",
            "people": "For the people on the team, it means fewer interruptions and a fairer load.",
            "operations": "Operationally, it puts our capacity back on our own queue.",
        }[self.s.audience]

    def _stage_story(self, generic: bool = False, short: bool = False) -> str:
        o = self.o
        if short and o.stages and self.stage_count:
            last = o.stages[self.stage_count - 1]
            return (f"The hand-back runs from {_day(o.plan_start)} to {_day(last.complete)}: new requests are "
                    "redirected first, then we help lightly, then the owner handles it, so no customer is dropped.")
        if generic or not o.stages:
            return ("A hand-back goes in three stages: first new requests are redirected to the owner, then we help "
                    "lightly and take a message, and finally the owner handles it fully.")
        parts = []
        for st in o.stages[: self.stage_count]:
            parts.append(f"from {_day(st.starts)}, {st.what[0].lower()}{st.what[1:]} "
                         f"({self.mag(st.reclaimed_per_week, o.reclaimed_per_week)} back)")
        lead = "Stage one" if len(parts) == 1 else f"In {_count_words(len(parts))} stages"
        return f"{lead}: " + "; ".join(parts) + ". Old contacts move gradually, so no customer is dropped."

    def _act3_notes(self, talk: str, objections: list[tuple[str, str]]) -> str:
        m, o, _s, sc = self.m, self.o, self.s, self.sc
        plans = [p for p in o.plans if p.hours_per_week > 0]
        assumptions = [
            "Each owner takes back its agreed share: "
            + "; ".join(f"{p.owner} {p.share:.0%} by stage {p.stage} from {_day(p.start)}" for p in plans
                        if p.start is not None) + ".",
            "Stage 1 returns a third of an owner's share, stage 2 two thirds, stage 3 all of it; "
            f"stages follow {sc.stage_weeks} weeks apart unless an owner has its own date.",
        ]
        if sc.ask == "headcount":
            assumptions.append("New people carry the other teams' work at the same hours it takes us today.")
        if sc.ask == "service_level" and self.sl.backlog_hours is not None:
            assumptions.append(f"One backlog item takes {self.sl.minutes_per_item:g} minutes; new items keep "
                               "arriving at today's pace and today's team keeps up with them.")
        if m.hourly_cost is None:
            assumptions.append("No hourly cost was given, so money is left out (unknown, not zero).")
        method = ("Reclaimed = sum over owners of hours per week x share x stage fraction = "
                  + " + ".join(f"{p.hours_per_week:,.1f} x {p.share:.0%} x {STAGE_FRACTIONS[p.stage]:.2f}"
                               for p in plans[:6])
                  + (" + ..." if len(plans) > 6 else "")
                  + f" = {o.reclaimed_per_week:,.1f} h per week = {fte(o.reclaimed_fte)} FTE"
                  + (f" = {self.gain_cost} a year" if self.gain_cost else "") + ". "
                  + f"Headcount to carry the load as it is = {m.other_per_week:,.1f} h / "
                  f"{m.contracted_weekly_hours:g} h = {fte(o.headcount_needed)} FTE.")
        return self._notes(talk, assumptions, method, objections)

    def _big_back(self) -> BigNumber:
        if self.s.audience == "finance" and self.gain_cost:
            return BigNumber(self.gain_cost, "a year of our time back")
        return BigNumber(f"{fte(self.o.reclaimed_fte)} FTE", "back to our own work")

    def _scale(self, *totals: float) -> float:
        return max(totals) * 1.1 if totals and max(totals) > 0 else 1.0

    def _stacked_chart(self) -> ChartSpec:
        """Today and after each stage, on one scale: our own work, time back, other teams' work."""
        m, o = self.m, self.o
        per = m.weeks * m.contracted_weekly_hours
        own, other = m.own_hours / per, m.other_team_hours / per
        shown = o.stages[: max(self.stage_count, 1)]
        cats = ("Today",) + tuple(f"Stage {st.stage}, {_day(st.complete)}" for st in shown)
        back = (0.0,) + tuple(st.fte for st in shown)
        series = (
            Series("Our own work", tuple(own for _ in cats), "grey"),
            Series("Back to our own work", back, "dark"),
            Series("Other teams' work", tuple(max(other - b, 0.0) for b in back), "accent"),
        )
        return ChartSpec(
            kind="stacked_column", categories=cats, series=series, unit="full-time people (FTE)",
            caption="Our team's time in full-time people (FTE), today and as each stage completes",
            value_max=self._scale(own + other), legend=True,
            alt_text=self._alt("Stacked column chart, same scale before and after", cats, series),
        )

    def _headcount_chart(self) -> ChartSpec:
        m, o = self.m, self.o
        per = m.weeks * m.contracted_weekly_hours
        own, other = m.own_hours / per, m.other_team_hours / per
        cats = ("Today", f"With {fte(o.headcount_needed)} FTE more")
        series = (
            Series("Our own work", (own, own), "grey"),
            Series("Back to our own work", (0.0, other), "dark"),
            Series("Other teams' work", (other, other), "accent"),
        )
        return ChartSpec(
            kind="stacked_column", categories=cats, series=series, unit="full-time people (FTE)",
            caption="Full-time people (FTE) today and with the added headcount carrying other teams' work",
            value_max=self._scale(own + 2 * other), legend=True,
            alt_text=self._alt("Stacked column chart, same scale", cats, series),
        )

    def _service_chart(self, done: dt.date | None) -> ChartSpec:
        m, o, sl = self.m, self.o, self.sl
        if done is not None and sl.backlog_items and sl.backlog_hours:
            per_item = sl.backlog_hours / sl.backlog_items
            left, weeks, labels, values = sl.backlog_hours, [], [], []
            day = o.plan_start
            while left > 1e-9 and len(weeks) < BURN_DOWN_MAX_WEEKS:
                labels.append(f"w/c {_day(day)}")
                values.append(left / per_item)
                rate = sum(p.reclaimed_at(sum(1 for d in p.stage_dates if d <= day)) for p in o.plans)
                left = max(left - rate, 0.0)
                day += dt.timedelta(weeks=1)
                weeks.append(day)
            labels.append(f"w/c {_day(day)}")
            values.append(left / per_item)
            colours = tuple("grey" for _ in values[:-1]) + ("accent",)
            return ChartSpec(
                kind="column", categories=tuple(labels),
                series=(Series("Backlog items left", tuple(values), "grey", colours),),
                unit="backlog items", number_format="0",
                caption="Backlog items left, week by week, as the reclaimed time goes to it",
                alt_text="Column chart of backlog items left per week: "
                         + "; ".join(f"{c} {v:,.0f}" for c, v in zip(labels, values, strict=True)),
            )
        per = m.weeks * m.contracted_weekly_hours
        own = m.own_hours / per
        shown = o.stages[: max(self.stage_count, 1)]
        cats = ("Today",) + tuple(f"Stage {st.stage}, {_day(st.complete)}" for st in shown)
        values = (own,) + tuple(own + st.fte for st in shown)
        colours = ("grey",) * (len(values) - 1) + ("accent",)
        return ChartSpec(
            kind="column", categories=cats,
            series=(Series("Our own queue (FTE)", values, "grey", colours),),  # type: ignore[arg-type]
            unit="full-time people (FTE) on our own queue",
            caption="Full-time people (FTE) on our own queue, today and as each stage completes",
            value_max=self._scale(m.work_fte),
            alt_text="Column chart of full-time people on our own queue: "
                     + "; ".join(f"{c} {fte(v)} FTE" for c, v in zip(cats, values, strict=True)),
        )

    @staticmethod
    def _alt(lead: str, cats: tuple[str, ...], series: tuple[Series, ...]) -> str:
        return lead + ": " + "; ".join(
            f"{c}: " + ", ".join(f"{s.name} {fte(s.values[i])} FTE" for s in series) for i, c in enumerate(cats))

    # -- shared pieces -----------------------------------------------------------------
    def _trend_answer(self) -> str:
        m = self.m
        per_week = [o for _, o, _ in m.by_week]
        if len(per_week) < 2 or m.trend_per_week is None:
            return "We have one week of data; the next export will show whether it holds."
        lo, hi = min(per_week), max(per_week)
        if not m.has_other_work:
            return f"That held in every one of the {len(per_week)} weeks."
        steady = abs(m.trend_per_week) < 0.05 * m.other_per_week
        if steady:
            return (f"It is not a spike: it ran between {lo:,.0f} and {hi:,.0f} hours in every one of the "
                    f"{len(per_week)} weeks.")
        direction = "growing" if m.trend_per_week > 0 else "easing"
        return (f"It is {direction}, by about {abs(m.trend_per_week):,.1f} hours a week each week, between "
                f"{lo:,.0f} and {hi:,.0f} hours over the {len(per_week)} weeks.")

    def _slip_words(self) -> str | None:
        """'replies take 19 h against a 2 h promise and 340 items wait': what slips, if the user said."""
        sl = self.sl
        parts = []
        if sl.promised_response_hours and sl.actual_response_hours and \
                sl.actual_response_hours > sl.promised_response_hours:
            parts.append(f"replies take {sl.actual_response_hours:g} h, not the promised "
                         f"{sl.promised_response_hours:g} h")
        if sl.backlog_items:
            parts.append(f"{sl.backlog_items:,} items wait")
        return "; ".join(parts) if parts else None

    def _slip_title(self) -> str:
        """The one slip a title has room for: the broken promise, else the backlog."""
        sl = self.sl
        if sl.promised_response_hours and sl.actual_response_hours and \
                sl.actual_response_hours > sl.promised_response_hours:
            return (f"replies take {sl.actual_response_hours:g} hours, not the promised "
                    f"{sl.promised_response_hours:g}")
        return f"{sl.backlog_items:,} items wait in our backlog"

    def _service_facts(self) -> str:
        sl = self.sl
        parts = []
        if sl.promised_response_hours is not None:
            parts.append(f"we promise replies within {sl.promised_response_hours:g} h")
        if sl.actual_response_hours is not None:
            parts.append(f"they take {sl.actual_response_hours:g} h")
        if sl.backlog_items is not None:
            parts.append(f"{sl.backlog_items:,} items wait in the backlog")
        return ", ".join(parts)

    def _notes(self, talk: str, assumptions: list[str], method: str,
               objections: list[tuple[str, str]]) -> str:
        lines = ["TALK TRACK (about a minute)", talk, "", "ASSUMPTIONS"]
        lines += [f"- {a}" for a in assumptions]
        lines += ["", "METHOD", method, "", "LIKELY QUESTIONS"]
        lines += [f"Q: {q}\nA: {a}" for q, a in objections]
        return "\n".join(lines)


def _hours_a_week(h: float) -> str:
    value = f"{h:,.0f}" if h >= 9.5 else f"{h:.1f}".removesuffix(".0")
    return f"{value} hour{'' if value == '1' else 's'} a week"


def _owners(owners: list[str]) -> str:
    """'Contact Centre and IT', or 'the 5 owning teams' where a list would not fit a line."""
    return _listing(owners) if len(owners) <= 3 else f"the {len(owners)} owning teams"


def _more(x: float) -> str:
    """'2.5 more people': the headcount ask as people."""
    return f"{x:.1f} more {'person' if round(x, 1) == 1.0 else 'people'}"


def _one_in_words(share: float) -> str:
    """'one in three' for 31%."""
    if share <= 0:
        return "none of our"
    n = round(1 / share)
    words = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
    if n <= 1:
        return f"{share:.0%} of our"
    return f"one in {words.get(n, str(n))}"


def talk_track(notes: str) -> str:
    """The talk-track paragraph of an act's notes (for word counts and previews)."""
    lines = notes.split("\n")
    return lines[1] if len(lines) > 1 else ""


