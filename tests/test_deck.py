"""Deck structure: three 16:9 slides, a native chart each, titles with numbers, real notes, true properties."""

from __future__ import annotations

import datetime as dt
import functools
import io
import re

import pytest
from pptx import Presentation

import storykit as sk
from tests.conftest import SAMPLES

SAMPLE_FILES = ["toggl_support_team.csv", "harvest_service_desk.csv", "handmade_care_team.xlsx"]


@functools.cache
def deck_for(name: str) -> tuple[sk.Story, Presentation]:
    """The sample's story and its deck (built once per file; tests only read them)."""
    project = sk.Project.from_json((SAMPLES / "project.json").read_text())
    story = sk.build_story(sk.load(SAMPLES / name), project)
    return story, Presentation(io.BytesIO(sk.build_deck(story)))


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_three_slides_each_with_chart_title_and_notes(name):
    story, prs = deck_for(name)
    assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)  # PowerPoint widescreen
    assert len(prs.slides) == 3
    for slide, act in zip(prs.slides, story.acts, strict=True):
        charts = [s for s in slide.shapes if s.has_chart]
        assert len(charts) == 1
        assert charts[0].chart.part.partname.startswith("/ppt/charts/")
        descr = charts[0]._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
        assert descr and act.chart.alt_text == descr
        titles = [s for s in slide.shapes if s.name == "Title"]
        assert titles[0].text_frame.text == act.title
        assert re.search(r"\d", act.title)
        notes = slide.notes_slide.notes_text_frame.text
        assert len(notes.split()) >= 60


def test_chart_data_is_the_chartspec():
    story, prs = deck_for("toggl_support_team.csv")
    for slide, act in zip(prs.slides, story.acts, strict=True):
        chart = next(s for s in slide.shapes if s.has_chart).chart
        assert tuple(chart.plots[0].categories) == act.chart.categories
        for series, spec in zip(chart.plots[0].series, act.chart.series, strict=True):
            expected = [None if act.chart.kind == "stacked_column" and abs(v) < 0.05 else round(v, 3)
                        for v in spec.values]
            assert list(series.values) == expected


def test_colours_are_grey_and_one_accent():
    _, prs = deck_for("toggl_support_team.csv")
    bar = next(s for s in prs.slides[0].shapes if s.has_chart).chart
    xml = bar._chartSpace.xml
    colours = set(re.findall(r'<a:srgbClr val="([0-9A-F]{6})"', xml))
    assert {"A3A8AE", "D9480F"} <= colours
    assert colours <= {"A3A8AE", "D9480F", "3B4046", "1F2328", "FFFFFF"}


def test_core_properties_are_truthful():
    story, _ = deck_for("toggl_support_team.csv")
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    props = Presentation(io.BytesIO(sk.build_deck(story))).core_properties
    assert props.title == story.title
    assert props.author == "Customer Support lead"
    assert props.last_modified_by == "Customer Support lead"
    assert props.created >= before - dt.timedelta(seconds=1)
    assert props.modified >= before - dt.timedelta(seconds=1)
    assert "python-pptx" not in (props.author + props.last_modified_by + props.comments)


def test_formula_like_labels_stay_text_in_the_chart_workbook():
    import openpyxl
    import pandas as pd

    from storykit.model import Choice, Source, TimeLog

    frame = pd.DataFrame({"date": pd.to_datetime(["2026-01-05"] * 2), "person": ["A", "B"],
                          "activity": ["=HYPERLINK(\"http://x\")", "Customer tickets"], "hours": [3.0, 5.0],
                          "file": "x.csv", "sheet": None, "row": [2, 3]})
    log = TimeLog(frame, (Source("x.csv", "generic", None, 1, 2, {}, "activity", 1.0),))
    project = sk.Project(assignments={"=HYPERLINK(\"http://x\")": Choice.of_team("=EVIL()")})
    prs = Presentation(io.BytesIO(sk.build_deck(sk.build_story(log, project))))
    chart = next(s for s in prs.slides[0].shapes if s.has_chart).chart
    wb = openpyxl.load_workbook(io.BytesIO(chart.part.chart_workbook.xlsx_part.blob))
    cells = [c for row in wb.active.iter_rows() for c in row if c.value is not None]
    assert any(c.value == "=EVIL()" for c in cells)
    assert all(c.data_type != "f" for c in cells)


# -- properties, reading order, privacy, appendix ------------------------------------------------

def _parts(deck: bytes) -> dict[str, bytes]:
    """Every part of the package, with the embedded chart workbooks opened up too."""
    import zipfile

    out = {}
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        for name in z.namelist():
            blob = z.read(name)
            if name.endswith(".xlsx"):
                with zipfile.ZipFile(io.BytesIO(blob)) as inner:
                    for sub in inner.namelist():
                        out[f"{name}!{sub}"] = inner.read(sub)
            else:
                out[name] = blob
    return out


