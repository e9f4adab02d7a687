"""Text on slides, sized to its box: titles, labels, bullet points and speaker notes.

Every text is measured with the font that will draw it (fit.py) and written at the largest
size that fits, because python-pptx's autofit is only a flag most viewers ignore.
"""

from __future__ import annotations

from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.util import Pt

from storykit.export import oxml
from storykit.export.brand import Brand, rgb
from storykit.export.fit import fit, lines_height, wrap
from storykit.export.geometry import WIDTH_SAFETY, Box
from storykit.narrative.story import NoteSection

BULLET = "\u2022"
POINT_GAP = 0.6  # space after a point, as a share of the font size


def frame_setup(shape, anchor=MSO_ANCHOR.TOP) -> None:  # type: ignore[no-untyped-def]
    """A text frame that wraps, never resizes itself, and has no inner margins."""
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE  # the box stays the size we measured for
    frame.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(frame, side, 0)


def write_text(shape, box: Box, text: str, max_pt: float, min_pt: float, brand: Brand, *, bold: bool = False,  # type: ignore[no-untyped-def]
               colour: str | None = None, max_lines: int | None = None, font: str | None = None,
               anchor=MSO_ANCHOR.TOP, align=None) -> None:
    """`text` in `shape` at the largest size from max_pt down to min_pt at which it fits `box`."""
    frame_setup(shape, anchor)
    family = font or brand.body_font
    fitted = fit(oxml.safe_text(text), box.width * WIDTH_SAFETY, box.height, max_pt, min_pt, bold, max_lines, family)
    paragraph = shape.text_frame.paragraphs[0]
    oxml.remove_runs(paragraph)
    if align is not None:
        paragraph.alignment = align
    paragraph.line_spacing = 1.0
    run = paragraph.add_run()
    run.text = fitted.text
    set_font(run.font, fitted.size_pt, bold, colour, family)


def text_box(slide, box: Box, text: str, max_pt: float, min_pt: float, brand: Brand, *, name: str,  # type: ignore[no-untyped-def]
             **kwargs) -> object:
    shape = slide.shapes.add_textbox(*box.emu())
    shape.name = name
    write_text(shape, box, text, max_pt, min_pt, brand, **kwargs)
    return shape


def bullets(slide, box: Box, points: tuple[str, ...], brand: Brand, max_pt: float, min_pt: float) -> None:  # type: ignore[no-untyped-def]
    """Two or three points, one size for all: the largest at which every point fits the box."""
    shape = slide.shapes.add_textbox(*box.emu())
    shape.name = "Points"
    frame_setup(shape)
    width = box.width * WIDTH_SAFETY
    points = tuple(oxml.safe_text(p) for p in points if p.strip())

    def height(size: float, texts: tuple[str, ...]) -> float:
        lines = [line for p in texts for line in wrap(f"{BULLET} {p}", width, size, False, brand.body_font)]
        return lines_height(lines, size) + max(len(texts) - 1, 0) * size * POINT_GAP

    size = max_pt
    while size > min_pt and height(size, points) > box.height:
        size -= 0.5
    while points and height(size, points) > box.height:  # still too long at the smallest size
        last = fit(points[-1], width, box.height - height(size, points[:-1]) - size * POINT_GAP, size, size,
                   family=brand.body_font)
        points = points[:-1] + ((last.text,) if last.lines and last.text.strip("… ") else ())
        if height(size, points) <= box.height:
            break
    for i, point in enumerate(points):
        paragraph = shape.text_frame.paragraphs[0] if i == 0 else shape.text_frame.add_paragraph()
        paragraph.space_after = Pt(size * POINT_GAP)
        paragraph.line_spacing = 1.0
        run = paragraph.add_run()
        run.text = f"{BULLET} {point}"
        set_font(run.font, size, False, brand.text, brand.body_font)


def write_notes(slide, sections: tuple[NoteSection, ...]) -> None:  # type: ignore[no-untyped-def]
    """Notes as paragraphs, each section's heading in bold, a blank line between sections."""
    frame = slide.notes_slide.notes_text_frame
    paragraphs = iter(frame.paragraphs[:1])

    def add(text: str, bold: bool = False) -> None:
        paragraph = next(paragraphs, None)
        run = (paragraph if paragraph is not None else frame.add_paragraph()).add_run()
        run.text = oxml.safe_text(text)
        if bold:
            run.font.bold = True

    for i, section in enumerate(sections):
        if i:
            add("")
        if section.heading:
            add(section.heading, bold=True)
        for line in section.lines:
            for part in line.split("\n"):
                add(part)


def set_font(font, size: float, bold: bool, colour: str | None, family: str | None) -> None:  # type: ignore[no-untyped-def]
    if family:
        font.name = family
    font.size = Pt(size)
    font.bold = bold
    if colour:
        font.color.rgb = rgb(colour)
