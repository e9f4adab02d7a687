"""Bars of hours a week, one per owner, label or person, in the unit of the slide's big number."""

from __future__ import annotations

from storykit.chartspec import ChartSpec, Colour, Series, group_tail
from storykit.narrative.facts import Facts


def per_week_bars(facts: Facts, rows: list[tuple[str, float]], like: float, rest: str, name: str, colour: Colour,
                  of: str, caption: str, alt: str, keep: int) -> ChartSpec:
    """A bar per row of hours a week, largest first (past `keep`, the smallest summed as `rest`), in the unit of
    the slide's big number (`like`, hours a week): 'No owner yet 1.3 FTE' beside bars in hours made a manager
    convert. `caption` may name the unit ('{unit}': 'hours a week') or start with it ('{heading}': 'Hours')."""
    unit = facts.unit(like)
    rows = group_tail(rows, keep=keep, other=rest) or [(rest, 0.0)]
    values = unit.values(tuple(facts.metrics.fte_per_week(v) for _, v in rows))
    return ChartSpec(
        kind="bar", categories=tuple(c for c, _ in rows), series=(Series(f"{name} ({unit.short})", values, colour),),
        unit=f"{unit.name} {of}", number_format=unit.number_format(values),
        caption=caption.format(unit=unit.name, heading=unit.heading),
        alt_text=f"{alt} in {unit.alt_name}: "
                 + "; ".join(f"{c} {unit.say(v)}" for (c, _), v in zip(rows, values, strict=True)),
    )
