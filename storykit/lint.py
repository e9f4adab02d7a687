"""Story lint: the storytelling rules a deck must keep, checked on the Story before drawing it.

Every title carries its number and fits two lines at the title size (measured with the deck's
fonts, not counted in characters), every slide has a message, two or three short points and one
big number, and no categorical chart has more than eight bars without its tail grouped.
The app shows these as warnings next to the text the user is editing; the tests run them on
every sample deck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storykit.chartspec import ChartSpec
from storykit.export.fit import line_count
from storykit.export.geometry import TITLE_MAX_PT, WIDTH_SAFETY, Layout
from storykit.narrative.story import Story

MAX_TITLE_LINES = 2
MAX_CATEGORIES = 8
MAX_POINT_WORDS = 25
MIN_TITLE_WORDS = 4
_NUMBER = re.compile(r"\d")
_PERIOD = re.compile(r"^(w/c |week |wk )|^\d{4}-\d{2}-\d{2}$|^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)( \d{4})?$"
                     r"|^q[1-4]( \d{4})?$|^\d{4}$", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One broken rule on one slide, said so a presenter knows what to change."""

    act: int
    rule: str  # title-number, title-lines, no-message, points, big-number, chart-categories
    message: str


def _time_axis(spec: ChartSpec) -> bool:
    """A trend week by week (month, quarter or year by ...) may have many columns: their order is time, not size."""
    return spec.kind in ("column", "line") and all(_PERIOD.search(c) for c in spec.categories)


def title_box() -> tuple[float, float]:
    """Width (pt) the title text really gets on the deck's 16:9 slide, and its size: the deck's own layout."""
    geo = Layout.wide()
    return geo.box("title").width * WIDTH_SAFETY, TITLE_MAX_PT * geo.scale


def title_lines(title: str, width_pt: float | None = None, size_pt: float | None = None,
                family: str = "Calibri") -> int:
    default_width, default_size = title_box()
    return line_count(title, width_pt or default_width, size_pt or default_size, True, family)


def lint_story(story: Story, family: str = "Calibri") -> tuple[Finding, ...]:
    out: list[Finding] = []
    for act in story.acts:
        n, title = act.number, act.title.strip()
        words = title.split()
        if len(words) < MIN_TITLE_WORDS:
            out.append(Finding(n, "no-message", f"Slide {n} has no message: its title should be a full sentence "
                                                "saying what the slide shows"))
        elif not _NUMBER.search(title):
            out.append(Finding(n, "title-number", f"Slide {n}'s title has no number: say how much "
                                                  "(e.g. '31%', '2.7 people')"))
        if title:
            lines = title_lines(title, family=family)
            if lines > MAX_TITLE_LINES:
                out.append(Finding(n, "title-lines", f"Slide {n}'s title takes {lines} lines at {title_box()[1]:g} pt; "
                                                     f"shorten it to {MAX_TITLE_LINES} (the deck will shrink it)"))
        points = [p for p in act.points if p.strip()]
        if not 2 <= len(points) <= 3:
            out.append(Finding(n, "points", f"Slide {n} has {len(points)} supporting points; use two or three"))
        for i, p in enumerate(points, start=1):
            if len(p.split()) > MAX_POINT_WORDS:
                out.append(Finding(n, "points", f"Slide {n}, point {i} has {len(p.split())} words; keep it under "
                                                f"{MAX_POINT_WORDS}"))
        if not act.big_number.value.strip() or not _NUMBER.search(act.big_number.value):
            out.append(Finding(n, "big-number", f"Slide {n} has no big number to anchor it"))
        spec = act.chart
        if len(spec.categories) > MAX_CATEGORIES and not _time_axis(spec):
            out.append(Finding(n, "chart-categories",
                               f"Slide {n}'s chart has {len(spec.categories)} categories; show the largest "
                               f"{MAX_CATEGORIES - 1} and group the rest as 'other'"))
        if not spec.series or not spec.categories:
            out.append(Finding(n, "no-message", f"Slide {n} has no chart data"))
    return tuple(out)
