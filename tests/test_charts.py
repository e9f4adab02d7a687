"""The app's plotly charts (storykit.charts): direct labels that stay readable at every size."""

from __future__ import annotations

import itertools

import pytest

from storykit.charts import LINE_PX, to_figure
from storykit.chartspec import ChartSpec, Series, label_format, label_text


def stages(own: float, back: float, other: float) -> ChartSpec:
    """Act 3's chart: today and three stages, our own work, work back to us, other teams' work."""
    return ChartSpec("stacked_column", ("Today", "Stage 1", "Stage 2", "Stage 3"), (
        Series("Our own work", (own,) * 4), Series("Back to our own work", (0.0, back / 3, 2 * back / 3, back),
                                                   "dark"),
        Series("Other teams' work", (other, other - back / 3, other - 2 * back / 3, other - back), "accent"),
    ), "full-time people (FTE)", caption="Our team's time", legend=True)


@pytest.mark.parametrize("own, back, other", [(12.9, 1.1, 2.2), (5.4, 1.3, 2.5), (1.0, 1.0, 1.5), (40, 0.1, 0.2)],
                         ids=["thin stages (a real 15-person export)", "the sample", "small team", "slivers"])
@pytest.mark.parametrize("height", [320, 360])
def test_direct_labels_never_overlap_and_stay_on_the_chart(own, back, other, height):
    fig = to_figure(stages(own, back, other), height=height)
    top = fig.layout.yaxis.range[1]
    px_per_unit = (height - fig.layout.margin.t - fig.layout.margin.b) / top  # the plot's own height
    assert fig.layout.xaxis.automargin is False  # no margin plotly could grow: that height is the one drawn
    labels = sorted(fig.layout.annotations, key=lambda a: a.y)
    spans = [(a.y * px_per_unit - LINE_PX * (a.text.count("<br>") + 1) / 2,
              a.y * px_per_unit + LINE_PX * (a.text.count("<br>") + 1) / 2) for a in labels]
    for (_, upper), (lower, _) in itertools.pairwise(spans):
        assert lower >= upper - 0.5, [a.text for a in labels]
    assert spans[0][0] >= -0.5 and spans[-1][1] <= top * px_per_unit + 0.5


def test_labels_sit_level_with_their_segments_when_there_is_room():
    spec = stages(5.4, 1.3, 2.5)
    fig = to_figure(spec)
    last = [s.values[-1] for s in spec.series]
    centres = [sum(last[:i]) + v / 2 for i, v in enumerate(last)]
    assert next(a.y for a in fig.layout.annotations) == pytest.approx(centres[0])


@pytest.mark.parametrize("category, lines", [
    ("Stage 2, 9 Nov", ["Stage 2,", "9 Nov"]), ("Stage 1, 12 Oct", ["Stage 1,", "12 Oct"]), ("Today", ["Today"]),
    ("w/c 7 Sep", ["w/c 7 Sep"]), ("", [""]),
], ids=lambda x: repr(x))
def test_a_column_name_wraps_after_its_comma_and_keeps_a_date_whole(category, lines):
    """'Stage 2, 9' over 'Nov' cut a date from its month under act 3's columns."""
    from storykit.charts import tick_lines

    assert tick_lines(category) == lines
    spec = stages(5.4, 1.3, 2.5)
    ticks = to_figure(spec).layout.xaxis.ticktext
    assert [t.split("<br>") for t in ticks] == [tick_lines(c) for c in spec.categories]


def deck_chart(spec: ChartSpec):  # type: ignore[no-untyped-def]
    """The spec as the deck draws it: a python-pptx chart on a blank slide, in our design."""
    from pptx import Presentation

    from storykit.export.brand import Brand
    from storykit.export.chart import add_chart
    from storykit.export.geometry import Box

    prs = Presentation()
    return add_chart(prs.slides.add_slide(prs.slide_layouts[6]), Box(0, 0, 480, 300), spec, Brand(), 1.0).chart


@pytest.mark.parametrize("own, back, other, printed", [
    # files from three periods made a whole team 0.07 FTE: an absolute 0.05 FTE floor hid every number
    (0.02, 0.0, 0.05, {"0.02", "0.05"}),
    # on an 8 FTE column a 0.1-0.3 FTE sliver (under 4% of its height) cannot hold a 12 px number; 0.4 can
    (7.5, 0.4, 0.5, {"7.5", "0.5", "0.4"}),
], ids=["a tiny team's column", "slivers of a big one"])
def test_a_segment_carries_its_number_by_its_share_of_the_scale_in_the_app_and_the_deck(own, back, other, printed):
    from pptx.oxml.ns import qn

    drawn = stages(own, back, other)
    spec = ChartSpec(drawn.kind, drawn.categories, drawn.series, drawn.unit, legend=True,
                     number_format=label_format(tuple(v for s in drawn.series for v in s.values)))
    app = {t for trace in to_figure(spec).data for t in trace.text if t}
    deck = set()
    for series, given in zip(deck_chart(spec).plots[0].series, spec.series, strict=True):
        deleted = {int(d.find(qn("c:idx")).get("val")) for d in series._element.iter(qn("c:dLbl"))
                   if d.find(qn("c:delete")) is not None}
        deck |= {label_text(spec.number_format, v) for i, v in enumerate(given.values) if v and i not in deleted}
    assert app == deck == printed


def test_a_segments_number_sits_in_its_middle_in_the_app_as_in_the_deck():
    """The app printed each number at the top of its segment ('5.4' on the line where 0.4 began), the deck in
    its middle: both now centre it."""
    from pptx.enum.chart import XL_LABEL_POSITION

    spec = stages(5.4, 1.3, 2.5)
    assert {trace.insidetextanchor for trace in to_figure(spec).data} == {"middle"}
    assert deck_chart(spec).plots[0].data_labels.position == XL_LABEL_POSITION.CENTER


def test_a_legend_names_the_series_in_the_decks_order():
    """Where a legend is needed (a series ends at zero), plotly listed a stack top first ('No owner yet, Owner
    agreed, Our own work'), the deck bottom first: both now read the series in the spec's order."""
    spec = stages(5.4, 2.5, 2.5)  # everything back: other teams' work ends at 0, so no direct labels
    fig = to_figure(spec)
    assert fig.layout.showlegend and fig.layout.legend.traceorder == "normal"
    assert [t.name for t in fig.data] == [s.name for s in spec.series]
