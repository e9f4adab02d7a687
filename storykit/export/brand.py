"""The colours and fonts a deck is drawn in: ours (grey plus one accent, Calibri) or a template theme's."""

from __future__ import annotations

from dataclasses import dataclass, replace

from pptx.dml.color import RGBColor

from storykit.chartspec import ACCENT, DARK, GREY, TEXT
from storykit.chartspec import LIGHT as UNOWNED_GREY

WHITE = "#FFFFFF"
TABLE_STRIPE = "#F3F4F5"
LIGHT = 0.6  # a theme's dark colour lighter than this cannot carry labels


@dataclass(frozen=True)
class Brand:
    """Colours and fonts the deck is drawn in: ours, or those of the user's template theme."""

    accent: str = ACCENT
    dark: str = DARK
    text: str = TEXT
    grey: str = GREY
    light: str = UNOWNED_GREY  # time with no owner yet
    title_font: str = "Calibri"
    body_font: str = "Calibri"
    from_template: bool = False

    def colour(self, name: str) -> str:
        return {"accent": self.accent, "grey": self.grey, "dark": self.dark, "light": self.light}[name]


def from_theme(theme: dict[str, str | None], base: Brand) -> Brand:
    """`base` in a template theme's accent, dark and text colours and its heading and body fonts.

    `theme`: what oxml.theme() read (accent1, dk1, dk2, major, minor); missing keys keep our own.
    """
    text = theme.get("dk1") or base.text
    dark = theme.get("dk2") or text
    if lightness(dark) > LIGHT:  # some themes use a light dk2; keep labels readable
        dark = text
    return replace(base, accent=theme.get("accent1") or base.accent, text=text, dark=dark,
                   title_font=theme.get("major") or base.title_font, body_font=theme.get("minor") or base.body_font)


def lightness(colour: str) -> float:
    value = colour.lstrip("#")
    try:
        red, green, blue = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return 0.0
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())
