"""ChartSpec -> plotly figure, for the app; the deck draws the same spec with python-pptx."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from storykit.chartspec import (
    DARK,
    GREY,
    LIGHT,
    PALETTE,
    TEXT,
    ChartSpec,
    data_top,
    direct_labels,
    label_text,
    numbered,
)

FONT = "Calibri, Carlito, 'Segoe UI', Arial, sans-serif"
LABEL_CHARS = 13  # a direct label wraps at this many characters, so a phone's chart keeps room for its bars
LINE_PX = 18  # a label line's height at the chart's 14 px font, with its leading
TICK_CHARS = 10  # beside direct labels, a column's name wraps at this ('Stage 1, 19 Jan 2026' in three lines)
TICK_PX = 16  # a wrapped column name's line at 13 px
LABEL_MIN_PX = 12  # a data label is never drawn smaller: plotly shrank a thin segment's '0.4' to 9 px


def to_figure(spec: ChartSpec, height: int = 420, *, caption: bool = True) -> go.Figure:
    """The spec as a plotly figure; caption=False leaves the caption to the page, where text wraps
    on a narrow screen (a plotly title never wraps: it is cut)."""
    fig = go.Figure()
    horizontal = spec.kind == "bar"
    for s in spec.series:
        colours = [PALETTE[c] for c in s.point_colours] if s.point_colours else PALETTE[s.colour]
        values = list(s.values)
        cats = list(spec.categories)
        labels = [label_text(spec.number_format, v) for v in values]  # as the deck's data labels read
        hover = f"%{{{'y' if horizontal else 'x'}}}: %{{customdata}} {spec.unit}<extra>{s.name}</extra>"
        if spec.kind == "line":
            fig.add_trace(go.Scatter(x=cats, y=values, name=s.name, mode="lines+markers+text",
                                     line={"color": PALETTE[s.colour], "width": 3}, text=labels,
                                     textposition="top center", customdata=labels, hovertemplate=hover))
            continue
        texts = [t if numbered(spec, v) else "" for v, t in zip(values, labels, strict=True)]
        fig.add_trace(go.Bar(
            x=values if horizontal else cats, y=cats if horizontal else values, name=s.name,
            orientation="h" if horizontal else "v", marker_color=colours, text=texts, texttemplate="%{text}",
            textposition="inside" if spec.kind == "stacked_column" else "outside",
            insidetextanchor="middle",  # a segment's number in its middle, as the deck centres it (not at its top)
            insidetextfont={"color": DARK if s.colour == "light" else "white"}, cliponaxis=False,
            customdata=labels, hovertemplate=hover,
        ))
    value_axis = {"visible": False, "rangemode": "tozero"}
    if spec.value_max is not None:
        value_axis["range"] = [0, spec.value_max]
    category_axis = {"showgrid": False, "tickfont": {"size": 14}}
    if horizontal:
        category_axis["autorange"] = "reversed"
    direct = direct_labels(spec)
    label_width, margin_top, margin_bottom = 0, (40 if spec.caption and caption else 10), 10
    if direct:  # series named beside the last column, level with their segments, as in the deck
        top = spec.value_max or data_top(spec) * 1.02
        value_axis["range"] = [0, top]
        # The labels are placed in the plot's units, so its height in pixels must be known: the column names
        # are wrapped level under their columns in a margin of their own (left to plotly, they turn on a narrow
        # screen and take a height nobody can know here, and the labels beside the columns ran into each other).
        ticks = [tick_lines(c) for c in spec.categories]
        category_axis.update(tickvals=list(spec.categories), ticktext=["<br>".join(t) for t in ticks], tickangle=0,
                             automargin=False, tickfont={"size": 13})
        margin_bottom = 8 + max(len(t) for t in ticks) * TICK_PX
        names = [textwrap.wrap(s.name, LABEL_CHARS) or [s.name] for s in spec.series]
        label_width = max(len(line) for lines in names for line in lines)
        plot_px = max(height - margin_top - margin_bottom, 1)
        ys = _apart([sum(s.values[-1] for s in spec.series[:i]) + s.values[-1] / 2 for i, s in enumerate(spec.series)],
                    [len(lines) * LINE_PX * top / plot_px for lines in names], top)
        for s, lines, y in zip(spec.series, names, ys, strict=True):
            colour = PALETTE[s.colour]
            fig.add_annotation(x=1.0, xref="paper", y=y, text="<b>" + "<br>".join(lines) + "</b>",
                               showarrow=False, xanchor="left", xshift=4, align="left",
                               font={"color": DARK if colour in (GREY, LIGHT) else colour})
    fig.update_layout(
        uniformtext={"minsize": LABEL_MIN_PX, "mode": "show"},
        barmode="stack" if spec.kind == "stacked_column" else "group",
        height=height, margin={"l": 10, "r": 8 * label_width + 16 if direct else 30, "t": margin_top,
                               "b": margin_bottom},
        font={"family": FONT, "color": TEXT, "size": 14},
        title={"text": spec.caption, "font": {"size": 15}, "x": 0, "xanchor": "left"} if spec.caption and caption
        else None,
        showlegend=spec.legend and not direct and len(spec.series) > 1,
        legend={"orientation": "h", "y": -0.12, "traceorder": "normal"},  # bottom first, as the deck lists them
        plot_bgcolor="white", paper_bgcolor="white", bargap=0.35,
        xaxis=value_axis if horizontal else category_axis,
        yaxis=category_axis if horizontal else value_axis,
    )
    return fig


def tick_lines(category: str) -> list[str]:
    """A column's name in lines of TICK_CHARS, broken after its comma first: 'Stage 2,' / '9 Nov', never
    'Stage 2, 9' / 'Nov' (a date cut from its month)."""
    parts = category.split(", ")
    lines = [line for i, part in enumerate(parts)
             for line in textwrap.wrap(part + ("," if i < len(parts) - 1 else ""), TICK_CHARS)]
    return lines or [category]


def _apart(centres: list[float], heights: list[float], top: float) -> list[float]:
    """Label centres (bottom first) moved apart just enough that no two labels overlap, within 0..top.

    Thin segments put their labels on top of each other (two one-hour stages); each label is pushed
    up past the one below it, and the stack moved down as a whole if it then runs over the top.
    """
    ys = list(centres)
    for i in range(1, len(ys)):
        ys[i] = max(ys[i], ys[i - 1] + (heights[i - 1] + heights[i]) / 2)
    over = ys[-1] + heights[-1] / 2 - top if ys else 0.0
    if over > 0:
        ys = [y - over for y in ys]
        for i in range(len(ys) - 2, -1, -1):  # each label below makes room again, from the top down
            ys[i] = min(ys[i], ys[i + 1] - (heights[i] + heights[i + 1]) / 2)
    return ys
