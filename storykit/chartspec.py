"""A renderer-neutral chart: the one description both the plotly and the pptx renderers read."""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

# The palette: grey plus one accent. Renderers take colours from here and nowhere else.
ACCENT = "#D9480F"
GREY = "#A3A8AE"
DARK = "#3B4046"
LIGHT = "#D3D6DA"  # time with no owner yet: a grey of its own, lighter than our own work's
TEXT = "#1F2328"
PALETTE = {"accent": ACCENT, "grey": GREY, "dark": DARK, "light": LIGHT}

# A stacked segment under this share of the value axis gets no number in either renderer: a 12 pt label needs
# about 4% of the deck's chart height (an absolute 0.05 FTE hid every number of a 0.07 FTE column, and let a
# 0.1 FTE sliver of an 8 FTE column print one it could not hold).
HIDDEN_SHARE = 0.04
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


def data_top(spec: ChartSpec) -> float:
    """The tallest column (stacked: its segments summed) or value: where a scale not fixed by the spec ends."""
    if spec.kind == "stacked_column":
        return max((sum(abs(s.values[i]) for s in spec.series) for i in range(len(spec.categories))), default=0.0)
    return max((abs(v) for s in spec.series for v in s.values), default=0.0)


def numbered(spec: ChartSpec, value: float) -> bool:
    """Whether a bar or segment of `value` carries its number: all do but a stacked segment too thin to hold
    one (HIDDEN_SHARE) or of nothing. Both renderers ask this, so the app and the deck print the same numbers."""
    top = spec.value_max if spec.value_max is not None else data_top(spec)
    return spec.kind != "stacked_column" or (value != 0 and abs(value) >= HIDDEN_SHARE * top)


def group_tail(items: list[tuple[str, float]], keep: int = 7, other: str = "All others") -> list[tuple[str, float]]:
    """At most keep+1 categories: the largest `keep`, then the rest summed as one bar."""
    if len(items) <= keep + 1:
        return items
    head, tail = items[:keep], items[keep:]
    return head + [(f"{other} ({len(tail)})", sum(v for _, v in tail))]


def label_format(values: tuple[float, ...]) -> str:
    """One decimal, or two where a value that is not zero would read 0.0: a small owner's bar (0.04 FTE, an
    hour and a half a week) labelled 0.0 says it is nothing while its own bar says it is not. Below what two
    decimals show, '<0.01' (never_zero)."""
    return never_zero("0.00" if any(0 < abs(v) < 0.05 for v in values) else "0.0", values)


def series_format(series: Iterable[Series], top: float,
                  formatter: Callable[[tuple[float, ...]], str] = label_format) -> str:
    """`formatter` (label_format) over the numbers a stacked chart scaled to `top` prints: a small team's 0.02 FTE
    read '0.0' in the deck, and a sliver too thin for its number must not turn 11.8 into 11.85."""
    return formatter(tuple(v for s in series for v in s.values if abs(v) >= HIDDEN_SHARE * top))


def never_zero(number_format: str, values: Iterable[float]) -> str:
    """`number_format`, with a floor where a value above zero would read as zero under it: '<0.01' ('<1' for
    whole numbers), and 0 only for nothing. An Excel condition, so PowerPoint keeps it when the data is edited."""
    values = tuple(values)
    decimals = _decimals(number_format)
    half = 0.5 / 10**decimals
    if any(v < 0 for v in values) or not any(0 < v < half for v in values):
        return number_format
    return f'[=0]{number_format};[<{half:g}]"<{1 / 10**decimals:.{decimals}f}";{number_format}'


def blank_zero(number_format: str) -> str:
    """`number_format` with no number for nothing: a column chart over many weeks, where each empty week read '0.0'
    and their row of zeros ran together. Both renderers read it (label_text; PowerPoint's own format)."""
    rest = number_format.removeprefix(number_format.split(";")[0] + ";") if number_format.startswith("[=0]") \
        else number_format
    return f'[=0]"";{rest}'


_SECTION_CONDITION = re.compile(r"^\[(<=|>=|<>|<|>|=)(-?[\d.]+)\]")
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt, ">": operator.gt, "=": operator.eq, "<=": operator.le, ">=": operator.ge, "<>": operator.ne}
_PIECE = re.compile(r'"([^"]*)"|([#0,]+(?:\.0+)?)|(.)')


def _decimals(number_format: str) -> int:
    """Digits after the point in a format's last section (the one for ordinary values): '#,##0.00' -> 2."""
    digits = re.findall(r"[#0,]+(?:\.(0+))?", re.sub(r'"[^"]*"|\[[^]]*\]', "", number_format.split(";")[-1]))
    return len(digits[-1]) if digits else 0


def label_text(number_format: str, value: float) -> str:
    """What a data label reads under an Excel number format, as PowerPoint shows it: the app's chart prints this
    and the deck gives PowerPoint the format itself, so both read the same. Enough of Excel's formats for a
    ChartSpec: sections with [conditions], quoted text, digits with a thousands comma and decimals, and %."""
    sections = [(_SECTION_CONDITION.match(s), s) for s in number_format.split(";")]
    body = next((s[m.end():] for m, s in sections if m and _COMPARE[m[1]](value, float(m[2]))), None)
    if body is None:
        body = next((s for m, s in sections if not m), sections[-1][1])
    scaled = value * 100 if "%" in re.sub(r'"[^"]*"', "", body) else value
    text = []
    for piece in _PIECE.finditer(body):
        quoted, digits, other = piece.groups()
        if digits is None:
            text.append(quoted if quoted is not None else other)
            continue
        places = len(digits.partition(".")[2])
        rounded = Decimal(repr(abs(scaled))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text.append(("-" if scaled < 0 and rounded else "") + format(rounded, f"{',' if ',' in digits else ''}.{places}f"))
    return "".join(text)


def direct_labels(spec: ChartSpec) -> bool:
    """Name each series beside the last column instead of in a legend: where every series shows there.

    Both renderers ask this, so the app and the deck label a chart the same way.
    """
    return (spec.kind == "stacked_column" and len(spec.series) > 1
            and all(abs(s.values[-1]) >= 0.05 for s in spec.series))
