"""The numbers of the story, each defined once: the cube and the metrics read from it.

The time log is reduced early to a cube (person x activity x ISO week -> hours); every metric
reads the cube, so the cost after ingest does not grow with the number of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from storykit.classify import Classification
from storykit.model import Settings, TimeLog

CUBE_COLUMNS = ("person", "activity", "week", "hours")


@dataclass(frozen=True, eq=False)
class Cube:
    """Hours by person, activity label and ISO week (the Monday), plus the period it covers."""

    frame: pd.DataFrame
    first: dt.date
    last: dt.date

    @property
    def weeks(self) -> int:
        """ISO weeks the period touches, first to last inclusive (a Mon-Fri month is 4, not 3.7)."""
        start = self.first - dt.timedelta(days=self.first.weekday())
        end = self.last - dt.timedelta(days=self.last.weekday())
        return (end - start).days // 7 + 1


def build_cube(log: TimeLog) -> Cube:
    frame = log.frame
    if frame.empty:
        raise ValueError("an empty time log has no cube")
    dates = pd.to_datetime(frame["date"])
    week = (dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")).dt.normalize()
    cube = (
        pd.DataFrame({"person": frame["person"], "activity": frame["activity"], "week": week, "hours": frame["hours"]})
        .groupby(["person", "activity", "week"], as_index=False, observed=True, sort=True)["hours"]
        .sum()
    )
    return Cube(cube, dates.min().date(), dates.max().date())


@dataclass(frozen=True)
class Metrics:
    """Every number the story tells, with the inputs that produced it."""

    team_size: int
    weeks: int
    first: dt.date
    last: dt.date
    hours_by_class: dict[str, float]
    total_hours: float
    work_hours: float
    other_team_hours: float
    other_team_share: float
    other_per_week: float
    other_fte: float
    work_fte: float
    annual_cost: float | None
    concentration: float
    top_carriers: tuple[tuple[str, float], ...]
    by_owner: tuple[tuple[str, float], ...]  # other teams only, hours, largest first
    own_hours: float  # our team's work (core + overhead + unassigned)
    by_person_other: tuple[tuple[str, float], ...]
    by_week: tuple[tuple[dt.date, float, float], ...]  # week, other-team hours, work hours
    contracted_weekly_hours: float
    working_weeks_per_year: float
    hourly_cost: float | None


def compute_metrics(cube: Cube, classification: Classification, settings: Settings) -> Metrics:
    frame = cube.frame
    labels = frame["activity"].unique()
    owner = {lbl: classification.of(lbl).owner for lbl in labels}
    cls = {lbl: classification.of(lbl).cls for lbl in labels}
    f = frame.assign(owner=frame["activity"].map(owner), cls=frame["activity"].map(cls))
    by_class = {c: float(f.loc[f["cls"] == c, "hours"].sum()) for c in
                ("core", "overhead", "other_team", "non_work", "unassigned")}
    total = float(f["hours"].sum())
    work = total - by_class["non_work"]
    other = by_class["other_team"]
    weeks = cube.weeks
    per_week = other / weeks
    fte = per_week / settings.contracted_weekly_hours
    cost = (per_week * settings.working_weeks_per_year * settings.hourly_cost
            if settings.hourly_cost is not None else None)
    others = f[f["cls"] == "other_team"]
    by_person = others.groupby("person")["hours"].sum().sort_values(ascending=False, kind="stable")
    top2 = float(by_person.head(2).sum())
    by_owner = others.groupby("owner")["hours"].sum().sort_values(ascending=False, kind="stable")
    weekly = f[f["cls"] != "non_work"].assign(other=lambda d: d["hours"].where(d["cls"] == "other_team", 0.0))
    wk = weekly.groupby("week")[["other", "hours"]].sum()
    return Metrics(
        team_size=int(frame["person"].nunique()),
        weeks=weeks, first=cube.first, last=cube.last,
        hours_by_class=by_class, total_hours=total, work_hours=work,
        other_team_hours=other,
        other_team_share=other / work if work > 0 else 0.0,
        other_per_week=per_week, other_fte=fte,
        work_fte=work / weeks / settings.contracted_weekly_hours,
        annual_cost=cost,
        concentration=top2 / other if other > 0 else 0.0,
        top_carriers=tuple((str(p), float(h)) for p, h in by_person.head(2).items()),
        by_owner=tuple((str(o), float(h)) for o, h in by_owner.items()),
        own_hours=work - other,
        by_person_other=tuple((str(p), float(h)) for p, h in by_person.items()),
        by_week=tuple((w.date(), float(r["other"]), float(r["hours"])) for w, r in wk.iterrows()),
        contracted_weekly_hours=settings.contracted_weekly_hours,
        working_weeks_per_year=settings.working_weeks_per_year,
        hourly_cost=settings.hourly_cost,
    )


@dataclass(frozen=True)
class Explanation:
    """How one number was computed, in words a manager can repeat."""

    name: str
    value: str
    meaning: str
    formula: str


def explain(m: Metrics, currency: str = "$") -> tuple[Explanation, ...]:
    out = [
        Explanation("Work hours", f"{m.work_hours:,.1f} h", "All logged time except breaks and lunch.",
                    f"{m.total_hours:,.1f} h logged - {m.hours_by_class['non_work']:,.1f} h non-work"),
        Explanation("Other-team share", f"{m.other_team_share:.0%}",
                    "How much of the team's working time goes to other departments' work.",
                    f"{m.other_team_hours:,.1f} h other-team / {m.work_hours:,.1f} h work"),
        Explanation("FTE equivalent", f"{m.other_fte:.1f} FTE",
                    "How many full-time people that work adds up to.",
                    f"{m.other_team_hours:,.1f} h / {m.weeks} weeks = {m.other_per_week:,.1f} h per week; "
                    f"/ {m.contracted_weekly_hours:g} contracted h per week"),
        Explanation("Concentration", f"{m.concentration:.0%}",
                    "How much of the other-team work the two busiest people carry.",
                    f"{sum(h for _, h in m.top_carriers):,.1f} h by the top two / {m.other_team_hours:,.1f} h"),
    ]
    if m.annual_cost is not None:
        out.append(Explanation(
            "Annual cost", money(m.annual_cost, currency), "What that time costs the company in a year.",
            f"{m.other_per_week:,.1f} h per week x {m.working_weeks_per_year:g} working weeks x "
            f"{currency}{m.hourly_cost:,.2f} loaded hourly cost"))
    return tuple(out)


def money(value: float, currency: str = "$") -> str:
    """People-sized money: $184k, $1.2M, $950."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    if v >= 1e6:
        return f"{sign}{currency}{v / 1e6:.1f}M"
    if v >= 1e4:
        return f"{sign}{currency}{v / 1e3:.0f}k"
    if v >= 1e3:
        return f"{sign}{currency}{v / 1e3:.1f}k"
    return f"{sign}{currency}{v:,.0f}"
