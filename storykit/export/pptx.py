"""Story -> .pptx bytes: three slides with native editable charts, speaker notes, true properties.

We lay the slides out ourselves, relative to the slide size (python-pptx's default template is
4:3 and its placeholders do not move with the slide size; a brand template may be 16:9 or 4:3),
and size every text to its box with real font metrics (fit.py). With a brand template the deck
takes its slide master, a title-only layout, its theme colours and fonts; without one it uses
our palette (grey plus one accent) in Calibri.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from storykit.chartspec import ACCENT, DARK, GREY, TEXT, ChartSpec, direct_labels
from storykit.export import oxml
from storykit.export.fit import fit, lines_height, wrap
from storykit.export.options import DeckOptions
from storykit.narrative import Act, Story

if TYPE_CHECKING:
    from storykit.analysis import Metrics

EMU_PER_PT = 12700
WIDE = (Emu(12192000), Emu(6858000))  # 13.333 x 7.5 in, PowerPoint's widescreen
KICKERS = {1: "WHAT IS", 2: "WHAT IT COSTS", 3: "WHAT COULD BE"}
CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}
TITLE_MAX_PT, TITLE_MIN_PT = 28.0, 20.0
WIDTH_SAFETY = 0.96  # renderers differ by a few percent in kerning; keep that much room


@dataclass(frozen=True)
class Brand:
    """Colours and fonts the deck is drawn in: ours, or those of the user's template theme."""

    accent: str = ACCENT
    dark: str = DARK
    text: str = TEXT
    grey: str = GREY
    title_font: str = "Calibri"
    body_font: str = "Calibri"
    from_template: bool = False

    def colour(self, name: str) -> str:
        return {"accent": self.accent, "grey": self.grey, "dark": self.dark}[name]


@dataclass(frozen=True)
class Box:
    """A rectangle in points, from the slide's top left."""

    left: float
    top: float
    width: float
    height: float

    def emu(self) -> tuple[Emu, Emu, Emu, Emu]:
        return tuple(Emu(round(v * EMU_PER_PT)) for v in (self.left, self.top, self.width, self.height))  # type: ignore[return-value]


@dataclass(frozen=True)
class Layout:
    """Where everything sits on one slide, computed from the slide size (16:9 or 4:3)."""

    width: float
    height: float

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


def build_deck(story: Story, options: DeckOptions | None = None, metrics: Metrics | None = None,
               currency: str = "$") -> bytes:
    """The deck's bytes. `metrics` (the story's Metrics) and `currency` feed the optional appendix."""
    options = options or DeckOptions()
    if options.template is not None:
        prs = oxml.open_template(options.template, options.template_name)
        oxml.remove_slides(prs)
        brand = oxml.theme_brand(prs, Brand(from_template=True))
    else:
        prs = Presentation()
        prs.slide_width, prs.slide_height = WIDE
        brand = Brand()
    oxml.set_slide_size_type(prs)
    layout_obj = oxml.pick_layout(prs)
    geo = Layout(prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT)
    with oxml.plain_text_workbooks():
        for act in story.acts:
            _act_slide(prs, layout_obj, act, story, geo, brand)
    if options.appendix and metrics is not None:
        from storykit.export.appendix import add_appendix

        add_appendix(prs, layout_obj, metrics, story, geo, brand, currency)
    now = options.now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    _properties(prs, story, now)
    oxml.write_app_properties(prs, story)
    oxml.drop_thumbnail(prs)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


# -- one act's slide --------------------------------------------------------------------

def new_slide(prs, layout_obj, title: str, geo: Layout, brand: Brand):  # type: ignore[no-untyped-def]
    """A slide from the chosen layout with only its title; the title shape comes first (reading order)."""
    slide = prs.slides.add_slide(layout_obj)
    title_shape = None
    for ph in list(slide.placeholders):
        kind = ph.placeholder_format.type
        if title_shape is None and kind in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE):
            title_shape = ph
        else:
            ph._element.getparent().remove(ph._element)
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


def _act_slide(prs, layout_obj, act: Act, story: Story, geo: Layout, brand: Brand) -> None:  # type: ignore[no-untyped-def]
    s = geo.scale
    slide = new_slide(prs, layout_obj, act.title, geo, brand)
    text_box(slide, geo.box("kicker"), f"{act.number}  |  {KICKERS[act.number]}", 12 * s, 10 * s, brand,
             bold=True, colour=brand.accent, max_lines=1, name="Act")
    text_box(slide, geo.box("caption"), act.chart.caption, 13 * s, 10 * s, brand, colour=brand.dark,
             max_lines=1, name="Chart caption")
    frame = _chart(slide, geo.box("chart"), act.chart, brand, s)
    oxml.set_alt_text(frame, act.chart.alt_text, title=f"Chart: {KICKERS[act.number].lower()}")
    text_box(slide, geo.box("big"), act.big_number.value, 48 * s, 24 * s, brand, bold=True, colour=brand.accent,
             max_lines=1, name="Big number", anchor=MSO_ANCHOR.BOTTOM)
    text_box(slide, geo.box("big_label"), act.big_number.label, 14 * s, 10 * s, brand, colour=brand.dark,
             max_lines=2, name="Big number label")
    bullets(slide, geo.box("points"), act.points, brand, 16 * s, 10 * s)
    text_box(slide, geo.box("source"), story.source, 10 * s, 7 * s, brand, colour=brand.grey, max_lines=1,
             name="Source")
    write_notes(slide, act.notes)


