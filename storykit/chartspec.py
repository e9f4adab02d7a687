"""A renderer-neutral chart: the one description both the plotly and the pptx renderers read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# The palette: grey plus one accent. Renderers take colours from here and nowhere else.
ACCENT = "#D9480F"
GREY = "#A3A8AE"
DARK = "#3B4046"
LIGHT = "#D3D6DA"  # time with no owner yet: a grey of its own, lighter than our own work's
TEXT = "#1F2328"
PALETTE = {"accent": ACCENT, "grey": GREY, "dark": DARK, "light": LIGHT}

Kind = Literal["bar", "column", "stacked_column", "line"]
Colour = Literal["accent", "grey", "dark", "light"]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]
    colour: Colour = "grey"
    point_colours: tuple[Colour, ...] | None = None  # one per category, for a highlight


@dataclass(frozen=True)
class ChartSpec:
    """What to draw, not how: categories, series, format, scale and alt text."""

    kind: Kind
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str  # what the values count: "full-time people (FTE)"
    caption: str = ""  # one line above the chart saying what it shows
    number_format: str = "0.0"  # Excel-style, used by both renderers
    value_max: float | None = None  # fixed scale, so before and after compare
    legend: bool = False  # the series need naming; renderers label them directly where they can (direct_labels)
    alt_text: str = ""

    def __post_init__(self) -> None:
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(self.categories)} categories")


def group_tail(items: list[tuple[str, float]], keep: int = 7, other: str = "All others") -> list[tuple[str, float]]:
    """At most keep+1 categories: the largest `keep`, then the rest summed as one bar."""
    if len(items) <= keep + 1:
        return items
    head, tail = items[:keep], items[keep:]
    return head + [(f"{other} ({len(tail)})", sum(v for _, v in tail))]


def label_format(values: tuple[float, ...]) -> str:
    """One decimal, or two where a value that is not zero would read 0.0: a small owner's bar (0.04 FTE, an
    hour and a half a week) labelled 0.0 says it is nothing while its own bar says it is not."""
    return "0.00" if any(0 < abs(v) < 0.05 for v in values) else "0.0"


def direct_labels(spec: ChartSpec) -> bool:
    """Name each series beside the last column instead of in a legend: where every series shows there.

    Both renderers ask this, so the app and the deck label a chart the same way.
    """
    return (spec.kind == "stacked_column" and len(spec.series) > 1
            and all(abs(s.values[-1]) >= 0.05 for s in spec.series))
