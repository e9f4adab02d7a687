"""A ChartSpec as a native PowerPoint chart: editable in PowerPoint, its data in the embedded workbook.

Fixed scales (so before and after compare), data labels instead of axes, and series named
beside the last column where they can be (chartspec.direct_labels), as the app's plotly chart.
"""

from __future__ import annotations

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Pt

from storykit.chartspec import ChartSpec, data_top, direct_labels, label_text, numbered
from storykit.export import oxml
from storykit.export.brand import Brand, rgb
from storykit.export.fit import fit, wrap
from storykit.export.geometry import WIDTH_SAFETY, Box
from storykit.export.text import text_box

CHART_TYPES = {
    "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "stacked_column": XL_CHART_TYPE.COLUMN_STACKED,
    "line": XL_CHART_TYPE.LINE_MARKERS,
}
LABELLED_PLOT = oxml.PlotArea(x=0.02, y=0.03, w=0.70, h=0.85)  # of the frame, when series are named beside it


def value_max(spec: ChartSpec) -> float:
    """A fixed scale: the spec's (so before and after compare), else the data's, with room for labels."""
    if spec.value_max is not None:
        return spec.value_max
    return data_top(spec) * (1.02 if spec.kind == "stacked_column" else 1.15) or 1.0


def _stored(spec: ChartSpec, value: float) -> float:
    """The value as the embedded workbook keeps it: three decimals, unless they change what its label reads
    (0.0049 would read 0.01 in the deck and <0.01 in the app)."""
    kept = round(value, 3)
    return kept if label_text(spec.number_format, kept) == label_text(spec.number_format, value) else value


def _category_text(spec: ChartSpec, box: Box, size: float, family: str) -> tuple[list[str], int]:
    """Category labels as drawn, and every how many columns one is named: each whole in the room of as few
    columns as it needs (26 weeks each read 'w/c 2…'; every third named whole reads), shortened with … only
    when one would not fit even its own row of a bar chart."""
    def drawn(every: int) -> list:  # type: ignore[type-arg]
        return [fit(oxml.safe_label(c), width * every, size * 2.4, size, size, False, 2, family)
                for c in spec.categories]
    if spec.kind == "bar":
        width, every = box.width * 0.27, 1
    else:
        width = box.width * 0.9 / max(len(spec.categories), 1)
        every = next((k for k in range(1, len(spec.categories)) if not any(f.shortened for f in drawn(k))),
                     max(len(spec.categories), 1))
    return [f.text for f in drawn(every)], every


def add_chart(slide, box: Box, spec: ChartSpec, brand: Brand, scale: float):  # type: ignore[no-untyped-def]
    """The chart's frame on `slide`, drawn in `brand`, type scaled by `scale`."""
    label_pt = 12 * scale
    direct = direct_labels(spec)
    # python-pptx writes a series' format into its XML unescaped ('<0.01' would break the part): the workbook
    # and the cached values take the format's ordinary section, the labels (written through lxml) all of it.
    ordinary = spec.number_format.split(";")[-1]
    data = CategoryChartData(number_format=ordinary)
    data.categories, every = _category_text(spec, box, label_pt, brand.body_font)
    for series in spec.series:
        values = [None if spec.kind == "stacked_column" and v == 0 else _stored(spec, v) for v in series.values]
        data.add_series(oxml.safe_label(series.name), values, number_format=ordinary)
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
    for drawn, series in zip(plot.series, spec.series, strict=True):
        fill = drawn.format.fill
        fill.solid()
        fill.fore_color.rgb = rgb(brand.colour(series.colour))
        if spec.kind == "stacked_column" and series.colour == "light":  # white on light grey cannot be read
            own = drawn.data_labels
            own.show_value = True
            own.number_format, own.number_format_is_linked = spec.number_format, False
            own.position = XL_LABEL_POSITION.CENTER
            own.font.size = Pt(label_pt)
            own.font.color.rgb = rgb(brand.dark)
        if spec.kind == "line":
            drawn.format.line.color.rgb = rgb(brand.colour(series.colour))
        if spec.kind == "stacked_column":  # a thin segment is drawn, as in the app, without a number it cannot hold
            for j, value in enumerate(series.values):
                if value and not numbered(spec, value):
                    oxml.hide_label(drawn.points[j])
        if series.point_colours:
            for j, colour in enumerate(series.point_colours):
                point_fill = drawn.points[j].format.fill
                point_fill.solid()
                point_fill.fore_color.rgb = rgb(brand.colour(colour))
    top = value_max(spec)
    value_axis = chart.value_axis
    value_axis.has_major_gridlines = False
    value_axis.visible = False
    value_axis.minimum_scale = 0
    value_axis.maximum_scale = top
    category_axis = chart.category_axis
    category_axis.tick_labels.font.size = Pt(label_pt)
    category_axis.format.line.color.rgb = rgb(brand.grey)
    category_axis.has_major_gridlines = False
    if spec.kind == "bar":
        category_axis.reverse_order = True  # first category at the top, as read
    elif every > 1:
        oxml.name_every(category_axis, every)
    if direct:
        _label_series(slide, chart, box, spec, brand, top, label_pt)
    return frame


def _label_series(slide, chart, box: Box, spec: ChartSpec, brand: Brand, top: float, size: float) -> None:  # type: ignore[no-untyped-def]
    """Series names beside the last column, level with their segments: the legend, read in place."""
    plot = LABELLED_PLOT
    oxml.set_plot_area(chart, plot)
    count = len(spec.categories)
    slot = box.width * plot.w / count
    bar_right = box.left + box.width * plot.x + slot * (count - 1) + slot / 2 + slot / (1 + 0.8) / 2
    label_left = bar_right + size * 0.6
    label_w = box.left + box.width - label_left
    plot_top, plot_h = box.top + box.height * plot.y, box.height * plot.h
    line_h = size * 1.2
    wanted, base = [], 0.0
    for series in spec.series:
        value = series.values[-1]
        mid = base + value / 2
        base += value
        lines = min(len(wrap(series.name, label_w * WIDTH_SAFETY, size, True, brand.body_font)), 2)
        centre = plot_top + plot_h * (1 - mid / top)
        wanted.append((centre, lines * line_h, series))
    # bottom series first in the data; place from the top down without overlaps
    placed = []
    floor = plot_top
    for centre, height, series in sorted(wanted, key=lambda t: t[0]):
        y = max(centre - height / 2, floor)
        placed.append((y, height, series))
        floor = y + height + 2
    overflow = floor - 2 - (plot_top + plot_h)
    if overflow > 0:
        placed = [(y - overflow, height, series) for y, height, series in placed]
    for y, height, series in placed:
        colour = brand.colour(series.colour)
        text_box(slide, Box(label_left, y, label_w, height), series.name, size, size * 0.8, brand, bold=True,
                 colour=brand.dark if colour in (brand.grey, brand.light) else colour, max_lines=2, name=f"Label: {series.name}",
                 anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.LEFT)
