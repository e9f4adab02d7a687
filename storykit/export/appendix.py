"""The appendix slides: each of the story's tables as a native table, at the largest size that fits."""

from __future__ import annotations

from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from storykit.export import oxml
from storykit.export.brand import TABLE_STRIPE, WHITE, Brand, rgb
from storykit.export.fit import lines_height, wrap
from storykit.export.geometry import EMU_PER_PT, Box, Layout
from storykit.export.slides import kicker, new_slide, source_line
from storykit.export.text import set_font, write_notes
from storykit.narrative.story import Story, Table

CELL_PAD = 4.0  # points inside each cell, on every side


def add_appendix(prs, layout_obj, story: Story, geo: Layout, brand: Brand) -> None:  # type: ignore[no-untyped-def]
    for table in story.appendix:
        slide = new_slide(prs, layout_obj, table.title, geo, brand)
        kicker(slide, geo, "APPENDIX", brand)
        _table(slide, geo.box("body"), table, brand, 14 * geo.scale, 8 * geo.scale)
        source_line(slide, geo, story, brand)
        write_notes(slide, (table.notes,))


def _table(slide, box: Box, table: Table, brand: Brand, max_pt: float, min_pt: float) -> None:  # type: ignore[no-untyped-def]
    """A native table at the largest size at which every row fits the box; figures aligned right."""
    rows = table.rows
    col_w = [box.width * w for w in table.widths]

    def heights(size: float) -> list[float]:
        return [max(lines_height(wrap(cell, w - 2 * CELL_PAD, size, r == 0, brand.body_font), size)
                    for cell, w in zip(row, col_w, strict=True)) + 2 * CELL_PAD for r, row in enumerate(rows)]

    size = max_pt
    while size > min_pt and sum(heights(size)) > box.height:
        size -= 0.5
    row_h = heights(size)
    shape = slide.shapes.add_table(len(rows), len(col_w), *box.emu()[:3], Emu(round(sum(row_h) * EMU_PER_PT)))
    shape.name = "Table"
    drawn = shape.table
    for j, w in enumerate(col_w):
        drawn.columns[j].width = Emu(round(w * EMU_PER_PT))
    for i, row in enumerate(rows):
        drawn.rows[i].height = Emu(round(row_h[i] * EMU_PER_PT))
        for j, cell_text in enumerate(row):
            cell = drawn.cell(i, j)
            for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
                setattr(cell, side, Pt(CELL_PAD))
            frame = cell.text_frame
            frame.word_wrap = True
            paragraph = frame.paragraphs[0]
            if table.figures and j > 0 and i > 0:
                paragraph.alignment = PP_ALIGN.RIGHT
            run = paragraph.add_run()
            run.text = oxml.safe_text(cell_text)
            set_font(run.font, size, i == 0, brand.text if i else WHITE, brand.body_font)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(brand.dark if i == 0 else (TABLE_STRIPE if i % 2 else WHITE))
