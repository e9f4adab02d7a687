"""The numbers of the story, each defined once: FTE, shares, costs, concentration, trend, read from the cube.

Every metric reads the cube (storykit/cube.py: person x activity x ISO week -> hours), so the
cost after ingest does not grow with the number of rows; the narrative words these numbers and
computes none of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from storykit.classify import Classification
from storykit.cube import Cube
from storykit.model import Settings
from storykit.vocabulary import CLASSES

STEADY = 0.05  # a weekly change below this share of the weekly average is no trend
#: Concentration is worth saying only when the two who carry most carry at least this many times
#: their even share (2 of 8 people: 25%, so 38%); below that, a director who checks finds no story.
MATERIAL = 1.5


@dataclass(frozen=True)
class Metrics:
    """Every number the story tells, with the inputs that produced it."""

    team_size: int | None  # the team's size as the story says it (Settings.team_size, else the people named); None: unknown
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
    by_week: tuple[tuple[dt.date, float, float], ...]  # week, other-team hours, work hours (every week)
    contracted_weekly_hours: float
    working_weeks_per_year: float
    hourly_cost: float | None
    controlled_hours: float = 0.0  # core + overhead: what the team plans and decides itself
    controlled_share: float = 0.0  # of work hours
    trend_per_week: float | None = None  # change of other-team hours per week, per week (least squares)
    switches_per_day: float | None = None  # activity changes per person-day, where clock times exist
    interruptions_per_day: float | None = None  # changes from own work into other teams' work, per person-day
    timed_person_days: int = 0
    people_with_other: int = 0  # people who logged any other-team work
    #: What was counted as other teams' work, label by label, so a director can check it:
    #: (label, owner, hours, who decided: "you", "your rule" or "presets"), largest first.
    other_team_labels: tuple[tuple[str, str, float, str], ...] = ()
    #: Labels nobody has decided yet, (label, hours), largest first: what to give an owner next.
    unassigned_labels: tuple[tuple[str, float], ...] = ()
    #: Our own work (core and overhead), (label, hours), largest first: where our time goes when all of it is ours.
    own_labels: tuple[tuple[str, float], ...] = ()
    #: What the log does not say (a summary report, a roll-up): whose time each entry is, and week by week.
    people_known: bool = True
    weekly_detail: bool = True

    @property
    def has_other_work(self) -> bool:
        return self.other_team_hours > 0

    @property
    def unassigned_share(self) -> float:
        """Working time whose label nobody has decided yet: the same share on Classify and in the story."""
        return self.hours_by_class["unassigned"] / self.work_hours if self.work_hours > 0 else 0.0

    @property
    def work_per_week(self) -> float:
        return self.work_hours / self.weeks if self.weeks else 0.0

    def fte(self, hours: float) -> float:
        """Hours logged over the whole period as full-time people: hours / weeks / contracted weekly hours."""
        return hours / self.weeks / self.contracted_weekly_hours

    def fte_per_week(self, hours_per_week: float) -> float:
        """Hours a week as full-time people."""
        return hours_per_week / self.contracted_weekly_hours

    @property
    def top_two_hours(self) -> float:
        """Other-team hours of the two people who carry most of them."""
        return sum(hours for _, hours in self.top_carriers)

    @property
    def even_share(self) -> float | None:
        """The share of other teams' work two people would carry if the whole team shared it evenly."""
        if not self.people_known or not self.team_size or self.team_size < 3:
            return None
        return 2 / self.team_size

    @property
    def concentrated(self) -> bool:
        """The top two carry at least MATERIAL times their even share: a claim a director can check."""
        even = self.even_share
        return even is not None and self.has_other_work and self.concentration >= MATERIAL * even - 1e-9

    def annual_cost_of(self, hours: float) -> float | None:
        """A year of `hours` (logged over the period) at the loaded hourly cost: hours per week x working
        weeks x cost; None without a cost."""
        if self.hourly_cost is None:
            return None
        return hours / self.weeks * self.working_weeks_per_year * self.hourly_cost

    @property
    def work_annual_cost(self) -> float | None:
        """A year of all working time at the loaded hourly cost; None without a cost."""
        return self.annual_cost_of(self.work_hours)

    @property
    def unassigned_annual_cost(self) -> float | None:
        """A year of the working time nobody has decided yet; None without a cost."""
        return self.annual_cost_of(self.hours_by_class["unassigned"])

    @property
    def trend(self) -> str | None:
        """'steady', 'rising' or 'falling' by the weekly slope (steady: within 5% of the weekly
        average a week); None with fewer than two weeks."""
        if self.trend_per_week is None:
            return None
        if self.other_per_week == 0 or abs(self.trend_per_week) < STEADY * self.other_per_week:
            return "steady"
        return "rising" if self.trend_per_week > 0 else "falling"


