"""Charts of time over the log's weeks: a column a week, or a week's average a month (a quarter, a year) where
the weeks are too many to read one by one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from storykit.chartspec import ChartSpec, Colour, Series, blank_zero
from storykit.narrative.facts import Facts

MOST_COLUMNS = 26  # half a year of weeks; beyond it a column a month (a quarter, a year): 113 weeks of labels collided
#: (period, the key of the period a week starting on that Monday falls in), shortest first
PERIODS: tuple[tuple[str, Callable[[dt.date], object]], ...] = (
    ("week", lambda d: d),
    ("month", lambda d: (d.year, d.month)),
    ("quarter", lambda d: (d.year, (d.month - 1) // 3)),
    ("year", lambda d: d.year),
)


def over_time(facts: Facts, hours: tuple[float, ...], what: str, colour: Colour, of: str, after: str = "",
              like: float | None = None) -> ChartSpec:
    """One column a week of `hours` (one per week of metrics.by_week) of `what` ('Other teams' work'), or a week's
    average per month, quarter or year, the first with at most MOST_COLUMNS; in the unit of the slide's big
    number (`like`, hours a week; else its largest column: facts.unit); `of` says what the unit counts, `after`
    ends the caption. A column with nothing has no number: a row of zeros under empty weeks read as noise."""
    mondays = [monday for monday, _, _ in facts.metrics.by_week]
    period, key = next((p, k) for p, k in PERIODS if len({k(m) for m in mondays}) <= MOST_COLUMNS or p == "year")
    groups: dict[object, list[tuple[dt.date, float]]] = {}
    for monday, h in zip(mondays, hours, strict=True):
        groups.setdefault(key(monday), []).append((monday, h))
    firsts = [weeks[0][0] for weeks in groups.values()]
    per_week = tuple(sum(h for _, h in weeks) / len(weeks) for weeks in groups.values())
    unit = facts.unit(max(per_week, default=0.0) if like is None else like)
    values = unit.values(tuple(facts.metrics.fte_per_week(h) for h in per_week))
    labels = tuple(_label(facts, period, first) for first in firsts)
    how = "week by week" if period == "week" else f"a week on average, {period} by {period}"
    return ChartSpec(
        kind="column", categories=labels, series=(Series(f"{what} ({unit.short})", values, colour),),
        unit=f"{unit.name} {of}", number_format=blank_zero(unit.number_format(values)),
        caption=f"{what}, {unit.name}, {how}{after}",
        alt_text=f"Column chart of {what[0].lower()}{what[1:]} per week in {unit.alt_name}"
                 + ("" if period == "week" else f", averaged by {period}") + f"{after}: "
                 + "; ".join(f"{'week of ' + facts.day(first) if period == 'week' else label} {unit.say(v)}"
                             for first, label, v in zip(firsts, labels, values, strict=True)),
    )


def _label(facts: Facts, period: str, first: dt.date) -> str:
    """'w/c 5 Jan', 'Jan 2026', 'Q1 2026', '2026': the year where the log's period crosses one (facts.day)."""
    year = f" {first.year}" if facts.metrics.first.year != facts.metrics.last.year else ""
    if period == "week":
        return f"w/c {facts.day(first)}"
    if period == "month":
        return f"{first:%b}{year}"
    return f"Q{(first.month - 1) // 3 + 1}{year}" if period == "quarter" else str(first.year)
