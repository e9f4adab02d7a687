"""Text that fits its box: measure with real font metrics, wrap, then shrink within limits.

python-pptx's autofit is only a flag that PowerPoint applies when it next edits the text;
LibreOffice and viewers ignore it. So we decide the size ourselves before writing.

Fonts are found the way the renderer finds them: fontconfig's `fc-match` names the file that
will draw a family (Calibri resolves to Carlito, its metric twin). A character the font lacks is
measured in the font that will stand in for it (a CJK font for Chinese, Japanese and Korean,
DejaVu for other scripts), so a team name in any script is measured, not guessed.
"""

from __future__ import annotations

import functools
import itertools
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
DEFAULT_FAMILY = "Calibri"
# When fontconfig is missing: metric-compatible stand-ins first (Carlito has Calibri's widths).
FONT_FILES = {
    False: ("Carlito-Regular.ttf", "calibri.ttf", "DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
    True: ("Carlito-Bold.ttf", "calibrib.ttf", "DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
}
CJK_FILES = ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "wqy-zenhei.ttc")
WIDE_FALLBACK = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
AVERAGE_EM = {False: 0.50, True: 0.53}  # Calibri's average advance when no font file is found
LINE_SPACING = 1.2
CJK_LINE_SPACING = 1.45  # a line with CJK is drawn in the fallback font, whose ascent + descent is taller
CJK_AUTOSPACE_EM = 0.25  # renderers add about a quarter em where CJK meets Latin text
SCALE = 10  # fonts are opened at 10x the point size for sub-point precision
_MISSING = "\U0010fffd"  # a private-use code point no text font draws: its glyph is .notdef


def _find_file(names: tuple[str, ...]) -> str | None:
    for name in names:
        for root in FONT_DIRS:
            hits = sorted(Path(root).rglob(name)) if Path(root).is_dir() else []
            if hits:
                return str(hits[0])
    return None


@functools.lru_cache(maxsize=64)
def _fc_match(pattern: str) -> str | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}", pattern], capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    path = out.stdout.strip()
    return path if path and Path(path).is_file() else None


@functools.lru_cache(maxsize=64)
def font_path(family: str = DEFAULT_FAMILY, bold: bool = False) -> str | None:
    """The file the renderer will draw `family` with (fontconfig's choice), or a known stand-in."""
    safe = "".join(ch for ch in family if ch not in ":=\\-,") or DEFAULT_FAMILY
    return _fc_match(f"{safe}:bold" if bold else safe) or _find_file(FONT_FILES[bold])


@functools.lru_cache(maxsize=4)
def _cjk_path(bold: bool) -> str | None:
    return _fc_match("sans-serif:lang=ja" + (":bold" if bold else "")) or _find_file(CJK_FILES)


@functools.lru_cache(maxsize=4)
def _wide_path(bold: bool) -> str | None:
    return _find_file(WIDE_FALLBACK[1:] if bold else WIDE_FALLBACK[:1]) or _find_file(WIDE_FALLBACK)


@functools.lru_cache(maxsize=256)
def _font(path: str, size_pt: float):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    return ImageFont.truetype(path, size=max(1, round(size_pt * SCALE)))


@functools.lru_cache(maxsize=16)
def _notdef(path: str) -> tuple[float, bytes]:
    font = _font(path, 10)
    return font.getlength(_MISSING), bytes(font.getmask(_MISSING))


@functools.lru_cache(maxsize=65536)
def _has_glyph(path: str, ch: str) -> bool:
    if ch.isspace() or unicodedata.category(ch).startswith("C"):
        return True  # spaces and controls: whatever the font says is what is drawn
    font = _font(path, 10)
    return (font.getlength(ch), bytes(font.getmask(ch))) != _notdef(path)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _face_for(ch: str, primary: str | None, bold: bool) -> str | None:
    """The font file that will draw `ch`: the primary font if it has the glyph, else a fallback."""
    if primary is not None and _has_glyph(primary, ch):
        return primary
    chain = (_cjk_path(bold), _wide_path(bold)) if _is_wide(ch) else (_wide_path(bold), _cjk_path(bold))
    for path in chain:
        if path is not None and _has_glyph(path, ch):
            return path
    return None


