"""One slide per act: kicker, title, chart with its caption, big number, points, source line, notes."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN

from storykit.export import oxml
from storykit.export.brand import Brand
from storykit.export.chart import add_chart
from storykit.export.geometry import TITLE_MAX_PT, TITLE_MIN_PT, Layout
from storykit.export.text import bullets, text_box, write_notes, write_text
from storykit.narrative.story import Act, Story


def new_slide(prs, layout_obj, title: str, geo: Layout, brand: Brand):  # type: ignore[no-untyped-def]
    """A slide from the chosen layout with only its title; the title shape comes first (reading order)."""
    slide = prs.slides.add_slide(layout_obj)
    title_shape = None
    for placeholder in list(slide.placeholders):
        kind = placeholder.placeholder_format.type
        if title_shape is None and kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            title_shape = placeholder
        else:
            oxml.remove_shape(placeholder)
    box = geo.box("title")
    if title_shape is None:
        title_shape = slide.shapes.add_textbox(*box.emu())
        oxml.move_to_front(slide, title_shape)
    title_shape.name = "Title"
    title_shape.left, title_shape.top, title_shape.width, title_shape.height = box.emu()
    write_text(title_shape, box, title, TITLE_MAX_PT * geo.scale, TITLE_MIN_PT * geo.scale, brand,
               bold=True, colour=None if brand.from_template else brand.text, max_lines=2, font=brand.title_font,
               align=PP_ALIGN.LEFT)
    return slide


def kicker(slide, geo: Layout, text: str, brand: Brand) -> None:  # type: ignore[no-untyped-def]
    """The small line above the title that says where in the story this slide is."""
    text_box(slide, geo.box("kicker"), text, 12 * geo.scale, 10 * geo.scale, brand, bold=True, colour=brand.accent,
             max_lines=1, name="Act")


def source_line(slide, geo: Layout, story: Story, brand: Brand) -> None:  # type: ignore[no-untyped-def]
    text_box(slide, geo.box("source"), story.source, 10 * geo.scale, 7 * geo.scale, brand, colour=brand.grey,
             max_lines=1, name="Source")


def act_slide(prs, layout_obj, act: Act, story: Story, geo: Layout, brand: Brand) -> None:  # type: ignore[no-untyped-def]
    scale = geo.scale
    name = act.name
    slide = new_slide(prs, layout_obj, act.title, geo, brand)
    kicker(slide, geo, f"{act.number}  |  {name.upper()}", brand)
    text_box(slide, geo.box("caption"), act.chart.caption, 13 * scale, 10 * scale, brand, colour=brand.dark,
             max_lines=1, name="Chart caption")
    frame = add_chart(slide, geo.box("chart"), act.chart, brand, scale)
    oxml.set_alt_text(frame, act.chart.alt_text, title=f"Chart: {name.lower()}")
    text_box(slide, geo.box("big"), act.big_number.value, 48 * scale, 24 * scale, brand, bold=True,
             colour=brand.accent, max_lines=1, name="Big number", anchor=MSO_ANCHOR.BOTTOM)
    text_box(slide, geo.box("big_label"), act.big_number.label, 14 * scale, 10 * scale, brand, colour=brand.dark,
             max_lines=2, name="Big number label")
    bullets(slide, geo.box("points"), act.points, brand, 16 * scale, 10 * scale)
    source_line(slide, geo, story, brand)
    write_notes(slide, act.notes.sections())