def write_notes(slide, notes: str) -> None:  # type: ignore[no-untyped-def]
    """Notes as paragraphs, section headings (upper-case lines) in bold, so the talk track scans."""
    tf = slide.notes_slide.notes_text_frame
    lines = notes.split("\n")
    for i, line in enumerate(lines):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        run = p.add_run()
        run.text = oxml.safe_text(line)
        head = line.split(" (")[0]
        if head and head.upper() == head and any(ch.isalpha() for ch in head):
            run.font.bold = True


# -- text -------------------------------------------------------------------------------

def _frame_setup(shape, anchor=MSO_ANCHOR.TOP) -> None:  # type: ignore[no-untyped-def]
    tf = shape.text_frame
    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE  # the box stays the size we measured for
    tf.vertical_anchor = anchor
    for side in ("margin_left", "margin_right", "margin_top", "margin_bottom"):
        setattr(tf, side, 0)


def write_text(shape, box: Box, text: str, max_pt: float, min_pt: float, brand: Brand, *, bold: bool = False,  # type: ignore[no-untyped-def]
               colour: str | None = None, max_lines: int | None = None, font: str | None = None,
               anchor=MSO_ANCHOR.TOP, align=None) -> None:
    _frame_setup(shape, anchor)
    family = font or brand.body_font
    fitted = fit(oxml.safe_text(text), box.width * WIDTH_SAFETY, box.height, max_pt, min_pt, bold, max_lines, family)
    tf = shape.text_frame
    p = tf.paragraphs[0]
    for r in list(p.runs):
        r._r.getparent().remove(r._r)
    if align is not None:
        p.alignment = align
    p.line_spacing = 1.0
    run = p.add_run()
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
    _frame_setup(shape)
    tf = shape.text_frame
    width = box.width * WIDTH_SAFETY
    points = tuple(oxml.safe_text(p) for p in points if p.strip())

    def height(size: float, texts: tuple[str, ...]) -> float:
        lines = [line for p in texts for line in wrap(f"\u2022 {p}", width, size, False, brand.body_font)]
        return lines_height(lines, size) + max(len(texts) - 1, 0) * size * 0.6

    size = max_pt
    while size > min_pt and height(size, points) > box.height:
        size -= 0.5
    while points and height(size, points) > box.height:  # still too long at the smallest size
        last = fit(points[-1], width, box.height - height(size, points[:-1]) - size * 0.6, size, size,
                   family=brand.body_font)
        points = points[:-1] + ((last.text,) if last.lines and last.text.strip("… ") else ())
        if height(size, points) <= box.height:
            break
    for i, point in enumerate(points):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        p.space_after = Pt(size * 0.6)
        p.line_spacing = 1.0
        run = p.add_run()
        run.text = f"\u2022 {point}"
        set_font(run.font, size, False, brand.text, brand.body_font)


def set_font(font, size: float, bold: bool, colour: str | None, family: str | None) -> None:  # type: ignore[no-untyped-def]
    if family:
        font.name = family
    font.size = Pt(size)
    font.bold = bold
    if colour:
        font.color.rgb = rgb(colour)


def rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#").upper())


# -- charts -----------------------------------------------------------------------------

def _value_max(spec: ChartSpec) -> float:
    """A fixed scale: the spec's (so before and after compare), else the data's, with room for labels."""
    if spec.value_max is not None:
        return spec.value_max
    if spec.kind == "stacked_column":
        top = max((sum(s.values[i] for s in spec.series) for i in range(len(spec.categories))), default=0.0)
        return top * 1.02 or 1.0
    top = max((v for s in spec.series for v in s.values), default=0.0)
    return top * 1.15 or 1.0


def _category_text(spec: ChartSpec, box: Box, size: float, family: str) -> list[str]:
    """Category labels as drawn: shortened with … only when one would not fit its slot."""
    if spec.kind == "bar":
        width, lines = box.width * 0.27, 2
    else:
        width, lines = box.width * 0.9 / max(len(spec.categories), 1), 2
    return [fit(oxml.safe_label(c), width, size * 1.2 * lines, size, size, False, lines, family).text
            for c in spec.categories]


