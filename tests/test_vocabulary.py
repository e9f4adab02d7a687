"""The vocabulary is the one list of each kind of word: everything that names one of them agrees with it."""

from __future__ import annotations

from typing import get_args

import pytest

from storykit import vocabulary
from storykit.ingest.roles.signatures import SIGNATURES
from storykit.model import Source
from storykit.narrative import what_could_be, what_is, what_it_costs
from storykit.narrative.asks import ASKS as ACT_THREE


def test_every_tool_the_reader_recognises_has_its_words():
    assert {s.name for s in SIGNATURES} <= set(vocabulary.FORMATS)


def test_a_source_of_an_unnamed_format_is_refused():
    with pytest.raises(ValueError, match="FORMATS"):
        Source("x.csv", "made_up_tool", None, 1, 1, {}, "activity", 1.0)


@pytest.mark.parametrize("table", [what_is.LEADS, what_it_costs.EMPHASIS, what_could_be.FUTURES],
                         ids=["act 1 leads", "act 2 emphasis", "act 3 futures"])
def test_every_audience_has_its_words_in_every_act(table):
    assert set(table) == set(vocabulary.AUDIENCES)


def test_every_ask_has_its_act_three_and_its_label():
    assert list(ACT_THREE) == list(vocabulary.ASKS) == list(vocabulary.ASK_LABELS)


def test_names_and_words_list_the_same_things():
    assert list(vocabulary.CHOICE_WORDS) == list(vocabulary.CLASSES)
    assert list(vocabulary.AUDIENCE_LABELS) == list(vocabulary.AUDIENCES)
    assert set(vocabulary.ROLE_NAMES) == set(vocabulary.ROLES) - {"hours_unit"}
    assert list(vocabulary.ACTS) == [1, 2, 3] and list(vocabulary.STAGES) == [1, 2, 3]


def test_every_chart_kind_is_drawn_by_both_renderers():
    """A new kind in chartspec.Kind needs its PowerPoint chart (export/chart.py) and its plotly drawing (charts.py)."""
    from storykit.charts import to_figure
    from storykit.chartspec import ChartSpec, Kind, Series
    from storykit.export.chart import CHART_TYPES

    assert set(CHART_TYPES) == set(get_args(Kind))
    drawn = {}
    for kind in get_args(Kind):
        spec = ChartSpec(kind, ("a", "b"), (Series("x", (1.0, 2.0)), Series("y", (3.0, 4.0))), "hours")
        fig = to_figure(spec)
        drawn[kind] = (fig.data[0].type, getattr(fig.data[0], "orientation", None), fig.layout.barmode)
    assert drawn == {"bar": ("bar", "h", "group"), "column": ("bar", "v", "group"),
                     "stacked_column": ("bar", "v", "stack"), "line": ("scatter", None, "group")}
