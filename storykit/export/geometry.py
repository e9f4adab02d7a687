"""Where everything sits on a slide, in points, computed from the slide's size (16:9 or 4:3).

No python-pptx here: the story lint measures titles against the same title box the deck
draws, and importing this costs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

EMU_PER_PT = 12700
WIDE = (12192000, 6858000)  # EMU: 13.333 x 7.5 in, PowerPoint's widescreen
TITLE_MAX_PT, TITLE_MIN_PT = 28.0, 20.0
WIDTH_SAFETY = 0.96  # renderers differ by a few percent in kerning; keep that much room


@dataclass(frozen=True)
class Box:
    """A rectangle in points, from the slide's top left."""

    left: float
    top: float
    width: float
    height: float

    def emu(self) -> tuple[int, int, int, int]:
        return tuple(round(v * EMU_PER_PT) for v in (self.left, self.top, self.width, self.height))  # type: ignore[return-value]


@dataclass(frozen=True)
class Layout:
    """Where everything sits on one slide, computed from the slide size (16:9 or 4:3)."""

    width: float
    height: float

    @classmethod
    def wide(cls) -> Layout:
        """Our own 16:9 slide."""
        return cls(WIDE[0] / EMU_PER_PT, WIDE[1] / EMU_PER_PT)

    @property
    def scale(self) -> float:
        """Type scales with the slide's height, so a 4:3 slide reads like a 16:9 one."""
        return self.height / 540.0

    @property
    def margin(self) -> float:
        return self.width * 0.045

    @property
    def side(self) -> float:
        """Width of the right-hand panel (big number and points): wider on narrow slides."""
        return self.width * (0.28 if self.width / self.height > 1.5 else 0.34)

    def box(self, name: str) -> Box:
        w, h, m, side = self.width, self.height, self.margin, self.side
        content = w - 2 * m
        chart_w = content - side - w * 0.025
        side_x = w - m - side
        boxes = {
            "kicker": Box(m, h * 0.045, content, h * 0.045),
            "title": Box(m, h * 0.095, content, h * 0.165),
            "caption": Box(m, h * 0.27, chart_w, h * 0.045),
            "chart": Box(m - w * 0.01, h * 0.315, chart_w + w * 0.01, h * 0.6),
            "big": Box(side_x, h * 0.29, side, h * 0.13),
            "big_label": Box(side_x, h * 0.42, side, h * 0.085),
            "points": Box(side_x, h * 0.525, side, h * 0.39),
            "source": Box(m, h * 0.93, content, h * 0.04),
            "body": Box(m, h * 0.27, content, h * 0.645),
        }
        return boxes[name]