def _chart(slide, box: Box, spec: ChartSpec, brand: Brand, scale: float):  # type: ignore[no-untyped-def]
    label_pt = 12 * scale
    direct = direct_labels(spec)
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = _category_text(spec, box, label_pt, brand.body_font)
    for s in spec.series:
        values = [None if spec.kind == "stacked_column" and abs(v) < 0.05 else round(v, 3) for v in s.values]
        data.add_series(oxml.safe_label(s.name), values, number_format=spec.number_format)
    frame = slide.shapes.add_chart(CHART_TYPES[spec.kind], *box.emu(), data)
    frame.name = "Chart"
    chart = frame.chart
    chart.font.name = brand.body_font
    chart.font.size = Pt(label_pt)
    chart.font.color.rgb = rgb(brand.text)
    chart.has_title = False
    chart.has_legend = spec.legend and not direct and len(spec.series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
        chart.legend.font.size = Pt(label_pt)
    plot = chart.plots[0]
    if spec.kind != "line":
        plot.gap_width = 60 if spec.kind != "stacked_column" else 80
    if spec.kind == "stacked_column":
        plot.overlap = 100
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format = spec.number_format
    labels.number_format_is_linked = False
    labels.font.size = Pt(label_pt)
    if spec.kind in ("bar", "column"):
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
    elif spec.kind == "stacked_column":
        labels.position = XL_LABEL_POSITION.CENTER
        labels.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    for series, s in zip(plot.series, spec.series, strict=True):
        fill = series.format.fill
        fill.solid()
        fill.fore_color.rgb = rgb(brand.colour(s.colour))
        if spec.kind == "line":
            series.format.line.color.rgb = rgb(brand.colour(s.colour))
        if s.point_colours:
            for j, colour in enumerate(s.point_colours):
                pf = series.points[j].format.fill
                pf.solid()
                pf.fore_color.rgb = rgb(brand.colour(colour))
    top = _value_max(spec)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.minimum_scale = 0
    value_axis.maximum_scale = top
    cat_axis = chart.category_axis
    cat_axis.tick_labels.font.size = Pt(label_pt)
    cat_axis.format.line.color.rgb = rgb(brand.grey)
    cat_axis.has_major_gridlines = False
    if spec.kind == "bar":
        cat_axis.reverse_order = True  # first category at the top, as read
    if direct:
        _label_series(slide, box, spec, brand, top, label_pt)
    return frame


def _label_series(slide, box: Box, spec: ChartSpec, brand: Brand, top: float, size: float) -> None:  # type: ignore[no-untyped-def]
    """Series names beside the last column, level with their segments: the legend, read in place."""
    plot = oxml.PlotArea(x=0.02, y=0.03, w=0.70, h=0.85)  # of the chart frame; the rest holds the labels
    oxml.set_plot_area(slide.shapes[-1].chart, plot)
    n = len(spec.categories)
    slot = box.width * plot.w / n
    bar_right = box.left + box.width * plot.x + slot * (n - 1) + slot / 2 + slot / (1 + 0.8) / 2
    label_left = bar_right + size * 0.6
    label_w = box.left + box.width - label_left
    plot_top, plot_h = box.top + box.height * plot.y, box.height * plot.h
    line_h = size * 1.2
    wanted, base = [], 0.0
    for s in spec.series:
        v = s.values[-1]
        mid = base + v / 2
        base += v
        lines = min(len(wrap(s.name, label_w * WIDTH_SAFETY, size, True, brand.body_font)), 2)
        centre = plot_top + plot_h * (1 - mid / top)
        wanted.append((centre, lines * line_h, s))
    # bottom series first in the data; place from the top down without overlaps
    placed: list[tuple[float, float, object]] = []
    floor = plot_top
    for centre, h, s in sorted(wanted, key=lambda t: t[0]):
        y = max(centre - h / 2, floor)
        placed.append((y, h, s))
        floor = y + h + 2
    overflow = floor - 2 - (plot_top + plot_h)
    if overflow > 0:
        placed = [(y - overflow, h, s) for y, h, s in placed]
    for y, h, s in placed:
        colour = brand.colour(s.colour)  # type: ignore[attr-defined]
        text_box(slide, Box(label_left, y, label_w, h), s.name, size, size * 0.8, brand, bold=True,  # type: ignore[attr-defined]
                 colour=brand.dark if colour == brand.grey else colour, max_lines=2, name=f"Label: {s.name}",  # type: ignore[attr-defined]
                 anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.LEFT)


# -- properties -------------------------------------------------------------------------

def _properties(prs, story: Story, now: dt.datetime) -> None:  # type: ignore[no-untyped-def]
    """Set what is true and clear everything else a template carried (its title, its author...)."""
    props = prs.core_properties
    oxml.clear_core_properties(props)
    props.title = oxml.safe_text(story.title)
    props.subject = oxml.safe_text(story.subject)
    props.author = oxml.safe_text(story.author)
    props.last_modified_by = oxml.safe_text(story.author)
    props.created = now
    props.modified = now
    props.revision = 1
    props.comments = "Made with storykit from the team's time logs."

