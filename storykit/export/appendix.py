"""The optional appendix: a method slide and a data table, for "how did you get this number?".

Both are built from the same Metrics the story was told from, so every figure on them is one
the three acts used, with its formula and the actual inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Pt

from storykit.analysis import Metrics, explain
from storykit.export import oxml
from storykit.export.fit import lines_height, wrap

if TYPE_CHECKING:
    from storykit.export.pptx import Box, Brand, Layout
    from storykit.narrative import Story

CLASS_NAMES = {"core": "Our core work", "overhead": "Our overhead (meetings, admin)",
               "unassigned": "Not yet assigned (counted as ours)", "non_work": "Non-work (breaks, lunch)"}
MAX_OWNER_ROWS = 8


def method_rows(m: Metrics, currency: str) -> list[tuple[str, ...]]:
    rows = [("Measure", "Value", "What it means", "How it was calculated")]
    rows += [(e.name, e.value, e.meaning, e.formula) for e in explain(m, currency)]
    return rows


def data_rows(m: Metrics) -> list[tuple[str, ...]]:
    """Hours by whose work it is and by class; other teams beyond eight grouped as one row."""
    per = m.weeks * m.contracted_weekly_hours

    def row(name: str, hours: float, share: bool = True) -> tuple[str, ...]:
        pct = f"{hours / m.work_hours:.0%}" if share and m.work_hours > 0 else "-"
        return (name, f"{hours:,.1f}", f"{hours / m.weeks:,.1f}", f"{hours / per:.1f}", pct)

    rows = [("Whose work", "Hours", "Hours a week", "FTE", "Share of work")]
    for cls in ("core", "overhead", "unassigned"):
        if m.hours_by_class.get(cls, 0) > 0:
            rows.append(row(CLASS_NAMES[cls], m.hours_by_class[cls]))
    owners = list(m.by_owner)
    if len(owners) > MAX_OWNER_ROWS + 1:
        tail = owners[MAX_OWNER_ROWS:]
        owners = owners[:MAX_OWNER_ROWS] + [(f"Other teams ({len(tail)})", sum(h for _, h in tail))]
    rows += [row(f"Other team: {o}", h) for o, h in owners]
    rows.append(row("Work hours in total", m.work_hours))
    if m.hours_by_class.get("non_work", 0) > 0:
        rows.append(row(CLASS_NAMES["non_work"], m.hours_by_class["non_work"], share=False))
    return rows


def add_appendix(prs, layout_obj, m: Metrics, story: Story, geo: Layout, brand: Brand, currency: str = "$") -> None:  # type: ignore[no-untyped-def]
    from storykit.export.pptx import new_slide, text_box, write_notes

    s = geo.scale
    slides = [
        (f"How the {len(method_rows(m, currency)) - 1} numbers in this story were calculated, with their inputs",
         method_rows(m, currency), (0.17, 0.13, 0.30, 0.40), False,
         "METHOD\nEvery number on the three slides comes from these formulas, with the inputs shown."),
        (f"{m.work_hours:,.0f} work hours over {m.weeks} weeks, by whose work it is",
         data_rows(m), (0.40, 0.15, 0.15, 0.12, 0.18), True,
         "DATA\nHours from the time logs, grouped by the owner and class each activity was given."),
    ]
    for title, rows, widths, figures, notes in slides:
        slide = new_slide(prs, layout_obj, title, geo, brand)
        text_box(slide, geo.box("kicker"), "APPENDIX", 12 * s, 10 * s, brand, bold=True, colour=brand.accent,
                 max_lines=1, name="Act")
        _table(slide, geo.box("body"), rows, widths, brand, 14 * s, 8 * s, figures)
        text_box(slide, geo.box("source"), story.source, 10 * s, 7 * s, brand, colour=brand.grey, max_lines=1,
                 name="Source")
        write_notes(slide, notes)


def _table(slide, box: Box, rows: list[tuple[str, ...]], widths: tuple[float, ...], brand: Brand,  # type: ignore[no-untyped-def]
           max_pt: float, min_pt: float, figures: bool) -> None:
    """A native table at the largest size at which every row fits the box; `figures`: right-align numbers."""
    from storykit.export.pptx import rgb, set_font

    col_w = [box.width * w for w in widths]
    pad = 4.0

    def heights(size: float) -> list[float]:
        return [max(lines_height(wrap(cell, w - 2 * pad, size, r == 0, brand.body_font), size)
                    for cell, w in zip(row, col_w, strict=True)) + 2 * pad for r, row in enumerate(rows)]

    size = max_pt
    while size > min_pt and sum(heights(size)) > box.height:
        size -= 0.5
    row_h = heights(size)
    shape = slide.shapes.add_table(len(rows), len(widths), *box.emu()[:3], Emu(round(sum(row_h) * 12700)))
    shape.name = "Table"
    table = shape.table
    for j, w in enumerate(col_w):
        table.columns[j].width = Emu(round(w * 12700))
    for i, row in enumerate(rows):
        table.rows[i].height = Emu(round(row_h[i] * 12700))
        for j, cell_text in enumerate(row):
            cell = table.cell(i, j)
            for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
                setattr(cell, side, Pt(pad))
            tf = cell.text_frame
            tf.word_wrap = True
            p = tf.paragraphs[0]
            if figures and j > 0 and i > 0:
                p.alignment = PP_ALIGN.RIGHT
            run = p.add_run()
            run.text = oxml.safe_text(cell_text)
            set_font(run.font, size, i == 0, brand.text if i else "#FFFFFF", brand.body_font)
            cell.fill.solid()
            cell.fill.fore_color.rgb = rgb(brand.dark if i == 0 else ("#F3F4F5" if i % 2 else "#FFFFFF"))