@functools.lru_cache(maxsize=8192)
def text_width_pt(text: str, size_pt: float, bold: bool = False, family: str = DEFAULT_FAMILY) -> float:
    """Width of one line of `text` in points, font by font as the renderer would draw it."""
    primary = font_path(family, bold)
    wide = [_is_wide(ch) for ch in text]
    width = sum(CJK_AUTOSPACE_EM * size_pt for a, b in itertools.pairwise(wide) if a != b)
    run, run_face = "", primary
    for ch in text + "\0":
        face = _face_for(ch, primary, bold) if ch != "\0" else object()
        if face == run_face:
            run += ch
            continue
        width += _run_width(run, run_face, size_pt, bold)
        run, run_face = ch, face  # type: ignore[assignment]
    return width


def _run_width(run: str, face: str | None, size_pt: float, bold: bool) -> float:
    if not run:
        return 0.0
    if face is None:  # nothing on this machine draws it: wide characters take a full em
        return sum(size_pt * (1.0 if _is_wide(ch) else AVERAGE_EM[bold]) for ch in run)
    return _font(face, size_pt).getlength(run) / SCALE


def lines_height(lines: list[str] | tuple[str, ...], size_pt: float, line_spacing: float = LINE_SPACING) -> float:
    """The height the lines take: taller where a line holds CJK text."""
    return sum(size_pt * (max(CJK_LINE_SPACING, line_spacing) if any(_is_wide(ch) for ch in line) else line_spacing)
               for line in lines)


def _breakable(ch: str) -> bool:
    """Scripts written without spaces (CJK) may break between any two characters."""
    return _is_wide(ch)


def _words(paragraph: str) -> list[str]:
    """Split at spaces, and around every wide (CJK) character, as line breaking allows."""
    words: list[str] = []
    for chunk in paragraph.split(" "):
        piece = ""
        for ch in chunk:
            if _breakable(ch):
                if piece:
                    words.append(piece)
                words.append(ch)
                piece = ""
            else:
                piece += ch
        if piece or not chunk:
            words.append(piece)
    return words


def _join(line: str, word: str) -> str:
    if not line:
        return word
    if word and (_breakable(word[0]) or _breakable(line[-1])):
        return line + word
    return f"{line} {word}"


def wrap(text: str, width_pt: float, size_pt: float, bold: bool = False, family: str = DEFAULT_FAMILY) -> list[str]:
    """Greedy word wrap as PowerPoint does it; a word longer than the line is broken."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _words(paragraph):
            trial = _join(line, word)
            if text_width_pt(trial, size_pt, bold, family) <= width_pt:
                line = trial
                continue
            if line:
                lines.append(line)
            while text_width_pt(word, size_pt, bold, family) > width_pt and len(word) > 1:
                cut = len(word)
                while cut > 1 and text_width_pt(word[:cut], size_pt, bold, family) > width_pt:
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

    @property
    def text(self) -> str:
        """What to write: the original text, or the shortened one ending in …."""
        out = ""
        for line in self.lines:
            out = _join(out, line)
        return out


def fit(text: str, width_pt: float, height_pt: float, max_pt: float, min_pt: float,
        bold: bool = False, max_lines: int | None = None, family: str = DEFAULT_FAMILY,
        line_spacing: float = LINE_SPACING) -> Fitted:
    """The largest size (in half points) at which `text` fits; shortened with … if none does."""
    size = max_pt
    while size >= min_pt:
        lines = wrap(text, width_pt, size, bold, family)
        if lines_height(lines, size, line_spacing) <= height_pt and (max_lines is None or len(lines) <= max_lines):
            return Fitted(size, (text,), False)
        size -= 0.5
    size = min_pt
    lines = wrap(text, width_pt, size, bold, family)
    room = len(lines)
    while room > 1 and lines_height(lines[:room], size, line_spacing) > height_pt:
        room -= 1
    if max_lines is not None:
        room = min(room, max_lines)
    kept = lines[:room]
    last = kept[-1]
    while last and text_width_pt(last + "…", size, bold, family) > width_pt:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return Fitted(size, tuple(kept), True)


def line_count(text: str, width_pt: float, size_pt: float, bold: bool = False, family: str = DEFAULT_FAMILY) -> int:
    """How many lines `text` takes at this size and width (for the story lint)."""
    return len(wrap(text, width_pt, size_pt, bold, family))