def test_app_properties_describe_this_deck_not_the_default_template():
    story, _ = deck_for("toggl_support_team.csv")
    parts = _parts(sk.build_deck(story))
    app = parts["docProps/app.xml"].decode()
    assert "<Application>storykit</Application>" in app
    assert "<Slides>3</Slides>" in app and "<Notes>3</Notes>" in app
    assert "Widescreen" in app
    for leftover in ("Microsoft", "Office Theme", "4:3", "python-pptx"):
        assert leftover not in app
    for title in story.titles:
        assert title.replace("'", "&apos;") in app or title in app
    assert not any("thumbnail" in name for name in parts)
    core = parts["docProps/core.xml"].decode()
    assert "python-pptx" not in core and "PowerPoint Presentation" not in core
    assert 'type="screen4x3"' not in parts["ppt/presentation.xml"].decode()


def test_created_and_modified_are_the_given_time():
    story, _ = deck_for("toggl_support_team.csv")
    when = dt.datetime(2026, 11, 2, 9, 30)
    props = Presentation(io.BytesIO(sk.build_deck(story, sk.DeckOptions(now=when)))).core_properties
    assert props.created == when and props.modified == when
    assert props.subject == story.subject


def test_author_is_blank_without_settings():
    story = sk.build_story(sk.load(SAMPLES / "toggl_support_team.csv"), sk.Project())
    props = Presentation(io.BytesIO(sk.build_deck(story))).core_properties
    assert props.author == "" and props.last_modified_by == ""


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_title_is_first_in_reading_order_and_is_the_slide_title(name):
    story, prs = deck_for(name)
    for slide, act in zip(prs.slides, story.acts, strict=True):
        first = next(iter(slide.shapes))
        assert first.name == "Title" and first.text_frame.text == act.title
        assert slide.shapes.title is not None and slide.shapes.title.text_frame.text == act.title
        names = [s.name for s in slide.shapes]
        assert names.index("Chart") < names.index("Big number") < names.index("Points") < names.index("Source")


def test_every_chart_has_alt_text_naming_its_numbers():
    story, prs = deck_for("harvest_service_desk.csv")
    for slide, act in zip(prs.slides, story.acts, strict=True):
        frames = [s for s in slide.shapes if s.has_chart]
        for frame in frames:
            descr = frame._element.xpath("./p:nvGraphicFramePr/p:cNvPr")[0].get("descr")
            assert descr == act.chart.alt_text
            assert re.search(r"\d", descr)


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_no_real_name_in_the_deck_by_default(name):
    log = sk.load(SAMPLES / name)
    project = sk.Project.from_json((SAMPLES / "project.json").read_text())
    deck = sk.build_deck(sk.build_story(log, project))
    text = b"\n".join(_parts(deck).values()).decode("utf-8", "replace")
    people = [p for p in log.people if len(p) > 2]
    assert people
    leaked = [p for p in people if p in text]
    assert leaked == []
    # the same check finds names when the user opts in and a few carry the load, so it is not vacuous
    from tests.test_deck_truth import team_log

    heroes = team_log([6, 6, 3, 3, 3, 2, 2, 2])
    shown = sk.Project(settings=replace_settings(project, show_names=True, audience="people"),
                       scenario=project.scenario, service=project.service)
    for names, found in ((False, False), (True, True)):
        chosen = shown if names else sk.Project(settings=replace_settings(shown, show_names=False))
        opted = sk.build_deck(sk.build_story(heroes, chosen))
        opted_text = b"\n".join(_parts(opted).values()).decode("utf-8", "replace")
        assert ("P1 Name" in opted_text) is found


def replace_settings(project: sk.Project, **changes: object) -> sk.Settings:
    import dataclasses

    return dataclasses.replace(project.settings, **changes)  # type: ignore[arg-type]


def test_stacked_chart_names_its_series_beside_the_bars_not_in_a_legend():
    story, prs = deck_for("toggl_support_team.csv")
    slide = prs.slides[2]
    chart = next(s for s in slide.shapes if s.has_chart)
    assert not chart.chart.has_legend
    labels = {s.text_frame.text for s in slide.shapes if s.name.startswith("Label: ")}
    assert labels == {s.name for s in story.acts[2].chart.series}
    for shape in slide.shapes:  # each label sits to the right of the plot, inside the chart frame
        if shape.name.startswith("Label: "):
            assert chart.left + chart.width * 0.6 < shape.left < chart.left + chart.width
            assert chart.top <= shape.top and shape.top + shape.height <= chart.top + chart.height


