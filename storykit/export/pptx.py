"""Story -> .pptx bytes: three 16:9 slides, native editable charts, speaker notes.

We lay the slides out ourselves (python-pptx's default template is 4:3 and its placeholders
do not move with the slide size), size every text to its box with real font metrics, and set
the core properties truthfully.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR
from pptx.util import Inches, Pt

from storykit.chartspec import ACCENT, DARK, GREY, PALETTE, TEXT, ChartSpec
from storykit.export.fit import fit
from storykit.export.oxml import plain_text_workbooks, safe_label, set_alt_text
from storykit.narrative import Act, Story

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
FONT = "Calibri"
KICKERS = {1: "WHAT IS", 2: "WHAT IT COSTS", 3: "WHAT COULD BE"}
CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    width: float
    height: float  # inches


@dataclass(frozen=True)
class DeckOptions:
    """Choices about the file, not the story."""

    now: dt.datetime | None = None  # fixed in tests; default: the time of building


LAYOUT = {
    "kicker": Box(0.6, 0.35, 9.0, 0.35),
    "title": Box(0.6, 0.7, 12.1, 1.25),
    "caption": Box(0.6, 2.0, 8.2, 0.35),
    "chart": Box(0.45, 2.35, 8.35, 4.5),
    "big": Box(9.1, 2.15, 3.7, 0.95),
    "big_label": Box(9.1, 3.1, 3.7, 0.6),
    "points": Box(9.1, 3.85, 3.7, 3.0),
    "source": Box(0.6, 6.95, 12.1, 0.35),
}


def build_deck(story: Story, options: DeckOptions | None = None) -> bytes:
    options = options or DeckOptions()
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    blank = prs.slide_layouts[6]
    with plain_text_workbooks():
        for act in story.acts:
            _slide(prs, blank, act, story)
    _properties(prs, story, options.now or dt.datetime.now(dt.UTC).replace(tzinfo=None))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _slide(prs, layout, act: Act, story: Story) -> None:  # type: ignore[no-untyped-def]
    slide = prs.slides.add_slide(layout)
    _text(slide, LAYOUT["kicker"], f"{act.number}  |  {KICKERS[act.number]}", 12, 12, bold=True,
          colour=ACCENT, name="Act")
    _text(slide, LAYOUT["title"], act.title, 28, 20, bold=True, colour=TEXT, max_lines=2, name="Title",
          anchor=MSO_ANCHOR.TOP)
    _text(slide, LAYOUT["caption"], act.chart.caption, 13, 10, colour=DARK, max_lines=1, name="Chart caption")
    chart_frame = _chart(slide, LAYOUT["chart"], act.chart)
    set_alt_text(chart_frame, act.chart.alt_text, title=f"Chart: {KICKERS[act.number].lower()}")
    _text(slide, LAYOUT["big"], act.big_number.value, 48, 28, bold=True, colour=ACCENT, max_lines=1,
          name="Big number")
    _text(slide, LAYOUT["big_label"], act.big_number.label, 14, 11, colour=DARK, name="Big number label")
    _bullets(slide, LAYOUT["points"], act.points)
    _text(slide, LAYOUT["source"], story.source, 10, 8, colour=GREY, max_lines=1, name="Source")
    slide.notes_slide.notes_text_frame.text = act.notes


def _text(slide, box: Box, text: str, max_pt: float, min_pt: float, *, bold: bool = False,  # type: ignore[no-untyped-def]
          colour: str = TEXT, max_lines: int | None = None, name: str = "", anchor=MSO_ANCHOR.TOP) -> None:
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    shape.name = name
    tf = shape.text_frame
    tf.word_wrap = True
    tf.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, side, 0)
    fitted = fit(text, box.width * 72 * 0.97, box.height * 72, max_pt, min_pt, bold, max_lines)
    p = tf.paragraphs[0]
    run = p.add_run()
    run.text = " ".join(fitted.lines) if not fitted.shortened else "\n".join(fitted.lines).replace("\n", " ")
    _font(run.font, fitted.size_pt, bold, colour)


def _bullets(slide, box: Box, points: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    shape = slide.shapes.add_textbox(Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    shape.name = "Points"
    tf = shape.text_frame
    tf.word_wrap = True
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, side, 0)
    size = 16.0
    width = box.width * 72 * 0.95
    while size > 10:
        lines = sum(len(fit(f"\u2022 {p}", width, 10_000, size, size).lines) for p in points)
        if lines * size * 1.2 + (len(points) - 1) * size * 0.6 <= box.height * 72:
            break
        size -= 0.5
    for i, point in enumerate(points):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.space_after = Pt(size * 0.6)
        run = p.add_run()
        run.text = f"\u2022 {point}"
        _font(run.font, size, False, TEXT)


def _font(font, size: float, bold: bool, colour: str) -> None:  # type: ignore[no-untyped-def]
    font.name = FONT
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor.from_string(colour.lstrip("#"))


def _chart(slide, box: Box, spec: ChartSpec):  # type: ignore[no-untyped-def]
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = [safe_label(c) for c in spec.categories]
    for s in spec.series:
        values = [None if spec.kind == "stacked_column" and abs(v) < 0.05 else round(v, 3) for v in s.values]
        data.add_series(safe_label(s.name), values, number_format=spec.number_format)
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], Inches(box.left), Inches(box.top),
                                   Inches(box.width), Inches(box.height), data)
    chart = frame.chart
    chart.font.name = FONT
    chart.font.size = Pt(12)
    chart.font.color.rgb = RGBColor.from_string(TEXT.lstrip("#"))
    chart.has_title = False
    chart.has_legend = spec.legend
    if spec.legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(12)
    plot = chart.plots[0]
    if spec.kind != "line":
        plot.gap_width = 60 if spec.kind != "stacked_column" else 80
    if spec.kind == "stacked_column":
        plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(12)
    if spec.kind in ("bar", "column"):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    elif spec.kind == "stacked_column":
        labels.position = XL_LABEL_POSITION.CENTER
        labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    for series, s in zip(plot.series, spec.series, strict=True):
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = RGBColor.from_string(PALETTE[s.colour].lstrip("#"))
        if s.point_colours:
            for j, colour in enumerate(s.point_colours):
                pf = series.points[j].format.fill
                pf.solid()
                pf.fore_color.rgb = RGBColor.from_string(PALETTE[colour].lstrip("#"))
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.minimum_scale = 0
    if spec.value_max is not None:
        value_axis.maximum_scale = spec.value_max
    cat_axis = chart.category_axis
    cat_axis.tick_labels.font.size = Pt(12)
    cat_axis.format.line.color.rgb = RGBColor.from_string(GREY.lstrip("#"))
    cat_axis.has_major_gridlines = False
    if spec.kind == "bar":
        cat_axis.reverse_order = True  # first category at the top, as read
    return frame


def _properties(prs, story: Story, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    props = prs.core_properties
    props.title = story.title
    props.subject = story.subject
    props.author = story.author
    props.last_modified_by = story.author
    props.created = now
    props.modified = now
    props.revision = 1
    props.keywords = "storykit"
    props.comments = "Made with storykit from the team's time logs."
    props.category = ""
