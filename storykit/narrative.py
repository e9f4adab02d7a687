"""The story as plain data: three acts, each a message, its evidence, a chart and a talk track.

No renderer is imported here: the app and the deck both draw what this module decides, so
"what will the deck say" can be answered (and tested) without drawing anything.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass, replace

from storykit.analysis import Metrics, money
from storykit.chartspec import ChartSpec, Series, group_tail
from storykit.model import Edits, Scenario, ServiceLevel, Settings
from storykit.scenario import Outcome


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


def share_words(share: float) -> str:
    """Half, a third, all: words where a fraction is close to one people say, else a percentage."""
    named = {1.0: "all", 0.5: "half", 0.25: "a quarter", 0.75: "three quarters", 1 / 3: "a third",
             2 / 3: "two thirds"}
    for value, words in named.items():
        if abs(share - value) < 0.005:
            return words
    return f"{share:.0%}"


@dataclass(frozen=True)
class _Context:
    m: Metrics
    o: Outcome
    s: Settings
    sc: Scenario
    sl: ServiceLevel
    names: dict[str, str]

    # -- act 1: what is ---------------------------------------------------------------
    def act1(self) -> Act:
        m, s = self.m, self.s
        team = f"our {m.team_size}-person team" if m.team_size > 1 else "our one-person team"
        if s.team_name and s.team_name != "Our team":
            team = f"{s.team_name}: {m.team_size} {'people' if m.team_size != 1 else 'person'}"
            verb = "spend" if m.team_size != 1 else "spends"
            title = f"{team} {verb} {m.other_team_share:.0%} of working time on other departments' work"
        else:
            title = f"{team[0].upper()}{team[1:]} spends {m.other_team_share:.0%} of its working time on other departments' work"
        owners = [o for o, _ in m.by_owner]
        points = []
        if owners:
            top = ", ".join(owners[:3]) + (f" and {len(owners) - 3} more" if len(owners) > 3 else "")
            points.append(f"{m.other_per_week:,.0f} hours a week go to work owned by {top}")
        else:
            points.append("No hours were logged against other departments' work")
        points.append(f"Our own work (core and overhead) takes the other {1 - m.other_team_share:.0%}")
        unassigned = m.hours_by_class["unassigned"]
        if unassigned > 0 and m.work_hours > 0:
            points.append(f"{unassigned / m.work_hours:.0%} of hours still have no owner: assign them to sharpen this")
        weeks = m.weeks
        rows = [(o, h / weeks / m.contracted_weekly_hours) for o, h in m.by_owner]
        rows = group_tail(rows, keep=6, other="Other teams")
        own = m.own_hours / weeks / m.contracted_weekly_hours
        cats = ("Our own work",) + tuple(o for o, _ in rows)
        chart = ChartSpec(
            kind="bar", categories=cats,
            series=(Series("FTE", (own,) + tuple(v for _, v in rows), "accent",
                           ("grey",) + ("accent",) * len(rows)),),
            unit="full-time people (FTE)",
            caption="Full-time people (FTE) a week, by whose work it is",
            alt_text=(f"Bar chart of full-time equivalents by whose work it is: our own work {fte(own)} FTE; "
                      + "; ".join(f"{o} {fte(v)} FTE" for o, v in rows)),
        )
        notes = self._notes(
            talk=(
                f"{title}. Over {weeks} weeks the team logged {m.total_hours:,.0f} hours, "
                f"{m.work_hours:,.0f} of them working hours. {m.other_team_hours:,.0f} of those hours were spent on "
                f"work that belongs to other departments"
                + (f", mostly {owners[0]}" if owners else "")
                + ". This is not a complaint about being busy: it is a statement about whose work this is. "
                "Each bar shows how many full-time people that work adds up to; grey is our own work, the "
                "coloured bars are other teams' work."
            ),
            assumptions=[
                "Breaks and lunch are not counted as work.",
                "Each activity label was given an owner; labels nobody owned are counted as our own work.",
            ],
            method=(f"Other-team share = other-team hours / work hours = {m.other_team_hours:,.1f} / "
                    f"{m.work_hours:,.1f}. FTE = hours per week / {m.contracted_weekly_hours:g} contracted hours."),
            objections=[
                ("Is this just a busy month?", self._trend_answer()),
                ("Who decided what counts as other teams' work?",
                 "Every activity label has an owner in the appendix table; we can review any of them together."),
            ],
        )
        return Act(1, title, tuple(points[:3]), chart, notes,
                   BigNumber(f"{m.other_team_share:.0%}", "of working time is other teams' work"))

    # -- act 2: what it costs --------------------------------------------------------
    def act2(self) -> Act:
        m, s = self.m, self.s
        cost = money(m.annual_cost, s.currency) if m.annual_cost is not None else None
        carriers = [self.names.get(p, p) for p, _ in m.top_carriers]
        if m.other_team_hours == 0:
            title = "Other teams' work costs us 0.0 full-time people today: our capacity is our own"
        elif s.audience == "finance" and cost:
            title = f"Other teams' work costs us about {cost} a year: {fte(m.other_fte)} full-time people"
        elif m.team_size > 2 and m.concentration >= 0.4:
            money_part = f", about {cost} a year," if cost else ""
            title = (f"That is {fte(m.other_fte)} full-time people{money_part} and two people carry "
                     f"{m.concentration:.0%} of it")
        else:
            title = (f"That is {fte(m.other_fte)} full-time people" + (f", about {cost} a year," if cost else "")
                     + " taken from our own work")
        points = [f"{m.other_per_week:,.0f} h a week / {m.contracted_weekly_hours:g} h contract = "
                  f"{fte(m.other_fte)} FTE"]
        if cost:
            points.append(f"{cost} a year at {s.currency}{m.hourly_cost:,.0f} per hour loaded cost, "
                          f"{m.working_weeks_per_year:g} working weeks")
        if len(carriers) == 2 and m.team_size > 2 and m.other_team_hours > 0:
            points.append(f"{carriers[0]} and {carriers[1]} carry {m.concentration:.0%} of it: heroics that hide "
                          "the gap, and a risk if either leaves")
        slip = self._service_point()
        if slip:
            points.insert(1, slip)
        weeks = [w for w, _, _ in m.by_week]
        values = tuple(o / m.contracted_weekly_hours for _, o, _ in m.by_week)
        chart = ChartSpec(
            kind="column", categories=tuple(f"w/c {_day(w)}" for w in weeks),
            series=(Series("Other teams' work (FTE)", values, "accent"),),
            unit="full-time people (FTE) on other teams' work",
            caption="Other teams' work, full-time people (FTE), week by week",
            alt_text="Column chart of other teams' work per week in full-time equivalents: "
                     + "; ".join(f"week of {_day(w)} {fte(v)} FTE" for w, v in zip(weeks, values, strict=True)),
        )
        emphasis = {
            "finance": "The money is real: these are paid hours that do not deliver our own targets.",
            "people": "The load is not shared evenly: a few people absorb it, and that is how we lose them.",
            "operations": "Every hour here is an hour our own queue waits.",
        }[s.audience]
        notes = self._notes(
            talk=(f"{title}. {emphasis} Week by week the chart shows it is steady, not a spike: "
                  f"{self._trend_answer()} "
                  + (f"At a loaded cost of {s.currency}{m.hourly_cost:,.0f} an hour that is {cost} a year. " if cost else "")
                  + (f"And it is concentrated: {carriers[0]} and {carriers[1]} carry {m.concentration:.0%} of it."
                     if len(carriers) == 2 and m.team_size > 2 else "")),
            assumptions=[
                f"A full-time person works {m.contracted_weekly_hours:g} hours a week.",
                f"A year has {m.working_weeks_per_year:g} working weeks.",
            ] + ([f"Loaded hourly cost {s.currency}{m.hourly_cost:,.2f} (salary, benefits, overhead)."]
                 if cost else ["No hourly cost was given, so the cost in money is left out."]),
            method=(f"FTE = {m.other_per_week:,.1f} h per week / {m.contracted_weekly_hours:g} h. "
                    + (f"Annual cost = {m.other_per_week:,.1f} h x {m.working_weeks_per_year:g} weeks x "
                       f"{s.currency}{m.hourly_cost:,.2f}. " if cost else "")
                    + "Concentration = share of other-team hours carried by the two people who carry most."),
            objections=[
                ("Can't the team just be more efficient?",
                 "The hours are other teams' work done on their behalf; efficiency does not change whose work it is."),
                ("Are the hours reliable?",
                 f"They come from the team's own time logs over {m.weeks} weeks; rows we could not read are listed "
                 "in the appendix, none were guessed."),
            ],
        )
        return Act(2, title, tuple(points[:3]), chart, notes,
                   BigNumber(f"{fte(m.other_fte)} FTE", "full-time people on other teams' work"))

    # -- act 3: what could be --------------------------------------------------------
    def act3(self) -> Act:
        m, o, s, sc = self.m, self.o, self.s, self.sc
        owners = [p.owner for p in o.plans if p.reclaimed_per_week > 0]
        portion = share_words(o.reclaimed_per_week / m.other_per_week) if m.other_per_week else "none"
        gain_cost = money(o.reclaimed_cost, s.currency) if o.reclaimed_cost is not None else None
        start = o.by_stage[0][2]
        if m.other_team_hours == 0:
            title = "Nothing to hand back: we keep 100% of our time for our own work and guard that boundary"
        elif sc.ask == "headcount":
            title = (f"To keep carrying other teams' work without dropping our own, we need "
                     f"{fte(o.headcount_needed)} more full-time people")
        elif sc.ask == "service_level":
            target = (f"answer within our {self.sl.promised_response_hours:g}-hour promise again"
                      if self.sl.promised_response_hours else "protect our service levels")
            title = f"Handing back {portion} of it frees {fte(o.reclaimed_fte)} people to {target}"
        else:
            title = (f"Handing back {portion} of it in three stages from {_day(start)} frees "
                     f"{fte(o.reclaimed_fte)} people for {sc.reclaimed_for}")
        points = [f"Stage {n} from {_day(d)}: {what.lower()} ({fte(c)} FTE back)" for n, what, d, c in o.by_stage]
        if sc.ask == "headcount":
            points = [f"{fte(o.headcount_needed)} FTE carry the other-team load as it is today"
                      + (f", about {money(m.annual_cost, s.currency)} a year" if m.annual_cost is not None else ""),
                      f"Or hand {portion} back and need {fte(max(o.headcount_needed - o.reclaimed_fte, 0))} FTE",
                      "Decision needed: headcount, or the hand-back with the owners' agreement"]
        else:
            ask = (f"Our ask: agree the hand-back with {', '.join(owners[:3])}" if owners
                   else "Our ask: keep new other-team requests with their owners")
            points = [points[0], points[-1], ask + (f" ({gain_cost} a year of our time back)" if gain_cost else "")]
        chart = self._act3_chart()
        notes = self._notes(
            talk=(f"{title}. We do not stop anything overnight: you cannot stop doing something until it has a "
                  "home. Stage one redirects new requests to the owning team; stage two means we help lightly "
                  "and take a message; in stage three the owner handles it fully, and old contacts move "
                  f"gradually. The time we get back goes to {sc.reclaimed_for}. "
                  "What we need from you today is the decision and the conversation with the owning teams."),
            assumptions=[
                "Each owner takes back its agreed share of the work: "
                + ", ".join(f"{p.owner} {p.share:.0%} by stage {p.stage}" for p in o.plans) + "; stage s returns s/3 of a share.",
                "Stages start four weeks apart unless dates were agreed.",
            ],
            method=(f"Reclaimed = sum over owners of hours per week x share x stage fraction = "
                    f"{o.reclaimed_per_week:,.1f} h per week = {fte(o.reclaimed_fte)} FTE."
                    + (f" In money: {gain_cost} a year." if gain_cost else "")),
            objections=[
                ("Won't customers suffer during the hand-back?",
                 "No customer is dropped: new requests are redirected first, and we keep helping lightly until the "
                 "owner is ready."),
                ("Why not just hire?",
                 f"Hiring for other teams' work would cost {fte(o.headcount_needed)} FTE and keep the work in the "
                 "wrong place; handing it back costs nothing."),
            ],
        )
        big = (BigNumber(f"+{fte(o.headcount_needed)} FTE", "needed to carry the load as it is")
               if sc.ask == "headcount" else BigNumber(f"{fte(o.reclaimed_fte)} FTE", "back to our own work"))
        return Act(3, title, tuple(points[:3]), chart, notes, big)

    def _act3_chart(self) -> ChartSpec:
        m, o = self.m, self.o
        per = m.weeks * m.contracted_weekly_hours
        own, other = m.own_hours / per, m.other_team_hours / per
        if self.sc.ask == "headcount":
            cats = ("Today", f"With {fte(o.headcount_needed)} FTE added")
            series = (
                Series("Our own work", (own, own), "grey"),
                Series("Other teams' work, carried by us", (other, 0.0), "accent"),
                Series("Other teams' work, carried by new headcount", (0.0, other), "dark"),
            )
        else:
            cats = ("Today",) + tuple(f"After stage {n}" for n, *_ in o.by_stage)
            back = (0.0,) + tuple(c for *_, c in o.by_stage)
            series = (
                Series("Our own work", tuple(own for _ in cats), "grey"),
                Series("Back to our own work", back, "dark"),
                Series("Other teams' work", tuple(other - b for b in back), "accent"),
            )
        return ChartSpec(
            kind="stacked_column", categories=cats, series=series, unit="full-time people (FTE)",
            caption="Our team's time in full-time people (FTE), today and after each stage",
            value_max=None, legend=True,
            alt_text="Stacked column chart, same scale before and after: "
                     + "; ".join(f"{c}: " + ", ".join(f"{s.name} {fte(s.values[i])} FTE" for s in series)
                                 for i, c in enumerate(cats)),
        )

    # -- shared pieces -----------------------------------------------------------------
    def _trend_answer(self) -> str:
        per_week = [o for _, o, _ in self.m.by_week]
        if len(per_week) < 2:
            return "We have one week of data; the next export will show whether it holds."
        lo, hi = min(per_week), max(per_week)
        return f"No: it ran between {lo:,.0f} and {hi:,.0f} hours every week of the {len(per_week)} weeks."

    def _service_point(self) -> str | None:
        sl = self.sl
        parts = []
        if sl.promised_response_hours and sl.actual_response_hours:
            parts.append(f"customer replies take {sl.actual_response_hours:g} h against a "
                         f"{sl.promised_response_hours:g} h promise")
        if sl.backlog_items:
            parts.append(f"{sl.backlog_items:,} items wait in our backlog")
        return ("What slips: " + " and ".join(parts)) if parts else None

    def _notes(self, talk: str, assumptions: list[str], method: str,
               objections: list[tuple[str, str]]) -> str:
        lines = ["TALK TRACK (about a minute)", talk, "", "ASSUMPTIONS"]
        lines += [f"- {a}" for a in assumptions]
        lines += ["", "METHOD", method, "", "LIKELY QUESTIONS"]
        lines += [f"Q: {q}\nA: {a}" for q, a in objections]
        return "\n".join(lines)