def test_stacked_chart_keeps_one_scale_for_today_and_after():
    story, prs = deck_for("toggl_support_team.csv")
    chart = next(s for s in prs.slides[2].shapes if s.has_chart).chart
    spec = story.acts[2].chart
    totals = [sum(s.values[i] for s in spec.series) for i in range(len(spec.categories))]
    assert chart.value_axis.minimum_scale == 0
    expected = spec.value_max if spec.value_max is not None else max(totals) * 1.02
    assert chart.value_axis.maximum_scale == pytest.approx(expected)
    assert chart.value_axis.maximum_scale >= max(totals)


def test_notes_are_paragraphs_with_bold_headings():
    story, prs = deck_for("toggl_support_team.csv")
    notes = prs.slides[0].notes_slide.notes_text_frame
    assert notes.text == story.acts[0].notes.text
    headings = [p for p in notes.paragraphs if p.runs and p.runs[0].font.bold]
    assert [p.text for p in headings][:2] == ["TALK TRACK (about a minute)", "ASSUMPTIONS"]


def test_appendix_is_off_by_default_and_adds_method_and_data_slides():
    log = sk.load(SAMPLES / "toggl_support_team.csv")
    project = sk.Project.from_json((SAMPLES / "project.json").read_text())
    analysis = sk.analyse(log, project)
    story = sk.build_story(log, project)
    assert len(Presentation(io.BytesIO(sk.build_deck(story))).slides) == 3
    deck = sk.build_deck(story, sk.DeckOptions(appendix=True))
    prs = Presentation(io.BytesIO(deck))
    assert len(prs.slides) == 5
    method = next(s for s in prs.slides[3].shapes if s.has_table).table
    rows = [[c.text for c in r.cells] for r in method.rows]
    m = analysis.metrics
    assert rows[0] == ["Measure", "Value", "What it means", "How it was calculated"]
    share = next(r for r in rows if r[0] == "Other-team share")
    assert share[1] == f"{m.other_team_share:.0%}"
    assert f"{m.other_team_hours:,.1f} h other-team / {m.work_hours:,.1f} h work" == share[3]
    data = next(s for s in prs.slides[4].shapes if s.has_table).table
    table = {r.cells[0].text: r.cells[1].text for r in data.rows}
    for owner, hours in m.by_owner:
        assert table[f"Other team: {owner}"] == f"{hours:,.1f}"
    assert table["Work hours in total"] == f"{m.work_hours:,.1f}"
    assert "<Slides>5</Slides>" in _parts(deck)["docProps/app.xml"].decode()


def test_the_app_chart_labels_the_stacked_series_the_same_way():
    from storykit.charts import to_figure

    story, _ = deck_for("toggl_support_team.csv")
    spec = story.acts[2].chart
    fig = to_figure(spec)
    assert not fig.layout.showlegend
    # the same names, wrapped onto lines so a phone's chart keeps room for its bars
    assert [a.text.replace("<br>", " ") for a in fig.layout.annotations] == [f"<b>{s.name}</b>" for s in spec.series]
    ys = [a.y for a in fig.layout.annotations]
    assert ys == sorted(ys)  # bottom series first, each level with its segment
    assert list(fig.layout.yaxis.range) == [0, pytest.approx(spec.value_max or max(ys) * 2)]


@pytest.mark.parametrize("weeks", [4, 26], ids=lambda w: f"{w} weeks")
def test_a_chart_of_many_weeks_names_every_few_weeks_whole_not_each_cut(weeks):
    """A log of 26 weeks: each week's label had a 26th of the chart and read 'w/c 2…'. The deck keeps every
    week's name whole and names every k-th (c:tickLblSkip), k the fewest columns each name needs; a few weeks
    are each named."""
    from lxml import etree
    from pptx.oxml.ns import qn

    from storykit.export.fit import line_count
    from tests.test_metrics import tiny_log

    monday = dt.date(2026, 1, 5)
    rows = [(str(monday + dt.timedelta(weeks=w, days=d)), "Ann", label, 4.0)
            for w in range(weeks) for d in range(3) for label in ("Customer tickets", "Phone overflow")]
    story = sk.build_story(tiny_log(rows), sk.Project())
    spec = story.acts[1].chart
    assert spec.kind == "column" and len(spec.categories) == weeks
    chart = next(s for s in Presentation(io.BytesIO(sk.build_deck(story))).slides[1].shapes if s.has_chart)
    assert list(chart.chart.plots[0].categories) == list(spec.categories)  # whole: no '…'
    skip = etree.fromstring(chart.chart.part.blob).find(f".//{qn('c:catAx')}/{qn('c:tickLblSkip')}")
    every = 1 if skip is None else int(skip.get("val"))
    room = chart.width / 12700 * 0.9 / weeks  # pt of one column's slot, as the deck measures it
    fits = [all(line_count(c, room * k, 12) <= 2 for c in spec.categories) for k in range(1, weeks + 1)]
    assert every == fits.index(True) + 1 and (every > 1) == (weeks == 26)
