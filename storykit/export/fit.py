"""Text that fits its box: measure with real font metrics, wrap, then shrink within limits.

python-pptx's autofit is only a flag that PowerPoint applies when it next edits the text;
LibreOffice and viewers ignore it. So we decide the size ourselves before writing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
# Metric-compatible stand-ins first: Carlito has Calibri's widths.
FONT_FILES = {
    (False): ("Carlito-Regular.ttf", "calibri.ttf", "DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
    (True): ("Carlito-Bold.ttf", "calibrib.ttf", "DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
}
AVERAGE_EM = {False: 0.50, True: 0.53}  # Calibri's average advance when no font file is found
LINE_SPACING = 1.2


@functools.lru_cache(maxsize=8)
def _font_path(bold: bool) -> str | None:
    for name in FONT_FILES[bold]:
        for root in FONT_DIRS:
            hits = list(Path(root).rglob(name)) if Path(root).is_dir() else []
            if hits:
                return str(hits[0])
    return None


@functools.lru_cache(maxsize=64)
def _font(bold: bool, size_pt: float):  # type: ignore[no-untyped-def]
    path = _font_path(bold)
    if path is None:
        return None
    from PIL import ImageFont

    return ImageFont.truetype(path, size=max(1, round(size_pt * 10)))  # 10x for sub-point precision


def text_width_pt(text: str, size_pt: float, bold: bool = False) -> float:
    font = _font(bold, size_pt)
    if font is None:
        return len(text) * size_pt * AVERAGE_EM[bold]
    return font.getlength(text) / 10


def wrap(text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """Greedy word wrap as PowerPoint does it; a word longer than the line is broken."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            trial = f"{line} {word}" if line else word
            if text_width_pt(trial, size_pt, bold) <= width_pt:
                line = trial
                continue
            if line:
                lines.append(line)
            while text_width_pt(word, size_pt, bold) > width_pt and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width_pt(word[:cut], size_pt, bold) > width_pt:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


@dataclass(frozen=True)
class Fitted:
    size_pt: float
    lines: tuple[str, ...]
    shortened: bool


def fit(text: str, width_pt: float, height_pt: float, max_pt: float, min_pt: float,
        bold: bool = False, max_lines: int | None = None) -> Fitted:
    """The largest size (in half points) at which `text` fits; shortened with … if none does."""
    size = max_pt
    while size >= min_pt:
        lines = wrap(text, width_pt, size, bold)
        if len(lines) * size * LINE_SPACING <= height_pt and (max_lines is None or len(lines) <= max_lines):
            return Fitted(size, tuple(lines), False)
        size -= 0.5
    size = min_pt
    lines = wrap(text, width_pt, size, bold)
    room = int(height_pt // (size * LINE_SPACING))
    if max_lines is not None:
        room = min(room, max_lines)
    room = max(room, 1)
    kept = lines[:room]
    last = kept[-1]
    while last and text_width_pt(last + "…", size, bold) > width_pt:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return Fitted(size, tuple(kept), True)