def compute_metrics(cube: Cube, classification: Classification, settings: Settings) -> Metrics:
    f, cls = _classified(cube.frame, classification)
    hours, cls_code = f["hours"].to_numpy(), f["cls"].cat.codes.to_numpy()
    # each class's rows in their order, summed as Series.sum sums them (NaN as 0): one pass per class over
    # codes, not a filtered copy of the 150k-row frame per class
    by_class = {c: float(np.nansum(hours[cls_code == i])) for i, c in enumerate(CLASSES)}
    total = float(f["hours"].sum())
    work = total - by_class["non_work"]
    other = by_class["other_team"]
    controlled = by_class["core"] + by_class["overhead"]
    weeks = cube.weeks
    per_week = other / weeks
    cost = (per_week * settings.working_weeks_per_year * settings.hourly_cost
            if settings.hourly_cost is not None else None)
    others = f[f["cls"] == "other_team"]
    by_person = others.groupby("person", observed=True)["hours"].sum()
    by_person = by_person[by_person > 0].sort_values(ascending=False, kind="stable")
    top2 = float(by_person.head(2).sum())
    by_owner = others.groupby("owner", observed=True)["hours"].sum()
    by_owner = by_owner[by_owner > 0].sort_values(ascending=False, kind="stable")
    open_labels = f[f["cls"] == "unassigned"].groupby("activity", observed=True)["hours"].sum()
    open_labels = open_labels[open_labels > 0].sort_values(ascending=False, kind="stable")
    own_labels = f[f["cls"].isin(("core", "overhead"))].groupby("activity", observed=True)["hours"].sum()
    own_labels = own_labels[own_labels > 0].sort_values(ascending=False, kind="stable")
    by_label = others.groupby(["activity", "owner"], observed=True)["hours"].sum()
    by_label = by_label[by_label > 0].sort_values(ascending=False, kind="stable")
    worked = cls_code != CLASSES.index("non_work")
    other_hours = np.where(cls_code[worked] == CLASSES.index("other_team"), hours[worked], 0.0)
    wk = pd.DataFrame({"other": other_hours, "hours": hours[worked]}).groupby(f["week"].to_numpy()[worked]).sum()
    by_week = tuple(
        (monday, float(wk.at[ts, "other"]), float(wk.at[ts, "hours"])) if (ts := pd.Timestamp(monday)) in wk.index
        else (monday, 0.0, 0.0)
        for monday in cube.mondays
    )
    switches, interruptions = _fragmentation(cube, cls) if cube.people_known else (None, None)
    named = int(cube.frame["person"].nunique()) if cube.people_known else None
    return Metrics(
        team_size=settings.team_size or named,
        weeks=weeks, first=cube.first, last=cube.last,
        hours_by_class=by_class, total_hours=total, work_hours=work,
        other_team_hours=other,
        other_team_share=other / work if work > 0 else 0.0,
        other_per_week=per_week, other_fte=per_week / settings.contracted_weekly_hours,
        work_fte=work / weeks / settings.contracted_weekly_hours,
        annual_cost=cost,
        concentration=top2 / other if other > 0 else 0.0,
        top_carriers=tuple((str(p), float(h)) for p, h in by_person.head(2).items()),
        by_owner=tuple((str(o), float(h)) for o, h in by_owner.items()),
        own_hours=work - other,
        by_person_other=tuple((str(p), float(h)) for p, h in by_person.items()),
        by_week=by_week,
        contracted_weekly_hours=settings.contracted_weekly_hours,
        working_weeks_per_year=settings.working_weeks_per_year,
        hourly_cost=settings.hourly_cost,
        controlled_hours=controlled,
        controlled_share=controlled / work if work > 0 else 0.0,
        trend_per_week=_slope([o for _, o, _ in by_week]) if cube.weekly_detail else None,
        switches_per_day=switches, interruptions_per_day=interruptions,
        timed_person_days=cube.timed_person_days,
        people_with_other=len(by_person),
        other_team_labels=tuple((str(lbl), str(o), float(h), classification.decisions[lbl].by)
                                for (lbl, o), h in by_label.items()),
        unassigned_labels=tuple((str(lbl), float(h)) for lbl, h in open_labels.items()),
        own_labels=tuple((str(lbl), float(h)) for lbl, h in own_labels.items()),
        people_known=cube.people_known, weekly_detail=cube.weekly_detail,
    )


def _classified(frame: pd.DataFrame, classification: Classification) -> tuple[pd.DataFrame, dict[str, str]]:
    """The cube with each row's owner and class, its text columns as categories, and each label's class.

    Categories sorted like the text, so groups come out in the same order; the cube's ~150k rows are
    then filtered and grouped by integer codes instead of strings (a third of the time on 300 labels).
    """
    def categories(column: pd.Series | np.ndarray, names: list[str] | None = None) -> pd.Categorical:
        codes, uniques = pd.factorize(column, sort=True) if names is None else (column, names)
        return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=object))

    codes, labels = pd.factorize(frame["activity"], sort=True)
    decided = [classification.of(lbl) for lbl in labels]
    owners = sorted({d.owner for d in decided})
    owner_at = {o: i for i, o in enumerate(owners)}
    owner_of = np.array([owner_at[d.owner] for d in decided] + [-1], dtype=np.int64)
    cls_of = np.array([CLASSES.index(d.cls) for d in decided] + [-1], dtype=np.int64)
    f = pd.DataFrame({"person": categories(frame["person"]), "activity": categories(codes, list(labels)),
                      "week": frame["week"], "hours": frame["hours"],
                      "owner": categories(owner_of[codes], owners), "cls": categories(cls_of[codes], list(CLASSES))})
    return f, {lbl: d.cls for lbl, d in zip(labels, decided, strict=True)}


def _slope(values: list[float]) -> float | None:
    """Least-squares slope per step; None for fewer than two points."""
    n = len(values)
    if n < 2:
        return None
    mean_x, mean_y = (n - 1) / 2, sum(values) / n
    num = sum((i - mean_x) * (v - mean_y) for i, v in enumerate(values))
    den = sum((i - mean_x) ** 2 for i in range(n))
    return num / den


def _fragmentation(cube: Cube, cls: dict[str, str]) -> tuple[float | None, float | None]:
    """Switches and interruptions per person-day; breaks are pauses, not switches."""
    if cube.switches is None or not cube.timed_person_days:
        return None, None
    pairs = cube.switches
    c_from, c_to = _class_of(pairs["from"], cls), _class_of(pairs["to"], cls)
    real = (pairs["from"] != pairs["to"]).to_numpy(bool) & (c_from != "non_work") & (c_to != "non_work")
    into_other = real & (c_to == "other_team") & (c_from != "other_team")
    count, days = pairs["count"].to_numpy(), cube.timed_person_days
    return float(count[real].sum()) / days, float(count[into_other].sum()) / days


def _class_of(labels: pd.Series, cls: dict[str, str]) -> np.ndarray:
    """Each pair's class, asked once per distinct label: 300 labels make ~60k pairs, and a column of their
    classes as text cost a fresh process 40 ms."""
    codes, uniques = pd.factorize(labels)
    return np.array([cls.get(u, "unassigned") for u in uniques] + ["unassigned"])[codes]  # code -1: no label
